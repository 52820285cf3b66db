/**
 * The odds explorer's worker: plays seeds with each strategy on the pure core, off the page's
 * thread, in chunks so it can report progress (and be stopped between them by terminate()).
 * The seeds are `simSeed(prefix, i)`, exactly those of `npx red-lines sim`.
 */
import type { Scenario } from '../core/schema.ts';
import { simulate } from '../core/simulate.ts';

export interface OddsRequest {
  scenario: Scenario;
  runs: number;
  strategies: string[];
  seedPrefix: string;
}

export type OddsMessage =
  | { type: 'progress'; strategy: string; done: number; total: number }
  | { type: 'result'; strategy: string; runs: number; endings: Record<string, number> }
  | { type: 'done' }
  | { type: 'error'; message: string };

const CHUNK = 250;

self.onmessage = (e: MessageEvent<OddsRequest>) => {
  const { scenario, runs, strategies, seedPrefix } = e.data;
  const post = (m: OddsMessage) => (self as unknown as Worker).postMessage(m);
  try {
    const total = runs * strategies.length;
    let done = 0;
    for (const strategy of strategies) {
      const endings: Record<string, number> = Object.fromEntries(scenario.endings.map((x) => [x.id, 0]));
      for (let first = 0; first < runs; first += CHUNK) {
        const r = simulate(scenario, { runs: Math.min(CHUNK, runs - first), strategy, seedPrefix, first });
        for (const [k, v] of Object.entries(r.endings)) endings[k] = (endings[k] ?? 0) + v;
        done += r.runs;
        post({ type: 'progress', strategy, done, total });
      }
      post({ type: 'result', strategy, runs, endings });
    }
    post({ type: 'done' });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message });
  }
};
