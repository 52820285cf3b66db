/** fast-check arbitraries for negotiation domains, values and agent views. */
import fc from 'fast-check';
import { packageAt, packageCount } from '../../src/core/negotiation/utility.ts';
import type { AgentView, ClauseSpec, Move, Package, Revealed, Side, ValueRanges, Values } from '../../src/core/negotiation/types.ts';

// Ids include names an object inherits ("constructor", "toString"), so lookups must be own-key.
const CLAUSE_IDS = ['scope', 'surveillance', 'weapons', 'interpret', 'verify', 'designation', 'constructor', 'toString'];
const OPTION_IDS = ['none', 'narrow', 'broad', 'all', 'constructor', 'valueOf'];

/** Clauses with distinct ids, `min`-`max` of them, each with `minOptions`-`maxOptions` options. */
export function anyClauses(min = 1, max = 4, minOptions = 1, maxOptions = 4): fc.Arbitrary<ClauseSpec[]> {
  return fc
    .shuffledSubarray(CLAUSE_IDS, { minLength: min, maxLength: max })
    .chain((ids) =>
      fc.tuple(...ids.map((id) => fc.shuffledSubarray(OPTION_IDS, { minLength: minOptions, maxLength: maxOptions }).map((os) => ({ id, options: os.map((o) => ({ id: o })) })))),
    );
}

/** Values for the clauses: integer raw weights (normalised), scores from `scores` (ties likely). */
export function anyValues(clauses: readonly ClauseSpec[], scores: fc.Arbitrary<number> = fc.integer({ min: 0, max: 100 })): fc.Arbitrary<Values> {
  return fc
    .tuple(
      fc.tuple(...clauses.map(() => fc.integer({ min: 0, max: 20 }))),
      fc.tuple(...clauses.map((c) => fc.tuple(...c.options.map(() => scores)))),
    )
    .map(([ws, ss]) => {
      const total = ws.reduce((a, b) => a + b, 0);
      const weights: Record<string, number> = {};
      const sc: Record<string, Record<string, number>> = {};
      clauses.forEach((c, i) => {
        weights[c.id] = total > 0 ? ws[i]! / total : 1 / clauses.length;
        sc[c.id] = {};
        c.options.forEach((o, j) => (sc[c.id]![o.id] = ss[i]![j]!));
      });
      return { weights, scores: sc };
    });
}

/** Value ranges for the clauses (integer bounds, min ≤ max). */
export function anyRanges(clauses: readonly ClauseSpec[]): fc.Arbitrary<ValueRanges> {
  const range = (lo: number, hi: number) => fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi })).map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]);
  return fc.tuple(fc.tuple(...clauses.map(() => range(1, 20))), fc.tuple(...clauses.map((c) => fc.tuple(...c.options.map(() => range(0, 100)))))).map(([ws, ss]) => {
    const weights: Record<string, [number, number]> = {};
    const scores: Record<string, Record<string, [number, number]>> = {};
    clauses.forEach((c, i) => {
      weights[c.id] = ws[i]!;
      scores[c.id] = {};
      c.options.forEach((o, j) => (scores[c.id]![o.id] = ss[i]![j]!));
    });
    return { weights, scores };
  });
}

/** A complete package of the clauses. */
export const anyPackage = (clauses: readonly ClauseSpec[]): fc.Arbitrary<Package> =>
  fc.nat({ max: packageCount(clauses) - 1 }).map((i) => packageAt(clauses, i));

