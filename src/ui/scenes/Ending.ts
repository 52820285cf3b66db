import * as Phaser from 'phaser';
import { debriefMarkdown, diceView, type DiceRoll, type EndingView } from '../../core/view.ts';
import { dealMapView } from '../../core/talk-view.ts';
import { appOf, type App } from '../app.ts';
import { chartLegend, meterChart } from '../chart.ts';
import { chartFoot, diceRow, DICE_INTRO, EndingState, NO_DICE, TAB_HEADINGS, timelineItems, tradeoffRow, tradeoffSummary, type DebriefTab } from '../ending-state.ts';
import { onViewChange, tabs, type Shown, type Tabs } from '../ending-widgets.ts';
import { fitHeight, fitWidth, Kit, type TextStyle, type TwinText } from '../kit.ts';
import { choiceActor, longDate, plural, SIDE_NAMES, timelineLine, type PlayMode } from '../words.ts';
import { SceneKeys } from '../keys.ts';
import { printDebrief } from '../print.ts';
import { scenarioChoices } from '../../core/catalogue.ts';
import { markTutorialDone } from '../storage.ts';
import { freshSeed, type Session } from '../session.ts';
import { copyReplay, download, exportRun, fileSafe, replayLink, shareStatus, type ShareStatus } from '../share.ts';
import { color, meterTone } from '../theme.ts';

/** Where the selected tab's panel is drawn. */
const AREA = { x: 40, y: 290, w: 820, h: 410 };
const BOTTOM = AREA.y + AREA.h - 12;

/**
 * The ending and debrief (the view): why it ended so, then tabs for the debrief, the meters over
 * time, the timeline, the dice, the trade-offs made, what the reports say and questions, and the
 * run's replay code with its share and export buttons. Which tab shows is EndingState's.
 */
