/**
 * The debrief's state and what each of its tabs shows, in words (plain TypeScript, no Phaser, no
 * DOM): the Ending scene draws these lines on the canvas, and each line's DOM twin says them.
 * All story text comes from the core's EndingView and DiceRoll; this only arranges it.
 */
import type { DiceRoll, EndingView } from '../core/view.ts';
import { shortDate } from './words.ts';

export const DEBRIEF_TABS = ['Debrief', 'Contract', 'Deal map', 'Meters', 'Timeline', 'The dice', 'Trade-offs', 'What really happened', 'Discuss'] as const;
/** The tabs of a negotiation (version 2) debrief only. */
const TALK_TABS: readonly DebriefTab[] = ['Contract', 'Deal map'];
export type DebriefTab = (typeof DEBRIEF_TABS)[number];

/** The heading each tab's panel opens with. */
export const TAB_HEADINGS: Record<DebriefTab, string> = {
  Debrief: 'Debrief',
  Contract: 'The contract, clause by clause',
  'Deal map': 'The deal space, with the hidden values revealed',
  Meters: 'Meters over time',
  Timeline: 'Timeline of choices and reactions',
  'The dice': 'The dice: every roll',
  'Trade-offs': 'The trade-offs you made',
  'What really happened': 'What the reports say really happened',
  Discuss: 'Questions to discuss',
};

/** Which debrief tabs there are (the dice only when the odds are shown) and which one is selected. */
export class EndingState {
  readonly tabs: DebriefTab[];
  private current: DebriefTab = 'Debrief';

  constructor(opts: { dice: boolean; talks?: boolean }) {
    this.tabs = DEBRIEF_TABS.filter((t) => (t !== 'The dice' || opts.dice) && (opts.talks === true || !TALK_TABS.includes(t)));
  }

  get selected(): DebriefTab {
    return this.current;
  }

  /** Selects a tab; returns whether the selection changed. */
  select(tab: DebriefTab): boolean {
    if (!this.tabs.includes(tab) || tab === this.current) return false;
    this.current = tab;
    return true;
  }

  /** The tab `step` places away from the selected one, wrapping around (arrow keys on the tab list). */
  neighbour(step: number): DebriefTab {
    const i = this.tabs.indexOf(this.current);
    const n = this.tabs.length;
    return this.tabs[(((i + step) % n) + n) % n]!;
  }
}

/** The timeline the debrief shows: choices, reactions and the ending (phases are left out). */
export const timelineItems = (v: EndingView) => v.timeline.filter((t) => t.kind !== 'phase');

/** The trade-offs tab's opening line: what the player traded most often. */
export function tradeoffSummary(v: EndingView): string {
  const top = v.tradeoffs.filter((t) => t.count > 1).slice(0, 4);
  return top.length ? `Most often you traded: ${top.map((t) => `${t.tag} (${t.count}×)`).join(', ')}.` : 'Each choice traded something different.';
}

/** A choice and what it traded, as the two pieces of a trade-offs row. */
export function tradeoffRow(c: EndingView['choices'][number]): { choice: string; traded: string } {
  return { choice: `${shortDate(c.date)}  ${c.label}`, traded: c.tradeoffs.join(', ') };
}

export const DICE_INTRO =
  "Every roll of this run's dice, with its chance and its roll (0-99): a reaction fires when its roll is below its chance. The same seed rolls the same number for the same reaction at the same moment in any run.";
export const NO_DICE = 'No reaction rolled: the run ended before any stakeholder had a moment to react.';

/** A roll as the two pieces of a dice row: the reaction, and its chance, roll and outcome. */
export function diceRow(d: DiceRoll): { reaction: string; figures: string } {
  return { reaction: `${d.stakeholder}: ${d.headline}`, figures: `${Math.round(d.chance * 100)}%, roll ${Math.round(d.roll * 100)}, ${d.fired ? 'fired' : 'not fired'}` };
}

/** The line under the meter chart. */
export const chartFoot = (points: number) => `From the start to ${points - 1} beat${points === 2 ? '' : 's'} later: one point per choice, after the reactions it set off`;
