import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draw } from '../../src/core/dice.ts';
import type { ClauseSpec, Package, ValueRanges, Values } from '../../src/core/negotiation/types.ts';
import {
  allPackages,
  allUtilities,
  bestPackage,
  drawValues,
  indexUtility,
  midValues,
  normaliseWeights,
  packageAt,
  packageCount,
  packageIndex,
  packageProblem,
  scoreKey,
  utility,
  weightKey,
  worstPackage,
} from '../../src/core/negotiation/utility.ts';
import { fcParams } from '../helpers.ts';
import { anyClauses, anyPackage, anyRanges, anyValues } from './arbitraries.ts';

const clauses: ClauseSpec[] = [
  { id: 'surveillance', options: [{ id: 'ban' }, { id: 'bulk-limit' }, { id: 'none' }] },
  { id: 'weapons', options: [{ id: 'ban' }, { id: 'human-in-loop' }] },
  { id: 'scope', options: [{ id: 'carve-outs' }, { id: 'broad' }, { id: 'all-lawful' }, { id: 'any' }] },
];
const values: Values = {
  weights: { surveillance: 0.5, weapons: 0.3, scope: 0.2 },
  scores: {
    surveillance: { ban: 100, 'bulk-limit': 60, none: 0 },
    weapons: { ban: 100, 'human-in-loop': 40 },
    scope: { 'carve-outs': 100, broad: 50, 'all-lawful': 10, any: 0 },
  },
};

describe('utility', () => {
  it('is Σ weight × score', () => {
    expect(utility(values, { surveillance: 'ban', weapons: 'ban', scope: 'carve-outs' })).toBe(100);
    expect(utility(values, { surveillance: 'none', weapons: 'human-in-loop', scope: 'any' })).toBeCloseTo(12, 10);
    expect(utility(values, { surveillance: 'bulk-limit', weapons: 'ban', scope: 'broad' })).toBeCloseTo(30 + 30 + 10, 10);
  });

  it('divides by the total weight when the weights do not sum to 1', () => {
    const doubled = { ...values, weights: { surveillance: 1, weapons: 0.6, scope: 0.4 } };
    const pkg = { surveillance: 'bulk-limit', weapons: 'ban', scope: 'broad' };
    expect(utility(doubled, pkg)).toBeCloseTo(utility(values, pkg), 10);
  });

  it('throws, naming the clause, for a package missing a weighted clause or an unknown option', () => {
    expect(() => utility(values, { surveillance: 'ban', weapons: 'ban' })).toThrow(/scope/);
    expect(() => utility(values, { surveillance: 'ban', weapons: 'ban', scope: 'toString' })).toThrow(/scope.*toString/);
  });

  it('stays within 0-100 for any values and package', () => {
    fc.assert(
      fc.property(
        anyClauses(1, 6).chain((cs) => fc.tuple(anyValues(cs), anyPackage(cs))),
        ([v, pkg]) => {
          const u = utility(v, pkg);
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThanOrEqual(100);
        },
      ),
      fcParams(300),
    );
  });

  it('agrees bit for bit with indexUtility and allUtilities', () => {
    fc.assert(
      fc.property(
        anyClauses(1, 5).chain((cs) => fc.tuple(fc.constant(cs), anyValues(cs, fc.double({ min: 0, max: 100, noNaN: true })))),
        ([cs, v]) => {
          const all = allUtilities(v, cs);
          const of = indexUtility(v, cs);
          expect(all.length).toBe(packageCount(cs));
          for (let i = 0; i < all.length; i++) {
            const u = utility(v, packageAt(cs, i));
            expect(Object.is(all[i], u)).toBe(true);
            expect(Object.is(of(i), u)).toBe(true);
          }
        },
      ),
      fcParams(150),
    );
  });
});

