/**
 * Bidding (offering) strategies: what utility to ask for at a given time, and which package to
 * offer for it.
 *
 * The time-dependent curve (Faratin, Sierra and Jennings; GENIUS's TimeDependent_Offering):
 *
 *     target(t) = max − (max − min) × t^(1/e)
 *
 * with t the negotiation time 0..1. e < 1 is Boulware (holds firm, concedes near the deadline),
 * e = 1 linear, e > 1 Conceder (concedes early). `min` is never below the walk-away value.
 */
import type { ClauseSpec, Values } from './types.ts';
import { allUtilities } from './utility.ts';

/** A concession curve: from `max` at t = 0 to `min` at t = 1, shaped by `e` (> 0). */
export interface Curve {
  max: number;
  min: number;
  e: number;
}

/**
 * A curve from a side's best utility down to its floor (pure). The floor is the walk-away value
 * raised by `floorShare` of the way up to the best (0: concede down to the walk-away; 0.7: keep
 * at least 70% of the surplus over it), and never above the best.
 */
export function makeCurve(best: number, walkAway: number, e: number, floorShare = 0): Curve {
  const share = Math.min(1, Math.max(0, floorShare));
  const floor = walkAway + share * (best - walkAway);
  return { max: best, min: Math.min(best, Math.max(walkAway, floor)), e };
}

/** The utility a curve asks for at time t, clamped to 0..1: max − (max − min) × t^(1/e) (pure). */
export function target(curve: Curve, t: number): number {
  const time = Math.min(1, Math.max(0, t));
  const e = curve.e > 0 ? curve.e : 1e-9;
  return curve.max - (curve.max - curve.min) * Math.pow(time, 1 / e);
}

/**
 * Relative tit-for-tat (pure): mirror the other side's concession in our own utility terms. Their
 * concession is how much better for us their latest offer is than their first
 * (`theirOffers`: our utility of each of their offers, oldest first); we concede as much from our
 * best, plus a courtesy concession of `courtesy` × (max − min) × t that breaks a deadlock of two
 * mirrors. Clamped to the curve's [min, max]; `curve.e` is not used.
 */
export function mirrorTarget(curve: Curve, theirOffers: readonly number[], t: number, courtesy = 0.1): number {
  const first = theirOffers[0];
  const last = theirOffers[theirOffers.length - 1];
  const conceded = first === undefined || last === undefined ? 0 : Math.max(0, last - first);
  const time = Math.min(1, Math.max(0, t));
  const aim = curve.max - conceded - courtesy * (curve.max - curve.min) * time;
  return Math.min(curve.max, Math.max(curve.min, aim));
}

/**
 * A side's own view of the whole deal space: its utility of every package (by index) and the
 * indexes sorted by that utility, ascending, ties by index. For computing, not for storing.
 * `order` is built on first use: a run played by a bidder that never needs it (the Department,
 * the random agent) never sorts.
 */
export interface OwnSpace {
  readonly utils: Float64Array;
  readonly order: Int32Array;
  readonly min: number;
  readonly max: number;
}

class Space implements OwnSpace {
  readonly min: number;
  readonly max: number;
  #order: Int32Array | null = null;
  constructor(readonly utils: Float64Array) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < utils.length; i++) {
      const u = utils[i]!;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    this.min = utils.length ? min : 0;
    this.max = utils.length ? max : 0;
  }
  get order(): Int32Array {
    return (this.#order ??= orderOf(this.utils));
  }
}

// Agents rebuild their view of the space at every turn from the view alone, so the last few
// spaces are memoised by their inputs. The result depends only on the inputs: the memo changes
// speed, never answers.
const spaces = new Map<string, OwnSpace>();
const MEMO = 16;
// The identity cache in front of it: the values and clauses objects of a run's views are shared
// across turns, and the engine never changes them.
const byIdentity = new WeakMap<Values, { clauses: readonly ClauseSpec[]; space: OwnSpace }>();

/** Every package's utility for these values, and the packages sorted by it (pure; memoised). */
export function ownSpace(values: Values, clauses: readonly ClauseSpec[]): OwnSpace {
  // The same objects again (an agent's view across its turns): no need to build the key.
  const same = byIdentity.get(values);
  if (same && same.clauses === clauses) return same.space;
  const key = JSON.stringify([clauses, values]);
  let space = spaces.get(key);
  if (!space) {
    space = new Space(allUtilities(values, clauses));
    if (spaces.size >= MEMO) spaces.delete(spaces.keys().next().value!);
    spaces.set(key, space);
  }
  byIdentity.set(values, { clauses, space });
  return space;
}

