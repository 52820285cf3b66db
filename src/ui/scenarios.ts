/**
 * The scenarios the site ships (vite.config.ts validates them at build time and lists them in
 * `virtual:scenarios`), fetched as early as possible: main.ts starts the requests before the
 * engine's chunk has loaded, and the Preloader collects them.
 */
import list from 'virtual:scenarios';
import type { Scenario } from '../core/schema.ts';

export type ScenarioEntry = (typeof list)[number];
export const SCENARIO_ENTRIES: readonly ScenarioEntry[] = list;

const requests = new Map<string, Promise<unknown>>();

/** Starts fetching every scenario file (once). */
export function prefetchScenarios(): void {
  for (const e of list) {
    if (!requests.has(e.url)) requests.set(e.url, fetch(e.url).then((r) => r.json()).catch((err: unknown) => ({ errors: [`${e.url}: ${(err as Error).message}`] })));
  }
}

/** Every scenario the site ships, and a sentence for each that could not be loaded. */
export async function loadScenarios(): Promise<{ scenarios: Scenario[]; problems: string[] }> {
  prefetchScenarios();
  const scenarios: Scenario[] = [];
  const problems: string[] = [];
  for (const e of list) {
    const data = (await requests.get(e.url)) as (Scenario & { errors?: string[] }) | undefined;
    if (data && Array.isArray(data.phases)) scenarios.push(data);
    else problems.push(...(data?.errors ?? [`The scenario file ${e.url} could not be loaded.`]));
  }
  return { scenarios, problems };
}
