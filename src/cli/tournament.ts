/**
 * `red-lines tournament`: each agent plays the lab against the Department agent over the seeds
 * sim-0 … sim-(n-1); endings, mean utilities and mean value left per agent (pure but for the clock).
 */
import { AgentError, outcomeOf, playAgent } from '../core/agent-play.ts';
import type { Scenario } from '../core/schema.ts';
import type { Agent, Package } from '../core/negotiation/types.ts';

export interface TournamentRun {
  seed: string;
  ending: string | null;
  deal: Package | null;
  utilities: { lab: number; department: number };
  valueLeft: number;
  hash: string;
}

export interface TournamentEntry {
  name: string;
  endings: Record<string, number>;
  meanUtility: { lab: number; department: number };
  meanValueLeft: number;
  runsPerSecond: number;
  runs?: TournamentRun[];
}

export interface TournamentResult {
  scenario: string;
  version: number;
  runs: number;
  agents: TournamentEntry[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Plays every agent over `runs` seeds (throws AgentError at an agent's first illegal move). */
export function tournament(scenario: Scenario, agents: readonly Agent[], runs: number, opts: { details?: boolean; seedPrefix?: string } = {}): TournamentResult {
  const prefix = opts.seedPrefix ?? 'sim-';
  const entries = agents.map((agent): TournamentEntry => {
    const endings: Record<string, number> = {};
    for (const e of scenario.endings) endings[e.id] = 0;
    let lab = 0;
    let department = 0;
    let left = 0;
    const details: TournamentRun[] = [];
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) {
      const seed = `${prefix}${i}`;
      const { state } = playAgent(scenario, seed, agent);
      const o = outcomeOf(scenario, state, { hash: opts.details === true });
      if (o.ending) endings[o.ending] = (endings[o.ending] ?? 0) + 1;
      lab += o.utilities.lab;
      department += o.utilities.department;
      left += o.valueLeft;
      if (opts.details) details.push({ seed, ending: o.ending, deal: o.deal, utilities: o.utilities, valueLeft: o.valueLeft, hash: o.hash! });
    }
    const seconds = (performance.now() - t0) / 1000;
    const entry: TournamentEntry = {
      name: agent.name,
      endings,
      meanUtility: { lab: r2(lab / runs), department: r2(department / runs) },
      meanValueLeft: r2(left / runs),
      runsPerSecond: Math.round(runs / Math.max(seconds, 1e-9)),
    };
    if (opts.details) entry.runs = details;
    return entry;
  });
  return { scenario: scenario.id, version: scenario.version, runs, agents: entries };
}

export { AgentError };
