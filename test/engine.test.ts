/**
 * The engine facade: both engines (XState and the fast stepper) agree on generated scenarios as
 * well as on the real files, share one step limit and report a loop the same way; every replay
 * path of the game goes through `foldMoves`.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { engineOf, foldMoves, foldRecord, LoopError, machineOf, movesFrom, positionsFrom, type Engine, type RunState } from '../src/core/engine.ts';
import { stateHash } from '../src/core/hash.ts';
import { formatError, loadScenario } from '../src/core/loader.ts';
import { MAX_MICROSTEPS } from '../src/core/machine.ts';
import type { Condition, Scenario } from '../src/core/schema.ts';
import { anyPicks, anySeed, fcParams, loadFixture, loadMarch } from './helpers.ts';

// ---- generated scenarios ----

const METERS = ['integrity', 'trust'] as const;
const FLAGS = ['f0', 'f1', 'f2'] as const;
const ENDINGS = { compromise: 'met-halfway', capitulation: 'gave-in', standoff: 'no-deal' } as const;
type EndingId = keyof typeof ENDINGS;

/** A target: a phase (by index, possibly the phase itself) or an ending. */
type Target = { phase: number } | { ending: EndingId };

const anyCondition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ flag: fc.constantFrom(...FLAGS), is: fc.boolean() }),
  fc.record({ meter: fc.constantFrom(...METERS), gte: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ meter: fc.constantFrom(...METERS), lt: fc.integer({ min: 0, max: 100 }) }),
);
const anyTarget = (phases: number): fc.Arbitrary<Target> =>
  fc.oneof(fc.record({ phase: fc.nat({ max: phases - 1 }) }), fc.record({ ending: fc.constantFrom(...(Object.keys(ENDINGS) as EndingId[])) }));
const anyEffects = fc.record(
  {
    meters: fc.dictionary(fc.constantFrom(...METERS), fc.integer({ min: -40, max: 40 }), { maxKeys: 2 }),
    set: fc.uniqueArray(fc.constantFrom(...FLAGS), { maxLength: 2 }),
    clear: fc.uniqueArray(fc.constantFrom(...FLAGS), { maxLength: 1 }),
  },
  { requiredKeys: [] },
);

/** The shape of a generated scenario, before it is dressed as a file. */
interface Shape {
  phases: {
    beats: { when: Condition | null; choices: { effects: object; when: Condition | null; goto: Target | null }[] }[];
    exits: { when: Condition | null; to: Target }[];
    then: { when: Condition; to: Target }[];
  }[];
  reactions: { after: number; when: Condition | null; chance: number; effects: object }[];
}

