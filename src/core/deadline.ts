/** A table's deadline as events move it (pure; shared by the machine's guard and the views). */
import { holds, type RunContext } from './rules.ts';
import type { Condition } from './schema.ts';

/** A table's deadline day in a state: its `deadline` plus every extension whose condition holds. */
export function deadlineOf(deadline: number, extensions: readonly { when: Condition; days: number }[] | undefined, ctx: RunContext): number {
  let day = deadline;
  for (const x of extensions ?? []) if (holds(x.when, ctx)) day += x.days;
  return day;
}
