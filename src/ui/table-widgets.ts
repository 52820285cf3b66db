/**
 * Widgets of the Table (and the Title, Briefing and Sources screens) built on the kit's twins:
 * a line of pieces joined by a separator glyph, and a pager that shows a long list a page at a
 * time on the canvas and in the DOM together. No scene writes text of its own here either: every
 * word is a TwinText, and the separator glyph is decoration, kept in the DOM as plain punctuation
 * between the twins so that the DOM line reads as the canvas line does ("Phase 1 of 4 · The talks").
 */
import type * as Phaser from 'phaser';
import { fitWidth, type Kit, type KitButton, type TextStyle, type TwinText } from './kit.ts';
import { requestFrame } from './render.ts';
import { color, css } from './theme.ts';

export interface Pieces {
  /** The twinned pieces, in order. */
  texts: TwinText[];
  /** Everything drawn: the pieces and the separators. */
  objects: Phaser.GameObjects.Text[];
  /** The DOM element holding the twins (its text is the whole line). */
  el: HTMLElement;
  width: number;
  height: number;
}

export interface PiecesOptions {
  /** What the DOM says between two pieces (default " · "). */
  sep?: string;
  /** Where `x` is: the line's left edge (default), its right edge, or its centre. */
  align?: 'left' | 'right' | 'center';
  /** The DOM element holding the twins: a span (in a button or a line) or a paragraph. */
  tag?: 'span' | 'p';
  cls?: string;
  /** The widest the line may be on the canvas: the first piece is shortened (canvas only) to fit. */
  maxW?: number;
}

/**
 * A line of words pieces, each a twin, joined on the canvas by a separator drawn as decoration.
 * The DOM element holding them has the separators between the twins as plain text, so it says
 * the line as drawn. The holder is a `.t` container (the kit's visually hidden text in the canvas
 * view); its `.t` pieces are the texts the parity check compares.
 */
export function pieces(kit: Kit, parent: HTMLElement, x: number, y: number, parts: string[], style: TextStyle, o: PiecesOptions = {}): Pieces {
  const sep = o.sep ?? ' · ';
  const drawn = sep.trim();
  const el = kit.dom.make(o.tag ?? 'span', { class: `t pieces ${o.cls ?? ''}`.trim() });
  parent.append(el);
  const s: TextStyle = { ...style, align: 'left' };
  const texts: TwinText[] = [];
  const objects: Phaser.GameObjects.Text[] = [];
  parts.forEach((part, i) => {
    if (i > 0) {
      el.append(document.createTextNode(sep));
      if (drawn) {
        const d = kit.text(null, x, y, drawn, s, 'none');
        objects.push(d);
      }
    }
    const t = kit.text(el, x, y, part, s, 'span');
    texts.push(t);
    objects.push(t);
  });
  const gap = Math.round(kit.measure(' ', s).width) + 2;
  const total = () => objects.reduce((n, t) => n + t.width, 0) + gap * Math.max(0, objects.length - 1);
  if (o.maxW !== undefined && texts[0] && total() > o.maxW) fitWidth(texts[0], Math.max(24, texts[0].width - (total() - o.maxW)));
  const width = total();
  let cx = o.align === 'right' ? x - width : o.align === 'center' ? x - width / 2 : x;
  for (const t of objects) {
    t.setX(cx);
    cx += t.width + gap;
  }
  const height = Math.max(0, ...objects.map((t) => t.height));
  return { texts, objects, el, width, height };
}

/** One entry of a paged list: what it draws, its DOM element, and its height on the canvas. */
export interface PagedEntry {
  objects: (Phaser.GameObjects.GameObject & { y: number; setVisible(on: boolean): unknown })[];
  el: HTMLElement;
  height: number;
}

/**
 * A list shown a page at a time: the entries that fit the room are drawn, the others are hidden
 * on the canvas and in the DOM alike, and a button turns the page (in place, keeping the focus).
 * Entries are laid out from `top`; each entry's objects are placed relative to its first object.
 */
export class Pager {
  readonly pages: number[][] = [];
  private page = 0;
  private button: KitButton | null = null;

  constructor(
    private readonly entries: PagedEntry[],
    private readonly top: number,
    room: number,
    private readonly gap: number,
  ) {
    let cur: number[] = [];
    let used = 0;
    entries.forEach((e, i) => {
      const h = e.height + (cur.length ? gap : 0);
      if (cur.length && used + h > room) {
        this.pages.push(cur);
        cur = [];
        used = 0;
      }
      cur.push(i);
      used += cur.length === 1 ? e.height : h;
    });
    if (cur.length) this.pages.push(cur);
    // Each entry keeps its objects' offsets from its first object.
    this.offsets = entries.map((e) => e.objects.map((o) => o.y - (e.objects[0]?.y ?? 0)));
    this.show(0);
  }

  private readonly offsets: number[][];

  get count(): number {
    return this.pages.length;
  }

  get current(): number {
    return this.page;
  }

  /** Adds the button that turns the page, when there is more than one; `label` names it for a page. */
  withButton(make: (onPress: () => void) => KitButton, label: (page: number, count: number) => string): this {
    if (this.count < 2) return this;
    this.label = label;
    this.button = make(() => this.show((this.page + 1) % this.count));
    this.button.label.setText(label(this.page, this.count));
    return this;
  }

  private label: ((page: number, count: number) => string) | null = null;

  show(page: number) {
    this.page = page;
    const on = new Set(this.pages[page] ?? []);
    let y = this.top;
    this.entries.forEach((e, i) => {
      const visible = on.has(i);
      e.el.hidden = !visible;
      e.objects.forEach((o, k) => {
        o.setVisible(visible);
        if (visible) o.y = y + this.offsets[i]![k]!;
      });
      if (visible) y += e.height + this.gap;
    });
    if (this.button && this.label) this.button.label.setText(this.label(page, this.count));
    requestFrame();
  }
}

/**
 * The class's decision timer: a soft countdown drawn at (x, y), aligned right. When it runs out
 * the player is told to decide; nothing is chosen for them. The DOM twin carries `data-timer`
 * (seconds left). Returns the scene's timer event, for the scene to remove.
 */
export function decisionTimer(scene: Phaser.Scene, kit: Kit, parent: HTMLElement, x: number, y: number, seconds: number, announce: (text: string) => void): Phaser.Time.TimerEvent {
  let left = seconds;
  const fmt = (n: number) => `${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`;
  const t = kit.text(parent, x, y, `Decision timer: ${fmt(left)} left.`, { size: 15, weight: 'bold', color: color.gold, align: 'right' }, 'p');
  const mark = (n: number) => t.twin?.setAttribute('data-timer', String(n));
  mark(left);
  return scene.time.addEvent({
    delay: 1000,
    repeat: seconds - 1,
    callback: () => {
      left--;
      mark(left);
      if (left > 0) {
        t.setText(`Decision timer: ${fmt(left)} left.`);
        if (left <= 10) t.setColor(css(color.redText));
        return;
      }
      t.setText("Time's up: decide now.");
      t.setColor(css(color.redText));
      announce("Time's up: decide now.");
    },
  });
}
