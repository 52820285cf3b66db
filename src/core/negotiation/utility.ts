/**
 * Additive utilities, hidden values drawn by keyed dice, and packages as compact integers.
 *
 * A package's index is its mixed-radix number: the first clause is the most significant digit,
 * each digit the option's position in its clause. So indexes 0…count-1 list every package once,
 * in lexicographic order of option positions, and a package costs one integer in a record.
 */
import { draw } from '../dice.ts';
import type { ClauseSpec, Package, ValueRanges, Values } from './types.ts';

/**
 * The utility of a package for one side: Σ weight × score over the weighted clauses, divided by
 * the total weight, clamped to 0-100 (pure). Throws if the package has no scored option for a
 * weighted clause. Sums in the order of `values.weights`, as `allUtilities` does, so both give
 * the same number for the same package, bit for bit.
 */
export function utility(values: Values, pkg: Package): number {
  let sum = 0;
  let total = 0;
  for (const clause of Object.keys(values.weights)) {
    const w = values.weights[clause]!;
    const option = pkg[clause];
    const scores = values.scores[clause];
    const score = option !== undefined && scores !== undefined && Object.hasOwn(scores, option) ? scores[option] : undefined;
    if (typeof score !== 'number') throw new Error(`no score for clause "${clause}" option "${option ?? '(none)'}"`);
    sum += w * score;
    total += w;
  }
  return finish(sum, total);
}

const finish = (sum: number, total: number): number => (total > 0 ? Math.min(100, Math.max(0, sum / total)) : 0);

/**
 * A side's utility as a function of a package index (pure): the same number as `utility` of
 * `packageAt(clauses, index)`, bit for bit, without building the package. Throws at once if a
 * weighted clause is not among the clauses or an option has no score.
 */
export function indexUtility(values: Values, clauses: readonly ClauseSpec[]): (index: number) => number {
  const order = Object.keys(values.weights);
  const position = new Map(clauses.map((c, i) => [c.id, i]));
  const strides = stridesOf(clauses);
  // For the k-th weighted clause: its stride, its radix and weight × score of each option.
  const picks = order.map((id) => {
    const at = position.get(id);
    if (at === undefined) throw new Error(`weighted clause "${id}" is not among the clauses`);
    const clause = clauses[at]!;
    const w = values.weights[id]!;
    const terms = clause.options.map((o) => {
      const scores = values.scores[id];
      const score = scores !== undefined && Object.hasOwn(scores, o.id) ? scores[o.id] : undefined;
      if (typeof score !== 'number') throw new Error(`no score for clause "${id}" option "${o.id}"`);
      return w * score;
    });
    return { stride: strides[at]!, radix: clause.options.length, terms };
  });
  let total = 0;
  for (const id of order) total += values.weights[id]!;
  return (index) => {
    let sum = 0;
    for (const p of picks) sum += p.terms[Math.floor(index / p.stride) % p.radix]!;
    return finish(sum, total);
  };
}

/**
 * A side's utility of every package at once, indexed by package index (pure): the same numbers
 * as `utility`. A typed array: for computing, not for storing in a run's context.
 */
export function allUtilities(values: Values, clauses: readonly ClauseSpec[]): Float64Array {
  const order = Object.keys(values.weights);
  if (order.length === clauses.length && order.every((id, k) => clauses[k]!.id === id)) return allInClauseOrder(values, clauses);
  const of = indexUtility(values, clauses);
  const out = new Float64Array(packageCount(clauses));
  for (let i = 0; i < out.length; i++) out[i] = of(i);
  return out;
}

/**
 * `allUtilities` when the weights are keyed in clause order (the case for every run's drawn
 * values): partial sums clause by clause, the first clause most significant, so each package's
 * sum is built in the same order as `utility` builds it, bit for bit, with one addition per
 * package per clause level instead of a division and a remainder per clause.
 */
