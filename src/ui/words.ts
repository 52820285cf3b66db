/**
 * How the screens word dates, counts and timeline entries: one place, no Phaser and no DOM, so
 * every screen (and the printed debrief) says them alike and the unit tests can read them.
 */
import type { TimelineItem } from '../core/view.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];

/** "2026-03-05" as "Thu 5 Mar 2026" (UTC, so every browser prints the same). */
export function longDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2026-03-05" as "5 Mar". */
export function shortDate(iso: string): string {
  const [, m, d] = parts(iso);
  return `${d} ${MONTHS[m - 1]}`;
}

/** "1 choice", "2 choices". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Who made a run's story choices, as its timeline says: "You" on the lab's side, "The lab" when the Department or two players played. */
export const choiceActor = (side: string | undefined) => (side === 'department' || side === 'pair' ? 'The lab' : 'You');

/** A timeline entry as a line, "25 Feb  You: Propose a joint review board", and the glyph drawn before it that marks its kind (decoration: the line says who acted). */
export function timelineLine(t: TimelineItem, actor = 'You'): { mark: string; text: string } {
  const mark = t.kind === 'choice' ? '▸' : t.kind === 'ending' ? '■' : '•';
  const what = t.kind === 'choice' ? `${actor}: ${t.label}` : t.kind === 'ending' ? `Ending: ${t.label}` : t.kind === 'reaction' ? `${t.detail}: ${t.label}` : t.label;
  return { mark, text: `${shortDate(t.date)}  ${what}` };
}

/** "v2", or "v1 (earlier version)" when the game holds a newer version of the scenario. */
export const versionTag = (version: number, earlier: boolean) => `v${version}${earlier ? ' (earlier version)' : ''}`;

/** A record's length: "12 moves" at a negotiating table (version 2), "5 choices" in a story. */
export const movesCount = (n: number, atTable: boolean) => plural(n, atTable ? 'move' : 'choice');

/** The Departments a class link offers, by the built-in agent in its chair (null: the scenario's own), with their short names. */
export const CLASS_OPPONENTS: readonly [string | null, string][] = [
  [null, 'Its own'],
  ['hardliner', 'Hard'],
  ['conceder', 'Soft'],
  ['random', 'Random'],
];

/** The two sides of a negotiation, as the screens name them. */
export const SIDE_NAMES = { lab: 'the lab', department: 'the Department' } as const;

/** Who plays new runs: one side against the other side's agent, or two players on one device or on two. */
export type PlayMode = 'lab' | 'department' | 'pair' | 'links:lab' | 'links:department';

/** Each way to play, as the title screen's picker names it: [label, detail]. */
export const PLAY_MODES: readonly [PlayMode, string, string][] = [
  ['lab', 'the lab', 'you negotiate for the lab; an agent plays the Department'],
  ['department', 'the Department', 'you negotiate for the Department; an agent plays the lab'],
  ['pair', 'two players, one device', 'one per side, passing the device between turns'],
  ['links:lab', 'two players, two devices: the lab', 'you play the lab and send each turn as a link'],
  ['links:department', 'two players, two devices: the Department', 'you play the Department and send each turn as a link'],
];
