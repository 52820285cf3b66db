/**
 * The engine facade: the one way to start a run, apply a move and fold a record, whoever asks
 * (the browser's session, replay codes, the replay viewer, class results, run files, the CLI,
 * the simulations).
 *
 * Two interchangeable engines run the same machine description (machine.ts):
 * - `xstate`: XState v5's pure `initialTransition`/`transition`, the model of the negotiation,
 *   used for live play;
 * - `fast`: the stepper (stepper.ts), a direct interpreter of the same config for bulk runs.
 * They agree on every value, context and hash (test/engine.test.ts proves it over generated
 * scenarios and the real files), share one step limit and report a loop the same way.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { createNegotiationMachine, MAX_MICROSTEPS, negotiationConfig, valueText, type NegotiationConfig, type NegotiationEvent, type NegotiationInput, type NegotiationMachine } from './machine.ts';
import { findTableMove, tableMoves, type TableMove } from './bargain.ts';
import { CodeError, startOf, type RunRecord } from './record.ts';
import { indexOf, offered, type Index, type RunContext } from './rules.ts';
import { clauseSpecs, proposeToken } from './talks.ts';
import type { Choice, Scenario } from './schema.ts';
import { LoopError, startRun, stepRun } from './stepper.ts';

export { LoopError } from './stepper.ts';

/** A move as the machine takes it: a story choice, or at a table a proposal, a probe, accepting or walking away. */
export type Move = NegotiationEvent;
export type { TableMove } from './bargain.ts';

/** Where a run stands: the machine's state value, its context and whether it has ended. */
export interface RunState {
  readonly value: string;
  readonly context: RunContext;
  readonly status: 'active' | 'done';
}

export type EngineKind = 'xstate' | 'fast';

export interface Engine {
  readonly scenario: Scenario;
  readonly kind: EngineKind;
  /**
   * The state a run with this seed starts in (pure; throws LoopError if the scenario loops). With
   * `side: 'department'`, the Department is the side played and the lab's agent `opponent` plays
   * the lab (department-side.ts).
   */
  start(input: string | NegotiationInput): RunState;
  /** The story choices on the table (pure). */
  table(state: RunState): Choice[];
  /**
   * Every legal move now, in the order the game lists them (pure): for a story scenario its
   * choices; at a table (version 2) the story moves, probes, a proposal, accepting, walking away.
   */
  moves(state: RunState): TableMove[];
  /**
   * The state after a move (pure). A move that is not on the table leaves the state as it was,
   * as XState does; `fold` refuses such moves before they reach here.
   */
  apply(state: RunState, move: Move): RunState;
}

/** An XState snapshot behind the RunState interface; the snapshot is kept for `transition`. */
interface XStateRunState extends RunState {
  readonly snapshot: SnapshotFrom<NegotiationMachine>;
}

const machines = new WeakMap<Scenario, NegotiationMachine>();
/** The scenario's XState machine, built once (pure: same scenario, same machine). */
export function machineOf(scenario: Scenario): NegotiationMachine {
  let m = machines.get(scenario);
  if (!m) machines.set(scenario, (m = createNegotiationMachine(scenario)));
  return m;
}

/**
 * An XState step, with XState's own loop error reported as the stepper reports it. XState throws
 * some errors and keeps others in a snapshot whose status is 'error' (a loop at the start does);
 * both come out here as thrown errors.
 */
function xstateStep(from: string, f: () => SnapshotFrom<NegotiationMachine>): XStateRunState {
  const rethrow = (e: unknown): never => {
    if (e instanceof Error && /^Infinite loop detected/.test(e.message)) throw new LoopError(from);
    throw e;
  };
  let snapshot: SnapshotFrom<NegotiationMachine>;
  try {
    snapshot = f();
  } catch (e) {
    return rethrow(e);
  }
  if (snapshot.status === 'error') rethrow(snapshot.error);
  return { value: valueText(snapshot.value), context: snapshot.context, status: snapshot.status === 'done' ? 'done' : 'active', snapshot };
}

/** What both engines share: the scenario, and the table read from a state's context. */
abstract class BaseEngine {
  protected readonly index: Index;
  constructor(readonly scenario: Scenario) {
    this.index = indexOf(scenario);
  }
  table(state: RunState): Choice[] {
    return offered(this.index, state.context);
  }
  moves(state: RunState): TableMove[] {
    if (this.scenario.negotiation) return tableMoves(this.index, state.context);
    return offered(this.index, state.context).map((choice) => ({ kind: 'choice', token: choice.id, choice }));
  }
}

