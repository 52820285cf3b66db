/**
 * The run record, (scenario id, scenario version, seed, choices), and its replay code: a short,
 * URL-safe, checksummed text that any Red Lines of the same format can replay exactly.
 *
 * Code layout (format 2): "rl2." + base64url of
 *   varint len, scenario id (UTF-8) · varint scenario version · varint len, seed (UTF-8) ·
 *   varint choice count · choice positions, 2 bits each (a beat has at most 4 choices) ·
 *   the final state hash (8 bytes) · CRC-32 of the format number and everything before (4 bytes).
 * Format 1 is the same without the hash; it is still read, with no hash to check against.
 * Choices are stored as their position on the table, so decoding a code into choice ids
 * replays it against the scenario (`resolveCode`).
 */
import { DICE_ALGORITHM } from './dice.ts';
import { stateHash } from './hash.ts';
import { findScenario, versionsText } from './catalogue.ts';
import { engineOf, foldMoves, movesFrom, positionsFrom, problemMessage, type MoveSource } from './engine.ts';
import type { Scenario } from './schema.ts';
import type { NegotiationInput } from './machine.ts';
import { recordMoves, type RunContext } from './rules.ts';
import { builtinAgent } from './negotiation/agents.ts';

export interface RunRecord {
  scenario: string;
  version: number;
  seed: string;
  choices: string[];
  /**
   * Set when the Department was the side played: `choices` are then the Department's moves, and
   * the lab was played by the built-in agent `opponent` (department-side.ts). Absent for the lab.
   * 'pair': two people, one per side; `choices` are both sides' moves in the order made, no opponent.
   */
  side?: 'department' | 'pair';
  /** The other side's built-in agent: the lab's with `side`; without it, the Department's (else the scenario's own). */
  opponent?: string;
}

/** Where a record's run starts: its seed, and the side played with its opponent when it is the Department (pure). */
export function startOf(record: Pick<RunRecord, 'seed' | 'side' | 'opponent'>): NegotiationInput {
  if (record.side === 'department') return { seed: record.seed, side: 'department', opponent: record.opponent };
  if (record.side === 'pair') return { seed: record.seed, side: 'pair' };
  return record.opponent !== undefined ? { seed: record.seed, opponent: record.opponent } : { seed: record.seed };
}

/** The record of a run so far, read from its context (pure). */
export function recordOf(ctx: RunContext): RunRecord {
  const seat = ctx.side === 'department' ? { side: 'department' as const, opponent: ctx.opponent } : ctx.side === 'pair' ? { side: 'pair' as const } : ctx.opponent !== undefined ? { opponent: ctx.opponent } : {};
  return { scenario: ctx.scenario, version: ctx.version, seed: ctx.seed, choices: recordMoves(ctx), ...seat };
}

/**
 * The replay code formats this build writes: format 2 for a story scenario (version 1), whose
 * moves fit in 2 bits; format 3 at a table (version 2), where a move is a varint position among
 * the legal moves and a proposal adds a varint package index. It reads every format in READ_FORMATS.
 */
export const CODE_FORMAT = 5;
export const STORY_CODE_FORMAT = 2;
/** A run against a built-in agent (playing the Department, or the lab against a Department agent): format 3 with the side and that agent after the seed. */
export const SIDE_CODE_FORMAT = 4;
/**
 * A pair's run (two people, one per side): format 4's layout with side 2 and, in place of an agent,
 * the turn it continues from (a move count and the state hash there), which chains a turn link
 * to the one before it (turns.ts).
 */
export const PAIR_CODE_FORMAT = 5;
export const READ_FORMATS = [1, 2, 3, 4, 5] as const;
export const CODE_PREFIX = `rl${STORY_CODE_FORMAT}.`;
/** The longest text read as a replay code or class code: a code of a 10,000-character seed fits, a huge paste is refused. */
export const MAX_CODE_LENGTH = 100_000;
export { DICE_ALGORITHM };

export type CodeErrorKind =
  | 'empty'
  | 'not-a-code'
  | 'newer-format'
  | 'older-format'
  | 'bad-characters'
  | 'truncated'
  | 'checksum'
  | 'unknown-scenario'
  | 'other-version'
  | 'unknown-agent'
  | 'bad-choice';

export class CodeError extends Error {
  constructor(
    readonly kind: CodeErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CodeError';
  }
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: CodeError };

