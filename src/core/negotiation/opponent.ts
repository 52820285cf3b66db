/**
 * A frequency opponent model: what one side can infer of the other's values from the other's
 * offers alone (in the style of the frequency models of GENIUS agents such as HardHeaded), plus
 * what probes revealed.
 *
 * - Scores: an option the other side offers often is one they like. Its score is
 *   100 × (1 + count) / (1 + the clause's top count), so their favourite in a clause scores 100.
 * - Weights: a clause they rarely change between consecutive offers is one they care about. Its
 *   raw weight is 1 + 4 × (times kept ÷ consecutive pairs), normalised.
 * - Both are blended with a prior (the middle of the other side's ranges if known, else equal
 *   weights and scores of 50) that counts as `PRIOR_OFFERS` offers, clamped into the known
 *   ranges, and then pinned or narrowed by revealed facts.
 *
 * The model's state is plain JSON and changes only through `observe`.
 */
import type { ClauseSpec, Package, Revealed, Side, ValueRanges, Values } from './types.ts';
import { indexUtility, midValues, normaliseWeights } from './utility.ts';

/** What has been learned from the other side's offers: plain JSON. */
export interface OpponentModel {
  /** How many offers were observed. */
  offers: number;
  /** How often each option of each clause appeared in their offers. */
  counts: Record<string, Record<string, number>>;
  /** For each clause, how many times an offer kept the option of the offer before it. */
  kept: Record<string, number>;
  /** Their latest offer, or null. */
  last: Package | null;
}

/** How many offers' worth of evidence the prior counts as. */
export const PRIOR_OFFERS = 2;

/** An empty model for these clauses (pure). */
export function createModel(clauses: readonly ClauseSpec[]): OpponentModel {
  const counts: Record<string, Record<string, number>> = {};
  const kept: Record<string, number> = {};
  for (const c of clauses) {
    counts[c.id] = {};
    for (const o of c.options) counts[c.id]![o.id] = 0;
    kept[c.id] = 0;
  }
  return { offers: 0, counts, kept, last: null };
}

/**
 * The model after seeing one more offer of theirs (pure: returns a new model). Clauses and
 * options the model does not know are ignored.
 */
export function observe(model: OpponentModel, offer: Package): OpponentModel {
  const counts: Record<string, Record<string, number>> = {};
  const kept: Record<string, number> = {};
  for (const clause of Object.keys(model.counts)) {
    const row = { ...model.counts[clause]! };
    const option = Object.hasOwn(offer, clause) ? offer[clause] : undefined;
    if (option !== undefined && Object.hasOwn(row, option)) row[option] = row[option]! + 1;
    counts[clause] = row;
    const same = model.last !== null && option !== undefined && model.last[clause] === option;
    kept[clause] = (model.kept[clause] ?? 0) + (same ? 1 : 0);
  }
  const last: Package = {};
  for (const clause of Object.keys(model.counts)) if (Object.hasOwn(offer, clause)) last[clause] = offer[clause]!;
  return { offers: model.offers + 1, counts, kept, last };
}

/** The model learned from every offer `side`'s opponent made in a history, in order (pure). */
export function learnFrom(clauses: readonly ClauseSpec[], history: readonly { by: Side; package: Package }[], side: Side): OpponentModel {
  let model = createModel(clauses);
  for (const h of history) if (h.by !== side) model = observe(model, h.package);
  return model;
}

/** What an estimate may use besides the offers. */
export interface EstimateOptions {
  /** Facts found by probes. */
  revealed?: readonly Revealed[];
  /** The ranges the other side's values are drawn from, if known. */
  prior?: ValueRanges;
}

const clamp = (x: number, min: number, max: number): number => Math.min(max, Math.max(min, x));

