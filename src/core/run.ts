/**
 * Playing, replaying and describing runs: the functions the command line and the browser share,
 * so both give identical results for the same record.
 */
import { createActor, initialTransition, transition, type SnapshotFrom } from 'xstate';
import { draw } from './dice.ts';
import { stateHash } from './hash.ts';
import { createNegotiationMachine, negotiationConfig, type NegotiationMachine } from './machine.ts';
import { CodeError, recordToCode, type RunRecord } from './record.ts';
import { indexOf, offered, type RunContext, type TimelineEntry } from './rules.ts';
import type { Choice, Scenario } from './schema.ts';
import { startRun, stepRun, type StepperSnapshot } from './stepper.ts';

/** Longest seed accepted; longer text is refused with a message, never cut silently. */
export const MAX_SEED_LENGTH = 200;

export type SeedCheck = { ok: true; seed: string } | { ok: false; message: string };

/** Checks a seed typed by a person: any text of 1-200 characters; lone surrogates are repaired (pure). */
export function checkSeed(input: string): SeedCheck {
  const seed = input.toWellFormed();
  if (seed.trim() === '') return { ok: false, message: 'The seed is empty: type any word, name or number.' };
  const length = [...seed].length;
  if (length > MAX_SEED_LENGTH) {
    return { ok: false, message: `The seed is ${length} characters long; the most is ${MAX_SEED_LENGTH}.` };
  }
  return { ok: true, seed };
}

export const BUILTIN_STRATEGIES = ['random', 'first'] as const;

/** Every strategy a scenario can be played with: random, first and the scenario's named ones (pure). */
export function strategiesOf(scenario: Scenario): string[] {
  return [...BUILTIN_STRATEGIES, ...Object.keys(scenario.strategies)];
}

const randomKeys = new Map<string, string>();
/** The dice key of the `random` strategy's pick at a beat (built once per beat). */
function randomKey(beat: string | null): string {
  let key = randomKeys.get(beat ?? '');
  if (key === undefined) randomKeys.set(beat ?? '', (key = `s/random/${beat}`));
  return key;
}

/** Picks a choice for a strategy (pure; `random` draws from the run's seed, keyed by the beat). */
export function pickChoice(scenario: Scenario, strategy: string, ctx: RunContext, table: readonly Choice[]): Choice {
  if (strategy === 'first') return table[0]!;
  if (strategy === 'random') return table[Math.floor(draw(ctx.seed, randomKey(ctx.beat)) * table.length)]!;
  const weights = scenario.strategies[strategy];
  if (!weights) throw new Error(`unknown strategy "${strategy}"; the strategies are: ${strategiesOf(scenario).join(', ')}`);
  let best = table[0]!;
  let bestScore = -Infinity;
  for (const choice of table) {
    let score = 0;
    for (const [meter, w] of Object.entries(weights)) score += w * (choice.effects?.meters?.[meter] ?? 0);
    if (score > bestScore) [best, bestScore] = [choice, score];
  }
  return best;
}

export interface RunSummary {
  scenario: string;
  version: number;
  seed: string;
  choices: string[];
  ending: string | null;
  reason: string | null;
  meters: Record<string, number>;
  day: number;
  date: string;
  timeline: TimelineEntry[];
  hash: string;
  code: string;
}

/** A plain description of a run's state: everything the CLI prints and the debrief shows (pure). */
export function summarize(scenario: Scenario, value: string, ctx: RunContext, date: (day: number) => string): RunSummary {
  return {
    scenario: ctx.scenario,
    version: ctx.version,
    seed: ctx.seed,
    choices: ctx.choices,
    ending: ctx.ending,
    reason: ctx.reason,
    meters: ctx.meters,
    day: ctx.day,
    date: date(ctx.day),
    timeline: ctx.timeline,
    hash: stateHash(value, ctx),
    code: recordToCode(scenario, { scenario: ctx.scenario, version: ctx.version, seed: ctx.seed, choices: ctx.choices }),
  };
}

