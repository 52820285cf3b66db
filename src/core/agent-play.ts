/**
 * Agents at the table: the view a side may see (plain JSON, nothing of the other side's hidden
 * values), an agent's move turned into the token a record stores, whole runs played by an agent,
 * and a run's outcome in the numbers research wants (the deal, both utilities, value left).
 */
import { engineOf, foldMoves, type EngineKind, type MoveSource, type RunState, type TableMove } from './engine.ts';
import { stateHash } from './hash.ts';
import { holds, indexOf, type RunContext } from './rules.ts';
import { roundsAhead } from './bargain.ts';
import type { Scenario } from './schema.ts';
import { clauseSpecs, hiddenValues, proposeToken, spacesOf, valueLeftAt, walkAwayValue } from './talks.ts';
import { runAgent } from './negotiation/agents.ts';
import { dealSpace, type DealSpace } from './negotiation/dealspace.ts';
import type { Agent, AgentView, Move, Package, ValueRanges } from './negotiation/types.ts';
import { packageAt, packageIndex } from './negotiation/utility.ts';

/** The round (rounds already played in the phase) and rounds left, read from the state value. */
export function roundOf(scenario: Scenario, value: string, ctx?: RunContext): { round: number; roundsLeft: number } {
  const [phaseId, child] = value.split('.');
  const phase = scenario.phases.find((p) => p.id === phaseId);
  const rounds = phase?.table?.rounds;
  if (rounds === undefined || child === undefined) return { round: 0, roundsLeft: 1 };
  const m = /^round-(\d+)$/.exec(child);
  const r = m ? Number(m[1]) : rounds;
  // Rounds left as the calendar allows them: a deadline can come before the phase's last round.
  const left = ctx ? roundsAhead(indexOf(scenario), ctx, { phase: phaseId!, round: r, rounds }) : rounds - r + 1;
  return { round: r - 1, roundsLeft: Math.max(1, left) };
}

/** A legal table move as an agent sees it (plain JSON). */
export function agentMove(scenario: Scenario, m: TableMove): Move {
  const clauses = clauseSpecs(scenario.negotiation!);
  switch (m.kind) {
    case 'choice':
      return { kind: 'choice', id: m.choice.id, label: m.choice.label };
    case 'probe':
      return { kind: 'probe', id: m.probe.id, label: m.probe.label };
    case 'propose':
      return { kind: 'propose', package: packageAt(clauses, m.pkg) };
    case 'accept':
      return { kind: 'accept' };
    case 'walk-away':
      return { kind: 'walk-away' };
  }
}

/** The lab's view of a run (pure): what the lab may know, and its legal moves. */
export function labView(scenario: Scenario, state: RunState, legal: readonly TableMove[]): AgentView {
  const neg = scenario.negotiation!;
  const ctx = state.context;
  const clauses = clauseSpecs(neg);
  const talk = ctx.talk!;
  const { round, roundsLeft } = roundOf(scenario, state.value, ctx);
  // Builds (once per run) both sides' spaces from the drawn values, so an agent's own
  // ownSpace(view.values) finds its space by identity instead of by key.
  spacesOf(neg, ctx.seed);
  const at = (i: number | null) => (i === null ? null : packageAt(clauses, i));
  return {
    side: 'lab',
    phase: ctx.phase,
    day: ctx.day,
    round,
    roundsLeft,
    meters: { ...ctx.meters },
    clauses,
    values: hiddenValues(neg, ctx.seed).lab,
    walkAway: walkAwayValue(neg, 'lab', ctx.meters, (c) => holds(c, ctx)),
    offers: { ours: at(talk.offers.lab), theirs: at(talk.offers.department) },
    history: talk.history.map((h) => ({ by: h.by, package: packageAt(clauses, h.pkg) })),
    revealed: talk.revealed.map((r) => ({ ...r })),
    theirRanges: neg.values.department as ValueRanges,
    seed: ctx.seed,
    moves: legal.map((m) => agentMove(scenario, m)),
  };
}

