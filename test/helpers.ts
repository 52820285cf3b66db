/** Shared test helpers: loading scenarios, playing runs by choice positions, fast-check settings. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import { playAgent } from '../src/core/agent-play.ts';
import { BUILTIN_AGENT_NAMES, BUILTIN_AGENTS } from '../src/core/negotiation/agents.ts';
import { formatError, loadScenario, type Scenario } from '../src/core/index.ts';
import { loadScenarioSet } from '../src/core/loader.ts';
import { negotiationConfig } from '../src/core/machine.ts';
import { indexOf, offered } from '../src/core/rules.ts';
import { startRun, stepRun, type StepperSnapshot } from '../src/core/stepper.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const fixturePath = (name: string): string => join(ROOT, 'test', 'fixtures', `${name}.yaml`);
export const MARCH_PATH = join(ROOT, 'scenarios', 'march-2026.yaml');
/** Version 2 of march-2026: the contract is the game. */
export const MARCH2_PATH = join(ROOT, 'scenarios', 'march-2026-v2.yaml');
export const MARCH3_PATH = join(ROOT, 'scenarios', 'march-2026-v3.yaml');

export const MARCH4_PATH = join(ROOT, 'scenarios', 'march-2026-v4.yaml');
export const MARCH5_PATH = join(ROOT, 'scenarios', 'march-2026-v5.yaml');
export const MARCH_SHORT_PATH = join(ROOT, 'scenarios', 'march-2026-short.yaml');
export const MARCH_SHORT2_PATH = join(ROOT, 'scenarios', 'march-2026-short-v2.yaml');
export const TUTORIAL_PATH = join(ROOT, 'scenarios', 'tutorial.yaml');
export const TUTORIAL2_PATH = join(ROOT, 'scenarios', 'tutorial-v2.yaml');
export const SCENARIO_DIR = join(ROOT, 'scenarios');

/** Every file in scenarios/, loaded together as the site and the CLI load them (a file may extend another). */
export function loadShipped(): Scenario[] {
  const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(SCENARIO_DIR, f));
  return loadScenarioSet(files.map((file) => ({ file, text: readFileSync(file, 'utf8') }))).map((r, i) => {
    if (!r.ok) throw new Error(`${files[i]} is not a valid scenario:\n${r.errors.map(formatError).join('\n')}`);
    return r.scenario;
  });
}

/** Loads a scenario file, throwing every formatted error if it is invalid (a file that extends another is built on scenarios/). */
export function loadScenarioFile(file: string): Scenario {
  const text = readFileSync(file, 'utf8');
  const r = loadScenario(text, file, /^extends:/m.test(text) ? { bases: loadShipped() } : {});
  if (!r.ok) throw new Error(`${file} is not a valid scenario:\n${r.errors.map(formatError).join('\n')}`);
  return r.scenario;
}

const cache = new Map<string, Scenario>();
const cached = (file: string): Scenario => {
  let s = cache.get(file);
  if (!s) cache.set(file, (s = loadScenarioFile(file)));
  return s;
};

/** test/fixtures/<name>.yaml, loaded and checked (cached per test file). */
export const loadFixture = (name: string): Scenario => cached(fixturePath(name));

/** scenarios/march-2026.yaml, loaded and checked (cached per test file). Never pin its exact numbers. */
export const loadMarch = (): Scenario => cached(MARCH_PATH);
/** scenarios/march-2026-v2.yaml, loaded and checked (cached per test file). Never pin its exact numbers. */
export const loadMarch2 = (): Scenario => cached(MARCH2_PATH);
/** scenarios/march-2026-v3.yaml (version 2's play, with the Department's side), loaded and checked (cached per test file). */
export const loadMarch3 = (): Scenario => cached(MARCH3_PATH);
/** scenarios/march-2026-v4.yaml (version 3 with the glossary and the context beyond the reports). */
export const loadMarch4 = (): Scenario => cached(MARCH4_PATH);
/** scenarios/march-2026-v5.yaml (version 4 with the endings' words for the Department): what new runs play. */
export const loadMarch5 = (): Scenario => cached(MARCH5_PATH);
/** scenarios/march-2026-short.yaml: the 20-minute version of version 4. */
export const loadMarchShort = (): Scenario => cached(MARCH_SHORT_PATH);
/** scenarios/march-2026-short-v2.yaml: the 20-minute version of version 5 (what a 20-minute class plays). */
export const loadMarchShort2 = (): Scenario => cached(MARCH_SHORT2_PATH);
/** scenarios/tutorial.yaml: the fictional practice negotiation. */
export const loadTutorial = (): Scenario => cached(TUTORIAL_PATH);
/** scenarios/tutorial-v2.yaml: the practice with lessons for the Department's side too (what the title offers). */
export const loadTutorial2 = (): Scenario => cached(TUTORIAL2_PATH);

