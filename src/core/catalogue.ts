/**
 * The scenarios a game holds: several scenarios, and several versions of one (a released version
 * is never changed in place, so old codes, saves and run files keep replaying to their hashes).
 * Everything that names a run's scenario (codes, class links, run files, saves) looks it up here.
 */
import type { Scenario } from './schema.ts';

export type Found =
  | { ok: true; scenario: Scenario }
  /** No scenario of that id. */
  | { ok: false; kind: 'unknown-scenario'; ids: string[] }
  /** The id is known, but not at that version; `versions` are the ones this game has. */
  | { ok: false; kind: 'other-version'; versions: number[] };

/** The scenario of an id at a version, or why there is none (pure). */
export function findScenario(scenarios: readonly Scenario[], id: string, version: number): Found {
  const same = scenarios.filter((s) => s.id === id);
  if (same.length === 0) return { ok: false, kind: 'unknown-scenario', ids: [...new Set(scenarios.map((s) => s.id))].sort() };
  const scenario = same.find((s) => s.version === version);
  return scenario ? { ok: true, scenario } : { ok: false, kind: 'other-version', versions: same.map((s) => s.version).sort((a, b) => a - b) };
}

/** "version 2", or "versions 1 and 2", or "versions 1, 2 and 3" (pure). */
export function versionsText(versions: readonly number[]): string {
  if (versions.length === 1) return `version ${versions[0]}`;
  return `versions ${versions.slice(0, -1).join(', ')} and ${versions.at(-1)}`;
}

/** The newest version of each scenario id, in the order the ids first appear (pure). */
export function latestVersions(scenarios: readonly Scenario[]): Scenario[] {
  const out = new Map<string, Scenario>();
  for (const s of scenarios) {
    const had = out.get(s.id);
    if (!had || s.version > had.version) out.set(s.id, s);
  }
  return [...out.values()];
}

/** Whether a scenario is a main one (about the real events, in full), not a fictional tutorial or a shortened version (pure). */
export const isMain = (s: Scenario): boolean => !s.fictional && !s.short;

/**
 * The newest version of each scenario id, main ones first (a game opens on the first): then the
 * fictional ones (the tutorial), then the shortened ones (pure).
 */
export function scenarioChoices(scenarios: readonly Scenario[]): Scenario[] {
  const rank = (s: Scenario) => (isMain(s) ? 0 : s.fictional ? 1 : 2);
  return latestVersions(scenarios).sort((a, b) => rank(a) - rank(b));
}

/** The game's tutorial: the newest version of its first fictional scenario, or null (pure). */
export function tutorialOf(scenarios: readonly Scenario[]): Scenario | null {
  return latestVersions(scenarios).find((s) => s.fictional) ?? null;
}

/** The shortened version of a scenario, for a class with less time, or null (pure). */
export function shortOf(scenarios: readonly Scenario[], s: Scenario): Scenario | null {
  return latestVersions(scenarios).find((x) => x.short?.of.id === s.id && x.short.of.version === s.version) ?? null;
}

/** Whether the game holds a newer version of this scenario id: this one is then an earlier, archived version (pure). */
export function isEarlierVersion(scenarios: readonly Scenario[], id: string, version: number): boolean {
  return scenarios.some((s) => s.id === id && s.version > version);
}
