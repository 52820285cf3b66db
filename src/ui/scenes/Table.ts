import { forgetMarks } from '../terms.ts';
import * as Phaser from 'phaser';
import type { ChoiceView, MeterView, TableView } from '../../core/view.ts';
import { appOf, type App } from '../app.ts';
import { fitWidth, Kit, type KitButton, type TwinText } from '../kit.ts';
import { longDate, shortDate, timelineLine } from '../words.ts';
import { SceneKeys } from '../keys.ts';
import { TableState } from '../table-state.ts';
import { decisionTimer, Pager, pieces, type PagedEntry } from '../table-widgets.ts';
import { color, css, deltaTone, meterTone, W, type Good } from '../theme.ts';

const LEFT = 24;
const LEFT_W = 832;
const RIGHT = 872;
const RIGHT_W = 384;
/** The lowest the choice rows may reach (the canvas is 720 high). */
const BOTTOM = 704;

interface MeterWidget {
  bar: Phaser.GameObjects.Graphics;
  value: TwinText;
  y: number;
  good: Good;
}

/** Source badges and the HYPOTHETICAL tag in words, for the DOM (the kit draws the badges). */
const groundingWords = (g: { cites: { id: string }[]; hypothetical: boolean }) =>
  [g.hypothetical ? 'Hypothetical: not in the source reports.' : '', g.cites.length ? `Sources: ${g.cites.map((c) => c.id).join(', ')}.` : ''].filter(Boolean).join(' ');

/**
 * The negotiation table: the phase and date, the situation card with its sources, the choices
 * with their trade-offs and meter previews, the meters, the news feed and the run so far.
 * 1-4 pick a choice, Enter (or a second click) commits it. What it shows and how a choice is
 * picked live in TableState (src/ui/table-state.ts); this scene draws it through the kit.
 */
export class Table extends Phaser.Scene {
  private kit!: Kit;
  private app!: App;
  private state!: TableState;
  private view!: TableView;
  private choiceButtons = new Map<string, KitButton>();
  private hint!: TwinText;
  /** A choice row: the label line above its text, the tags line below it (measured, so larger text fits). */
  private rowTop = 34;
  private rowBottom = 26;
  private meterBottom = 278;
  /** What each part of the table drew (canvas objects, DOM regions), so a part can be drawn again in place. */
  private parts = new Map<string, { objects: Phaser.GameObjects.GameObject[]; dom: Element[] }>();
  private meterWidgets = new Map<string, { w: MeterWidget; li: HTMLElement; y: number; pop: TwinText | null; gap: Text | null }>();
  private timer: Phaser.Time.TimerEvent | null = null;

  constructor() {
    super(SceneKeys.Table);
  }

  /** The height of one line of text in a style, measured. */
  private lineHeight(style: Parameters<Kit['style']>[0]): number {
    return this.kit.measure('Ag', style).height;
  }

