/**
 * Class links: the settings a teacher fixes for every student (scenario, class seed, reading
 * level, whether the dice are shown, an optional decision timer and, at a negotiating table, the
 * built-in agent that plays the Department), carried in the link itself so no server is needed.
 * Layout: "c<format>." + base64url of UTF-8 JSON + CRC-32 (pure). Format 1 holds seven settings;
 * format 2, written only for a class with a Department agent, adds it as an eighth, so a class
 * without one keeps the links older games read; format 3, written only for a class that plays the
 * Department or in pairs, adds the side as a ninth ("department", "pair": two students on one
 * device, "links": two students on two devices); the eighth is then the other side's agent, or
 * null (a pair has none).
 */
import { findScenario, versionsText } from './catalogue.ts';
import { crc32, fromBase64Url, MAX_CODE_LENGTH, toBase64Url } from './record.ts';
import { checkSeed } from './run.ts';
import type { Scenario } from './schema.ts';
import type { Level } from './view.ts';
import { BUILTIN_AGENT_NAMES, builtinAgent } from './negotiation/agents.ts';
import { canPlayDepartment } from './department-side.ts';

export const CLASS_FORMAT = 3;
export const TIMER_CHOICES = [null, 30, 60, 90, 120] as const;

export interface ClassSettings {
  scenario: string;
  version: number;
  seed: string;
  level: Level;
  /** Whether students see each reaction's chance and roll. */
  showOdds: boolean;
  /** Seconds per decision (a soft countdown), or null for none. */
  timer: number | null;
  /** An optional name for the class, shown to students. */
  name: string;
  /**
   * At a negotiating table: the built-in agent that plays the Department in place of the
   * scenario's own (a hard or a soft Department, or a random one), or null for the scenario's.
   */
  opponent: string | null;
  /**
   * The side students play: the lab (absent), the Department (a scenario with its briefing,
   * version 3; `opponent` is then the lab's agent, null for the scenario's own), or pairs, one
   * student per side, on one device ("pair") or on two by turn links ("links"); a pair has no agent.
   */
  side?: ClassSide;
}

export type ClassSide = 'department' | 'pair' | 'links';
const CLASS_SIDES: readonly ClassSide[] = ['department', 'pair', 'links'];

export type ClassResult = { ok: true; settings: ClassSettings } | { ok: false; message: string };

/** Why settings cannot make a class link, or null (pure). */
export function classProblem(s: ClassSettings, scenarios: readonly Scenario[]): string | null {
  const found = findScenario(scenarios, s.scenario, s.version);
  if (!found.ok && found.kind === 'unknown-scenario') return `The class is for the scenario "${s.scenario}", which this game does not have.`;
  if (!found.ok) return `The class was made for version ${s.version} of "${s.scenario}"; this game has ${versionsText(found.versions)}, so students would not face the same game.`;
  const seed = checkSeed(s.seed);
  if (!seed.ok) return `The class seed cannot be used: ${seed.message}`;
  if (s.level !== 'standard' && s.level !== 'simple') return `The reading level must be "standard" or "simple", not "${String(s.level)}".`;
  if (typeof s.showOdds !== 'boolean') return 'Whether odds are shown must be yes or no.';
  if (s.timer !== null && !(Number.isInteger(s.timer) && s.timer >= 10 && s.timer <= 600)) return 'The decision timer must be off or between 10 and 600 seconds.';
  if (typeof s.name !== 'string' || [...s.name].length > 60) return 'The class name must be text of at most 60 characters.';
  if (s.opponent !== null) {
    if (typeof s.opponent !== 'string' || !builtinAgent(s.opponent)) return `The Department's agent must be one of the built-in agents (${BUILTIN_AGENT_NAMES.join(', ')}), not "${String(s.opponent)}".`;
    if (!found.scenario.negotiation) return `A Department agent needs a scenario with a negotiation; "${s.scenario}" version ${s.version} has none.`;
  }
  if (s.side !== undefined) {
    if (!CLASS_SIDES.includes(s.side)) return `The side students play must be the lab, the Department or pairs, not "${String(s.side)}".`;
    if (!canPlayDepartment(found.scenario)) return `${s.side === 'department' ? 'Playing the Department' : 'Playing in pairs'} needs a scenario with the Department's briefing; "${s.scenario}" version ${s.version} has none.`;
    if (s.side !== 'department' && s.opponent !== null) return 'A class of pairs has no agent: each side is played by a student.';
  }
  return null;
}

