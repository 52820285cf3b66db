import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyWeightFacts, createModel, estimate, learnFrom, observe, theirUtility } from '../../src/core/negotiation/opponent.ts';
import type { ClauseSpec, Package, Revealed, ValueRanges } from '../../src/core/negotiation/types.ts';
import { packageAt, utility } from '../../src/core/negotiation/utility.ts';
import { fcParams } from '../helpers.ts';
import { anyClauses, anyFact, anyPackage, anyRanges } from './arbitraries.ts';

const cs: ClauseSpec[] = [
  { id: 'surveillance', options: [{ id: 'ban' }, { id: 'limit' }, { id: 'none' }] },
  { id: 'weapons', options: [{ id: 'ban' }, { id: 'review' }, { id: 'none' }] },
  { id: 'scope', options: [{ id: 'narrow' }, { id: 'broad' }, { id: 'all' }] },
];
const offers: Package[] = [
  { surveillance: 'none', weapons: 'none', scope: 'all' },
  { surveillance: 'none', weapons: 'review', scope: 'all' },
  { surveillance: 'none', weapons: 'review', scope: 'broad' },
  { surveillance: 'none', weapons: 'ban', scope: 'broad' },
];
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('observe', () => {
  it('counts options and how often each clause was kept, without changing the model it is given', () => {
    const empty = createModel(cs);
    const copy = JSON.parse(JSON.stringify(empty));
    const m = offers.reduce(observe, empty);
    expect(empty).toEqual(copy);
    expect(m.offers).toBe(4);
    expect(m.counts.surveillance).toEqual({ ban: 0, limit: 0, none: 4 });
    expect(m.counts.weapons).toEqual({ ban: 1, review: 2, none: 1 });
    expect(m.kept).toEqual({ surveillance: 3, weapons: 1, scope: 2 });
    expect(m.last).toEqual(offers[3]);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('ignores unknown clauses and options', () => {
    const m = observe(createModel(cs), { surveillance: 'maybe', weapons: 'ban', extra: 'x' });
    expect(m.counts.surveillance).toEqual({ ban: 0, limit: 0, none: 0 });
    expect(m.counts).not.toHaveProperty('extra');
    expect(m.last).toEqual({ surveillance: 'maybe', weapons: 'ban' });
  });

  it('learnFrom folds only the other side\'s offers', () => {
    const history = offers.flatMap((p, i) => [{ by: 'department' as const, package: p }, { by: 'lab' as const, package: packageAt(cs, i) }]);
    expect(learnFrom(cs, history, 'lab')).toEqual(offers.reduce(observe, createModel(cs)));
  });
});

describe('estimate', () => {
  it('with no offers and no prior: equal weights, scores of 50', () => {
    const v = estimate(createModel(cs), cs);
    expect(Object.values(v.weights).every((w) => Math.abs(w - 1 / 3) < 1e-12)).toBe(true);
    expect(v.scores.scope).toEqual({ narrow: 50, broad: 50, all: 50 });
  });

  it('learns their favourite options and their stable clauses from offers', () => {
    const v = estimate(offers.reduce(observe, createModel(cs)), cs);
    expect(v.scores.surveillance!.none).toBeGreaterThan(v.scores.surveillance!.ban!);
    expect(v.scores.weapons!.review).toBeGreaterThan(v.scores.weapons!.ban!);
    expect(v.weights.surveillance).toBeGreaterThan(v.weights.scope!);
    expect(v.weights.scope).toBeGreaterThan(v.weights.weapons!);
    expect(sum(v.weights)).toBeCloseTo(1, 12);
  });

  it('starts from the middle of known ranges and stays inside the score ranges', () => {
    const prior: ValueRanges = {
      weights: { surveillance: [1, 1], weapons: [2, 2], scope: [5, 5] },
      scores: {
        surveillance: { ban: [0, 10], limit: [20, 40], none: [90, 100] },
        weapons: { ban: [0, 0], review: [40, 60], none: [100, 100] },
        scope: { narrow: [0, 20], broad: [40, 60], all: [80, 100] },
      },
    };
    const v = estimate(createModel(cs), cs, { prior });
    expect(v.weights.scope).toBeCloseTo(5 / 8, 12);
    expect(v.scores.surveillance).toEqual({ ban: 5, limit: 30, none: 95 });
    const w = estimate(offers.reduce(observe, createModel(cs)), cs, { prior });
    expect(w.scores.weapons!.ban).toBe(0);
    expect(w.scores.surveillance!.ban).toBeLessThanOrEqual(10);
  });

  it('honours revealed ranks and bands', () => {
    const model = offers.reduce(observe, createModel(cs));
    const facts: Revealed[] = [
      { kind: 'weight-rank', clause: 'weapons', rank: 1, probe: 'p1' },
      { kind: 'score', clause: 'scope', option: 'narrow', min: 70, max: 80 },
    ];
    const v = estimate(model, cs, { revealed: facts });
    expect(Math.max(...Object.values(v.weights))).toBe(v.weights.weapons);
    expect(v.scores.scope!.narrow).toBeGreaterThanOrEqual(70);
    expect(v.scores.scope!.narrow).toBeLessThanOrEqual(80);
    const pinned = estimate(model, cs, { revealed: [{ kind: 'weight', clause: 'scope', min: 0.6, max: 0.6 }] });
    expect(pinned.weights.scope).toBeCloseTo(0.6, 12);
    expect(sum(pinned.weights)).toBeCloseTo(1, 12);
  });

  it('is always a valid set of values: weights ≥ 0 summing to 1, scores 0-100, JSON-safe', () => {
    fc.assert(
      fc.property(
        anyClauses(1, 5).chain((c) =>
          fc.tuple(fc.constant(c), fc.array(anyPackage(c), { maxLength: 8 }), fc.array(anyFact(c), { maxLength: 6 }), fc.option(anyRanges(c), { nil: undefined })),
        ),
        ([c, seen, revealed, prior]) => {
          const v = estimate(seen.reduce(observe, createModel(c)), c, { revealed, ...(prior ? { prior } : {}) });
          expect(Object.keys(v.weights)).toEqual(c.map((x) => x.id));
          for (const w of Object.values(v.weights)) expect(w).toBeGreaterThanOrEqual(0);
          expect(sum(v.weights)).toBeCloseTo(1, 9);
          for (const x of c) for (const o of x.options) {
            expect(v.scores[x.id]![o.id]).toBeGreaterThanOrEqual(0);
            expect(v.scores[x.id]![o.id]).toBeLessThanOrEqual(100);
          }
          expect(JSON.parse(JSON.stringify(v))).toEqual(v);
          const u = theirUtility(seen.reduce(observe, createModel(c)), c, { revealed });
          expect(u(0)).toBeCloseTo(utility(estimate(seen.reduce(observe, createModel(c)), c, { revealed }), packageAt(c, 0)), 12);
        },
      ),
      fcParams(300),
    );
  });

  it('revealing every clause\'s true rank gives the true order of weights', () => {
    fc.assert(
      fc.property(
        anyClauses(2, 6).chain((c) => fc.tuple(fc.constant(c), fc.array(anyPackage(c), { maxLength: 6 }), fc.shuffledSubarray(c.map((x) => x.id), { minLength: c.length, maxLength: c.length }))),
        ([c, seen, trueOrder]) => {
          const revealed: Revealed[] = trueOrder.map((clause, i) => ({ kind: 'weight-rank', clause, rank: i + 1 }));
          const v = estimate(seen.reduce(observe, createModel(c)), c, { revealed });
          for (let i = 1; i < trueOrder.length; i++) expect(v.weights[trueOrder[i - 1]!]).toBeGreaterThanOrEqual(v.weights[trueOrder[i]!]!);
        },
      ),
      fcParams(200),
    );
  });

  it('a single band for one clause of several is met exactly', () => {
    fc.assert(
      fc.property(
        anyClauses(2, 5).chain((c) => fc.tuple(fc.constant(c), fc.array(anyPackage(c), { maxLength: 6 }), fc.constantFrom(...c), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))),
        ([c, seen, clause, a, b]) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const v = estimate(seen.reduce(observe, createModel(c)), c, { revealed: [{ kind: 'weight', clause: clause.id, min: lo, max: hi }] });
          expect(v.weights[clause.id]).toBeGreaterThanOrEqual(lo - 1e-12);
          expect(v.weights[clause.id]).toBeLessThanOrEqual(hi + 1e-12);
        },
      ),
      fcParams(200),
    );
  });
});

describe('applyWeightFacts', () => {
  it('moves ranked clauses to their rank and keeps the others in order', () => {
    const w = { a: 0.1, b: 0.2, c: 0.3, d: 0.4 };
    const clauses = ['a', 'b', 'c', 'd'].map((id) => ({ id, options: [{ id: 'x' }] }));
    expect(applyWeightFacts(w, clauses, [{ kind: 'weight-rank', clause: 'a', rank: 1 }])).toEqual({ a: 0.4, b: 0.1, c: 0.2, d: 0.3 });
    expect(applyWeightFacts(w, clauses, [{ kind: 'weight-rank', clause: 'a', rank: 9 }])).toEqual(w);
    expect(applyWeightFacts(w, clauses, [])).toEqual(w);
  });
});
