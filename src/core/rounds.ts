/**
 * Rounds at a table and the moves made in them (scenario version 2): where a move is made, the
 * lab's moves as the record stores them, and how many rounds the calendar still allows. Shared by
 * the table's rules (bargain.ts) and the sides' views (views.ts).
 */
import { deadlineOf } from './deadline.ts';
import { holds, type Index, type RunContext } from './rules.ts';
import type { Choice, Probe } from './schema.ts';

/** Where a move is made: the phase and its round (1-based) out of its rounds. */
export interface RoundParams {
  phase: string;
  round: number;
  rounds: number;
}

/** A move the lab can make now, with the token a record stores for it. */
export type TableMove =
  | { kind: 'choice'; token: string; choice: Choice }
  | { kind: 'probe'; token: string; probe: Probe }
  | { kind: 'propose'; token: string; pkg: number }
  | { kind: 'accept'; token: 'accept'; pkg: number }
  | { kind: 'walk-away'; token: 'walk-away' };

/**
 * How many rounds are left at a table, counting the current one (pure): the rounds the phase has
 * left, cut short where the calendar would pass the deadline (as events have moved it) before the
 * next beat. The deadline and the beats' dates are public, so both sides count the same way.
 */
export function roundsAhead(index: Index, ctx: RunContext, p: RoundParams): number {
  const phase = index.phases.get(p.phase);
  const table = phase?.table;
  const most = p.rounds - p.round + 1;
  if (!phase || !table) return most;
  const deadline = deadlineOf(table.deadline, table.extensions, ctx);
  const at = ctx.beat === null ? phase.beats.length : (index.beats.get(ctx.beat)?.index ?? phase.beats.length);
  let left = 1;
  let day = ctx.day;
  for (let i = at + 1; i < phase.beats.length && left < most; i++) {
    const beat = phase.beats[i]!;
    if (beat.when && !holds(beat.when, ctx)) continue;
    day += beat.days;
    if (day > deadline) return left;
    left++;
  }
  // Rounds with no beat left to play take no days.
  return most;
}

