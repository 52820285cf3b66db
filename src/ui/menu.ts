/**
 * The title screen's menu: its words, actions and places, in one list. The Title scene draws it
 * with the kit; the page's own title screen (src/ui/boot.ts) shows the same buttons while the
 * engine loads. No Phaser here: this module is part of the page's first, small script.
 */
import type { Bounds } from './dom.ts';

export type MenuKey = 'newRun' | 'classRun' | 'continue' | 'seeded' | 'replay' | 'runs' | 'sources' | 'settings' | 'teachers';

export interface MenuSlot {
  key: MenuKey;
  /** data-action of its button. */
  action: string;
  label: string;
  /** The second line (the Title scene may put a fresher one, such as the seed). */
  sub?: string;
  description?: string;
  variant: 'primary' | 'secondary' | 'quiet';
  bounds: Bounds;
}

const ENTRIES: Record<MenuKey, { action: string; label: string; sub?: string; description?: string }> = {
  newRun: { action: 'new-run', label: 'New run' },
  classRun: { action: 'new-run', label: 'Start the class run' },
  continue: { action: 'continue', label: 'Continue' },
  seeded: { action: 'seeded-run', label: 'Seeded run…', sub: 'same seed, same dice: for classes and replays' },
  replay: { action: 'open-code', label: 'Watch a replay…', sub: 'paste a replay code someone shared' },
  runs: { action: 'runs', label: 'Your runs', sub: 'replay, branch and export finished runs; import a file' },
  sources: { action: 'sources', label: 'Sources', sub: 'reports and credits' },
  settings: { action: 'settings', label: 'Settings' },
  teachers: { action: 'teachers', label: 'For teachers', sub: 'class link, results, odds' },
};

/** The line at the foot of the title screen. */
export const TITLE_HINT = 'Mouse, touch or keyboard: Tab moves, Enter chooses, Esc opens the menu.';

/** The menu's buttons and where they go (game coordinates), for a class run or not, with a run to continue or not. */
export function titleMenu(o: { classRun: boolean; canContinue: boolean }): MenuSlot[] {
  const out: MenuSlot[] = [];
  const x = 700;
  const w = 440;
  let y = 150;
  const put = (key: MenuKey, variant: MenuSlot['variant'], bounds: Bounds) => out.push({ key, ...ENTRIES[key], variant, bounds });
  put(o.classRun ? 'classRun' : 'newRun', 'primary', { x, y, w, h: 64 });
  y += 76;
  if (o.canContinue) {
    put('continue', 'secondary', { x, y, w, h: 52 });
    y += 62;
  }
  if (!o.classRun) {
    put('seeded', 'secondary', { x, y, w, h: 52 });
    y += 62;
  }
  put('replay', 'secondary', { x, y, w, h: 52 });
  y += 62;
  put('runs', 'secondary', { x, y, w, h: 52 });
  y += 64;
  // The last row: Sources and For teachers carry a second line, so they are the wider two.
  const narrow = 110;
  const wide = (w - narrow - 20) / 2;
  put('sources', 'quiet', { x, y, w: wide, h: 48 });
  put('settings', 'quiet', { x: x + wide + 10, y, w: narrow, h: 48 });
  put('teachers', 'quiet', { x: x + wide + narrow + 20, y, w: wide, h: 48 });
  return out;
}
