/**
 * Run files: a finished or unfinished run as JSON, to export and import. The file carries its
 * format name and version; a newer format is refused, an older one migrated where it can be.
 * Importing re-plays the record, so a file whose hash does not match its choices is caught.
 */
import { stateHash } from './hash.ts';
import type { RunRecord } from './record.ts';
import { findScenario, versionsText } from './catalogue.ts';
import { foldRecord, type RunState } from './engine.ts';
import type { TimelineEntry } from './rules.ts';
import type { Scenario } from './schema.ts';
import { BUILTIN_AGENT_NAMES, builtinAgent } from './negotiation/agents.ts';

export const RUN_FILE_FORMAT = 'red-lines-run';
/** The newest run file format this game reads. A run of the lab is written as format 1, which older games read too. */
export const RUN_FILE_VERSION = 3;
/** Format 2 adds `side` and `opponent`: a run that played the Department, or the lab against a built-in Department agent. */
export const SIDE_RUN_FILE_VERSION = 2;
/** Format 3 allows `side: "pair"`: two people, one per side, with no agent; `choices` are both sides' moves in order. */
export const PAIR_RUN_FILE_VERSION = 3;

export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  formatVersion: number;
  scenario: string;
  scenarioVersion: number;
  seed: string;
  /** Format 2: the side played when it was the Department, and the other side's built-in agent (the lab's; or, with no side, the Department's). */
  side?: 'department' | 'pair';
  opponent?: string;
  choices: string[];
  hash: string;
  ending: string | null;
  timeline: TimelineEntry[];
}

export type RunFileResult = { ok: true; record: RunRecord; file: RunFile } | { ok: false; message: string };

/** The run file of a run record (pure; the record must replay). */
export function exportRunFile(scenario: Scenario, record: RunRecord): RunFile {
  const r = foldRecord(scenario, record);
  if (!r.ok) throw r.error;
  return fileOf(record, r.state);
}

/** The run file of a record and the state it replays to. */
function fileOf(record: RunRecord, state: RunState): RunFile {
  const ctx = state.context;
  const department = record.side === 'department';
  const pair = record.side === 'pair';
  const agent = ctx.opponent !== undefined;
  return {
    format: RUN_FILE_FORMAT,
    formatVersion: pair ? PAIR_RUN_FILE_VERSION : agent ? SIDE_RUN_FILE_VERSION : 1,
    scenario: record.scenario,
    scenarioVersion: record.version,
    seed: record.seed,
    ...(department ? { side: 'department' as const } : pair ? { side: 'pair' as const } : {}),
    ...(agent ? { opponent: ctx.opponent } : {}),
    choices: record.choices,
    hash: stateHash(state.value, ctx),
    ending: ctx.ending,
    timeline: ctx.timeline,
  };
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads a run file's text, migrates it, checks it against the scenarios and replays it (pure). */
export function importRunFile(text: string, scenarios: readonly Scenario[]): RunFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `This is not a run file: it is not valid JSON (${(e as Error).message}).` };
  }
  if (!isObj(data) || data.format !== RUN_FILE_FORMAT) return { ok: false, message: `This is not a Red Lines run file (its "format" is not "${RUN_FILE_FORMAT}").` };
  const v = data.formatVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return { ok: false, message: 'The run file has no valid "formatVersion".' };
  if (v > RUN_FILE_VERSION) return { ok: false, message: `The run file was made by a newer Red Lines (run file format ${v}); this game reads format ${RUN_FILE_VERSION} and older.` };
  const problems: string[] = [];
  const field = <T>(name: string, ok: (x: unknown) => boolean, what: string): T | undefined => {
    if (!ok(data[name])) problems.push(`"${name}" must be ${what}`);
    return data[name] as T;
  };
  const scenario = field<string>('scenario', (x) => typeof x === 'string', 'a scenario id');
  const scenarioVersion = field<number>('scenarioVersion', (x) => Number.isInteger(x), 'a whole number');
  const seed = field<string>('seed', (x) => typeof x === 'string', 'text');
  const choices = field<string[]>('choices', (x) => Array.isArray(x) && x.every((c) => typeof c === 'string'), 'a list of choice ids');
  const hash = field<string>('hash', (x) => typeof x === 'string' && /^[0-9a-f]{16}$/.test(x), '16 hexadecimal digits');
  const side = data.side === undefined ? undefined : field<'department' | 'pair'>('side', (x) => x === 'department' || (x === 'pair' && v >= PAIR_RUN_FILE_VERSION), v >= PAIR_RUN_FILE_VERSION ? '"department" or "pair" (or absent, for the lab)' : '"department" (or absent, for the lab)');
  if (side === 'pair' && data.opponent !== undefined) problems.push('"opponent" must be absent in a game of two players');
  const opponent = side === 'pair' || (side === undefined && data.opponent === undefined) ? undefined : field<string>('opponent', (x) => typeof x === 'string' && builtinAgent(x) !== undefined, `the name of a built-in agent (${BUILTIN_AGENT_NAMES.join(', ')})`);
  if (problems.length) return { ok: false, message: `The run file is damaged: ${problems.join('; ')}.` };
  const found = findScenario(scenarios, scenario!, scenarioVersion!);
  if (!found.ok && found.kind === 'unknown-scenario') return { ok: false, message: `The run file is for the scenario "${scenario}", which this game does not have.` };
  if (!found.ok) {
    return { ok: false, message: `The run file cannot be replayed: it was made with version ${scenarioVersion} of "${scenario}"; this game has ${versionsText(found.versions)}.` };
  }
  const s = found.scenario;
  const record: RunRecord = { scenario: scenario!, version: scenarioVersion!, seed: seed!, choices: choices!, ...(side ? { side } : {}), ...(opponent !== undefined ? { opponent } : {}) };
  const r = foldRecord(s, record);
  if (!r.ok) return { ok: false, message: `The run file cannot be replayed: ${r.error.message}` };
  const replayed = stateHash(r.state.value, r.state.context);
  if (replayed !== hash) {
    return { ok: false, message: `The run file's hash (${hash}) does not match its replay (${replayed}): the file was edited or the rules changed.` };
  }
  return { ok: true, record, file: fileOf(record, r.state) };
}