/** A code's content before it is checked against a scenario. */
export interface RawCode {
  format: number;
  scenario: string;
  version: number;
  seed: string;
  /**
   * Format 1 and 2: each move's position on the table. Format 3: the varint stream of the moves,
   * a position each, and after a proposal's position its package index (see `streamFrom`).
   */
  positions: number[];
  /** How many moves the code holds. */
  count: number;
  /** The final state hash the code's run reached (16 hex digits); null for format 1 codes. */
  hash: string | null;
  /** Format 4: the side played (the Department, or absent for the lab) and the other side's built-in agent; format 5: a pair. */
  side?: 'department' | 'pair';
  opponent?: string;
  /** Format 5: the turn the code continues from: the run's move count then, and its state hash. */
  base?: { count: number; hash: string };
}

// ---- bytes ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE) of bytes (pure). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((ch, i) => [ch, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >>> (18 - 6 * k)) & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array | number {
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const v = B64_INDEX.get(text[i]!);
    if (v === undefined) return i;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >>> bits) & 0xff);
      acc &= (1 << bits) - 1;
    }
  }
  return new Uint8Array(bytes);
}

class Writer {
  bytes: number[] = [];
  varint(n: number) {
    do {
      let b = n & 0x7f;
      n = Math.floor(n / 128);
      if (n > 0) b |= 0x80;
      this.bytes.push(b);
    } while (n > 0);
  }
  text(s: string) {
    const b = new TextEncoder().encode(s);
    this.varint(b.length);
    for (const x of b) this.bytes.push(x); // not push(...b): a long seed would overflow the stack
  }
}

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get length() {
    return this.bytes.length;
  }
  varint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.bytes.length) throw new RangeError('truncated');
      const b = this.bytes[this.pos++]!;
      n += (b & 0x7f) * scale;
      if (!(b & 0x80)) return n;
      scale *= 128;
    }
    throw new RangeError('bad varint');
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) throw new RangeError('truncated');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  text(): string {
    // ignoreBOM: a seed may itself start with U+FEFF, which must survive the round trip.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(this.take(this.varint()));
  }
}

// ---- codes ----

/**
 * Encodes a table run (format 3) as a replay code: `stream` holds each move's position among the
 * legal moves, followed, for a proposal, by its package index (pure).
 */
export function encodeStreamCode(
  scenario: string,
  version: number,
  seed: string,
  count: number,
  stream: number[],
  hash: string,
  seat?: { side: 'lab' | 'department'; opponent: string } | { side: 'pair'; base: { count: number; hash: string } },
): string {
  if (!/^[0-9a-f]{16}$/.test(hash)) throw new RangeError(`a state hash is 16 hexadecimal digits, not "${hash}"`);
  const w = new Writer();
  w.text(scenario);
  w.varint(version);
  w.text(seed);
  if (seat?.side === 'pair') {
    // Format 5: side 2 (a pair), and the turn the code continues from.
    if (!/^[0-9a-f]{16}$/.test(seat.base.hash)) throw new RangeError(`a state hash is 16 hexadecimal digits, not "${seat.base.hash}"`);
    w.varint(2);
    w.varint(seat.base.count);
    for (let i = 0; i < 16; i += 2) w.bytes.push(parseInt(seat.base.hash.slice(i, i + 2), 16));
  } else if (seat) {
    // Format 4: the side played (0: the lab, 1: the Department) and the other side's agent.
    w.varint(seat.side === 'department' ? 1 : 0);
    w.text(seat.opponent);
  }
  w.varint(count);
  w.varint(stream.length);
  for (const x of stream) w.varint(x);
  for (let i = 0; i < 16; i += 2) w.bytes.push(parseInt(hash.slice(i, i + 2), 16));
  return seal(seat?.side === 'pair' ? PAIR_CODE_FORMAT : seat ? SIDE_CODE_FORMAT : 3, w.bytes);
}

function seal(format: number, bytes: number[]): string {
  const body = new Uint8Array(bytes);
  const crc = crc32(new Uint8Array([format, ...body]));
  const all = new Uint8Array([...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]);
  return `rl${format}.` + toBase64Url(all);
}

/** Encodes a run as a replay code; positions are the chosen choices' places on the table (pure). */
export function encodeCode(scenario: string, version: number, seed: string, positions: number[], hash: string): string {
  if (!/^[0-9a-f]{16}$/.test(hash)) throw new RangeError(`a state hash is 16 hexadecimal digits, not "${hash}"`);
  const bad = positions.find((p) => !Number.isInteger(p) || p < 0 || p > 3);
  if (bad !== undefined) throw new CodeError('bad-choice', `a choice position must be 0-3 (a beat offers at most 4 choices), not ${bad}`);
  const w = new Writer();
  w.text(scenario);
  w.varint(version);
  w.text(seed);
  w.varint(positions.length);
  for (let i = 0; i < positions.length; i += 4) {
    let b = 0;
    for (let k = 0; k < 4; k++) b |= ((positions[i + k] ?? 0) & 3) << (6 - 2 * k);
    w.bytes.push(b);
  }
  for (let i = 0; i < 16; i += 2) w.bytes.push(parseInt(hash.slice(i, i + 2), 16));
  return seal(STORY_CODE_FORMAT, w.bytes);
}

