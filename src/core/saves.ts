/**
 * What the browser keeps: the run in progress (the save) and the run history (the last 20
 * finished runs). Both are versioned JSON; this module reads, migrates and writes their text and
 * never touches storage or the clock itself, so every format and migration is tested in Node.
 *
 * Save format 1 (issue 3): {format: 1, scenario, version, seed, choices, ended}.
 * Save format 2: {format: 2, record, ended, savedAt, branch}; a branch names the run it departs
 *   from and the step at which it does. Format 1 is migrated (no date, no branch).
 * Save format 3: format 2 with `seat`, written only for a game of two players on two devices
 *   (turn links, turns.ts): the side this device plays and the move count its turn began at.
 * History format 1: {format: 1, runs: HistoryEntry[]}, newest first.
 * A record may carry `side` ("department") and `opponent` (a built-in agent's name): a run that
 * played the Department, or the lab against a built-in Department agent (record.ts).
 */
import type { RunRecord } from './record.ts';
import { builtinAgent } from './negotiation/agents.ts';
import type { Side } from './negotiation/types.ts';

export const SAVE_FORMAT = 3;
/** The format of a save without a seat: format 2, which older games read too. */
export const PLAIN_SAVE_FORMAT = 2;
export const HISTORY_FORMAT = 1;
export const HISTORY_SIZE = 20;

/** Where a counterfactual run departs from its original: the original's record and the step. */
export interface Branch {
  from: RunRecord;
  at: number;
}

export interface Save {
  record: RunRecord;
  ended: boolean;
  /** ISO date-time the save was written (null when migrated from a format without it). */
  savedAt: string | null;
  branch: Branch | null;
  /** A game of two players on two devices (format 3): the side this device plays, and the move count its turn began at. */
  seat?: Seat;
}

export interface Seat {
  mine: Side;
  base: number;
}

export interface HistoryEntry {
  record: RunRecord;
  ending: string | null;
  endingTitle: string;
  hash: string;
  finishedAt: string;
  branch: Branch | null;
}

export type Read<T> = { kind: 'none' } | { kind: 'ok'; value: T; migratedFrom: number | null } | { kind: 'problem'; message: string };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Why a value is not a run record, or null if it is one. */
export function recordProblem(x: unknown, where: string): string | null {
  if (!isObj(x)) return `${where || 'it'} is not a run record`;
  const f = (k: string) => (where ? `${where}.${k}` : `"${k}"`);
  if (typeof x.scenario !== 'string' || x.scenario === '') return `${f('scenario')} must be a scenario id`;
  if (!Number.isInteger(x.version) || (x.version as number) < 1) return `${f('version')} must be a whole number`;
  if (typeof x.seed !== 'string') return `${f('seed')} must be text`;
  if (!Array.isArray(x.choices) || !x.choices.every((c) => typeof c === 'string')) return `${f('choices')} must be a list of choice ids`;
  if (x.side !== undefined && x.side !== 'department' && x.side !== 'pair') return `${f('side')} must be "department", "pair" or absent`;
  if (x.side === 'pair' && x.opponent !== undefined) return `${f('opponent')} must be absent in a game of two players`;
  if (x.side === 'department' && x.opponent === undefined) return `${f('opponent')} must name the lab's agent of a run that plays the Department`;
  if (x.opponent !== undefined && (typeof x.opponent !== 'string' || !builtinAgent(x.opponent))) return `${f('opponent')} must be a built-in agent`;
  return null;
}

/** A checked record, copied: its side and the other side's agent kept when it has them. */
const asRecord = (x: Record<string, unknown>): RunRecord => ({
  scenario: x.scenario as string,
  version: x.version as number,
  seed: x.seed as string,
  choices: [...(x.choices as string[])],
  ...(x.side === 'department' || x.side === 'pair' ? { side: x.side } : {}),
  ...(typeof x.opponent === 'string' ? { opponent: x.opponent } : {}),
});

function branchProblem(x: unknown, where: string): string | null {
  if (x === null || x === undefined) return null;
  if (!isObj(x)) return `${where} must be an object or null`;
  const p = recordProblem(x.from, `${where}.from`);
  if (p) return p;
  if (!Number.isInteger(x.at) || (x.at as number) < 0) return `${where}.at must be a step number`;
  if ((x.at as number) >= (x.from as { choices: string[] }).choices.length) return `${where}.at must be a step of the original run (it has ${(x.from as { choices: string[] }).choices.length} choices)`;
  return null;
}

const asBranch = (x: unknown): Branch | null => (isObj(x) ? { from: asRecord(x.from as Record<string, unknown>), at: x.at as number } : null);

function parse(raw: string, what: string): { ok: true; data: Record<string, unknown>; format: number } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, message: `The ${what} is damaged: it is not valid JSON.` };
  }
  if (!isObj(data)) return { ok: false, message: `The ${what} is damaged: it is not an object.` };
  const f = data.format;
  if (!Number.isInteger(f) || (f as number) < 1) return { ok: false, message: `The ${what} is damaged: it has no format number.` };
  return { ok: true, data, format: f as number };
}

