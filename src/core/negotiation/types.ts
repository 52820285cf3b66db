/**
 * The negotiation's data: clauses and their options, packages, each side's private values, what
 * probes reveal, and the view and moves of an agent. Everything here is plain JSON, so it can sit
 * in a run's context, cross a worker boundary or be handed to a user's agent as is.
 */

/** The two parties. The model is symmetric: a human or an agent can play either. */
export type Side = 'lab' | 'department';

/** Both sides, in a fixed order. */
export const SIDES: readonly Side[] = ['lab', 'department'];

/** The other party (pure). */
export function otherSide(side: Side): Side {
  return side === 'lab' ? 'department' : 'lab';
}

/** One wording of a clause. */
export interface OptionSpec {
  id: string;
}

/** A clause (an issue) and its options, in the scenario's order. */
export interface ClauseSpec {
  id: string;
  options: OptionSpec[];
}

/**
 * A complete contract: one option id per clause id. A package is also a compact integer, its
 * mixed-radix index (see `packageIndex` in utility.ts).
 */
export type Package = Record<string, string>;

/**
 * One side's private, additive values: a weight per clause (summing to 1; `utility` divides by
 * the total if they do not) and a score per option, 0-100. The utility of a package is
 * Σ weight × score, 0-100.
 */
export interface Values {
  weights: Record<string, number>;
  scores: Record<string, Record<string, number>>;
}

/** A closed interval [min, max]. */
export type Range = [number, number];

/**
 * The ranges a side's hidden values are drawn from. Weight ranges are for the raw weights, which
 * are normalised to sum 1 after drawing; score ranges are on the 0-100 scale.
 */
export interface ValueRanges {
  weights: Record<string, Range>;
  scores: Record<string, Record<string, Range>>;
}

/** Both sides' utilities for one thing (a package, the walk-away values, a deal). */
export interface Point {
  lab: number;
  department: number;
}

/**
 * A fact about the other side's values, found by a probe. `probe` names the probe that found it,
 * so an agent can tell which probes it has already spent.
 *
 * - `weight-rank`: the clause is the `rank`-th most important to them (1 = the most important).
 * - `weight`: their normalised weight for the clause (0-1) lies in [min, max] (min = max pins it).
 * - `score`: their score for the option (0-100) lies in [min, max] (min = max pins it).
 */
export type Revealed =
  | { kind: 'weight-rank'; clause: string; rank: number; probe?: string }
  | { kind: 'weight'; clause: string; min: number; max: number; probe?: string }
  | { kind: 'score'; clause: string; option: string; min: number; max: number; probe?: string };

/** Make an offer: a complete package. */
export interface ProposeMove {
  kind: 'propose';
  package: Package;
  reason?: string;
}
/** Accept the other side's offer on the table. */
export interface AcceptMove {
  kind: 'accept';
  reason?: string;
}
/** End the talks with no deal. */
export interface WalkAwayMove {
  kind: 'walk-away';
  reason?: string;
}
/** One of the story's moves (a beat's choice). `label` is for display only. */
export interface ChoiceMove {
  kind: 'choice';
  id: string;
  label?: string;
  reason?: string;
}
/** Ask something that reveals part of the other side's values. `label` is for display only. */
export interface ProbeMove {
  kind: 'probe';
  id: string;
  label?: string;
  reason?: string;
}

/**
 * A move. `reason` is optional plain words an agent may give for its move (the Department says
 * why it answers as it does); it never changes what the move does.
 */
export type Move = ProposeMove | AcceptMove | WalkAwayMove | ChoiceMove | ProbeMove;

/** The kinds of move. */
export const MOVE_KINDS: readonly Move['kind'][] = ['accept', 'walk-away', 'choice', 'probe', 'propose'];
export type MoveKind = Move['kind'];

/** One offer made so far, by either side, oldest first. */
export interface HistoryEntry {
  by: Side;
  package: Package;
}

/**
 * What one side may know when it is its turn: plain JSON, never the other side's hidden values.
 *
 * - `round`: rounds already played in the current phase (0 at its first round).
 * - `roundsLeft`: rounds left in the phase, counting the current one (1 in the last round).
 *   Negotiation time is `round / (round + roundsLeft - 1)`: 0 in the first round, 1 in the last
 *   (see `negotiationTime` in moves.ts).
 * - `values`: this side's own weights and scores, exactly.
 * - `walkAway`: this side's utility with no deal (its BATNA), 0-100.
 * - `offers`: the latest offer of each side (`ours`, `theirs`), or null.
 * - `history`: every offer made so far in this negotiation, by both sides, oldest first. It is
 *   how an agent remembers: agents keep no state of their own between turns.
 * - `revealed`: what this side's probes found about the other side's values.
 * - `theirRanges`: optional; the ranges the other side's values are drawn from, as far as this
 *   side knows them (a prior for its opponent model).
 * - `seed`: the text an agent keys its dice with (`draw(seed, key)`).
 * - `moves`: the legal moves now. Each may be returned as is; a `propose` move's package may be
 *   replaced with any complete package.
 */
export interface AgentView {
  side: Side;
  phase: string;
  day: number;
  round: number;
  roundsLeft: number;
  meters: Record<string, number>;
  clauses: ClauseSpec[];
  values: Values;
  walkAway: number;
  offers: { ours: Package | null; theirs: Package | null };
  history: HistoryEntry[];
  revealed: Revealed[];
  theirRanges?: ValueRanges;
  seed: string;
  moves: Move[];
}

/** An agent: a name and a function from a view to one of its legal moves. It must be pure. */
export interface Agent {
  name: string;
  choose(view: AgentView): Move;
}
