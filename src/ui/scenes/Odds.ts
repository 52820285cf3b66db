import * as Phaser from 'phaser';
import { strategiesOf } from '../../core/run.ts';
import { agentRule, BUILTIN_AGENT_NAMES } from '../../core/negotiation/agents.ts';
import { defaultOpponent } from '../../core/department-side.ts';
import { appOf, type App } from '../app.ts';
import { fitWidth, Kit, type KitButton, type TwinText } from '../kit.ts';
import { line } from '../line.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import { requestFrame } from '../render.ts';
import type { OddsMeans, OddsMessage, OddsRequest } from '../odds-worker.ts';
import { color, ENDING_GREY, seriesColor } from '../theme.ts';

const SIZES = [1000, 10_000, 50_000] as const;
/**
 * The colour of the k-th ending in the bar charts (Odds, class results): green, gold, red, blue,
 * violet and orange from the series colours, then a light grey: seven endings, seven colours.
 */
const ENDING_COLORS = [seriesColor(3), seriesColor(2), seriesColor(0), seriesColor(1), seriesColor(4), seriesColor(5), ENDING_GREY];
export const endingColor = (k: number): number => ENDING_COLORS[k % ENDING_COLORS.length]!;
const seriesOf = endingColor;
const BAR = { x: 250, w: 830 };
const SEED_PREFIX = 'sim-';
/** The rows' band: from the first row's top to the legend. */
const ROWS = { top: 290, bottom: 590 };
/** What the rows play: the story's strategies, built-in agents negotiating for the lab, or for the Department. */
type By = 'strategy' | 'agent' | 'department';

/**
 * The odds explorer: many seeds per strategy (or, for a scenario with a negotiation, per built-in
 * agent playing the lab, or playing the Department against a built-in lab agent), played in web
 * workers, endings charted row by row.
 */
