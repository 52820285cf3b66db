/**
 * Watching runs back (src/core/replay.ts): opening replay codes (decode, resolve, replay, hash
 * check) and cutting a record into frames, one per choice plus the end.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateHash } from '../src/core/hash.ts';
import { negotiationConfig } from '../src/core/machine.ts';
import { CODE_PREFIX, crc32, decodeCode, encodeCode, recordToCode, toBase64Url, type CodeErrorKind, type RunRecord } from '../src/core/record.ts';
import { buildReplay, checkHash, openCode, type Opened, type Replay } from '../src/core/replay.ts';
import { indexOf, offered } from '../src/core/rules.ts';
import { playFast, replayRecord } from '../src/core/run.ts';
import type { Scenario } from '../src/core/schema.ts';
import { startRun } from '../src/core/stepper.ts';
import { metersView, newsView, tableView } from '../src/core/view.ts';
import { anyPicks, anySeed, fcParams, loadFixture, loadMarch, loadMarch2, loadMarch3, playChoices, playPicks, ROOT } from './helpers.ts';
import { GOLDEN } from './golden-runs.ts';

const march = loadMarch();
const mini = loadFixture('mini');
const index = indexOf(march);

const recordOf = (seed: string, choices: string[], s: Scenario = march): RunRecord => ({ scenario: s.id, version: s.version, seed, choices });

const codesFixture = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'codes.json'), 'utf8')) as {
  codes: { format: number; code: string; record: RunRecord; hash: string | null; replayHash: string }[];
};

/** The state hash a record reaches through XState (the live path, not the stepper replay.ts uses). */
function liveHash(s: Scenario, record: RunRecord): string {
  const r = replayRecord(s, record);
  if (!r.ok) throw r.error;
  return stateHash(r.snapshot.value as string, r.snapshot.context);
}

function opened(o: Opened): Extract<Opened, { ok: true }> {
  if (!o.ok) throw new Error(`expected the code to open, got ${o.kind}: ${o.message}`);
  return o;
}
function failed(o: Opened, kind: CodeErrorKind): string {
  if (o.ok) throw new Error(`expected a ${kind} error, but the code opened`);
  expect(o.kind).toBe(kind);
  expect(o.message.length).toBeGreaterThan(20);
  return o.message;
}

// ---- checkHash ----

describe('checkHash', () => {
  const a = '0123456789abcdef';
  const b = 'fedcba9876543210';
  it('match when the hashes are equal', () => {
    const c = checkHash(a, a);
    expect(c).toMatchObject({ status: 'match', hash: a });
    expect(c.message).toContain(a);
  });
  it('mismatch when they differ, naming both', () => {
    const c = checkHash(a, b);
    expect(c).toMatchObject({ status: 'mismatch', hash: a, expected: b });
    expect(c.message).toContain(a);
    expect(c.message).toContain(b);
  });
  it('unchecked with no expected hash', () => {
    const c = checkHash(a, null);
    expect(c).toMatchObject({ status: 'unchecked', hash: a });
    expect(c).not.toHaveProperty('expected');
    expect(c.message).toContain(a);
    expect(c.message).toMatch(/older format/);
  });
});

// ---- openCode ----

