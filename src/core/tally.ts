/**
 * Many seeds played by one agent (as the lab, or as the Department against a built-in lab agent), summed: the numbers the odds explorer (in its
 * worker) and `red-lines tournament` both report, from the same seeds (`<prefix><i>`), so their
 * counts agree (pure).
 */
import { outcomeOf, playAgent, type Outcome } from './agent-play.ts';
import type { Agent } from './negotiation/types.ts';
import type { Scenario } from './schema.ts';
import { simSeed } from './simulate.ts';
import { startOf } from './record.ts';

/** Sums over a range of seeds: ending counts, and totals of both utilities and value left. */
export interface AgentTally {
  runs: number;
  endings: Record<string, number>;
  lab: number;
  department: number;
  valueLeft: number;
}

/** An empty tally with every ending of the scenario at 0. */
export function emptyTally(scenario: Scenario): AgentTally {
  return { runs: 0, endings: Object.fromEntries(scenario.endings.map((e) => [e.id, 0])), lab: 0, department: 0, valueLeft: 0 };
}

/**
 * Plays seeds `<prefix><first>` … `<prefix><first + runs − 1>` with the agent and adds them to
 * the tally (pure if the agent is; throws AgentError at its first illegal move). `each` sees every
 * seed's outcome (the CLI's `--details`).
 */
export function tallyAgent(
  scenario: Scenario,
  agent: Agent,
  opts: { first?: number; runs: number; seedPrefix?: string; hash?: boolean; side?: 'lab' | 'department'; opponent?: string },
  into: AgentTally = emptyTally(scenario),
  each?: (seed: string, outcome: Outcome) => void,
): AgentTally {
  const prefix = opts.seedPrefix ?? 'sim-';
  const first = opts.first ?? 0;
  for (let i = first; i < first + opts.runs; i++) {
    const seed = simSeed(prefix, i);
    const o = outcomeOf(scenario, playAgent(scenario, startOf({ seed, side: opts.side === 'department' ? 'department' : undefined, opponent: opts.opponent }), agent).state, { hash: opts.hash === true });
    if (o.ending) into.endings[o.ending] = (into.endings[o.ending] ?? 0) + 1;
    into.lab += o.utilities.lab;
    into.department += o.utilities.department;
    into.valueLeft += o.valueLeft;
    into.runs++;
    each?.(seed, o);
  }
  return into;
}

/** A tally's means, to two decimals. */
export function tallyMeans(t: AgentTally): { lab: number; department: number; valueLeft: number } {
  const m = (x: number) => (t.runs ? Math.round((x / t.runs) * 100) / 100 : 0);
  return { lab: m(t.lab), department: m(t.department), valueLeft: m(t.valueLeft) };
}
