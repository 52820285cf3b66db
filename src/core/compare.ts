/**
 * Counterfactuals: branch a run at a beat with another choice, and compare two runs of one seed.
 * Because dice are keyed by what they decide, a reaction that rolled in both runs rolled the
 * same number in both; when it fired in one and not the other, the changed state moved its
 * chance across that roll, and the comparison names the threshold crossed.
 */
import type { RunRecord } from './record.ts';
import { indexOf, recordMoves, type RunContext, type TimelineEntry } from './rules.ts';
import type { Scenario } from './schema.ts';

/** A record that keeps the first `at` choices and then takes `choice` (pure). */
export function branchRecord(record: RunRecord, at: number, choice: string): RunRecord {
  if (!Number.isInteger(at) || at < 0 || at > record.choices.length) throw new RangeError(`cannot branch at step ${at} of ${record.choices.length}`);
  return { ...record, choices: [...record.choices.slice(0, at), choice] };
}

export interface ReactionDifference {
  reaction: string;
  stakeholder: string;
  headline: string;
  at: string;
  /** The shared roll, and each run's chance at that moment (null where it did not roll). */
  roll: number;
  chanceA: number | null;
  chanceB: number | null;
  firedIn: 'a' | 'b';
  /** Why it differs: the chance crossed the roll, or it only rolled in one run. */
  why: 'threshold' | 'only-rolled-in-one';
}

export interface RunComparison {
  /** The first step at which the two runs chose differently (or the length of the shorter run). */
  divergeAt: number;
  endings: { a: string | null; b: string | null };
  reactions: ReactionDifference[];
  /** Final meter values, and their differences (b minus a). */
  meters: { id: string; label: string; a: number; b: number; delta: number }[];
}

type Roll = Extract<TimelineEntry, { kind: 'roll' }>;

/** Compares two runs of one scenario, usually one seed with one choice changed (pure). */
export function compareRuns(scenario: Scenario, a: RunContext, b: RunContext): RunComparison {
  const index = indexOf(scenario);
  // Every move counts: at a table (version 2) the story choices are only some of them.
  const ma = recordMoves(a);
  const mb = recordMoves(b);
  let divergeAt = 0;
  while (divergeAt < ma.length && divergeAt < mb.length && ma[divergeAt] === mb[divergeAt]) divergeAt++;
  const rolls = (c: RunContext) => {
    const m = new Map<string, Roll>();
    for (const e of c.timeline) if (e.kind === 'roll') m.set(`${e.reaction}@${e.at}`, e);
    return m;
  };
  const ra = rolls(a);
  const rb = rolls(b);
  const firedA = new Set(a.fired);
  const firedB = new Set(b.fired);
  const reactions: ReactionDifference[] = [];
  for (const id of new Set([...a.fired, ...b.fired])) {
    if (firedA.has(id) && firedB.has(id)) continue;
    const firedIn = firedA.has(id) ? 'a' : 'b';
    const { stakeholder, reaction } = index.reactions.get(id)!;
    // The roll at which it fired in its run; the other run's roll at the same place, if any.
    const fired = [...(firedIn === 'a' ? ra : rb).values()].find((e) => e.reaction === id && e.fired)!;
    const other = (firedIn === 'a' ? rb : ra).get(`${id}@${fired.at}`);
    reactions.push({
      reaction: id,
      stakeholder: stakeholder.name,
      headline: reaction.headline,
      at: fired.at,
      roll: fired.roll,
      chanceA: firedIn === 'a' ? fired.chance : (other?.chance ?? null),
      chanceB: firedIn === 'b' ? fired.chance : (other?.chance ?? null),
      firedIn,
      why: other ? 'threshold' : 'only-rolled-in-one',
    });
  }
  return {
    divergeAt,
    endings: { a: a.ending, b: b.ending },
    reactions,
    meters: scenario.meters.map((m) => ({ id: m.id, label: m.label, a: a.meters[m.id]!, b: b.meters[m.id]!, delta: b.meters[m.id]! - a.meters[m.id]! })),
  };
}
