/**
 * What each side may see of a run, as plain JSON for agents (negotiation/types.ts's AgentView):
 * its own values and walk-away value, both sides' offers, what its probes found, and its legal
 * moves; and an agent's move turned into the token a record stores. Nothing of the other side's
 * hidden values. Used by agents playing either side, and by the engine itself when an agent plays
 * the lab against a person playing the Department (department-side.ts).
 */
import type { RunState } from './engine.ts';
import { holds, indexOf, type RunContext } from './rules.ts';
import { roundsAhead, type TableMove } from './rounds.ts';
import type { Scenario } from './schema.ts';
import { clauseSpecs, hiddenValues, proposeToken, spacesOf, walkAwayValue } from './talks.ts';
import type { AgentView, Move, Side, ValueRanges } from './negotiation/types.ts';
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
  return viewOf('lab', scenario, state, legal);
}

/**
 * One side's view (pure): its own values and walk-away value, both sides' offers (`ours` its
 * own), every offer so far, what its probes found (the Department asks none), the other side's
 * value ranges as a prior, and its legal moves. Nothing of the other side's drawn values.
 */
function viewOf(side: Side, scenario: Scenario, state: RunState, legal: readonly TableMove[]): AgentView {
  const neg = scenario.negotiation!;
  const ctx = state.context;
  const clauses = clauseSpecs(neg);
  const talk = ctx.talk!;
  const other = side === 'lab' ? 'department' : 'lab';
  const { round, roundsLeft } = roundOf(scenario, state.value, ctx);
  // Builds (once per run) both sides' spaces from the drawn values, so an agent's own
  // ownSpace(view.values) finds its space by identity instead of by key.
  spacesOf(neg, ctx.seed);
  const at = (i: number | null) => (i === null ? null : packageAt(clauses, i));
  return {
    side,
    phase: ctx.phase,
    day: ctx.day,
    round,
    roundsLeft,
    meters: { ...ctx.meters },
    clauses,
    values: hiddenValues(neg, ctx.seed)[side],
    walkAway: walkAwayValue(neg, side, ctx.meters, (c) => holds(c, ctx)),
    offers: { ours: at(talk.offers[side]), theirs: at(talk.offers[other]) },
    history: talk.history.map((h) => ({ by: h.by, package: packageAt(clauses, h.pkg) })),
    revealed: side === 'lab' ? talk.revealed.map((r) => ({ ...r })) : [],
    theirRanges: neg.values[other] as ValueRanges,
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


/**
 * The Department's view of a run, when the Department is the side played (pure): its own values
 * and walk-away value, both sides' offers, and its legal moves (propose, accept). It asks no
 * probes, so `revealed` is empty; `theirRanges` are the lab's ranges, as the Department's own
 * agent knows them.
 */
export function departmentView(scenario: Scenario, state: RunState, legal: readonly TableMove[]): AgentView {
  return viewOf('department', scenario, state, legal);
}

/** The view of the side a run plays: the lab's, or the Department's when it is the side played (pure). */
export function sideView(scenario: Scenario, state: RunState, legal: readonly TableMove[]): AgentView {
  return state.context.side === 'department' ? departmentView(scenario, state, legal) : labView(scenario, state, legal);
}
