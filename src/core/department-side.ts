/**
 * Playing the Department (scenario version 2 and later): a person, or an agent, makes the
 * Department's moves, and the lab is played by a built-in agent (the run's `opponent`), inside the
 * engine, so a run is still (scenario, version, seed, moves) with the moves the Department's, plus
 * the side and the opponent's name.
 *
 * A round, seen from the Department:
 * 1. the lab's agent moves (a story move, a probe, a proposal, accepting the Department's offer or
 *    walking away), chosen from the lab's own view (views.ts), with nothing of the Department's
 *    values, and the beat's stakeholder reactions roll, as after a lab's move on the lab's side;
 *    the machine then checks, as always, for a signed contract, a walk-away, a story move's exit
 *    and the deadline;
 * 2. the Department answers: it proposes a contract (the one on the table: it holds), or it
 *    accepts the lab's offer (bargain.ts's `answerWith`, which a built-in Department agent also
 *    answers through); the lab's patience moves as it does with the Department's agent, and the
 *    next beat comes to the table.
 * Between the tables (story phases) the lab's agent plays the beats' choices alone.
 *
 * Everything here is pure and runs only when `ctx.side === 'department'`; a lab run never
 * reaches it, so the lab's side plays and hashes exactly as before.
 */
import { answerWith, labProbes, labProposes, labTableMoves, tableAccept, tableWalkAway, type DepartmentMove, type RoundParams } from './bargain.ts';
import { applyChoice, draft, followingBeat, rollReactions, showBeat, type Index, type RunContext } from './rules.ts';
import { clauseSpecs, proposeToken } from './talks.ts';
import { labView } from './views.ts';
import { builtinAgent, runAgent } from './negotiation/agents.ts';
import type { Move } from './negotiation/types.ts';
import type { Scenario } from './schema.ts';
import { packageIndex } from './negotiation/utility.ts';

/** The lab's agent when a person plays the Department, names none, and the scenario names none (version 2). */
export const DEFAULT_OPPONENT = 'boulware';

/** Whether a person can play the Department in a scenario (alone or in a pair): it has a negotiation and the Department's briefing (version 3) (pure). */
export function canPlayDepartment(scenario: Pick<Scenario, 'negotiation' | 'departmentRole'>): boolean {
  return scenario.negotiation !== undefined && scenario.departmentRole !== undefined;
}

/** The lab's agent when the Department is played and none is named: the scenario's own (version 3), else DEFAULT_OPPONENT (pure). */
export function defaultOpponent(scenario: Pick<Scenario, 'departmentRole'>): string {
  return scenario.departmentRole?.opponent ?? DEFAULT_OPPONENT;
}

/** Whether the lab's agent is to move now: the Department's side is played and the lab has not moved this round (pure). */
export function labToMove(index: Index, ctx: RunContext, atTable: boolean): boolean {
  if (ctx.side !== 'department' || ctx.ending !== null || !ctx.talk) return false;
  if (atTable) return ctx.talk.labMove == null && ctx.talk.signed === null && !ctx.talk.walked;
  // Between the tables: a beat waits for its choice.
  return ctx.beat !== null && ctx.step === 'choosing' && index.phases.get(ctx.phase)?.table === undefined;
}

/**
 * The lab's agent makes its move (pure). At a table, only the lab's half of the round: the
 * Department answers with its own move. Throws if the agent is unknown or its move is not legal
 * (a built-in agent's move always is).
 */
export function labMoves(index: Index, ctx: RunContext, p: RoundParams | null): RunContext {
  const scenario = index.scenario;
  const agent = builtinAgent(ctx.opponent ?? defaultOpponent(index.scenario));
  if (!agent) throw new Error(`no built-in agent "${ctx.opponent}" to play the lab`);
  const legal = labTableMoves(index, ctx);
  // The state value the lab's view reads its round from (machine.ts's roundKey).
  const value = p ? `${p.phase}.round-${p.round}` : ctx.phase;
  const r = runAgent(agent, labView(scenario, { value, context: ctx, status: 'active' }, legal));
  if (!r.ok) throw new Error(r.error);
  const move = r.move;
  if (p === null) {
    // A story phase: a beat's choice, the only kind of move there.
    if (move.kind !== 'choice') throw new Error(`agent ${agent.name}: a story beat takes a choice, not "${move.kind}"`);
    return applyChoice(index, ctx, move.id);
  }
  return labHalf(index, ctx, move, p);
}

/**
 * The lab's half of a round at a table, whoever chose it (the lab's agent, or in a pair the person
 * playing the lab), on a legal move (pure). Accepting and walking away end the round at once; a
 * story move, a probe or a proposal waits for the Department's answer (`talk.labMove`).
 */
export function labHalf(index: Index, ctx: RunContext, move: Move, p: RoundParams): RunContext {
  const scenario = index.scenario;
  const beat = ctx.beat;
  switch (move.kind) {
    case 'accept':
      return tableAccept(index, ctx, p);
    case 'walk-away':
      return tableWalkAway(index, ctx, p);
    case 'choice': {
      // applyChoice rolls the beat's reactions; the Department's answer does not roll them again.
      const d = applyChoice(index, ctx, move.id);
      d.talk = { ...d.talk!, labMove: { kind: 'choice', beat } };
      return d;
    }
    case 'probe': {
      const d = labProbes(index, ctx, move.id, p);
      d.talk = { ...d.talk!, labMove: { kind: 'probe', beat } };
      // The beat's reactions roll before the Department answers, as on the lab's side.
      if (beat !== null && d.step === 'choosing') rollReactions(index, d, beat);
      return d;
    }
    case 'propose': {
      const d = labProposes(index, ctx, packageIndex(clauseSpecs(scenario.negotiation!), move.package), p);
      d.talk = { ...d.talk!, labMove: { kind: 'propose', beat } };
      if (beat !== null && d.step === 'choosing') rollReactions(index, d, beat);
      return d;
    }
  }
}

/**
 * The Department answers the lab's move of the round (pure): `move` proposes a contract (its
 * offer on the table: it holds) or accepts the lab's offer. The beat's reactions rolled after the
 * lab's move; now the next beat comes to the table, as at the end of every round.
 */
export function departmentMoves(index: Index, ctx: RunContext, p: RoundParams, move: DepartmentMove): RunContext {
  const clauses = clauseSpecs(index.scenario.negotiation!);
  const d = draft(ctx);
  const t = ctx.talk!;
  const labMove = t.labMove ?? { kind: 'choice' as const, beat: null };
  const token = move.accept ? 'accept' : proposeToken(clauses, move.pkg);
  d.talk = { ...t, labMove: null, decisions: [...(t.decisions ?? []), token] };
  answerWith(index, d, p, move, labMove.kind === 'propose' ? t.offers.lab : null);
  if (labMove.beat !== null) showBeat(d, followingBeat(index, { ...d, beat: labMove.beat }));
  return d;
}
