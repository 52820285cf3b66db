/**
 * `npm run bench`: speed figures of the core (and, once built, of the page). Benchmarks, not
 * tests: they print figures and never fail on a slow machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { draw, loadScenario, playFast, playLive, type Scenario } from '../src/core/index.ts';

const file = fileURLToPath(new URL('../scenarios/march-2026.yaml', import.meta.url));
const text = readFileSync(file, 'utf8');

/** Runs fn repeatedly for about `ms` milliseconds after a warm-up; returns calls per second. */
function rate(fn: (i: number) => void, ms = 1500): number {
  for (let i = 0; i < 200; i++) fn(i);
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let k = 0; k < 50; k++) fn(n++);
    t = performance.now();
  }
  return n / ((t - t0) / 1000);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const rows: [string, string][] = [];
const row = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(46)} ${value}`);
};

const loaded = loadScenario(text, file);
if (!loaded.ok) throw new Error('march-2026 does not load');
const scenario: Scenario = loaded.scenario;

console.log('Red Lines benchmark (march-2026, strategy random; seeds differ per run)\n');
row('validate march-2026 (parse + schema + refs)', `${median(Array.from({ length: 15 }, () => {
  const t = performance.now();
  loadScenario(text, file);
  return performance.now() - t;
})).toFixed(1)} ms (median of 15)`);
row('dice draws per second', fmt(rate((i) => draw(`seed-${i >> 5}`, `r/press/leak/beat-${i & 31}`))));
const SIM_TARGET = 20_000;
const sim = rate((i) => playFast(scenario, `bench-${i}`, 'random'));
row('playthroughs/s, fast engine (sim)', `${fmt(sim)} (target >= ${fmt(SIM_TARGET)})${sim < SIM_TARGET ? '  BELOW TARGET' : ''}`);
row('playthroughs/s, xstate engine (live play)', fmt(rate((i) => playLive(scenario, `bench-${i}`, { strategy: 'random' }), 1000)));

// Version 2: the contract is the game. Each run draws its hidden values, builds both sides' view
// of the 3,072 possible contracts and plays the Department agent at every move.
const file2 = fileURLToPath(new URL('../scenarios/march-2026-v2.yaml', import.meta.url));
const loaded2 = loadScenario(readFileSync(file2, 'utf8'), file2);
if (!loaded2.ok) throw new Error('march-2026 v2 does not load');
const v2: Scenario = loaded2.scenario;
const { outcomeOf, playAgent } = await import('../src/core/agent-play.ts');
const { BUILTIN_AGENTS } = await import('../src/core/negotiation/agents.ts');
console.log('\nmarch-2026 version 2 (agents as the lab against the Department agent)');
const AGENT_TARGET = 10_000;
const randomAgent = rate((i) => outcomeOf(v2, playAgent(v2, `bench-${i}`, BUILTIN_AGENTS.random!).state, { hash: false }));
row('v2 playthroughs/s, random agent (with outcome)', `${fmt(randomAgent)} (target >= ${fmt(AGENT_TARGET)})${randomAgent < AGENT_TARGET ? '  BELOW TARGET' : ''}`);
row('v2 playthroughs/s, prober agent (with outcome)', fmt(rate((i) => outcomeOf(v2, playAgent(v2, `bench-${i}`, BUILTIN_AGENTS.prober!).state, { hash: false }))));
row('v2 playthroughs/s, random strategy (no agent)', fmt(rate((i) => playFast(v2, `bench-${i}`, 'random'))));
// The Department's side: the random agent answers for the Department, the boulware agent plays the lab inside the run.
row('v2 playthroughs/s, random agent as the Department', fmt(rate((i) => outcomeOf(v2, playAgent(v2, { seed: `bench-${i}`, side: 'department', opponent: 'boulware' }, BUILTIN_AGENTS.random!).state, { hash: false }))));

const { benchPage } = await import('./bench-page.ts');
await benchPage(row);

const { benchLighthouse } = await import('./bench-lighthouse.ts');
await benchLighthouse(row);