describe('package codec', () => {
  it('numbers packages in mixed radix, the first clause most significant', () => {
    expect(packageCount(clauses)).toBe(24);
    expect(packageAt(clauses, 0)).toEqual({ surveillance: 'ban', weapons: 'ban', scope: 'carve-outs' });
    expect(packageAt(clauses, 1)).toEqual({ surveillance: 'ban', weapons: 'ban', scope: 'broad' });
    expect(packageAt(clauses, 4)).toEqual({ surveillance: 'ban', weapons: 'human-in-loop', scope: 'carve-outs' });
    expect(packageAt(clauses, 23)).toEqual({ surveillance: 'none', weapons: 'human-in-loop', scope: 'any' });
    expect(packageIndex(clauses, { scope: 'broad', weapons: 'human-in-loop', surveillance: 'bulk-limit' })).toBe(8 + 4 + 1);
  });

  it('round-trips every index and every package, and allPackages lists them in index order', () => {
    fc.assert(
      fc.property(anyClauses(1, 5), (cs) => {
        const all = allPackages(cs);
        expect(all.length).toBe(packageCount(cs));
        all.forEach((p, i) => {
          expect(p).toEqual(packageAt(cs, i));
          expect(packageIndex(cs, p)).toBe(i);
        });
        expect(new Set(all.map((p) => JSON.stringify(p))).size).toBe(all.length);
      }),
      fcParams(200),
    );
  });

  it('enumerates 6 clauses × 5 options (15,625 packages) quickly', () => {
    const big: ClauseSpec[] = Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, options: Array.from({ length: 5 }, (_, j) => ({ id: `o${j}` })) }));
    const all = allPackages(big);
    expect(all.length).toBe(15_625);
    expect(packageIndex(big, all[12_345]!)).toBe(12_345);
  });

  it('rejects incomplete packages, unknown options and out-of-range indexes', () => {
    expect(() => packageIndex(clauses, { surveillance: 'ban', weapons: 'ban' })).toThrow('the package has no option for clause "scope"');
    expect(() => packageIndex(clauses, { surveillance: 'ban', weapons: 'maybe', scope: 'any' })).toThrow('clause "weapons" has no option "maybe"');
    expect(() => packageAt(clauses, 24)).toThrow();
    expect(() => packageAt(clauses, -1)).toThrow();
    expect(() => packageAt(clauses, 1.5)).toThrow();
  });

  it('packageProblem names what is wrong, or gives null', () => {
    const ok: Package = { surveillance: 'ban', weapons: 'ban', scope: 'any' };
    expect(packageProblem(clauses, ok)).toBeNull();
    expect(packageProblem(clauses, null)).toMatch(/not an object/);
    expect(packageProblem(clauses, ['ban'])).toMatch(/not an object/);
    expect(packageProblem(clauses, new Map())).toMatch(/not a plain object/);
    expect(packageProblem(clauses, { ...ok, extra: 'x' })).toBe('the package names an unknown clause "extra"');
    expect(packageProblem(clauses, { surveillance: 'ban', weapons: 'ban' })).toBe('the package has no option for clause "scope"');
    expect(packageProblem(clauses, { ...ok, scope: 3 })).toBe('the option for clause "scope" is not a string');
    expect(packageProblem(clauses, { ...ok, scope: 'constructor' })).toBe('clause "scope" has no option "constructor"');
  });
});

describe('bestPackage and worstPackage', () => {
  it('pick the best and worst option of each clause', () => {
    expect(bestPackage(values, clauses)).toEqual({ surveillance: 'ban', weapons: 'ban', scope: 'carve-outs' });
    expect(worstPackage(values, clauses)).toEqual({ surveillance: 'none', weapons: 'human-in-loop', scope: 'any' });
  });

  it('have the largest and smallest utility of all packages', () => {
    fc.assert(
      fc.property(
        anyClauses(1, 4).chain((cs) => fc.tuple(fc.constant(cs), anyValues(cs))),
        ([cs, v]) => {
          const all = Array.from(allUtilities(v, cs));
          expect(utility(v, bestPackage(v, cs))).toBe(Math.max(...all));
          expect(utility(v, worstPackage(v, cs))).toBe(Math.min(...all));
        },
      ),
      fcParams(200),
    );
  });
});