/** A run's input: a seed alone plays the lab's side. */
const inputOf = (input: string | NegotiationInput): NegotiationInput => (typeof input === 'string' ? { seed: input } : input);

/** The machine event of a table move (pure). */
export function eventOf(move: TableMove): Move {
  switch (move.kind) {
    case 'choice':
      return { type: 'choose', choice: move.choice.id };
    case 'probe':
      return { type: 'probe', probe: move.probe.id };
    case 'propose':
      return { type: 'propose', package: move.pkg };
    case 'accept':
      return { type: 'accept' };
    case 'walk-away':
      return { type: 'walk-away' };
  }
}

class XStateEngine extends BaseEngine implements Engine {
  readonly kind = 'xstate';
  private readonly machine = machineOf(this.scenario);
  start(input: string | NegotiationInput): RunState {
    return xstateStep(this.scenario.phases[0]!.id, () => initialTransition(this.machine, inputOf(input))[0]);
  }
  apply(state: RunState, move: Move): RunState {
    const snapshot = (state as XStateRunState).snapshot;
    if (!snapshot) throw new TypeError('this state was not made by the xstate engine');
    return xstateStep(state.value, () => transition(this.machine, snapshot, move)[0]);
  }
}

class FastEngine extends BaseEngine implements Engine {
  readonly kind = 'fast';
  private readonly config: NegotiationConfig = negotiationConfig(this.scenario);
  start(input: string | NegotiationInput): RunState {
    return startRun(this.config, inputOf(input));
  }
  apply(state: RunState, move: Move): RunState {
    return stepRun(this.config, state, move);
  }
}

const engines: Record<EngineKind, WeakMap<Scenario, Engine>> = { xstate: new WeakMap(), fast: new WeakMap() };

/** The engine of a kind for a scenario, built once (pure). */
export function engineOf(scenario: Scenario, kind: EngineKind = 'fast'): Engine {
  let e = engines[kind].get(scenario);
  if (!e) engines[kind].set(scenario, (e = kind === 'xstate' ? new XStateEngine(scenario) : new FastEngine(scenario)));
  return e;
}

/** One step of a fold: the legal moves as they stood, the move taken from them, and the states around it. */
export interface FoldStep {
  /** 0-based: the number of moves made before this one. */
  readonly index: number;
  readonly move: Move;
  /** The move as the record stores it: a choice id, or "propose:…", "probe:…", "accept", "walk-away". */
  readonly token: string;
  /** The move as it was offered (a proposal carries the package made). */
  readonly taken: TableMove;
  /** The story choice, when the move is one. */
  readonly choice: Choice | null;
  /** Its position among the legal moves (what a replay code stores). */
  readonly position: number;
  /** The story choices on the table. */
  readonly table: readonly Choice[];
  readonly legal: readonly TableMove[];
  readonly before: RunState;
  readonly after: RunState;
}

/** Why a fold stopped short. */
export type FoldProblem =
  | { kind: 'not-offered'; index: number; move: string; beat: string | null; table: readonly Choice[]; legal: readonly TableMove[]; detail?: string }
  | { kind: 'after-end'; index: number }
  | { kind: 'no-such-position'; index: number; position: number; table: readonly Choice[]; legal: readonly TableMove[] };

export type Folded = { ok: true; state: RunState; moves: string[] } | { ok: false; problem: FoldProblem; state: RunState; moves: string[] };

/**
 * A source of moves for a fold: at each step, given the story choices on the table, the next move
 * as a token (a choice id, or "propose:…" and the other table tokens), as a position among the
 * legal moves (with a package index for a proposal), or null to stop.
 */
export type MoveSource = (
  index: number,
  table: readonly Choice[],
  state: RunState,
  legal: readonly TableMove[],
) => { id: string } | { position: number; pkg?: number } | null;

/**
 * Plays moves from a start state through an engine, calling `onStep` after each; stops at the
 * end of the run, when the source runs dry, or at the first move that is not legal (pure).
 * Every replay loop in the game is this one.
 */
