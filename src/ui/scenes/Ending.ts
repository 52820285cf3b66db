import * as Phaser from 'phaser';
import { debriefMarkdown, diceView, type EndingView } from '../../core/view.ts';
import { appOf, type App } from '../app.ts';
import { fitWidth, Kit, longDate, plural, type KitButton } from '../kit.ts';
import { SceneKeys } from '../keys.ts';
import { freshSeed } from '../session.ts';
import { download, downloadRun, fileSafe, replayLink } from '../share.ts';
import { printDebrief } from '../print.ts';
import { color, css } from '../theme.ts';

const TABS = ['Debrief', 'Meters', 'Timeline', 'The dice', 'Trade-offs', 'What really happened', 'Discuss'] as const;
type Tab = (typeof TABS)[number];
const SERIES_COLORS = [0xff8a8d, 0x8cc8ff, 0xf5c26b, 0x6fdca6, 0xc9a7ff, 0xffb86b];
const AREA = { x: 40, y: 290, w: 820, h: 410 };

/** The ending and debrief: why it ended so, meters over time, the timeline, the trade-offs made, what the reports say, questions, and the replay code. */
export class Ending extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;
  private v!: EndingView;
  private layer: Phaser.GameObjects.GameObject[] = [];
  private tabs = new Map<Tab, KitButton>();
  private copied!: Phaser.GameObjects.Text;

  constructor() {
    super(SceneKeys.Ending);
  }

  create() {
    this.app = appOf(this);
    const app = this.app;
    const session = app.session!;
    const v = session.ending(app.settings.level);
    if (!v) {
      app.go(SceneKeys.Title);
      return;
    }
    this.v = v;
    this.layer = [];
    this.tabs.clear();
    app.dom.app.dataset.ending = v.id;
    this.events.once('shutdown', () => delete app.dom.app.dataset.ending);
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Ending, `Ending: ${v.title}`));
    kit.backdrop(0.3);

    const head = app.dom.group(kit.root, 'How it ended');
    const a = kit.text(head, 40, 28, `The ending · ${longDate(v.date)}`, { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    const b = kit.text(head, 40, 50, v.title, { size: 52, weight: 'bold' }, 'h1');
    kit.grounding(head, 48 + b.width + 16, 76, v, 240);
    const why = kit.text(head, 40, 118, v.why ? `Why: ${v.why}` : '', { size: 16, weight: '600', width: 820 }, 'p');
    kit.text(head, 40, 126 + why.height, v.summary, { size: 16, font: 'prose', width: 820, color: 0xd3dbe6 }, 'p', 'prose');
    kit.fadeIn([a, b], 0, 10);

    const tabs = app.dom.group(kit.root, 'Debrief sections', 'div', 'canvas-only');
    let tx = 40;
    const showDice = app.classMode ? app.classMode.showOdds : true;
    for (const t of TABS) {
      if (t === 'The dice' && !showDice) continue;
      const w = kit.measure(t, { size: 14, weight: '600' }).width + 28;
      this.tabs.set(t, kit.button(tabs, t, { x: tx, y: 240, w, h: 38 }, () => this.show(t), 'tab', { pressed: t === 'Debrief', data: { tab: t } }));
      tx += w + 6;
    }
    this.domSections();
    this.runPanel();
    this.show('Debrief');
    app.dom.announce(`The run has ended: ${v.title}. ${v.why}${session.saveProblem ? ` ${session.saveProblem}` : ''}`);
  }

  /** Every section in the DOM at once: screen readers and the text view get the whole debrief. */
  private domSections() {
    const { dom } = this.app;
    const v = this.v;
    const root = this.kit.root;
    const debrief = dom.group(root, 'Debrief');
    dom.heading(debrief, 2, 'Debrief');
    dom.text(debrief, v.debrief, 'prose');

    const meters = dom.group(root, 'Meters over time');
    dom.heading(meters, 2, 'Meters over time');
    const table = dom.make('table', { class: 't' });
    const head = dom.make('tr');
    head.append(dom.make('th', { scope: 'col' }, 'Meter'), ...v.points.map((p) => dom.make('th', { scope: 'col' }, p)));
    table.append(head);
    for (const s of v.series) {
      const tr = dom.make('tr');
      tr.append(dom.make('th', { scope: 'row' }, s.label), ...s.values.map((x) => dom.make('td', {}, String(x))));
      table.append(tr);
    }
    meters.append(table);

    const tl = dom.group(root, 'Timeline');
    dom.heading(tl, 2, 'Timeline of choices and reactions');
    const list = dom.group(tl, 'Timeline', 'ol');
    for (const t of v.timeline) dom.item(list, `${longDate(t.date)}: ${t.kind === 'choice' ? `you chose: ${t.label} (at: ${t.detail})` : t.kind === 'reaction' ? `${t.detail}: ${t.label}` : t.kind === 'phase' ? `phase: ${t.label}` : `ending: ${t.label}`}`);

    const tr = dom.group(root, 'Trade-offs');
    dom.heading(tr, 2, 'The trade-offs you made');
    const tl2 = dom.group(tr, 'Each choice and what it traded', 'ul');
    for (const c of v.choices) dom.item(tl2, `${longDate(c.date)}: ${c.label}: ${c.tradeoffs.join('; ')}`);
    const tl3 = dom.group(tr, 'Tally of the trade-offs', 'ul');
    for (const t of v.tradeoffs) dom.item(tl3, `${t.tag} (${t.count}×)`);

    if (this.app.classMode ? this.app.classMode.showOdds : true) {
      const dice = dom.group(root, 'The dice');
      dom.heading(dice, 2, 'The dice: every roll');
      const dl = dom.group(dice, 'Every roll, oldest first', 'ol');
      for (const d of diceView(this.app.session!.scenario, this.app.session!.context)) dom.item(dl, `${longDate(d.date)}: ${d.stakeholder}: ${d.headline}. Chance ${Math.round(d.chance * 100)}%, roll ${Math.round(d.roll * 100)}: ${d.fired ? 'fired' : 'did not fire'}.`);
    }

    const rep = dom.group(root, 'What really happened');
    dom.heading(rep, 2, 'What the reports say really happened');
    dom.text(rep, v.reports, 'prose');

    const q = dom.group(root, 'Discuss');
    dom.heading(q, 2, 'Questions to discuss');
    const ql = dom.group(q, 'Questions', 'ol');
    for (const x of v.questions) dom.item(ql, x);
  }

  private runPanel() {
    const { kit, app } = this;
    const session = app.session!;
    const region = app.dom.group(kit.root, 'Your run');
    const x = 890;
    kit.panel(x, 28, 350, 672);
    kit.text(region, x + 22, 46, 'Your run', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    const ctx = session.context;
    kit.text(region, x + 22, 72, `Seed: ${ctx.seed}`, { size: 15, weight: 'bold', width: 306 }, 'p');
    kit.text(region, x + 22, 98, `${plural(ctx.choices.length, 'choice')} · ${plural(this.v.news.length, 'reaction')} · ${longDate(this.v.date)}`, { size: 13, color: color.muted, width: 306 }, 'p');
    kit.text(region, x + 22, 132, app.classMode ? 'Hand in this code' : 'Replay code', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    const code = session.code();
    const box = kit.panel(x + 22, 154, 306, 76, color.bg, color.line, 8);
    void box;
    const codeText = this.add.text(x + 34, 164, code.match(/.{1,34}/g)!.join('\n'), { fontFamily: 'ui-monospace, monospace', fontSize: '13px', color: css(color.text), lineSpacing: 4, resolution: 2 });
    void codeText;
    app.dom.text(region, `Replay code: ${code}`, 'code');
    this.copied = kit.text(null, x + 22, 286, '', { size: 12, color: color.up, width: 306 }, 'none');
    kit.button(region, 'Copy code', { x: x + 22, y: 240, w: 148, h: 40 }, () => void this.copy(code, 'code'), 'secondary', { data: { action: 'copy-code' } });
    kit.button(region, 'Copy link', { x: x + 180, y: 240, w: 148, h: 40 }, () => void this.copy(replayLink(code), 'link'), 'secondary', { data: { action: 'copy-link' } });
    kit.text(region, x + 22, 312, 'Final state hash', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    const hash = session.hash();
    kit.text(region, x + 22, 332, hash, { size: 15, weight: 'bold' }, 'p', 'hash');
    app.dom.app.dataset.hash = hash;
    kit.text(region, x + 22, 356, 'The same seed and choices give this hash on any machine, in the browser and in `npx red-lines replay`.', { size: 12, color: color.muted, width: 306 }, 'p', 'muted');

    const record = session.record();
    const watch = () => app.go(SceneKeys.Replay, { record, expected: hash, back: SceneKeys.Ending, step: Math.max(0, record.choices.length - 1) });
    const branch = session.branch;
    if (branch) {
      kit.button(region, 'Compare with the original run', { x: x + 22, y: 404, w: 306, h: 52 }, () => app.go(SceneKeys.Compare, { a: branch.from, b: record, at: branch.at, back: SceneKeys.Ending }), 'primary', {
        sub: `same dice, changed at beat ${branch.at + 1}`,
        data: { action: 'compare' },
      });
    } else {
      kit.button(region, 'Watch it back · change a choice', { x: x + 22, y: 404, w: 306, h: 52 }, watch, 'secondary', { sub: 'step through the run; branch at any beat', data: { action: 'watch' } });
    }
    const third = (306 - 16) / 3;
    kit.button(region, 'Run file', { x: x + 22, y: 464, w: third, h: 40 }, () => this.export(), 'secondary', { data: { action: 'export' }, description: 'download the run as a JSON run file' });
    kit.button(region, 'Markdown', { x: x + 30 + third, y: 464, w: third, h: 40 }, () => this.markdown(), 'secondary', { data: { action: 'markdown' }, description: 'download the debrief as Markdown' });
    kit.button(region, 'Print', { x: x + 38 + 2 * third, y: 464, w: third, h: 40 }, () => this.print(), 'secondary', { data: { action: 'print' }, description: 'a print-friendly debrief (print to PDF to keep it)' });
    if (branch) {
      kit.button(region, 'Watch it back · change a choice', { x: x + 22, y: 520, w: 306, h: 48 }, watch, 'secondary', { sub: 'step through the run; branch at any beat', data: { action: 'watch' } });
    } else {
      kit.button(region, 'Play again, same seed', { x: x + 22, y: 520, w: 306, h: 48 }, () => {
        if (!session.start(ctx.seed)) app.go(SceneKeys.Briefing);
      }, 'primary', { sub: 'same dice: see what one change does', data: { action: 'same-seed' } });
    }
    // A class run keeps the class seed: a student plays again on the same dice, never on new ones.
    if (!app.classMode) {
      kit.button(region, 'New run, new seed', { x: x + 22, y: 580, w: 306, h: 44 }, () => {
        if (!session.start(freshSeed())) app.go(SceneKeys.Briefing);
      }, 'secondary', { data: { action: 'new-seed' } });
    }
    kit.button(region, 'Title screen', { x: x + 22, y: 634, w: 306, h: 44 }, () => app.go(SceneKeys.Title), 'quiet', { data: { action: 'title' } });
    if (session.saveProblem) {
      // On the canvas in the status line; in the DOM as an alert, for screen readers and the text view.
      this.say(session.saveProblem, true);
      region.append(app.dom.make('p', { class: 't notice', role: 'alert' }, session.saveProblem));
    }
  }

  private export() {
    try {
      downloadRun(this.app.session!.scenario, this.app.session!.record());
      this.say('The run file is downloading.', false);
    } catch (e) {
      this.say(`The run file could not be made: ${(e as Error).message}`, true);
    }
  }

  private markdown() {
    const session = this.app.session!;
    const dice = this.app.classMode ? this.app.classMode.showOdds : true;
    const text = debriefMarkdown(session.scenario, session.context, { code: session.code(), hash: session.hash(), level: this.app.settings.level, dice });
    download(text, `red-lines-debrief-${fileSafe(session.context.seed)}.md`, 'text/markdown');
    this.say('The debrief is downloading as Markdown.', false);
  }

  /** Builds the print-only debrief (kept until the screen closes, so printing again works) and opens the print dialog. */
  private print() {
    const session = this.app.session!;
    const dice = this.app.classMode ? this.app.classMode.showOdds : true;
    printDebrief(this.v, { seed: session.context.seed, code: session.code(), hash: session.hash(), title: session.scenario.title, dice: dice ? diceView(session.scenario, session.context) : null });
    this.events.once('shutdown', () => document.getElementById('print')?.remove());
    this.say('Printing: choose "Save as PDF" to keep it.', false);
    try {
      print();
    } catch {
      this.say('This browser cannot print from here.', true);
    }
  }

  private say(text: string, problem: boolean) {
    fitWidth(this.copied.setText(text), 306);
    this.copied.setData('full', text);
    this.copied.setColor(css(problem ? color.redText : color.up));
    this.app.dom.announce(text);
  }

  private async copy(text: string, what: 'code' | 'link') {
    if (await this.app.copy(text, `Replay ${what}`)) this.say(`The replay ${what} is copied.`, false);
    else this.say('The browser blocked copying: copy it from the box.', true);
  }

  private show(tab: Tab) {
    for (const [t, b] of this.tabs) b.setSelected(t === tab);
    for (const o of this.layer) o.destroy();
    this.layer = [];
    const add = <T extends Phaser.GameObjects.GameObject>(o: T): T => (this.layer.push(o), o);
    const { kit } = this;
    const v = this.v;
    add(kit.panel(AREA.x, AREA.y, AREA.w, AREA.h));
    const x = AREA.x + 24;
    let y = AREA.y + 20;
    const text = (s: string, style: Parameters<Kit['style']>[0] = {}) => {
      const t = add(this.add.text(x, y, s, kit.style({ size: 15, width: AREA.w - 48, ...style })));
      y += t.height + 10;
      return t;
    };
    if (tab === 'Debrief') {
      const size = v.debrief.length > 600 ? 16 : 17;
      text(v.debrief, { font: 'prose', size });
    } else if (tab === 'What really happened') {
      text('As the reports stood:', { size: 12, color: color.redText, weight: 'bold', caps: true });
      text(v.reports, { font: 'prose', size: 16 });
    } else if (tab === 'Discuss') {
      const size = v.questions.length > 9 ? 12 : v.questions.length > 6 ? 13 : 14;
      v.questions.forEach((q, i) => text(`${i + 1}.  ${q}`, { size }));
    } else if (tab === 'Trade-offs') {
      const top = v.tradeoffs.filter((t) => t.count > 1).slice(0, 4);
      text(top.length ? `Most often you traded: ${top.map((t) => `${t.tag} (${t.count}×)`).join(', ')}.` : 'Each choice traded something different.', { size: 14, color: color.muted });
      const size = v.choices.length > 13 ? 12 : 13;
      const step = Math.min(26, (AREA.y + AREA.h - 16 - y) / Math.max(1, v.choices.length));
      for (const c of v.choices) {
        add(fitWidth(this.add.text(x, y, `${longDate(c.date).slice(4, 10)}  ${c.label}`, kit.style({ size, weight: '600' })), 380));
        add(fitWidth(this.add.text(x + 392, y, c.tradeoffs.join(' · '), kit.style({ size, color: color.muted, italic: true })), AREA.w - 440));
        y += step;
      }
    } else if (tab === 'Timeline') {
      const items = v.timeline.filter((t) => t.kind !== 'phase');
      const per = Math.ceil(items.length / 2);
      items.forEach((t, i) => {
        const cx = x + (i >= per ? 392 : 0);
        const cy = AREA.y + 20 + (i % per) * Math.min(32, (AREA.h - 40) / per);
        const mark = t.kind === 'choice' ? '▸' : t.kind === 'ending' ? '■' : '•';
        add(fitWidth(this.add.text(cx, cy, `${longDate(t.date).slice(4, 10)} ${mark} ${t.label}`, kit.style({ size: 12, color: t.kind === 'choice' ? color.text : t.kind === 'ending' ? color.redText : color.muted })), 376));
      });
    } else if (tab === 'The dice') {
      const rolls = diceView(this.app.session!.scenario, this.app.session!.context);
      if (!rolls.length) text('No reaction rolled: the run ended before any stakeholder had a moment to react.', { size: 14, color: color.muted, italic: true });
      text(`Every roll of this run's dice: a reaction fires when its roll (0-99) is below its chance. The same seed rolls the same number for the same reaction at the same moment in any run.`, { size: 13, color: color.muted });
      const size = rolls.length > 16 ? 11 : 12;
      const step = Math.min(22, (AREA.y + AREA.h - 12 - y) / Math.max(1, Math.ceil(rolls.length / (rolls.length > 16 ? 2 : 1))));
      const cols = rolls.length > 16 ? 2 : 1;
      const per = Math.ceil(rolls.length / cols);
      const top = y;
      rolls.forEach((d, i) => {
        const cx = x + Math.floor(i / per) * 392;
        const cy = top + (i % per) * step;
        const mark = d.fired ? '●' : '○';
        add(fitWidth(this.add.text(cx, cy, `${mark} ${d.headline}`, kit.style({ size, color: d.fired ? color.text : color.muted })), cols === 2 ? 270 : 620));
        add(this.add.text(cx + (cols === 2 ? 376 : 772), cy, `${Math.round(d.chance * 100)}% · ${Math.round(d.roll * 100)}`, kit.style({ size, weight: 'bold', color: d.fired ? color.up : color.muted })).setOrigin(1, 0));
      });
    } else if (tab === 'Meters') {
      this.chart(add);
    }
  }

  private chart(add: <T extends Phaser.GameObjects.GameObject>(o: T) => T) {
    const { kit } = this;
    const v = this.v;
    const left = AREA.x + 60;
    const top = AREA.y + 30;
    const w = AREA.w - 310;
    const h = AREA.h - 90;
    const g = add(this.add.graphics());
    g.lineStyle(1, color.line, 1);
    for (const level of [0, 25, 50, 75, 100]) {
      const y = top + h - (h * level) / 100;
      g.lineBetween(left, y, left + w, y);
      add(this.add.text(left - 10, y - 8, String(level), kit.style({ size: 11, color: color.muted })).setOrigin(1, 0));
    }
    const n = v.points.length;
    const px = (i: number) => left + (n <= 1 ? 0 : (w * i) / (n - 1));
    v.series.forEach((s, k) => {
      const c = SERIES_COLORS[k % SERIES_COLORS.length]!;
      g.lineStyle(3, c, 1);
      g.beginPath();
      s.values.forEach((val, i) => {
        const y = top + h - (h * val) / 100;
        if (i === 0) g.moveTo(px(i), y);
        else g.lineTo(px(i), y);
      });
      g.strokePath();
      s.values.forEach((val, i) => g.fillStyle(c, 1).fillCircle(px(i), top + h - (h * val) / 100, 3.5));
      const ly = top + k * 26;
      g.fillStyle(c, 1).fillRect(left + w + 24, ly + 6, 18, 4);
      add(fitWidth(this.add.text(left + w + 50, ly - 2, `${s.label} ${s.values.at(-1)}`, kit.style({ size: 13 })), AREA.x + AREA.w - (left + w + 50) - 12));
    });
    add(this.add.text(left, top + h + 14, `Start → ${n - 1} beat${n === 2 ? '' : 's'} (one point per choice, after the reactions it set off)`, kit.style({ size: 12, color: color.muted })));
  }
}