describe('openCode', () => {
  it.each(GOLDEN)('opens the golden run $seed: same record, ending and hash, status match', ({ seed, choices, ending, hash }) => {
    const record = recordOf(seed, choices);
    const code = recordToCode(march, record);
    const o = opened(openCode(code, [march, loadMarch2(), loadMarch3()]));
    expect(o.scenario).toBe(march);
    expect(o.record).toEqual(record);
    expect(o.context.ending).toBe(ending);
    expect(o.context.choices).toEqual(choices);
    expect(stateHash(o.value, o.context)).toBe(hash);
    expect(o.check).toMatchObject({ status: 'match', hash });
    expect(o.check.message).toContain(hash);
    expect(liveHash(march, o.record)).toBe(hash);
  });

  it('ignores white space around a code, and finds its scenario among several', () => {
    const g = GOLDEN[1]!;
    const code = recordToCode(march, recordOf(g.seed, g.choices));
    const o = opened(openCode(`\n  ${code}\t `, [mini, march]));
    expect(o.scenario).toBe(march);
    expect(o.check).toMatchObject({ status: 'match', hash: g.hash });
  });

  it('opens codes of other scenarios (the mini fixture)', () => {
    const { choices, final } = playPicks(mini, 'mini-replay', [0, 1, 0, 1], true);
    const record = recordOf('mini-replay', choices, mini);
    const o = opened(openCode(recordToCode(mini, record), [march, mini]));
    expect(o.scenario).toBe(mini);
    expect(o.record).toEqual(record);
    expect(o.check).toMatchObject({ status: 'match', hash: stateHash(final.value, final.context) });
  });

  it.each(codesFixture.codes)('opens the format $format fixture code', ({ format, code, record, hash, replayHash }) => {
    const o = opened(openCode(code, [march, loadMarch2(), loadMarch3()]));
    expect(o.record).toEqual(record);
    expect(o.check.hash).toBe(replayHash);
    if (format === 1) {
      expect(hash).toBeNull();
      expect(o.check.status).toBe('unchecked');
    } else {
      expect(o.check).toMatchObject({ status: 'match', hash });
    }
  });

  it('a format 1 code is unchecked (it carries no hash) but replays to the right hash', () => {
    const v1 = codesFixture.codes.find((c) => c.format === 1)!;
    expect(v1.code.startsWith('rl1.')).toBe(true);
    const o = opened(openCode(v1.code, [march]));
    expect(o.check).toEqual(checkHash(v1.replayHash, null));
    expect(liveHash(march, o.record)).toBe(v1.replayHash);
  });

  it('a code with the right choices but another hash is a mismatch naming both hashes', () => {
    for (const g of GOLDEN) {
      const good = decodeCode(recordToCode(march, recordOf(g.seed, g.choices)));
      if (!good.ok) throw good.error;
      const wrong = g.hash === '0000000000000000' ? '1111111111111111' : '0000000000000000';
      const code = encodeCode(march.id, march.version, g.seed, good.value.positions, wrong);
      const o = opened(openCode(code, [march]));
      expect(o.record).toEqual(recordOf(g.seed, g.choices));
      expect(o.check).toMatchObject({ status: 'mismatch', hash: g.hash, expected: wrong });
      expect(o.check.message).toContain(g.hash);
      expect(o.check.message).toContain(wrong);
    }
  });

  describe('refusals, each with its kind', () => {
    const g = GOLDEN[2]!;
    const code = recordToCode(march, recordOf(g.seed, g.choices));
    const body = code.slice(CODE_PREFIX.length);
    const swap = (ch: string) => (ch === 'A' ? 'B' : 'A');

    it.each([
      ['empty', ''],
      ['empty', '   \n\t'],
      ['not-a-code', 'hello'],
      ['not-a-code', `x${code}`],
      ['newer-format', `rl6.${body}`],
      ['newer-format', `rl99.${body}`],
      ['older-format', `rl0.${body}`],
      ['bad-characters', `${code.slice(0, 12)}!${code.slice(13)}`],
      ['bad-characters', `${code.slice(0, 12)}=${code.slice(12)}`],
      ['truncated', code.slice(0, 12)],
      ['truncated', CODE_PREFIX],
      ['checksum', code.slice(0, -1)],
      ['checksum', code.slice(0, -3)],
      ['checksum', `${code}A`],
      ['checksum', `${code.slice(0, 14)}${swap(code[14]!)}${code.slice(15)}`],
    ] as [CodeErrorKind, string][])('%s: %j', (kind, input) => {
      failed(openCode(input, [march]), kind);
    });

    it('truncated: a checksum that matches content that does not parse', () => {
      const junk = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
      const crc = crc32(new Uint8Array([2, ...junk]));
      const text = CODE_PREFIX + toBase64Url(new Uint8Array([...junk, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]));
      failed(openCode(text, [march]), 'truncated');
    });

    it('unknown-scenario: a scenario this game does not have', () => {
      const msg = failed(openCode(encodeCode('april-2027', 1, 'x', [0], '0123456789abcdef'), [march]), 'unknown-scenario');
      expect(msg).toContain('april-2027');
      expect(msg).toContain('march-2026');
      failed(openCode(code, []), 'unknown-scenario');
    });

    it('other-version: another version of the scenario', () => {
      const msg = failed(openCode(encodeCode(march.id, march.version + 1, 'x', [0], '0123456789abcdef'), [march]), 'other-version');
      expect(msg).toContain(`version ${march.version + 1}`);
    });

    it('bad-choice: more choices than the run has, or an option the beat lacks', () => {
      const c = GOLDEN[0]!;
      const pos = offered(index, startRun(negotiationConfig(march), { seed: c.seed }).context).findIndex((x) => x.id === c.choices[0]);
      failed(openCode(encodeCode(march.id, march.version, c.seed, [pos, 0], c.hash), [march]), 'bad-choice');
      // Find a beat with fewer than 4 choices in some run and ask for option 4 there.
      let found = false;
      for (let i = 0; i < 50 && !found; i++) {
        const { snapshots } = playPicks(march, `short-beat-${i}`, [], true);
        const at = snapshots.findIndex((s) => s.status === 'active' && offered(index, s.context).length < 4);
        if (at < 0) continue;
        const { choices } = playPicks(march, `short-beat-${i}`, [], true);
        const positions = choices.slice(0, at).map(() => 0);
        failed(openCode(encodeCode(march.id, march.version, `short-beat-${i}`, [...positions, 3], '0123456789abcdef'), [march]), 'bad-choice');
        found = true;
      }
      expect(found).toBe(true);
    });

    it('never throws, whatever the text', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') }).map((s) => `rl2.${s}`)),
          (text) => {
            const o = openCode(text, [march]);
            if (!o.ok) expect(o.message.length).toBeGreaterThan(0);
          },
        ),
        fcParams(300),
      );
    });
  });
});

