/**
 * A direct interpreter of the negotiation machine's config (machine.ts), for simulations and
 * balance work where XState's per-event overhead (about 40 µs) would dominate.
 *
 * It follows XState v5's semantics for a flat machine exactly: an event takes the first enabled
 * transition; then eventless (`always`) transitions are taken, first enabled first, until none
 * is enabled; a transition runs its actions, then its target's entry actions. test/stepper.test.ts
 * proves that it reaches the same state and hash as an XState actor for any seed and choices.
 */
import { MAX_MICROSTEPS, type NegotiationConfig, type NegotiationEvent, type NegotiationInput, type Ref, type TransitionConfig } from './machine.ts';
import type { RunContext } from './rules.ts';

export interface StepperSnapshot {
  value: string;
  context: RunContext;
  status: 'active' | 'done';
}

/**
 * A scenario whose phases hand the run to each other without ever putting a beat on the table
 * (for example two phases whose exits always hold and whose beats never do). Both engines throw
 * it at the same point: after MAX_MICROSTEPS eventless steps in one move.
 */
export class LoopError extends Error {
  constructor(readonly state: string) {
    super(`the machine did not settle: it looped through more than ${MAX_MICROSTEPS - 1} eventless steps, after a move in state "${state}" (a cycle of phases with no playable beat)`);
    this.name = 'LoopError';
  }
}

function run(config: NegotiationConfig, refs: Ref[] | undefined, ctx: RunContext, event?: NegotiationEvent): RunContext {
  if (!refs) return ctx;
  for (const ref of refs) ctx = config.actions[ref.type]!(ctx, ref.params, event);
  return ctx;
}

/** The top-level state a state key belongs to ("talks" for "talks.round-2"). */
const topOf = (config: NegotiationConfig, key: string): string => config.states[key]!.parent ?? key;

/**
 * Takes a transition: its actions, then the entry actions of the states it enters. As in XState,
 * a round's sibling round is entered alone; a transition from outside a table phase (or one that
 * re-enters it) enters the phase, running its entry, then its first round.
 */
function take(config: NegotiationConfig, s: StepperSnapshot, t: TransitionConfig, event?: NegotiationEvent): StepperSnapshot {
  let ctx = run(config, t.actions, s.context, event);
  if (t.target === undefined) return { ...s, context: ctx };
  let key = t.target;
  let state = config.states[key]!;
  if (state.initial !== undefined) {
    ctx = run(config, state.entry, ctx);
    key = state.initial;
    state = config.states[key]!;
  } else if (state.parent !== undefined && (topOf(config, s.value) !== state.parent || t.reenter)) {
    ctx = run(config, config.states[state.parent]!.entry, ctx);
  }
  ctx = run(config, state.entry, ctx);
  return { value: key, context: ctx, status: state.type === 'final' ? 'done' : 'active' };
}

function settle(config: NegotiationConfig, s: StepperSnapshot, from: string): StepperSnapshot {
  for (let i = 0; i < MAX_MICROSTEPS && s.status === 'active'; i++) {
    const always = config.states[s.value]!.always ?? [];
    const t = always.find((x) => config.guards[x.guard.type]!(s.context, x.guard.params));
    if (!t) return s;
    s = take(config, s, t);
  }
  if (s.status === 'active') throw new LoopError(from);
  return s;
}

/** The snapshot a run starts in (pure). */
export function startRun(config: NegotiationConfig, input: NegotiationInput): StepperSnapshot {
  const state = config.states[config.initial]!;
  let ctx = run(config, state.entry, config.context(input));
  let value = config.initial;
  if (state.initial !== undefined) {
    value = state.initial;
    ctx = run(config, config.states[value]!.entry, ctx);
  }
  return settle(config, { value, context: ctx, status: 'active' }, config.initial);
}

/** The snapshot after an event; the same snapshot when no transition is enabled, as in XState (pure). */
export function stepRun(config: NegotiationConfig, s: StepperSnapshot, event: NegotiationEvent): StepperSnapshot {
  if (s.status === 'done') return s;
  const on = config.states[s.value]!.on?.[event.type];
  // The rounds of a table phase hold every transition; the phase itself holds none. Of a list, the first whose guard holds.
  const t = (Array.isArray(on) ? on : on ? [on] : []).find((x) => config.guards[x.guard.type]!(s.context, x.guard.params, event));
  if (!t) return s;
  return settle(config, take(config, s, t, event), s.value);
}
