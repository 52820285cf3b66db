import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { stateHash } from '../src/core/hash.ts';
import { createNegotiationMachine, negotiationConfig } from '../src/core/machine.ts';
import { addDays, type TimelineEntry } from '../src/core/rules.ts';
import type { Scenario } from '../src/core/schema.ts';
import { startRun, stepRun } from '../src/core/stepper.ts';
import { anyPicks, anySeed, fcParams, loadFixture, miniVariant, miniWithChance, playChoices, playPicks } from './helpers.ts';

const mini = loadFixture('mini');
/** Mini with no reaction ever firing: only the choices move the meters. */
const quiet = miniWithChance(0);
/** Mini with every reaction firing whenever it may. */
const loud = miniWithChance(1);

/** A timeline as short labels, e.g. "phase:talks", "choice:hold", "roll:leak@opening", "ending:standoff/no-deal". */
const labels = (t: TimelineEntry[]) =>
  t.map((e) => {
    if (e.kind === 'phase') return `phase:${e.phase}`;
    if (e.kind === 'choice') return `choice:${e.choice}`;
    if (e.kind === 'roll') return `roll:${e.reaction}@${e.at}`;
    if (e.kind === 'ending') return `ending:${e.ending}/${e.reason}`;
    return `${e.kind}`;
  });
/** The timeline's labels without the rolls: what the player saw happen. */
const story = (t: TimelineEntry[]) => labels(t).filter((l) => !l.startsWith('roll:'));
const beatsShown = (t: TimelineEntry[]) => t.flatMap((e) => (e.kind === 'choice' ? [e.beat] : []));
const withStart = (meter: string, start: number, base: Scenario = quiet): Scenario =>
  miniVariant((s) => {
    s.meters.find((m) => m.id === meter)!.start = start;
  }, base);

describe('a run starts', () => {
  it('in the first phase, on its first beat, one day in', () => {
    const s = startRun(negotiationConfig(mini), { seed: 'start' });
    expect(s).toMatchObject({ value: 'talks', status: 'active' });
    expect(s.context).toMatchObject({ phase: 'talks', beat: 'opening', step: 'choosing', day: 1, meters: { integrity: 60, trust: 50 } });
  });
});

describe('goto: an early exit', () => {
  it('ends the run at once, with the choice\'s reason', () => {
    const s = playChoices(quiet, 'goto', ['fold']);
    expect(s).toMatchObject({ value: 'capitulation', status: 'done' });
    expect(s.context).toMatchObject({ ending: 'capitulation', reason: 'gave-in', day: 1, beat: null });
    expect(story(s.context.timeline)).toEqual(['phase:talks', 'choice:fold', 'ending:capitulation/gave-in']);
  });

  it('still lets the reactions of the beat roll first', () => {
    const s = playChoices(loud, 'goto', ['fold']);
    expect(labels(s.context.timeline)).toEqual(['phase:talks', 'choice:fold', 'roll:leak@opening', 'ending:capitulation/gave-in']);
  });

  it('works from a later phase', () => {
    const s = playChoices(quiet, 'goto', ['hold', 'stay', 'quiet', 'refuse']);
    expect(s.context).toMatchObject({ ending: 'standoff', reason: 'refused' });
  });

  it('comes before the phase exits', () => {
    // Trust starts at 80, so the exit to renegotiation holds after every beat of the talks.
    const s = playChoices(withStart('trust', 80), 'goto', ['fold']);
    expect(s.context).toMatchObject({ ending: 'capitulation', reason: 'gave-in' });
  });
});

describe('exits', () => {
  it('are checked after a beat, before the next beat', () => {
    // bend: trust 70 -> 80, so the exit {trust >= 75} skips the second beat.
    const s = playChoices(withStart('trust', 70), 'exit', ['bend']);
    expect(s.context).toMatchObject({ phase: 'renegotiation', beat: 'final-offer', day: 3 });
    expect(story(s.context.timeline)).toEqual(['phase:talks', 'choice:bend', 'phase:renegotiation']);
  });

  it('are not taken while their condition fails', () => {
    const s = playChoices(withStart('trust', 70), 'exit', ['hold']);
    expect(s.context).toMatchObject({ phase: 'talks', beat: 'second' });
  });

  it('see the effects of the reactions the beat set off', () => {
    // bend takes trust to 75 and the leak (always firing here) takes it back to 70: no exit.
    const s = playChoices(withStart('trust', 65, loud), 'exit', ['bend']);
    expect(s.context.meters.trust).toBe(70);
    expect(s.context.beat).toBe('second');
  });
});