export type ReplayResult =
  | { ok: true; snapshot: SnapshotFrom<NegotiationMachine>; machine: NegotiationMachine }
  | { ok: false; error: CodeError };

const machines = new WeakMap<Scenario, NegotiationMachine>();
/** The scenario's XState machine, built once. */
export function machineOf(scenario: Scenario): NegotiationMachine {
  let m = machines.get(scenario);
  if (!m) machines.set(scenario, (m = createNegotiationMachine(scenario)));
  return m;
}

/** Replays a record through XState's pure transition API (pure). */
export function replayRecord(scenario: Scenario, record: RunRecord): ReplayResult {
  if (record.scenario !== scenario.id) {
    return { ok: false, error: new CodeError('unknown-scenario', `The run is of "${record.scenario}", not "${scenario.id}".`) };
  }
  if (record.version !== scenario.version) {
    return {
      ok: false,
      error: new CodeError('other-version', `The run was made with version ${record.version} of "${scenario.id}"; this is version ${scenario.version}.`),
    };
  }
  const machine = machineOf(scenario);
  const index = indexOf(scenario);
  let [snapshot] = initialTransition(machine, { seed: record.seed });
  for (const [i, choice] of record.choices.entries()) {
    if (snapshot.status === 'done') {
      return { ok: false, error: new CodeError('bad-choice', `The run ended after ${i} choices, but the record holds ${record.choices.length}.`) };
    }
    const table = offered(index, snapshot.context);
    if (!table.some((c) => c.id === choice)) {
      return {
        ok: false,
        error: new CodeError('bad-choice', `Choice ${i + 1}, "${choice}", is not on the table at beat "${snapshot.context.beat}" (it offers ${table.map((c) => c.id).join(', ')}).`),
      };
    }
    [snapshot] = transition(machine, snapshot, { type: 'choose', choice });
  }
  return { ok: true, snapshot, machine };
}

/** Plays a run live with an XState actor, choosing by strategy or by a list of choice ids. */
export function playLive(
  scenario: Scenario,
  seed: string,
  pick: { strategy: string } | { choices: string[] },
): { ok: true; value: string; context: RunContext } | { ok: false; message: string } {
  const machine = machineOf(scenario);
  const index = indexOf(scenario);
  const actor = createActor(machine, { input: { seed } }).start();
  const queue = 'choices' in pick ? [...pick.choices] : null;
  while (actor.getSnapshot().status === 'active') {
    const ctx = actor.getSnapshot().context;
    const table = offered(index, ctx);
    let choice: string;
    if (queue) {
      if (queue.length === 0) break;
      choice = queue.shift()!;
      if (!table.some((c) => c.id === choice)) {
        actor.stop();
        return { ok: false, message: `"${choice}" is not on the table at beat "${ctx.beat}"; the choices there are: ${table.map((c) => c.id).join(', ')}.` };
      }
    } else choice = pickChoice(scenario, (pick as { strategy: string }).strategy, ctx, table).id;
    actor.send({ type: 'choose', choice });
  }
  if (queue && queue.length > 0) {
    actor.stop();
    return { ok: false, message: `The run ended before these choices: ${queue.join(', ')}.` };
  }
  const s = actor.getSnapshot();
  actor.stop();
  return { ok: true, value: s.value as string, context: s.context };
}

/** Plays one run to its end with a strategy on the fast stepper (pure). */
export function playFast(scenario: Scenario, seed: string, strategy: string): StepperSnapshot {
  const config = negotiationConfig(scenario);
  const index = indexOf(scenario);
  let s = startRun(config, { seed });
  while (s.status === 'active') {
    const table = offered(index, s.context);
    if (table.length === 0) throw new Error(`the run is stuck in "${s.value}" with no choice on the table`);
    s = stepRun(config, s, { type: 'choose', choice: pickChoice(scenario, strategy, s.context, table).id });
  }
  return s;
}
