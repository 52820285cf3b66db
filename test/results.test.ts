/**
 * Class results (src/core/results.ts): pasted replay codes and uploaded run files, each checked,
 * replayed and tallied; a bad entry is listed with its reason, never dropped; the CSV export.
 * The tallies are checked against counts computed here independently, from XState replays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { stateHash } from '../src/core/hash.ts';
import { decodeCode, encodeCode, recordToCode, type RunRecord } from '../src/core/record.ts';
import { checkHash } from '../src/core/replay.ts';
import { classResults, csvField, resultsCsv, splitPasted, type ClassResults, type Submission } from '../src/core/results.ts';
import { machineOf } from '../src/core/engine.ts';
import { playFast } from '../src/core/run.ts';
import { exportRunFile } from '../src/core/runfile.ts';
import type { Scenario } from '../src/core/schema.ts';
import { loadFixture, loadMarch, loadMarch2, playPicks, ROOT } from './helpers.ts';
import { outcomeOf, playAgent } from '../src/core/agent-play.ts';
import { BUILTIN_AGENTS } from '../src/core/negotiation/agents.ts';
import { allUtilities, utility } from '../src/core/negotiation/utility.ts';
import { clauseSpecs, hiddenValues } from '../src/core/talks.ts';

const march = loadMarch();
const mini = loadFixture('mini');
const SEED = 'class-7B';
const rec = (choices: string[], seed = SEED, s: Scenario = march): RunRecord => ({ scenario: s.id, version: s.version, seed, choices });
const codeOf = (choices: string[], seed = SEED) => recordToCode(march, rec(choices, seed));

/** mulberry32: a small fixed pseudo-random source for choice positions. */
function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A run replayed through XState (not the stepper results.ts uses): meters after each step, ending, hash. */
function replayLive(record: RunRecord): { meters: Record<string, number>[]; ending: string | null; hash: string } {
  const machine = machineOf(march);
  let [snap] = initialTransition(machine, { seed: record.seed });
  const meters = [{ ...snap.context.meters }];
  for (const choice of record.choices) {
    [snap] = transition(machine, snap, { type: 'choose', choice });
    meters.push({ ...snap.context.meters });
  }
  return { meters, ending: snap.status === 'done' ? snap.context.ending : null, hash: stateHash(snap.value as string, snap.context) };
}

const beatOfChoice = new Map<string, string>();
const choiceLabel = new Map<string, string>();
for (const p of march.phases) for (const b of p.beats) for (const c of b.choices) beatOfChoice.set(c.id, b.id), choiceLabel.set(c.id, c.label);

/** Splits CSV text into rows of fields (RFC 4180), independently of results.ts; rows end with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (ch === '"') (quoted = false), i++;
      else (field += ch), i++;
    } else if (ch === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === ',') (row.push(field), (field = '')), i++;
    else if (ch === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = '')), (i += 2);
    else if (ch === '\r' || ch === '\n') throw new Error(`a bare line break outside quotes at ${i}`);
    else (field += ch), i++;
  }
  if (quoted) throw new Error('an unclosed quote');
  if (field !== '' || row.length) throw new Error('the last row does not end with CRLF');
  return rows;
}

// ---- the class: 28 real runs on the class seed, 2 damaged codes ----

const rand = mulberry32(20260305);
const randomRun = playFast(march, SEED, 'random').context.choices;
const firstRun = playFast(march, SEED, 'first').context.choices;
const picked = Array.from({ length: 20 }, () => playPicks(march, SEED, Array.from({ length: 24 }, () => Math.floor(rand() * 12)), true).choices);
const RUNS: string[][] = [
  randomRun,
  ...picked.slice(0, 5),
  firstRun,
  randomRun, // the same choices on the class seed: the same code, counted again
  ['accept-all-lawful-purposes'],
  ...picked.slice(5, 12),
  randomRun.slice(0, 4), // unfinished
  firstRun,
  ...picked.slice(12, 20),
  [], // unfinished: no choice made
  randomRun,
];
/** How each line labels its code, by submission order. */
const LINE_FORMS: ((code: string, name: string) => string)[] = [
  (c, n) => `${n}: ${c}`,
  (c, n) => `${c} ${n}`,
  (c, n) => `${n}\t${c}`,
  (c, n) => `${n}, ${c}`,
  (c) => c,
  (c) => `  ${c}  `,
];
const DAMAGED_AT = [7, 19]; // 1-based submission numbers of the damaged codes