describe('beats with a `when`', () => {
  it('are skipped while it fails', () => {
    const s = playChoices(quiet, 'when', ['hold', 'stay', 'quiet', 'return']);
    expect(beatsShown(s.context.timeline)).toEqual(['opening', 'second', 'fallout', 'label']);
    expect(s.context.beat).toBe('final-offer');
  });

  it('are played when it holds', () => {
    const s = playChoices(quiet, 'when', ['hold', 'walk', 'quiet', 'return']);
    expect(s.context.beat).toBe('only-if-walked');
  });

  it('a phase whose every beat is skipped goes straight to its `then`', () => {
    const s = playChoices(
      miniVariant((x) => (x.phases[2]!.beats[0]!.when = { flag: 'walked' })),
      'when',
      ['hold', 'stay', 'quiet'],
    );
    expect(s.context).toMatchObject({ phase: 'renegotiation', beat: 'final-offer' });
    expect(story(s.context.timeline)).toContain('phase:designation');
  });
});

describe('`then` when the beats run out', () => {
  const toFinalOffer = ['hold', 'stay', 'quiet', 'return'];

  it('takes the first entry whose condition holds, in order', () => {
    // At the final offer: integrity 70, trust 60.
    expect(playChoices(quiet, 't', [...toFinalOffer, 'carve-outs']).context).toMatchObject({ ending: 'compromise', reason: 'met-halfway', meters: { integrity: 70, trust: 70 } });
    expect(playChoices(quiet, 't', [...toFinalOffer, 'concede']).context).toMatchObject({ ending: 'capitulation', reason: 'eroded', meters: { integrity: 30, trust: 80 } });
  });

  it('falls back to the last, unconditional entry', () => {
    expect(playChoices(quiet, 't', [...toFinalOffer, 'hold-firm']).context).toMatchObject({ ending: 'standoff', reason: 'no-deal', meters: { integrity: 80, trust: 40 } });
  });

  it('order decides when two entries hold', () => {
    // Put the unconditional standoff first: it now wins over the compromise.
    const reordered = miniVariant((x) => {
      x.phases[3]!.then.unshift({ to: 'standoff', reason: 'no-deal' });
    }, quiet);
    expect(playChoices(reordered, 't', [...toFinalOffer, 'carve-outs']).context).toMatchObject({ ending: 'standoff', reason: 'no-deal' });
  });

  it('leads on to the next phase', () => {
    const s = playChoices(quiet, 't', ['hold', 'stay']);
    expect(s.context).toMatchObject({ phase: 'breakdown', beat: 'fallout' });
  });
});

describe('reactions', () => {
  it('fire at most once a run, and do not roll again once fired', () => {
    const s = playChoices(loud, 'r', ['hold', 'stay', 'quiet', 'return', 'carve-outs']);
    const rolls = labels(s.context.timeline).filter((k) => k.startsWith('roll:'));
    // leak could roll at opening and fallout, rival-deal at second and fallout: each fires the first time.
    expect(rolls).toEqual(['roll:leak@opening', 'roll:rival-deal@second', 'roll:profile@breakdown']);
    expect(s.context.fired).toEqual(['leak', 'rival-deal', 'profile']);
  });

  it('roll only while their `when` holds', () => {
    // rival-deal needs the leak, which never fires here.
    const noLeak = miniVariant((x) => {
      x.stakeholders[0]!.reactions[0]!.chance = { base: 0 };
    }, loud);
    const s = playChoices(noLeak, 'r', ['hold', 'stay', 'quiet']);
    expect(labels(s.context.timeline).filter((k) => k.includes('rival-deal'))).toEqual([]);
    expect(labels(s.context.timeline).filter((k) => k.includes('leak'))).toEqual(['roll:leak@opening', 'roll:leak@fallout']);
  });

  it('fire exactly when the roll is below the chance, never twice, for any seed and choices', () => {
    fc.assert(
      fc.property(anySeed, anyPicks, (seed, picks) => {
        const { context } = playPicks(mini, seed, picks, true).final;
        const fired: string[] = [];
        for (const e of context.timeline) {
          if (e.kind !== 'roll') continue;
          expect(e.fired).toBe(e.roll < e.chance);
          expect(fired).not.toContain(e.reaction);
          if (e.fired) fired.push(e.reaction);
        }
        expect(context.fired).toEqual(fired);
      }),
      fcParams(300),
    );
  });

  it('roll with the chance of the documented formula', () => {
    fc.assert(
      fc.property(anySeed, anyPicks, (seed, picks) => {
        const { context } = playPicks(mini, seed, picks, true).final;
        let meters = { integrity: 60, trust: 50 } as Record<string, number>;
        for (const e of context.timeline) {
          if (e.kind === 'choice') meters = e.meters;
          if (e.kind !== 'roll') continue;
          if (e.reaction === 'leak') expect(e.chance).toBe(context.choices.includes('hold') ? 0.7 : 0.5);
          if (e.reaction === 'rival-deal') expect(e.chance).toBe(0.6);
          // The profile rolls on entering the breakdown, with trust as the talks left it.
          if (e.reaction === 'profile') expect(e.chance).toBeCloseTo(Math.min(1, Math.max(0, 0.5 + (0.1 * (meters.trust! - 50)) / 10)), 6);
        }
      }),
      fcParams(300),
    );
  });

  it('apply their effects, clamped', () => {
    const s = playChoices(withStart('integrity', 98, loud), 'r', ['hold']);
    // hold +10 and the leak +5 on 98: integrity stops at 100.
    expect(s.context.meters.integrity).toBe(100);
  });
});

