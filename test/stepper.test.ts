import fc from 'fast-check';
import { createActor, initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { stateHash } from '../src/core/hash.ts';
import { negotiationConfig } from '../src/core/machine.ts';
import { machineOf } from '../src/core/engine.ts';
import { indexOf, offered, type RunContext } from '../src/core/rules.ts';
import type { Scenario } from '../src/core/schema.ts';
import { startRun, stepRun } from '../src/core/stepper.ts';
import { anyPicks, anySeed, fcParams, loadFixture, loadMarch } from './helpers.ts';

interface Seen {
  value: string;
  status: string;
  /** The context as JSON (all three build it with the same rule functions, so in one key order). */
  context: string;
}
const seen = (value: unknown, status: string, context: RunContext): Seen => ({ value: value as string, status, context: JSON.stringify(context) });

/**
 * Plays one run three ways in lock step (the stepper, an XState actor, XState's pure transition
 * API). Choices are picked on the stepper from `picks`, then the first choice until the run
 * ends; with `junk`, an event that is not on the table is sent to all three before each choice.
 * Returns what each saw after the start and after every event, and the three final hashes.
 */
function playThreeWays(scenario: Scenario, seed: string, picks: number[], junk: boolean) {
  const config = negotiationConfig(scenario);
  const machine = machineOf(scenario);
  const index = indexOf(scenario);

  let step = startRun(config, { seed });
  const actor = createActor(machine, { input: { seed } }).start();
  let [pure] = initialTransition(machine, { seed });
  const trail: [Seen, Seen, Seen][] = [];
  const send = (choice: string) => {
    const event = { type: 'choose' as const, choice };
    step = stepRun(config, step, event);
    actor.send(event);
    [pure] = transition(machine, pure, event);
    const a = actor.getSnapshot();
    trail.push([seen(step.value, step.status, step.context), seen(a.value, a.status, a.context), seen(pure.value, pure.status, pure.context)]);
  };
  for (let i = 0; step.status === 'active'; i++) {
    if (i > 100) throw new Error('the run did not end');
    if (junk) send('not-on-the-table');
    const table = offered(index, step.context);
    send(table[(picks[i] ?? 0) % table.length]!.id);
  }
  const a = actor.getSnapshot();
  actor.stop();
  const hashes = [stateHash(step.value, step.context), stateHash(a.value as string, a.context), stateHash(pure.value as string, pure.context)];
  return { trail, hashes, done: step.status === 'done' };
}

describe('the stepper, an XState actor and XState\'s pure transitions agree', () => {
  const cases: [string, () => Scenario, number][] = [
    ['mini', () => loadFixture('mini'), 150],
    ['march-2026', loadMarch, 100],
  ];
  for (const [name, scenario, runs] of cases) {
    it(`${name}: same value, status and hash after every event, for any seed and choices`, () => {
      const s = scenario();
      let finished = 0;
      fc.assert(
        fc.property(anySeed, anyPicks, fc.boolean(), (seed, picks, junk) => {
          const { trail, hashes, done } = playThreeWays(s, seed, picks, junk);
          for (const [stepper, actor, pure] of trail) {
            expect(actor).toEqual(stepper);
            expect(pure).toEqual(stepper);
          }
          expect(new Set(hashes).size).toBe(1);
          if (done) finished++;
        }),
        fcParams(runs),
      );
      // Every run is played to its end, through every kind of state.
      expect(finished).toBe(runs);
    });
  }
});

describe('the stepper', () => {
  it('gives the same snapshot for the same seed and events (no hidden state)', () => {
    const s = loadFixture('mini');
    const config = negotiationConfig(s);
    const play = () => ['hold', 'walk', 'go-public'].reduce((x, choice) => stepRun(config, x, { type: 'choose', choice }), startRun(config, { seed: 'same' }));
    expect(play()).toEqual(play());
  });

  it('refuses a machine that never settles', () => {
    // Two phases whose exits always hold lead to each other forever.
    const s = structuredClone(loadFixture('mini'));
    s.phases[1]!.exits = [{ to: 'designation' }];
    s.phases[2]!.exits = [{ to: 'breakdown' }];
    s.phases[1]!.beats[0]!.when = { flag: 'walked' };
    s.phases[2]!.beats.forEach((b) => (b.when = { flag: 'walked' }));
    const config = negotiationConfig(s);
    const start = startRun(config, { seed: 'loop' });
    const afterHold = stepRun(config, start, { type: 'choose', choice: 'hold' });
    expect(() => stepRun(config, afterHold, { type: 'choose', choice: 'stay' })).toThrow(/did not settle/);
  });
});