/** A fact a probe might reveal about these clauses (possibly contradicting others). */
export function anyFact(clauses: readonly ClauseSpec[]): fc.Arbitrary<Revealed> {
  const clause = fc.constantFrom(...clauses);
  const probe = fc.option(fc.constantFrom('p1', 'p2', 'p3', 'p4'), { nil: undefined });
  const band = (max: number) => fc.tuple(fc.double({ min: 0, max, noNaN: true }), fc.double({ min: 0, max, noNaN: true }));
  return fc.oneof(
    fc.tuple(clause, fc.integer({ min: 0, max: clauses.length + 1 }), probe).map(([c, rank, p]): Revealed => ({ kind: 'weight-rank', clause: c.id, rank, ...(p ? { probe: p } : {}) })),
    fc.tuple(clause, band(1), probe).map(([c, [a, b], p]): Revealed => ({ kind: 'weight', clause: c.id, min: Math.min(a, b), max: Math.max(a, b), ...(p ? { probe: p } : {}) })),
    fc.tuple(clause, band(100), probe).chain(([c, [a, b], p]) =>
      fc.constantFrom(...c.options).map((o): Revealed => ({ kind: 'score', clause: c.id, option: o.id, min: Math.min(a, b), max: Math.max(a, b), ...(p ? { probe: p } : {}) })),
    ),
  );
}

/** Any legal agent view over a small domain (at most `maxClauses` clauses). */
export function anyView(maxClauses = 4): fc.Arbitrary<AgentView> {
  return anyClauses(1, maxClauses, 1, 4).chain((clauses) =>
    fc
      .record({
        side: fc.constantFrom<Side>('lab', 'department'),
        phase: fc.constantFrom('talks', 'breakdown', 'renegotiation'),
        day: fc.integer({ min: 0, max: 30 }),
        round: fc.integer({ min: 0, max: 20 }),
        roundsLeft: fc.integer({ min: 0, max: 20 }),
        values: anyValues(clauses),
        walkAway: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 110, noNaN: true })),
        history: fc.array(fc.record({ by: fc.constantFrom<Side>('lab', 'department'), package: anyPackage(clauses) }), { maxLength: 12 }),
        revealed: fc.array(anyFact(clauses), { maxLength: 5 }),
        theirRanges: fc.option(anyRanges(clauses), { nil: undefined }),
        seed: fc.string({ maxLength: 12 }),
        kinds: fc.subarray(['accept', 'walk-away', 'choice', 'probe', 'propose'] as const, { minLength: 1 }),
        choices: fc.uniqueArray(fc.constantFrom('go-public', 'brief-congress', 'sue'), { minLength: 1, maxLength: 3 }),
        probes: fc.uniqueArray(fc.constantFrom('p1', 'p2', 'p3', 'p4'), { minLength: 1, maxLength: 4 }),
        template: anyPackage(clauses),
        meters: fc.constant({ trust: 50, runway: 40 }),
      })
      .map((r): AgentView => {
        const last = (by: Side) => [...r.history].reverse().find((h) => h.by === by)?.package ?? null;
        const moves: Move[] = [];
        for (const k of r.kinds) {
          if (k === 'accept' || k === 'walk-away') moves.push({ kind: k });
          if (k === 'choice') for (const id of r.choices) moves.push({ kind: 'choice', id, label: `Choice ${id}` });
          if (k === 'probe') for (const id of r.probes) moves.push({ kind: 'probe', id });
          if (k === 'propose') moves.push({ kind: 'propose', package: r.template });
        }
        const other: Side = r.side === 'lab' ? 'department' : 'lab';
        return {
          side: r.side,
          phase: r.phase,
          day: r.day,
          round: r.round,
          roundsLeft: r.roundsLeft,
          meters: r.meters,
          clauses,
          values: r.values,
          walkAway: r.walkAway,
          offers: { ours: last(r.side), theirs: last(other) },
          history: r.history,
          revealed: r.revealed,
          ...(r.theirRanges ? { theirRanges: r.theirRanges } : {}),
          seed: r.seed,
          moves,
        };
      }),
  );
}

/** A deep copy frozen all the way down: an agent that mutates its view throws. */
export function frozen<T>(x: T): T {
  const copy = JSON.parse(JSON.stringify(x)) as T;
  const freeze = (o: unknown): void => {
    if (typeof o !== 'object' || o === null) return;
    Object.freeze(o);
    for (const v of Object.values(o)) freeze(v);
  };
  freeze(copy);
  return copy;
}