export function foldMoves(engine: Engine, start: string | NegotiationInput, source: MoveSource, onStep?: (step: FoldStep) => void): Folded {
  let state = engine.start(start);
  const moves: string[] = [];
  const talks = engine.scenario.negotiation !== undefined;
  const index = indexOf(engine.scenario);
  for (let i = 0; ; i++) {
    const table = engine.table(state);
    const legal = engine.moves(state);
    const next = source(i, table, state, legal);
    if (next === null) return { ok: true, state, moves };
    if (state.status === 'done') return { ok: false, problem: { kind: 'after-end', index: i }, state, moves };
    let position: number;
    let taken: TableMove;
    if ('id' in next) {
      if (talks) {
        const found = findTableMove(index, state.context, next.id);
        if ('problem' in found) return { ok: false, problem: { kind: 'not-offered', index: i, move: next.id, beat: state.context.beat, table, legal, detail: found.problem }, state, moves };
        (position = found.position), (taken = found.move);
      } else {
        position = legal.findIndex((m) => m.token === next.id);
        if (position < 0) return { ok: false, problem: { kind: 'not-offered', index: i, move: next.id, beat: state.context.beat, table, legal }, state, moves };
        taken = legal[position]!;
      }
    } else {
      position = next.position;
      const at = legal[position];
      if (!at) return { ok: false, problem: { kind: 'no-such-position', index: i, position, table, legal }, state, moves };
      if (at.kind === 'propose' && next.pkg !== undefined) {
        const found = findTableMove(index, state.context, proposeToken(clauseSpecs(engine.scenario.negotiation!), next.pkg));
        if ('problem' in found) return { ok: false, problem: { kind: 'no-such-position', index: i, position, table, legal }, state, moves };
        taken = found.move;
      } else taken = at;
    }
    const move = eventOf(taken);
    const before = state;
    state = engine.apply(state, move);
    moves.push(taken.token);
    onStep?.({ index: i, move, token: taken.token, taken, choice: taken.kind === 'choice' ? taken.choice : null, position, table, legal, before, after: state });
  }
}

/** A move source that plays a list of choice ids. */
export const movesFrom =
  (choices: readonly string[]): MoveSource =>
  (i) =>
    i < choices.length ? { id: choices[i]! } : null;

/** A move source that plays a list of positions on the table. */
export const positionsFrom =
  (positions: readonly number[]): MoveSource =>
  (i) =>
    i < positions.length ? { position: positions[i]! } : null;

/** The message for a fold that stopped short of its record, in the words the replay code errors use. */
export function problemMessage(p: FoldProblem, total: number): string {
  switch (p.kind) {
    case 'after-end':
      return `The run ended after ${p.index} choices, but the record holds ${total}.`;
    case 'not-offered':
      if (p.detail !== undefined) return `Move ${p.index + 1}: ${p.detail} (legal now: ${legalText(p.legal)}).`;
      return `Choice ${p.index + 1}, "${p.move}", is not on the table at beat "${p.beat}" (it offers ${p.table.map((c) => c.id).join(', ')}).`;
    case 'no-such-position':
      return `Choice ${p.index + 1} of the code is option ${p.position + 1}, but that beat has only ${p.legal.length}.`;
  }
}

/** The legal moves as a short list for messages: "hold-both, probe:ask-priorities, propose, accept, walk-away". */
export function legalText(legal: readonly TableMove[]): string {
  return legal.map((m) => (m.kind === 'propose' ? 'propose:<one digit per clause>' : m.token)).join(', ') || 'nothing';
}

export type RecordFold = { ok: true; state: RunState } | { ok: false; error: CodeError };

/**
 * Replays a run record, checking that it is of this scenario and version and that every move was
 * on the table (pure). `onStep` sees every step; `engine` picks the interpreter.
 */
export function foldRecord(scenario: Scenario, record: RunRecord, opts: { engine?: EngineKind; onStep?: (step: FoldStep) => void } = {}): RecordFold {
  if (record.scenario !== scenario.id) {
    return { ok: false, error: new CodeError('unknown-scenario', `The run is of "${record.scenario}", not "${scenario.id}".`) };
  }
  if (record.version !== scenario.version) {
    return {
      ok: false,
      error: new CodeError('other-version', `The run was made with version ${record.version} of "${scenario.id}"; this is version ${scenario.version}.`),
    };
  }
  if ((record.side !== undefined || record.opponent !== undefined) && !scenario.negotiation) {
    return { ok: false, error: new CodeError('bad-choice', `The run plays one side of a negotiation, but "${scenario.id}" version ${scenario.version} has no negotiation.`) };
  }
  const r = foldMoves(engineOf(scenario, opts.engine), startOf(record), movesFrom(record.choices), opts.onStep);
  if (!r.ok) return { ok: false, error: new CodeError('bad-choice', problemMessage(r.problem, record.choices.length)) };
  return { ok: true, state: r.state };
}

/** The state at the end of a record known to be valid (pure; throws CodeError if it is not). */
export function playRecord(scenario: Scenario, record: RunRecord, engine: EngineKind = 'fast'): RunState {
  const r = foldRecord(scenario, record, { engine });
  if (!r.ok) throw r.error;
  return r.state;
}

export { MAX_MICROSTEPS };
