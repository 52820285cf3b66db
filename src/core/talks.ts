/**
 * The bargaining at the table (scenario version 2, "the contract is the game"): each run's hidden
 * values, both sides' walk-away values, the lab's legal moves, and the Department as an agent that
 * answers every move. Pure functions over the run's plain-JSON context; the machine (machine.ts)
 * calls them from its named actions and guards.
 *
 * The Department is built from the three parts of negotiation-agent research (STYLE.md 11):
 * - bidding: a time-dependent concession curve from its latest offer down to its walk-away value,
 *   target(t) = max − (max − min) × t^(1/e), with e drawn per seed inside the scenario's range
 *   and multiplied by the scenario's `moves` while their conditions hold (events move its curve);
 * - acceptance: AC_next (the lab's offer is worth at least what it would offer next), and from
 *   `acceptAfter` on anything worth more than no deal, never below its walk-away value;
 * - an opponent model: the frequency model of the lab's offers (opponent.ts), with the lab's value
 *   ranges as its prior, so its counter-offers give the lab what the lab seems to want most.
 * Every answer carries its reason as data (`Answer`), put into words by the scenario's templates.
 */
import { draw } from './dice.ts';
import { bestIndex, makeCurve, ownSpaceOf, pickOffer, target, type OwnSpace } from './negotiation/bidding.ts';
import { learnFrom, theirUtility } from './negotiation/opponent.ts';
import { negotiationTime } from './negotiation/moves.ts';
import type { ClauseSpec, Package, Revealed, Side, ValueRanges, Values } from './negotiation/types.ts';
import { drawValues, packageAt, packageCount } from './negotiation/utility.ts';
import type { Condition, Negotiation, Probe } from './schema.ts';

/** The Department's last answer, as data: what it did and the numbers behind it (its utilities). */
export interface Answer {
  kind: 'opening' | 'accept' | 'accept-deadline' | 'counter' | 'below-walk-away' | 'renewed' | 'holds';
  /** The Department's utility of the lab's offer it answered, or null if it answered no offer. */
  offer: number | null;
  /** The utility it asks for now. */
  aim: number;
  /** Its walk-away value now. */
  walkAway: number;
  /** The clause that weighs most for it among those where the lab's offer and its own differ. */
  clause: string | null;
}

/** One offer made at the table. */
export interface Offer {
  by: Side;
  /** The package's index (utility.ts: one integer for a whole contract). */
  pkg: number;
  day: number;
  phase: string;
}

/** The negotiation's part of a run's context (version 2 scenarios only). Plain JSON. */
export interface TalkState {
  /** Each side's latest offer (package index), or null. */
  offers: { lab: number | null; department: number | null };
  /** Every offer so far, oldest first. */
  history: Offer[];
  /** What the lab's probes found about the Department's values. */
  revealed: Revealed[];
  /** The signed contract, clause id to option id (readable in saves and run files), or null. */
  signed: Package | null;
  /** Set when the lab walks away from this phase's table; cleared when a phase begins. */
  walked: boolean;
  answer: Answer | null;
  /**
   * Playing the Department only (absent otherwise): the lab's move this round, once made, until
   * the Department answers it (its kind, and the beat on the table when it was made)…
   */
  labMove?: { kind: 'choice' | 'probe' | 'propose'; beat: string | null } | null;
  /** …and the Department's moves so far, as the record stores them. */
  decisions?: string[];
}

/** A run's hidden values: both sides' values and the Department's base concession exponent. */
export interface HiddenValues {
  lab: Values;
  department: Values;
  /** The Department's concession exponent before events move it (0.2: Boulware; 2: Conceder). */
  e: number;
}

/** The clauses as the negotiation library sees them (ids only). */
export function clauseSpecs(neg: Negotiation): ClauseSpec[] {
  const cached = specs.get(neg);
  if (cached) return cached;
  const out = neg.clauses.map((c) => ({ id: c.id, options: c.options.map((o) => ({ id: o.id })) }));
  specs.set(neg, out);
  return out;
}
const specs = new WeakMap<Negotiation, ClauseSpec[]>();