function allInClauseOrder(values: Values, clauses: readonly ClauseSpec[]): Float64Array {
  const out = new Float64Array(packageCount(clauses));
  // Expanded in place, one clause at a time: the sums of the first k clauses fill the front of the
  // array, and each spreads to its radix children from the back so nothing is overwritten early.
  let size = 1;
  let total = 0;
  for (const c of clauses) {
    const w = values.weights[c.id]!;
    total += w;
    const scores = values.scores[c.id];
    const radix = c.options.length;
    const terms = new Float64Array(radix);
    for (let d = 0; d < radix; d++) {
      const id = c.options[d]!.id;
      const score = scores !== undefined && Object.hasOwn(scores, id) ? scores[id] : undefined;
      if (typeof score !== 'number') throw new Error(`no score for clause "${c.id}" option "${id}"`);
      terms[d] = w * score;
    }
    for (let j = size - 1; j >= 0; j--) {
      const base = out[j]!;
      for (let d = radix - 1; d >= 0; d--) out[j * radix + d] = base + terms[d]!;
    }
    size *= radix;
  }
  for (let i = 0; i < out.length; i++) out[i] = finish(out[i]!, total);
  return out;
}

/** How many complete packages the clauses make: the product of their option counts (pure). */
export function packageCount(clauses: readonly ClauseSpec[]): number {
  let n = 1;
  for (const c of clauses) n *= c.options.length;
  return n;
}

/** The place value of each clause's digit in a package index (pure). */
function stridesOf(clauses: readonly ClauseSpec[]): number[] {
  const strides = new Array<number>(clauses.length);
  let s = 1;
  for (let i = clauses.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= clauses[i]!.options.length;
  }
  return strides;
}

/**
 * The index of a complete package: Σ option position × stride, the first clause most
 * significant (pure). Throws, naming the clause, if the package lacks a clause or names an
 * unknown option.
 */
export function packageIndex(clauses: readonly ClauseSpec[], pkg: Package): number {
  let index = 0;
  for (const c of clauses) {
    const option = Object.hasOwn(pkg, c.id) ? pkg[c.id] : undefined;
    if (option === undefined) throw new Error(`the package has no option for clause "${c.id}"`);
    const at = c.options.findIndex((o) => o.id === option);
    if (at < 0) throw new Error(`clause "${c.id}" has no option "${option}"`);
    index = index * c.options.length + at;
  }
  return index;
}

/** The package with a given index, 0 ≤ index < packageCount (pure). Throws outside that range. */
export function packageAt(clauses: readonly ClauseSpec[], index: number): Package {
  if (!Number.isInteger(index) || index < 0 || index >= packageCount(clauses)) throw new Error(`no package ${index}`);
  const digits = new Array<number>(clauses.length);
  let rest = index;
  for (let i = clauses.length - 1; i >= 0; i--) {
    const radix = clauses[i]!.options.length;
    digits[i] = rest % radix;
    rest = Math.floor(rest / radix);
  }
  const pkg: Package = {};
  clauses.forEach((c, i) => (pkg[c.id] = c.options[digits[i]!]!.id));
  return pkg;
}

/** Every complete package, in index order (pure): `allPackages(c)[i]` equals `packageAt(c, i)`. */
export function allPackages(clauses: readonly ClauseSpec[]): Package[] {
  const n = packageCount(clauses);
  const out = new Array<Package>(n);
  // An odometer: the last clause turns fastest, as in the index.
  const digits = new Array<number>(clauses.length).fill(0);
  for (let i = 0; i < n; i++) {
    const pkg: Package = {};
    clauses.forEach((c, k) => (pkg[c.id] = c.options[digits[k]!]!.id));
    out[i] = pkg;
    for (let k = clauses.length - 1; k >= 0; k--) {
      if (++digits[k]! < clauses[k]!.options.length) break;
      digits[k] = 0;
    }
  }
  return out;
}

/**
 * What is wrong with a package for these clauses, in one line, or null if it is complete and
 * names only known clauses and options (pure).
 */