const fail = <T>(kind: CodeErrorKind, message: string): Decoded<T> => ({ ok: false, error: new CodeError(kind, message) });

/** Reads a replay code's content, checking its form and checksum but not its scenario (pure). */
export function decodeCode(input: string): Decoded<RawCode> {
  const code = input.trim();
  if (!code) return fail('empty', `The replay code is empty: paste a code that starts with "${CODE_PREFIX}".`);
  if (code.length > MAX_CODE_LENGTH) return fail('not-a-code', `This is not a Red Lines replay code: it is ${code.length} characters long, and a code has at most ${MAX_CODE_LENGTH}.`);
  const m = /^rl(0|[1-9]\d*)\.(.*)$/s.exec(code);
  if (!m) return fail('not-a-code', `This is not a Red Lines replay code: codes start with "${CODE_PREFIX}" followed by letters, digits, "-" and "_".`);
  const format = Number(m[1]);
  if (format > CODE_FORMAT) {
    return fail('newer-format', `This code was made by a newer Red Lines (code format ${format}); this game reads format ${CODE_FORMAT}. Open it in the newer version.`);
  }
  if (!(READ_FORMATS as readonly number[]).includes(format)) {
    return fail('older-format', `Code format ${format} is not one this game can read (it reads formats ${READ_FORMATS.join(' and ')}).`);
  }
  const bytes = fromBase64Url(m[2]!);
  if (typeof bytes === 'number') {
    const ch = [...m[2]!.slice(bytes)][0];
    return fail('bad-characters', `The code is damaged: character ${m[1]!.length + 4 + bytes} ("${ch}") cannot appear in a replay code.`);
  }
  if (bytes.length < 8) return fail('truncated', 'The code is incomplete: it is too short to hold a run. Copy the whole code.');
  // The last character can carry unused bits, and a stray extra character decodes to nothing;
  // neither is covered by the checksum, so only the canonical spelling of the bytes is accepted.
  if (toBase64Url(bytes) !== m[2]) {
    return fail('checksum', 'The code is damaged or incomplete: its last characters do not match its content. Copy the whole code again.');
  }
  const body = bytes.subarray(0, bytes.length - 4);
  const c = bytes.subarray(bytes.length - 4);
  const expected = ((c[0]! << 24) | (c[1]! << 16) | (c[2]! << 8) | c[3]!) >>> 0;
  if (crc32(new Uint8Array([format, ...body])) !== expected) {
    return fail('checksum', 'The code is damaged or incomplete: its checksum does not match, so a character was changed, added or lost. Copy the whole code again.');
  }
  try {
    const r = new Reader(body);
    const scenario = r.text();
    const version = r.varint();
    const seed = r.text();
    let seat: { side?: 'department' | 'pair'; opponent?: string; base?: { count: number; hash: string } } = {};
    if (format === PAIR_CODE_FORMAT) {
      // Only a pair's code is format 5.
      if (r.varint() !== 2) throw new RangeError('not a pair');
      const at = r.varint();
      seat = { side: 'pair', base: { count: at, hash: [...r.take(8)].map((b) => b.toString(16).padStart(2, '0')).join('') } };
    } else if (format >= SIDE_CODE_FORMAT) {
      const side = r.varint();
      if (side > 1) throw new RangeError('unknown side');
      seat = side === 1 ? { side: 'department', opponent: r.text() } : { opponent: r.text() };
    }
    const count = r.varint();
    let positions: number[];
    if (format >= 3) {
      const length = r.varint();
      if (length > body.length) throw new RangeError('truncated');
      positions = Array.from({ length }, () => r.varint());
    } else {
      const packed = r.take(Math.ceil(count / 4));
      positions = Array.from({ length: count }, (_, i) => (packed[i >> 2]! >>> (6 - 2 * (i & 3))) & 3);
    }
    const hash = format >= 2 ? [...r.take(8)].map((b) => b.toString(16).padStart(2, '0')).join('') : null;
    if (r.pos !== body.length) throw new RangeError('trailing bytes');
    if (seat.base && seat.base.count > count) throw new RangeError('a turn past the run');
    return { ok: true, value: { format, scenario, version, seed, positions, count, hash, ...seat } };
  } catch {
    return fail('truncated', 'The code is damaged: its checksum matches but its content does not parse.');
  }
}