/** The token a record stores for an agent's (legal) move (pure). */
export function tokenOf(scenario: Scenario, move: Move): string {
  switch (move.kind) {
    case 'choice':
      return move.id;
    case 'probe':
      return `probe:${move.id}`;
    case 'propose':
      return proposeToken(clauseSpecs(scenario.negotiation!), packageIndex(clauseSpecs(scenario.negotiation!), move.package));
    case 'accept':
      return 'accept';
    case 'walk-away':
      return 'walk-away';
  }
}

/** An agent failed: one line naming it and what was wrong. */
export class AgentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentError';
  }
}

/** A move source that asks an agent at every turn (throws AgentError on an illegal move or a throw). */
export function agentSource(scenario: Scenario, agent: Agent): MoveSource {
  return (_i, _table, state, legal) => {
    if (state.status === 'done') return null;
    const r = runAgent(agent, labView(scenario, state, legal));
    if (!r.ok) throw new AgentError(r.error);
    return { id: tokenOf(scenario, r.move) };
  };
}

/** Plays a whole run with an agent as the lab (pure if the agent is). Throws AgentError. */
export function playAgent(scenario: Scenario, seed: string, agent: Agent, engine: EngineKind = 'fast'): { state: RunState; moves: string[] } {
  if (!scenario.negotiation) throw new AgentError(`agent ${agent.name}: scenario "${scenario.id}" version ${scenario.version} has no negotiation; agents play version 2 scenarios`);
  const r = foldMoves(engineOf(scenario, engine), seed, agentSource(scenario, agent));
  if (!r.ok) throw new AgentError(`agent ${agent.name}: move ${r.problem.index + 1} was refused`);
  return { state: r.state, moves: r.moves };
}

/** What a finished run comes to, in research terms. */
export interface Outcome {
  ending: string | null;
  /** The signed contract, or null. */
  deal: Package | null;
  /** Each side's utility of the deal, or with no deal its walk-away value at the end. */
  utilities: { lab: number; department: number };
  /** How far the outcome lies from the Pareto frontier (deal-space.ts), in utility points. */
  valueLeft: number;
  /** The final state hash; omitted when not asked for (it costs as much as the run). */
  hash?: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Both sides' walk-away values in a state (pure). For a run that signed a contract, as they stood
 * when it was signed: in the phase it was signed in (a walk-away formula may count the phase, as
 * the Department's extra value of no deal during the first talks does), not in the ending after it.
 */
export function walkAways(scenario: Scenario, state: Pick<RunState, 'context'>): { lab: number; department: number } {
  const neg = scenario.negotiation!;
  const deal = state.context.talk?.signed ? state.context.timeline.findLast((e) => e.kind === 'deal') : undefined;
  const ctx = deal && deal.kind === 'deal' ? { ...state.context, phase: deal.phase } : state.context;
  const test = (c: Parameters<typeof holds>[0]) => holds(c, ctx);
  return { lab: walkAwayValue(neg, 'lab', ctx.meters, test), department: walkAwayValue(neg, 'department', ctx.meters, test) };
}

/** The deal-space map of a run, with its hidden values and its end state's walk-away values (pure). */
export function runDealSpace(scenario: Scenario, state: Pick<RunState, 'context'>): DealSpace {
  const neg = scenario.negotiation!;
  const v = hiddenValues(neg, state.context.seed);
  return dealSpace(clauseSpecs(neg), v.lab, v.department, walkAways(scenario, state));
}

/** The outcome of a run (pure). */
export function outcomeOf(scenario: Scenario, state: RunState, opts: { hash?: boolean } = {}): Outcome {
  const neg = scenario.negotiation!;
  const ctx = state.context;
  const clauses = clauseSpecs(neg);
  const signed = ctx.talk?.signed ?? null;
  const index = signed === null ? null : packageIndex(clauses, signed);
  const w = walkAways(scenario, state);
  const spaces = spacesOf(neg, ctx.seed);
  const utilities = index === null ? w : { lab: round2(spaces.lab.utils[index]!), department: round2(spaces.department.utils[index]!) };
  const at = index === null ? w : { lab: spaces.lab.utils[index]!, department: spaces.department.utils[index]! };
  const out: Outcome = { ending: ctx.ending, deal: signed, utilities, valueLeft: round2(valueLeftAt(spaces, at)) };
  if (opts.hash !== false) out.hash = stateHash(state.value, ctx);
  return out;
}