const anyShape: fc.Arbitrary<Shape> = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    phases: fc.array(
      fc.record({
        beats: fc.array(
          fc.record({
            when: fc.option(anyCondition, { freq: 3 }),
            choices: fc.array(
              fc.record({ effects: anyEffects, when: fc.constant(null), goto: fc.option(anyTarget(n), { freq: 4 }) }),
              { minLength: 2, maxLength: 3 },
            ).chain((free) =>
              // Sometimes one more choice that is offered only when a condition holds.
              fc.option(fc.record({ effects: anyEffects, when: anyCondition, goto: fc.option(anyTarget(n), { freq: 4 }) }), { freq: 2 }).map((extra) => (extra ? [...free, extra] : free)),
            ),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        // Unconditional exits too: they leave the phase right after its first beat.
        exits: fc.array(fc.record({ when: fc.option(anyCondition, { freq: 2 }), to: anyTarget(n) }), { maxLength: 2 }),
        then: fc.array(fc.record({ when: anyCondition, to: anyTarget(n) }), { maxLength: 2 }),
      }),
      { minLength: n, maxLength: n },
    ),
    reactions: fc.array(
      fc.record({ after: fc.nat(), when: fc.option(anyCondition, { freq: 2 }), chance: fc.double({ min: 0, max: 1, noNaN: true }), effects: anyEffects }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);

/**
 * A valid scenario of a shape: the mini fixture's metadata, the generated phases, and a way out
 * that keeps every phase and ending reachable (each phase's last `then` goes to the next phase,
 * the last phase's to the three endings). Targets may be the phase itself or an earlier one.
 */
function scenarioOf(shape: Shape): Scenario {
  const base = structuredClone(loadFixture('mini'));
  const n = shape.phases.length;
  const beatIds = shape.phases.flatMap((p, i) => p.beats.map((_, j) => `p${i}-b${j}`));
  const to = (t: Target) => ('phase' in t ? { to: `p${t.phase}` } : { to: t.ending, reason: ENDINGS[t.ending] });
  const hyp = { hypothetical: true };
  base.flags = FLAGS.map((id) => ({ id, description: `Flag ${id}.` }));
  base.phases = shape.phases.map((p, i) => ({
    id: `p${i}`,
    title: `Phase ${i}`,
    banner: `Phase ${i} begins.`,
    ...hyp,
    beats: p.beats.map((b, j) => ({
      id: `p${i}-b${j}`,
      title: `Beat ${j}`,
      days: 1,
      ...(b.when ? { when: b.when } : {}),
      card: `Beat ${j} of phase ${i}.`,
      ...hyp,
      choices: b.choices.map((c, k) => ({
        id: `p${i}-b${j}-c${k}`,
        label: `Choice ${k}`,
        text: `Choice ${k}.`,
        tradeoffs: ['test'],
        ...(c.when ? { when: c.when } : {}),
        effects: c.effects,
        ...(c.goto ? (({ to: goto, reason }) => ({ goto, ...(reason ? { reason } : {}) }))(to(c.goto)) : {}),
        ...hyp,
      })),
    })),
    ...(p.exits.length ? { exits: p.exits.map((x) => ({ ...(x.when ? { when: x.when } : {}), ...to(x.to) })) } : {}),
    then: [
      ...p.then.map((x) => ({ when: x.when, ...to(x.to) })),
      ...(i < n - 1
        ? [{ to: `p${i + 1}` }]
        : [
            { when: { meter: 'trust', gte: 60 }, to: 'compromise', reason: 'met-halfway' },
            { when: { meter: 'integrity', lt: 40 }, to: 'capitulation', reason: 'gave-in' },
            { to: 'standoff', reason: 'no-deal' },
          ]),
    ],
  }));
  base.stakeholders = [
    {
      id: 'world',
      name: 'The world',
      kind: 'press',
      description: 'Everyone else.',
      ...hyp,
      reactions: shape.reactions.map((r, k) => ({
        id: `r${k}`,
        headline: `Reaction ${k}`,
        text: `Reaction ${k}.`,
        after: [beatIds[r.after % beatIds.length]!, ...(k % 2 ? [`p${r.after % n}`] : [])],
        ...(r.when ? { when: r.when } : {}),
        chance: { base: r.chance },
        effects: r.effects,
        ...hyp,
      })),
    },
  ];
  return base as Scenario;
}

/** Checks a generated scenario with the real loader (YAML text in), and returns what it loaded. */
function load(s: Scenario): Scenario {
  const r = loadScenario(stringify(s), 'generated.yaml');
  if (!r.ok) throw new Error(`the generator made an invalid scenario:\n${r.errors.map(formatError).join('\n')}`);
  return r.scenario;
}

// ---- lockstep ----

type Outcome = { state: RunState } | { loop: string };
const attempt = (f: () => RunState): Outcome => {
  try {
    return { state: f() };
  } catch (e) {
    if (e instanceof LoopError) return { loop: e.message };
    throw e;
  }
};
const seen = (o: Outcome) => ('loop' in o ? o : { value: o.state.value, status: o.state.status, context: JSON.stringify(o.state.context), hash: stateHash(o.state.value, o.state.context) });

/**
 * Plays a run on both engines in lock step, picking from the table by `picks` (then the first
 * choice), for at most `cap` moves; compares value, status, context and hash after every move,
 * and a loop error when one engine throws it. Returns how the run stopped.
 */
function lockstep(engines: [Engine, Engine], seed: string, picks: readonly number[], cap = 40): 'done' | 'loop' | 'cap' {
  let a = attempt(() => engines[0].start(seed));
  let b = attempt(() => engines[1].start(seed));
  for (let i = 0; ; i++) {
    expect(seen(b)).toEqual(seen(a));
    if ('loop' in a || 'loop' in b) return 'loop';
    if (a.state.status === 'done') return 'done';
    if (i >= cap) return 'cap';
    const table = engines[0].table(a.state);
    expect(engines[1].table(b.state!).map((c) => c.id)).toEqual(table.map((c) => c.id));
    expect(table.length).toBeGreaterThanOrEqual(2);
    const move = { type: 'choose' as const, choice: table[(picks[i] ?? 0) % table.length]!.id };
    const [sa, sb] = [a.state, b.state!];
    a = attempt(() => engines[0].apply(sa, move));
    b = attempt(() => engines[1].apply(sb, move));
  }
}

describe('the two engines agree', () => {
  it('on generated scenarios (gotos, exits on the first beat, phases that lead back to themselves, long chains, loops)', () => {
    const stops = { done: 0, loop: 0, cap: 0 };
    let selfTargets = 0;
    fc.assert(
      fc.property(anyShape, anySeed, anyPicks, (shape, seed, picks) => {
        const s = load(scenarioOf(shape));
        if (s.phases.some((p) => [...(p.exits ?? []), ...p.then].some((x) => x.to === p.id) || p.beats.some((b) => b.choices.some((c) => c.goto === p.id)))) selfTargets++;
        stops[lockstep([engineOf(s, 'fast'), engineOf(s, 'xstate')], seed, picks)]++;
      }),
      fcParams(400),
    );
    // The generator reaches every kind of run, not only the easy ones.
    expect(stops.done).toBeGreaterThan(100);
    expect(stops.loop).toBeGreaterThan(0);
    expect(stops.cap).toBeGreaterThan(0);
    expect(selfTargets).toBeGreaterThan(50);
  });

  for (const [name, scenario] of [
    ['mini', () => loadFixture('mini')],
    ['march-2026', loadMarch],
  ] as const) {
    it(`on ${name}, for any seed and choices`, () => {
      const s = scenario();
      fc.assert(
        fc.property(anySeed, anyPicks, (seed, picks) => {
          expect(lockstep([engineOf(s, 'fast'), engineOf(s, 'xstate')], seed, picks, 100)).toBe('done');
        }),
        fcParams(60),
      );
    });
  }
});

// ---- the self-targeting case, decided: a phase that hands the run to itself is entered again ----

describe('a phase whose exit leads back to itself', () => {
  const selfExit = () => {
    const s = structuredClone(loadFixture('mini'));
    // After every talks beat, while integrity is high, the talks start over from their first beat.
    s.phases[0]!.exits = [{ when: { meter: 'integrity', gte: 65 }, to: 'talks' }, ...(s.phases[0]!.exits ?? [])];
    return load(s);
  };

  it('is entered again in both engines: its entry runs, and its first beat is back on the table', () => {
    const s = selfExit();
    for (const kind of ['fast', 'xstate'] as const) {
      const e = engineOf(s, kind);
      const after = e.apply(e.start('again'), { type: 'choose', choice: 'hold' });
      expect(after.value).toBe('talks');
      expect(after.context.beat).toBe('opening');
      expect(after.context.timeline.filter((t) => t.kind === 'phase').map((t) => (t as { phase: string }).phase)).toEqual(['talks', 'talks']);
    }
  });

  it('gives the same state as an XState actor', () => {
    const s = selfExit();
    const actor = createActor(machineOf(s), { input: { seed: 'again' } }).start();
    actor.send({ type: 'choose', choice: 'hold' });
    const e = engineOf(s, 'fast');
    const fast = e.apply(e.start('again'), { type: 'choose', choice: 'hold' });
    expect(actor.getSnapshot().context).toEqual(fast.context);
    actor.stop();
  });
});

describe('a loop', () => {
  /** Two phases whose beats never hold and whose exits always do: the run bounces between them. */
  const looping = () => {
    const s = structuredClone(loadFixture('mini'));
    s.phases[1]!.beats.forEach((b) => (b.when = { flag: 'walked' }));
    s.phases[2]!.beats.forEach((b) => (b.when = { flag: 'walked' }));
    s.phases[1]!.then = [{ to: 'designation' }];
    s.phases[2]!.then = [{ to: 'breakdown' }];
    return load(s);
  };

  it('is reported by both engines with the same error, at the same move', () => {
    const s = looping();
    const messages = (['fast', 'xstate'] as const).map((kind) => {
      const e = engineOf(s, kind);
      const afterHold = e.apply(e.start('loop'), { type: 'choose', choice: 'hold' });
      try {
        e.apply(afterHold, { type: 'choose', choice: 'stay' });
        return 'no error';
      } catch (err) {
        expect(err).toBeInstanceOf(LoopError);
        return (err as Error).message;
      }
    });
    expect(messages[1]).toBe(messages[0]);
    expect(messages[0]).toMatch(new RegExp(`more than ${MAX_MICROSTEPS - 1} eventless steps.*"talks"`));
  });
});

// ---- folds ----

describe('foldMoves', () => {
  const march = loadMarch();
  const e = engineOf(march);

  it('calls back once per move with the table, the position and the states around it', () => {
    const steps: { index: number; position: number; choice: string; before: string; after: string }[] = [];
    const r = foldMoves(e, 'fold', (i, table, state) => (state.status === 'done' ? null : { position: (i * 7) % table.length }), (st) =>
      steps.push({ index: st.index, position: st.position, choice: st.token, before: st.before.context.choices.join(), after: st.after.context.choices.join() }),
    );
    expect(r.ok).toBe(true);
    expect(r.state.status).toBe('done');
    expect(steps.map((x) => x.index)).toEqual(r.moves.map((_, i) => i));
    expect(steps.map((x) => x.choice)).toEqual(r.moves);
    for (const [i, x] of steps.entries()) {
      expect(x.after).toBe(r.moves.slice(0, i + 1).join());
      expect(x.before).toBe(r.moves.slice(0, i).join());
    }
    // The same moves by id and by position reach the same state.
    const byId = foldMoves(e, 'fold', movesFrom(r.moves));
    const byPos = foldMoves(e, 'fold', positionsFrom(steps.map((x) => x.position)));
    expect(stateHash(byId.state.value, byId.state.context)).toBe(stateHash(r.state.value, r.state.context));
    expect(byPos.moves).toEqual(r.moves);
  });

  it('stops at a move not on the table, a position past the table, or a move after the end', () => {
    const ok = foldMoves(e, 'x', (_i, _t, st) => (st.status === 'done' ? null : { position: 0 }));
    const notOffered = foldMoves(e, 'x', movesFrom([ok.moves[0]!, ok.moves[0]!]));
    expect(!notOffered.ok && notOffered.problem).toMatchObject({ kind: 'not-offered', index: 1, move: ok.moves[0] });
    const past = foldMoves(e, 'x', positionsFrom([0, 3]));
    expect(!past.ok && past.problem).toMatchObject({ kind: 'no-such-position', index: 1, position: 3 });
    const late = foldMoves(e, 'x', movesFrom([...ok.moves, ok.moves[0]!]));
    expect(!late.ok && late.problem).toMatchObject({ kind: 'after-end', index: ok.moves.length });
    // What was played before the problem is kept.
    expect(!late.ok && late.state.status).toBe('done');
  });

  it('foldRecord gives the same state on both engines', () => {
    const ok = foldMoves(e, 'rec', (_i, t, st) => (st.status === 'done' ? null : { position: t.length - 1 }));
    const record = { scenario: march.id, version: march.version, seed: 'rec', choices: ok.moves };
    const [fast, live] = (['fast', 'xstate'] as const).map((engine) => foldRecord(march, record, { engine }));
    expect(fast!.ok && live!.ok).toBe(true);
    if (fast!.ok && live!.ok) expect(stateHash(live!.state.value, live!.state.context)).toBe(stateHash(fast!.state.value, fast!.state.context));
  });
});