interface Expected {
  n: number;
  line: number;
  label: string;
  code: string;
  record: RunRecord | null;
  reason?: string;
}
const EXPECTED: Expected[] = [];
const PASTED = (() => {
  const lines: string[] = [];
  let r = 0;
  for (let n = 1; n <= 30; n++) {
    if (n % 4 === 0) lines.push(n % 8 === 0 ? '   \t' : ''); // blank lines are skipped but still counted as lines
    const name = `Student ${n}`;
    const form = LINE_FORMS[n % LINE_FORMS.length]!;
    const labelled = form === LINE_FORMS[4] || form === LINE_FORMS[5] ? '' : name;
    if (DAMAGED_AT.includes(n)) {
      const good = codeOf(picked[n]!);
      // One truncated (its last 3 characters lost), one with a character changed in the middle.
      const bad = n === DAMAGED_AT[0] ? good.slice(0, -3) : good.slice(0, 20) + (good[20] === 'Q' ? 'R' : 'Q') + good.slice(21);
      const d = decodeCode(bad);
      if (d.ok) throw new Error('the damaged code decoded');
      lines.push(form(bad, name));
      EXPECTED.push({ n, line: lines.length, label: labelled, code: bad, record: null, reason: d.error.message });
    } else {
      const record = rec(RUNS[r++]!);
      const code = recordToCode(march, record);
      lines.push(form(code, name));
      EXPECTED.push({ n, line: lines.length, label: labelled, code, record });
    }
  }
  if (r !== RUNS.length) throw new Error(`${RUNS.length - r} runs not used`);
  return `${lines.join('\r\n')}\r\n\r\n`;
})();

describe('splitPasted', () => {
  it('blank lines are skipped; each submission is labelled with its line', () => {
    expect(splitPasted('\n\nAlice: rl2.AAAA\n   \n\t\nrl2.BBBB Bob\n')).toEqual([
      { source: 'line 3', text: 'Alice: rl2.AAAA' },
      { source: 'line 6', text: 'rl2.BBBB Bob' },
    ]);
  });

  it('tabs and commas around the code stay in the text (they make the label)', () => {
    expect(splitPasted('Carol\trl2.CCCC\nSmith, Dan, rl2.DDDD,')).toEqual([
      { source: 'line 1', text: 'Carol\trl2.CCCC' },
      { source: 'line 2', text: 'Smith, Dan, rl2.DDDD,' },
    ]);
  });

  it('two codes on one line become two submissions', () => {
    expect(splitPasted('Eve rl2.EEEE rl2.FFFF\nrl1.GGGG')).toEqual([
      { source: 'line 1 (code 1)', text: 'rl2.EEEE' },
      { source: 'line 1 (code 2)', text: 'rl2.FFFF' },
      { source: 'line 2', text: 'rl1.GGGG' },
    ]);
  });

  it('a line without a code is kept, to be reported', () => {
    expect(splitPasted('rl2.AAAA\nI forgot my code, sorry\nrl2.BBBB')).toEqual([
      { source: 'line 1', text: 'rl2.AAAA' },
      { source: 'line 2', text: 'I forgot my code, sorry' },
      { source: 'line 3', text: 'rl2.BBBB' },
    ]);
  });

  it('CRLF, CR and LF line ends all split lines', () => {
    expect(splitPasted('rl2.A\r\nrl2.B\rrl2.C\nrl2.D\r\n').map((s) => [s.source, s.text])).toEqual([
      ['line 1', 'rl2.A'],
      ['line 2', 'rl2.B'],
      ['line 3', 'rl2.C'],
      ['line 4', 'rl2.D'],
    ]);
  });

  it('another source name', () => {
    expect(splitPasted('x\ny', 'pasted line')).toEqual([
      { source: 'pasted line 1', text: 'x' },
      { source: 'pasted line 2', text: 'y' },
    ]);
  });

  it('nothing pasted gives no submissions', () => {
    expect(splitPasted('')).toEqual([]);
    expect(splitPasted('\r\n \n\t\r\n')).toEqual([]);
  });

  it('the class paste: 30 submissions, in order, each with its line', () => {
    const subs = splitPasted(PASTED);
    expect(subs).toHaveLength(30);
    subs.forEach((s, i) => {
      expect(s.source).toBe(`line ${EXPECTED[i]!.line}`);
      expect(s.text).toContain(EXPECTED[i]!.code);
    });
  });

  // BUG (results.ts, CODE_TOKEN = /rl\d*\.[A-Za-z0-9_-]*/g): the format digits are optional and the
  // token may start inside a word, so "carl.jones@school.org" holds a "code" ("rl.jones"). A
  // form export line of timestamp, e-mail and code becomes two submissions: a spurious refused
  // "rl.jones", and the real code stripped of its label.
  it('an e-mail address next to the code is a label, not a second code', () => {
    const code = codeOf(randomRun);
    const line = `2026-03-05 10:02, carl.jones@school.org, ${code}`;
    expect(splitPasted(line)).toEqual([{ source: 'line 1', text: line }]);
    const r = classResults(march, splitPasted(line), SEED);
    expect(r.rejected).toEqual([]);
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]!.label).toContain('carl.jones@school.org');
  });
});

