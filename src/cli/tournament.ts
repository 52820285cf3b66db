/**
 * `red-lines tournament`: each agent plays the lab against the Department agent (or, with
 * `side: 'department'`, the Department against a built-in lab agent) over the seeds sim-0 …
 * sim-(n-1); endings, mean utilities and mean value left per agent (pure but for the clock).
 */
import { AgentError } from '../core/agent-play.ts';
import { tallyAgent, tallyMeans } from '../core/tally.ts';
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
  /** The side the agents played, and the built-in agent that played the other side, if one did. */
  side: 'lab' | 'department';
  opponent?: string;
  agents: TournamentEntry[];
}

/** Plays every agent over `runs` seeds (throws AgentError at an agent's first illegal move). */
export function tournament(scenario: Scenario, agents: readonly Agent[], runs: number, opts: { details?: boolean; seedPrefix?: string; side?: 'lab' | 'department'; opponent?: string } = {}): TournamentResult {
  const side = opts.side ?? 'lab';
  const entries = agents.map((agent): TournamentEntry => {
    const details: TournamentRun[] = [];
    const t0 = performance.now();
    const tally = tallyAgent(scenario, agent, { runs, seedPrefix: opts.seedPrefix, hash: opts.details === true, side, opponent: opts.opponent }, undefined, opts.details
      ? (seed, o) => details.push({ seed, ending: o.ending, deal: o.deal, utilities: o.utilities, valueLeft: o.valueLeft, hash: o.hash! })
      : undefined);
    const seconds = (performance.now() - t0) / 1000;
    const means = tallyMeans(tally);
    const entry: TournamentEntry = {
      name: agent.name,
      endings: tally.endings,
      meanUtility: { lab: means.lab, department: means.department },
      meanValueLeft: means.valueLeft,
      runsPerSecond: Math.round(runs / Math.max(seconds, 1e-9)),
    };
    if (opts.details) entry.runs = details;
    return entry;
  });
  return { scenario: scenario.id, version: scenario.version, runs, side, ...(opts.opponent !== undefined ? { opponent: opts.opponent } : {}), agents: entries };
}

export { AgentError };
