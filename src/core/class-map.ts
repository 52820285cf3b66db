/**
 * The class on the deal map (version 2 class results): every counted run's outcome as a point in
 * the deal space, value left on the table per run and for the class, how widely the deals spread,
 * and which wording of each clause the class signed. Pairs facing the same facts reach very
 * different deals; this is the view that shows it (pure).
 *
 * Axes. When every run was played with one seed, the runs faced the same hidden values, so a
 * point is the two sides' utilities (0-100) and the map can show every possible contract and the
 * Pareto frontier behind them. When the seeds differ, utilities of different runs are not on one
 * scale, so each is normalised within its own run: 0 is the worst contract for that side under
 * that run's hidden values and 100 its best. Value left on the table is always in its own run's
 * utility points.
 */
import type { ClassEntry } from './results.ts';
import type { Scenario } from './schema.ts';
import { clauseSpecs, spacesOf } from './talks.ts';
import { packageIndex } from './negotiation/utility.ts';
import type { Package } from './negotiation/types.ts';

export interface ClassMapEntry {
  /** The entry's number in the class results. */
  n: number;
  source: string;
  label: string;
  seed: string;
  /** The side the run played. */
  side: 'lab' | 'department' | 'pair';
  ending: string;
  endingTitle: string;
  /** The signed contract, or null when the run ended with no deal (then the point is the walk-away values). */
  deal: Package | null;
  /** Each side's utility of the outcome, in its run's points (one decimal). */
  lab: number;
  department: number;
  /** Where the point is drawn: the utilities themselves (one seed), or normalised 0-100 (several seeds). */
  x: number;
  y: number;
  valueLeft: number;
}

export interface Spread {
  min: number;
  max: number;
  mean: number;
}

export interface ClassDealMap {
  /** 'one-seed': utilities on one scale; 'normalised': each run within its own range (see the module comment). */
  mode: 'one-seed' | 'normalised';
  /** The seeds the counted runs used, in the order first seen. */
  seeds: string[];
  /** With one seed: every possible contract and the Pareto frontier (lab ascending), as utilities. */
  space: { points: { lab: number; department: number }[]; frontier: { lab: number; department: number }[] } | null;
  /** The finished runs, in the order handed in. */
  entries: ClassMapEntry[];
  /** Counted runs that did not reach an ending (not on the map). */
  unfinished: number;
  /** Value left on the table over the finished runs: the class's total, mean and median, the least and the most. */
  valueLeft: { total: number; mean: number; median: number; min: number; max: number } | null;
  /** How far apart the outcomes lie, on the map's axes, over the runs that signed. */
  spread: { deals: number; noDeal: number; distinct: number; x: Spread | null; y: Spread | null };
  /** Each clause and how many signed contracts chose each of its wordings. */
  clauses: { id: string; title: string; options: { id: string; label: string; count: number }[] }[];
  /** The contract signed most often (ties: the first signed), and how many signed it; null with no deal. */
  common: { deal: Package; count: number } | null;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

function spreadOf(xs: number[]): Spread | null {
  if (!xs.length) return null;
  return { min: r1(Math.min(...xs)), max: r1(Math.max(...xs)), mean: r1(xs.reduce((a, b) => a + b, 0) / xs.length) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The class's deal map from its counted entries (pure). Entries without an outcome (unfinished,
 * or of a scenario with no negotiation) are counted as unfinished and left off the map.
 */
export function classDealMap(scenario: Scenario, entries: readonly ClassEntry[]): ClassDealMap | null {
  const neg = scenario.negotiation;
  if (!neg) return null;
  const clauses = clauseSpecs(neg);
  const finished = entries.filter((e) => e.outcome !== undefined && e.ending !== null);
  const seeds = [...new Set(entries.map((e) => e.record.seed))];
  const finishedSeeds = new Set(finished.map((e) => e.record.seed));
  const mode: ClassDealMap['mode'] = finishedSeeds.size <= 1 ? 'one-seed' : 'normalised';

  const points: ClassMapEntry[] = finished.map((e) => {
    const o = e.outcome!;
    const s = spacesOf(neg, e.record.seed);
    // A deal's utilities unrounded (the outcome's are rounded to two decimals); no deal: the walk-away values.
    const at = o.deal ? packageIndex(clauses, o.deal) : -1;
    const lab = at >= 0 ? s.lab.utils[at]! : o.utilities.lab;
    const department = at >= 0 ? s.department.utils[at]! : o.utilities.department;
    let x = lab;
    let y = department;
    if (mode === 'normalised') {
      const norm = (u: number, lo: number, hi: number) => (hi > lo ? (100 * (u - lo)) / (hi - lo) : 50);
      x = norm(x, s.lab.min, s.lab.max);
      y = norm(y, s.department.min, s.department.max);
    }
    return {
      n: e.n,
      source: e.source,
      label: e.label,
      seed: e.record.seed,
      side: e.side,
      ending: e.ending!,
      endingTitle: e.endingTitle,
      deal: o.deal,
      lab: r1(lab),
      department: r1(department),
      x: r1(x),
      y: r1(y),
      valueLeft: r1(o.valueLeft),
    };
  });

  let space: ClassDealMap['space'] = null;
  const only = [...finishedSeeds][0];
  if (mode === 'one-seed' && only !== undefined) {
    const s = spacesOf(neg, only);
    space = {
      points: Array.from(s.lab.utils, (u, i) => ({ lab: r1(u), department: r1(s.department.utils[i]!) })),
      frontier: Array.from(s.frontier, (i) => ({ lab: r1(s.lab.utils[i]!), department: r1(s.department.utils[i]!) })),
    };
  }

  const left = points.map((p) => p.valueLeft);
  const deals = points.filter((p) => p.deal !== null);
  const counts = new Map<number, { deal: Package; count: number }>();
  for (const p of deals) {
    const k = packageIndex(clauses, p.deal!);
    const c = counts.get(k) ?? { deal: p.deal!, count: 0 };
    c.count++;
    counts.set(k, c);
  }
  let common: ClassDealMap['common'] = null;
  for (const c of counts.values()) if (common === null || c.count > common.count) common = c;

  return {
    mode,
    seeds,
    space,
    entries: points,
    unfinished: entries.length - finished.length,
    valueLeft: left.length
      ? { total: r1(left.reduce((a, b) => a + b, 0)), mean: r1(left.reduce((a, b) => a + b, 0) / left.length), median: r1(median(left)), min: r1(Math.min(...left)), max: r1(Math.max(...left)) }
      : null,
    spread: { deals: deals.length, noDeal: points.length - deals.length, distinct: counts.size, x: spreadOf(deals.map((p) => p.x)), y: spreadOf(deals.map((p) => p.y)) },
    clauses: neg.clauses.map((c) => ({ id: c.id, title: c.title, options: c.options.map((o) => ({ id: o.id, label: o.label, count: deals.filter((p) => p.deal![c.id] === o.id).length })) })),
    common: common && { deal: common.deal, count: common.count },
  };
}

/** The class map's axes in words, for the screen and the CSV's notes (pure). */
export function axesText(map: Pick<ClassDealMap, 'mode' | 'seeds'>): string {
  return map.mode === 'one-seed'
    ? 'Every run faced the same hidden values, so each point is both sides\' real values (0-100) of how the run ended.'
    : `The runs used ${map.seeds.length} different seeds, so each point is normalised within its own run: 0 is the worst contract for that side under that run's hidden values, 100 its best.`;
}
