/**
 * Model-based path tests with xstate/graph: every ending (and every ending reason) is reachable,
 * and no reachable state is a dead end.
 */
import { describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import { createNegotiationMachine, indexOf, offered, playFast, type Scenario } from '../src/core/index.ts';
import { loadFixtureFile, loadMarch } from './graph-helpers.ts';

type Snap = { value: unknown; status: string; context: import('../src/core/index.ts').RunContext };

/** Leaves out volatile context (timeline, day, rolls) but keeps what guards read. */
function serialize(s: Snap): string {
  const c = s.context;
  const flags = Object.keys(c.flags).filter((f) => c.flags[f]).sort();
  return JSON.stringify([s.value, c.beat, c.step, c.goto?.to ?? null, flags, [...c.fired].sort(), c.ending, c.reason]);
}

function explore(scenario: Scenario, seed: string) {
  const machine = createNegotiationMachine(scenario);
  const index = indexOf(scenario);
  const paths = getShortestPaths(machine, {
    input: { seed },
    events: (s) => offered(index, s.context).map((c) => ({ type: 'choose' as const, choice: c.id })),
    serializeState: (s) => serialize(s as unknown as Snap),
  });
  return { paths, index };
}

describe.each([
  ['mini fixture', () => loadFixtureFile('mini')],
  ['march-2026', () => loadMarch()],
])('state graph of %s', (_name, load) => {
  const scenario = load();
  const seeds = ['graph-1', 'graph-2', 'classroom-1'];
  const explored = seeds.map((seed) => explore(scenario, seed));

  it('reaches every ending, and every reason each ending gives', () => {
    const reached = new Set<string>();
    for (const { paths } of explored) {
      for (const p of paths) {
        const c = (p.state as unknown as Snap).context;
        if (c.ending) reached.add(`${c.ending}/${c.reason}`);
      }
    }
    const expected = scenario.endings.flatMap((e) => e.reasons.map((r) => `${e.id}/${r.id}`));
    expect([...reached].sort()).toEqual(expected.sort());
  });

  it('has no state without a way out: every active state offers a choice that moves the run', () => {
    let checked = 0;
    for (const { paths, index } of explored) {
      for (const p of paths) {
        const s = p.state as unknown as Snap;
        if (s.status === 'done') {
          expect(scenario.endings.map((e) => e.id)).toContain(s.value);
          continue;
        }
        const table = offered(index, s.context);
        expect(table.length, `stuck at ${String(s.value)}/${s.context.beat}`).toBeGreaterThanOrEqual(2);
        expect(table.length, `too many choices at ${s.context.beat}`).toBeLessThanOrEqual(4);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('every beat is played in some run: the graph, then seeded random play for dice-gated beats', () => {
    const beats = new Set<string>();
    for (const { paths } of explored) for (const p of paths) {
      const c = (p.state as unknown as Snap).context;
      if (c.beat) beats.add(c.beat);
    }
    for (let i = 0; i < 3000; i++) {
      for (const e of playFast(scenario, `beats-${i}`, 'random').context.timeline) if (e.kind === 'choice') beats.add(e.beat);
    }
    const all = scenario.phases.flatMap((ph) => ph.beats.map((b) => b.id));
    expect(all.filter((b) => !beats.has(b))).toEqual([]);
  });
});
