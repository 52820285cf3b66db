/**
 * The browser's stored formats (src/core/saves.ts): the save (format 2, migrating format 1) and the
 * run history (format 1). The files in test/fixtures/saves/ are the exact text the browser wrote
 * into localStorage for each format; never edit one, add a file per new format.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateHash } from '../src/core/hash.ts';
import type { RunRecord } from '../src/core/record.ts';
import { replayRecord } from '../src/core/run.ts';
import {
  addToHistory,
  HISTORY_FORMAT,
  HISTORY_SIZE,
  readHistory,
  readSave,
  recordProblem,
  PLAIN_SAVE_FORMAT,
  SAVE_FORMAT,
  sameRecord,
  writeHistory,
  writeSave,
  type Branch,
  type HistoryEntry,
  type Read,
  type Save,
} from '../src/core/saves.ts';
import { fcParams, loadMarch, playChoices, ROOT } from './helpers.ts';

const march = loadMarch();
const fixture = (name: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'saves', name), 'utf8');

const GOLDEN_PRINCIPLED: RunRecord = {
  scenario: 'march-2026',
  version: 1,
  seed: 'golden-principled',
  choices: [
    'hold-both-clauses',
    'demand-notification-rights',
    'refuse-bulk-data-removal',
    'let-talks-collapse',
    'answer-on-substance',
    'invite-common-standard',
    'write-to-staff',
    'challenge-designation-in-court',
    'ask-how-models-are-used',
    'return-with-both-clauses',
    'restate-red-lines-first',
  ],
};
const GOLDEN_3_CHOICES = [
  'hold-both-clauses',
  'propose-joint-review-board',
  'ask-for-use-cases',
  'let-talks-collapse',
  'cite-national-security-record',
  'race-rival-to-deal',
  'brief-partners-and-investors',
  'seek-back-channel',
  'point-out-mixed-signals',
  'return-with-both-clauses',
  'lead-with-carve-outs',
  'give-up-bulk-clause',
  'let-it-go',
  'independent-inspector',
  'accept-department-final-text',
];

const rec = (seed: string, choices: string[] = [], version = 1, scenario = 'march-2026'): RunRecord => ({ scenario, version, seed, choices });

const entry = (record: RunRecord, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  record,
  ending: 'standoff',
  endingTitle: 'Standoff',
  hash: '0123456789abcdef',
  finishedAt: '2026-03-05T12:00:00.000Z',
  branch: null,
  ...extra,
});

/** The value of a successful read, failing the test with the read's message otherwise. */
function okValue<T>(r: Read<T>): { value: T; migratedFrom: number | null } {
  if (r.kind !== 'ok') throw new Error(`expected a value, got ${r.kind === 'problem' ? `the problem: ${r.message}` : 'none'}`);
  return { value: r.value, migratedFrom: r.migratedFrom };
}
/** The message of a refused read. */
function problemOf<T>(r: Read<T>): string {
  if (r.kind !== 'problem') throw new Error(`expected a problem, got ${JSON.stringify(r)}`);
  expect(r.message.length).toBeGreaterThan(20);
  return r.message;
}

/** The state hash a record replays to through XState (the live path). */
function liveHash(record: RunRecord): { hash: string; ending: string | null; done: boolean } {
  const r = replayRecord(march, record);
  if (!r.ok) throw r.error;
  return { hash: stateHash(r.snapshot.value as string, r.snapshot.context), ending: r.snapshot.context.ending, done: r.snapshot.status === 'done' };
}

const VALID_SAVE: Save = {
  record: rec('valid', ['hold-both-clauses']),
  ended: false,
  savedAt: '2026-03-05T10:00:00.000Z',
  branch: { from: rec('valid', ['explain-the-clauses', 'x']), at: 0 },
};
const saveText = (edit: (d: Record<string, any>) => void): string => {
  const d = JSON.parse(writeSave(VALID_SAVE));
  edit(d);
  return JSON.stringify(d);
};

// ---- fixtures ----