export function packageProblem(clauses: readonly ClauseSpec[], pkg: unknown): string | null {
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg)) return 'the package is not an object of clause ids to option ids';
  const proto = Object.getPrototypeOf(pkg);
  if (proto !== Object.prototype && proto !== null) return 'the package is not a plain object';
  const known = new Set(clauses.map((c) => c.id));
  for (const key of Object.keys(pkg)) if (!known.has(key)) return `the package names an unknown clause "${key}"`;
  for (const c of clauses) {
    if (!Object.hasOwn(pkg, c.id)) return `the package has no option for clause "${c.id}"`;
    const option = (pkg as Record<string, unknown>)[c.id];
    if (typeof option !== 'string') return `the option for clause "${c.id}" is not a string`;
    if (!c.options.some((o) => o.id === option)) return `clause "${c.id}" has no option "${option}"`;
  }
  return null;
}

/**
 * The package a side values most: its best-scored option in every clause, the first in clause
 * order on a tie (pure). Utility is additive, so this is the best package overall.
 */
export function bestPackage(values: Values, clauses: readonly ClauseSpec[]): Package {
  return extremePackage(values, clauses, 1);
}

/** The package a side values least: its worst-scored option in every clause (pure). */
export function worstPackage(values: Values, clauses: readonly ClauseSpec[]): Package {
  return extremePackage(values, clauses, -1);
}

function extremePackage(values: Values, clauses: readonly ClauseSpec[], sign: 1 | -1): Package {
  const pkg: Package = {};
  for (const c of clauses) {
    let best = c.options[0]!.id;
    let bestScore = -Infinity;
    for (const o of c.options) {
      const s = sign * (values.scores[c.id]?.[o.id] ?? 0);
      if (s > bestScore) {
        bestScore = s;
        best = o.id;
      }
    }
    pkg[c.id] = best;
  }
  return pkg;
}

/** Weights scaled to sum 1, in the same key order; equal weights if they sum to 0 (pure). */
export function normaliseWeights(weights: Record<string, number>): Record<string, number> {
  const keys = Object.keys(weights);
  let total = 0;
  for (const k of keys) total += Math.max(0, weights[k]!);
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = total > 0 ? Math.max(0, weights[k]!) / total : 1 / keys.length;
  return out;
}

/** The key prefix's dice key for a clause's raw weight. */
export const weightKey = (keyPrefix: string, clause: string): string => `${keyPrefix}/w/${clause}`;
/** The key prefix's dice key for an option's score. */
export const scoreKey = (keyPrefix: string, clause: string, option: string): string => `${keyPrefix}/s/${clause}/${option}`;

/**
 * One run's hidden values, drawn inside the ranges by keyed dice (pure). Each clause's raw weight
 * is drawn by its own key `<prefix>/w/<clause>` and each option's score by `<prefix>/s/<clause>/<option>`,
 * so adding or removing a clause or an option changes no other draw. Raw weights are uniform in
 * their range, then normalised to sum 1; scores are uniform over the integers in their range
 * (a range holding no integer gives the integer nearest its middle).
 */
export function drawValues(ranges: ValueRanges, seed: string, keyPrefix: string): Values {
  const raw: Record<string, number> = {};
  for (const [clause, [min, max]] of Object.entries(ranges.weights)) raw[clause] = min + (max - min) * draw(seed, weightKey(keyPrefix, clause));
  const scores: Record<string, Record<string, number>> = {};
  for (const [clause, options] of Object.entries(ranges.scores)) {
    const out: Record<string, number> = {};
    for (const [option, [min, max]] of Object.entries(options)) {
      const lo = Math.ceil(min);
      const hi = Math.floor(max);
      out[option] = lo <= hi ? lo + Math.min(hi - lo, Math.floor((hi - lo + 1) * draw(seed, scoreKey(keyPrefix, clause, option)))) : Math.round((min + max) / 2);
    }
    scores[clause] = out;
  }
  return { weights: normaliseWeights(raw), scores };
}

/** The middle of every range, weights normalised: a side's expected values, a prior (pure). */
export function midValues(ranges: ValueRanges): Values {
  const raw: Record<string, number> = {};
  for (const [clause, [min, max]] of Object.entries(ranges.weights)) raw[clause] = (min + max) / 2;
  const scores: Record<string, Record<string, number>> = {};
  for (const [clause, options] of Object.entries(ranges.scores)) {
    scores[clause] = {};
    for (const [option, [min, max]] of Object.entries(options)) scores[clause][option] = (min + max) / 2;
  }
  return { weights: normaliseWeights(raw), scores };
}