/** Reads the saved run's text (null when there is none), migrating older formats (pure). */
export function readSave(raw: string | null): Read<Save> {
  if (raw === null) return { kind: 'none' };
  const p = parse(raw, 'saved run');
  if (!p.ok) return { kind: 'problem', message: p.message };
  const { data, format } = p;
  if (format > SAVE_FORMAT) {
    return { kind: 'problem', message: `The saved run was made by a newer Red Lines (save format ${format}); this game reads format ${SAVE_FORMAT} and older. It is left as it is.` };
  }
  if (format === 1) {
    const problem = recordProblem(data, '');
    if (problem) return { kind: 'problem', message: `The saved run (format 1) is damaged: ${problem}.` };
    return { kind: 'ok', value: { record: asRecord(data), ended: data.ended === true, savedAt: null, branch: null }, migratedFrom: 1 };
  }
  const problem =
    recordProblem(data.record, 'record') ??
    (typeof data.ended !== 'boolean' ? 'ended must be true or false' : null) ??
    (data.savedAt !== null && typeof data.savedAt !== 'string' ? 'savedAt must be a date or null' : null) ??
    branchProblem(data.branch, 'branch') ??
    seatProblem(data.seat, format, data.record as { side?: unknown; choices: unknown[] });
  if (problem) return { kind: 'problem', message: `The saved run is damaged: ${problem}.` };
  const seat = isObj(data.seat) ? { seat: { mine: data.seat.mine as Seat['mine'], base: data.seat.base as number } } : {};
  return {
    kind: 'ok',
    value: { record: asRecord(data.record as Record<string, unknown>), ended: data.ended as boolean, savedAt: (data.savedAt as string | null) ?? null, branch: asBranch(data.branch), ...seat },
    migratedFrom: null,
  };
}

/** Why a save's seat is wrong, or null: only format 3 has one, only for a game of two players. */
function seatProblem(x: unknown, format: number, record: { side?: unknown; choices: unknown[] }): string | null {
  if (x === undefined) return null;
  if (format < 3) return 'seat is not part of save format 2';
  if (!isObj(x)) return 'seat must be an object';
  if (record.side !== 'pair') return 'seat is only for a game of two players (record.side "pair")';
  if (x.mine !== 'lab' && x.mine !== 'department') return 'seat.mine must be "lab" or "department"';
  if (!Number.isInteger(x.base) || (x.base as number) < 0 || (x.base as number) > record.choices.length) return `seat.base must be a move count from 0 to ${record.choices.length}`;
  return null;
}

/** The text of a save in the current format (pure). */
export function writeSave(save: Save): string {
  if (save.seat) return JSON.stringify({ format: SAVE_FORMAT, record: save.record, ended: save.ended, savedAt: save.savedAt, branch: save.branch, seat: save.seat });
  return JSON.stringify({ format: PLAIN_SAVE_FORMAT, record: save.record, ended: save.ended, savedAt: save.savedAt, branch: save.branch });
}

function entryProblem(x: unknown, where: string): string | null {
  if (!isObj(x)) return `${where} is not an object`;
  return (
    recordProblem(x.record, `${where}.record`) ??
    (x.ending !== null && typeof x.ending !== 'string' ? `${where}.ending must be an ending id or null` : null) ??
    (typeof x.endingTitle !== 'string' ? `${where}.endingTitle must be text` : null) ??
    (typeof x.hash !== 'string' || !/^[0-9a-f]{16}$/.test(x.hash) ? `${where}.hash must be 16 hexadecimal digits` : null) ??
    (typeof x.finishedAt !== 'string' ? `${where}.finishedAt must be a date` : null) ??
    branchProblem(x.branch, `${where}.branch`)
  );
}

/** Reads the run history's text (null when there is none) (pure). */
export function readHistory(raw: string | null): Read<HistoryEntry[]> {
  if (raw === null) return { kind: 'none' };
  const p = parse(raw, 'run history');
  if (!p.ok) return { kind: 'problem', message: p.message };
  const { data, format } = p;
  if (format > HISTORY_FORMAT) {
    return { kind: 'problem', message: `The run history was made by a newer Red Lines (history format ${format}); this game reads format ${HISTORY_FORMAT}. It is left as it is.` };
  }
  if (!Array.isArray(data.runs)) return { kind: 'problem', message: 'The run history is damaged: it has no list of runs.' };
  for (const [i, e] of data.runs.entries()) {
    const problem = entryProblem(e, `run ${i + 1}`);
    if (problem) return { kind: 'problem', message: `The run history is damaged: ${problem}.` };
  }
  const runs = (data.runs as Record<string, unknown>[]).map((e) => ({
    record: asRecord(e.record as Record<string, unknown>),
    ending: (e.ending as string | null) ?? null,
    endingTitle: e.endingTitle as string,
    hash: e.hash as string,
    finishedAt: e.finishedAt as string,
    branch: asBranch(e.branch),
  }));
  return { kind: 'ok', value: runs, migratedFrom: null };
}

/** The text of a run history in the current format (pure). */
export function writeHistory(runs: readonly HistoryEntry[]): string {
  return JSON.stringify({ format: HISTORY_FORMAT, runs });
}

export const sameRecord = (a: RunRecord, b: RunRecord) =>
  a.scenario === b.scenario && a.version === b.version && a.seed === b.seed && a.choices.length === b.choices.length && a.choices.every((c, i) => c === b.choices[i]);

/** The history with a run added at the top: a run already there moves up; the oldest beyond 20 drop off (pure). */
export function addToHistory(runs: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...runs.filter((r) => !sameRecord(r.record, entry.record))].slice(0, HISTORY_SIZE);
}