// ---- buildReplay ----

/** Checks everything a replay must satisfy against an independent replay of its record. */
function checkReplay(s: Scenario, record: RunRecord, r: Replay): void {
  const sIndex = indexOf(s);
  expect(r.record).toEqual(record);
  expect(r.frames).toHaveLength(record.choices.length);

  // The final state is the live one.
  const live = replayRecord(s, record);
  if (!live.ok) throw live.error;
  expect(r.hash).toBe(stateHash(live.snapshot.value as string, live.snapshot.context));
  expect(r.context).toEqual(live.snapshot.context);
  const done = live.snapshot.status === 'done';

  const start = startRun(negotiationConfig(s), { seed: record.seed }).context;
  for (const [i, f] of r.frames.entries()) {
    expect(f.step).toBe(i);
    expect(f.chosen.id).toBe(record.choices[i]);
    expect(f.table.choices.map((c) => c.id)).toContain(f.chosen.id);
    expect(f.chosen).toEqual(f.table.choices.find((c) => c.id === record.choices[i]));
    // The table is the one the stepper shows after the choices before it.
    expect(f.table).toEqual(tableView(s, playChoices(s, record.seed, record.choices.slice(0, i)).context));
  }

  // Each frame's news, in order, is the whole news feed of the final state.
  expect(r.frames.flatMap((f) => f.news)).toEqual(newsView(s, r.context));

  // Meter deltas add up to the final value minus the start value; each frame's meters are the next table's.
  const first = metersView(s, start.meters);
  const last = metersView(s, r.context.meters);
  for (const [k, m] of first.entries()) {
    const sum = r.frames.reduce((n, f) => n + f.meters[k]!.delta, 0);
    expect(f3(sum), m.id).toBe(f3(last[k]!.value - m.value));
  }
  for (const [i, f] of r.frames.entries()) {
    const before = f.table.meters;
    expect(f.meters.map((m) => m.id)).toEqual(before.map((m) => m.id));
    for (const [k, m] of f.meters.entries()) expect(m.delta).toBe(m.value - before[k]!.value);
    const after = i + 1 < r.frames.length ? r.frames[i + 1]!.table.meters : last;
    expect(f.meters.map(({ delta: _, ...m }) => m)).toEqual(after);
  }

  // nextPhase is set exactly when the run, still going, moved to another phase; it names that phase.
  for (const [i, f] of r.frames.entries()) {
    const lastFrame = i === r.frames.length - 1;
    if (lastFrame && done) {
      expect(f.nextPhase).toBeNull();
      continue;
    }
    const next = lastFrame ? r.stop! : r.frames[i + 1]!.table;
    const moved = next.phase.id !== f.table.phase.id;
    expect(f.nextPhase !== null).toBe(moved);
    if (moved) expect(f.nextPhase).toBe(sIndex.phases.get(next.phase.id)!.title);
  }

  // The end: an ending, or the table where an unfinished run stops.
  if (done) {
    expect(r.stop).toBeNull();
    expect(r.ending).not.toBeNull();
    expect(r.ending!.id).toBe(r.context.ending);
    expect(r.ending!.news).toEqual(r.frames.flatMap((f) => f.news));
  } else {
    expect(r.ending).toBeNull();
    expect(r.stop).toEqual(tableView(s, r.context));
    expect(r.stop!.choices.length).toBeGreaterThan(0);
  }
}
/** Meter values may be fractional: compare sums to a few decimals. */
const f3 = (x: number) => Math.round(x * 1000) / 1000;

