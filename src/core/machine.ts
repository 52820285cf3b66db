/**
 * The negotiation as an XState v5 machine, built from a scenario. Each phase is a top-level
 * state; each ending is a final state. The scenario's exits become named, parameterised
 * guards (`exit` with a structured condition), so graph tools can read and draw them.
 *
 * The machine is described once, by `negotiationConfig`: plain state config plus named guard
 * and action functions over the context. `createNegotiationMachine` hands it to XState;
 * `stepper.ts` interprets the same config directly for fast simulation.
 */
import { assign, setup } from 'xstate';
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
  type Index,
  type RunContext,
} from './rules.ts';
import { openTable, probeOpen, tableAccept, tableChoice, tablePropose, tableProbe, tableWalkAway, validPackage, type RoundParams } from './bargain.ts';
import { defaultOpponent, departmentMoves, labHalf, labMoves, labToMove } from './department-side.ts';
import { clauseSpecs } from './talks.ts';
import { tokenOf } from './views.ts';
import type { Move } from './negotiation/types.ts';
import { packageAt } from './negotiation/utility.ts';
import type { Condition, Exit, Phase, Scenario } from './schema.ts';
import { deadlineOf } from './deadline.ts';

/**
 * The events a run takes: a story choice, and at a table (version 2) a proposal (a package index),
 * accepting the Department's offer, a probe, or walking away.
 */
export type NegotiationEvent =
  | { type: 'choose'; choice: string }
  | { type: 'propose'; package: number }
  | { type: 'accept' }
  | { type: 'probe'; probe: string }
  | { type: 'walk-away' };
export type EventType = NegotiationEvent['type'];
export const EVENT_TYPES: readonly EventType[] = ['choose', 'propose', 'accept', 'probe', 'walk-away'];
export interface NegotiationInput {
  seed: string;
  /**
   * Set when the Department is the side played (its moves are the events; the lab is then the
   * built-in agent `opponent`), or for a pair, where both sides' moves are events.
   */
  side?: 'department' | 'pair';
  /** The other side's built-in agent: the lab's when the Department is played; else, if set, the Department's instead of the scenario's own. */
  opponent?: string;
}

