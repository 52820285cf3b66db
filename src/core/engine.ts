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
import { createNegotiationMachine, MAX_MICROSTEPS, negotiationConfig, type NegotiationConfig, type NegotiationEvent, type NegotiationMachine } from './machine.ts';
import { CodeError, type RunRecord } from './record.ts';
import { indexOf, offered, type Index, type RunContext } from './rules.ts';
import type { Choice, Scenario } from './schema.ts';
import { LoopError, startRun, stepRun } from './stepper.ts';

export { LoopError } from './stepper.ts';

/** A move a side can make: today, a choice at a beat. */
export type Move = NegotiationEvent;

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
  /** The state a run with this seed starts in (pure; throws LoopError if the scenario loops). */
  start(seed: string): RunState;
  /** The choices on the table (pure). */
  table(state: RunState): Choice[];
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
  return { value: snapshot.value as string, context: snapshot.context, status: snapshot.status === 'done' ? 'done' : 'active', snapshot };
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
}

class XStateEngine extends BaseEngine implements Engine {
  readonly kind = 'xstate';
  private readonly machine = machineOf(this.scenario);
  start(seed: string): RunState {
    return xstateStep(this.scenario.phases[0]!.id, () => initialTransition(this.machine, { seed })[0]);
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
  start(seed: string): RunState {
    return startRun(this.config, { seed });
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

/** One step of a fold: the table as it stood, the move taken from it, and the states around it. */
export interface FoldStep {
  /** 0-based: the number of moves made before this one. */
  readonly index: number;
  readonly move: Move;
  /** The move as it was offered. */
  readonly choice: Choice;
  /** Its position on the table (what a replay code stores). */
  readonly position: number;
  readonly table: readonly Choice[];
  readonly before: RunState;
  readonly after: RunState;
}

/** Why a fold stopped short. */
export type FoldProblem =
  | { kind: 'not-offered'; index: number; move: string; beat: string | null; table: readonly Choice[] }
  | { kind: 'after-end'; index: number }
  | { kind: 'no-such-position'; index: number; position: number; table: readonly Choice[] };

export type Folded = { ok: true; state: RunState; moves: string[] } | { ok: false; problem: FoldProblem; state: RunState; moves: string[] };

/**
 * A source of moves for a fold: at each step, given the table, the next move as a choice id or as
 * a position on the table, or null to stop.
 */
export type MoveSource = (index: number, table: readonly Choice[], state: RunState) => { id: string } | { position: number } | null;

/**
 * Plays moves from a start state through an engine, calling `onStep` after each; stops at the
 * end of the run, when the source runs dry, or at the first move not on the table (pure).
 * Every replay loop in the game is this one.
 */
export function foldMoves(engine: Engine, seed: string, source: MoveSource, onStep?: (step: FoldStep) => void): Folded {
  let state = engine.start(seed);
  const moves: string[] = [];
  for (let index = 0; ; index++) {
    const table = engine.table(state);
    const next = source(index, table, state);
    if (next === null) return { ok: true, state, moves };
    if (state.status === 'done') return { ok: false, problem: { kind: 'after-end', index }, state, moves };
    let position: number;
    if ('id' in next) {
      position = table.findIndex((c) => c.id === next.id);
      if (position < 0) return { ok: false, problem: { kind: 'not-offered', index, move: next.id, beat: state.context.beat, table }, state, moves };
    } else {
      position = next.position;
      if (!table[position]) return { ok: false, problem: { kind: 'no-such-position', index, position, table }, state, moves };
    }
    const choice = table[position]!;
    const move: Move = { type: 'choose', choice: choice.id };
    const before = state;
    state = engine.apply(state, move);
    moves.push(choice.id);
    onStep?.({ index, move, choice, position, table, before, after: state });
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
      return `Choice ${p.index + 1}, "${p.move}", is not on the table at beat "${p.beat}" (it offers ${p.table.map((c) => c.id).join(', ')}).`;
    case 'no-such-position':
      return `Choice ${p.index + 1} of the code is option ${p.position + 1}, but that beat has only ${p.table.length}.`;
  }
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
  const r = foldMoves(engineOf(scenario, opts.engine), record.seed, movesFrom(record.choices), opts.onStep);
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