describe('buildReplay', () => {
  it.each(GOLDEN)('cuts the golden run $seed into one frame per choice and its ending', ({ seed, choices, ending, hash }) => {
    const record = recordOf(seed, choices);
    const r = buildReplay(march, record);
    checkReplay(march, record, r);
    expect(r.hash).toBe(hash);
    expect(r.ending!.id).toBe(ending);
    expect(r.frames.map((f) => f.chosen.id)).toEqual(choices);
  });

  it('the golden runs pass through several phases, and some choices set off news', () => {
    const g = GOLDEN[2]!;
    const r = buildReplay(march, recordOf(g.seed, g.choices));
    expect(r.frames.filter((f) => f.nextPhase !== null).length).toBeGreaterThanOrEqual(2);
    expect(r.frames.some((f) => f.news.length > 0)).toBe(true);
    expect(r.frames.some((f) => f.meters.some((m) => m.delta !== 0))).toBe(true);
  });

  it('an unfinished run (a prefix of a golden run) has no ending and stops at its table', () => {
    for (const g of GOLDEN.slice(1)) {
      for (const k of [1, 4, g.choices.length - 1]) {
        const record = recordOf(g.seed, g.choices.slice(0, k));
        const r = buildReplay(march, record);
        checkReplay(march, record, r);
        expect(r.ending).toBeNull();
        expect(r.stop).not.toBeNull();
        expect(r.stop!.choices.map((c) => c.id)).toContain(g.choices[k]);
        // A prefix's frames are the full run's first frames.
        expect(r.frames).toEqual(buildReplay(march, recordOf(g.seed, g.choices)).frames.slice(0, k));
      }
    }
  });

  it('a run with no choices has no frames and stops at the first table', () => {
    const record = recordOf('nothing-yet', []);
    const r = buildReplay(march, record);
    expect(r.frames).toEqual([]);
    expect(r.ending).toBeNull();
    const start = startRun(negotiationConfig(march), { seed: 'nothing-yet' });
    expect(r.stop).toEqual(tableView(march, start.context));
    expect(r.hash).toBe(stateHash(start.value, start.context));
    checkReplay(march, record, r);
  });

  it('at the simple reading level: the same run, frames, ids, news order and meter changes', () => {
    const g = GOLDEN[1]!;
    const record = recordOf(g.seed, g.choices);
    const std = buildReplay(march, record, 'standard');
    const simple = buildReplay(march, record, 'simple');
    expect(simple.hash).toBe(std.hash);
    expect(simple.context).toEqual(std.context);
    expect(simple.frames.map((f) => [f.chosen.id, f.nextPhase, f.news.map((n) => n.reaction), f.meters.map((m) => m.delta)])).toEqual(
      std.frames.map((f) => [f.chosen.id, f.nextPhase, f.news.map((n) => n.reaction), f.meters.map((m) => m.delta)]),
    );
    expect(simple.frames.flatMap((f) => f.news)).toEqual(newsView(march, simple.context, 'simple'));
    expect(simple.ending!.id).toBe(std.ending!.id);
  });

  it('throws on a choice that is not on the table, or one after the end', () => {
    expect(() => buildReplay(march, recordOf('x', ['no-such-choice']))).toThrow(RangeError);
    expect(() => buildReplay(march, recordOf('x', ['hold-both-clauses', 'hold-both-clauses']))).toThrow(/choice 2, "hold-both-clauses"/);
    const c = GOLDEN[0]!;
    expect(() => buildReplay(march, recordOf(c.seed, [...c.choices, 'hold-both-clauses']))).toThrow(/choice 2/);
  });
});

// ---- properties ----

describe('properties', () => {
  it('random runs: encode then open gives the record back, status match, and the replay reaches the same hash', () => {
    fc.assert(
      fc.property(anySeed, fc.nat({ max: 30 }), (seed, cut) => {
        const full = playFast(march, seed, 'random');
        const hash = stateHash(full.value, full.context);
        for (const choices of [full.context.choices, full.context.choices.slice(0, cut % (full.context.choices.length + 1))]) {
          const record = recordOf(seed, choices);
          const o = opened(openCode(recordToCode(march, record), [march]));
          expect(o.record).toEqual(record);
          expect(o.check.status).toBe('match');
          const r = buildReplay(march, record);
          expect(r.hash).toBe(o.check.hash);
          expect(r.frames).toHaveLength(choices.length);
          expect(r.ending === null).toBe(r.stop !== null);
          if (choices.length === full.context.choices.length) {
            expect(o.check.hash).toBe(hash);
            expect(r.ending!.id).toBe(full.context.ending);
          }
        }
      }),
      fcParams(100),
    );
  });

  it('runs picked step by step from the offered choices: every replay invariant holds', () => {
    fc.assert(
      fc.property(anySeed, anyPicks, fc.boolean(), (seed, picks, toEnd) => {
        const { choices, final } = playPicks(march, seed, picks, toEnd);
        const record = recordOf(seed, choices);
        const o = opened(openCode(recordToCode(march, record), [march]));
        expect(o.record).toEqual(record);
        expect(o.check).toMatchObject({ status: 'match', hash: stateHash(final.value, final.context) });
        const r = buildReplay(march, record);
        expect(r.hash).toBe(o.check.hash);
        checkReplay(march, record, r);
      }),
      fcParams(40),
    );
  });
});
