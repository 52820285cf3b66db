import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dealPoints,
  dealSpace,
  dominates,
  nashPoint,
  paretoFrontier,
  utilitarianPoint,
  valueLeft,
  valueLeftBy,
  zoneOfAgreement,
  type DealPoint,
} from '../../src/core/negotiation/dealspace.ts';
import type { ClauseSpec, Point, Values } from '../../src/core/negotiation/types.ts';
import { packageAt, utility } from '../../src/core/negotiation/utility.ts';
import { fcParams } from '../helpers.ts';
import { anyClauses, anyValues } from './arbitraries.ts';

const key = (p: DealPoint) => p.index;
const pt = (index: number, lab: number, department: number): DealPoint => ({ index, lab, department });

/** The O(n²) definition: the points no other point dominates, sorted as paretoFrontier sorts. */
const bruteFrontier = (points: readonly DealPoint[]) =>
  points.filter((p) => !points.some((q) => dominates(q, p))).sort((a, b) => a.lab - b.lab || a.index - b.index);

/** The definition of value left, over every point rather than the frontier. */
const bruteValueLeft = (points: readonly Point[], d: Point) =>
  Math.max(0, ...points.filter((q) => q.lab >= d.lab && q.department >= d.department).map((q) => q.lab - d.lab + (q.department - d.department)));

// Coarse scores make ties (equal points, equal utilities for one side) common.
const coarse: fc.Arbitrary<number> = fc.constantFrom(0, 25, 50, 75, 100);
const anyDomain = (scores = coarse) =>
  anyClauses(1, 4, 1, 4).chain((cs) => fc.tuple(fc.constant(cs), anyValues(cs, scores), anyValues(cs, scores)));
const anyPoints = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })), { maxLength: 60 })
  .map((xs) => xs.map(([l, d], i) => pt(i, l * 10, d * 10)));

describe('dominates', () => {
  it('needs both sides at least as well off and one better', () => {
    expect(dominates({ lab: 2, department: 2 }, { lab: 1, department: 2 })).toBe(true);
    expect(dominates({ lab: 2, department: 2 }, { lab: 2, department: 2 })).toBe(false);
    expect(dominates({ lab: 3, department: 1 }, { lab: 2, department: 2 })).toBe(false);
  });
});

describe('paretoFrontier', () => {
  it('keeps undominated points, equal ones included, sorted by the lab', () => {
    const points = [pt(0, 10, 90), pt(1, 50, 50), pt(2, 40, 40), pt(3, 90, 10), pt(4, 50, 50), pt(5, 50, 30), pt(6, 90, 5), pt(7, 10, 80)];
    expect(paretoFrontier(points).map(key)).toEqual([0, 1, 4, 3]);
    expect(paretoFrontier([])).toEqual([]);
  });

  it('equals the brute-force O(n²) frontier on random point sets with many ties', () => {
    fc.assert(
      fc.property(anyPoints, (points) => {
        expect(paretoFrontier(points)).toEqual(bruteFrontier(points));
      }),
      fcParams(500),
    );
  });

  it('equals the brute-force frontier on random small value sets', () => {
    fc.assert(
      fc.property(fc.oneof(anyDomain(), anyDomain(fc.integer({ min: 0, max: 100 }))), ([cs, lab, dept]) => {
        const points = dealPoints(cs, lab, dept);
        expect(paretoFrontier(points)).toEqual(bruteFrontier(points));
      }),
      fcParams(300),
    );
  });

  it('handles 15,625 packages fast', () => {
    const cs: ClauseSpec[] = Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, options: Array.from({ length: 5 }, (_, j) => ({ id: `o${j}` })) }));
    const vals = (flip: boolean): Values => ({
      weights: Object.fromEntries(cs.map((c, i) => [c.id, (flip ? 6 - i : i + 1) / 21])),
      scores: Object.fromEntries(cs.map((c) => [c.id, Object.fromEntries(c.options.map((o, j) => [o.id, flip ? 100 - j * 25 : j * 25]))])),
    });
    const points = dealPoints(cs, vals(false), vals(true));
    const frontier = paretoFrontier(points);
    expect(points.length).toBe(15_625);
    for (let i = 1; i < frontier.length; i++) {
      expect(frontier[i]!.lab).toBeGreaterThanOrEqual(frontier[i - 1]!.lab);
      expect(frontier[i]!.department).toBeLessThanOrEqual(frontier[i - 1]!.department);
    }
    for (const p of points.filter((_, i) => i % 97 === 0)) expect(frontier.some((q) => dominates(q, p)) || frontier.includes(p)).toBe(true);
  });
});

