/**
 * What the negotiating table and the debrief show of a version 2 run, as plain data: the contract
 * clause by clause with both sides' latest offers, what the lab knows of the Department's values,
 * the probes, the Department's answer, the deadline and walk-away value; after the run, the signed
 * contract and the deal-space map with the hidden values revealed. All text is the scenario's;
 * the UI draws these and decides nothing.
 */
import { roundOf, runDealSpace, walkAways } from './agent-play.ts';
import { departmentToMove, openProbes } from './bargain.ts';
import { deadlineOf } from './deadline.ts';
import type { RunState } from './engine.ts';
import { prose } from './prose.ts';
import { indexOf, type RunContext } from './rules.ts';
import type { Scenario } from './schema.ts';
import { answerText, contractLines } from './talk-words.ts';
import { clauseSpecs, hiddenValues, spacesOf, stickingPoint, valueLeftAt, walkAwayValue } from './talks.ts';
import { holds } from './rules.ts';
import { addDays } from './rules.ts';
import type { Revealed } from './negotiation/types.ts';
import { packageIndex } from './negotiation/utility.ts';

type Level = 'standard' | 'simple';

export interface OptionRow {
  id: string;
  label: string;
  text: string;
  hypothetical: boolean;
  cites: string[];
  /** The played side's own score of this wording (0-100): known exactly. */
  own: number;
  /** What it can know of the other side's score: its range (the lab's probes narrow the Department's). */
  theirs: [number, number];
  /** Whether the played side's latest offer (ours) and the other side's (theirs) have this wording. */
  inOurs: boolean;
  inTheirs: boolean;
}

export interface ClauseRow {
  id: string;
  title: string;
  text: string;
  /** The played side's own weight of the clause (0-1, the weights sum to 1). */
  weight: number;
  options: OptionRow[];
}

/**
 * The table as the side played sees it: the lab's, or the Department's when a person plays it
 * (ctx.side). Everything "own" is that side's, everything "theirs" what it can know of the other's.
 */
export interface TalkView {
  side: 'lab' | 'department';
  /** The round of this phase (1-based) and how many it has; null away from the table. */
  round: number | null;
  rounds: number | null;
  /** The last date a move can be made at this table, and the days left until then. */
  deadline: string | null;
  daysLeft: number | null;
  clauses: ClauseRow[];
  /** The played side's latest offer (ours) and the other side's (theirs): package index and the played side's own score of it. */
  offers: { ours: { pkg: number; own: number } | null; theirs: { pkg: number; own: number } | null };
  /** The other side's last move, in the scenario's words: the Department's answer, or the lab's move this round. */
  answer: { kind: string; text: string } | null;
  /** The played side's value of no deal now (0-100): accepting less is worse than walking away. */
  walkAway: number;
  /** The lab's probes still open; `cost` is what asking moves, in words ("Trust −2"), or empty. None for the Department. */
  probes: { id: string; label: string; text: string; hypothetical: boolean; cites: string[]; cost: string }[];
  /** What the lab's probes found, in words. */
  revealed: string[];
  /** Playing the Department: the lab's story moves since the Department last answered ("beat: choice"), oldest first. */
  since: string[];
  /** Playing the Department: the scenario's card for it at the lab's beat (a tutorial's lesson), or null. */
  card: { title: string; text: string } | null;
}

/** What a probe's finding says, in words (pure). */
export function revealedText(scenario: Scenario, f: Revealed): string {
  const neg = scenario.negotiation!;
  const clause = neg.clauses.find((c) => c.id === f.clause);
  const title = clause?.title ?? f.clause;
  if (f.kind === 'weight-rank') return `${title} is the clause that matters most to the Department.`;
  if (f.kind === 'weight') return `${title} carries ${Math.round(f.min * 100)}-${Math.round(f.max * 100)}% of the Department's weight.`;
  const option = clause?.options.find((o) => o.id === f.option)?.label ?? f.option;
  return `${title}, "${option}": the Department scores it ${f.min}-${f.max} out of 100.`;
}

/** A side's score of a package (0-100), for the package builder (pure). */
export function sideScore(scenario: Scenario, seed: string, side: 'lab' | 'department', pkg: number): number {
  return Math.round(spacesOf(scenario.negotiation!, seed)[side].utils[pkg]! * 10) / 10;
}

