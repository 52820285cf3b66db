/**
 * The scenarios the site ships (vite.config.ts validates them at build time and lists them in
 * `virtual:scenarios`), fetched as early as possible: main.ts starts the requests before the
 * engine's chunk has loaded, and the Preloader collects them.
 */
import list from 'virtual:scenarios';
import { unpackScenarios } from '../core/overlay.ts';
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

/**
 * Every scenario the site ships, and a sentence for each that could not be loaded. A file sent as
 * a patch (only what differs from another scenario the site sends) is laid over its base.
 */
export async function loadScenarios(): Promise<{ scenarios: Scenario[]; problems: string[] }> {
  prefetchScenarios();
  const received = await Promise.all(list.map(async (e) => ({ url: e.url, data: await requests.get(e.url) })));
  const { scenarios, problems } = unpackScenarios(received);
  return { scenarios: scenarios as unknown as Scenario[], problems };
}
