import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  advanceBeat,
  applyChoice,
  chanceOf,
  enterPhase,
  finish,
  holds,
  indexOf,
  initialContext,
  isOffered,
  offered,
  type RunContext,
} from '../src/core/rules.ts';
import type { Chance, Condition } from '../src/core/schema.ts';
import { fcParams, loadFixture, miniWithChance } from './helpers.ts';

const mini = loadFixture('mini');

/** A mini context with some meters, flags, choices and fired reactions. */
const ctxWith = (over: Partial<RunContext> = {}): RunContext => ({ ...initialContext(mini, 'rules'), ...over });

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

describe('holds', () => {
  const ctx = ctxWith({ meters: { integrity: 60, trust: 40 }, flags: { walked: true, cleared: false }, choices: ['hold'], fired: ['leak'] });
  const cases: [Condition, boolean][] = [
    [{ meter: 'integrity', gte: 60 }, true],
    [{ meter: 'integrity', gt: 60 }, false],
    [{ meter: 'integrity', lte: 60 }, true],
    [{ meter: 'integrity', lt: 60 }, false],
    [{ meter: 'integrity', gte: 50, lt: 61 }, true],
    [{ meter: 'integrity', gte: 50, lt: 60 }, false],
    [{ meter: 'missing', lte: 0 }, true],
    [{ flag: 'walked' }, true],
    [{ flag: 'walked', is: false }, false],
    [{ flag: 'cleared' }, false],
    [{ flag: 'cleared', is: false }, true],
    [{ flag: 'never-set', is: false }, true],
    [{ chose: 'hold' }, true],
    [{ chose: 'bend' }, false],
    [{ fired: 'leak' }, true],
    [{ fired: 'profile' }, false],
    [{ all: [{ flag: 'walked' }, { chose: 'hold' }] }, true],
    [{ all: [{ flag: 'walked' }, { chose: 'bend' }] }, false],
    [{ any: [{ chose: 'bend' }, { fired: 'leak' }] }, true],
    [{ any: [{ chose: 'bend' }, { fired: 'profile' }] }, false],
    [{ not: { chose: 'bend' } }, true],
    [{ not: { all: [{ flag: 'walked' }, { not: { meter: 'trust', gte: 50 } }] } }, false],
  ];
  for (const [cond, expected] of cases) {
    it(`${JSON.stringify(cond)} is ${expected}`, () => expect(holds(cond, ctx)).toBe(expected));
  }
});

describe('chanceOf', () => {
  const ctx = ctxWith({ meters: { integrity: 60, trust: 80 }, choices: ['hold'] });

  it('is the base alone', () => expect(chanceOf({ base: 0.35 }, ctx)).toBe(0.35));

  it('adds every add whose condition holds', () => {
    const c: Chance = {
      base: 0.2,
      add: [
        { when: { chose: 'hold' }, value: 0.1 },
        { when: { chose: 'bend' }, value: 0.4 },
        { when: { meter: 'trust', gte: 80 }, value: 0.15 },
      ],
    };
    expect(chanceOf(c, ctx)).toBe(0.45);
  });

  it('adds per10 for every 10 points above 50 and subtracts below', () => {
    expect(chanceOf({ base: 0.5, meter: { id: 'trust', per10: 0.1 } }, ctx)).toBe(0.8);
    expect(chanceOf({ base: 0.5, meter: { id: 'integrity', per10: -0.2 } }, ctx)).toBe(0.3);
    expect(chanceOf({ base: 0.5, meter: { id: 'trust', per10: 0.1 } }, ctxWith({ meters: { trust: 25 } }))).toBe(0.25);
  });

  it('combines base, adds and the meter term', () => {
    expect(chanceOf({ base: 0.1, add: [{ when: { chose: 'hold' }, value: 0.2 }], meter: { id: 'integrity', per10: 0.05 } }, ctx)).toBe(0.35);
  });

  it('clamps to 0-1', () => {
    expect(chanceOf({ base: 0.9, add: [{ when: { chose: 'hold' }, value: 0.5 }] }, ctx)).toBe(1);
    expect(chanceOf({ base: 0.1, add: [{ when: { chose: 'hold' }, value: -0.5 }] }, ctx)).toBe(0);
    expect(chanceOf({ base: 0.5, meter: { id: 'trust', per10: 1 } }, ctx)).toBe(1);
    expect(chanceOf({ base: 0.5, meter: { id: 'trust', per10: -1 } }, ctx)).toBe(0);
  });

  it('rounds away float noise (0.1 + 0.2 is 0.3)', () => {
    expect(chanceOf({ base: 0.1, add: [{ when: { chose: 'hold' }, value: 0.2 }] }, ctx)).toBe(0.3);
  });

  it('treats a missing meter as 50', () => {
    expect(chanceOf({ base: 0.4, meter: { id: 'missing', per10: 0.3 } }, ctx)).toBe(0.4);
  });

  it('always lies in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 4 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        (base, adds, per10, trust) => {
          const p = chanceOf(
            { base, add: adds.map((value) => ({ when: { meter: 'trust', gte: 0 }, value })), meter: { id: 'trust', per10 } },
            ctxWith({ meters: { trust } }),
          );
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        },
      ),
      fcParams(300),
    );
  });
});

