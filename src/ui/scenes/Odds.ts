import * as Phaser from 'phaser';
import { strategiesOf } from '../../core/run.ts';
import { appOf, type App } from '../app.ts';
import { fitWidth, Kit, type KitButton } from '../kit.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import { requestFrame } from '../render.ts';
import type { OddsMessage, OddsRequest } from '../odds-worker.ts';
import { color } from '../theme.ts';

const SIZES = [1000, 10_000, 50_000] as const;
export const ENDING_COLORS = [0x6fdca6, 0xf5c26b, 0xff8a8d, 0x8cc8ff, 0xc9a7ff];
const BAR = { x: 250, w: 830 };
const SEED_PREFIX = 'sim-';

/** The odds explorer: many seeds per strategy, played in a web worker, endings charted by strategy. */
export class Odds extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;
  private size: number = 10_000;
  private workers: Worker[] = [];
  private results = new Map<string, Record<string, number>>();
  private sizeBtns = new Map<number, KitButton>();
  private runBtn!: KitButton;
  private cancelBtn!: KitButton;
  private bar!: Phaser.GameObjects.Graphics;
  private status!: Phaser.GameObjects.Text;
  private statusDom!: HTMLElement;
  private chart: Phaser.GameObjects.GameObject[] = [];
  private table!: HTMLElement;
  private started = 0;

  constructor() {
    super(SceneKeys.Odds);
  }

  create(data: { back?: SceneKey } = {}) {
    this.app = appOf(this);
    const app = this.app;
    const s = app.session!.scenario;
    this.results.clear();
    this.sizeBtns.clear();
    this.chart = [];
    this.workers = [];
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Odds, 'Odds explorer'));
    kit.backdrop(0.15);
    this.events.once('shutdown', () => this.stop());

    const head = app.dom.group(kit.root, 'Odds explorer');
    kit.text(head, 40, 28, `For teachers · ${s.title}`, { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    kit.text(head, 40, 48, 'Odds explorer: how the dice fall', { size: 34, weight: 'bold' }, 'h1');
    kit.text(
      head,
      40,
      98,
      `Plays the same seeds ("${SEED_PREFIX}0", "${SEED_PREFIX}1", …) with each strategy and counts the endings: the seeds \`npx red-lines sim\` plays, so its counts match. A strategy is a simple rule, not a person: the spread shows how much the dice matter, and how much the choices do.`,
      { size: 14, color: color.muted, width: 1160 },
      'p',
    );

    const controls = app.dom.group(kit.root, 'Run the explorer', 'div');
    kit.text(null, 40, 168, 'Seeds per strategy', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'none');
    SIZES.forEach((n, i) => {
      this.sizeBtns.set(n, kit.button(controls, n.toLocaleString('en-US'), { x: 200 + i * 104, y: 158, w: 96, h: 40 }, () => this.setSize(n), 'tab', { pressed: n === this.size, data: { runs: String(n) }, description: `${n} seeds per strategy` }));
    });
    this.runBtn = kit.button(controls, 'Run', { x: 880, y: 154, w: 170, h: 48 }, () => this.run(), 'primary', { data: { action: 'run-odds' } });
    this.cancelBtn = kit.button(controls, 'Cancel', { x: 1060, y: 154, w: 180, h: 48 }, () => this.cancel(), 'secondary', { data: { action: 'cancel-odds' }, disabled: true });

    kit.panel(40, 220, 1200, 12, color.panel2, color.line, 6);
    this.bar = this.add.graphics();
    this.status = kit.text(null, 40, 240, 'Press Run to play the seeds.', { size: 13, color: color.muted }, 'none');
    this.statusDom = app.dom.make('p', { class: 't', role: 'status', 'data-odds-status': 'idle' }, 'Press Run to play the seeds.');
    controls.append(this.statusDom);
    const progress = app.dom.make('progress', { class: 't', max: '1', value: '0', 'aria-label': 'Progress' });
    controls.append(progress);
    this.data.set('progress', progress);

    const strategies = strategiesOf(s);
    this.data.set('strategies', strategies);
    const results = app.dom.group(kit.root, 'Endings by strategy');
    app.dom.heading(results, 2, 'Endings by strategy');
    this.table = app.dom.make('table', { class: 't', 'data-odds': '' });
    results.append(this.table);
    strategies.forEach((name, i) => {
      const y = 290 + i * 74;
      kit.text(null, 40, y + 4, name, { size: 16, weight: 'bold' }, 'none');
      fitWidth(kit.text(null, 40, y + 28, this.describe(name), { size: 11, color: color.muted }, 'none'), 200);
      kit.panel(BAR.x, y, BAR.w, 48, color.panel, color.line, 8);
    });
    let lx = BAR.x;
    s.endings.forEach((e, i) => {
      const g = this.add.graphics();
      g.fillStyle(ENDING_COLORS[i % ENDING_COLORS.length]!, 1).fillRoundedRect(lx, 598, 16, 12, 3);
      const t = kit.text(null, lx + 22, 595, e.title, { size: 13 }, 'none');
      lx += t.width + 48;
    });

    const nav = app.dom.group(kit.root, 'Leave', 'div');
    const back = data.back ?? SceneKeys.Title;
    kit.button(nav, back === SceneKeys.Classroom ? 'Back to the classroom' : 'Title screen', { x: 1040, y: 660, w: 200, h: 40 }, () => app.go(back), 'quiet', { data: { action: 'back' } });
    this.drawChart();
  }

  private describe(name: string): string {
    const s = this.app.session!.scenario;
    if (name === 'random') return 'any offered choice, at random';
    if (name === 'first') return 'always the first choice offered';
    const w = s.strategies?.[name] ?? {};
    const labels = new Map(s.meters.map((m) => [m.id, m.short]));
    return `favours ${Object.keys(w)
      .map((k) => labels.get(k) ?? k)
      .join(', ')}`;
  }

  private setSize(n: number) {
    if (this.workers.length) return;
    this.size = n;
    for (const [k, b] of this.sizeBtns) b.setSelected(k === n);
  }

  private say(text: string, state: string) {
    this.status.setText(text);
    this.statusDom.textContent = text;
    this.statusDom.dataset.oddsStatus = state;
  }

  private run() {
    if (this.workers.length) return;
    const s = this.app.session!.scenario;
    const strategies = this.data.get('strategies') as string[];
    this.results.clear();
    this.drawChart();
    // One worker per core (at most one per strategy): the strategies are shared out among them.
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
    this.say(`Playing ${this.size.toLocaleString('en-US')} seeds with each of ${strategies.length} strategies…`, 'running');
    const progress = this.data.get('progress') as HTMLProgressElement;
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
          this.results.set(m.strategy, m.endings);
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
      worker.postMessage({ scenario: s, runs: this.size, strategies: shares[k]!, seedPrefix: SEED_PREFIX } satisfies OddsRequest);
    });
  }

  private cancel() {
    if (!this.workers.length) return;
    this.stop();
    this.say(`Cancelled. ${this.results.size ? 'The strategies finished so far are shown.' : 'Nothing was finished.'}`, 'cancelled');
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
    const strategies = this.data.get('strategies') as string[];
    const head = app.dom.make('tr');
    head.append(app.dom.make('th', { scope: 'col' }, 'Strategy'), ...s.endings.map((e) => app.dom.make('th', { scope: 'col' }, e.title)), app.dom.make('th', { scope: 'col' }, 'Runs'));
    this.table.replaceChildren(head);
    strategies.forEach((name, i) => {
      const y = 290 + i * 74;
      const r = this.results.get(name);
      const tr = app.dom.make('tr', { 'data-strategy': name });
      tr.append(app.dom.make('th', { scope: 'row' }, name));
      if (!r) {
        this.chart.push(this.add.text(BAR.x + 16, y + 15, this.workers.length ? 'waiting…' : '—', kit.style({ size: 13, color: color.muted })));
        tr.append(...s.endings.map(() => app.dom.make('td', {}, '—')), app.dom.make('td', {}, '0'));
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
        g.fillStyle(ENDING_COLORS[k % ENDING_COLORS.length]!, 1).fillRect(x, y + 4, w, 40);
        if (w > 46) this.chart.push(this.add.text(x + w / 2, y + 14, `${Math.round((n / total) * 100)}%`, kit.style({ size: 14, weight: 'bold', color: 0x0e1623 })).setOrigin(0.5, 0));
        x += w;
        const td = app.dom.make('td', { 'data-ending': e.id }, String(n));
        tr.append(td);
      });
      this.chart.push(this.add.text(BAR.x + BAR.w + 14, y + 15, `${total.toLocaleString('en-US')} runs`, kit.style({ size: 13, color: color.muted })));
      tr.append(app.dom.make('td', {}, String(total)));
      this.table.append(tr);
    });
  }
}
