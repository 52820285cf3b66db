/**
 * Properties of march-2026 that hold for any seed and any choices, whatever its tuning: no
 * exact numbers of that scenario are pinned here.
 */
import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { stateHash } from '../src/core/hash.ts';
import { machineOf } from '../src/core/engine.ts';
import { replayRecord } from '../src/core/run.ts';
import { anyPicks, anySeed, fcParams, loadMarch, playPicks, totalBeats } from './helpers.ts';

const march = loadMarch();
const RUNS = 200;
const hashOf = (s: { value: unknown; context: Parameters<typeof stateHash>[1] }) => stateHash(s.value as string, s.context);
const recordOf = (seed: string, choices: string[]) => ({ scenario: march.id, version: march.version, seed, choices });

describe('a march-2026 run', () => {
  it('ends within the scenario\'s total beat count', () => {
    const limit = totalBeats(march);
    fc.assert(
      fc.property(anySeed, anyPicks, (seed, picks) => {
        const { final, choices } = playPicks(march, seed, picks, true);
        expect(final.status).toBe('done');
        expect(march.endings.map((e) => e.id)).toContain(final.context.ending);
        expect(choices.length).toBeLessThanOrEqual(limit);
      }),
      fcParams(RUNS),
    );
  });

  it('keeps every meter within 0-100 at every step and every timeline point', () => {
    const ids = march.meters.map((m) => m.id).sort().join();
    /** What is wrong with a set of meters: a missing or extra meter, or a value out of range. */
    const problems = (where: string, meters: Record<string, number>) => [
      ...(Object.keys(meters).sort().join() === ids ? [] : [`${where}: meters ${Object.keys(meters).join()}`]),
      ...Object.entries(meters)
        .filter(([, v]) => !Number.isInteger(v) || v < 0 || v > 100)
        .map(([id, v]) => `${where}: ${id} = ${v}`),
    ];
    fc.assert(
      fc.property(anySeed, anyPicks, (seed, picks) => {
        const { snapshots, final } = playPicks(march, seed, picks, true);
        expect([
          ...snapshots.flatMap((s, i) => problems(`step ${i}`, s.context.meters)),
          ...final.context.timeline.flatMap((e, i) => (e.kind === 'choice' ? problems(`timeline ${i}`, e.meters) : [])),
        ]).toEqual([]);
      }),
      fcParams(RUNS),
    );
  });

  it('has a context that survives JSON unchanged at every step', () => {
    fc.assert(
      fc.property(anySeed, anyPicks, (seed, picks) => {
        for (const s of playPicks(march, seed, picks, true).snapshots) {
          expect(JSON.parse(JSON.stringify(s.context))).toStrictEqual(s.context);
        }
      }),
      fcParams(RUNS),
    );
  });
});

describe('replaying a march-2026 record', () => {
  it('gives the same hash, for whole runs and runs cut short', () => {
    fc.assert(
      fc.property(anySeed, anyPicks, fc.boolean(), (seed, picks, toEnd) => {
        const { final, choices } = playPicks(march, seed, picks, toEnd);
        const replay = replayRecord(march, recordOf(seed, choices));
        if (!replay.ok) throw replay.error;
        expect(replay.snapshot.value).toBe(final.value);
        expect(hashOf(replay.snapshot)).toBe(hashOf(final));
      }),
      fcParams(RUNS),
    );
  });

  it('refuses a record with a choice that is not on the table', () => {
    const { choices } = playPicks(march, 'refuse', [], true);
    const wrong = replayRecord(march, recordOf('refuse', [choices[0]!, choices[0]!]));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.kind).toBe('bad-choice');
    const tooMany = replayRecord(march, recordOf('refuse', [...choices, choices[0]!]));
    expect(!tooMany.ok && tooMany.error.kind).toBe('bad-choice');
  });

  it('refuses a record of another scenario or version', () => {
    const other = replayRecord(march, { ...recordOf('x', []), scenario: 'mini' });
    expect(!other.ok && other.error.kind).toBe('unknown-scenario');
    const old = replayRecord(march, { ...recordOf('x', []), version: march.version + 1 });
    expect(!old.ok && old.error.kind).toBe('other-version');
  });
});

describe('a persisted march-2026 snapshot', () => {
  it('restored mid-run and fed the remaining choices gives the uninterrupted run\'s hash', () => {
    const machine = machineOf(march);
    fc.assert(
      fc.property(anySeed, anyPicks, fc.nat(), (seed, picks, cutAt) => {
        const { final, choices } = playPicks(march, seed, picks, true);
        const cut = cutAt % (choices.length + 1);

        const first = createActor(machine, { input: { seed } }).start();
        for (const choice of choices.slice(0, cut)) first.send({ type: 'choose', choice });
        // Stored as text, as the browser stores it.
        const stored = JSON.stringify(first.getPersistedSnapshot());
        first.stop();

        const second = createActor(machine, { snapshot: JSON.parse(stored), input: { seed } }).start();
        for (const choice of choices.slice(cut)) second.send({ type: 'choose', choice });
        const end = second.getSnapshot();
        second.stop();
        expect(end.status).toBe('done');
        expect(hashOf(end)).toBe(hashOf(final));
      }),
      fcParams(RUNS),
    );
  });
});
