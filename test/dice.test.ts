import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draw } from '../src/core/dice.ts';
import type { TimelineEntry } from '../src/core/rules.ts';
import type { Scenario } from '../src/core/schema.ts';
import { anyPicks, anySeed, fcParams, loadFixture, loadMarch, playPicks } from './helpers.ts';

describe('draw', () => {
  it('returns numbers in [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (seed, key) => {
        const x = draw(seed, key);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThan(1);
      }),
      fcParams(500),
    );
  });

  it('gives the same value for the same seed and key, whatever was drawn in between', () => {
    const first = draw('seed-1', 'r/press/leak/opening');
    draw('seed-2', 'r/press/leak/opening');
    draw('seed-1', 'r/press/profile/breakdown');
    expect(draw('seed-1', 'r/press/leak/opening')).toBe(first);
  });

  it('gives different values for different keys and for different seeds', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `r/press/leak/beat-${i}`);
    expect(new Set(keys.map((k) => draw('one seed', k))).size).toBe(keys.length);
    const seeds = Array.from({ length: 200 }, (_, i) => `seed-${i}`);
    expect(new Set(seeds.map((s) => draw(s, 'r/press/leak/opening'))).size).toBe(seeds.length);
  });

  it('tells apart seeds and keys that differ only slightly', () => {
    expect(draw('a', 'k')).not.toBe(draw('b', 'k'));
    expect(draw('a', 'k')).not.toBe(draw('a ', 'k'));
    expect(draw('', 'k')).not.toBe(draw(' ', 'k'));
    expect(draw('ab', 'c')).not.toBe(draw('a', 'bc'));
    expect(draw('seed', 'r/a/b/c')).not.toBe(draw('seed', 'r/a/b/d'));
  });
});

describe('draw is roughly uniform', () => {
  const N = 10_000;
  const chiSquare = (xs: number[]) => {
    const buckets = new Array<number>(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)]!++;
    const expected = xs.length / 10;
    return buckets.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  // 9 degrees of freedom: the 0.1% critical value is 27.9; 40 leaves room yet catches real bias.
  it('over many keys for one seed', () => {
    const xs = Array.from({ length: N }, (_, i) => draw('uniformity', `r/x/y/${i}`));
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(0.02);
    expect(chiSquare(xs)).toBeLessThan(40);
  });

  it('over many seeds for one key', () => {
    const xs = Array.from({ length: N }, (_, i) => draw(`sim-${i}`, 'r/press/leak/opening'));
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(0.02);
    expect(chiSquare(xs)).toBeLessThan(40);
  });
});

/** Every (reaction, place) roll of a run, keyed `reaction@at`. */
function rolls(timeline: TimelineEntry[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of timeline) {
    if (e.kind !== 'roll') continue;
    const key = `${e.reaction}@${e.at}`;
    out.set(key, [...(out.get(key) ?? []), e.roll]);
  }
  return out;
}

describe('dice are keyed by what they decide (common random numbers)', () => {
  const cases: [string, () => Scenario][] = [
    ['mini', () => loadFixture('mini')],
    ['march-2026', loadMarch],
  ];
  for (const [name, scenario] of cases) {
    it(`${name}: runs with one seed that differ in one choice roll the same dice for every shared key`, () => {
      const s = scenario();
      let shared = 0;
      let differentPaths = 0;
      fc.assert(
        fc.property(anySeed, anyPicks, fc.nat(), fc.integer({ min: 1, max: 3 }), (seed, picks, at, shift) => {
          const a = playPicks(s, seed, picks, true);
          const position = at % a.choices.length;
          const changed = [...picks];
          while (changed.length <= position) changed.push(0);
          changed[position] = (changed[position] ?? 0) + shift;
          const b = playPicks(s, seed, changed, true);
          if (b.choices[position] !== a.choices[position]) differentPaths++;
          const ra = rolls(a.final.context.timeline);
          const rb = rolls(b.final.context.timeline);
          for (const [key, values] of ra) {
            const other = rb.get(key);
            if (!other) continue;
            shared++;
            // One value per key: a key always rolls the same number, however often it rolls.
            expect(new Set([...values, ...other]).size).toBe(1);
          }
        }),
        fcParams(150),
      );
      // The property is only worth something if it compared real, different runs.
      expect(differentPaths).toBeGreaterThan(50);
      expect(shared).toBeGreaterThan(100);
    });
  }

  it('mini: the roll in the timeline is draw(seed, "r/<stakeholder>/<reaction>/<at>")', () => {
    const { final } = playPicks(loadFixture('mini'), 'keyed', [0, 0, 0, 1, 0], true);
    const entries = final.context.timeline.filter((e) => e.kind === 'roll');
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.roll).toBe(draw('keyed', `r/${e.stakeholder}/${e.reaction}/${e.at}`));
  });
});