describe('meters', () => {
  it('stay within 0-100 whatever the choices', () => {
    const low = withStart('trust', 0);
    const s = playChoices(low, 'm', ['hold', 'walk']);
    expect(s.context.meters.trust).toBe(0);
    const high = withStart('integrity', 100);
    expect(playChoices(high, 'm', ['hold']).context.meters.integrity).toBe(100);
  });
});

describe('the calendar', () => {
  it('adds each beat\'s days and the effects\' extra days', () => {
    const s = playChoices(quiet, 'c', ['hold', 'stay', 'quiet', 'return', 'carve-outs']);
    const days = s.context.timeline.filter((e) => e.kind !== 'roll').map((e) => `${story([e])[0]} ${e.day}`);
    expect(days).toEqual([
      'phase:talks 0',
      'choice:hold 1',
      'choice:stay 4', // second: +2, stay: +1
      'phase:breakdown 4',
      'choice:quiet 7',
      'phase:designation 7',
      'choice:return 9',
      'phase:renegotiation 9',
      'choice:carve-outs 11',
      'ending:compromise/met-halfway 11',
    ]);
    expect(addDays(quiet.start, s.context.day)).toBe('2026-03-03');
  });

  it('counts the days a reaction\'s effects take', () => {
    const slow = miniVariant((x) => {
      x.stakeholders[0]!.reactions[0]!.effects = { days: 5 };
    }, loud);
    expect(playChoices(slow, 'c', ['hold']).context.day).toBe(1 + 5 + 2);
  });
});

describe('a choice that is not offered', () => {
  const config = negotiationConfig(mini);

  it('leaves the stepper snapshot unchanged', () => {
    const s = startRun(config, { seed: 'n' });
    for (const choice of ['stay', 'carve-outs', 'no-such-choice', '']) expect(stepRun(config, s, { type: 'choose', choice })).toBe(s);
  });

  it('does nothing once the run is over', () => {
    const done = playChoices(mini, 'n', ['fold']);
    expect(stepRun(config, done, { type: 'choose', choice: 'hold' })).toBe(done);
  });

  it('leaves an XState actor\'s state unchanged', () => {
    const actor = createActor(createNegotiationMachine(mini), { input: { seed: 'n' } }).start();
    actor.send({ type: 'choose', choice: 'hold' });
    const before = actor.getSnapshot();
    const hash = stateHash(before.value as string, before.context);
    actor.send({ type: 'choose', choice: 'fold' });
    actor.send({ type: 'choose', choice: 'go-public' });
    const after = actor.getSnapshot();
    expect(after.context).toBe(before.context);
    expect(stateHash(after.value as string, after.context)).toBe(hash);
    actor.stop();
  });
});

describe('a pinned mini run', () => {
  it('gives exactly the same ending, meters, days and hash as always', () => {
    const s = playChoices(mini, 'pinned', ['hold', 'walk', 'go-public', 'return', 'apologise', 'carve-outs']);
    expect(s.value).toBe(s.context.ending);
    // hold 70/40, the leak 75/35; walk 75/15, the rival deal 75/5; the profile (5% at trust 5)
    // does not fire; go-public 80/0 (clamped); return 80/10; apologise 75/20; carve-outs 75/30:
    // no compromise without trust 50, so a standoff.
    expect({ ending: s.context.ending, reason: s.context.reason, meters: s.context.meters, day: s.context.day, fired: s.context.fired }).toEqual({
      ending: 'standoff',
      reason: 'no-deal',
      meters: { integrity: 75, trust: 30 },
      day: 11,
      fired: ['leak', 'rival-deal'],
    });
    expect(stateHash(s.value, s.context)).toBe('beef9d700a91fa63');
  });
});
