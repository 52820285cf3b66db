import { describe, expect, it } from 'vitest';
import { pickChoice, playFast, strategiesOf } from '../src/core/run.ts';
import { simSeed, simulate, type SimResult } from '../src/core/simulate.ts';
import { loadFixture, loadMarch, playChoices } from './helpers.ts';

const mini = loadFixture('mini');
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('simulate tallies', () => {
  const result = simulate(mini, { runs: 300, strategy: 'random' });

  it('count every run once in the endings and once in the reasons', () => {
    expect(result.runs).toBe(300);
    expect(sum(result.endings)).toBe(300);
    expect(sum(result.reasons)).toBe(300);
    expect(Object.keys(result.endings).sort()).toEqual(['capitulation', 'compromise', 'standoff']);
    for (const key of Object.keys(result.reasons)) expect(key).toMatch(/^(compromise|capitulation|standoff)\//);
  });

  it('give means within range', () => {
    for (const v of Object.values(result.meters)) expect(v >= 0 && v <= 100, `meter mean ${v}`).toBe(true);
    // A reaction fires at most once a run, so its rate per run is at most 1.
    for (const v of Object.values(result.reactions)) expect(v >= 0 && v <= 1, `reaction rate ${v}`).toBe(true);
    expect(Object.values(result.reactions).some((v) => v > 0)).toBe(true);
    expect(result.choices).toBeGreaterThanOrEqual(1);
    expect(result.choices).toBeLessThanOrEqual(6);
  });

  it('match the runs played one by one', () => {
    const endings: Record<string, number> = { compromise: 0, capitulation: 0, standoff: 0 };
    let days = 0;
    for (let i = 0; i < 300; i++) {
      const { context } = playFast(mini, simSeed('sim-', i), 'random');
      endings[context.ending!]!++;
      days += context.day;
    }
    expect(result.endings).toEqual(endings);
    expect(result.days).toBe(Math.round((days / 300) * 100) / 100);
  });

  it('are pinned for mini', () => {
    expect(simulate(mini, { runs: 200, strategy: 'random', seedPrefix: 'pin-' }).endings).toEqual({ compromise: 16, capitulation: 90, standoff: 94 });
  });
});

describe('simulate is deterministic', () => {
  it('gives the same result for the same options', () => {
    const a = simulate(mini, { runs: 200, strategy: 'random', seedPrefix: 'det-' });
    const b = simulate(mini, { runs: 200, strategy: 'random', seedPrefix: 'det-' });
    expect(b).toEqual(a);
  });

  it('depends on the seeds it is given', () => {
    const a = simulate(mini, { runs: 200, strategy: 'random', seedPrefix: 'one-' });
    const b = simulate(mini, { runs: 200, strategy: 'random', seedPrefix: 'two-' });
    expect(b).not.toEqual(a);
  });

  it('splits into batches: runs [0, 100) and [100, 200) add up to [0, 200)', () => {
    const whole = simulate(mini, { runs: 200, strategy: 'random' });
    const head = simulate(mini, { runs: 100, strategy: 'random' });
    const tail = simulate(mini, { runs: 100, strategy: 'random', first: 100 });
    for (const id of Object.keys(whole.endings)) expect(head.endings[id]! + tail.endings[id]!).toBe(whole.endings[id]);
  });

  it('is deterministic on march-2026 too', () => {
    const march = loadMarch();
    const opts = { runs: 100, strategy: 'random', seedPrefix: 'det-' };
    const a = simulate(march, opts);
    expect(sum(a.endings)).toBe(100);
    expect(simulate(march, opts)).toEqual(a);
  });
});

describe('strategies', () => {
  it('mini offers random, first and its own', () => {
    expect(strategiesOf(mini)).toEqual(['random', 'first', 'principled', 'pragmatic']);
  });

  it('first always takes the first choice', () => {
    const { context } = playFast(mini, 'any', 'first');
    expect(context.choices).toEqual(['hold', 'walk', 'go-public', 'refuse']);
    expect(context).toMatchObject({ ending: 'standoff', reason: 'refused' });
    const r = simulate(mini, { runs: 50, strategy: 'first' });
    expect(r.endings.standoff).toBe(50);
  });

  it('random picks from the run\'s seed, keyed by the beat', () => {
    const picks = new Set(Array.from({ length: 100 }, (_, i) => playFast(mini, `r${i}`, 'random').context.choices[0]));
    expect(picks).toEqual(new Set(['hold', 'bend', 'fold']));
    expect(playFast(mini, 'same', 'random')).toEqual(playFast(mini, 'same', 'random'));
  });

  it('a scenario strategy takes the choice that best moves its weighted meters', () => {
    // principled: {integrity: 1}; pragmatic: {trust: 1}. At the opening: hold +10 integrity, bend +10 trust.
    const opening = playChoices(mini, 's', []);
    const table = mini.phases[0]!.beats[0]!.choices;
    expect(pickChoice(mini, 'principled', opening.context, table).id).toBe('hold');
    expect(pickChoice(mini, 'pragmatic', opening.context, table).id).toBe('bend');
    expect(playFast(mini, 's', 'principled').context.choices).toEqual(['hold', 'walk', 'go-public', 'refuse']);
    expect(playFast(mini, 's', 'pragmatic').context.choices[0]).toBe('bend');
  });

  it('every strategy of march-2026 plays runs to an ending', () => {
    const march = loadMarch();
    for (const strategy of strategiesOf(march)) {
      const r: SimResult = simulate(march, { runs: 50, strategy });
      expect(sum(r.endings)).toBe(50);
      expect(r.strategy).toBe(strategy);
    }
  });

  it('an unknown strategy throws a clear error naming the known ones', () => {
    expect(() => simulate(mini, { runs: 1, strategy: 'greedy' })).toThrow('unknown strategy "greedy"; the strategies are: random, first, principled, pragmatic');
  });
});