/** The table's negotiation, for the side played: the lab, or the Department when a person plays it (pure; a version 2 run). */
export function talkView(scenario: Scenario, state: { value: string; context: RunContext }, level: Level = 'standard'): TalkView {
  const neg = scenario.negotiation!;
  const ctx = state.context;
  const talk = ctx.talk!;
  // The side played; in a pair, the side to move.
  const side = departmentToMove(ctx) ? 'department' : 'lab';
  const other = side === 'lab' ? 'department' : 'lab';
  const v = hiddenValues(neg, ctx.seed)[side];
  const index = indexOf(scenario);
  const phase = index.phases.get(ctx.phase);
  const table = phase?.table;
  const { round } = roundOf(scenario, state.value);
  const oursAt = talk.offers[side];
  const theirsAt = talk.offers[other];
  const ours = oursAt === null ? null : contractLines(scenario, oursAt);
  const theirs = theirsAt === null ? null : contractLines(scenario, theirsAt);
  // The lab's probes narrow what it knows of the Department's scores; the Department asks none.
  const known = (clause: string, option: string): [number, number] => {
    let [lo, hi] = neg.values[other].scores[clause]![option]!;
    if (side === 'lab') for (const f of talk.revealed) if (f.kind === 'score' && f.clause === clause && f.option === option) (lo = Math.max(lo, f.min)), (hi = Math.min(hi, f.max));
    return [lo, hi];
  };
  const offer = (pkg: number | null) => (pkg === null ? null : { pkg, own: sideScore(scenario, ctx.seed, side, pkg) });
  return {
    side,
    round: table ? round + 1 : null,
    rounds: table?.rounds ?? null,
    deadline: table ? addDays(scenario.start, deadlineOf(table.deadline, table.extensions, ctx)) : null,
    daysLeft: table ? Math.max(0, deadlineOf(table.deadline, table.extensions, ctx) - ctx.day) : null,
    clauses: neg.clauses.map((c, i) => ({
      id: c.id,
      title: c.title,
      text: prose(c.text, level),
      weight: v.weights[c.id]!,
      options: c.options.map((o) => ({
        id: o.id,
        label: o.label,
        text: prose(o.text, level),
        hypothetical: o.hypothetical === true,
        cites: o.cites ?? [],
        own: v.scores[c.id]![o.id]!,
        theirs: known(c.id, o.id),
        inOurs: ours?.[i]?.option === o.id,
        inTheirs: theirs?.[i]?.option === o.id,
      })),
    })),
    offers: { ours: offer(oursAt), theirs: offer(theirsAt) },
    answer: side === 'lab' ? (talk.answer ? { kind: talk.answer.kind, text: answerText(scenario, talk.answer, level) } : null) : labMoveText(scenario, ctx, level),
    walkAway: walkAwayValue(neg, side, ctx.meters, (c) => holds(c, ctx)),
    probes:
      table && side === 'lab'
        ? openProbes(index, ctx).map((p) => ({ id: p.id, label: p.label, text: prose(p.text, level), hypothetical: p.hypothetical === true, cites: p.cites ?? [], cost: probeCost(scenario, p.effects?.meters ?? {}) }))
        : [],
    revealed: side === 'lab' ? talk.revealed.map((f) => revealedText(scenario, f)) : [],
    since: side === 'department' ? labStorySince(scenario, ctx) : [],
    card: side === 'department' ? departmentCard(scenario, ctx, level) : null,
  };
}

/** The card the scenario gives a person playing the Department at the lab's current beat, or null (pure). */
function departmentCard(scenario: Scenario, ctx: RunContext, level: Level): { title: string; text: string } | null {
  const card = ctx.beat ? indexOf(scenario).beats.get(ctx.beat)?.beat.departmentCard : undefined;
  return card ? { title: card.title, text: prose(card.card, level) } : null;
}

/** The lab's story moves since the Department's last answer, as "beat title: choice label" (pure). */
function labStorySince(scenario: Scenario, ctx: RunContext): string[] {
  const beats = indexOf(scenario).beats;
  const out: string[] = [];
  for (let i = ctx.timeline.length - 1; i >= 0; i--) {
    const e = ctx.timeline[i]!;
    if (e.kind === 'answer') break;
    if (e.kind !== 'choice') continue;
    const b = beats.get(e.beat)?.beat;
    const c = b?.choices.find((x) => x.id === e.choice);
    if (b && c) out.unshift(`${b.title}: ${c.label}`);
  }
  return out;
}

/**
 * The lab's move this round as the Department reads it, in the scenario's words (departmentRole's
 * moves; version 3), or null when the scenario has none (pure). A proposal names the clause that
 * weighs most for the Department among those where the two texts differ.
 */
export function labMoveText(scenario: Scenario, ctx: RunContext, level: Level = 'standard'): { kind: string; text: string } | null {
  const words = scenario.departmentRole?.moves;
  const talk = ctx.talk;
  if (!words || !talk) return null;
  const neg = scenario.negotiation!;
  const move = talk.labMove;
  if (!move) return { kind: 'opening', text: prose(words.opening, level) };
  if (move.kind === 'probe') {
    const asked = talk.revealed.at(-1)?.probe;
    const label = neg.probes.find((p) => p.id === asked)?.label ?? 'a question';
    return { kind: 'probe', text: prose(words.probes, level).replaceAll('{probe}', label) };
  }
  if (move.kind === 'choice') {
    const last = [...ctx.timeline].reverse().find((e) => e.kind === 'choice');
    const beat = last?.kind === 'choice' ? indexOf(scenario).beats.get(last.beat) : undefined;
    const label = beat?.beat.choices.find((c) => last?.kind === 'choice' && c.id === last.choice)?.label ?? 'a step outside the room';
    return { kind: 'choice', text: prose(words.choice, level).replaceAll('{choice}', label) };
  }
  const lab = talk.offers.lab!;
  const labOffers = talk.history.filter((h) => h.by === 'lab');
  const same = labOffers.length > 1 && labOffers.at(-2)!.pkg === lab;
  const mine = talk.offers.department ?? lab;
  const clause = neg.clauses.find((c) => c.id === stickingPoint(neg, hiddenValues(neg, ctx.seed).department, mine, lab));
  const text = prose(same ? words.holds : words.proposes, level).replaceAll('{clause}', clause ? clause.title.toLowerCase() : 'the text as a whole');
  return { kind: same ? 'holds' : 'proposes', text };
}