export class Ending extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;
  private v!: EndingView;
  private state!: EndingState;
  private tabs!: Tabs<DebriefTab>;
  private status!: ShareStatus;

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
    app.dom.app.dataset.ending = v.id;
    this.events.once('shutdown', () => delete app.dom.app.dataset.ending);
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Ending, `Ending: ${v.title}`));
    kit.backdrop(0.3);

    if (session.scenario.fictional) markTutorialDone();
    const head = app.dom.group(kit.root, 'How it ended');
    const a = kit.text(head, 40, 28, `The ending: ${longDate(v.date)}`, { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    const b = kit.text(head, 40, 50, v.title, { size: 52, weight: 'bold' }, 'h1');
    // Beside the title when it fits, else beside the kicker line above it (a long title).
    if (48 + b.width + 16 + 240 <= 860) kit.grounding(head, 48 + b.width + 16, 76, v, 240);
    else kit.grounding(head, 40 + a.width + 16, 26, v, 400);
    const why = kit.text(head, 40, 118, v.why ? `Why: ${v.why}` : '', { size: 16, weight: '600', width: 820 }, 'p');
    app.markTerms(kit, kit.text(head, 40, 126 + why.height, v.summary, { size: 16, font: 'prose', width: 820, color: color.prose }, 'p', 'prose'));
    kit.fadeIn([a, b], 0, 10);

    this.state = new EndingState({ dice: this.showDice, talks: session.scenario.negotiation !== undefined });
    kit.panel(AREA.x, AREA.y, AREA.w, AREA.h);
    // A negotiation's debrief has two more tabs (the contract, the deal map): they sit closer.
    const many = this.state.tabs.length > 7;
    this.tabs = tabs(kit, kit.root, 'Debrief sections', this.state.tabs, { x: 40, y: 240, h: 38, gap: many ? 4 : 6, pad: many ? 16 : 28 }, (t) => this.select(t), (_t, step) => this.state.neighbour(step));
    for (const [t, panel] of this.tabs.panels) this.panel(t, panel);
    this.tabs.show(this.state.selected);
    this.runPanel();
    onViewChange(this, app, (on) => this.tabs.view(on));
    app.dom.announce(`The run has ended: ${v.title}. ${v.why}${session.saveProblem ? ` ${session.saveProblem}` : ''}`);
  }

  private get showDice(): boolean {
    return this.app.classMode ? this.app.classMode.showOdds : true;
  }

  private select(tab: DebriefTab) {
    if (this.state.select(tab)) this.tabs.show(tab);
  }

  /** Draws one tab's panel (shown or hidden with its tab); every text's twin goes in the panel's DOM element. */
  private panel(tab: DebriefTab, p: Shown) {
    const { kit } = this;
    const v = this.v;
    const x = AREA.x + 24;
    const width = AREA.w - 48;
    p.add(kit.text(p.el, x, AREA.y + 16, TAB_HEADINGS[tab], { size: 12, color: color.redText, weight: 'bold', caps: true }, 'h2'));
    let y = AREA.y + 40;
    const para = (parent: HTMLElement, s: string, style: TextStyle, kind: 'p' | 'li' = 'p', cls = ''): TwinText => {
      const t = p.add(fitHeight(kit.text(parent, x, y, s, { size: 15, width, ...style }, kind, cls), BOTTOM - y));
      y += t.height + 10;
      return t;
    };
    if (tab === 'Debrief') {
      this.app.markTermsIn(kit, p, para(p.el, v.debrief, { font: 'prose', size: v.debrief.length > 600 ? 16 : 17, color: color.prose }, 'p', 'prose'));
    } else if (tab === 'What really happened') {
      this.app.markTermsIn(kit, p, para(p.el, v.reports, { font: 'prose', size: 16, color: color.prose }, 'p', 'prose'));
    } else if (tab === 'Discuss') {
      const size = v.questions.length > 9 ? 12 : v.questions.length > 6 ? 13 : 14;
      const list = this.app.dom.group(p.el, 'Questions', 'ol');
      // The numbers are drawn as part of each question, so the list does not number them again.
      list.style.listStyle = 'none';
      this.app.markTermsIn(kit, p, ...v.questions.map((q, i) => para(list, `${i + 1}.  ${q}`, { size }, 'li')));
    } else if (tab === 'Trade-offs') {
      para(p.el, tradeoffSummary(v), { size: 14, color: color.muted });
      const size = v.choices.length > 13 ? 12 : 13;
      const step = Math.min(26, (BOTTOM - 4 - y) / Math.max(1, v.choices.length));
      const list = this.app.dom.group(p.el, 'Each choice and what it traded', 'ul');
      for (const c of v.choices) {
        const row = tradeoffRow(c);
        const li = this.app.dom.make('li');
        list.append(li);
        p.add(fitWidth(kit.text(li, x, y, row.choice, { size, weight: '600' }, 'p'), 380));
        p.add(fitWidth(kit.text(li, x + 392, y, row.traded, { size, color: color.muted, italic: true }, 'p'), AREA.w - 440));
        y += step;
      }
    } else if (tab === 'Timeline') {
      const items = timelineItems(v);
      const per = Math.max(1, Math.ceil(items.length / 2));
      const step = Math.min(32, (BOTTOM - y) / per);
      const list = this.app.dom.group(p.el, 'Timeline', 'ol');
      items.forEach((t, i) => {
        const cx = x + (i >= per ? 392 : 0);
        const cy = y + (i % per) * step;
        const line = timelineLine(t, choiceActor(this.app.session!.context.side));
        const tone = t.kind === 'choice' ? color.text : t.kind === 'ending' ? color.redText : color.muted;
        p.add(kit.text(null, cx, cy, line.mark, { size: 12, color: tone }, 'none'));
        p.add(fitWidth(kit.text(list, cx + 14, cy, line.text, { size: 12, color: tone, weight: t.kind === 'reaction' ? 'normal' : '600' }, 'li'), 362));
      });
    } else if (tab === 'The dice') {
      this.dice(p, diceView(this.app.session!.scenario, this.app.session!.context), x, para);
    } else if (tab === 'Meters') {
      this.meters(p, y);
    } else if (tab === 'Contract') {
      if (!v.contract) para(p.el, 'No contract was signed.', { size: 16, weight: '600' });
      const list = this.app.dom.group(p.el, 'Clauses signed', 'ul');
      const size = 13;
      for (const c of v.contract ?? []) {
        const li = this.app.dom.make('li');
        list.append(li);
        const head = p.add(fitWidth(kit.text(li, x, y, `${c.title}: ${c.label}`, { size: 14, weight: 'bold' }, 'p'), width));
        y += 20;
        const t = p.add(fitHeight(kit.text(li, x, y, c.text, { size, width, color: color.prose, font: 'prose' }, 'p', 'prose'), 34));
        this.app.markTermsIn(kit, p, head, t);
        y += t.height + 10;
      }
    } else if (tab === 'Deal map') {
      this.dealMap(p, x, y);
    }
  }

  /**
   * The deal-space map: every contract as a dot (the lab's utility across, the Department's up),
   * the Pareto frontier, both walk-away lines and the zone of agreement between them, the offers
   * exchanged as a path, and the signed contract; beside it, the same points as rows, which are
   * what a screen reader reads, with the value left on the table.
   */
  private dealMap(p: Shown, x: number, top: number) {
    const { kit } = this;
    const m = dealMapView(this.app.session!.scenario, { context: this.app.session!.context });
    const box = { x, y: top + 6, w: 360, h: BOTTOM - top - 40 };
    const px = (lab: number) => box.x + (lab / 100) * box.w;
    const py = (dept: number) => box.y + box.h - (dept / 100) * box.h;
    const g = p.add(this.add.graphics());
    g.lineStyle(1, color.line, 1).strokeRect(box.x, box.y, box.w, box.h);
    // The zone of agreement: both sides above their walk-away values.
    g.fillStyle(color.fillGood, 1).fillRect(px(m.walkAways.lab), box.y, box.x + box.w - px(m.walkAways.lab), py(m.walkAways.department) - box.y);
    g.fillStyle(color.lineHi, 0.55);
    for (const q of m.points) g.fillRect(px(q.lab) - 0.75, py(q.department) - 0.75, 1.5, 1.5);
    g.lineStyle(2, color.gold, 1).beginPath();
    m.frontier.forEach((q, i) => (i === 0 ? g.moveTo(px(q.lab), py(q.department)) : g.lineTo(px(q.lab), py(q.department))));
    g.strokePath();
    g.lineStyle(1, color.muted, 1).lineBetween(px(m.walkAways.lab), box.y, px(m.walkAways.lab), box.y + box.h);
    g.lineBetween(box.x, py(m.walkAways.department), box.x + box.w, py(m.walkAways.department));
    g.lineStyle(1, color.text, 0.6).beginPath();
    m.path.forEach((q, i) => (i === 0 ? g.moveTo(px(q.lab), py(q.department)) : g.lineTo(px(q.lab), py(q.department))));
    g.strokePath();
    for (const q of m.path) g.fillStyle(q.by === 'lab' ? color.blue : color.redText, 1).fillCircle(px(q.lab), py(q.department), 3.5);
    if (m.signed) g.lineStyle(3, color.focus, 1).strokeCircle(px(m.signed.lab), py(m.signed.department), 8);
    // The lab's utility is always across and the Department's up; "you" is the side played.
    const pair = this.app.session!.pair;
    const dept = !pair && this.app.session!.side === 'department';
    p.add(kit.text(null, box.x, box.y + box.h + 6, dept || pair ? 'the lab\'s utility →' : 'your utility →', { size: 11, color: color.muted }, 'none'));
    p.add(kit.text(null, box.x + box.w, box.y + box.h + 6, dept ? 'yours (Department) ↑' : 'Department ↑', { size: 11, color: color.muted, align: 'right' }, 'none'));
    const rx = box.x + box.w + 24;
    const rw = AREA.x + AREA.w - 24 - rx;
    let y = top;
    const line = (parent: HTMLElement, s: string, style: TextStyle, kind: 'p' | 'li' = 'p') => {
      const t = p.add(fitHeight(kit.text(parent, rx, y, s, { size: 13, width: rw, ...style }, kind), BOTTOM - y));
      y += t.height + 6;
      return t;
    };
    const value = line(p.el, `Value left on the table: ${m.valueLeft} points`, { size: 16, weight: 'bold' });
    const key = line(p.el, `${m.points.length} possible contracts (grey dots); ${m.frontier.length} on the Pareto frontier (gold line), where neither side can gain without the other losing; ${m.zone} that both sides prefer to no deal (green area, above both walk-away lines).`, { color: color.prose });
    // The map's own words (value left on the table, Pareto frontier, walk-away) are glossary terms.
    this.app.markTermsIn(kit, p, value, key);
    line(p.el, dept ? 'Blue dots: the lab\'s offers. Red dots: your offers. Ringed: the contract signed.' : pair ? 'Blue dots: the lab\'s offers. Red dots: the Department\'s offers. Ringed: the contract signed.' : 'Blue dots: your offers. Red dots: the Department\'s offers. Ringed: the contract signed.', { color: color.muted });
    const list = this.app.dom.group(p.el, dept ? 'Points on the map (the lab\'s utility, yours)' : pair ? 'Points on the map (the lab\'s utility, the Department\'s)' : 'Points on the map (your utility, the Department\'s)', 'ul');
    for (const r of m.rows) line(list, dept ? `${r.label}: lab ${r.lab}, you ${r.department}` : pair ? `${r.label}: lab ${r.lab}, Department ${r.department}` : `${r.label}: you ${r.lab}, Department ${r.department}`, { size: 12 }, 'li');
  }

  private dice(p: Shown, rolls: DiceRoll[], x: number, para: (parent: HTMLElement, s: string, style: TextStyle) => TwinText) {
    const { kit } = this;
    if (!rolls.length) para(p.el, NO_DICE, { size: 14, color: color.muted, italic: true });
    const intro = para(p.el, DICE_INTRO, { size: 13, color: color.muted });
    const top = intro.y + intro.height + 10;
    const cols = rolls.length > 16 ? 2 : 1;
    const per = Math.max(1, Math.ceil(rolls.length / cols));
    const size = cols === 2 ? 11 : 12;
    const step = Math.min(22, (BOTTOM - top) / per);
    const list = this.app.dom.group(p.el, 'Every roll, oldest first', 'ol');
    rolls.forEach((d, i) => {
      const cx = x + Math.floor(i / per) * 392;
      const cy = top + (i % per) * step;
      const row = diceRow(d);
      const tone = d.fired ? color.text : color.muted;
      const li = this.app.dom.make('li');
      list.append(li);
      p.add(kit.text(null, cx, cy, d.fired ? '●' : '○', { size, color: tone }, 'none'));
      const figures = p.add(kit.text(li, cx + (cols === 2 ? 376 : 772), cy, row.figures, { size, weight: 'bold', color: d.fired ? color.up : color.muted, align: 'right' }, 'p'));
      const reaction = p.add(fitWidth(kit.text(li, cx + 16, cy, row.reaction, { size, color: tone }, 'p'), (cols === 2 ? 376 : 772) - 16 - figures.width - 12));
      // The reaction before its figures in the DOM, as read.
      li.prepend(reaction.twin!);
    });
  }

  private meters(p: Shown, top: number) {
    const { kit } = this;
    const v = this.v;
    const chart = { x: AREA.x + 30, y: top + 16, w: AREA.w - 280, h: BOTTOM - 40 - top };
    for (const o of meterChart(this, kit, chart, v.series, { ticks: [0, 25, 50, 75, 100], line: 3, dot: 3.5, alt: { parent: p.el, caption: 'Meters over time: the start, then after each beat', points: v.points } })) p.add(o);
    const lx = chart.x + chart.w + 24;
    const legend = this.app.dom.group(p.el, 'Meters at the end', 'ul');
    for (const o of chartLegend(kit, legend, lx, chart.y, v.series, { width: AREA.x + AREA.w - 12 - lx, value: (s) => ({ text: String(s.values.at(-1)), tone: meterTone(s.values.at(-1)!, s.good ?? 'high') }) })) p.add(o);
    p.add(kit.text(p.el, chart.x + 30, chart.y + chart.h + 2, chartFoot(v.points.length), { size: 12, color: color.muted }, 'p'));
  }

  private runPanel() {
    const { kit, app } = this;
    const session = app.session!;
    const region = app.dom.group(kit.root, 'Your run');
    const x = 890;
    const w = 306;
    kit.panel(x, 28, 350, 672);
    kit.text(region, x + 22, 46, 'Your run', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    const ctx = session.context;
    kit.text(region, x + 22, 72, `Seed: ${ctx.seed}`, { size: 15, weight: 'bold', width: w }, 'p');
    const made = session.scenario.negotiation ? plural(session.record().choices.length, 'move') : plural(ctx.choices.length, 'choice');
    fitWidth(kit.text(region, x + 22, 96, `${made}, ${plural(this.v.news.length, 'reaction')}, ${longDate(this.v.date)}`, { size: 13, color: color.muted }, 'p'), w);
    // Against a built-in Department agent (a class may fix one), a line says which.
    if (ctx.side === 'pair') fitWidth(kit.text(region, x + 22, 113, session.seat ? `Two players, two devices · you: ${SIDE_NAMES[session.seat.mine]}` : 'Two players on one device', { size: 12, color: color.muted }, 'p'), w);
    else if (ctx.opponent !== undefined) fitWidth(kit.text(region, x + 22, 113, ctx.side === 'department' ? `As the Department · the lab: ${ctx.opponent} agent` : `The Department: the ${ctx.opponent} agent`, { size: 12, color: color.muted }, 'p'), w);
    kit.text(region, x + 22, 132, app.classMode ? 'Hand in this code' : 'Replay code', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    const code = session.code();
    kit.panel(x + 22, 154, w, 76, color.bg, color.line, 8);
    // The code wraps on the canvas only (by characters, in a monospace face); its twin is the code whole.
    kit.text(region, x + 34, 164, code, { size: 13, width: w - 24, lineSpacing: 4 }, 'p', 'code').setFontFamily('ui-monospace, monospace').setPadding(0, 0, 0, 4);
    this.status = shareStatus(kit, region, x + 22, 286, w);
    const third = (w - 16) / 3;
    kit.button(region, 'Copy code', { x: x + 22, y: 240, w: third, h: 40 }, () => void copyReplay(app, this.status, code, 'code'), 'secondary', { data: { action: 'copy-code' } });
    kit.button(region, 'Copy link', { x: x + 30 + third, y: 240, w: third, h: 40 }, () => void copyReplay(app, this.status, code, 'link'), 'secondary', { data: { action: 'copy-link' } });
    kit.button(region, 'QR code', { x: x + 38 + 2 * third, y: 240, w: third, h: 40 }, () => app.showQr(app.classMode ? 'Your code to hand in' : 'Your replay code', app.classMode ? 'Your teacher can scan this, or copy the code written under it.' : 'Scan it to open the replay on another device; the code is written under it.', app.classMode ? code : replayLink(code)), 'secondary', { data: { action: 'code-qr' } });
    kit.text(region, x + 22, 312, 'Final state hash', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    const hash = session.hash();
    kit.text(region, x + 22, 332, hash, { size: 15, weight: 'bold' }, 'p', 'hash');
    app.dom.app.dataset.hash = hash;
    kit.text(region, x + 22, 356, 'The same seed and choices give this hash on any machine, in the browser and in `npx red-lines replay`.', { size: 12, color: color.muted, width: w }, 'p', 'muted');

    const record = session.record();
    const watch = () => app.go(SceneKeys.Replay, { record, expected: hash, back: SceneKeys.Ending, step: Math.max(0, record.choices.length - 1) });
    const watchLabel = 'Watch it back, change a choice';
    const watchSub = 'step through the run; branch at any beat';
    const branch = session.branch;
    if (branch) {
      kit.button(region, 'Compare with the original run', { x: x + 22, y: 404, w, h: 52 }, () => app.go(SceneKeys.Compare, { a: branch.from, b: record, at: branch.at, back: SceneKeys.Ending }), 'primary', {
        sub: `same dice, changed at beat ${branch.at + 1}`,
        data: { action: 'compare' },
      });
    } else {
      kit.button(region, watchLabel, { x: x + 22, y: 404, w, h: 52 }, watch, 'secondary', { sub: watchSub, data: { action: 'watch' } });
    }
    // Each export says what it makes in its sub-label, drawn and read as the button's description.
    kit.button(region, 'Run file', { x: x + 22, y: 464, w: third, h: 48 }, () => exportRun(this.status, session.scenario, session.record()), 'secondary', { data: { action: 'export' }, sub: 'JSON, to replay' });
    kit.button(region, 'Markdown', { x: x + 30 + third, y: 464, w: third, h: 48 }, () => this.markdown(), 'secondary', { data: { action: 'markdown' }, sub: 'the debrief' });
    kit.button(region, 'Print', { x: x + 38 + 2 * third, y: 464, w: third, h: 48 }, () => this.print(), 'secondary', { data: { action: 'print' }, sub: 'or save a PDF' });
    if (branch) {
      kit.button(region, watchLabel, { x: x + 22, y: 520, w, h: 48 }, watch, 'secondary', { sub: watchSub, data: { action: 'watch' } });
    } else {
      kit.button(region, 'Play again, same seed', { x: x + 22, y: 520, w, h: 48 }, () => {
        // The same dice, on the same side, against the same other side (a class's agent, if it fixed one).
        if (session.pair) app.startAs(ctx.seed, pairMode(session));
        else if (!session.start(ctx.seed, session.scenario, ctx.opponent ?? null, session.side)) app.go(SceneKeys.Briefing);
      }, 'primary', { sub: 'same dice: see what one change does', data: { action: 'same-seed' } });
    }
    // A class run keeps the class seed: a student plays again on the same dice, never on new ones.
    if (session.scenario.fictional && !app.classMode) {
      // The tutorial's end leads on to the real negotiation, on its title screen.
      const real = scenarioChoices(session.catalogue)[0]!;
      kit.button(region, 'Now the real negotiation', { x: x + 22, y: 576, w, h: 44 }, () => {
        session.use(real);
        app.go(SceneKeys.Title);
      }, 'primary', { data: { action: 'real' }, description: `${real.title}: ${real.subtitle ?? ''}` });
    } else if (!app.classMode) {
      kit.button(region, 'New run, new seed', { x: x + 22, y: 576, w, h: 44 }, () => {
        if (session.pair) app.startAs(freshSeed(), pairMode(session));
        else if (!session.start(freshSeed(), session.scenario, null, session.side)) app.go(SceneKeys.Briefing);
      }, 'secondary', { data: { action: 'new-seed' } });
    }
    kit.button(region, 'Title screen', { x: x + 22, y: 628, w, h: 44 }, () => app.go(SceneKeys.Title), 'quiet', { data: { action: 'title' } });
    // On the canvas in the status line; its twin keeps it in the DOM, for screen readers and the text view.
    if (session.saveProblem) this.status.say(session.saveProblem, true);
  }

  private markdown() {
    const session = this.app.session!;
    const text = debriefMarkdown(session.scenario, session.context, { code: session.code(), hash: session.hash(), level: this.app.settings.level, dice: this.showDice });
    download(text, `red-lines-debrief-${fileSafe(session.context.seed)}.md`, 'text/markdown');
    this.status.say('The debrief is downloading as Markdown.', false);
  }

  /** Builds the print-only debrief (kept until the screen closes, so printing again works) and opens the print dialog. */
  private print() {
    const session = this.app.session!;
    printDebrief(this.v, { seed: session.context.seed, code: session.code(), hash: session.hash(), title: session.scenario.title, dice: this.showDice ? diceView(session.scenario, session.context) : null, map: session.scenario.negotiation ? dealMapView(session.scenario, { context: session.context }) : null });
    this.events.once('shutdown', () => document.getElementById('print')?.remove());
    this.status.say('Printing: choose "Save as PDF" to keep it.', false);
    try {
      print();
    } catch {
      this.status.say('This browser cannot print from here.', true);
    }
  }
}

/** How a game of two players was played, to play again the same way: on one device, or on two as the same side. */
function pairMode(session: Session): PlayMode {
  return session.seat ? (session.seat.mine === 'lab' ? 'links:lab' : 'links:department') : 'pair';
}
