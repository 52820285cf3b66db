/** Branching a run and comparing two runs of one seed. */
import { describe, expect, it } from 'vitest';
import { branchRecord, compareRuns } from '../src/core/compare.ts';
import { indexOf, negotiationConfig, offered, playFast, replayRecord, startRun, stepRun } from '../src/core/index.ts';
import { loadMarch } from './graph-helpers.ts';

const s = loadMarch();
const config = negotiationConfig(s);
const index = indexOf(s);

/** Plays a record's choices, then the first offered choice until the run ends. */
function finish(seed: string, choices: string[]) {
  let snap = startRun(config, { seed });
  for (const c of choices) snap = stepRun(config, snap, { type: 'choose', choice: c });
  while (snap.status === 'active') snap = stepRun(config, snap, { type: 'choose', choice: offered(index, snap.context)[0]!.id });
  return snap.context;
}

describe('branchRecord', () => {
  it('keeps the choices before the branch point and takes the new one', () => {
    const r = { scenario: 'march-2026', version: 1, seed: 'x', choices: ['a', 'b', 'c'] };
    expect(branchRecord(r, 1, 'z').choices).toEqual(['a', 'z']);
    expect(() => branchRecord(r, 4, 'z')).toThrow(RangeError);
  });
});

describe('compareRuns', () => {
  it('finds where two runs part and explains every reaction that fired in only one', () => {
    let thresholds = 0;
    for (let i = 0; i < 150; i++) {
      const seed = `compare-${i}`;
      const a = playFast(s, seed, 'random').context;
      if (a.choices.length < 3) continue;
      // Branch at step 2 with another choice on that table.
      let snap = startRun(config, { seed });
      for (const c of a.choices.slice(0, 2)) snap = stepRun(config, snap, { type: 'choose', choice: c });
      const other = offered(index, snap.context).find((c) => c.id !== a.choices[2]);
      if (!other) continue;
      const b = finish(seed, branchRecord({ scenario: s.id, version: s.version, seed, choices: a.choices }, 2, other.id).choices);
      const cmp = compareRuns(s, a, b);
      expect(cmp.divergeAt).toBe(2);
      for (const d of cmp.reactions) {
        if (d.why !== 'threshold') continue;
        thresholds++;
        // The shared roll lies below the chance of the run it fired in, and not below the other's.
        const [fired, missed] = d.firedIn === 'a' ? [d.chanceA!, d.chanceB!] : [d.chanceB!, d.chanceA!];
        expect(d.roll).toBeLessThan(fired);
        expect(d.roll).toBeGreaterThanOrEqual(missed);
      }
      for (const m of cmp.meters) expect(m.delta).toBe(b.meters[m.id]! - a.meters[m.id]!);
    }
    expect(thresholds).toBeGreaterThan(0);
  });

  it('finds nothing between a run and its own replay', () => {
    const a = playFast(s, 'same', 'random').context;
    const r = replayRecord(s, { scenario: s.id, version: s.version, seed: 'same', choices: a.choices });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cmp = compareRuns(s, a, r.snapshot.context);
    expect(cmp.reactions).toEqual([]);
    expect(cmp.divergeAt).toBe(a.choices.length);
  });
});