  create(data: { fresh?: string[]; before?: Record<string, number> } = {}) {
    this.app = appOf(this);
    const app = this.app;
    const session = app.session!;
    if (session.done) {
      app.go(SceneKeys.Ending);
      return;
    }
    // At a negotiating table (version 2), the Talks scene draws the contract and the moves.
    if (session.scenario.negotiation && session.moves().some((m) => m.kind === 'propose')) {
      app.go(SceneKeys.Talks, data);
      return;
    }
    const v = (this.view = session.table(app.settings.level));
    this.state = new TableState(v.choices, session.originalChoice ?? null);
    this.choiceButtons.clear();
    this.parts.clear();
    this.meterWidgets.clear();
    this.timer = null;
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Table, 'Negotiation table'));
    kit.backdrop(0.3);
    app.dom.app.dataset.turn = String(session.context.choices.length);
    this.events.once('shutdown', () => delete app.dom.app.dataset.turn);

    this.rowTop = 12 + this.lineHeight({ size: 16, weight: 'bold' });
    this.rowBottom = 10 + this.lineHeight({ size: 12, italic: true });
    this.part('top', () => this.topBar(v));
    this.part('beat', () => {
      this.card(v, this.choicesHeight(v, 12));
      this.choices(v);
    });
    this.meterPanel(v.meters, data.before);
    this.part('news', () => this.newsPanel(v, new Set(data.fresh ?? [])));
    this.part('timeline', () => this.timelinePanel(v));
    if (session.saveProblem) app.dom.announce(session.saveProblem);

    app.keys((e) => {
      const id = this.state.byKey(Number(e.key));
      if (id) {
        this.select(id);
        this.choiceButtons.get(id)?.el.focus();
        return true;
      }
      const sel = this.state.selected;
      if (e.key === 'Enter' && sel && !(e.target instanceof HTMLButtonElement)) {
        this.commit(sel);
        return true;
      }
      return false;
    });
  }

  /**
   * Draws one part of the table, remembering what it drew; drawn again, it first takes away what
   * it drew before, and its DOM regions keep their place among the others.
   */
  private part(name: string, draw: () => void) {
    const root = this.kit.root;
    const old = this.parts.get(name);
    let anchor: Node | null = null;
    if (old) {
      anchor = old.dom.at(-1)?.nextSibling ?? null;
      this.tweens.killTweensOf(old.objects);
      for (const o of old.objects) o.destroy();
      for (const e of old.dom) e.remove();
    }
    const objects = new Set(this.children.list);
    const dom = new Set(root.children);
    draw();
    const made = { objects: this.children.list.filter((o) => !objects.has(o)), dom: [...root.children].filter((e) => !dom.has(e)) };
    if (anchor) for (const e of made.dom) root.insertBefore(e, anchor);
    this.parts.set(name, made);
  }

  /**
   * After a choice that keeps the run in this phase: the table is updated in place. The meters
   * move from where they stood; the date, the situation and the choices, the news and the run so
   * far are drawn again with the new beat; nothing else is rebuilt.
   */
  private advance(fresh: string[], before: Record<string, number>) {
    const app = this.app;
    const session = app.session!;
    const v = (this.view = session.table(app.settings.level));
    this.state = new TableState(v.choices, session.originalChoice ?? null);
    this.choiceButtons.clear();
    this.timer?.remove();
    this.timer = null;
    this.part('top', () => this.topBar(v));
    this.part('beat', () => {
      this.card(v, this.choicesHeight(v, 12));
      this.choices(v);
    });
    this.updateMeters(v.meters, before);
    this.part('news', () => this.newsPanel(v, new Set(fresh)));
    this.part('timeline', () => this.timelinePanel(v));
    app.dom.app.dataset.turn = String(session.context.choices.length);
    if (session.saveProblem) app.dom.announce(session.saveProblem);
  }

  private topBar(v: TableView) {
    const kit = this.kit;
    const g = this.add.graphics();
    g.fillStyle(color.panel, 0.96).fillRect(0, 0, W, 52);
    g.lineStyle(1, color.line, 1).lineBetween(0, 52, W, 52);
    g.fillStyle(color.red, 1).fillRect(0, 50, (W * v.phase.number) / v.phase.of, 2);
    const bar = this.app.dom.group(kit.root, 'Where you are', 'div');
    pieces(kit, bar, LEFT, 16, [`Phase ${v.phase.number} of ${v.phase.of}`, v.phase.title], { size: 15, weight: 'bold', caps: true }, { tag: 'p' });
    kit.text(bar, W / 2 + 60, 16, longDate(v.date), { size: 15, color: color.muted, align: 'center' }, 'p');
    const menu = kit.button(bar, 'Menu', { x: W - 112, y: 9, w: 88, h: 34 }, () => this.app.openMenu(), 'quiet');
    menu.el.setAttribute('aria-keyshortcuts', 'Escape');
    const timer = this.app.classMode?.timer ?? null;
    if (timer) this.timer = decisionTimer(this, kit, bar, W - 130, 17, timer, (text) => this.app.dom.announce(text));
    const branch = this.app.session!.branch;
    if (branch) {
      pieces(kit, bar, W - 128, 18, ['What if', `branched at beat ${branch.at + 1}`], { size: 12, weight: 'bold', color: color.gold, caps: true }, { tag: 'p', align: 'right', cls: 'branch-note' });
    }
  }

  /** The height the choice rows need with their text at a size. */
  private choicesHeight(v: TableView, size: number): number {
    return v.choices.reduce((n, c) => n + this.rowTop + this.kit.measure(c.text, { size, width: LEFT_W - 96 }).height + this.rowBottom + 6, 0);
  }

  private card(v: TableView, choicesMin: number) {
    const kit = this.kit;
    const beat = v.beat!;
    const region = this.app.dom.group(kit.root, 'The situation', 'section');
    const top = 64;
    // The card takes what the choices leave, up to 150 px of text (more with larger text).
    const room = Math.max(90, Math.min(150 * kit.scale, BOTTOM - 32 - choicesMin - top - 72));
    let size = 17;
    const cardHeight = (s: number) => kit.measure(beat.card, { size: s, font: 'prose', width: LEFT_W - 48 }).height;
    let textH = cardHeight(size);
    while (textH > room && size > 11) textH = cardHeight(--size);
    const h = 56 + textH + 16;
    kit.panel(LEFT, top, LEFT_W, h, color.panel, color.line, 14);
    const title = kit.text(region, LEFT + 24, top + 16, beat.title, { size: 21, weight: 'bold', width: 520 }, 'h1');
    if (beat.speaker) kit.text(region, LEFT + 28 + title.width, top + 22, `· ${beat.speaker}`, { size: 13, color: color.muted }, 'p', 'muted');
    const body = kit.text(region, LEFT + 24, top + 52, beat.card, { size, font: 'prose', width: LEFT_W - 48 }, 'p', 'prose');
    kit.grounding(region, LEFT + LEFT_W - 24 - Math.min(300, this.groundingWidth(beat)), top + 18, beat, 300);
    // Each beat's card is new: its terms are marked again.
    forgetMarks(kit);
    this.app.markTerms(kit, body);
    kit.fadeIn([title, body], 0, 6);
    this.data.set('cardBottom', top + h);
  }

  private groundingWidth(g: { cites: { id: string }[]; hypothetical: boolean }): number {
    const hyp = g.hypothetical ? this.kit.measure('HYPOTHETICAL', { size: 11, weight: 'bold', caps: true }).width + 22 : 0;
    return hyp + g.cites.length * 34;
  }

  private choices(v: TableView) {
    const kit = this.kit;
    const region = this.app.dom.group(kit.root, 'Your choices', 'section');
    const top = (this.data.get('cardBottom') as number) + 10;
    kit.text(region, LEFT + 4, top, 'Your move', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    this.hint = kit.text(region, LEFT + LEFT_W - 4, top, `Press 1-${v.choices.length} or click to pick, then Enter or click again to commit`, { size: 12, color: color.muted, align: 'right' }, 'p', 'hint');
    const avail = BOTTOM - (top + 22);
    let gap = 6;
    let size = 14;
    const heights = (s: number) => v.choices.map((c) => this.rowTop + kit.measure(c.text, { size: s, width: LEFT_W - 96 }).height + this.rowBottom);
    let hs = heights(size);
    const total = () => hs.reduce((a, b) => a + b, 0) + gap * (hs.length - 1);
    while (total() > avail && size > 11) hs = heights(--size);
    if (total() > avail) {
      // Still too tall at the smallest text (long choices at a larger text size): tighten the
      // rows' padding and the gaps between them rather than let the last row leave the canvas.
      this.rowTop -= 4;
      this.rowBottom -= 3;
      gap = 3;
      hs = heights(size);
    }
    let y = top + 22;
    v.choices.forEach((c, i) => {
      this.choiceRow(region, c, y, hs[i]!, size);
      y += hs[i]! + gap;
    });
  }

  /**
   * One choice: a DOM button over its drawing, whose parts are twins of the drawn pieces: the key,
   * the label, and (its description) the text, the trade-off tags, the meters it moves, what it
   * ends, and its sources in words.
   */
  private choiceRow(region: HTMLElement, c: ChoiceView, y: number, h: number, size: number) {
    const kit = this.kit;
    const x = LEFT;
    const original = this.state.original === c.id;
    const btn = kit.button(region, c.label, { x, y, w: LEFT_W, h }, () => this.press(c.id), 'choice', {
      pressed: false,
      data: original ? { choice: c.id, key: String(c.key), original: 'true' } : { choice: c.id, key: String(c.key) },
      disabled: original,
    });
    const el = btn.el;
    const objs: Phaser.GameObjects.GameObject[] = [];
    const key = this.add.graphics();
    key.fillStyle(color.panel2, 1).fillRoundedRect(x + 14, y + 10, 26, 26, 6);
    key.lineStyle(1, color.line, 1).strokeRoundedRect(x + 14.5, y + 10.5, 25, 25, 6);
    objs.push(key);
    // "1. Label": the key's twin goes before the label's in the button.
    const num = kit.text(el, x + 27, y + 23, String(c.key), { size: 14, weight: 'bold' }, 'span').setOrigin(0.5);
    if (num.twin) {
      el.prepend(num.twin, document.createTextNode('. '));
      // The name is "1. Label", all the button holds; the rest is the description after it.
    }
    objs.push(num);
    btn.label.setOrigin(0, 0).setPosition(x + 54, y + 10);
    objs.push(btn.label);

    // The description just after the button (see DomLayer.button): the button shows its name only.
    const about = kit.dom.make('span', { class: 't desc', id: `about-${c.id}` });
    el.after(about);
    el.setAttribute('aria-describedby', about.id);
    const space = () => about.append(document.createTextNode(' '));
    let badge: TwinText | null = null;
    if (original) {
      badge = kit.text(about, x + LEFT_W - 16, y + 12, "The original run's choice", { size: 12, weight: 'bold', color: color.gold, caps: true, align: 'right' }, 'span');
      space();
      objs.push(badge);
    }
    objs.push(kit.text(about, x + 54, y + this.rowTop, c.text, { size, width: LEFT_W - 96, color: color.prose }, 'span'));
    // In the DOM: the text, then the trade-offs, then the meters it moves, then what it ends.
    const tags = kit.dom.make('span', { class: 't tags' });
    const movesAt = kit.dom.make('span', { class: 't' });
    about.append(' ', tags, '. ', movesAt);

    // Footer: which meters move (right), then the sources and the trade-off tags in the room left.
    const fy = y + h - this.rowBottom + 4;
    const goodOf = new Map(this.view.meters.map((m) => [m.id, m.good]));
    let px = x + LEFT_W - 16;
    if (c.preview.length) {
      const moves = this.moves(movesAt, px, fy, c.preview.map((p) => ({ short: p.short, delta: p.delta, good: goodOf.get(p.meter) ?? 'high' })));
      objs.push(...moves.objects);
      px -= moves.width + 12;
    }
    let fx = x + 54;
    if (c.cites.length || c.hypothetical) {
      const badges: Phaser.GameObjects.GameObject[] = [];
      if (c.hypothetical) fx += kit.pill(fx, fy - 3, 'Hypothetical', color.gold, color.fillCaution, badges) + 6;
      for (const f of c.cites) fx += kit.pill(fx, fy - 3, f.id, color.blue, color.fillSource, badges) + 4;
      fx += 10;
      objs.push(...badges);
    }
    c.tradeoffs.forEach((tag, i) => {
      if (i > 0) tags.append(document.createTextNode('; '));
      const t = kit.text(tags, fx, fy, tag, { size: 12, color: color.muted, italic: true }, 'span');
      const room = px - 12 - fx;
      // A tag with no room left is not drawn, and not said either (the canvas and the DOM agree).
      if (room < 40) t.setVisible(false);
      else fitWidth(t, room);
      objs.push(t);
      fx += t.width + 14;
    });
    if (!original && c.exit) {
      about.append('. ');
      const ends = c.exit.kind === 'ending' ? `This ends the run: ${c.exit.title}` : `This ends the phase; next: ${c.exit.title}`;
      objs.push(kit.text(about, x + LEFT_W - 16, y + 12, ends, { size: 12, weight: 'bold', color: color.redText, caps: true, align: 'right' }, 'span'));
    }
    if (c.cites.length || c.hypothetical) kit.describe(about, ` ${groundingWords(c)}`, 'span', 'grounding');
    if (original) {
      for (const o of objs as (Phaser.GameObjects.GameObject & { setAlpha(a: number): unknown })[]) if (o !== badge) o.setAlpha(0.5);
    } else kit.fadeIn(objs, 60 + c.key * 50, 4);
    this.choiceButtons.set(c.id, btn);
  }

  /**
   * "Moves: Runway ▼  Morale ▲▲" in a choice's footer, right-aligned at `right`: each meter's
   * short name is a twin; its arrows are drawn (one for a change under 10, two from 10 up), in the
   * colour of what the change does for the player, and said in words beside the twin.
   */
  private moves(parent: HTMLElement, right: number, y: number, preview: { short: string; delta: number; good: Good }[]) {
    const kit = this.kit;
    const style = { size: 12, weight: '600' as const, color: color.muted };
    const el = kit.dom.make('span', { class: 't moves' });
    parent.append(el);
    const arrowW = 9;
    const widths = preview.map((p) => kit.measure(p.short, style).width + 4 + arrowW * (Math.abs(p.delta) >= 10 ? 2 : 1));
    const head = kit.measure('Moves:', style).width;
    const width = head + widths.reduce((n, w) => n + 12 + w, 0);
    let cx = right - width;
    const objects: Phaser.GameObjects.GameObject[] = [kit.text(el, cx, y, 'Moves:', style, 'span')];
    cx += head + 12;
    const g = this.add.graphics();
    objects.push(g);
    const mid = y + kit.measure('Ag', style).height / 2;
    preview.forEach((p, i) => {
      el.append(document.createTextNode(i === 0 ? ' ' : ', '));
      const tone = deltaTone(p.delta, p.good);
      const t = kit.text(el, cx, y, p.short, { ...style, color: tone }, 'span');
      objects.push(t);
      const n = Math.abs(p.delta) >= 10 ? 2 : 1;
      kit.describe(el, ` ${p.delta > 0 ? 'up' : 'down'}${n === 2 ? ' sharply' : ''}`, 'span');
      let ax = cx + t.width + 4;
      g.fillStyle(tone, 1);
      for (let k = 0; k < n; k++, ax += arrowW) {
        if (p.delta > 0) g.fillTriangle(ax, mid + 4, ax + 8, mid + 4, ax + 4, mid - 4);
        else g.fillTriangle(ax, mid - 4, ax + 8, mid - 4, ax + 4, mid + 4);
      }
      cx += widths[i]! + 12;
    });
    return { objects, width };
  }

  private press(id: string) {
    const p = this.state.press(id);
    if (p.kind === 'select') this.select(id);
    else if (p.kind === 'commit') this.commit(id);
  }

  private select(id: string) {
    if (!this.state.select(id)) return;
    for (const [cid, b] of this.choiceButtons) b.setSelected(cid === id);
    const label = this.view.choices.find((c) => c.id === id)?.label ?? '';
    this.hint.setText('Enter or click again to commit, or pick another');
    this.hint.setColor(css(color.focus));
    this.app.dom.announce(`Selected ${label}. Press Enter or activate it again to commit.`);
  }

  private commit(id: string) {
    if (!this.state.commit(id)) return;
    const app = this.app;
    const session = app.session!;
    const before = { ...session.context.meters };
    const was = session.toMove;
    const out = session.choose(id);
    const fresh = out.news.map((n) => n.reaction);
    if (!out.ended && out.news.length) app.dom.announce(out.news.map((n) => `${n.stakeholderName}: ${n.headline}`).join('. '));
    app.afterMove(out, was, { fresh, before }, () => this.advance(fresh, before));
  }

  private meterPanel(meters: MeterView[], before?: Record<string, number>) {
    const kit = this.kit;
    const region = this.app.dom.group(kit.root, 'Meters', 'section');
    const top = 64;
    const labelH = this.lineHeight({ size: 13 });
    const step = Math.max(34, labelH + 16);
    const panelH = 40 + meters.length * step + 4;
    this.meterBottom = top + panelH;
    kit.panel(RIGHT, top, RIGHT_W, panelH);
    kit.text(region, RIGHT + 18, top + 12, 'Meters', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    const list = this.app.dom.group(region, 'Meter values', 'ul');
    meters.forEach((m, i) => {
      const y = top + 38 + i * step;
      const from = before?.[m.id] ?? m.value;
      // A `.t` holder: hidden like the kit's texts in the canvas view (no list marker over the canvas); its pieces are the twins.
      const li = kit.dom.make('li', { class: 't meter' });
      list.append(li);
      kit.text(li, RIGHT + 18, y, m.label, { size: 13 }, 'span');
      li.append(document.createTextNode(': '));
      const value = kit.text(li, RIGHT + RIGHT_W - 18, y, String(from), { size: 13, weight: 'bold', align: 'right' }, 'span');
      kit.describe(li, ` of 100 (${m.good === 'low' ? 'lower' : 'higher'} is better)`, 'span');
      const bar = this.add.graphics();
      const w: MeterWidget = { bar, value, y: y + labelH + 2, good: m.good };
      this.meterWidgets.set(m.id, { w, li, y, pop: null, gap: null });
      this.drawMeter(w, from);
      this.moveMeter(m, from);
    });
  }

  /** The meters after a choice, moved in place from the values they had before it. */
  private updateMeters(meters: MeterView[], before: Record<string, number>) {
    for (const m of meters) this.moveMeter(m, before[m.id] ?? m.value);
  }

  /** Moves a meter's bar and number from a value to its own, with the change shown beside it for a moment. */
  private moveMeter(m: MeterView, from: number) {
    const kit = this.kit;
    const widget = this.meterWidgets.get(m.id);
    if (!widget) return;
    const { w, li, y } = widget;
    if (widget.pop) {
      this.tweens.killTweensOf(widget.pop);
      widget.pop.destroy();
      widget.gap?.remove();
      widget.pop = null;
    }
    if (from === m.value) {
      this.drawMeter(w, m.value);
      return;
    }
    const delta = m.value - from;
    const pop = (widget.pop = kit.text(li, RIGHT + RIGHT_W - 52, y, `${delta > 0 ? '+' : ''}${delta}`, { size: 13, weight: 'bold', color: deltaTone(delta, m.good), align: 'right' }, 'span'));
    widget.gap = document.createTextNode(' ');
    pop.twin?.before(widget.gap);
    if (kit.motion) {
      this.drawMeter(w, from);
      this.tweens.addCounter({
        from,
        to: m.value,
        duration: 900,
        delay: 250,
        ease: 'Cubic.easeInOut',
        onUpdate: (t) => this.drawMeter(w, t.getValue() ?? m.value),
        onComplete: () => this.drawMeter(w, m.value),
      });
      this.tweens.add({ targets: pop, alpha: 0, y: y - 10, delay: 1600, duration: 700, onComplete: () => pop.setVisible(false) });
    } else this.drawMeter(w, m.value);
  }

  private drawMeter(w: MeterWidget, v: number) {
    const x = RIGHT + 18;
    const width = RIGHT_W - 36;
    w.bar.clear();
    w.bar.fillStyle(color.panel2, 1).fillRoundedRect(x, w.y, width, 7, 3.5);
    w.bar.fillStyle(meterTone(v, w.good), 1).fillRoundedRect(x, w.y, Math.max(7, (width * v) / 100), 7, 3.5);
    const shown = String(Math.round(v));
    if (w.value.whole !== shown) w.value.setText(shown);
  }

  private newsPanel(v: TableView, fresh: Set<string>) {
    const kit = this.kit;
    const region = this.app.dom.group(kit.root, 'News', 'section');
    const top = this.meterBottom + 12;
    const h = 552 - top;
    kit.panel(RIGHT, top, RIGHT_W, h);
    kit.text(region, RIGHT + 18, top + 12, 'News and reactions', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    const list = this.app.dom.make('ol', { class: 'news', 'aria-live': 'polite', 'aria-label': 'News feed, newest first' });
    region.append(list);
    const items = [...v.news].reverse();
    if (!items.length) kit.text(region, RIGHT + 18, top + 44, 'Nothing yet. Reactions to your moves appear here.', { size: 13, color: color.muted, width: RIGHT_W - 36, italic: true }, 'p', 'muted');
    const odds = this.app.classMode?.showOdds === true;
    const entries: PagedEntry[] = items.map((n) => {
      const isNew = fresh.has(n.reaction);
      const li = kit.dom.make('li', { class: 't news-item' });
      if (isNew) li.dataset.fresh = 'true';
      list.append(li);
      const objects: PagedEntry['objects'] = [];
      let hypW = 0;
      if (n.hypothetical) {
        const hyp = kit.text(li, RIGHT + RIGHT_W - 18, 0, 'Hypothetical', { size: 10, color: color.gold, weight: 'bold', caps: true, align: 'right' }, 'span');
        hypW = hyp.width + 8;
        objects.push(hyp);
      }
      const who = pieces(kit, li, RIGHT + 18, 0, [n.stakeholderName, `${shortDate(n.date)} ${n.date.slice(0, 4)}`], { size: 11, color: isNew ? color.focus : color.muted, weight: 'bold', caps: true }, { tag: 'p', maxW: RIGHT_W - 36 - hypW });
      objects.unshift(...who.objects);
      const head = kit.text(li, RIGHT + 18, 17, n.headline, { size: 13, width: RIGHT_W - 36 }, 'p');
      objects.push(head);
      let hgt = 17 + head.height;
      if (odds) {
        const o = kit.text(li, RIGHT + 18, hgt + 2, `(Chance ${Math.round(n.chance * 100)}%, rolled ${Math.round(n.roll * 100)}.)`, { size: 11, color: color.muted }, 'p');
        objects.push(o);
        hgt += 2 + o.height;
      }
      return { objects, el: li, height: hgt };
    });
    const pager = new Pager(entries, top + 42, h - 50, 12).withButton(
      (onPress) => kit.button(region, 'Older', { x: RIGHT + RIGHT_W - 102, y: top + 7, w: 84, h: 26 }, onPress, 'quiet', { data: { action: 'news-page' } }),
      (p, n) => (p + 1 < n ? 'Older' : 'Newest'),
    );
    const first = new Set(pager.pages[0] ?? []);
    entries.forEach((e, i) => {
      if (first.has(i) && fresh.has(items[i]!.reaction)) kit.fadeIn(e.objects, 300, -12);
    });
  }

  private timelinePanel(v: TableView) {
    const kit = this.kit;
    const region = this.app.dom.group(kit.root, 'The run so far', 'section');
    const top = 564;
    kit.panel(RIGHT, top, RIGHT_W, 136);
    kit.text(region, RIGHT + 18, top + 12, 'The run so far', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    const items = v.timeline.filter((t) => t.kind !== 'phase');
    // The strip: one dot per event.
    const g = this.add.graphics();
    const x0 = RIGHT + 18;
    const x1 = RIGHT + RIGHT_W - 18;
    const y = top + 50;
    g.lineStyle(2, color.line, 1).lineBetween(x0, y, x1, y);
    const n = Math.max(items.length, 1);
    items.forEach((t, i) => {
      const x = x0 + ((x1 - x0) * (i + 0.5)) / Math.max(n, 12);
      g.fillStyle(t.kind === 'choice' ? color.red : color.blue, 1).fillCircle(x, y, t.kind === 'choice' ? 5 : 3.5);
    });
    if (!items.length) {
      kit.text(region, x0, y + 14, 'Your choices and the reactions to them will line up here.', { size: 12, color: color.muted, width: RIGHT_W - 36, italic: true }, 'p', 'muted');
      return;
    }
    const chose = items.filter((t) => t.kind === 'choice').length;
    kit.describe(region, `A line of ${items.length} dots, one per event so far: ${chose} red for your choices, ${items.length - chose} blue for the reactions.`);
    // The latest events, newest first, three at a time.
    const list = this.app.dom.group(region, 'Timeline, newest first', 'ol');
    const entries: PagedEntry[] = [...items].reverse().map((t) => {
      const li = kit.dom.make('li', { class: 't event' });
      list.append(li);
      const line = fitWidth(kit.text(li, x0, 0, timelineLine(t).text, { size: 12, color: t.kind === 'choice' ? color.text : color.muted }, 'span'), RIGHT_W - 36);
      return { objects: [line], el: li, height: 22 };
    });
    new Pager(entries, y + 14, 66, 0).withButton(
      (onPress) => kit.button(region, 'Earlier', { x: RIGHT + RIGHT_W - 102, y: top + 7, w: 84, h: 26 }, onPress, 'quiet', { data: { action: 'timeline-page' } }),
      (p, count) => (p + 1 < count ? 'Earlier' : 'Latest'),
    );
  }
}