describe('classResults of a class of 30: 28 real runs and 2 damaged codes', () => {
  const subs = splitPasted(PASTED);
  const r = classResults(march, subs, SEED);
  const good = EXPECTED.filter((e) => e.record);
  const live = good.map((e) => replayLive(e.record!));

  it('28 entries counted, 2 rejected', () => {
    expect(r.entries).toHaveLength(28);
    expect(r.rejected).toHaveLength(2);
  });

  it('each rejected entry keeps its order number, its source, an excerpt and the decoder\'s reason', () => {
    const bad = EXPECTED.filter((e) => !e.record);
    expect(r.rejected.map((x) => x.n)).toEqual(DAMAGED_AT);
    r.rejected.forEach((x, i) => {
      expect(x.source).toBe(`line ${bad[i]!.line}`);
      expect(x.reason).toBe(bad[i]!.reason);
      expect(subs[x.n - 1]!.text.replace(/\s+/g, ' ').trim().startsWith(x.excerpt.replace(/…$/, ''))).toBe(true);
      expect(x.excerpt.length).toBeLessThanOrEqual(48);
    });
    expect(r.rejected[0]!.reason).toMatch(/incomplete|damaged/);
    expect(r.rejected[1]!.reason).toMatch(/checksum does not match/);
  });

  it('each entry: its order number, source, label, record, code, ending, hash and meters', () => {
    expect(r.entries.map((e) => e.n)).toEqual(good.map((e) => e.n));
    r.entries.forEach((e, i) => {
      const x = good[i]!;
      expect(e.source).toBe(`line ${x.line}`);
      expect(e.label).toBe(x.label);
      expect(e.record).toEqual(x.record);
      expect(e.code).toBe(x.code);
      expect(e.ending).toBe(live[i]!.ending);
      expect(e.endingTitle).toBe(live[i]!.ending ? march.endings.find((d) => d.id === live[i]!.ending)!.title : '');
      expect(e.hash).toBe(live[i]!.hash);
      expect(e.meters).toEqual(live[i]!.meters);
    });
  });

  it('endings: the scenario\'s endings in order, counts sum to the finished runs; unfinished counted apart', () => {
    expect(r.endings.map((e) => [e.id, e.title])).toEqual(march.endings.map((e) => [e.id, e.title]));
    for (const e of r.endings) expect(e.count).toBe(live.filter((l) => l.ending === e.id).length);
    const finished = live.filter((l) => l.ending !== null).length;
    expect(r.endings.reduce((a, e) => a + e.count, 0)).toBe(finished);
    expect(r.unfinished).toBe(2);
    expect(finished + r.unfinished).toBe(28);
    expect(r.endings.filter((e) => e.count > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('beats: every beat reached, in scenario order; choice counts sum to the total, which is the number of runs that chose there', () => {
    const reached = new Set(good.flatMap((x) => x.record!.choices.map((c) => beatOfChoice.get(c)!)));
    const order = march.phases.flatMap((p) => p.beats.map((b) => b.id));
    expect(r.beats.map((b) => b.id)).toEqual(order.filter((id) => reached.has(id)));
    for (const b of r.beats) {
      const beat = march.phases.flatMap((p) => p.beats).find((x) => x.id === b.id)!;
      expect(b.title).toBe(beat.title);
      expect(b.choices.map((c) => [c.id, c.label])).toEqual(beat.choices.map((c) => [c.id, c.label]));
      expect(b.choices.reduce((a, c) => a + c.count, 0)).toBe(b.total);
      expect(b.total).toBe(good.filter((x) => x.record!.choices.some((c) => beatOfChoice.get(c) === b.id)).length);
      for (const c of b.choices) expect(c.count, c.id).toBe(good.filter((x) => x.record!.choices.includes(c.id)).length);
    }
    expect(r.beats[0]!.total).toBe(27); // every run but the one with no choice
  });

  it('meters: the mean at step 0 is the start value; at step k the mean over the runs that reached k', () => {
    const steps = Math.max(...good.map((x) => x.record!.choices.length)) + 1;
    expect(r.meters.map((m) => [m.id, m.label])).toEqual(march.meters.map((m) => [m.id, m.label]));
    for (const m of r.meters) {
      const start = march.meters.find((x) => x.id === m.id)!.start;
      expect(m.mean[0]).toBe(start);
      expect(m.runs[0]).toBe(28);
      expect(m.mean).toHaveLength(steps);
      expect(m.runs).toHaveLength(steps);
      for (let k = 0; k < steps; k++) {
        const at = live.filter((l) => l.meters.length > k);
        expect(m.runs[k]).toBe(at.length);
        const exact = at.reduce((a, l) => a + l.meters[k]![m.id]!, 0) / at.length;
        expect(Math.abs(m.mean[k]! - exact), `${m.id} at step ${k}`).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(Math.round(m.mean[k]! * 10)).toBeCloseTo(m.mean[k]! * 10, 9); // one decimal
        if (k > 0) expect(m.runs[k]!).toBeLessThanOrEqual(m.runs[k - 1]!);
      }
      expect(m.runs[1]).toBe(27);
    }
  });

  it('paths: the five most common, most common first, with their counts (duplicate runs counted twice)', () => {
    const counts = new Map<string, number>();
    for (const x of good) counts.set(x.record!.choices.join('\u0000'), (counts.get(x.record!.choices.join('\u0000')) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(r.paths).toHaveLength(Math.min(5, counts.size));
    expect(r.paths.map((p) => p.count)).toEqual(sorted.slice(0, 5));
    for (const p of r.paths) {
      expect(p.count).toBe(counts.get(p.choices.join('\u0000')));
      expect(p.labels).toEqual(p.choices.map((c) => choiceLabel.get(c)));
      expect(p.ending).toBe(replayLive(rec(p.choices)).ending);
    }
    expect(new Set(r.paths.map((p) => p.choices.join('\u0000'))).size).toBe(r.paths.length);
    // Giving in at the first beat is the most common path; the random strategy's run was handed
    // in three times, the first strategy's twice.
    expect(r.paths[0]).toMatchObject({ choices: ['accept-all-lawful-purposes'], count: counts.get('accept-all-lawful-purposes'), ending: 'capitulation' });
    expect(r.paths[0]!.count).toBeGreaterThan(3);
    expect(r.paths[1]).toMatchObject({ choices: randomRun, count: 3 });
    expect(r.paths[2]).toMatchObject({ choices: firstRun, count: 2 });
    // Ties keep the order in which the paths were first handed in.
    const ones = r.paths.slice(3).map((p) => good.findIndex((x) => x.record!.choices.join('\u0000') === p.choices.join('\u0000')));
    expect(r.paths.slice(3).every((p) => p.count === 1)).toBe(true);
    expect(ones).toEqual([...ones].sort((a, b) => a - b));
  });

  it('the same results without a class seed, since every run used it', () => {
    const again = classResults(march, subs);
    expect(again).toEqual(r);
  });
});

describe('classResults refuses, with a reason', () => {
  const one = (text: string, classSeed: string | null = SEED, source = 'x'): ClassResults => classResults(march, [{ source, text }], classSeed);
  const reason = (text: string, classSeed: string | null = SEED): string => {
    const r = one(text, classSeed);
    expect(r.entries).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    return r.rejected[0]!.reason;
  };

  it('a run of another seed, naming both seeds', () => {
    const m = reason(codeOf(firstRun.slice(0, 3), 'class-7C'));
    expect(m).toBe('This run used the seed "class-7C", not the class seed "class-7B".');
    // Without a class seed, the same code is counted.
    expect(one(codeOf(firstRun.slice(0, 3), 'class-7C'), null).entries).toHaveLength(1);
  });

  it('a code whose hash is not the one its choices reach (correct positions, wrong hash)', () => {
    const real = decodeCode(codeOf(randomRun));
    if (!real.ok) throw real.error;
    const wrong = real.value.hash === '0123456789abcdef' ? 'fedcba9876543210' : '0123456789abcdef';
    const forged = encodeCode(march.id, march.version, SEED, real.value.positions, wrong);
    const m = reason(forged);
    expect(m).toBe(checkHash(real.value.hash!, wrong).message);
    expect(m).toMatch(/rules changed/);
    expect(m).toContain(wrong);
    expect(m).toContain(real.value.hash!);
  });

  it('a line with no code, and a submission with two codes', () => {
    expect(reason('I forgot my code')).toBe('No replay code found: a code starts with "rl3." (or, from earlier versions, "rl2." or "rl1.").');
    expect(reason(`${codeOf(firstRun)} ${codeOf(randomRun)}`)).toBe('More than one replay code: hand in one code per line.');
  });

  it('a code of another scenario, of another version, of a newer format, or not on the table', () => {
    expect(reason(recordToCode(mini, rec(['hold'], SEED, mini)))).toMatch(/scenario "mini", which this game does not have/);
    const positions = (decodeCode(codeOf(firstRun)) as { ok: true; value: { positions: number[]; hash: string } }).value;
    expect(reason(encodeCode(march.id, march.version + 1, SEED, positions.positions, positions.hash))).toMatch(/made with version 2 of "march-2026"; this game has version 1/);
    expect(reason(`rl6.${codeOf(firstRun).slice(4)}`)).toMatch(/newer Red Lines/);
    expect(reason(encodeCode(march.id, march.version, SEED, [...positions.positions, 0], positions.hash))).toMatch(/holds \d+ moves, but the run ends after/);
  });

  it('malformed run files, and run files that do not replay to their hash', () => {
    expect(reason('{"format": "red-lines-run", "formatVersion": 1,')).toMatch(/^This is not a run file: it is not valid JSON/);
    expect(reason('{"hello": 1}')).toMatch(/not a Red Lines run file/);
    const file = exportRunFile(march, rec(firstRun));
    const edited = { ...file, hash: file.hash === '0000000000000000' ? '1111111111111111' : '0000000000000000' };
    expect(reason(JSON.stringify(edited))).toMatch(/does not match its replay/);
    expect(reason(JSON.stringify(exportRunFile(march, rec(firstRun, 'class-7C'))))).toBe('This run used the seed "class-7C", not the class seed "class-7B".');
  });

  it('an empty class gives empty tallies', () => {
    const r = classResults(march, []);
    expect(r).toMatchObject({ entries: [], rejected: [], unfinished: 0, beats: [], paths: [] });
    expect(r.endings.every((e) => e.count === 0)).toBe(true);
    expect(r.meters.every((m) => m.mean.length === 0 && m.runs.length === 0)).toBe(true);
  });
});

describe('classResults accepts', () => {
  it('run files (exported JSON text, as uploaded) next to codes, unlabelled', () => {
    const subs: Submission[] = [
      { source: 'alice.json', text: JSON.stringify(exportRunFile(march, rec(randomRun)), null, 2) },
      { source: 'line 1', text: `Bob: ${codeOf(randomRun)}` },
      { source: 'carol.json', text: `\n  ${JSON.stringify(exportRunFile(march, rec(firstRun.slice(0, 5))))}\n` },
      { source: 'dan.json', text: '{"format": "red-lines-run"' },
    ];
    const r = classResults(march, subs, SEED);
    expect(r.entries.map((e) => [e.n, e.source, e.label])).toEqual([
      [1, 'alice.json', ''],
      [2, 'line 1', 'Bob'],
      [3, 'carol.json', ''],
    ]);
    expect(r.entries[0]!.code).toBe(codeOf(randomRun));
    expect(r.entries[0]!.hash).toBe(r.entries[1]!.hash);
    expect(r.entries[2]!.ending).toBeNull();
    expect(r.unfinished).toBe(1);
    expect(r.rejected).toMatchObject([{ n: 4, source: 'dan.json' }]);
    expect(r.rejected[0]!.reason).toMatch(/not valid JSON/);
    expect(r.paths[0]).toMatchObject({ choices: randomRun, count: 2 });
  });

  it('unfinished runs (a prefix of the choices) are counted in `unfinished`, not in the endings', () => {
    const subs = [0, 1, 3, 6].map((k, i) => ({ source: `line ${i + 1}`, text: codeOf(firstRun.slice(0, k)) }));
    const r = classResults(march, subs, SEED);
    expect(r.entries).toHaveLength(4);
    expect(r.unfinished).toBe(4);
    expect(r.endings.reduce((a, e) => a + e.count, 0)).toBe(0);
    expect(r.entries.map((e) => e.meters.length)).toEqual([1, 2, 4, 7]);
    expect(r.meters[0]!.runs).toEqual([4, 3, 2, 2, 1, 1, 1]);
  });

  it('a format-1 code (no hash to check) is counted', () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'codes.json'), 'utf8')) as { codes: { format: number; code: string; record: RunRecord }[] };
    const old = fixture.codes.find((c) => c.format === 1 && c.record.scenario === march.id)!;
    const r = classResults(march, [{ source: 'line 1', text: old.code }]);
    expect(r.rejected).toEqual([]);
    expect(r.entries[0]!.record).toEqual(old.record);
    expect(r.entries[0]!.code).toBe(recordToCode(march, old.record));
  });
});

// ---- CSV ----

describe('csvField', () => {
  it('plain text and numbers are written as they are', () => {
    expect(csvField('Alice')).toBe('Alice');
    expect(csvField('')).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField(-3)).toBe('-3'); // a number is not a formula
    expect(csvField('rl2.AbC-_9')).toBe('rl2.AbC-_9');
  });

  it('RFC 4180: commas, quotes, line breaks and outer spaces are quoted, quotes doubled', () => {
    expect(csvField('Smith, Alice')).toBe('"Smith, Alice"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('formulas are defused with a leading apostrophe', () => {
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('round-trips through an independent parser', () => {
    const values = ['a', 'a,b', '"', '""', 'x\r\ny', '\n', ' ', 'é🙂 שלום', 'last,'];
    const text = `${values.map(csvField).join(',')}\r\n`;
    expect(parseCsv(text)).toEqual([values]);
  });
});

describe('resultsCsv', () => {
  const meterLabels = march.meters.map((m) => m.label);
  const HEAD = ['entry', 'source', 'label', 'status', 'seed', 'ending', 'choices', ...meterLabels, 'hash', 'code', 'path', 'reason'];

  it('the class of 30: a header and one row per submission, in order, ending in CRLF', () => {
    const r = classResults(march, splitPasted(PASTED), SEED);
    const csv = resultsCsv(march, r);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(HEAD);
    expect(rows).toHaveLength(31);
    expect(rows.slice(1).map((row) => row[0])).toEqual(EXPECTED.map((e) => String(e.n)));
    for (const row of rows) expect(row).toHaveLength(HEAD.length);
    const col = (name: string) => HEAD.indexOf(name);
    for (const e of r.entries) {
      const row = rows[e.n]!;
      const last = e.meters.at(-1)!;
      expect(row[col('source')]).toBe(e.source);
      expect(row[col('label')]).toBe(e.label);
      expect(row[col('status')]).toBe('counted');
      expect(row[col('seed')]).toBe(SEED);
      expect(row[col('ending')]).toBe(e.endingTitle || 'unfinished');
      expect(row[col('choices')]).toBe(String(e.record.choices.length));
      march.meters.forEach((m, i) => expect(row[7 + i]).toBe(String(last[m.id])));
      expect(row[col('hash')]).toBe(e.hash);
      expect(row[col('code')]).toBe(e.code);
      expect(row[col('path')]).toBe(e.record.choices.join(' > '));
      expect(row[col('reason')]).toBe('');
    }
    for (const x of r.rejected) {
      const row = rows[x.n]!;
      expect(row[col('status')]).toBe('refused');
      expect(row[col('source')]).toBe(x.source);
      expect(row[col('code')]).toBe(x.excerpt);
      expect(row[col('reason')]).toBe(x.reason);
      expect(row.filter((f, i) => f !== '' && ![col('entry'), col('source'), col('status'), col('code'), col('reason')].includes(i))).toEqual([]);
    }
  });

  it('quotes, commas and line breaks in sources, labels, seeds and reasons survive; formulas are defused', () => {
    const awkward = 'a, "b"\nc=1';
    const subs: Submission[] = [
      { source: 'x', text: `"Bob" O'Neil ${codeOf(firstRun.slice(0, 2))}` },
      { source: 'Smith, "J"\r\nfile.json', text: JSON.stringify(exportRunFile(march, rec(firstRun.slice(0, 1), awkward))) },
      { source: '=evil.json', text: recordToCode(march, rec([], '=SUM(A1)')) },
      { source: 'line 4', text: `=HYPERLINK("http://evil") ${codeOf([])}` },
      { source: 'line 5', text: "-2+3, =cmd|' /C calc'!A0" },
      { source: 'line 6', text: '@SUM(1+1)' },
      { source: 'line 7', text: '+1 "quoted", no code' },
    ];
    const r = classResults(march, subs);
    expect(r.entries.map((e) => e.n)).toEqual([1, 2, 3, 4]);
    const csv = resultsCsv(march, r);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(8);
    const col = (name: string) => HEAD.indexOf(name);
    expect(rows[1]![col('label')]).toBe(`"Bob" O'Neil`);
    expect(rows[2]![col('source')]).toBe('Smith, "J"\r\nfile.json');
    expect(rows[2]![col('seed')]).toBe(awkward);
    expect(rows[3]![col('source')]).toBe("'=evil.json");
    expect(rows[3]![col('seed')]).toBe("'=SUM(A1)");
    expect(rows[4]![col('label')]).toBe(`'${r.entries[3]!.label}`);
    expect(r.entries[3]!.label.startsWith('=HYPERLINK')).toBe(true);
    expect(rows[5]![col('status')]).toBe('refused');
    expect(rows[5]![col('code')]).toBe(`'${r.rejected[0]!.excerpt}`);
    expect(rows[6]![col('code')]).toBe("'@SUM(1+1)");
    expect(rows[7]![col('code')]).toBe(`'+1 "quoted", no code`);
    for (const row of rows) for (const f of row) expect(f, `field ${JSON.stringify(f)}`).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('an empty class is a header row only', () => {
    expect(resultsCsv(march, classResults(march, []))).toBe(`${HEAD.map(csvField).join(',')}\r\n`);
  });
});

// BUG (results.ts, labelOf: `.slice(0, 60)`, and excerpt: `one.slice(0, 47)`): both cut by UTF-16
// units, so a label or an excerpt can end in half of an emoji (a lone surrogate), which the page
// and the CSV file then show as U+FFFD.
describe('labels and excerpts stay well-formed text', () => {
  it('a long emoji label', () => {
    for (const head of ['', 'a', 'ab']) {
      const r = classResults(march, [{ source: 'line 1', text: `${head}${'🙂'.repeat(40)} ${codeOf([])}` }]);
      expect(r.entries[0]!.label.isWellFormed(), `after ${JSON.stringify(head)}`).toBe(true);
    }
  });
  it('a long emoji line with no code', () => {
    for (const head of ['', 'a', 'ab']) {
      const r = classResults(march, [{ source: 'line 1', text: `${head}${'🙂'.repeat(40)}` }]);
      expect(r.rejected[0]!.excerpt.isWellFormed(), `after ${JSON.stringify(head)}`).toBe(true);
    }
  });
});

describe('classResults at a negotiating table (version 2)', () => {
  const v2 = loadMarch2();
  const seed = 'class-v2';
  const runOf = (agent: string) => {
    const p = playAgent(v2, seed, BUILTIN_AGENTS[agent]!);
    return { record: { scenario: v2.id, version: v2.version, seed, choices: p.moves }, state: p.state };
  };
  const prober = runOf('prober');
  const random = runOf('random');
  const code = (r: typeof prober) => recordToCode(v2, r.record);

  it('counts format 3 codes: endings, moves in the paths (worded), each run\'s outcome, and the CSV', () => {
    const r = classResults(v2, [
      { source: 'line 1', text: `Ada: ${code(prober)}` },
      { source: 'line 2', text: code(random) },
      { source: 'line 3', text: code(prober) },
    ], seed);
    expect(r.rejected).toEqual([]);
    expect(r.entries.map((e) => e.ending)).toEqual([prober.state.context.ending, random.state.context.ending, prober.state.context.ending]);
    expect(r.endings.reduce((a, e) => a + e.count, 0)).toBe(3);
    // The outcome is the core's, as the CLI's `play --agent --json` reports it.
    expect(r.entries[0]!.outcome).toEqual((({ hash: _h, ...o }) => o)(outcomeOf(v2, prober.state)));
    expect(r.paths[0]!.count).toBe(2);
    expect(r.paths[0]!.labels).toHaveLength(prober.record.choices.length);
    for (const [i, t] of prober.record.choices.entries()) {
      const label = r.paths[0]!.labels[i]!;
      if (t.startsWith('propose:')) expect(label).toBe('Propose a contract');
      else if (t === 'accept') expect(label).toBe('Accept the offer');
      else expect(label).not.toMatch(/^(probe:|propose:)/);
    }
    // The beats count only the story's choices.
    const storyChoices = prober.record.choices.filter((t) => !/^(propose:|probe:|accept$|walk-away$)/.test(t)).length;
    expect(r.beats.reduce((a, b) => a + b.total, 0)).toBe(storyChoices * 2 + random.record.choices.filter((t) => !/^(propose:|probe:|accept$|walk-away$)/.test(t)).length);
    const csv = resultsCsv(v2, r).split('\r\n');
    expect(csv[0]).toContain("moves,");
    expect(csv[0]).toContain("lab's value,Department's value,value left");
    expect(csv[1]).toContain(`,${r.entries[0]!.outcome!.valueLeft},`);
  });
});

describe('the class on the deal map (version 2)', () => {
  const v2 = loadMarch2();
  const clauses = v2.negotiation!.clauses;
  const agents = ['hardliner', 'conceder', 'boulware', 'tit-for-tat', 'prober', 'random'];
  const codeFor = (agent: string, seed: string) => recordToCode(v2, { scenario: v2.id, version: v2.version, seed, choices: playAgent(v2, seed, BUILTIN_AGENTS[agent]!).moves });
  /** A side's utility of a package, computed here from the run's drawn values (not the map's code). */
  const utilityOf = (seed: string, side: 'lab' | 'department', deal: Record<string, string>) => utility(hiddenValues(v2.negotiation!, seed)[side], deal);
  const extremes = (seed: string, side: 'lab' | 'department') => {
    const u = allUtilities(hiddenValues(v2.negotiation!, seed)[side], clauseSpecs(v2.negotiation!));
    return { lo: Math.min(...u), hi: Math.max(...u) };
  };

  it('with one seed: every contract behind the class, each run at its real values, value left and the spread', () => {
    const seed = 'class-map-1';
    const r = classResults(v2, agents.map((a, i) => ({ source: `line ${i + 1}`, text: `${a}: ${codeFor(a, seed)}` })), seed);
    expect(r.rejected).toEqual([]);
    const m = r.map!;
    expect(m.mode).toBe('one-seed');
    expect(m.seeds).toEqual([seed]);
    expect(m.space!.points).toHaveLength(3072);
    // The frontier: no contract beats a frontier point for both sides.
    for (const f of m.space!.frontier) expect(m.space!.points.some((q) => q.lab > f.lab + 0.1 && q.department > f.department + 0.1)).toBe(false);
    const finished = r.entries.filter((e) => e.ending !== null);
    expect(m.entries.map((e) => e.n)).toEqual(finished.map((e) => e.n));
    expect(m.unfinished).toBe(r.entries.length - finished.length);
    for (const p of m.entries) {
      const e = r.entries.find((x) => x.n === p.n)!;
      expect(p.label).toBe(e.label);
      if (p.deal) {
        expect(p.x).toBeCloseTo(utilityOf(seed, 'lab', p.deal), 1);
        expect(p.y).toBeCloseTo(utilityOf(seed, 'department', p.deal), 1);
      }
      expect(p.valueLeft).toBeCloseTo(e.outcome!.valueLeft, 1);
    }
    const left = m.entries.map((p) => p.valueLeft);
    expect(m.valueLeft!.total).toBeCloseTo(left.reduce((a, b) => a + b, 0), 1);
    expect(m.valueLeft!.min).toBe(Math.min(...left));
    expect(m.valueLeft!.max).toBe(Math.max(...left));
    const deals = m.entries.filter((p) => p.deal);
    expect(m.spread.deals + m.spread.noDeal).toBe(m.entries.length);
    expect(m.spread.deals).toBe(deals.length);
    expect(m.spread.distinct).toBe(new Set(deals.map((p) => JSON.stringify(p.deal))).size);
    if (deals.length) expect(m.spread.x!.max - m.spread.x!.min).toBeCloseTo(Math.max(...deals.map((p) => p.x)) - Math.min(...deals.map((p) => p.x)), 1);
    // Each clause's wordings count every signed contract once.
    for (const c of m.clauses) {
      expect(c.options.reduce((a, o) => a + o.count, 0)).toBe(deals.length);
      for (const o of c.options) expect(o.count).toBe(deals.filter((p) => p.deal![c.id] === o.id).length);
    }
    expect(m.common?.count ?? 0).toBe(Math.max(0, ...[...new Set(deals.map((p) => JSON.stringify(p.deal)))].map((k) => deals.filter((p) => JSON.stringify(p.deal) === k).length)));
  });

  it('with several seeds: each run normalised within its own range (0 its worst contract, 100 its best)', () => {
    const subs = agents.flatMap((a, i) => [0, 1].map((k) => ({ source: `line ${i * 2 + k + 1}`, text: codeFor(a, `class-map-seed-${i}-${k}`) })));
    const m = classResults(v2, subs).map!;
    expect(m.mode).toBe('normalised');
    expect(m.space).toBeNull();
    expect(m.seeds).toHaveLength(12);
    expect(m.spread.deals).toBeGreaterThan(0);
    for (const p of m.entries) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(100);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(100);
      if (!p.deal) continue;
      const l = extremes(p.seed, 'lab');
      const d = extremes(p.seed, 'department');
      expect(p.x).toBeCloseTo((100 * (utilityOf(p.seed, 'lab', p.deal) - l.lo)) / (l.hi - l.lo), 1);
      expect(p.y).toBeCloseTo((100 * (utilityOf(p.seed, 'department', p.deal) - d.lo)) / (d.hi - d.lo), 1);
      // Value left stays in the run's own points.
      expect(p.lab).toBeCloseTo(utilityOf(p.seed, 'lab', p.deal), 1);
    }
  });

  it('the CSV names each run\'s deal and the wording signed in every clause', () => {
    const seed = 'class-map-1';
    const r = classResults(v2, agents.map((a, i) => ({ source: `line ${i + 1}`, text: codeFor(a, seed) })), seed);
    const rows = parseCsv(resultsCsv(v2, r));
    const head = rows[0]!;
    expect(head).toEqual(expect.arrayContaining(['deal', ...clauses.map((c) => c.title)]));
    r.entries.forEach((e, i) => {
      const row = rows[i + 1]!;
      const deal = e.outcome?.deal ?? null;
      expect(row[head.indexOf('deal')]).toBe(e.outcome ? (deal ? 'signed' : 'no deal') : '');
      for (const c of clauses) expect(row[head.indexOf(c.title)]).toBe(deal ? c.options.find((o) => o.id === deal[c.id])!.label : '');
    });
  });

  it('a story scenario (version 1) has no deal map', () => {
    expect(classResults(march, [{ source: 'line 1', text: codeOf([]) }]).map).toBeNull();
  });
});

describe('class results with runs of both sides', () => {
  const v2 = loadMarch2();
  const seed = 'class-sides';
  const labCode = (agent: string) => recordToCode(v2, { scenario: v2.id, version: v2.version, seed, choices: playAgent(v2, seed, BUILTIN_AGENTS[agent]!).moves });
  const deptCode = (agent: string, opponent: string) => {
    const p = playAgent(v2, { seed, side: 'department', opponent }, BUILTIN_AGENTS[agent]!);
    return recordToCode(v2, { scenario: v2.id, version: v2.version, seed, side: 'department', opponent, choices: p.moves });
  };

  it('counts the Department\'s runs (codes from `red-lines play --side department`), splits the endings by side, and the CSV names each run\'s side and opponent', () => {
    const subs = [labCode('prober'), labCode('conceder'), deptCode('boulware', 'prober'), deptCode('hardliner', 'tit-for-tat')].map((text, i) => ({ source: `line ${i + 1}`, text }));
    const r = classResults(v2, subs, seed);
    expect(r.rejected).toEqual([]);
    expect(r.entries.map((e) => [e.side, e.opponent])).toEqual([['lab', null], ['lab', null], ['department', 'prober'], ['department', 'tit-for-tat']]);
    for (const e of r.endings) {
      expect(e.bySide).toBeDefined();
      expect(e.bySide!.lab + e.bySide!.department).toBe(e.count);
      expect(e.bySide!.department).toBe(r.entries.filter((x) => x.side === 'department' && x.ending === e.id).length);
    }
    // The Department's moves are no story choices: the beats count only the lab's.
    const labChoices = r.entries.filter((e) => e.side === 'lab').flatMap((e) => e.record.choices).filter((t) => !/^(propose:|probe:|accept$|walk-away$)/.test(t)).length;
    expect(r.beats.reduce((a, b) => a + b.total, 0)).toBe(labChoices);
    // Both sides' deals are on the class's map, each with its side.
    expect(r.map!.entries.map((p) => p.n)).toEqual(r.entries.filter((e) => e.ending).map((e) => e.n));
    expect(r.map!.entries.map((p) => p.side)).toEqual(r.entries.filter((e) => e.ending).map((e) => e.side));
    const rows = parseCsv(resultsCsv(v2, r));
    const head = rows[0]!;
    expect(rows.slice(1).map((row) => [row[head.indexOf('side')], row[head.indexOf('opponent')]])).toEqual([['lab', ''], ['lab', ''], ['department', 'prober'], ['department', 'tit-for-tat']]);
  });

  it('a class of the lab alone reads as before: no split by side', () => {
    const r = classResults(v2, [{ source: 'line 1', text: labCode('prober') }], seed);
    expect(r.endings.every((e) => e.bySide === undefined)).toBe(true);
  });
});

describe('a class with a Department agent checks what each run faced', () => {
  const v2 = loadMarch2();
  const seed = 'class-faced';
  const codeAgainst = (opponent?: string) => {
    const p = playAgent(v2, opponent === undefined ? seed : { seed, opponent }, BUILTIN_AGENTS.prober!);
    return recordToCode(v2, { scenario: v2.id, version: v2.version, seed, choices: p.moves, ...(opponent === undefined ? {} : { opponent }) });
  };
  const subs = [codeAgainst('hardliner'), codeAgainst(), codeAgainst('conceder')].map((text, i) => ({ source: `line ${i + 1}`, text }));

  it('refuses a lab run that faced another Department than the class\'s, naming both', () => {
    const r = classResults(v2, subs, seed, 'hardliner');
    expect(r.entries.map((e) => e.n)).toEqual([1]);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      "This run faced the scenario's own Department, not the class's: the hardliner agent as the Department.",
      "This run faced the conceder agent as the Department, not the class's: the hardliner agent as the Department.",
    ]);
    const own = classResults(v2, subs, seed, null);
    expect(own.entries.map((e) => e.n)).toEqual([2]);
    // With no class Department given, nothing is checked.
    expect(classResults(v2, subs, seed).entries).toHaveLength(3);
  });
});