describe('initialContext and enterPhase', () => {
  const index = indexOf(mini);

  it('starts in the first phase with the meters at their start values', () => {
    expect(initialContext(mini, 'x')).toEqual({
      scenario: 'mini',
      version: 3,
      seed: 'x',
      phase: 'talks',
      beat: null,
      step: 'resolved',
      day: 0,
      meters: { integrity: 60, trust: 50 },
      flags: {},
      choices: [],
      fired: [],
      goto: null,
      reason: null,
      ending: null,
      timeline: [],
    });
  });

  it('logs the phase and puts its first beat on the table, advancing the calendar', () => {
    const ctx = enterPhase(index, initialContext(mini, 'x'), 'talks');
    expect(ctx).toMatchObject({ phase: 'talks', beat: 'opening', step: 'choosing', day: 1 });
    expect(ctx.timeline).toEqual([{ kind: 'phase', day: 0, phase: 'talks' }]);
  });

  it('rolls the reactions that name the phase on entry', () => {
    const ctx = enterPhase(index, ctxWith({ phase: 'talks', meters: { integrity: 60, trust: 70 } }), 'breakdown');
    const rolls = ctx.timeline.filter((e) => e.kind === 'roll');
    expect(rolls).toHaveLength(1);
    expect(rolls[0]).toMatchObject({ at: 'breakdown', stakeholder: 'press', reaction: 'profile', chance: 0.7 });
  });

  it('does not change the context it was given', () => {
    const before = deepFreeze(ctxWith());
    expect(() => enterPhase(index, before, 'breakdown')).not.toThrow();
    expect(before).toEqual(ctxWith());
  });
});

describe('offered', () => {
  const index = indexOf(mini);
  const opening = enterPhase(index, initialContext(mini, 'x'), 'talks');

  it('lists the choices of the beat on the table', () => {
    expect(offered(index, opening).map((c) => c.id)).toEqual(['hold', 'bend', 'fold']);
    expect(isOffered(index, opening, 'bend')).toBe(true);
    expect(isOffered(index, opening, 'stay')).toBe(false);
    expect(isOffered(index, opening, 'no-such-choice')).toBe(false);
  });

  it('is empty once the beat was played, with no beat, and after an ending', () => {
    expect(offered(index, { ...opening, step: 'resolved' })).toEqual([]);
    expect(offered(index, { ...opening, beat: null })).toEqual([]);
    expect(offered(index, { ...opening, ending: 'standoff' })).toEqual([]);
  });
});