describe('dealPoints', () => {
  it('gives each package its two utilities, in index order', () => {
    fc.assert(
      fc.property(anyDomain(fc.integer({ min: 0, max: 100 })), ([cs, lab, dept]) => {
        dealPoints(cs, lab, dept).forEach((p, i) => {
          expect(p.index).toBe(i);
          expect(p.lab).toBe(utility(lab, packageAt(cs, i)));
          expect(p.department).toBe(utility(dept, packageAt(cs, i)));
        });
      }),
      fcParams(100),
    );
  });
});

describe('value left on the table', () => {
  const points = [pt(0, 10, 90), pt(1, 50, 50), pt(2, 40, 40), pt(3, 90, 10), pt(4, 30, 60)];
  const frontier = paretoFrontier(points);

  it('is the largest joint gain from a point at least as good for both', () => {
    expect(valueLeft(frontier, points[2]!)).toBe(20); // (50, 50) beats (40, 40) by 10 + 10
    expect(valueLeft(frontier, { lab: 35, department: 55 })).toBe(0); // no point is at least as good for both
    expect(valueLeft(frontier, { lab: 0, department: 0 })).toBe(100);
    expect(valueLeft(frontier, points[1]!)).toBe(0);
  });

  it('is ≥ 0, 0 on the frontier, and equals its definition over all points', () => {
    fc.assert(
      fc.property(fc.oneof(anyDomain(), anyDomain(fc.integer({ min: 0, max: 100 }))), ([cs, lab, dept]) => {
        const all = dealPoints(cs, lab, dept);
        const f = paretoFrontier(all);
        for (const p of f) expect(valueLeft(f, p)).toBe(0);
        for (const p of all) {
          const v = valueLeft(f, p);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeCloseTo(bruteValueLeft(all, p), 9);
          expect(v > 0).toBe(!f.some((q) => q.lab === p.lab && q.department === p.department));
        }
      }),
      fcParams(200),
    );
  });

  it('for no deal, is measured from the walk-away point', () => {
    const space = dealSpace(
      [{ id: 'a', options: [{ id: 'x' }, { id: 'y' }] }],
      { weights: { a: 1 }, scores: { a: { x: 100, y: 40 } } },
      { weights: { a: 1 }, scores: { a: { x: 20, y: 80 } } },
      { lab: 30, department: 30 },
    );
    expect(valueLeftBy(space, null)).toBe(60); // (40, 80) − (30, 30); (100, 20) is below a walk-away
    expect(valueLeftBy(space, 0)).toBe(0);
    expect(() => valueLeftBy(space, 5)).toThrow();
  });
});

describe('zone, Nash and utilitarian points', () => {
  const points = [pt(0, 10, 90), pt(1, 50, 50), pt(2, 40, 40), pt(3, 90, 10), pt(4, 30, 75), pt(5, 70, 35)];
  const frontier = paretoFrontier(points);

  it('zoneOfAgreement keeps the points at or above both walk-aways', () => {
    expect(zoneOfAgreement(points, { lab: 30, department: 35 }).map(key)).toEqual([1, 2, 4, 5]);
  });

  it('nashPoint maximises the product of gains; null with no zone', () => {
    expect(nashPoint(frontier, { lab: 0, department: 0 })?.index).toBe(1); // 2500 > 2450 (70×35)
    expect(nashPoint(frontier, { lab: 30, department: 0 })?.index).toBe(5); // 40×35 = 1400 > 20×50
    expect(nashPoint(frontier, { lab: 95, department: 0 })).toBeNull();
  });

  it('utilitarianPoint maximises the sum, within the zone if asked', () => {
    expect(utilitarianPoint(frontier)?.index).toBe(4); // 105
    expect(utilitarianPoint(frontier, { lab: 45, department: 0 })?.index).toBe(5); // in the zone: 1 (100), 5 (105), 3 (100)
    expect(utilitarianPoint([])).toBeNull();
  });

  it('agree with brute force over every package, and lie on the frontier', () => {
    fc.assert(
      fc.property(anyDomain(), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), ([cs, lab, dept], wl, wd) => {
        const w = { lab: wl, department: wd };
        const space = dealSpace(cs, lab, dept, w);
        const zone = zoneOfAgreement(space.points, w);
        expect(space.zone).toEqual(zone.map(key));
        if (zone.length === 0) {
          expect(space.nash).toBeNull();
          expect(space.utilitarian).toBeNull();
          return;
        }
        const product = (p: Point) => (p.lab - wl) * (p.department - wd);
        const sum = (p: Point) => p.lab + p.department;
        expect(product(space.nash!)).toBe(Math.max(...zone.map(product)));
        expect(sum(space.utilitarian!)).toBe(Math.max(...zone.map(sum)));
        expect(space.frontier).toContain(space.nash);
        expect(space.frontier).toContain(space.utilitarian);
        expect(JSON.parse(JSON.stringify(space))).toEqual(space);
      }),
      fcParams(300),
    );
  });
});