/** A private copy of the mini fixture (or of `base`), changed by `edit`; the fixture file never changes. */
export function miniVariant(edit: (s: Scenario) => void, base: Scenario = loadFixture('mini')): Scenario {
  const s = structuredClone(base);
  edit(s);
  return s;
}

/** The mini fixture with every reaction's chance forced to `p` (0: never fires, 1: always fires). */
export const miniWithChance = (p: 0 | 1): Scenario =>
  miniVariant((s) => {
    for (const x of s.stakeholders) for (const r of x.reactions) r.chance = { base: p };
  });

/**
 * Plays a run on the stepper, taking at each beat the choice at position `pick % offered` from
 * `picks`; once the picks run out it stops, or with `toEnd` keeps taking the first choice until
 * the run ends. Returns every snapshot, the start included, and the choice ids taken.
 */
export function playPicks(
  scenario: Scenario,
  seed: string,
  picks: readonly number[],
  toEnd = false,
): { snapshots: StepperSnapshot[]; choices: string[]; final: StepperSnapshot } {
  const config = negotiationConfig(scenario);
  const index = indexOf(scenario);
  let s = startRun(config, { seed });
  const snapshots = [s];
  const choices: string[] = [];
  const limit = scenario.phases.reduce((n, p) => n + p.beats.length, 0) + 1;
  for (let i = 0; s.status === 'active' && (i < picks.length || toEnd); i++) {
    if (i > limit) throw new Error(`run of seed ${JSON.stringify(seed)} did not end within ${limit} choices`);
    const table = offered(index, s.context);
    if (table.length === 0) throw new Error(`no choice on the table in "${s.value}"`);
    const choice = table[(picks[i] ?? 0) % table.length]!.id;
    choices.push(choice);
    s = stepRun(config, s, { type: 'choose', choice });
    snapshots.push(s);
  }
  return { snapshots, choices, final: s };
}

/** Plays a list of choice ids on the stepper (each must be on the table). */
export function playChoices(scenario: Scenario, seed: string, choices: readonly string[]): StepperSnapshot {
  const config = negotiationConfig(scenario);
  const index = indexOf(scenario);
  let s = startRun(config, { seed });
  for (const choice of choices) {
    const table = offered(index, s.context).map((c) => c.id);
    if (!table.includes(choice)) throw new Error(`"${choice}" is not on the table at "${s.context.beat}" (${table.join(', ')})`);
    s = stepRun(config, s, { type: 'choose', choice });
  }
  return s;
}

/** The total number of beats of a scenario: no run can make more choices than this. */
export const totalBeats = (s: Scenario): number => s.phases.reduce((n, p) => n + p.beats.length, 0);

/** Fixed fast-check settings, so every run of the suite checks the same cases. */
export const fcParams = (numRuns: number) => ({ numRuns, seed: 20260305 });

/** Any seed text: every Unicode code point except lone surrogates. */
export const anySeed = fc.string({ unit: 'binary', maxLength: 40 });

/** Choice positions; taken modulo the number of choices on the table. */
export const anyPicks = fc.array(fc.nat({ max: 11 }), { maxLength: 24 });

/**
 * Checks that scenario `b` plays exactly as `a` (a version built on another that changes only
 * words): over `runs` seeds `<prefix>-<i>`, every built-in agent in turn plays the lab, and every
 * other run the Department against each agent; the moves and the whole context are the same, only
 * the version differs.
 */
export function expectSamePlay(a: Scenario, b: Scenario, prefix: string, runs: number): void {
  for (let i = 0; i < runs; i++) {
    const seed = `${prefix}-${i}`;
    const agent = BUILTIN_AGENTS[BUILTIN_AGENT_NAMES[i % BUILTIN_AGENT_NAMES.length]!]!;
    const start = i % 2 === 0 ? seed : { seed, side: 'department' as const, opponent: BUILTIN_AGENT_NAMES[(i >> 1) % BUILTIN_AGENT_NAMES.length]! };
    const x = playAgent(a, start, agent);
    const y = playAgent(b, start, agent);
    expect(y.moves, seed).toEqual(x.moves);
    const { version: vx, ...cx } = x.state.context;
    const { version: vy, ...cy } = y.state.context;
    expect([vx, vy]).toEqual([a.version, b.version]);
    expect(cy, seed).toEqual(cx);
  }
}