describe('applyChoice', () => {
  // No reaction fires here, so only the choices move the meters.
  const quiet = miniWithChance(0);
  const index = indexOf(quiet);
  const opening = enterPhase(index, initialContext(quiet, 'x'), 'talks');

  it('applies meter effects and records the choice with the meters after it', () => {
    const ctx = applyChoice(index, opening, 'hold');
    expect(ctx.meters).toEqual({ integrity: 70, trust: 40 });
    expect(ctx.choices).toEqual(['hold']);
    expect(ctx.step).toBe('resolved');
    expect(ctx.timeline[1]).toEqual({ kind: 'choice', day: 1, phase: 'talks', beat: 'opening', choice: 'hold', meters: { integrity: 70, trust: 40 } });
  });

  it('clamps meters to 0-100', () => {
    expect(applyChoice(index, { ...opening, meters: { integrity: 95, trust: 5 } }, 'hold').meters).toEqual({ integrity: 100, trust: 0 });
    expect(applyChoice(index, { ...opening, meters: { integrity: 3, trust: 99 } }, 'bend').meters).toEqual({ integrity: 0, trust: 100 });
  });

  it('sets flags and adds extra days', () => {
    const second = advanceBeat(index, applyChoice(index, opening, 'hold'));
    expect(second).toMatchObject({ beat: 'second', day: 3 });
    expect(applyChoice(index, second, 'walk').flags).toEqual({ walked: true });
    expect(applyChoice(index, second, 'stay').day).toBe(4);
  });

  it('notes a goto with its reason', () => {
    expect(applyChoice(index, opening, 'fold').goto).toEqual({ to: 'capitulation', reason: 'gave-in' });
    expect(applyChoice(index, opening, 'hold').goto).toBeNull();
  });

  it('puts the reactions it set off after the choice, and the choice shows their effects', () => {
    const loud = miniWithChance(1);
    const i = indexOf(loud);
    const ctx = applyChoice(i, enterPhase(i, initialContext(loud, 'x'), 'talks'), 'hold');
    expect(ctx.timeline.map((e) => e.kind)).toEqual(['phase', 'choice', 'roll']);
    // hold: integrity +10, trust -10; the leak: integrity +5, trust -5.
    expect(ctx.meters).toEqual({ integrity: 75, trust: 35 });
    expect(ctx.timeline[1]).toMatchObject({ kind: 'choice', meters: { integrity: 75, trust: 35 } });
    expect(ctx.fired).toEqual(['leak']);
  });

  it('does not change the context it was given', () => {
    const before = deepFreeze(structuredClone(opening));
    expect(() => applyChoice(index, before, 'hold')).not.toThrow();
    expect(before).toEqual(opening);
  });
});

describe('finish', () => {
  it('ends the run with the exit reason, or the ending id when there is none', () => {
    const withReason = finish(ctxWith({ reason: 'no-deal', day: 9 }), 'standoff');
    expect(withReason).toMatchObject({ phase: 'standoff', ending: 'standoff', reason: 'no-deal', beat: null, step: 'resolved', goto: null });
    expect(withReason.timeline.at(-1)).toEqual({ kind: 'ending', day: 9, ending: 'standoff', reason: 'no-deal' });
    expect(finish(ctxWith(), 'standoff').reason).toBe('standoff');
  });
});

describe('addDays', () => {
  const cases: [string, number, string][] = [
    ['2026-02-20', 0, '2026-02-20'],
    ['2026-02-20', 1, '2026-02-21'],
    ['2026-02-20', 12, '2026-03-04'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1900-02-28', 1, '1900-03-01'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-02-23', -54, '2025-12-31'],
  ];
  for (const [from, days, to] of cases) {
    it(`${from} ${days >= 0 ? '+' : '-'} ${Math.abs(days)} = ${to}`, () => expect(addDays(from, days)).toBe(to));
  }

  it('agrees with the calendar of Date for any date and day count', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1601-01-01T00:00:00Z'), max: new Date('2399-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const iso = d.toISOString().slice(0, 10);
        const expected = new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(iso, n)).toBe(expected);
      }),
      fcParams(500),
    );
  });
});
