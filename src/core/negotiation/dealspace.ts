/**
 * The deal space: every package as a point (the lab's utility, the Department's utility), the
 * Pareto frontier, the zone of agreement, the Nash and utilitarian points, and the value a deal
 * leaves on the table. What the debrief's map draws, once a run's hidden values are revealed.
 *
 * **Value left on the table.** For a deal at point d = (dL, dD):
 *
 *     valueLeft(d) = max over packages q with qL ≥ dL and qD ≥ dD of (qL − dL) + (qD − dD)
 *
 * the most by which the sum of both utilities could have been raised without making either side
 * worse off. It is 0 exactly when no package Pareto-dominates the deal (the deal is on the
 * frontier), never negative, and in utility points (0-200). The maximising q is always on the
 * frontier, so only frontier points are searched. With no deal, pass the walk-away point: the
 * value left is then the best joint gain the zone of agreement offered (0 if it was empty).
 */
import type { ClauseSpec, Point, Values } from './types.ts';
import { allUtilities } from './utility.ts';

/** A package as a point in the deal space, with its package index. */
export interface DealPoint extends Point {
  index: number;
}

/** Every package as a point, in index order: `points[i].index === i` (pure). */
export function dealPoints(clauses: readonly ClauseSpec[], lab: Values, department: Values): DealPoint[] {
  const l = allUtilities(lab, clauses);
  const d = allUtilities(department, clauses);
  const out = new Array<DealPoint>(l.length);
  for (let i = 0; i < l.length; i++) out[i] = { index: i, lab: l[i]!, department: d[i]! };
  return out;
}

/** Whether a Pareto-dominates b: at least as good for both sides and better for one (pure). */
export function dominates(a: Point, b: Point): boolean {
  return a.lab >= b.lab && a.department >= b.department && (a.lab > b.lab || a.department > b.department);
}

/**
 * The Pareto frontier: the points no other point dominates, sorted by the lab's utility
 * ascending (so the Department's descends), equal points by index (pure). Points with equal
 * utilities are all kept. O(n log n): a sweep from the lab's best down, keeping a point when its
 * Department utility beats every point with a strictly higher lab utility.
 */
export function paretoFrontier(points: readonly DealPoint[]): DealPoint[] {
  const sorted = points.slice().sort((a, b) => b.lab - a.lab || b.department - a.department || a.index - b.index);
  const out: DealPoint[] = [];
  let bestAbove = -Infinity;
  for (let i = 0; i < sorted.length; ) {
    const lab = sorted[i]!.lab;
    const top = sorted[i]!.department;
    let j = i;
    while (j < sorted.length && sorted[j]!.lab === lab) j++;
    if (top > bestAbove) for (let k = i; k < j && sorted[k]!.department === top; k++) out.push(sorted[k]!);
    if (top > bestAbove) bestAbove = top;
    i = j;
  }
  return out.sort((a, b) => a.lab - b.lab || a.index - b.index);
}

/** The points at or above both walk-away values, in the order given (pure). */
export function zoneOfAgreement<P extends Point>(points: readonly P[], walkAways: Point): P[] {
  return points.filter((p) => p.lab >= walkAways.lab && p.department >= walkAways.department);
}

/**
 * Value left on the table by a deal at `deal` (or, with no deal, at the walk-away point): the
 * largest (qL − dL) + (qD − dD) over frontier points q at least as good as the deal for both
 * sides; 0 when the deal is on the frontier (pure). See the module comment.
 */
export function valueLeft(frontier: readonly Point[], deal: Point): number {
  let best = 0;
  for (const q of frontier) {
    if (q.lab < deal.lab || q.department < deal.department) continue;
    const gain = q.lab - deal.lab + (q.department - deal.department);
    if (gain > best) best = gain;
  }
  return best;
}

/**
 * The Nash bargaining point: the package in the zone of agreement with the largest product of
 * both sides' gains over their walk-away values; ties go to the larger sum, then the lower index.
 * Null when the zone is empty (pure). Give it the frontier: the point is always on it.
 */
export function nashPoint(frontier: readonly DealPoint[], walkAways: Point): DealPoint | null {
  let best: DealPoint | null = null;
  let bestProduct = -Infinity;
  for (const q of zoneOfAgreement(frontier, walkAways)) {
    const product = (q.lab - walkAways.lab) * (q.department - walkAways.department);
    if (best === null || product > bestProduct || (product === bestProduct && better(q, best))) {
      best = q;
      bestProduct = product;
    }
  }
  return best;
}

/**
 * The utilitarian point: the package with the largest sum of utilities (within the zone of
 * agreement if walk-away values are given); ties go to the lower index. Null when there is none
 * (pure). Give it the frontier: the point is always on it.
 */
export function utilitarianPoint(frontier: readonly DealPoint[], walkAways?: Point): DealPoint | null {
  let best: DealPoint | null = null;
  for (const q of walkAways ? zoneOfAgreement(frontier, walkAways) : frontier) if (best === null || better(q, best)) best = q;
  return best;
}

/** Larger sum first, then lower index. */
const better = (a: DealPoint, b: DealPoint): boolean => {
  const sa = a.lab + a.department;
  const sb = b.lab + b.department;
  return sa > sb || (sa === sb && a.index < b.index);
};

/** The whole map of one negotiation, plain data. */
export interface DealSpace {
  /** Every package, in index order. */
  points: DealPoint[];
  /** The Pareto frontier, the lab's utility ascending. */
  frontier: DealPoint[];
  walkAways: Point;
  /** Indexes of the packages at or above both walk-away values, ascending. */
  zone: number[];
  nash: DealPoint | null;
  utilitarian: DealPoint | null;
}

/**
 * The deal-space map for two sides' values and walk-away values (pure): every point, the
 * frontier, the zone of agreement, the Nash point and the utilitarian point (within the zone).
 */
export function dealSpace(clauses: readonly ClauseSpec[], lab: Values, department: Values, walkAways: Point): DealSpace {
  const points = dealPoints(clauses, lab, department);
  const frontier = paretoFrontier(points);
  return {
    points,
    frontier,
    walkAways: { lab: walkAways.lab, department: walkAways.department },
    zone: zoneOfAgreement(points, walkAways).map((p) => p.index),
    nash: nashPoint(frontier, walkAways),
    utilitarian: utilitarianPoint(frontier, walkAways),
  };
}

/**
 * Value left on the table by a run's outcome (pure): a deal's package index, or null for no
 * deal (then measured from the walk-away point).
 */
export function valueLeftBy(space: DealSpace, deal: number | null): number {
  const at = deal === null ? space.walkAways : space.points[deal];
  if (at === undefined) throw new Error(`no package ${deal}`);
  return valueLeft(space.frontier, at);
}