/** The estimated values of the other side: weights summing to 1, scores 0-100 (pure). */
export function estimate(model: OpponentModel, clauses: readonly ClauseSpec[], options: EstimateOptions = {}): Values {
  const { revealed = [], prior } = options;
  const mid = prior ? midValues(prior) : null;
  const n = model.offers;
  const k = PRIOR_OFFERS;

  const scores: Record<string, Record<string, number>> = {};
  for (const c of clauses) {
    const counts = model.counts[c.id] ?? {};
    let top = 0;
    for (const o of c.options) top = Math.max(top, counts[o.id] ?? 0);
    const row: Record<string, number> = {};
    for (const o of c.options) {
      const p = mid?.scores[c.id]?.[o.id] ?? 50;
      const freq = (100 * (1 + (counts[o.id] ?? 0))) / (1 + top);
      let s = (k * p + n * freq) / (k + n);
      const range = prior?.scores[c.id]?.[o.id];
      if (range) s = clamp(s, range[0], range[1]);
      row[o.id] = s;
    }
    scores[c.id] = row;
  }
  for (const f of revealed) {
    if (f.kind !== 'score') continue;
    const row = scores[f.clause];
    if (row && Object.hasOwn(row, f.option)) row[f.option] = clamp(row[f.option]!, Math.min(f.min, f.max), Math.max(f.min, f.max));
  }

  const pairs = Math.max(0, n - 1);
  const stable: Record<string, number> = {};
  for (const c of clauses) stable[c.id] = 1 + 4 * (pairs > 0 ? (model.kept[c.id] ?? 0) / pairs : 0);
  const fromOffers = normaliseWeights(stable);
  const raw: Record<string, number> = {};
  for (const c of clauses) {
    const p = mid?.weights[c.id] ?? 1 / clauses.length;
    raw[c.id] = (k * p + pairs * fromOffers[c.id]!) / (k + pairs);
  }
  const weights = applyWeightFacts(normaliseWeights(raw), clauses, revealed);
  return { weights, scores };
}

/**
 * Weights after the revealed facts (pure): revealed ranks first (each ranked clause takes the
 * estimate's weight of that rank; the others keep their order in the remaining ranks), then
 * revealed bands (each banded clause is clamped into its band and the other clauses share the
 * rest in proportion). If the bands leave nothing consistent, the weights are just normalised.
 */
export function applyWeightFacts(weights: Record<string, number>, clauses: readonly ClauseSpec[], revealed: readonly Revealed[]): Record<string, number> {
  const ids = clauses.map((c) => c.id);
  let w: Record<string, number> = { ...weights };

  const ranks = revealed.filter((f): f is Extract<Revealed, { kind: 'weight-rank' }> => f.kind === 'weight-rank');
  if (ranks.length > 0) {
    const slots = new Array<string | undefined>(ids.length);
    const placed = new Set<string>();
    for (const f of ranks) {
      const at = Math.round(f.rank) - 1;
      if (!ids.includes(f.clause) || placed.has(f.clause) || at < 0 || at >= ids.length || slots[at] !== undefined) continue;
      slots[at] = f.clause;
      placed.add(f.clause);
    }
    const byWeight = (a: string, b: string) => w[b]! - w[a]! || ids.indexOf(a) - ids.indexOf(b);
    const values = ids.map((id) => w[id]!).sort((a, b) => b - a);
    const rest = ids.filter((id) => !placed.has(id)).sort(byWeight);
    for (let i = 0; i < slots.length; i++) if (slots[i] === undefined) slots[i] = rest.shift();
    const next: Record<string, number> = {};
    for (const id of ids) next[id] = 0;
    slots.forEach((id, i) => (next[id!] = values[i]!));
    w = next;
  }

  const bands = new Map<string, [number, number]>();
  for (const f of revealed) {
    if (f.kind !== 'weight' || !ids.includes(f.clause)) continue;
    const lo = clamp(Math.min(f.min, f.max), 0, 1);
    const hi = clamp(Math.max(f.min, f.max), 0, 1);
    const had = bands.get(f.clause);
    // Several bands for one clause: their intersection, or the latest if they do not meet.
    bands.set(f.clause, had && Math.max(had[0], lo) <= Math.min(had[1], hi) ? [Math.max(had[0], lo), Math.min(had[1], hi)] : [lo, hi]);
  }
  if (bands.size > 0) {
    let pinnedSum = 0;
    for (const [id, [lo, hi]] of bands) {
      w[id] = clamp(w[id]!, lo, hi);
      pinnedSum += w[id]!;
    }
    const free = ids.filter((id) => !bands.has(id));
    const freeSum = free.reduce((s, id) => s + w[id]!, 0);
    const rest = 1 - pinnedSum;
    if (free.length > 0 && freeSum > 0 && rest >= 0) for (const id of free) w[id] = (w[id]! / freeSum) * rest;
    else return normaliseWeights(w);
  }
  return w;
}

/**
 * The other side's estimated utility as a function of a package index (pure): the estimate of
 * `estimate`, ready for `pickOffer`.
 */
export function theirUtility(model: OpponentModel, clauses: readonly ClauseSpec[], options: EstimateOptions = {}): (index: number) => number {
  return indexUtility(estimate(model, clauses, options), clauses);
}
