/**
 * What the negotiating table and the debrief show of a version 2 run, as plain data: the contract
 * clause by clause with both sides' latest offers, what the lab knows of the Department's values,
 * the probes, the Department's answer, the deadline and walk-away value; after the run, the signed
 * contract and the deal-space map with the hidden values revealed. All text is the scenario's;
 * the UI draws these and decides nothing.
 */
import { roundOf, runDealSpace, walkAways } from './agent-play.ts';
import { openProbes } from './bargain.ts';
import { deadlineOf } from './deadline.ts';
import type { RunState } from './engine.ts';
import { prose } from './prose.ts';
import { indexOf, type RunContext } from './rules.ts';
import type { Scenario } from './schema.ts';
import { answerText, contractLines } from './talk-words.ts';
import { clauseSpecs, hiddenValues, spacesOf, valueLeftAt, walkAwayValue } from './talks.ts';
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
  /** The lab's own score of this wording (0-100): known exactly. */
  own: number;
  /** What the lab can know of the Department's score: its range, narrowed by probes. */
  theirs: [number, number];
  /** Whether each side's latest offer has this wording. */
  inLab: boolean;
  inDepartment: boolean;
}

export interface ClauseRow {
  id: string;
  title: string;
  text: string;
  /** The lab's own weight of the clause (0-1, the weights sum to 1). */
  weight: number;
  options: OptionRow[];
}

export interface TalkView {
  /** The round of this phase (1-based) and how many it has; null away from the table. */
  round: number | null;
  rounds: number | null;
  /** The last date a move can be made at this table, and the days left until then. */
  deadline: string | null;
  daysLeft: number | null;
  clauses: ClauseRow[];
  /** Each side's latest offer (package index) and the lab's own score of it. */
  offers: { lab: { pkg: number; own: number } | null; department: { pkg: number; own: number } | null };
  /** The Department's last answer, in the scenario's words. */
  answer: { kind: string; text: string } | null;
  /** The lab's value of no deal now (0-100): accepting less is worse than walking away. */
  walkAway: number;
  /** The probes still open; `cost` is what asking moves, in words ("Trust −2"), or empty. */
  probes: { id: string; label: string; text: string; hypothetical: boolean; cites: string[]; cost: string }[];
  /** What the lab's probes found, in words. */
  revealed: string[];
}

/** The lab's score of a package (0-100), for the package builder (pure). */
export function labScore(scenario: Scenario, seed: string, pkg: number): number {
  return Math.round(spacesOf(scenario.negotiation!, seed).lab.utils[pkg]! * 10) / 10;
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

/** The table's negotiation, for the lab (pure; a version 2 run). */
export function talkView(scenario: Scenario, state: { value: string; context: RunContext }, level: Level = 'standard'): TalkView {
  const neg = scenario.negotiation!;
  const ctx = state.context;
  const talk = ctx.talk!;
  const v = hiddenValues(neg, ctx.seed).lab;
  const index = indexOf(scenario);
  const phase = index.phases.get(ctx.phase);
  const table = phase?.table;
  const { round } = roundOf(scenario, state.value);
  const lab = talk.offers.lab === null ? null : contractLines(scenario, talk.offers.lab);
  const dept = talk.offers.department === null ? null : contractLines(scenario, talk.offers.department);
  const known = (clause: string, option: string): [number, number] => {
    let [lo, hi] = neg.values.department.scores[clause]![option]!;
    for (const f of talk.revealed) if (f.kind === 'score' && f.clause === clause && f.option === option) (lo = Math.max(lo, f.min)), (hi = Math.min(hi, f.max));
    return [lo, hi];
  };
  return {
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
        inLab: lab?.[i]?.option === o.id,
        inDepartment: dept?.[i]?.option === o.id,
      })),
    })),
    offers: {
      lab: talk.offers.lab === null ? null : { pkg: talk.offers.lab, own: labScore(scenario, ctx.seed, talk.offers.lab) },
      department: talk.offers.department === null ? null : { pkg: talk.offers.department, own: labScore(scenario, ctx.seed, talk.offers.department) },
    },
    answer: talk.answer ? { kind: talk.answer.kind, text: answerText(scenario, talk.answer, level) } : null,
    walkAway: walkAwayValue(neg, 'lab', ctx.meters, (c) => holds(c, ctx)),
    probes: table
      ? openProbes(index, ctx).map((p) => ({ id: p.id, label: p.label, text: prose(p.text, level), hypothetical: p.hypothetical === true, cites: p.cites ?? [], cost: probeCost(scenario, p.effects?.meters ?? {}) }))
      : [],
    revealed: talk.revealed.map((f) => revealedText(scenario, f)),
  };
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
  if (ownLast) rows.push({ label: 'Your last offer', lab: ownLast.lab, department: ownLast.department });
  if (theirLast) rows.push({ label: 'The Department\'s last offer', lab: theirLast.lab, department: theirLast.department });
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
