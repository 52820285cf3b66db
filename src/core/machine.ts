/**
 * The negotiation as an XState v5 machine, built from a scenario. Each phase is a top-level
 * state; each ending is a final state. The scenario's exits become named, parameterised
 * guards (`exit` with a structured condition), so graph tools can read and draw them.
 *
 * The machine is described once, by `negotiationConfig`: plain state config plus named guard
 * and action functions over the context. `createNegotiationMachine` hands it to XState;
 * `stepper.ts` interprets the same config directly for fast simulation.
 */
import { assertEvent, assign, setup } from 'xstate';
import {
  advanceBeat,
  applyChoice,
  enterPhase,
  finish,
  followingBeat,
  holds,
  indexOf,
  initialContext,
  isOffered,
  withReason,
  type RunContext,
} from './rules.ts';
import type { Condition, Exit, Scenario } from './schema.ts';

export type NegotiationEvent = { type: 'choose'; choice: string };
export interface NegotiationInput {
  seed: string;
}

type Params = Record<string, unknown> | undefined;
export interface Ref {
  type: string;
  params?: Record<string, unknown>;
}
export interface TransitionConfig {
  target?: string;
  /** Set on every transition with a target: a phase that hands the run to itself is left and entered again, in both engines. */
  reenter?: true;
  guard: Ref;
  actions?: Ref[];
}
export interface StateConfig {
  type?: 'final';
  entry: Ref[];
  on?: { choose: TransitionConfig };
  always?: TransitionConfig[];
}
export interface NegotiationConfig {
  initial: string;
  states: Record<string, StateConfig>;
  guards: Record<string, (ctx: RunContext, params: Params, event?: NegotiationEvent) => boolean>;
  actions: Record<string, (ctx: RunContext, params: Params, event?: NegotiationEvent) => RunContext>;
  context: (input: NegotiationInput) => RunContext;
}

/**
 * The step limit both engines share: a move (or a run's start) may take at most
 * MAX_MICROSTEPS - 1 eventless transitions; more is a loop in the scenario (stepper.ts's LoopError).
 */
export const MAX_MICROSTEPS = 1000;

const configs = new WeakMap<Scenario, NegotiationConfig>();

/** The machine's states, guards and actions as plain data and pure functions (cached per scenario). */
export function negotiationConfig(scenario: Scenario): NegotiationConfig {
  const cached = configs.get(scenario);
  if (cached) return cached;
  const index = indexOf(scenario);

  const guards: NegotiationConfig['guards'] = {
    /** The chosen choice is one of the current beat's. */
    offered: (ctx, _p, event) => event !== undefined && isOffered(index, ctx, event.choice),
    /** The last choice asked to leave for this target. */
    goingTo: (ctx, p) => ctx.goto?.to === p!.to,
    /** A beat has been played and this exit's condition (if any) holds. */
    exit: (ctx, p) => ctx.step === 'resolved' && (p!.when === undefined || holds(p!.when as Condition, ctx)),
    /** A beat has been played and the phase has another beat whose condition holds. */
    moreBeats: (ctx) => ctx.step === 'resolved' && followingBeat(index, ctx) !== null,
  };
  const actions: NegotiationConfig['actions'] = {
    enterPhase: (ctx, p) => enterPhase(index, ctx, p!.phase as string),
    choose: (ctx, _p, event) => applyChoice(index, ctx, event!.choice),
    advanceBeat: (ctx) => advanceBeat(index, ctx),
    noteReason: (ctx, p) => withReason(ctx, (p!.reason as string | null) ?? null),
    takeGotoReason: (ctx) => withReason(ctx, ctx.goto?.reason ?? null),
    finish: (ctx, p) => finish(ctx, p!.ending as string),
  };

  const toExit = (exit: Exit): TransitionConfig => ({
    target: exit.to,
    reenter: true,
    guard: { type: 'exit', params: { when: exit.when } },
    actions: [{ type: 'noteReason', params: { reason: exit.reason ?? null } }],
  });

  const states: Record<string, StateConfig> = {};
  for (const phase of scenario.phases) {
    const gotos = [...new Set(phase.beats.flatMap((b) => b.choices.flatMap((c) => (c.goto ? [c.goto] : []))))];
    states[phase.id] = {
      entry: [{ type: 'enterPhase', params: { phase: phase.id } }],
      on: { choose: { guard: { type: 'offered' }, actions: [{ type: 'choose' }] } },
      // Order matters and is the scenario format's rule: the choice's goto, the phase's exits,
      // the next beat, and when the beats run out, the phase's `then`.
      always: [
        ...gotos.map((to): TransitionConfig => ({ target: to, reenter: true, guard: { type: 'goingTo', params: { to } }, actions: [{ type: 'takeGotoReason' }] })),
        ...(phase.exits ?? []).map(toExit),
        { guard: { type: 'moreBeats' }, actions: [{ type: 'advanceBeat' }] },
        ...phase.then.map(toExit),
      ],
    };
  }
  for (const ending of scenario.endings) {
    states[ending.id] = { type: 'final', entry: [{ type: 'finish', params: { ending: ending.id } }] };
  }

  const config: NegotiationConfig = {
    initial: scenario.phases[0]!.id,
    states,
    guards,
    actions,
    context: (input) => initialContext(scenario, input.seed),
  };
  configs.set(scenario, config);
  return config;
}

/** Builds the XState negotiation machine of a scenario (pure: same scenario, same machine). */
export function createNegotiationMachine(scenario: Scenario) {
  const config = negotiationConfig(scenario);
  const event = (e: { type: string }) => (e.type === 'choose' ? (e as NegotiationEvent) : undefined);
  const g = config.guards;
  const a = config.actions;
  const base = setup({
    types: {
      context: {} as RunContext,
      events: {} as NegotiationEvent,
      input: {} as NegotiationInput,
    },
    guards: {
      offered: ({ context, event: e }) => {
        assertEvent(e, 'choose');
        return g.offered!(context, undefined, e);
      },
      goingTo: ({ context }, params: { to: string }) => g.goingTo!(context, params),
      exit: ({ context }, params: { when?: Condition }) => g.exit!(context, params),
      moreBeats: ({ context }) => g.moreBeats!(context, undefined),
    },
    actions: {
      enterPhase: assign(({ context }, params: { phase: string }) => a.enterPhase!(context, params)),
      choose: assign(({ context, event: e }) => a.choose!(context, undefined, event(e))),
      advanceBeat: assign(({ context }) => a.advanceBeat!(context, undefined)),
      noteReason: assign(({ context }, params: { reason: string | null }) => a.noteReason!(context, params)),
      takeGotoReason: assign(({ context }) => a.takeGotoReason!(context, undefined)),
      finish: assign(({ context }, params: { ending: string }) => a.finish!(context, params)),
    },
  });
  return base.createMachine({
    id: scenario.id,
    context: ({ input }) => config.context(input),
    initial: config.initial,
    options: { maxIterations: MAX_MICROSTEPS },
    // Generated from data; setup() has typed every action and guard name it may use.
    states: config.states as never,
  });
}

export type NegotiationMachine = ReturnType<typeof createNegotiationMachine>;