describe('fixture files (what the browser stored, one per format)', () => {
  it('every fixture is JSON with a whole format number', () => {
    for (const name of ['save-v1.json', 'save-v2.json', 'save-v3.json', 'save-v4-future.json', 'history-v1.json', 'history-v2-future.json']) {
      const d = JSON.parse(fixture(name));
      expect(Number.isInteger(d.format), name).toBe(true);
    }
  });

  it('save-v1.json (format 1) is migrated: same record, ended kept, no date, no branch', () => {
    const text = fixture('save-v1.json');
    const raw = JSON.parse(text);
    expect(raw.format).toBe(1);
    const { value, migratedFrom } = okValue(readSave(text));
    expect(migratedFrom).toBe(1);
    expect(value).toEqual({
      record: { scenario: raw.scenario, version: raw.version, seed: raw.seed, choices: raw.choices },
      ended: false,
      savedAt: null,
      branch: null,
    });
    // A real prefix of the golden-3 run, which replays and is not over.
    expect(value.record.choices).toEqual(GOLDEN_3_CHOICES.slice(0, value.record.choices.length));
    expect(value.record.choices.length).toBeGreaterThan(0);
    const live = liveHash(value.record);
    expect(live.done).toBe(false);
    expect(playChoices(march, value.record.seed, value.record.choices).status).toBe('active');
  });

  it('save-v1.json migrates to format 2 and back unchanged', () => {
    const migrated = okValue(readSave(fixture('save-v1.json'))).value;
    const text = writeSave(migrated);
    expect(JSON.parse(text).format).toBe(PLAIN_SAVE_FORMAT);
    expect(readSave(text)).toEqual({ kind: 'ok', value: migrated, migratedFrom: null });
  });

  it('save-v2.json (format 2) reads as it is, with its branch, and writes back to the same text', () => {
    const text = fixture('save-v2.json');
    const { value, migratedFrom } = okValue(readSave(text));
    expect(migratedFrom).toBeNull();
    expect(value.savedAt).toBe('2026-03-05T14:03:27.412Z');
    expect(value.branch).not.toBeNull();
    expect(value.branch!.from).toEqual(GOLDEN_PRINCIPLED);
    expect(writeSave(value)).toBe(text);
    // Both the run and the run it branches from replay; the branch shares the steps before `at` and differs at `at`.
    const { at, from } = value.branch!;
    expect(value.record.seed).toBe(from.seed);
    expect(value.record.choices.slice(0, at)).toEqual(from.choices.slice(0, at));
    expect(value.record.choices[at]).not.toBe(from.choices[at]);
    expect(liveHash(value.record).done).toBe(false);
    expect(liveHash(from)).toEqual({ hash: '978c5d10da220c2c', ending: 'standoff', done: true });
  });

  it('save-v4-future.json (a newer format) is refused, saying so, and never read as a run', () => {
    const msg = problemOf(readSave(fixture('save-v4-future.json')));
    expect(msg).toMatch(/newer/);
    expect(msg).toContain('format 4');
    expect(msg).toContain(`format ${SAVE_FORMAT}`);
    expect(msg).toMatch(/left as it is/);
  });

  it('history-v1.json reads as it is, newest first, and writes back to the same text', () => {
    const text = fixture('history-v1.json');
    const { value, migratedFrom } = okValue(readHistory(text));
    expect(migratedFrom).toBeNull();
    expect(value).toHaveLength(3);
    expect(writeHistory(value)).toBe(text);
    const times = value.map((e) => Date.parse(e.finishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(value.some((e) => e.branch !== null)).toBe(true);
  });

  it("history-v1.json's hashes, endings and titles are those of its records' replays", () => {
    const { value } = okValue(readHistory(fixture('history-v1.json')));
    for (const e of value) {
      const live = liveHash(e.record);
      expect(live.done).toBe(true);
      expect(e.hash).toBe(live.hash);
      expect(e.ending).toBe(live.ending);
      expect(e.endingTitle).toBe(march.endings.find((x) => x.id === e.ending)!.title);
      const fast = playChoices(march, e.record.seed, e.record.choices);
      expect(stateHash(fast.value, fast.context)).toBe(e.hash);
      if (e.branch) {
        expect(liveHash(e.branch.from).done).toBe(true);
        expect(e.record.choices.slice(0, e.branch.at)).toEqual(e.branch.from.choices.slice(0, e.branch.at));
      }
    }
    // The pinned golden hashes (test/golden.test.ts).
    expect(value.map((e) => e.hash)).toContain('978c5d10da220c2c');
    expect(value.map((e) => e.hash)).toContain('59a41fac5d7f012f');
  });

  it('history-v2-future.json (a newer format) is refused, saying so', () => {
    const msg = problemOf(readHistory(fixture('history-v2-future.json')));
    expect(msg).toMatch(/newer/);
    expect(msg).toContain('format 2');
    expect(msg).toContain(`format ${HISTORY_FORMAT}`);
  });
});

// ---- saves ----

describe('readSave and writeSave', () => {
  it('no stored text is no save', () => {
    expect(readSave(null)).toEqual({ kind: 'none' });
  });

  it('writeSave writes format 2 without a seat (older games read it) and format 3, the current, with one', () => {
    const d = JSON.parse(writeSave(VALID_SAVE));
    expect(Object.keys(d)).toEqual(['format', 'record', 'ended', 'savedAt', 'branch']);
    expect(d.format).toBe(PLAIN_SAVE_FORMAT);
    expect(SAVE_FORMAT).toBe(3);
  });

  it('save-v3.json (format 3: a game of two players on two devices) reads with its seat and writes back to the same text', () => {
    const text = fixture('save-v3.json');
    const r = readSave(text);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.value.record.side).toBe('pair');
    expect(r.value.seat).toEqual({ mine: 'department', base: 1 });
    expect(writeSave(r.value) + '\n').toBe(text);
  });

  it('round-trips saves: ended or not, with or without a date and a branch', () => {
    const saves: Save[] = [
      VALID_SAVE,
      { ...VALID_SAVE, ended: true },
      { ...VALID_SAVE, savedAt: null, branch: null },
      { record: rec('', []), ended: false, savedAt: '', branch: { from: rec('', ['a']), at: 0 } },
    ];
    for (const s of saves) expect(readSave(writeSave(s))).toEqual({ kind: 'ok', value: s, migratedFrom: null });
  });

  it('a missing branch reads as none; unknown fields are dropped', () => {
    const text = saveText((d) => {
      delete d.branch;
      d.extra = 1;
      d.record.extra = 2;
    });
    const { value } = okValue(readSave(text));
    expect(value.branch).toBeNull();
    expect(value.record).toEqual(VALID_SAVE.record);
    expect(JSON.parse(writeSave(value))).not.toHaveProperty('extra');
  });

  it('the value read does not share arrays with the parsed text or with the save it was written from', () => {
    const s: Save = { ...VALID_SAVE, record: rec('copy', ['a']) };
    const { value } = okValue(readSave(writeSave(s)));
    value.record.choices.push('b');
    expect(s.record.choices).toEqual(['a']);
  });

  describe('format 1 (migrated)', () => {
    const v1 = (over: Record<string, unknown> = {}) =>
      JSON.stringify({ format: 1, scenario: 'march-2026', version: 1, seed: 'old', choices: ['hold-both-clauses'], ended: false, ...over });

    it('keeps the record and ended, with no date and no branch', () => {
      for (const ended of [true, false]) {
        expect(readSave(v1({ ended }))).toEqual({
          kind: 'ok',
          value: { record: rec('old', ['hold-both-clauses']), ended, savedAt: null, branch: null },
          migratedFrom: 1,
        });
      }
    });

    it('an absent ended is false', () => {
      expect(okValue(readSave(v1({ ended: undefined }))).value.ended).toBe(false);
    });

    it.each([
      ['scenario', { scenario: '' }, /"scenario" must be a scenario id/],
      ['version', { version: 0 }, /"version" must be a whole number/],
      ['seed', { seed: undefined }, /"seed" must be text/],
      ['choices', { choices: [1] }, /"choices" must be a list of choice ids/],
    ])('refuses a damaged %s, naming the format and the field', (_field, over, message) => {
      const msg = problemOf(readSave(v1(over)));
      expect(msg).toMatch(/format 1/);
      expect(msg).toMatch(message);
    });
  });

  describe('refusals', () => {
    it.each([
      ['not JSON', '{"format": 2, ', /not valid JSON/],
      ['empty text', '', /not valid JSON/],
      ['a list', '[1,2]', /not an object/],
      ['a string', '"a save"', /not an object/],
      ['a number', '2', /not an object/],
      ['null', 'null', /not an object/],
      ['no format', '{}', /no format number/],
      ['a text format', '{"format":"2"}', /no format number/],
      ['a fractional format', '{"format":1.5}', /no format number/],
      ['format 0', '{"format":0}', /no format number/],
      ['a negative format', '{"format":-2}', /no format number/],
      ['a null format', '{"format":null}', /no format number/],
      ['a newer format', '{"format":4}', /newer Red Lines \(save format 4\)/],
      ['a much newer format', '{"format":1000,"whatever":[]}', /newer Red Lines \(save format 1000\)/],
    ])('%s', (_name, text, message) => {
      const msg = problemOf(readSave(text));
      expect(msg).toMatch(/saved run/);
      expect(msg).toMatch(message);
    });

    const damaged: [string, (d: Record<string, any>) => void, string][] = [
      ['no record', (d) => delete d.record, 'record is not a run record'],
      ['a record list', (d) => (d.record = []), 'record is not a run record'],
      ['no scenario', (d) => delete d.record.scenario, 'record.scenario must be a scenario id'],
      ['an empty scenario', (d) => (d.record.scenario = ''), 'record.scenario must be a scenario id'],
      ['a number scenario', (d) => (d.record.scenario = 7), 'record.scenario must be a scenario id'],
      ['version 0', (d) => (d.record.version = 0), 'record.version must be a whole number'],
      ['version 1.5', (d) => (d.record.version = 1.5), 'record.version must be a whole number'],
      ['a text version', (d) => (d.record.version = '1'), 'record.version must be a whole number'],
      ['no seed', (d) => delete d.record.seed, 'record.seed must be text'],
      ['a number seed', (d) => (d.record.seed = 42), 'record.seed must be text'],
      ['no choices', (d) => delete d.record.choices, 'record.choices must be a list of choice ids'],
      ['a text choices', (d) => (d.record.choices = 'hold-both-clauses'), 'record.choices must be a list of choice ids'],
      ['a null choice', (d) => (d.record.choices = ['a', null]), 'record.choices must be a list of choice ids'],
      ['no ended', (d) => delete d.ended, 'ended must be true or false'],
      ['a text ended', (d) => (d.ended = 'true'), 'ended must be true or false'],
      ['no savedAt', (d) => delete d.savedAt, 'savedAt must be a date or null'],
      ['a number savedAt', (d) => (d.savedAt = 1741168800000), 'savedAt must be a date or null'],
      ['a number branch', (d) => (d.branch = 3), 'branch must be an object or null'],
      ['a list branch', (d) => (d.branch = []), 'branch must be an object or null'],
      ['a branch with no run', (d) => delete d.branch.from, 'branch.from is not a run record'],
      ['a branch run with no seed', (d) => delete d.branch.from.seed, 'branch.from.seed must be text'],
      ['a branch run with bad choices', (d) => (d.branch.from.choices = [3]), 'branch.from.choices must be a list of choice ids'],
      ['a branch with no step', (d) => delete d.branch.at, 'branch.at must be a step number'],
      ['a negative branch step', (d) => (d.branch.at = -1), 'branch.at must be a step number'],
      ['a fractional branch step', (d) => (d.branch.at = 0.5), 'branch.at must be a step number'],
      ['a branch step beyond the original run', (d) => (d.branch.at = d.branch.from.choices.length), 'branch.at must be a step of the original run (it has 2 choices)'],
    ];
    it.each(damaged)('refuses %s, naming the field', (_name, edit, field) => {
      expect(problemOf(readSave(saveText(edit)))).toBe(`The saved run is damaged: ${field}.`);
    });

    it('reports the first damaged field, record first', () => {
      const text = saveText((d) => {
        d.record.seed = 1;
        d.ended = 'no';
        d.branch = 5;
      });
      expect(problemOf(readSave(text))).toMatch(/record\.seed/);
    });
  });
});

// ---- history ----

describe('readHistory and writeHistory', () => {
  const e1 = entry(rec('one', ['hold-both-clauses']));
  const e2 = entry(rec('two'), { ending: null, endingTitle: '', branch: { from: rec('one', ['a', 'b']), at: 1 } });
  const historyText = (edit: (runs: any[]) => void): string => {
    const d = JSON.parse(writeHistory([e1, e2]));
    edit(d.runs);
    return JSON.stringify(d);
  };

  it('no stored text is no history', () => {
    expect(readHistory(null)).toEqual({ kind: 'none' });
  });

  it('round-trips a history, the empty one included', () => {
    for (const runs of [[], [e1], [e1, e2]]) expect(readHistory(writeHistory(runs))).toEqual({ kind: 'ok', value: runs, migratedFrom: null });
    expect(JSON.parse(writeHistory([e1]))).toEqual({ format: HISTORY_FORMAT, runs: [e1] });
  });

  it('a missing branch reads as none', () => {
    const { value } = okValue(readHistory(historyText((runs) => delete runs[0]!.branch)));
    expect(value[0]!.branch).toBeNull();
  });

  it.each([
    ['not JSON', 'runs: []', /not valid JSON/],
    ['a list', '[]', /not an object/],
    ['no format', '{"runs":[]}', /no format number/],
    ['format 0', '{"format":0,"runs":[]}', /no format number/],
    ['a newer format', '{"format":2,"runs":[]}', /newer Red Lines \(history format 2\)/],
    ['no runs', '{"format":1}', /no list of runs/],
    ['runs as an object', '{"format":1,"runs":{}}', /no list of runs/],
  ])('refuses %s', (_name, text, message) => {
    const msg = problemOf(readHistory(text));
    expect(msg).toMatch(/run history/);
    expect(msg).toMatch(message);
  });

  const damaged: [string, (runs: any[]) => void, string][] = [
    ['a run that is not an object', (r) => (r[1] = 'run'), 'run 2 is not an object'],
    ['a null run', (r) => (r[0] = null), 'run 1 is not an object'],
    ['a run with no record', (r) => delete r[1]!.record, 'run 2.record is not a run record'],
    ['a record with no seed', (r) => delete r[1]!.record.seed, 'run 2.record.seed must be text'],
    ['a record with a bad version', (r) => (r[0]!.record.version = -1), 'run 1.record.version must be a whole number'],
    ['a number ending', (r) => (r[1]!.ending = 3), 'run 2.ending must be an ending id or null'],
    ['no ending', (r) => delete r[1]!.ending, 'run 2.ending must be an ending id or null'],
    ['no ending title', (r) => delete r[1]!.endingTitle, 'run 2.endingTitle must be text'],
    ['no hash', (r) => delete r[1]!.hash, 'run 2.hash must be 16 hexadecimal digits'],
    ['a short hash', (r) => (r[1]!.hash = '0123456789abcde'), 'run 2.hash must be 16 hexadecimal digits'],
    ['a long hash', (r) => (r[1]!.hash = '0123456789abcdef0'), 'run 2.hash must be 16 hexadecimal digits'],
    ['an upper-case hash', (r) => (r[1]!.hash = '0123456789ABCDEF'), 'run 2.hash must be 16 hexadecimal digits'],
    ['a hash with a new line', (r) => (r[1]!.hash = '0123456789abcdef\n'), 'run 2.hash must be 16 hexadecimal digits'],
    ['no finish date', (r) => delete r[1]!.finishedAt, 'run 2.finishedAt must be a date'],
    ['a number branch', (r) => (r[1]!.branch = 1), 'run 2.branch must be an object or null'],
    ['a branch with a bad run', (r) => (r[1]!.branch.from.scenario = ''), 'run 2.branch.from.scenario must be a scenario id'],
    ['a branch with a bad step', (r) => (r[1]!.branch.at = '1'), 'run 2.branch.at must be a step number'],
  ];
  it.each(damaged)('refuses %s, naming the run and field', (_name, edit, field) => {
    expect(problemOf(readHistory(historyText(edit)))).toBe(`The run history is damaged: ${field}.`);
  });

  it('refuses the whole history for one damaged run (nothing is silently dropped)', () => {
    const runs = Array.from({ length: 5 }, (_, i) => entry(rec(`r${i}`)));
    const d = JSON.parse(writeHistory(runs));
    d.runs[4].hash = 'nope';
    expect(problemOf(readHistory(JSON.stringify(d)))).toMatch(/run 5\.hash/);
  });
});

// ---- records and the history list ----

describe('recordProblem and sameRecord', () => {
  it('a record has no problem; the place is named in each problem', () => {
    expect(recordProblem(rec('x', ['a']), 'here')).toBeNull();
    expect(recordProblem(rec('', []), 'here')).toBeNull();
    expect(recordProblem(undefined, 'here')).toBe('here is not a run record');
    expect(recordProblem('rl2.abc', 'there')).toBe('there is not a run record');
    expect(recordProblem({ ...rec('x'), version: 2 ** 40 }, 'v')).toBeNull();
    expect(recordProblem({ ...rec('x'), version: Infinity }, 'v')).toBe('v.version must be a whole number');
    expect(recordProblem({ ...rec('x'), version: NaN }, 'v')).toBe('v.version must be a whole number');
  });

  it('sameRecord compares every field and every choice in order', () => {
    const a = rec('s', ['x', 'y']);
    expect(sameRecord(a, rec('s', ['x', 'y']))).toBe(true);
    expect(sameRecord(a, rec('S', ['x', 'y']))).toBe(false);
    expect(sameRecord(a, rec('s', ['y', 'x']))).toBe(false);
    expect(sameRecord(a, rec('s', ['x']))).toBe(false);
    expect(sameRecord(a, rec('s', ['x', 'y', 'z']))).toBe(false);
    expect(sameRecord(a, rec('s', ['x', 'y'], 2))).toBe(false);
    expect(sameRecord(a, rec('s', ['x', 'y'], 1, 'other'))).toBe(false);
    expect(sameRecord(rec('', []), rec('', []))).toBe(true);
  });
});

describe('addToHistory', () => {
  it('puts a new run at the top', () => {
    const old = [entry(rec('a')), entry(rec('b'))];
    const n = entry(rec('c'));
    expect(addToHistory(old, n)).toEqual([n, ...old]);
  });

  it('moves a run already there to the top, replacing its old entry', () => {
    const old = [entry(rec('a')), entry(rec('b')), entry(rec('c'))];
    const again = entry(rec('b'), { finishedAt: '2026-03-06T00:00:00.000Z' });
    expect(addToHistory(old, again)).toEqual([again, old[0], old[2]]);
  });

  it('keeps runs of the same seed with other choices, versions or scenarios', () => {
    const old = [entry(rec('a', ['x'])), entry(rec('a', ['x'], 2)), entry(rec('a', ['x'], 1, 'other'))];
    expect(addToHistory(old, entry(rec('a', ['x', 'y'])))).toHaveLength(4);
    expect(addToHistory(old, entry(rec('a', [])))).toHaveLength(4);
  });

  it(`keeps the newest ${HISTORY_SIZE}`, () => {
    expect(HISTORY_SIZE).toBe(20);
    let h: HistoryEntry[] = [];
    for (let i = 0; i < 25; i++) h = addToHistory(h, entry(rec(`run-${i}`)));
    expect(h).toHaveLength(HISTORY_SIZE);
    expect(h.map((e) => e.record.seed)).toEqual(Array.from({ length: 20 }, (_, i) => `run-${24 - i}`));
  });

  it('a repeat of a run in a full history drops nothing else', () => {
    let h: HistoryEntry[] = [];
    for (let i = 0; i < 20; i++) h = addToHistory(h, entry(rec(`run-${i}`)));
    const again = addToHistory(h, entry(rec('run-0')));
    expect(again).toHaveLength(20);
    expect(again[0]!.record.seed).toBe('run-0');
    expect(new Set(again.map((e) => e.record.seed)).size).toBe(20);
  });

  it('does not change the history it is given', () => {
    const old = [entry(rec('a')), entry(rec('b'))];
    const copy = structuredClone(old);
    addToHistory(old, entry(rec('a')));
    expect(old).toEqual(copy);
  });

  it('property: the result is the model (distinct records, most recent first, at most 20)', () => {
    const pool = [rec('a'), rec('a', ['x']), rec('b'), rec('b', [], 2), rec('c', ['x', 'y']), rec('', [])];
    fc.assert(
      fc.property(fc.array(fc.nat({ max: pool.length * 5 - 1 }), { maxLength: 60 }), (picks) => {
        // Records beyond the pool are fresh seeds, so the cap is reached.
        const records = picks.map((p) => (p < pool.length ? pool[p]! : rec(`fresh-${p}`)));
        let h: HistoryEntry[] = [];
        for (const [i, r] of records.entries()) h = addToHistory(h, entry(r, { finishedAt: String(i) }));
        const model: HistoryEntry[] = [];
        for (let i = records.length - 1; i >= 0 && model.length < HISTORY_SIZE; i--) {
          if (!model.some((e) => sameRecord(e.record, records[i]!))) model.push(entry(records[i]!, { finishedAt: String(i) }));
        }
        expect(h).toEqual(model);
      }),
      fcParams(200),
    );
  });
});

// ---- properties of the formats ----

/** Seeds as people type them, and worse: emoji, right-to-left text, marks, empty, very long, lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  fc.constantFrom('', ' ', '🧭🔴👩🏽‍⚖️🇺🇸', 'مفاوضات الخطوط الحمراء', 'קווים אדומים\u200F', '\u202Eevil\u202C', '\uFEFFbom', 'a\u0000b', '"},{"format":3', '\\u0000', 'x'.repeat(5000)),
  fc.string({ minLength: 200, maxLength: 2000 }),
);
const anyRecord: fc.Arbitrary<RunRecord> = fc.record({
  scenario: fc.oneof(fc.constant('march-2026'), anyText.filter((s) => s !== '')),
  version: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  seed: anyText,
  choices: fc.array(fc.oneof(fc.constantFrom('hold-both-clauses', 'let-it-go', ''), anyText), { maxLength: 20 }),
});
const anyBranch: fc.Arbitrary<Branch | null> = fc.option(
  anyRecord.filter((r) => r.choices.length > 0).chain((from) => fc.record({ from: fc.constant(from), at: fc.nat({ max: from.choices.length - 1 }) })),
  { nil: null },
);
const anySave: fc.Arbitrary<Save> = fc.record({ record: anyRecord, ended: fc.boolean(), savedAt: fc.option(anyText, { nil: null }), branch: anyBranch });
const anyEntry: fc.Arbitrary<HistoryEntry> = fc.record({
  record: anyRecord,
  ending: fc.option(anyText, { nil: null }),
  endingTitle: anyText,
  hash: fc.stringMatching(/^[0-9a-f]{16}$/),
  finishedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), anyText),
  branch: anyBranch,
});

describe('properties', () => {
  it('writeSave then readSave is the identity', () => {
    fc.assert(
      fc.property(anySave, (save) => {
        expect(readSave(writeSave(save))).toEqual({ kind: 'ok', value: save, migratedFrom: null });
      }),
      fcParams(300),
    );
  });

  it('a save read back writes the same text', () => {
    fc.assert(
      fc.property(anySave, (save) => {
        const text = writeSave(save);
        expect(writeSave(okValue(readSave(text)).value)).toBe(text);
      }),
      fcParams(100),
    );
  });

  it('a format 1 save of any record migrates to that record', () => {
    fc.assert(
      fc.property(anyRecord, fc.boolean(), (record, ended) => {
        const text = JSON.stringify({ format: 1, ...record, ended });
        expect(readSave(text)).toEqual({ kind: 'ok', value: { record, ended, savedAt: null, branch: null }, migratedFrom: 1 });
      }),
      fcParams(200),
    );
  });

  it('writeHistory then readHistory is the identity', () => {
    fc.assert(
      fc.property(fc.array(anyEntry, { maxLength: HISTORY_SIZE }), (runs) => {
        const text = writeHistory(runs);
        expect(readHistory(text)).toEqual({ kind: 'ok', value: runs, migratedFrom: null });
        expect(writeHistory(okValue(readHistory(text)).value)).toBe(text);
      }),
      fcParams(150),
    );
  });

  it('any text reads as a save, a problem or nothing, and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.json(), fc.jsonValue().map((v) => JSON.stringify({ format: 2, record: v, ended: false, savedAt: null }))), (text) => {
        for (const r of [readSave(text), readHistory(text)]) expect(['ok', 'problem']).toContain(r.kind);
      }),
      fcParams(300),
    );
  });

  it('sameRecord is reflexive, symmetric and agrees with deep equality', () => {
    fc.assert(
      fc.property(anyRecord, anyRecord, (a, b) => {
        expect(sameRecord(a, structuredClone(a))).toBe(true);
        expect(sameRecord(a, b)).toBe(sameRecord(b, a));
        expect(sameRecord(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      fcParams(200),
    );
  });
});
