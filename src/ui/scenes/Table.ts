import * as Phaser from 'phaser';
import type { ChoiceView, MeterView, TableView } from '../../core/view.ts';
import { appOf, type App } from '../app.ts';
import { fitWidth, Kit, longDate, type KitButton } from '../kit.ts';
import { SceneKeys } from '../keys.ts';
import { color, css, W } from '../theme.ts';

const LEFT = 24;
const LEFT_W = 832;
const RIGHT = 872;
const RIGHT_W = 384;
/** The lowest the choice rows may reach (the canvas is 720 high). */
const BOTTOM = 704;

interface MeterWidget {
  id: string;
  bar: Phaser.GameObjects.Graphics;
  value: Phaser.GameObjects.Text;
  y: number;
  shown: number;
  dom: HTMLElement;
  label: string;
}

/**
 * The negotiation table: the phase and date, the situation card with its sources, the choices
 * with their trade-offs and meter previews, the meters, the news feed and the run so far.
 * 1-4 pick a choice, Enter (or a second click) commits it.
 */
export class Table extends Phaser.Scene {
  private kit!: Kit;
  private app!: App;
  private selected: string | null = null;
  private choiceButtons = new Map<string, KitButton>();
  private meters: MeterWidget[] = [];
  private busy = false;
  private hint!: Phaser.GameObjects.Text;
  /** A choice row: the label line above its text, the tags line below it (measured, so larger text fits). */
  private rowTop = 34;
  private rowBottom = 26;
  private meterBottom = 278;

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
    const v = session.table(app.settings.level);
    this.selected = null;
    this.busy = false;
    this.choiceButtons.clear();
    this.meters = [];
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Table, 'Negotiation table'));
    kit.backdrop(0.3);

    this.rowTop = 12 + this.lineHeight({ size: 16, weight: 'bold' });
    this.rowBottom = 10 + this.lineHeight({ size: 12, italic: true });
    this.topBar(v);
    this.card(v, this.choicesHeight(v, 12));
    this.choices(v);
    this.meterPanel(v.meters, data.before);
    this.newsPanel(v, new Set(data.fresh ?? []));
    this.timelinePanel(v);
    if (session.saveProblem) app.dom.announce(session.saveProblem);

    app.keys((e) => {
      const n = Number(e.key);
      if (n >= 1 && n <= v.choices.length && v.choices[n - 1]!.id !== session.originalChoice) {
        const c = v.choices[n - 1]!;
        this.select(c.id);
        this.choiceButtons.get(c.id)?.el.focus();
        return true;
      }
      if (e.key === 'Enter' && this.selected && !(e.target instanceof HTMLButtonElement)) {
        this.commit(this.selected);
        return true;
      }
      return false;
    });
    void kit;
  }

  private topBar(v: TableView) {
    const kit = this.kit;
    const g = this.add.graphics();
    g.fillStyle(color.panel, 0.96).fillRect(0, 0, W, 52);
    g.lineStyle(1, color.line, 1).lineBetween(0, 52, W, 52);
    g.fillStyle(color.red, 1).fillRect(0, 50, (W * v.phase.number) / v.phase.of, 2);
    const bar = this.app.dom.group(kit.root, 'Where you are', 'div');
    kit.text(bar, LEFT, 16, `Phase ${v.phase.number} of ${v.phase.of} · ${v.phase.title}`, { size: 15, weight: 'bold', caps: true }, 'p');
    kit.text(bar, W / 2 + 60, 16, longDate(v.date), { size: 15, color: color.muted, align: 'center' }, 'p');
    kit.button(bar, 'Menu', { x: W - 112, y: 9, w: 88, h: 34 }, () => this.app.openMenu(), 'quiet', { description: 'Esc' });
    const timer = this.app.classMode?.timer ?? null;
    if (timer) this.startTimer(bar, timer);
    const branch = this.app.session!.branch;
    if (branch) {
      kit.text(bar, W - 128, 18, `What if · branched at beat ${branch.at + 1}`, { size: 12, weight: 'bold', color: color.gold, align: 'right', caps: true }, 'p', 'branch-note');
    }
  }

  /** The class's decision timer: a soft countdown. When it runs out the player is told to decide; nothing is chosen for them. */
  private startTimer(bar: HTMLElement, seconds: number) {
    const kit = this.kit;
    let left = seconds;
    const fmt = (n: number) => `${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`;
    const t = kit.text(null, W - 130, 17, `Timer ${fmt(left)}`, { size: 15, weight: 'bold', color: color.gold, align: 'right' }, 'none');
    const dom = this.app.dom.make('p', { class: 't', 'data-timer': String(left) }, `Decision timer: ${fmt(left)} left.`);
    bar.append(dom);
    this.time.addEvent({
      delay: 1000,
      repeat: seconds - 1,
      callback: () => {
        left--;
        dom.dataset.timer = String(left);
        if (left > 0) {
          t.setText(`Timer ${fmt(left)}`);
          dom.textContent = `Decision timer: ${fmt(left)} left.`;
          if (left <= 10) t.setColor(css(color.redText));
          return;
        }
        t.setText("Time's up: decide now");
        t.setColor(css(color.redText));
        dom.textContent = "Time's up: decide now.";
        this.app.dom.announce("Time's up: decide now.");
      },
    });
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
    this.hint = kit.text(null, LEFT + LEFT_W - 4, top, 'Press 1-4 or click to pick, then Enter or click again to commit', { size: 12, color: color.muted, align: 'right' }, 'none');
    this.app.dom.text(region, 'Activate a choice to select it, then activate it again (or press Enter) to commit. Keys 1 to 4 select.', 'hint');
    const avail = BOTTOM - (top + 22);
    let gap = 6;
    let size = 14;
    const heights = (s: number) =>
      v.choices.map((c) => this.rowTop + kit.measure(c.text, { size: s, width: LEFT_W - 96 }).height + this.rowBottom);
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

  private choiceRow(region: HTMLElement, c: ChoiceView, y: number, h: number, size: number) {
    const kit = this.kit;
    const x = LEFT;
    const original = this.app.session!.originalChoice === c.id;
    const desc = [
      original ? "The original run's choice: choose another to see what changes." : '',
      c.text,
      `Trade-offs: ${c.tradeoffs.join('; ')}.`,
      c.preview.length ? `Moves: ${c.preview.map((p) => `${p.label} ${p.delta > 0 ? 'up' : 'down'}`).join(', ')}.` : '',
      c.exit ? `This ends the ${c.exit.kind === 'ending' ? 'negotiation' : 'phase'}: ${c.exit.title}.` : '',
      c.hypothetical ? 'Hypothetical option.' : '',
      c.cites.length ? `Sources: ${c.cites.map((f) => f.id).join(', ')}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const btn = kit.button(region, `${c.key}. ${c.label}`, { x, y, w: LEFT_W, h }, () => (this.selected === c.id ? this.commit(c.id) : this.select(c.id)), 'choice', {
      description: desc,
      pressed: false,
      data: original ? { choice: c.id, key: String(c.key), original: 'true' } : { choice: c.id, key: String(c.key) },
      disabled: original,
    });
    btn.label.setVisible(false);
    const objs: Phaser.GameObjects.GameObject[] = [];
    const key = this.add.graphics();
    key.fillStyle(color.panel2, 1).fillRoundedRect(x + 14, y + 10, 26, 26, 6);
    key.lineStyle(1, color.line, 1).strokeRoundedRect(x + 14.5, y + 10.5, 25, 25, 6);
    objs.push(key);
    objs.push(this.add.text(x + 27, y + 23, String(c.key), kit.style({ size: 14, weight: 'bold' })).setOrigin(0.5));
    objs.push(this.add.text(x + 54, y + 10, c.label, kit.style({ size: 16, weight: 'bold' })));
    objs.push(this.add.text(x + 54, y + this.rowTop, c.text, kit.style({ size, width: LEFT_W - 96, color: 0xd3dbe6 })));
    // Footer: which meters move (right), then the trade-off tags in the room left (the full
    // list is always in the DOM description).
    const fy = y + h - this.rowBottom + 4;
    let px = x + LEFT_W - 16;
    for (const p of [...c.preview].reverse()) {
      const arrows = (p.delta > 0 ? '▲' : '▼').repeat(Math.abs(p.delta) >= 10 ? 2 : 1);
      const t = this.add.text(px, fy, `${p.short} ${arrows}`, kit.style({ size: 12, weight: '600', color: p.delta > 0 ? color.up : color.down })).setOrigin(1, 0);
      objs.push(t);
      px -= t.width + 12;
    }
    let fx = x + 54;
    for (const tag of c.tradeoffs) {
      const room = px - 12 - fx;
      if (room < 40) break;
      const t = fitWidth(this.add.text(fx, fy, tag, kit.style({ size: 12, color: color.muted, italic: true })), room);
      objs.push(t);
      fx += t.width + 14;
    }
    if (original) {
      objs.push(this.add.text(x + LEFT_W - 16, y + 12, "The original run's choice", kit.style({ size: 12, weight: 'bold', color: color.gold, caps: true })).setOrigin(1, 0));
      for (const o of objs as (Phaser.GameObjects.GameObject & { setAlpha(a: number): unknown })[]) if (o !== objs.at(-1)) o.setAlpha(0.5);
    } else if (c.exit) {
      const t = this.add.text(x + LEFT_W - 16, y + 12, c.exit.kind === 'ending' ? `Ends the run: ${c.exit.title}` : `Moves on to: ${c.exit.title}`, kit.style({ size: 12, weight: 'bold', color: color.redText, caps: true })).setOrigin(1, 0);
      objs.push(t);
    } else if (c.hypothetical && !c.cites.length) {
      objs.push(this.add.text(x + LEFT_W - 16, y + 12, 'Hypothetical', kit.style({ size: 11, weight: 'bold', color: color.gold, caps: true })).setOrigin(1, 0));
    }
    if (!original) kit.fadeIn(objs, 60 + c.key * 50, 4);
    this.choiceButtons.set(c.id, btn);
  }

  private select(id: string) {
    if (this.busy) return;
    this.selected = id;
    for (const [cid, b] of this.choiceButtons) b.setSelected(cid === id);
    const label = this.choiceButtons.get(id)?.el.querySelector('.label')?.textContent ?? '';
    this.hint.setText('Enter or click again to commit · another number to change');
    this.hint.setColor(css(color.focus));
    this.app.dom.announce(`Selected ${label}. Press Enter or activate it again to commit.`);
  }

  private commit(id: string) {
    if (this.busy) return;
    this.busy = true;
    const app = this.app;
    const session = app.session!;
    const before = { ...session.context.meters };
    const out = session.choose(id);
    if (out.ended) {
      app.go(SceneKeys.Ending, { before });
      return;
    }
    const fresh = out.news.map((n) => n.reaction);
    if (out.news.length) app.dom.announce(out.news.map((n) => `${n.stakeholderName}: ${n.headline}`).join('. '));
    if (out.phaseChanged) app.go(SceneKeys.Phase, { fresh, before });
    else app.go(SceneKeys.Table, { fresh, before });
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
      this.add.text(RIGHT + 18, y, m.label, kit.style({ size: 13 }));
      const value = this.add.text(RIGHT + RIGHT_W - 18, y, String(from), kit.style({ size: 13, weight: 'bold' })).setOrigin(1, 0);
      const bar = this.add.graphics();
      const dom = this.app.dom.item(list, `${m.label}: ${m.value} of 100`);
      const w: MeterWidget = { id: m.id, bar, value, y: y + labelH + 2, shown: from, dom, label: m.label };
      this.drawMeter(w, from);
      this.meters.push(w);
      if (from !== m.value) {
        const delta = m.value - from;
        const pop = this.add.text(RIGHT + RIGHT_W - 52, y, `${delta > 0 ? '+' : ''}${delta}`, kit.style({ size: 13, weight: 'bold', color: delta > 0 ? color.up : color.down })).setOrigin(1, 0);
        if (kit.motion) {
          this.tweens.addCounter({
            from,
            to: m.value,
            duration: 900,
            delay: 250,
            ease: 'Cubic.easeInOut',
            onUpdate: (t) => this.drawMeter(w, t.getValue() ?? m.value),
            onComplete: () => this.drawMeter(w, m.value),
          });
          this.tweens.add({ targets: pop, alpha: 0, y: y - 10, delay: 1600, duration: 700 });
        } else this.drawMeter(w, m.value);
      }
    });
  }

  private drawMeter(w: MeterWidget, v: number) {
    const x = RIGHT + 18;
    const width = RIGHT_W - 36;
    w.bar.clear();
    w.bar.fillStyle(color.panel2, 1).fillRoundedRect(x, w.y, width, 7, 3.5);
    const fill = v < 25 ? color.red : v < 50 ? 0xe0a35a : 0x7fb2e6;
    w.bar.fillStyle(fill, 1).fillRoundedRect(x, w.y, Math.max(7, (width * v) / 100), 7, 3.5);
    w.value.setText(String(Math.round(v)));
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
    let y = top + 42;
    for (const n of items) {
      if (y > top + h - 40) break;
      const isNew = fresh.has(n.reaction);
      const odds = this.app.classMode?.showOdds ? ` · ${Math.round(n.chance * 100)}%, rolled ${Math.round(n.roll * 100)}` : '';
      const who = fitWidth(this.add.text(RIGHT + 18, y, `${n.stakeholderName} · ${longDate(n.date).slice(4)}${odds}`, kit.style({ size: 11, color: isNew ? color.focus : color.muted, weight: 'bold', caps: true })), RIGHT_W - 36);
      const head = this.add.text(RIGHT + 18, y + 17, n.headline, kit.style({ size: 13, width: RIGHT_W - 36 }));
      const objs: Phaser.GameObjects.GameObject[] = [who, head];
      if (n.hypothetical) objs.push(this.add.text(RIGHT + RIGHT_W - 18, y, 'hyp.', kit.style({ size: 10, color: color.gold, weight: 'bold', caps: true })).setOrigin(1, 0));
      if (isNew) kit.fadeIn(objs, 300, -12);
      y += 17 + head.height + 12;
    }
    for (const n of items) {
      const odds = this.app.classMode?.showOdds ? ` (Chance ${Math.round(n.chance * 100)}%, rolled ${Math.round(n.roll * 100)}.)` : '';
      const li = this.app.dom.item(list, `${n.stakeholderName}, ${longDate(n.date)}: ${n.headline}.${odds} ${n.text}${n.hypothetical ? ' (Hypothetical.)' : ''}${n.cites.length ? ` Sources: ${n.cites.map((c) => c.id).join(', ')}.` : ''}`);
      if (fresh.has(n.reaction)) li.dataset.fresh = 'true';
    }
  }

  private timelinePanel(v: TableView) {
    const kit = this.kit;
    const region = this.app.dom.group(kit.root, 'The run so far', 'section');
    const top = 564;
    kit.panel(RIGHT, top, RIGHT_W, 136);
    kit.text(region, RIGHT + 18, top + 12, 'The run so far', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    const items = v.timeline.filter((t) => t.kind !== 'phase');
    const list = this.app.dom.group(region, 'Timeline', 'ol');
    for (const t of items) this.app.dom.item(list, `${longDate(t.date)}: ${t.kind === 'choice' ? 'you chose' : t.detail} ${t.label}`);
    // The strip: one dot per event, the last few labelled.
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
    if (!items.length) kit.text(region, x0, y + 14, 'Your choices and the reactions to them will line up here.', { size: 12, color: color.muted, width: RIGHT_W - 36, italic: true }, 'p', 'muted');
    items.slice(-3).forEach((t, i) => {
      fitWidth(this.add.text(x0, y + 14 + i * 22, `${longDate(t.date).slice(4, 10)}  ${t.kind === 'choice' ? '▸ ' : ''}${t.label}`, kit.style({ size: 12, color: t.kind === 'choice' ? color.text : color.muted })), RIGHT_W - 36);
    });
  }
}