/** The class code of valid settings (pure; throws on invalid ones). */
export function encodeClass(s: ClassSettings, scenarios: readonly Scenario[]): string {
  const problem = classProblem(s, scenarios);
  if (problem) throw new RangeError(problem);
  const fields: unknown[] = [s.scenario, s.version, s.seed, s.level, s.showOdds ? 1 : 0, s.timer ?? 0, s.name];
  const format = s.side !== undefined ? 3 : s.opponent === null ? 1 : 2;
  if (format === 2) fields.push(s.opponent);
  if (format === 3) fields.push(s.opponent, s.side);
  const body = new TextEncoder().encode(JSON.stringify(fields));
  const crc = crc32(new Uint8Array([format, ...body]));
  return `c${format}.${toBase64Url(new Uint8Array([...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]))}`;
}

/** Reads a class code and checks it against the scenarios this game has (pure). */
export function decodeClass(input: string, scenarios: readonly Scenario[]): ClassResult {
  const text = input.trim();
  if (text.length > MAX_CODE_LENGTH) return { ok: false, message: `This is not a Red Lines class link: its class code is ${text.length} characters long, and one has at most ${MAX_CODE_LENGTH}.` };
  const m = /^c(0|[1-9]\d*)\.([A-Za-z0-9_-]*)$/.exec(text);
  if (!m) return { ok: false, message: 'This is not a Red Lines class link: its class code should start with "c1.", "c2." or "c3." followed by letters, digits, "-" and "_".' };
  const format = Number(m[1]);
  if (format > CLASS_FORMAT) return { ok: false, message: `This class link was made by a newer Red Lines (class format ${format}); this game reads format ${CLASS_FORMAT}.` };
  if (format < 1) return { ok: false, message: `Class format ${format} does not exist.` };
  const bytes = fromBase64Url(m[2]!);
  if (typeof bytes === 'number' || bytes.length < 5 || toBase64Url(bytes) !== m[2]) return { ok: false, message: 'The class link is damaged or incomplete: copy the whole link again.' };
  const body = bytes.subarray(0, bytes.length - 4);
  const c = bytes.subarray(bytes.length - 4);
  if (crc32(new Uint8Array([format, ...body])) !== (((c[0]! << 24) | (c[1]! << 16) | (c[2]! << 8) | c[3]!) >>> 0)) {
    return { ok: false, message: 'The class link is damaged: its checksum does not match, so a character was changed, added or lost. Copy the whole link again.' };
  }
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { ok: false, message: 'The class link is damaged: its content does not parse.' };
  }
  if (!Array.isArray(data) || data.length !== format + 6) return { ok: false, message: 'The class link is damaged: its content is not a class.' };
  const [scenario, version, seed, level, odds, timer, name, opponent, side] = data as unknown[];
  const badSeat = (format === 2 && typeof opponent !== 'string') || (format === 3 && ((opponent !== null && typeof opponent !== 'string') || !CLASS_SIDES.includes(side as ClassSide)));
  if (typeof scenario !== 'string' || !Number.isInteger(version) || typeof seed !== 'string' || typeof name !== 'string' || (odds !== 0 && odds !== 1) || !Number.isInteger(timer) || badSeat) {
    return { ok: false, message: 'The class link is damaged: a setting is missing or of the wrong kind.' };
  }
  const settings: ClassSettings = { scenario, version: version as number, seed, level: level as Level, showOdds: odds === 1, timer: timer === 0 ? null : (timer as number), name, opponent: format >= 2 ? (opponent as string | null) : null, ...(format === 3 ? { side: side as ClassSide } : {}) };
  const problem = classProblem(settings, scenarios);
  return problem ? { ok: false, message: problem } : { ok: true, settings };
}