/** What a probe's effects move, in words: "Trust −2", "Trust −2, Runway −1"; empty for none (pure). */
function probeCost(scenario: Scenario, meters: Record<string, number>): string {
  return Object.entries(meters)
    .filter(([, d]) => d !== 0)
    .map(([id, d]) => `${scenario.meters.find((m) => m.id === id)?.short ?? id} ${d > 0 ? '+' : '−'}${Math.abs(d)}`)
    .join(', ');
}

/** One point of the deal-space map: a package and both sides' utilities. */
export interface MapPoint {
  pkg: number;
  lab: number;
  department: number;
}

export interface DealMapView {
  /** Every package. */
  points: MapPoint[];
  /** The Pareto frontier, the lab's utility ascending. */
  frontier: MapPoint[];
  walkAways: { lab: number; department: number };
  /** How many packages both sides prefer to no deal. */
  zone: number;
  /** The offers exchanged, in order. */
  path: (MapPoint & { by: 'lab' | 'department'; date: string })[];
  /** The signed contract's point, or null. */
  signed: MapPoint | null;
  /** The Nash bargaining point of the zone of agreement, or null when the zone is empty. */
  nash: MapPoint | null;
  /** Value left on the table: how far the outcome lies from the frontier (utility points). */
  valueLeft: number;
  /** The same information as rows, for a screen reader or a printed page. */
  rows: { label: string; lab: number; department: number }[];
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** The deal-space map of a finished (or unfinished) run, with its hidden values revealed (pure). */
export function dealMapView(scenario: Scenario, state: Pick<RunState, 'context'>): DealMapView {
  const neg = scenario.negotiation!;
  const ctx = state.context;
  const spaces = spacesOf(neg, ctx.seed);
  const point = (pkg: number): MapPoint => ({ pkg, lab: r1(spaces.lab.utils[pkg]!), department: r1(spaces.department.utils[pkg]!) });
  const space = runDealSpace(scenario, state);
  const w = walkAways(scenario, state);
  const signed = ctx.talk!.signed ? point(packageIndex(clauseSpecs(neg), ctx.talk!.signed)) : null;
  const at = signed ? { lab: spaces.lab.utils[signed.pkg]!, department: spaces.department.utils[signed.pkg]! } : w;
  const path = ctx.talk!.history.map((h) => ({ ...point(h.pkg), by: h.by, date: addDays(scenario.start, h.day) }));
  const nash = space.nash ? point(space.nash.index) : null;
  const lastBy = (by: 'lab' | 'department') => [...path].reverse().find((p) => p.by === by);
  const rows: DealMapView['rows'] = [{ label: ctx.talk!.signed ? 'No deal (walk-away values when the contract was signed)' : 'No deal (walk-away values at the end)', lab: r1(w.lab), department: r1(w.department) }];
  const ownLast = lastBy('lab');
  const theirLast = lastBy('department');
  // "Your" is the side played: the lab's, or the Department's when a person played it.
  // Two players: neither side is "you".
  const dept = ctx.side === 'department';
  const pair = ctx.side === 'pair';
  if (ownLast) rows.push({ label: dept || pair ? 'The lab\'s last offer' : 'Your last offer', lab: ownLast.lab, department: ownLast.department });
  if (theirLast) rows.push({ label: dept ? 'Your last offer' : 'The Department\'s last offer', lab: theirLast.lab, department: theirLast.department });
  if (signed) rows.push({ label: 'The signed contract', lab: signed.lab, department: signed.department });
  if (nash) rows.push({ label: 'The Nash point (the most balanced gain over no deal)', lab: nash.lab, department: nash.department });
  return {
    points: Array.from(spaces.lab.utils, (_, i) => point(i)),
    frontier: Array.from(spaces.frontier, (i) => point(i)),
    walkAways: { lab: r1(w.lab), department: r1(w.department) },
    zone: space.zone.length,
    path,
    signed,
    nash,
    valueLeft: r1(valueLeftAt(spaces, at)),
    rows,
  };
}

/** The signed contract clause by clause, with each wording's text, or null (pure). */
export function signedContract(scenario: Scenario, ctx: RunContext, level: Level = 'standard'): { title: string; label: string; text: string }[] | null {
  const signed = ctx.talk?.signed;
  if (!signed) return null;
  const neg = scenario.negotiation!;
  return neg.clauses.map((c) => {
    const o = c.options.find((x) => x.id === signed[c.id])!;
    return { title: c.title, label: o.label, text: prose(o.text, level) };
  });
}
