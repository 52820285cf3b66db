/**
 * Widgets of the debrief screens (Ending, Compare), built on the kit:
 *
 * - `tabs`: proper ARIA tabs over kit buttons. A role=tablist of role=tab buttons (aria-selected,
 *   one tab stop, arrow keys, Home and End) and a role=tabpanel per tab. Each panel's canvas
 *   drawings are shown with its tab, and only the selected panel is in the DOM's visible and
 *   accessible tree. In the text view, where the DOM layer is the whole game and the canvas is
 *   not shown, the tab list is hidden and every panel is shown, one after another, as regions.
 * - `onViewChange`: calls back with whether the text view is on, now and whenever a resize turns
 *   it on or off, for as long as the scene runs.
 * - `Shown`: drawings whose DOM twins are in one element, shown or hidden together (a panel, a
 *   list item the canvas has no room for, which the text view shows).
 */
import type * as Phaser from 'phaser';
import type { App } from './app.ts';
import type { Bounds } from './dom.ts';
import type { Kit, KitButton } from './kit.ts';

type Visible = Phaser.GameObjects.GameObject & { setVisible(on: boolean): unknown };

/** Drawings and the DOM elements their twins are in, shown or hidden together (TwinText.setVisible reaches the twins too). */
export class Shown {
  readonly objects: Visible[] = [];
  readonly els: HTMLElement[];
  constructor(...els: HTMLElement[]) {
    this.els = els;
  }

  /** The (first) element. */
  get el(): HTMLElement {
    return this.els[0]!;
  }

  add<T extends Phaser.GameObjects.GameObject>(o: T): T {
    this.objects.push(o as unknown as Visible);
    return o;
  }

  set(on: boolean) {
    for (const o of this.objects) o.setVisible(on);
    for (const el of this.els) el.hidden = !on;
  }
}

/** Calls `apply(textView)` now, and again when a resize turns the text view on or off, until the scene shuts down. */
export function onViewChange(scene: Phaser.Scene, app: App, apply: (textView: boolean) => void) {
  let on = app.textView;
  apply(on);
  const check = () => {
    if (app.textView === on) return;
    on = app.textView;
    apply(on);
  };
  addEventListener('resize', check);
  scene.events.once('shutdown', () => removeEventListener('resize', check));
}

export interface Tabs<T extends string> {
  buttons: Map<T, KitButton>;
  /** Each tab's panel: its DOM element, and the drawings shown with it. */
  panels: Map<T, Shown>;
  /** Shows a tab's panel and marks its tab selected (the caller keeps which one that is). */
  show(tab: T): void;
  /** Lays the panels out for the text view (all shown) or the canvas view (the selected one). */
  view(textView: boolean): void;
}

let ids = 0;

/**
 * A row of tabs at (x, y) and a panel per tab (appended to `parent` after the tab list). Pressing a
 * tab, or moving to it with the arrow keys, calls `onSelect`; the caller updates its state and calls
 * `show`.
 */
export function tabs<T extends string>(kit: Kit, parent: HTMLElement, label: string, names: readonly T[], at: { x: number; y: number; h: number; gap: number; pad?: number }, onSelect: (tab: T) => void, neighbour: (tab: T, step: number) => T): Tabs<T> {
  const { dom } = kit;
  const list = dom.group(parent, label, 'div', 'canvas-only');
  list.setAttribute('role', 'tablist');
  const buttons = new Map<T, KitButton>();
  const panels = new Map<T, Shown>();
  const n = ++ids;
  let x = at.x;
  let selected: T = names[0]!;
  let textView = false;
  names.forEach((t, i) => {
    const w = kit.measure(t, { size: 14, weight: '600' }).width + (at.pad ?? 28);
    const bounds: Bounds = { x, y: at.y, w, h: at.h };
    const b = kit.button(list, t, bounds, () => onSelect(t), 'tab', { data: { tab: t } });
    b.el.id = `tab-${n}-${i}`;
    b.el.setAttribute('role', 'tab');
    b.el.setAttribute('aria-controls', `panel-${n}-${i}`);
    b.el.removeAttribute('aria-pressed');
    buttons.set(t, b);
    x += w + at.gap;
    const el = dom.make('section', { id: `panel-${n}-${i}`, 'aria-label': t });
    parent.append(el);
    panels.set(t, new Shown(el));
  });
  list.addEventListener('keydown', (e) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const to = step ? neighbour(selected, step) : e.key === 'Home' ? names[0] : e.key === 'End' ? names.at(-1) : undefined;
    if (to === undefined) return;
    e.preventDefault();
    onSelect(to);
    buttons.get(to)?.el.focus();
  });
  const apply = () => {
    for (const [t, b] of buttons) {
      const on = t === selected;
      b.setSelected(on);
      // A tab says it is selected, not pressed: aria-selected, and one tab stop for the list.
      b.el.removeAttribute('aria-pressed');
      b.el.setAttribute('aria-selected', String(on));
      b.el.tabIndex = on ? 0 : -1;
    }
    panels.forEach((p, t) => {
      p.el.setAttribute('role', textView ? 'region' : 'tabpanel');
      p.set(textView || t === selected);
    });
  };
  return {
    buttons,
    panels,
    show(tab) {
      selected = tab;
      apply();
    },
    view(on) {
      textView = on;
      apply();
    },
  };
}