/** Dice key prefixes of the hidden values. */
export const VALUE_KEYS = { lab: 'v/lab', department: 'v/department', e: 'v/department/e' } as const;

// A fold plays one seed move after move, so one remembered seed per scenario saves redrawing.
const hidden = new WeakMap<Negotiation, { seed: string; values: HiddenValues }>();

/** The run's hidden values, drawn by keyed dice inside the scenario's ranges (pure; memoised). */
export function hiddenValues(neg: Negotiation, seed: string): HiddenValues {
  const hit = hidden.get(neg);
  if (hit && hit.seed === seed) return hit.values;
  const [lo, hi] = neg.department.concession;
  const values: HiddenValues = {
    lab: inClauseOrder(neg, drawValues(neg.values.lab as ValueRanges, seed, VALUE_KEYS.lab)),
    department: inClauseOrder(neg, drawValues(neg.values.department as ValueRanges, seed, VALUE_KEYS.department)),
    e: (lo + (hi - lo) * draw(seed, VALUE_KEYS.e)) / 100,
  };
  hidden.set(neg, { seed, values });
  return values;
}

/** Values with their weights keyed in clause order, as the scenario lists the clauses (pure). */
function inClauseOrder(neg: Negotiation, v: Values): Values {
  const weights: Record<string, number> = {};
  const scores: Record<string, Record<string, number>> = {};
  for (const c of neg.clauses) {
    weights[c.id] = v.weights[c.id]!;
    scores[c.id] = v.scores[c.id]!;
  }
  return { weights, scores };
}

/** What a side's walk-away formula reads: meters, and conditions over the state. */
export type ConditionTest = (c: Condition) => boolean;

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** A side's walk-away value (its BATNA) in this state, 0-100 (pure). */
export function walkAwayValue(neg: Negotiation, side: Side, meters: Record<string, number>, holds: ConditionTest): number {
  const w = neg.walkAway[side];
  let v = w.base;
  for (const [id, per] of Object.entries(w.meters ?? {})) v += per * ((meters[id] ?? 50) - 50);
  for (const a of w.add ?? []) if (holds(a.when)) v += a.value;
  return round2(clamp(v, 0, 100));
}

/** The Department's concession exponent in this state: the drawn e times every move that holds (pure). */
export function concessionOf(neg: Negotiation, values: HiddenValues, holds: ConditionTest): number {
  let e = values.e;
  for (const m of neg.department.moves ?? []) if (holds(m.when)) e *= m.factor;
  return e;
}

/** The empty talk state a version 2 run starts with. */
export function emptyTalk(): TalkState {
  return { offers: { lab: null, department: null }, history: [], revealed: [], signed: null, walked: false, answer: null };
}

/** The lab's own best package (its ideal), by index (pure). */
export function bestFor(space: OwnSpace): number {
  return bestIndex(space);
}

/** Both sides' view of the whole space for one run, and its Pareto frontier. */
export interface RunSpaces {
  lab: OwnSpace;
  department: OwnSpace;
  /** The Pareto frontier as package indexes, the lab's utility ascending (dealspace.ts's order); built on first use. */
  readonly frontier: Int32Array;
}
const runSpaces = new WeakMap<Negotiation, { seed: string; spaces: RunSpaces }>();

/** Each side's view of the whole space for this run, and its frontier (pure; memoised per seed). */
export function spacesOf(neg: Negotiation, seed: string): RunSpaces {
  const hit = runSpaces.get(neg);
  if (hit && hit.seed === seed) return hit.spaces;
  const v = hiddenValues(neg, seed);
  const clauses = clauseSpecs(neg);
  const lab = ownSpaceOf(v.lab, clauses);
  const department = ownSpaceOf(v.department, clauses);
  let frontier: Int32Array | null = null;
  const spaces: RunSpaces = {
    lab,
    department,
    get frontier() {
      return (frontier ??= frontierOf(lab, department.utils));
    },
  };
  runSpaces.set(neg, { seed, spaces });
  return spaces;
}