export class Odds extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;
  private size: number = 10_000;
  private workers: Worker[] = [];
  private results = new Map<string, Record<string, number>>();
  private means = new Map<string, OddsMeans>();
  private by: By = 'strategy';
  private names: string[] = [];
  private rowH = 74;
  private sizeBtns = new Map<number, KitButton>();
  private runBtn!: KitButton;
  private cancelBtn!: KitButton;
  private bar!: Phaser.GameObjects.Graphics;
  private status!: TwinText;
  /** Each strategy's bar, in words (the DOM element its texts are twinned into). */
  private rows = new Map<string, HTMLElement>();
  private chart: Phaser.GameObjects.GameObject[] = [];
  private table!: HTMLElement;
  private started = 0;

  constructor() {
    super(SceneKeys.Odds);
  }

  create(data: { back?: SceneKey; by?: By; size?: number } = {}) {
    this.app = appOf(this);
    const app = this.app;
    const s = app.session!.scenario;
    // A negotiation's explorer starts with the agents: they play the table, the strategies only its story moves.
    this.by = s.negotiation ? (data.by ?? 'agent') : 'strategy';
    const agents = this.by !== 'strategy';
    this.size = data.size ?? (agents ? 1000 : 10_000);
    this.results.clear();
    this.means.clear();
    this.sizeBtns.clear();
    this.rows.clear();
    this.chart = [];
    this.workers = [];
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Odds, 'Odds explorer'));
    kit.backdrop(0.15);
    this.events.once('shutdown', () => this.stop());

    const head = app.dom.group(kit.root, 'Odds explorer');
    const kicker = app.dom.make('p', { class: 'kicker' });
    head.append(kicker);
    line(kit, kicker, 40, 28, ['For teachers', s.title], { size: 13, color: color.redText, weight: 'bold', caps: true });
    kit.text(head, 40, 48, 'Odds explorer: how the dice fall', { size: 34, weight: 'bold' }, 'h1');
    kit.text(
      head,
      40,
      98,
      this.by === 'agent'
        ? `Plays the same seeds ("${SEED_PREFIX}0", "${SEED_PREFIX}1", …) with each built-in agent negotiating for the lab and counts the endings, with each side's mean value and the value left on the table: the seeds and numbers of \`npx red-lines tournament\`. An agent is a simple rule, not a person: compare how far a hard line, a soft one and learning get.`
        : this.by === 'department'
        ? `Plays the same seeds with each built-in agent negotiating for the Department, against the ${defaultOpponent(s)} agent as the lab, and counts the endings, with each side's mean value and the value left on the table: the numbers of \`npx red-lines tournament --side department\`. Compare them with the lab's side: which rules do well for either side?`
        : `Plays the same seeds ("${SEED_PREFIX}0", "${SEED_PREFIX}1", …) with each strategy and counts the endings: the seeds \`npx red-lines sim\` plays, so its counts match. A strategy is a simple rule, not a person: the spread shows how much the dice matter, and how much the choices do.`,
      { size: 14, color: color.muted, width: 1160 },
      'p',
    );

    const controls = app.dom.group(kit.root, 'Run the explorer', 'div');
    const sizes = app.dom.make('div', { role: 'group', 'aria-labelledby': 'odds-sizes' });
    controls.append(sizes);
    kit.text(sizes, 40, 168, agents ? 'Seeds per agent' : 'Seeds per strategy', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'p').twin!.id = 'odds-sizes';
    SIZES.forEach((n, i) => {
      this.sizeBtns.set(n, kit.button(sizes, n.toLocaleString('en-US'), { x: 200 + i * 104, y: 158, w: 96, h: 40 }, () => this.setSize(n), 'tab', { pressed: n === this.size, data: { runs: String(n) } }));
    });
    if (s.negotiation) {
      // What the rows play: the story's strategies, or agents that negotiate the contract.
      const modes = app.dom.make('div', { role: 'group', 'aria-label': 'Play the seeds with' });
      controls.append(modes);
      const mode = (by: By, label: string, x: number, w: number) =>
        kit.button(modes, label, { x, y: 158, w, h: 40 }, () => this.setBy(by), 'tab', { pressed: this.by === by, data: { by } });
      mode('agent', 'Lab agents', 520, 116);
      mode('department', 'Department agents', 642, 172);
      mode('strategy', 'Strategies', 820, 112);
    }
    this.runBtn = kit.button(controls, 'Run', { x: 948, y: 154, w: 140, h: 48 }, () => this.run(), 'primary', { data: { action: 'run-odds' } });
    this.cancelBtn = kit.button(controls, 'Cancel', { x: 1096, y: 154, w: 144, h: 48 }, () => this.cancel(), 'secondary', { data: { action: 'cancel-odds' }, disabled: true });

    kit.panel(40, 220, 1200, 12, color.panel2, color.line, 6);
    this.bar = this.add.graphics();
    // The status line, in words on both; what it comes to (done, cancelled, a problem) is also announced.
    this.status = kit.text(controls, 40, 240, 'Press Run to play the seeds.', { size: 13, color: color.muted }, 'p', 'odds-status');
    this.status.twin!.dataset.oddsStatus = 'idle';
    // Visually hidden in the canvas view (the bar is drawn); it has no text of its own.
    const progress = app.dom.make('progress', { class: 't', max: '1', value: '0', 'aria-label': 'Progress' });
    controls.append(progress);
    this.data.set('progress', progress);

    this.names = agents ? [...BUILTIN_AGENT_NAMES] : strategiesOf(s);
    this.rowH = Math.min(74, Math.floor((ROWS.bottom - ROWS.top) / this.names.length));
    const what = agents ? 'agent' : 'strategy';
    const heading = this.by === 'department' ? 'Endings by agent, playing the Department' : this.by === 'agent' ? 'Endings by agent, playing the lab' : 'Endings by strategy';
    const results = app.dom.group(kit.root, heading);
    kit.text(results, 40, 264, heading, { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2');
    // A row per strategy or agent: its name and rule, and its bar's words (each ending's share, the runs).
    const rows = app.dom.group(results, agents ? 'Agents' : 'Strategies', 'ul');
    const h = this.rowH;
    this.names.forEach((name, i) => {
      const y = ROWS.top + i * h;
      const li = app.dom.make('li', { [`data-${what}-row`]: name });
      rows.append(li);
      kit.text(li, 40, y + (h >= 60 ? 4 : 0), name, { size: h >= 60 ? 16 : 15, weight: 'bold' }, 'h3');
      fitWidth(kit.text(li, 40, y + (h >= 60 ? 28 : 20), this.describe(name), { size: 11, color: color.muted }, 'p'), 200);
      const bar = app.dom.make('p', { class: 'bar' });
      li.append(bar);
      this.rows.set(name, bar);
      kit.panel(BAR.x, y, BAR.w, this.barH(), color.panel, color.line, 8);
    });
    // The counts, as a table that describes the bars in words.
    this.table = app.dom.make('table', { 'data-odds': '' });
    results.append(this.table);
    const legend = app.dom.group(results, 'Endings', 'ul');
    // The key, wrapping onto a second line when the endings are many.
    let lx = BAR.x;
    let ly = 598;
    s.endings.forEach((e, i) => {
      const g = this.add.graphics();
      const t = kit.text(legend, lx + 22, ly - 3, e.title, { size: 13 }, 'li');
      if (lx + 22 + t.width > 1240 && lx > BAR.x) {
        lx = BAR.x;
        ly += 22;
        t.setPosition(lx + 22, ly - 3);
      }
      g.fillStyle(seriesOf(i), 1).fillRoundedRect(lx, ly, 16, 12, 3);
      lx += t.width + 44;
    });

    const nav = app.dom.group(kit.root, 'Leave', 'div');
    const back = data.back ?? SceneKeys.Title;
    this.data.set('back', back);
    kit.button(nav, back === SceneKeys.Classroom ? 'Back to the classroom' : 'Title screen', { x: 1040, y: 660, w: 200, h: 40 }, () => app.go(back), 'quiet', { data: { action: 'back' } });
    this.drawChart();
  }

  /** A row's bar panel height: 48 in rows of 74, less in the tighter rows of many agents. */
  private barH(): number {
    return this.rowH >= 60 ? 48 : this.rowH - 12;
  }

  private describe(name: string): string {
    const s = this.app.session!.scenario;
    if (this.by !== 'strategy') return agentRule(name, this.by === 'department' ? 'department' : 'lab');
    if (name === 'random') return 'any offered choice, at random';
    if (name === 'first') return 'always the first choice offered';
    const w = s.strategies?.[name] ?? {};
    const labels = new Map(s.meters.map((m) => [m.id, m.short]));
    const agent = s.negotiation?.strategyAgents?.[name];
    return `favors ${Object.keys(w)
      .map((k) => labels.get(k) ?? k)
      .join(', ')}${agent ? `; bargains like the ${agent}` : ''}`;
  }

  private setBy(by: By) {
    if (this.workers.length || by === this.by) return;
    this.scene.restart({ back: this.data.get('back'), by, size: this.size });
  }

  private setSize(n: number) {
    if (this.workers.length) return;
    this.size = n;
    for (const [k, b] of this.sizeBtns) b.setSelected(k === n);
  }

  private say(text: string, state: string) {
    this.status.setText(text);
    this.status.twin!.dataset.oddsStatus = state;
    this.app.dom.announce(text);
  }

  private run() {
    if (this.workers.length) return;
    const s = this.app.session!.scenario;
    const strategies = this.names;
    const what = this.by !== 'strategy' ? 'agents' : 'strategies';
    this.results.clear();
    this.means.clear();
    this.drawChart();
    // One worker per core (at most one per row): the rows are shared out among them.
    const n = Math.max(1, Math.min(strategies.length, navigator.hardwareConcurrency || 2, 4));
    const shares = Array.from({ length: n }, (_, k) => strategies.filter((_, i) => i % n === k));
    try {
      this.workers = shares.map(() => new Worker(new URL('../odds-worker.ts', import.meta.url), { type: 'module' }));
    } catch (e) {
      this.stop();
      this.say(`The explorer could not start a worker: ${(e as Error).message}`, 'error');
      return;
    }
    this.started = performance.now();
    this.cancelBtn.el.disabled = false;
    this.runBtn.el.disabled = true;
    this.say(`Playing ${this.size.toLocaleString('en-US')} seeds with each of ${strategies.length} ${what}…`, 'running');
    const progress = this.data.get('progress') as HTMLProgressElement;
    // A new run starts from nothing: the last run's full bar is not this one's progress.
    progress.value = 0;
    this.bar.clear();
    const total = this.size * strategies.length;
    const done = shares.map(() => 0);
    let finished = 0;
    this.workers.forEach((worker, k) => {
      worker.onmessage = (e: MessageEvent<OddsMessage>) => {
        // Progress arrives between frames, with the loop asleep: the bar and the chart need one.
        requestFrame();
        const m = e.data;
        if (m.type === 'progress') {
          done[k] = m.done;
          const all = done.reduce((a, b) => a + b, 0);
          const p = all / total;
          this.bar.clear().fillStyle(color.red, 1).fillRoundedRect(41, 221, Math.max(10, 1198 * p), 10, 5);
          progress.value = p;
          this.status.setText(`${all.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} runs`);
        } else if (m.type === 'result') {
          this.results.set(m.name, m.endings);
          if (m.means) this.means.set(m.name, m.means);
          this.drawChart();
        } else if (m.type === 'done') {
          if (++finished < this.workers.length) return;
          const ms = Math.round(performance.now() - this.started);
          this.stop();
          this.say(`Done: ${total.toLocaleString('en-US')} runs in ${(ms / 1000).toFixed(1)} s, on ${shares.length} worker${shares.length === 1 ? '' : 's'}.`, 'done');
          this.app.dom.app.dataset.oddsMs = String(ms);
          this.app.dom.app.dataset.oddsWorkers = String(shares.length);
        } else {
          this.stop();
          this.say(`The explorer stopped: ${m.message}`, 'error');
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        this.stop();
        this.say(`The explorer stopped: ${e.message || 'a worker failed'}`, 'error');
      };
      const request: OddsRequest =
        this.by === 'department'
          ? { scenario: s, runs: this.size, by: 'agent', side: 'department', opponent: defaultOpponent(s), names: shares[k]!, seedPrefix: SEED_PREFIX }
          : { scenario: s, runs: this.size, by: this.by, names: shares[k]!, seedPrefix: SEED_PREFIX };
      worker.postMessage(request);
    });
  }

  private cancel() {
    if (!this.workers.length) return;
    this.stop();
    this.say(`Cancelled. ${this.results.size ? `The ${this.by !== 'strategy' ? 'agents' : 'strategies'} finished so far are shown.` : 'Nothing was finished.'}`, 'cancelled');
  }

  private stop() {
    for (const w of this.workers) {
      // A message already on its way when the worker is stopped must not touch the screen.
      w.onmessage = null;
      w.onerror = null;
      w.terminate();
    }
    this.workers = [];
    if (this.runBtn?.el.isConnected) {
      this.runBtn.el.disabled = false;
      this.cancelBtn.el.disabled = true;
    }
  }

  private drawChart() {
    const { kit, app } = this;
    const s = app.session!.scenario;
    for (const o of this.chart) o.destroy();
    this.chart = [];
    const agents = this.by !== 'strategy';
    const cell = (tag: 'th' | 'td', text: string, attrs: Record<string, string> = {}) => {
      const c = app.dom.make(tag, attrs);
      kit.describe(c, text, 'span');
      return c;
    };
    const meanHeads = agents ? ["The lab's value (mean)", "The Department's value (mean)", 'Value left on the table (mean)'] : [];
    const head = app.dom.make('tr');
    head.append(
      cell('th', agents ? 'Agent' : 'Strategy', { scope: 'col' }),
      ...s.endings.map((e) => cell('th', e.title, { scope: 'col' })),
      ...meanHeads.map((t) => cell('th', t, { scope: 'col' })),
      cell('th', 'Runs', { scope: 'col' }),
    );
    this.table.replaceChildren(head);
    const barH = this.barH();
    this.names.forEach((name, i) => {
      const y = ROWS.top + i * this.rowH;
      const r = this.results.get(name);
      const bar = this.rows.get(name)!;
      bar.replaceChildren();
      const tr = app.dom.make('tr', { [agents ? 'data-agent' : 'data-strategy']: name });
      tr.append(cell('th', name, { scope: 'row' }));
      if (!r) {
        this.chart.push(kit.text(bar, BAR.x + 16, y + barH / 2 - 9, this.workers.length ? 'waiting…' : 'not run yet', { size: 13, color: color.muted }, 'span'));
        tr.append(...s.endings.map(() => cell('td', '—')), ...meanHeads.map(() => cell('td', '—')), cell('td', '0'));
        this.table.append(tr);
        return;
      }
      const total = Object.values(r).reduce((a, b) => a + b, 0);
      let x = BAR.x + 4;
      const g = this.add.graphics();
      this.chart.push(g);
      s.endings.forEach((e, k) => {
        const n = r[e.id] ?? 0;
        const w = total ? ((BAR.w - 8) * n) / total : 0;
        g.fillStyle(seriesOf(k), 1).fillRect(x, y + 4, w, barH - 8);
        if (w > 46) {
          // The segment's colour is its ending: said in words before its share.
          kit.describe(bar, `${e.title}:`, 'span');
          bar.append(' ');
          this.chart.push(kit.text(bar, x + w / 2, y + barH / 2 - 10, `${Math.round((n / total) * 100)}%`, { size: 14, weight: 'bold', color: color.bg, align: 'center' }, 'span'));
          bar.append(' ');
        }
        x += w;
        tr.append(cell('td', String(n), { 'data-ending': e.id }));
      });
      const m = this.means.get(name);
      if (agents && m) {
        // The means beside the bar (on the canvas and in the bar's words) and in the table.
        this.chart.push(kit.text(bar, BAR.x + BAR.w + 14, y - 2, `${total.toLocaleString('en-US')} runs`, { size: 13, color: color.muted }, 'span'));
        bar.append(' ');
        this.chart.push(kit.text(bar, BAR.x + BAR.w + 14, y + 14, `lab ${m.lab.toFixed(1)} · Dept. ${m.department.toFixed(1)}`, { size: 11, color: color.muted }, 'span'));
        bar.append(' ');
        this.chart.push(kit.text(bar, BAR.x + BAR.w + 14, y + 28, `value left ${m.valueLeft.toFixed(1)}`, { size: 11, color: color.muted }, 'span'));
        tr.append(...[m.lab, m.department, m.valueLeft].map((v) => cell('td', v.toFixed(2), { 'data-mean': '' })));
      } else {
        this.chart.push(kit.text(bar, BAR.x + BAR.w + 14, y + barH / 2 - 9, `${total.toLocaleString('en-US')} runs`, { size: 13, color: color.muted }, 'span'));
      }
      tr.append(cell('td', String(total)));
      this.table.append(tr);
    });
  }
}