describe('drawValues', () => {
  const ranges: ValueRanges = {
    weights: { surveillance: [4, 6], weapons: [2, 4], scope: [1, 3] },
    scores: {
      surveillance: { ban: [90, 100], 'bulk-limit': [40, 70], none: [0, 10] },
      weapons: { ban: [80, 100], 'human-in-loop': [30, 50] },
      scope: { 'carve-outs': [90, 100], broad: [40, 60], 'all-lawful': [0, 20], any: [0, 0] },
    },
  };

  it('draws each value by its own key', () => {
    const v = drawValues(ranges, 'seed', 'v/lab');
    const u = draw('seed', scoreKey('v/lab', 'surveillance', 'bulk-limit'));
    expect(v.scores.surveillance!['bulk-limit']).toBe(40 + Math.floor(31 * u));
    const raw = Object.fromEntries(Object.entries(ranges.weights).map(([c, [lo, hi]]) => [c, lo + (hi - lo) * draw('seed', weightKey('v/lab', c))]));
    expect(v.weights).toEqual(normaliseWeights(raw));
  });

  it('stays within the ranges: integer scores inside, weights a rescaling of raw weights inside, summing to 1', () => {
    fc.assert(
      fc.property(
        anyClauses(1, 6).chain((cs) => anyRanges(cs)),
        fc.string(),
        (r, seed) => {
          const v = drawValues(r, seed, 'v/x');
          for (const [c, options] of Object.entries(r.scores))
            for (const [o, [lo, hi]] of Object.entries(options)) {
              const s = v.scores[c]![o]!;
              expect(Number.isInteger(s)).toBe(true);
              expect(s).toBeGreaterThanOrEqual(lo);
              expect(s).toBeLessThanOrEqual(hi);
            }
          const ws = Object.entries(v.weights);
          expect(ws.reduce((a, [, w]) => a + w, 0)).toBeCloseTo(1, 12);
          // Some scale k puts every weight back inside its raw range: max(lo / w) ≤ min(hi / w).
          const lowK = Math.max(...ws.map(([c, w]) => r.weights[c]![0] / w));
          const highK = Math.min(...ws.map(([c, w]) => r.weights[c]![1] / w));
          expect(lowK).toBeLessThanOrEqual(highK * (1 + 1e-9));
        },
      ),
      fcParams(300),
    );
  });

  it('is deterministic per seed and differs between seeds and prefixes', () => {
    expect(drawValues(ranges, 's1', 'v/lab')).toEqual(drawValues(ranges, 's1', 'v/lab'));
    expect(drawValues(ranges, 's1', 'v/lab')).not.toEqual(drawValues(ranges, 's2', 'v/lab'));
    expect(drawValues(ranges, 's1', 'v/lab')).not.toEqual(drawValues(ranges, 's1', 'v/department'));
  });

  it('is independent per key: adding a clause or an option changes no other score nor any weight ratio', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 10 }), (seed, extra) => {
        const more: ValueRanges = {
          weights: { ...ranges.weights, verify: [extra, extra + 2] },
          scores: { ...ranges.scores, verify: { none: [0, 50], audit: [20, 90] }, weapons: { ...ranges.scores.weapons, review: [10, 20] } },
        };
        const a = drawValues(ranges, seed, 'v/lab');
        const b = drawValues(more, seed, 'v/lab');
        for (const [c, options] of Object.entries(a.scores)) for (const [o, s] of Object.entries(options)) expect(b.scores[c]![o]).toBe(s);
        expect(b.weights.surveillance! / b.weights.weapons!).toBeCloseTo(a.weights.surveillance! / a.weights.weapons!, 10);
        expect(b.weights.scope! / b.weights.weapons!).toBeCloseTo(a.weights.scope! / a.weights.weapons!, 10);
      }),
      fcParams(100),
    );
  });

  it('gives the integer nearest the middle of a range with no integer in it', () => {
    const v = drawValues({ weights: { a: [1, 1] }, scores: { a: { x: [40.2, 40.8] } } }, 's', 'v');
    expect(v.scores.a!.x).toBe(41);
    expect(v.weights).toEqual({ a: 1 });
  });

  it('survives JSON unchanged (plain data)', () => {
    const v = drawValues(ranges, 'json', 'v/lab');
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });
});

describe('normaliseWeights and midValues', () => {
  it('normalise to sum 1, equal weights when all are 0, negatives as 0', () => {
    expect(normaliseWeights({ a: 1, b: 3 })).toEqual({ a: 0.25, b: 0.75 });
    expect(normaliseWeights({ a: 0, b: 0 })).toEqual({ a: 0.5, b: 0.5 });
    expect(normaliseWeights({ a: -1, b: 2 })).toEqual({ a: 0, b: 1 });
  });

  it('midValues takes the middle of each range', () => {
    expect(midValues({ weights: { a: [1, 3], b: [2, 4] }, scores: { a: { x: [0, 10] }, b: { y: [50, 50] } } })).toEqual({
      weights: { a: 0.4, b: 0.6 },
      scores: { a: { x: 5 }, b: { y: 50 } },
    });
  });
});
