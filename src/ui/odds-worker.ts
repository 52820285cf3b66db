/**
 * The odds explorer's worker: plays seeds on the pure core, off the page's thread, in chunks so
 * it can report progress (and be stopped between them by terminate()). Each row is a strategy
 * (`npx red-lines sim`'s seeds and counts) or, for a scenario with a negotiation, a built-in
 * agent playing the lab or the Department (`npx red-lines tournament [--side department]`'s
 * seeds, counts and means). The seeds are
 * `<prefix>0`, `<prefix>1`, … (simSeed), the same for both.
 */
import type { Scenario } from '../core/schema.ts';
import { simulate } from '../core/simulate.ts';
import { builtinAgent } from '../core/negotiation/agents.ts';
import { emptyTally, tallyAgent, tallyMeans } from '../core/tally.ts';

export interface OddsRequest {
  scenario: Scenario;
  runs: number;
  /** What each row plays: a strategy or a built-in agent, by name. */
  by: 'strategy' | 'agent';
  /** For agents: the side they play (the lab by default); playing the Department, the built-in agent that plays the lab. */
  side?: 'lab' | 'department';
  opponent?: string;
  names: string[];
  seedPrefix: string;
}

/** What an agent's row adds to its ending counts: the means over its seeds. */
export interface OddsMeans {
  lab: number;
  department: number;
  valueLeft: number;
}

export type OddsMessage =
  | { type: 'progress'; name: string; done: number; total: number }
  | { type: 'result'; name: string; runs: number; endings: Record<string, number>; means?: OddsMeans }
  | { type: 'done' }
  | { type: 'error'; message: string };

const CHUNK = 250;

self.onmessage = (e: MessageEvent<OddsRequest>) => {
  const { scenario, runs, by, names, seedPrefix, side, opponent } = e.data;
  const post = (m: OddsMessage) => (self as unknown as Worker).postMessage(m);
  try {
    const total = runs * names.length;
    let done = 0;
    for (const name of names) {
      if (by === 'agent') {
        const agent = builtinAgent(name);
        if (!agent) throw new Error(`there is no built-in agent "${name}"`);
        const tally = emptyTally(scenario);
        for (let first = 0; first < runs; first += CHUNK) {
          const n = Math.min(CHUNK, runs - first);
          tallyAgent(scenario, agent, { first, runs: n, seedPrefix, side, opponent }, tally);
          done += n;
          post({ type: 'progress', name, done, total });
        }
        post({ type: 'result', name, runs, endings: tally.endings, means: tallyMeans(tally) });
        continue;
      }
      const endings: Record<string, number> = Object.fromEntries(scenario.endings.map((x) => [x.id, 0]));
      for (let first = 0; first < runs; first += CHUNK) {
        const r = simulate(scenario, { runs: Math.min(CHUNK, runs - first), strategy: name, seedPrefix, first });
        for (const [k, v] of Object.entries(r.endings)) endings[k] = (endings[k] ?? 0) + v;
        done += r.runs;
        post({ type: 'progress', name, done, total });
      }
      post({ type: 'result', name, runs, endings });
    }
    post({ type: 'done' });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message });
  }
};