/**
 * `ownSpace` for values the caller will not change (a run's drawn values): built once per values
 * object, with no key to build. Later `ownSpace` calls with the same objects find it.
 */
export function ownSpaceOf(values: Values, clauses: readonly ClauseSpec[]): OwnSpace {
  const same = byIdentity.get(values);
  if (same && same.clauses === clauses) return same.space;
  const space = new Space(allUtilities(values, clauses));
  byIdentity.set(values, { clauses, space });
  return space;
}

/** The best package: the highest utility, ties to the highest index (the last of `order`) (pure). */
export function bestIndex(space: Pick<OwnSpace, 'utils'>): number {
  const { utils } = space;
  let best = 0;
  for (let i = 1; i < utils.length; i++) if (utils[i]! >= utils[best]!) best = i;
  return best;
}

/**
 * The indexes sorted by utility ascending, ties by index ascending (pure): the order of a
 * comparator sort, in about linear time. Utilities are 0-100, so a counting sort into about one
 * bucket per package puts every index in its bucket (in index order), and an insertion sort
 * settles each bucket, which holds a handful of packages.
 */
export function orderOf(utils: Float64Array): Int32Array {
  const n = utils.length;
  // About one bucket per package: 0-100 in steps of 100 / B.
  const B = Math.max(16, n);
  const scale = B / 100;
  const bucket = new Int32Array(n);
  const starts = new Int32Array(B + 2);
  for (let i = 0; i < n; i++) {
    let b = (utils[i]! * scale) | 0;
    if (b < 0) b = 0;
    else if (b > B) b = B;
    bucket[i] = b;
    starts[b + 1]!++;
  }
  for (let b = 0; b <= B; b++) starts[b + 1]! += starts[b]!;
  const fill = starts.slice();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[bucket[i]!]!++] = i;
  for (let b = 0; b <= B; b++) {
    const lo = starts[b]!;
    const hi = starts[b + 1]!;
    for (let k = lo + 1; k < hi; k++) {
      const x = order[k]!;
      const ux = utils[x]!;
      let j = k - 1;
      // Indexes enter a bucket in ascending order, so a tie never moves (the sort is stable).
      while (j >= lo && utils[order[j]!]! > ux) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = x;
    }
  }
  return order;
}

/** Options for picking an offer. */
export interface PickOptions {
  /**
   * How far above the lowest package that reaches the target (in our utility points) the
   * candidates may lie. Default 2.
   */
  band?: number;
  /** The opponent model's estimate of the other side's utility of a package index. */
  theirs?: ((index: number) => number) | null;
}

/**
 * The package index to offer for a target utility (pure). Candidates: the packages whose own
 * utility is at least the target and at most `band` above the lowest such (the closest above);
 * if none reaches the target, the best package (ties to the highest index). Among the
 * candidates, the one the opponent model rates best for the other side, ties to the lowest
 * index; with no model, the lowest own utility, then the lowest index. Two linear passes over
 * the utilities: no sort (the same answer as walking `order` up from the target).
 */
export function pickOffer(space: Pick<OwnSpace, 'utils'>, aim: number, options: PickOptions = {}): number {
  const { utils } = space;
  const n = utils.length;
  if (n === 0) throw new Error('no packages');
  // The lowest utility that reaches the target, and the lowest index that has it.
  let low = Infinity;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const u = utils[i]!;
    if (u >= aim && u < low) (low = u), (first = i);
  }
  if (first < 0) return bestIndex(space);
  const theirs = options.theirs;
  if (!theirs) return first;
  const ceiling = low + Math.max(0, options.band ?? 2);
  let best = first;
  let bestTheirs = theirs(first);
  for (let i = 0; i < n; i++) {
    const u = utils[i]!;
    if (u < low || u > ceiling || i === first) continue;
    const t = theirs(i);
    if (t > bestTheirs || (t === bestTheirs && i < best)) (best = i), (bestTheirs = t);
  }
  return best;
}