/**
 * The replay code of a run record; throws if a choice was not on the table (pure). A pair's code
 * (format 5) names the turn it continues from: `base`, the move count where this turn began
 * (by default the start); the state hash there is computed.
 */
export function recordToCode(scenario: Scenario, record: RunRecord, base = 0): string {
  const positions: number[] = [];
  const stream: number[] = [];
  let baseHash: string | null = null;
  if ((record.side !== undefined || record.opponent !== undefined) && !scenario.negotiation) throw new CodeError('bad-choice', `only a negotiation can be played against an agent; ${scenario.id} version ${scenario.version} has none`);
  if (record.side === 'pair' && !(Number.isInteger(base) && base >= 0 && base <= record.choices.length)) throw new RangeError(`a turn starts at a move of the run (0-${record.choices.length}), not ${base}`);
  const r = foldMoves(engineOf(scenario), startOf(record), movesFrom(record.choices), (step) => {
    if (step.index === base) baseHash = stateHash(step.before.value, step.before.context);
    positions.push(step.position);
    stream.push(step.position);
    if (step.taken.kind === 'propose') stream.push(step.taken.pkg);
  });
  if (!r.ok) {
    const p = r.problem;
    throw new CodeError('bad-choice', p.kind === 'not-offered' ? `"${p.move}" is not one of the choices on the table at step ${p.index + 1}.` : problemMessage(p, record.choices.length));
  }
  const hash = stateHash(r.state.value, r.state.context);
  if (record.side === 'pair') return encodeStreamCode(record.scenario, record.version, record.seed, positions.length, stream, hash, { side: 'pair', base: { count: base, hash: baseHash ?? hash } });
  const opponent = r.state.context.opponent;
  const seat = opponent === undefined ? undefined : { side: record.side === 'department' ? ('department' as const) : ('lab' as const), opponent };
  if (scenario.negotiation) return encodeStreamCode(record.scenario, record.version, record.seed, positions.length, stream, hash, seat);
  return encodeCode(record.scenario, record.version, record.seed, positions, hash);
}

/** A move source that reads a format 3 stream: a position, and after a proposal's position its package. */
export function streamFrom(count: number, stream: readonly number[]): MoveSource {
  let at = 0;
  return (i, _table, _state, legal) => {
    if (i >= count) return null;
    if (at >= stream.length) return { position: -1 };
    const position = stream[at++]!;
    if (legal[position]?.kind !== 'propose') return { position };
    if (at >= stream.length) return { position: -1 };
    return { position, pkg: stream[at++]! };
  };
}

/** Decodes a replay code into a run record of one of the given scenarios (pure). */
export function resolveCode(input: string, scenarios: readonly Scenario[]): Decoded<RunRecord> {
  const raw = decodeCode(input);
  if (!raw.ok) return raw;
  const { scenario: id, version, seed, positions, count, format, side, opponent } = raw.value;
  const found = findScenario(scenarios, id, version);
  if (!found.ok) {
    if (found.kind === 'unknown-scenario') {
      return fail('unknown-scenario', `This code is for the scenario "${id}", which this game does not have (it has ${found.ids.map((x) => `"${x}"`).join(', ')}).`);
    }
    return fail(
      'other-version',
      `This code was made with version ${version} of "${id}"; this game has ${versionsText(found.versions)}, whose beats may differ, so the run cannot be replayed exactly.`,
    );
  }
  const scenario = found.scenario;
  if (opponent !== undefined) {
    if (!scenario.negotiation) return fail('bad-choice', `This code plays against an agent, but "${id}" version ${version} has no negotiation to play it in.`);
    const who = side === 'department' ? 'lab' : 'Department';
    if (!builtinAgent(opponent)) return fail('unknown-agent', `This code's ${who} was played by the agent "${opponent}", which this game does not have (it has the built-in agents hardliner, conceder, boulware, tit-for-tat, prober and random).`);
  }
  if (side === 'pair' && !scenario.negotiation) return fail('bad-choice', `This code is a game of two players, but "${id}" version ${version} has no negotiation to play it in.`);
  const seat = side === 'department' ? { side, opponent } : side === 'pair' ? { side } : opponent !== undefined ? { opponent } : {};
  const r = foldMoves(engineOf(scenario), { seed, ...seat }, format >= 3 ? streamFrom(count, positions) : positionsFrom(positions));
  if (!r.ok) {
    const p = r.problem;
    return fail('bad-choice', p.kind === 'after-end' ? `The code holds ${count} moves, but the run ends after ${p.index}.` : problemMessage(p, count));
  }
  const choices = r.moves;
  return { ok: true, value: { scenario: id, version, seed, choices, ...seat } };
}
