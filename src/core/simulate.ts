/**
 * Simulation: many seeded runs with one strategy, tallied. Used for balance, for the odds
 * explorer and by `red-lines sim`.
 */
import { playFast } from './run.ts';
import type { Scenario } from './schema.ts';

export interface SimOptions {
  runs: number;
  strategy: string;
  /** Seeds are `${seedPrefix}${i}` for i in [first, first + runs). */
  seedPrefix?: string;
  first?: number;
}

export interface SimResult {
  scenario: string;
  version: number;
  strategy: string;
  runs: number;
  endings: Record<string, number>;
  reasons: Record<string, number>;
  /** Mean final value of each meter. */
  meters: Record<string, number>;
  /** Mean number of choices and days a run takes. */
  choices: number;
  days: number;
  /** How often each reaction fired, per run. */
  reactions: Record<string, number>;
}

/** The seed of run i of a simulation (pure). */
export const simSeed = (prefix: string, i: number) => `${prefix}${i}`;

/** Plays `runs` seeds with a strategy and tallies endings, reasons, meters and reactions (pure). */
export function simulate(scenario: Scenario, opts: SimOptions): SimResult {
  const prefix = opts.seedPrefix ?? 'sim-';
  const first = opts.first ?? 0;
  const endings: Record<string, number> = Object.fromEntries(scenario.endings.map((e) => [e.id, 0]));
  const reasons: Record<string, number> = {};
  const meterSums: Record<string, number> = Object.fromEntries(scenario.meters.map((m) => [m.id, 0]));
  const reactions: Record<string, number> = Object.fromEntries(scenario.stakeholders.flatMap((s) => s.reactions.map((r) => [r.id, 0])));
  let choices = 0;
  let days = 0;
  for (let i = first; i < first + opts.runs; i++) {
    const { context } = playFast(scenario, simSeed(prefix, i), opts.strategy);
    endings[context.ending!] = (endings[context.ending!] ?? 0) + 1;
    const reason = `${context.ending}/${context.reason}`;
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    for (const id in meterSums) meterSums[id]! += context.meters[id] ?? 0;
    for (const id of context.fired) reactions[id]!++;
    choices += context.choices.length;
    days += context.day;
  }
  const n = Math.max(1, opts.runs);
  const round = (x: number) => Math.round((x / n) * 100) / 100;
  return {
    scenario: scenario.id,
    version: scenario.version,
    strategy: opts.strategy,
    runs: opts.runs,
    endings,
    reasons,
    meters: Object.fromEntries(Object.entries(meterSums).map(([k, v]) => [k, round(v)])),
    choices: round(choices),
    days: round(days),
    reactions: Object.fromEntries(Object.entries(reactions).map(([k, v]) => [k, round(v)])),
  };
}
