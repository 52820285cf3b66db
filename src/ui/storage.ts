/**
 * localStorage, handled so that nothing is lost: every read and write is guarded (storage may be
 * blocked, full or corrupted), a damaged or newer-format entry is reported and left untouched,
 * and the formats themselves live in src/core/saves.ts.
 */
import type { RunRecord } from '../core/record.ts';
import { addToHistory, readHistory, readSave, sameRecord, writeHistory, writeSave, type HistoryEntry, type Read, type Save } from '../core/saves.ts';
import { readKept, writeKept, type Kept, type KeptRead } from '../core/kept-results.ts';

export const SAVE_KEY = 'red-lines:run';
export const HISTORY_KEY = 'red-lines:history';
/** A game of two players on two devices: kept apart from the run in progress, so neither replaces the other. */
export const TWO_DEVICES_KEY = 'red-lines:two-devices';

function get(key: string): { ok: true; raw: string | null } | { ok: false } {
  try {
    return { ok: true, raw: localStorage.getItem(key) };
  } catch {
    return { ok: false };
  }
}

/** Writes a key; returns why it failed, or null. */
function put(key: string, text: string): string | null {
  try {
    localStorage.setItem(key, text);
    return null;
  } catch (e) {
    const full = e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);
    return full ? 'browser storage is full' : 'browser storage is blocked';
  }
}

export function loadSave(key: string = SAVE_KEY): Read<Save> {
  const r = get(key);
  if (!r.ok) return { kind: 'problem', message: 'Browser storage cannot be read, so the last run cannot be continued.' };
  return readSave(r.raw);
}

/** Saves the run in progress, unless the stored save is one this game must not overwrite. */
export function storeSave(save: Save, key: string = SAVE_KEY): string | null {
  const current = get(key);
  if (current.ok && current.raw !== null) {
    const r = readSave(current.raw);
    if (r.kind === 'problem' && /newer Red Lines/.test(r.message)) {
      return 'This run is not saved: the browser holds a run saved by a newer Red Lines, which this game leaves alone. Copy the replay code to keep this run.';
    }
    // A damaged save is kept aside under its own key before the slot is reused, never dropped.
    if (r.kind === 'problem' && put(`${key}:damaged:${new Date().toISOString()}`, current.raw) !== null) {
      return 'This run is not saved: the damaged save already in the browser could not be kept aside, so it is left as it is.';
    }
  }
  const problem = put(key, writeSave(save));
  return problem ? `This run could not be saved (${problem}). You can keep playing; copy the replay code at the end to keep it.` : null;
}

export interface History {
  runs: HistoryEntry[];
  /** Why the stored history cannot be used; it is then never written over. */
  problem: string | null;
}

export function loadHistory(): History {
  const r = get(HISTORY_KEY);
  if (!r.ok) return { runs: [], problem: 'Browser storage cannot be read, so the run history is not available.' };
  const h = readHistory(r.raw);
  if (h.kind === 'none') return { runs: [], problem: null };
  if (h.kind === 'problem') return { runs: [], problem: `${h.message} New runs are not added to it, so nothing in it is lost.` };
  return { runs: h.value, problem: null };
}

/** Adds a finished run to the history; returns why it could not, or null. */
export function addRun(entry: HistoryEntry): string | null {
  const h = loadHistory();
  if (h.problem) return h.problem;
  const problem = put(HISTORY_KEY, writeHistory(addToHistory(h.runs, entry)));
  return problem ? `The run could not be added to the history (${problem}).` : null;
}

export function deleteRun(record: RunRecord): string | null {
  const h = loadHistory();
  if (h.problem) return h.problem;
  const problem = put(HISTORY_KEY, writeHistory(h.runs.filter((r) => !sameRecord(r.record, record))));
  return problem ? `The run could not be deleted (${problem}).` : null;
}

/** Empties a damaged history, at the player's explicit request only. */
export function clearHistory(): string | null {
  const problem = put(HISTORY_KEY, writeHistory([]));
  return problem ? `The history could not be cleared (${problem}).` : null;
}

/** Class results kept in this browser, only when the teacher asks. */
export const KEPT_RESULTS_KEY = 'red-lines:class-results';

export function loadKept(): KeptRead {
  const r = get(KEPT_RESULTS_KEY);
  if (!r.ok) return { kind: 'problem', message: 'Browser storage cannot be read, so kept class results cannot be opened.' };
  return readKept(r.raw);
}

/** Keeps class results; returns why they could not be kept, or null. A newer or damaged entry is never written over. */
export function storeKept(k: Kept): string | null {
  const current = loadKept();
  if (current.kind === 'problem') return `The results are not kept: ${current.message}`;
  const w = writeKept(k);
  if (!w.ok) return w.message;
  const problem = put(KEPT_RESULTS_KEY, w.text);
  return problem ? `The results could not be kept (${problem}).` : null;
}

/** Forgets the kept class results, in one step; returns why it failed, or null. */
export function forgetKept(): string | null {
  try {
    localStorage.removeItem(KEPT_RESULTS_KEY);
    return null;
  } catch {
    return 'Browser storage is blocked, so the kept results could not be forgotten.';
  }
}

/** Set once the player has finished the tutorial (or played a run): the title stops offering it first. */
export const TUTORIAL_KEY = 'red-lines:tutorial';

/** Whether the player has been through the tutorial (unreadable storage counts as yes: nothing is pressed on anyone). */
export function tutorialDone(): boolean {
  const r = get(TUTORIAL_KEY);
  return !r.ok || r.raw !== null;
}

/** Remembers that the tutorial was played through (a failed write only means it is offered again). */
export function markTutorialDone(): void {
  put(TUTORIAL_KEY, 'done');
}