type Params = Record<string, unknown> | undefined;
export interface Ref {
  type: string;
  params?: Record<string, unknown>;
}
export interface TransitionConfig {
  /** A state key: a top-level state, or a round inside a table phase ("talks.round-2"). */
  target?: string;
  /** Set on every transition into another phase or ending: a phase that hands the run to itself is left and entered again, in both engines. */
  reenter?: true;
  guard: Ref;
  actions?: Ref[];
}
export interface StateConfig {
  type?: 'final';
  entry: Ref[];
  /** A table phase: the key of its first round, entered with the phase. */
  initial?: string;
  /** A round: the key of its table phase. */
  parent?: string;
  /** An event's transitions: the first whose guard holds is taken (a list, or one). */
  on?: Partial<Record<EventType, TransitionConfig | TransitionConfig[]>>;
  always?: TransitionConfig[];
}
export interface NegotiationConfig {
  initial: string;
  /** Every state by key, rounds included ("talks.round-2"), in document order. */
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

/** The key of a round of a table phase. */
export const roundKey = (phase: string, round: number): string => `${phase}.round-${round}`;
/** The key of the state a table phase reaches when its rounds run out. */
export const deadlineKey = (phase: string): string => `${phase}.deadline`;
/** The exit target that stands for "the first ending whose `when` holds". */
export const OUTCOME = 'outcome';

/** The machine's states, guards and actions as plain data and pure functions (cached per scenario). */
export function negotiationConfig(scenario: Scenario): NegotiationConfig {
  const cached = configs.get(scenario);
  if (cached) return cached;
  const index = indexOf(scenario);

  const round = (p: Params) => p as unknown as RoundParams;
  /** An exit's own condition (`exit`) and an ending's (`when`), where given, both hold. */
  const cond = (ctx: RunContext, p: Params) =>
    (p?.exit === undefined || holds(p.exit as Condition, ctx)) && (p?.when === undefined || holds(p.when as Condition, ctx));
  /**
   * The move is the lab's: always on the lab's side, never when only the Department is played, and
   * in a pair until the lab has moved this round (then the Department answers). The Department
   * makes no story move, probe or walk-away.
   */
  const lab = (ctx: RunContext) => ctx.side === undefined || (ctx.side === 'pair' && ctx.talk?.labMove == null);
  const pairLab = (ctx: RunContext) => ctx.side === 'pair' && ctx.talk?.labMove == null;
  /** In a pair, the lab's move is one of the run's moves, in order (talk.decisions). */
  const logged = (ctx: RunContext, token: string): RunContext => (ctx.side === 'pair' ? { ...ctx, talk: { ...ctx.talk!, decisions: [...(ctx.talk!.decisions ?? []), token] } } : ctx);
  const guards: NegotiationConfig['guards'] = {
    /** The chosen choice is one of the current beat's. */
    offered: (ctx, _p, event) => lab(ctx) && event?.type === 'choose' && isOffered(index, ctx, event.choice),
    /** The last choice asked to leave for this target (and, into an "outcome", this ending's condition holds). */
    goingTo: (ctx, p) => ctx.goto?.to === p!.to && cond(ctx, p),
    /** A beat has been played and this exit's condition (if any) holds. */
    exit: (ctx, p) => ctx.step === 'resolved' && cond(ctx, p),
    /** A beat has been played and the phase has another beat whose condition holds. */
    moreBeats: (ctx) => ctx.step === 'resolved' && followingBeat(index, ctx) !== null,
    /** At a table, after a move: this exit's condition (if any) holds. */
    holds: (ctx, p) => cond(ctx, p),
    /** A contract has been signed, and this ending's condition holds. */
    signed: (ctx, p) => ctx.talk?.signed != null && cond(ctx, p),
    /** The lab walked away from this phase's table. */
    walkedAway: (ctx, p) => ctx.talk?.walked === true && cond(ctx, p),
    /** The calendar has passed this phase's deadline (the last day a move may be made), as events have moved it. */
    pastDeadline: (ctx, p) => ctx.day > deadlineOf(p!.deadline as number, p!.extensions as Extension[] | undefined, ctx) && cond(ctx, p),
    /** A story move on the table. */
    storyMove: (ctx, _p, event) => lab(ctx) && event?.type === 'choose' && isOffered(index, ctx, event.choice),
    /** A probe the lab may still ask. */
    probeOpen: (ctx, _p, event) => lab(ctx) && event?.type === 'probe' && probeOpen(index, ctx, event.probe),
    /** A complete contract (playing the Department: once the lab has moved this round). */
    validProposal: (ctx, _p, event) => event?.type === 'propose' && validPackage(index, event.package) && (lab(ctx) || ctx.talk?.labMove != null),
    /** The other side has an offer on the table (playing the Department: the lab's, once the lab has moved this round). */
    offerOnTable: (ctx) => (lab(ctx) ? ctx.talk?.offers.department != null : ctx.talk?.offers.lab != null && ctx.talk.labMove != null),
    /** Walking away is open to the lab at any table. */
    canWalkAway: (ctx) => lab(ctx) && ctx.talk !== undefined,
    /** Playing the Department: the lab's agent has yet to move (at a table, this round; between the tables, at this beat). */
    labToMove: (ctx, p) => labToMove(index, ctx, p?.table === true),
    /** A pair, the lab to move: a story move on the table (its half of the round; the Department answers). */
    pairStoryMove: (ctx, _p, event) => pairLab(ctx) && event?.type === 'choose' && isOffered(index, ctx, event.choice),
    /** A pair, the lab to move: a probe it may still ask. */
    pairProbe: (ctx, _p, event) => pairLab(ctx) && event?.type === 'probe' && probeOpen(index, ctx, event.probe),
    /** A pair, the lab to move: a complete contract. */
    pairProposal: (ctx, _p, event) => pairLab(ctx) && event?.type === 'propose' && validPackage(index, event.package),
  };
  const actions: NegotiationConfig['actions'] = {
    enterPhase: (ctx, p) => enterPhase(index, ctx, p!.phase as string),
    choose: (ctx, _p, event) => {
      const choice = (event as { choice: string }).choice;
      return logged(applyChoice(index, ctx, choice), choice);
    },
    advanceBeat: (ctx) => advanceBeat(index, ctx),
    noteReason: (ctx, p) => withReason(ctx, (p!.reason as string | null) ?? null),
    takeGotoReason: (ctx) => withReason(ctx, ctx.goto?.reason ?? null),
    finish: (ctx, p) => finish(ctx, p!.ending as string),
    openTable: (ctx, p) => openTable(index, ctx, round(p)),
    tableChoice: (ctx, p, event) => tableChoice(index, ctx, (event as { choice: string }).choice, round(p)),
    tableProbe: (ctx, p, event) => tableProbe(index, ctx, (event as { probe: string }).probe, round(p)),
    tablePropose: (ctx, p, event) =>
      lab(ctx) ? tablePropose(index, ctx, (event as { package: number }).package, round(p)) : departmentMoves(index, ctx, round(p), { accept: false, pkg: (event as { package: number }).package }),
    tableAccept: (ctx, p) => (lab(ctx) ? logged(tableAccept(index, ctx, round(p)), 'accept') : departmentMoves(index, ctx, round(p), { accept: true })),
    labMoves: (ctx, p) => labMoves(index, ctx, p?.table === true ? round(p) : null),
    tableWalkAway: (ctx, p) => logged(tableWalkAway(index, ctx, round(p)), 'walk-away'),
    /** A pair: the lab's half of the round, from the person playing it; the Department answers next. */
    pairLabHalf: (ctx, p, event) => {
      const e = event!;
      const move: Move = e.type === 'choose' ? { kind: 'choice', id: e.choice, label: '' } : e.type === 'probe' ? { kind: 'probe', id: e.probe, label: '' } : { kind: 'propose', package: packageAt(clauseSpecs(scenario.negotiation!), (e as { package: number }).package) };
      return logged(labHalf(index, ctx, move, round(p)), tokenOf(scenario, move));
    },
  };

  /** The transitions of an exit: one, or for "outcome" one per ending with a `when`, in file order. */
  const toExit: ToExit = (exit, guard = 'exit', extra = {}) =>
    exit.to === OUTCOME
      ? outcomes(index, exit.when, exit.reason ?? null, guard, extra)
      : [{ target: exit.to, reenter: true, guard: { type: guard, params: { ...extra, when: exit.when } }, actions: [{ type: 'noteReason', params: { reason: exit.reason ?? null } }] }];
  const gotoTransitions = (phase: Phase): TransitionConfig[] =>
    [...new Set(phase.beats.flatMap((b) => b.choices.flatMap((c) => (c.goto ? [c.goto] : []))))].flatMap((to): TransitionConfig[] =>
      to === OUTCOME
        ? outcomes(index, undefined, null, 'goingTo', { to })
        : [{ target: to, reenter: true, guard: { type: 'goingTo', params: { to } }, actions: [{ type: 'takeGotoReason' }] }],
    );

  const states: Record<string, StateConfig> = {};
  for (const phase of scenario.phases) {
    if (phase.table) {
      tablePhase(index, phase, states, toExit, gotoTransitions(phase));
      continue;
    }
    states[phase.id] = {
      entry: [{ type: 'enterPhase', params: { phase: phase.id } }],
      on: { choose: { guard: { type: 'offered' }, actions: [{ type: 'choose' }] } },
      // Order matters and is the scenario format's rule: the choice's goto, the phase's exits,
      // the next beat, and when the beats run out, the phase's `then`.
      always: [
        ...gotoTransitions(phase),
        ...(phase.exits ?? []).flatMap((x) => toExit(x)),
        { guard: { type: 'moreBeats' }, actions: [{ type: 'advanceBeat' }] },
        ...phase.then.flatMap((x) => toExit(x)),
        // Playing the Department (a negotiation only): the lab's agent plays the beat.
        ...(scenario.negotiation ? [LAB_MOVES(null)] : []),
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
    context: (input) => {
      const ctx = initialContext(scenario, input.seed);
      if (input.side === 'department' && scenario.negotiation) {
        ctx.side = 'department';
        ctx.opponent = input.opponent ?? defaultOpponent(scenario);
      } else if (input.side === 'pair' && scenario.negotiation) {
        // Two people: no agent on either side.
        ctx.side = 'pair';
        ctx.talk = { ...ctx.talk!, decisions: [] };
      } else if (input.opponent !== undefined && scenario.negotiation) {
        // The lab's side against a built-in agent playing the Department, instead of the scenario's own.
        ctx.opponent = input.opponent;
      }
      return ctx;
    },
  };
  configs.set(scenario, config);
  return config;
}

type ToExit = (exit: Exit, guard?: string, extra?: Record<string, unknown>) => TransitionConfig[];

/**
 * The transitions of an "outcome" exit: one per ending with a `when`, in file order, each taken
 * when the guard holds with that ending's condition (and the exit's own, if any). The reason is
 * the exit's if that ending has it, else the ending's first.
 */
function outcomes(index: Index, exit: Condition | undefined, reason: string | null, guard: string, extra: Record<string, unknown>): TransitionConfig[] {
  // A signed contract ends the run at once (guard `signed`, tried first), so every other way into
  // an outcome is taken with no contract: the endings that cannot hold on each path are left out.
  const deal = guard === 'signed';
  return index.scenario.endings
    .filter((e) => e.when && !needsDeal(e.when, !deal))
    .map((e) => ({
      target: e.id,
      reenter: true,
      guard: { type: guard, params: { ...extra, exit, when: e.when } },
      actions: [{ type: 'noteReason', params: { reason: reason !== null && e.reasons.some((r) => r.id === reason) ? reason : e.reasons[0]!.id } }],
    }));
}

type Extension = { when: Condition; days: number };

/**
 * The eventless transition that lets the lab's agent move when the Department is the side played
 * (guard `labToMove`, false on the lab's side): it stays in its state, and its action makes the
 * guard false, so the checks after a move run again after the lab's.
 */
const LAB_MOVES = (round: RoundParams | null): TransitionConfig => {
  const params = round ? { table: true, ...round } : { table: false };
  return { guard: { type: 'labToMove', params }, actions: [{ type: 'labMoves', params }] };
};

/** Whether a condition can only hold when a contract is signed (`deal` true) or when none is (false). */
function needsDeal(c: Condition, deal: boolean): boolean {
  if ('deal' in c) return c.deal === deal;
  if ('signed' in c) return deal;
  if ('all' in c) return c.all.some((x) => needsDeal(x, deal));
  return false;
}

/**
 * A table phase: a compound state whose children are its rounds ("talks.round-1" …) and the
 * state its rounds lead to when they run out ("talks.deadline"). Each round takes one lab move;
 * the phase's entry opens the table. After every move, in order: a signed contract ends the run
 * in the first ending whose `when` holds (guard `signed`); walking away follows the table's
 * `walkAway` (guard `walkedAway`); a story move's goto; the phase's exits; a missed deadline
 * (guard `pastDeadline`) or rounds run out follow `then`.
 */
function tablePhase(index: Index, phase: Phase, states: Record<string, StateConfig>, toExit: ToExit, gotos: TransitionConfig[]): void {
  const table = phase.table!;
  const rounds = table.rounds;
  const then = phase.then.map((x): Exit => ({ ...x, reason: x.reason ?? table.deadlineReason }));
  const after: TransitionConfig[] = [
    ...outcomes(index, undefined, 'signed', 'signed', {}),
    ...toExit({ to: table.walkAway.to, reason: table.walkAway.reason }, 'walkedAway'),
    ...gotos,
    ...(phase.exits ?? []).flatMap((x) => toExit(x, 'holds')),
  ];
  const missed = then.flatMap((x) => toExit(x, 'pastDeadline', { deadline: table.deadline, extensions: table.extensions }));
  states[phase.id] = {
    entry: [
      { type: 'enterPhase', params: { phase: phase.id } },
      { type: 'openTable', params: { phase: phase.id, round: 1, rounds } },
    ],
    initial: roundKey(phase.id, 1),
  };
  for (let r = 1; r <= rounds; r++) {
    const params = { phase: phase.id, round: r, rounds };
    const next = r < rounds ? roundKey(phase.id, r + 1) : deadlineKey(phase.id);
    const move = (guard: string, action: string): TransitionConfig => ({ target: next, guard: { type: guard }, actions: [{ type: action, params }] });
    // A pair: the lab's story move, probe or proposal is only its half of the round (no target).
    const half = (guard: string): TransitionConfig => ({ guard: { type: guard }, actions: [{ type: 'pairLabHalf', params }] });
    states[roundKey(phase.id, r)] = {
      parent: phase.id,
      entry: [],
      // Playing the Department: once the checks after the last move found nothing, the lab's agent moves.
      always: [...after, ...missed, LAB_MOVES(params)],
      on: {
        choose: [half('pairStoryMove'), move('storyMove', 'tableChoice')],
        probe: [half('pairProbe'), move('probeOpen', 'tableProbe')],
        propose: [half('pairProposal'), move('validProposal', 'tablePropose')],
        accept: move('offerOnTable', 'tableAccept'),
        'walk-away': move('canWalkAway', 'tableWalkAway'),
      },
    };
  }
  states[deadlineKey(phase.id)] = { parent: phase.id, entry: [], always: [...after, ...then.flatMap((x) => toExit(x, 'holds'))] };
}

/** An XState target for a state key: every top-level state has its key as its id, so "#talks.round-2" finds a round. */
const xTarget = (key: string) => `#${key}`;

/** A transition in XState's config form. */
function xTransition(t: TransitionConfig) {
  return { target: t.target === undefined ? undefined : xTarget(t.target), reenter: t.reenter, guard: t.guard, actions: t.actions };
}

/** The config's flat states as XState's nested state config: rounds inside their table phase. */
function xStates(config: NegotiationConfig): Record<string, unknown> {
  const top: Record<string, Record<string, unknown>> = {};
  const node = (s: StateConfig) => ({
    ...(s.type ? { type: s.type } : {}),
    entry: s.entry,
    ...(s.on ? { on: Object.fromEntries(Object.entries(s.on).map(([k, t]) => [k, Array.isArray(t) ? t.map(xTransition) : xTransition(t)])) } : {}),
    ...(s.always ? { always: s.always.map(xTransition) } : {}),
  });
  for (const [key, s] of Object.entries(config.states)) {
    if (s.parent) {
      const parent = top[s.parent]!;
      (parent.states as Record<string, unknown>)[key.slice(s.parent.length + 1)] = node(s);
    } else {
      top[key] = { id: key, ...node(s), ...(s.initial ? { initial: s.initial.slice(key.length + 1), states: {} } : {}) };
    }
  }
  return top;
}

/** Builds the XState negotiation machine of a scenario (pure: same scenario, same machine). */
export function createNegotiationMachine(scenario: Scenario) {
  const config = negotiationConfig(scenario);
  const ours = (e: { type: string }) => ((EVENT_TYPES as readonly string[]).includes(e.type) ? (e as NegotiationEvent) : undefined);
  type Args = { context: RunContext; event: { type: string } };
  const guards = Object.fromEntries(
    Object.entries(config.guards).map(([name, g]) => [name, ({ context, event }: Args, params: Params) => g(context, params, ours(event))]),
  );
  const actions = Object.fromEntries(
    Object.entries(config.actions).map(([name, a]) => [name, assign(({ context, event }: Args, params: Params) => a(context, params, ours(event)))]),
  );
  const base = setup({
    types: {
      context: {} as RunContext,
      events: {} as NegotiationEvent,
      input: {} as NegotiationInput,
    },
    // Generated from the config: every name a state may use is here, with its pure function.
    guards: guards as never,
    actions: actions as never,
  });
  return base.createMachine({
    id: scenario.id,
    context: ({ input }) => config.context(input),
    initial: config.initial,
    options: { maxIterations: MAX_MICROSTEPS },
    // Generated from data; setup() holds every action and guard name it may use.
    states: xStates(config) as never,
  });
}

/** A state value as one string: "talks" or, inside a table phase, "talks.round-2" (pure). */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0]!;
  return `${k}.${valueText(v)}`;
}

export type NegotiationMachine = ReturnType<typeof createNegotiationMachine>;
