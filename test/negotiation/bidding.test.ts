import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCurve, mirrorTarget, ownSpace, pickOffer, target } from '../../src/core/negotiation/bidding.ts';
import type { ClauseSpec, Values } from '../../src/core/negotiation/types.ts';
import { allUtilities, packageCount } from '../../src/core/negotiation/utility.ts';
import { fcParams } from '../helpers.ts';
import { anyClauses, anyValues } from './arbitraries.ts';

describe('the concession curve', () => {
  it('runs from max at t = 0 to min at t = 1', () => {
    for (const e of [0.05, 0.2, 1, 2]) {
      const c = { max: 90, min: 40, e };
      expect(target(c, 0)).toBe(90);
      expect(target(c, 1)).toBe(40);
    }
    expect(target({ max: 90, min: 40, e: 1 }, 0.5)).toBe(65);
  });

  it('is Boulware for e < 1 (above linear) and Conceder for e > 1 (below)', () => {
    const at = (e: number, t: number) => target({ max: 100, min: 0, e }, t);
    for (const t of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      expect(at(0.2, t)).toBeGreaterThan(at(1, t));
      expect(at(2, t)).toBeLessThan(at(1, t));
      expect(at(0.05, t)).toBeGreaterThan(at(0.2, t));
    }
    expect(at(0.2, 0.5)).toBeCloseTo(100 - 100 * 0.5 ** 5, 10);
  });

  it('never rises with time, stays within [min, max], and clamps t', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: -50, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: -1, max: 2, noNaN: true }), fc.double({ min: -1, max: 2, noNaN: true }), (best, walk, e, t1, t2) => {
        const c = makeCurve(best, walk, e);
        const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(target(c, a)).toBeGreaterThanOrEqual(target(c, b) - 1e-9);
        for (const t of [a, b]) {
          expect(target(c, t)).toBeLessThanOrEqual(c.max + 1e-9);
          expect(target(c, t)).toBeGreaterThanOrEqual(c.min - 1e-9);
        }
      }),
      fcParams(300),
    );
  });

  it('makeCurve never goes below the walk-away value, nor its floor above the best', () => {
    expect(makeCurve(80, 30, 0.2)).toEqual({ max: 80, min: 30, e: 0.2 });
    expect(makeCurve(80, 30, 0.2, 0.5)).toEqual({ max: 80, min: 55, e: 0.2 });
    expect(makeCurve(80, 95, 1)).toEqual({ max: 80, min: 80, e: 1 });
    expect(makeCurve(80, 30, 1, 2).min).toBe(80);
  });
});

describe('mirrorTarget (relative tit-for-tat)', () => {
  const c = { max: 90, min: 30, e: 1 };
  it('concedes what they conceded in our utility, plus courtesy over time', () => {
    expect(mirrorTarget(c, [], 0)).toBe(90);
    expect(mirrorTarget(c, [20, 35], 0)).toBe(75);
    expect(mirrorTarget(c, [20, 35], 0.5, 0.1)).toBe(72);
    expect(mirrorTarget(c, [40, 10], 0, 0)).toBe(90); // they got tougher: no concession
    expect(mirrorTarget(c, [0, 100], 1)).toBe(30);
  });
});

const cs: ClauseSpec[] = [
  { id: 'a', options: [{ id: 'x' }, { id: 'y' }, { id: 'z' }] },
  { id: 'b', options: [{ id: 'x' }, { id: 'y' }] },
];
const mine: Values = { weights: { a: 0.5, b: 0.5 }, scores: { a: { x: 100, y: 60, z: 0 }, b: { x: 100, y: 0 } } };

describe('ownSpace', () => {
  it('sorts packages by own utility, ties by index', () => {
    const s = ownSpace(mine, cs);
    // Utilities by index: ax-bx 100, ax-by 50, ay-bx 80, ay-by 30, az-bx 50, az-by 0.
    expect(Array.from(s.utils)).toEqual([100, 50, 80, 30, 50, 0]);
    expect(Array.from(s.order)).toEqual([5, 3, 1, 4, 2, 0]);
    expect([s.min, s.max]).toEqual([0, 100]);
    expect(ownSpace(mine, cs)).toBe(s);
  });

  it('equals a fresh computation whatever the memo holds', () => {
    fc.assert(
      fc.property(anyClauses(1, 4).chain((c) => fc.tuple(fc.constant(c), anyValues(c))), ([c, v]) => {
        const s = ownSpace(v, c);
        expect(Array.from(s.utils)).toEqual(Array.from(allUtilities(v, c)));
        for (let k = 1; k < s.order.length; k++) {
          const [i, j] = [s.order[k - 1]!, s.order[k]!];
          expect(s.utils[i]! < s.utils[j]! || (s.utils[i] === s.utils[j] && i < j)).toBe(true);
        }
      }),
      fcParams(150),
    );
  });
});

describe('pickOffer', () => {
  const s = ownSpace(mine, cs);
  it('without a model, offers the closest package at or above the target, ties by index', () => {
    expect(pickOffer(s, 100)).toBe(0);
    expect(pickOffer(s, 60)).toBe(2);
    expect(pickOffer(s, 45)).toBe(1); // 50 twice: index 1 before 4
    expect(pickOffer(s, 101)).toBe(0); // nothing reaches it: the best
    expect(pickOffer(s, -5)).toBe(5);
  });

  it('with a model, picks the best for them among the candidates within the band', () => {
    const theirs = (i: number) => [0, 10, 20, 30, 90, 100][i]!;
    expect(pickOffer(s, 45, { theirs, band: 0 })).toBe(4); // 50s: 1 (10) or 4 (90)
    expect(pickOffer(s, 45, { theirs, band: 30 })).toBe(4); // 50, 50, 80: 4 still best
    expect(pickOffer(s, 25, { theirs, band: 25 })).toBe(4); // 30, 50, 50: 4
    expect(pickOffer(s, 25, { theirs, band: 0 })).toBe(3);
    expect(pickOffer(s, 45, { theirs: () => 7, band: 50 })).toBe(0); // all tie: lowest index
  });

  it('always offers at least the target when some package reaches it, and the best for them within the band', () => {
    fc.assert(
      fc.property(
        anyClauses(1, 4).chain((c) => fc.tuple(fc.constant(c), anyValues(c), anyValues(c))),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        ([c, v, them], aim, band) => {
          const s = ownSpace(v, c);
          const theirs = allUtilities(them, c);
          const pick = pickOffer(s, aim, { theirs: (i) => theirs[i]!, band });
          expect(pick).toBeGreaterThanOrEqual(0);
          expect(pick).toBeLessThan(packageCount(c));
          if (s.max < aim) {
            expect(s.utils[pick]).toBe(s.max);
            return;
          }
          expect(s.utils[pick]!).toBeGreaterThanOrEqual(aim);
          const lowest = Math.min(...Array.from(s.utils).filter((u) => u >= aim));
          const candidates = Array.from(s.utils.keys()).filter((i) => s.utils[i]! >= lowest && s.utils[i]! <= lowest + band);
          const best = Math.max(...candidates.map((i) => theirs[i]!));
          expect(theirs[pick]).toBe(best);
          expect(pick).toBe(Math.min(...candidates.filter((i) => theirs[i] === best)));
        },
      ),
      fcParams(300),
    );
  });
});