/**
 * The Pareto frontier from the lab's sorted space and the Department's utilities (pure): the same
 * packages as `paretoFrontier` of dealspace.ts, in its order (lab ascending, then index), in
 * linear time after the lab's sort. Sweeping from the lab's best down, a group of equal lab
 * utilities keeps its packages with the group's top Department utility if that beats every
 * package with a higher lab utility.
 */
export function frontierOf(lab: OwnSpace, department: Float64Array): Int32Array {
  const { utils, order } = lab;
  const kept: number[] = [];
  let bestAbove = -Infinity;
  for (let end = order.length; end > 0; ) {
    const u = utils[order[end - 1]!]!;
    let start = end - 1;
    while (start > 0 && utils[order[start - 1]!]! === u) start--;
    let top = -Infinity;
    for (let k = start; k < end; k++) top = Math.max(top, department[order[k]!]!);
    if (top > bestAbove) {
      // Within a group `order` is by index ascending; the group is prepended as a block.
      const group: number[] = [];
      for (let k = start; k < end; k++) if (department[order[k]!]! === top) group.push(order[k]!);
      kept.unshift(...group);
      bestAbove = top;
    }
    end = start;
  }
  return Int32Array.from(kept);
}

/**
 * Value left on the table by an outcome at this point (dealspace.ts's `valueLeft`) (pure): the
 * largest joint gain of a package both sides like at least as well. The best such package is on
 * the frontier (a package that dominates another gains at least as much, floating-point addition
 * being monotone), so one pass over every package gives the frontier's answer, bit for bit,
 * without building the frontier.
 */
export function valueLeftAt(spaces: Pick<RunSpaces, 'lab' | 'department'>, at: { lab: number; department: number }): number {
  const lab = spaces.lab.utils;
  const department = spaces.department.utils;
  let best = 0;
  for (let i = 0; i < lab.length; i++) {
    const l = lab[i]!;
    const d = department[i]!;
    if (l < at.lab || d < at.department) continue;
    const gain = l - at.lab + (d - at.department);
    if (gain > best) best = gain;
  }
  return best;
}

/** Where the Department's clock stands in a round of a phase: 0 in its first round, 1 in its last. */
export function timeAt(round: number, rounds: number): number {
  return negotiationTime(round - 1, rounds - round + 1);
}

/** What the Department decides when it answers, before it is written into the context. */
export interface Decision {
  accept: boolean;
  /** Its offer now (package index): the lab's offer if it accepts, else its counter-offer. */
  offer: number;
  answer: Answer;
}

/**
 * The Department's answer (pure). `labOffer` is the lab's package index when the lab has just
 * proposed, else null (the Department then renews its own offer as its clock moves on).
 */
export function departmentAnswer(
  neg: Negotiation,
  seed: string,
  talk: TalkState,
  state: { meters: Record<string, number>; holds: ConditionTest; round: number; rounds: number; phase: string },
  labOffer: number | null,
): Decision {
  const values = hiddenValues(neg, seed);
  const clauses = clauseSpecs(neg);
  const space = ownSpaceOf(values.department, clauses);
  const walkAway = walkAwayValue(neg, 'department', state.meters, state.holds);
  const t = timeAt(state.round, state.rounds);
  // It never goes back on a concession: the curve starts from its latest offer.
  const top = talk.offers.department === null ? space.max : space.utils[talk.offers.department]!;
  const curve = makeCurve(top, walkAway, concessionOf(neg, values, state.holds));
  const aim = round2(Math.max(walkAway, target(curve, t)));
  const model = learnFrom(clauses, labHistory(clauses, talk), 'department');
  const theirs = theirUtility(model, clauses, { prior: neg.values.lab as ValueRanges });
  const next = pickOffer(space, aim, { theirs, band: 3 });
  const nextU = space.utils[next]!;
  if (labOffer === null) {
    const kind = talk.offers.department === null ? 'opening' : talk.offers.department === next ? 'holds' : 'renewed';
    return { accept: false, offer: next, answer: { kind, offer: null, aim: round2(nextU), walkAway, clause: null } };
  }
  const offerU = round2(space.utils[labOffer]!);
  const clause = stickingPoint(neg, values.department, labOffer, next);
  if (offerU >= walkAway && offerU >= nextU) return { accept: true, offer: labOffer, answer: { kind: 'accept', offer: offerU, aim: round2(nextU), walkAway, clause: null } };
  if (offerU >= walkAway && t >= neg.department.acceptAfter)
    return { accept: true, offer: labOffer, answer: { kind: 'accept-deadline', offer: offerU, aim: round2(nextU), walkAway, clause: null } };
  const kind = offerU < walkAway ? 'below-walk-away' : 'counter';
  return { accept: false, offer: next, answer: { kind, offer: offerU, aim: round2(nextU), walkAway, clause } };
}

