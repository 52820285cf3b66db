/**
 * `npm run bench`: speed figures of the core (and, once built, of the page). Benchmarks, not
 * tests: they print figures and never fail on a slow machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createActor, initialTransition, transition } from 'xstate';
import {
  createNegotiationMachine,
  draw,
  indexOf,
  loadScenario,
  offered,
  pickChoice,
  playFast,
  type Scenario,
} from '../src/core/index.ts';

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
const machine = createNegotiationMachine(scenario);
const index = indexOf(scenario);

console.log('Red Lines benchmark (march-2026, strategy random; seeds differ per run)\n');
row('validate march-2026 (parse + schema + refs)', `${median(Array.from({ length: 15 }, () => {
  const t = performance.now();
  loadScenario(text, file);
  return performance.now() - t;
})).toFixed(1)} ms (median of 15)`);
row('dice draws per second', fmt(rate((i) => draw(`seed-${i >> 5}`, `r/press/leak/beat-${i & 31}`))));
row('playthroughs/s, fast stepper (sim)', fmt(rate((i) => playFast(scenario, `bench-${i}`, 'random'))));
row(
  'playthroughs/s, XState pure transition API',
  fmt(
    rate((i) => {
      let [s] = initialTransition(machine, { seed: `bench-${i}` });
      while (s.status === 'active') {
        const choice = pickChoice(scenario, 'random', s.context, offered(index, s.context));
        [s] = transition(machine, s, { type: 'choose', choice: choice.id });
      }
    }, 1000),
  ),
);
row(
  'playthroughs/s, XState actor API',
  fmt(
    rate((i) => {
      const actor = createActor(machine, { input: { seed: `bench-${i}` } }).start();
      while (actor.getSnapshot().status === 'active') {
        const s = actor.getSnapshot();
        actor.send({ type: 'choose', choice: pickChoice(scenario, 'random', s.context, offered(index, s.context)).id });
      }
      actor.stop();
    }, 1000),
  ),
);

const { benchPage } = await import('./bench-page.ts');
await benchPage(row);
