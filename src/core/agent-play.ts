/**
 * Agents at the table: whole runs played by an agent (the views it sees and the tokens its moves
 * become are views.ts's), and a run's outcome in the numbers research wants (the deal, both
 * utilities, value left).
 */
import { engineOf, foldMoves, type EngineKind, type MoveSource, type RunState } from './engine.ts';
import { agentMove, departmentView, labView, roundOf, sideView, tokenOf } from './views.ts';
import { stateHash } from './hash.ts';
import type { NegotiationInput } from './machine.ts';
import { holds } from './rules.ts';
import type { Scenario } from './schema.ts';
import { clauseSpecs, hiddenValues, spacesOf, valueLeftAt, walkAwayValue } from './talks.ts';
import { runAgent } from './negotiation/agents.ts';
import { dealSpace, type DealSpace } from './negotiation/dealspace.ts';
import type { Agent, Package } from './negotiation/types.ts';
import { packageIndex } from './negotiation/utility.ts';

export { agentMove, departmentView, labView, roundOf, sideView, tokenOf };

/** An agent failed: one line naming it and what was wrong. */
export class AgentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentError';
  }
}

/** A move source that asks an agent at every turn, for the side the run plays (throws AgentError on an illegal move or a throw). */
export function agentSource(scenario: Scenario, agent: Agent): MoveSource {
  return (_i, _table, state, legal) => {
    if (state.status === 'done') return null;
    const r = runAgent(agent, sideView(scenario, state, legal));
    if (!r.ok) throw new AgentError(r.error);
    return { id: tokenOf(scenario, r.move) };
  };
}

/**
 * Plays a whole run with an agent (pure if the agent is). Throws AgentError. A seed alone plays the
 * lab; `{seed, side: 'department', opponent}` plays the Department against the built-in agent
 * `opponent` as the lab.
 */
export function playAgent(scenario: Scenario, start: string | NegotiationInput, agent: Agent, engine: EngineKind = 'fast'): { state: RunState; moves: string[] } {
  if (!scenario.negotiation) throw new AgentError(`agent ${agent.name}: scenario "${scenario.id}" version ${scenario.version} has no negotiation; agents play version 2 scenarios`);
  const r = foldMoves(engineOf(scenario, engine), start, agentSource(scenario, agent));
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