/** The lab's offers as packages, for the opponent model. */
function labHistory(clauses: ClauseSpec[], talk: TalkState): { by: Side; package: Package }[] {
  const out: { by: Side; package: Package }[] = [];
  for (const h of talk.history) if (h.by === 'lab') out.push({ by: 'lab', package: packageAt(clauses, h.pkg) });
  return out;
}

/** The clause weighing most for the Department among those where two packages differ, or null. */
export function stickingPoint(neg: Negotiation, values: Values, a: number, b: number): string | null {
  const clauses = clauseSpecs(neg);
  const pa = packageAt(clauses, a);
  const pb = packageAt(clauses, b);
  let best: string | null = null;
  let bestW = -1;
  for (const c of clauses) {
    if (pa[c.id] === pb[c.id]) continue;
    const w = values.weights[c.id] ?? 0;
    if (w > bestW) (best = c.id), (bestW = w);
  }
  return best;
}

/** What a probe finds about the Department's values (pure). */
export function probeFinds(neg: Negotiation, seed: string, probe: Probe): Revealed[] {
  const values = hiddenValues(neg, seed).department;
  const r = probe.reveals;
  if ('top' in r) {
    const ids = neg.clauses.map((c) => c.id);
    const top = ids.slice().sort((a, b) => values.weights[b]! - values.weights[a]! || ids.indexOf(a) - ids.indexOf(b))[0]!;
    return [{ kind: 'weight-rank', clause: top, rank: 1, probe: probe.id }];
  }
  if ('weight' in r) {
    const w = values.weights[r.weight]!;
    return [{ kind: 'weight', clause: r.weight, min: round2(clamp(w - 0.05, 0, 1)), max: round2(clamp(w + 0.05, 0, 1)), probe: probe.id }];
  }
  const clause = neg.clauses.find((c) => c.id === r.scores)!;
  return clause.options.map((o) => {
    const s = values.scores[clause.id]![o.id]!;
    return { kind: 'score' as const, clause: clause.id, option: o.id, min: clamp(s - 5, 0, 100), max: clamp(s + 5, 0, 100), probe: probe.id };
  });
}

// ---- moves as tokens: how a record stores them ----

/** The token of a proposal: one digit per clause, the option's position (pure). */
export function proposeToken(clauses: readonly ClauseSpec[], index: number): string {
  let rest = index;
  const digits = new Array<number>(clauses.length);
  for (let i = clauses.length - 1; i >= 0; i--) {
    const radix = clauses[i]!.options.length;
    digits[i] = rest % radix;
    rest = Math.floor(rest / radix);
  }
  return `propose:${digits.join('')}`;
}

/** The package index of a proposal token, or a message saying what is wrong with it (pure). */
export function parseProposal(clauses: readonly ClauseSpec[], token: string): number | string {
  const digits = token.slice('propose:'.length);
  if (!/^[0-9]+$/.test(digits) || digits.length !== clauses.length)
    return `"${token}" is not a proposal: it needs one digit per clause (${clauses.length}), each the option's position`;
  let index = 0;
  for (let i = 0; i < clauses.length; i++) {
    const d = Number(digits[i]);
    const c = clauses[i]!;
    if (d >= c.options.length) return `"${token}": clause "${c.id}" has ${c.options.length} options, so its digit is 0-${c.options.length - 1}, not ${d}`;
    index = index * c.options.length + d;
  }
  return index;
}

/** Whether an index is a package of these clauses. */
export function isPackage(clauses: readonly ClauseSpec[], index: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < packageCount(clauses);
}

