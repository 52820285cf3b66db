/**
 * Playing, replaying and describing runs: the functions the command line and the browser share,
 * so both give identical results for the same record.
 */
import { draw } from './dice.ts';
import { agentSource } from './agent-play.ts';
import { builtinAgent } from './negotiation/agents.ts';
import { engineOf, foldMoves, foldRecord, legalText, movesFrom, type MoveSource, type RunState } from './engine.ts';
import { stateHash } from './hash.ts';
import { CodeError, recordOf, recordToCode, type RunRecord } from './record.ts';
import { recordMoves, type RunContext, type TimelineEntry } from './rules.ts';
import type { Choice, Scenario } from './schema.ts';
import type { NegotiationInput } from './machine.ts';

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
  /** Set when the Department was the side played. */
  side?: 'department' | 'pair';
  /** The other side's built-in agent, when one played it (the lab's with `side`, else the Department's). */
  opponent?: string;
}

/** A plain description of a run's state: everything the CLI prints and the debrief shows (pure). */
export function summarize(scenario: Scenario, value: string, ctx: RunContext, date: (day: number) => string): RunSummary {
  return {
    scenario: ctx.scenario,
    version: ctx.version,
    seed: ctx.seed,
    choices: recordMoves(ctx),
    ending: ctx.ending,
    reason: ctx.reason,
    meters: ctx.meters,
    day: ctx.day,
    date: date(ctx.day),
    timeline: ctx.timeline,
    hash: stateHash(value, ctx),
    code: recordToCode(scenario, recordOf(ctx)),
    ...(ctx.side !== undefined ? { side: ctx.side } : {}),
    ...(ctx.opponent !== undefined ? { opponent: ctx.opponent } : {}),
  };
}

export type ReplayResult = { ok: true; snapshot: RunState } | { ok: false; error: CodeError };

/** Replays a record on the XState engine, checking every move (pure). */
export function replayRecord(scenario: Scenario, record: RunRecord): ReplayResult {
  const r = foldRecord(scenario, record, { engine: 'xstate' });
  return r.ok ? { ok: true, snapshot: r.state } : r;
}

/**
 * A move source that picks by a strategy until the run ends (pure). `first` takes the first legal
 * move (what pressing 1 then Enter does in the browser); `random` a random story choice (version
 * 1) or a random legal move (version 2, keyed by the day and the state); a named strategy the
 * story choice its meter weights like best; at a negotiating table, the move of the built-in
 * agent the scenario pairs it with (`negotiation.strategyAgents`), else, with no story move on
 * the table, the first legal move.
 */
const byStrategy =
  (scenario: Scenario, strategy: string): MoveSource =>
  (_i, table, state, legal) => {
    if (state.status === 'done') return null;
    if (legal.length === 0) throw new Error(`the run is stuck in "${state.value}" with no move on the table`);
    if (strategy === 'first') return { position: 0 };
    if (strategy === 'random' && scenario.negotiation) {
      return { position: Math.floor(draw(state.context.seed, `s/random/${state.value}/${state.context.day}`) * legal.length) };
    }
    // At a negotiating table, a named strategy with an agent bargains like it.
    const bargainer = scenario.negotiation?.strategyAgents?.[strategy];
    if (bargainer && legal.some((m) => m.kind !== 'choice')) return agentSource(scenario, builtinAgent(bargainer)!)(_i, table, state, legal);
    if (table.length === 0) {
      if (!scenario.negotiation) throw new Error(`the run is stuck in "${state.value}" with no choice on the table`);
      if (!scenario.strategies[strategy]) throw new Error(`unknown strategy "${strategy}"; the strategies are: ${strategiesOf(scenario).join(', ')}`);
      return { position: 0 };
    }
    return { id: pickChoice(scenario, strategy, state.context, table).id };
  };

/**
 * Plays a run on the XState engine, choosing by strategy or by a list of choice ids (pure).
 * With a list, every id must be on the table when its turn comes, and the run must not end first.
 */
export function playLive(
  scenario: Scenario,
  seed: string | NegotiationInput,
  pick: { strategy: string } | { choices: string[] },
): { ok: true; value: string; context: RunContext } | { ok: false; message: string } {
  const engine = engineOf(scenario, 'xstate');
  if ('strategy' in pick) {
    const r = foldMoves(engine, seed, byStrategy(scenario, pick.strategy));
    return { ok: true, value: r.state.value, context: r.state.context };
  }
  const r = foldMoves(engine, seed, movesFrom(pick.choices));
  if (r.ok) return { ok: true, value: r.state.value, context: r.state.context };
  const p = r.problem;
  if (p.kind === 'not-offered') {
    if (p.detail !== undefined) return { ok: false, message: `Move ${p.index + 1}: ${p.detail}; legal now: ${legalText(p.legal)}.` };
    return { ok: false, message: `"${p.move}" is not on the table at beat "${p.beat}"; the choices there are: ${p.table.map((c) => c.id).join(', ')}.` };
  }
  return { ok: false, message: `The run ended before these choices: ${pick.choices.slice(p.index).join(', ')}.` };
}

/** Plays one run to its end with a strategy on the fast engine (pure). */
export function playFast(scenario: Scenario, seed: string, strategy: string): RunState {
  return foldMoves(engineOf(scenario, 'fast'), seed, byStrategy(scenario, strategy)).state;
}
