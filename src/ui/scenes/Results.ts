import * as Phaser from 'phaser';
import { resultsCsv, type ClassResults } from '../../core/results.ts';
import { appOf, type App } from '../app.ts';
import { chartLegend, meterChart } from '../chart.ts';
import { place } from '../dom.ts';
import { fitHeight, fitWidth, Kit, type KitButton, type TextStyle, type TwinText } from '../kit.ts';
import { CLASS_OPPONENTS, longDate, movesCount, plural } from '../words.ts';
import { SceneKeys } from '../keys.ts';
import { line } from '../line.ts';
import { addFiles, clearFiles, count, edit, filesSummary, forClass, keptOf, restoreKept, resultsState as state, selectTab, setPage, summary, tabLabel, tabsOf, type Tab } from '../results-state.ts';
import { forgetKept, loadKept, storeKept } from '../storage.ts';
import { axesText, type ClassDealMap } from '../../core/class-map.ts';
import { download, MAX_RUN_FILE_BYTES } from '../share.ts';
import { color } from '../theme.ts';
import { endingColor } from './Odds.ts';

const AREA = { x: 40, y: 196, w: 1200, h: 450 };

type Obj = Phaser.GameObjects.GameObject & { setVisible(v: boolean): unknown };

/** Something drawn on one page of a tab: its canvas objects and its DOM elements. */
interface Item {
  objs: Obj[];
  els: HTMLElement[];
  page: number;
}

/** A tab's panel: the DOM tabpanel, what it always shows, its items by page, and its pager. */
interface Panel {
  el: HTMLElement;
  objs: Obj[];
  items: Item[];
  pages: number;
  pager: { prev: KitButton; next: KitButton; label: TwinText } | null;
}

let panelIds = 0;

/**
 * Class results: students' codes and run files, each checked and replayed, tallied in the
 * browser. What it holds is a ResultsState (results-state.ts); this scene draws it. The results
 * are ARIA tabs: every panel is drawn once, and only the selected tab's panel (and page) is shown,
 * on the canvas and in the DOM alike.
 */
export class Results extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;
  private tabs = new Map<Tab, KitButton>();
  private panels = new Map<Tab, Panel>();

  constructor() {
    super(SceneKeys.Results);
  }

  create(data: { classSeed?: string; classOpponent?: string | null; message?: string } = {}) {
    this.app = appOf(this);
    const app = this.app;
    // Results kept in this browser (only when the teacher asked) come back after a reload, counted again.
    let keptNote: string | null = null;
    if (!state.text && !state.files.length && !state.results) {
      const k = loadKept();
      if (k.kind === 'problem') keptNote = k.message;
      else if (k.kind === 'ok' && restoreKept(state, k.value)) {
        const session = app.session!;
        const r = count(state, session.catalogue, session.scenario);
        if (typeof r !== 'string') session.use(r.scenario);
      }
    }
    forClass(state, data.classSeed, data.classOpponent);
    this.tabs.clear();
    this.panels.clear();
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Results, 'Class results'));
    kit.backdrop(0.15);
    const head = app.dom.group(kit.root, 'Class results');
    kit.text(head, 40, 28, 'For teachers', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    kit.text(head, 40, 48, 'Class results', { size: 34, weight: 'bold' }, 'h1');
    if (state.results) this.showResults(state.results);
    else this.showInput(data.message ?? keptNote);
    const nav = app.dom.group(kit.root, 'Leave', 'div');
    this.keepControls(nav);
    kit.button(nav, 'Back to the classroom', { x: 1040, y: 666, w: 200, h: 40 }, () => app.go(SceneKeys.Classroom), 'quiet', { data: { action: 'back' } });
  }

  /**
   * Keeping the results in this browser, only when the teacher asks: a button that keeps what is
   * pasted and uploaded (and keeps it up to date), and once kept, one that forgets it.
   */
  private keepControls(parent: HTMLElement) {
    const { kit, app } = this;
    if (state.keptAt) {
      kit.text(parent, 40, 676, `Kept in this browser since ${longDate(state.keptAt.slice(0, 10))}: a reload brings these results back.`, { size: 12, color: color.muted, width: 600 }, 'p', 'kept');
      kit.button(parent, 'Forget the kept results', { x: 780, y: 666, w: 240, h: 40 }, () => {
        const problem = forgetKept();
        if (problem) return app.dom.announce(problem);
        state.keptAt = null;
        app.dom.announce('The kept results are forgotten: this browser no longer holds them.');
        this.scene.restart();
      }, 'quiet', { data: { action: 'forget-kept' } });
    } else {
      kit.button(parent, 'Keep in this browser', { x: 780, y: 666, w: 240, h: 40 }, () => {
        const at = new Date().toISOString();
        const problem = storeKept(keptOf(state, at));
        if (problem) return this.scene.restart({ message: problem });
        state.keptAt = at;
        app.dom.announce('The results are kept in this browser until you forget them.');
        this.scene.restart();
      }, 'quiet', { data: { action: 'keep' } });
    }
  }

  /** Brings the kept results up to date with the screen, while the teacher keeps them. */
  private rekeep() {
    if (state.keptAt) storeKept(keptOf(state, state.keptAt));
  }

  private showInput(message: string | null) {
    const { kit, app } = this;
    kit.text(kit.root, 40, 96, 'Paste the codes your students handed in, one per line; a name next to a code is kept as its label. Run files can be uploaded too. Everything is checked and counted here, in this browser: nothing is sent anywhere.', { size: 14, color: color.muted, width: 1160 }, 'p');
    const form = app.dom.group(kit.root, 'Codes and files', 'div');
    kit.panel(40, 150, 800, 500);
    // The fields are named by the headings drawn over them.
    kit.text(form, 60, 164, 'Replay codes, one per line', { size: 13, weight: 'bold' }, 'h2').twin!.id = 'codes-label';
    const area = app.dom.make('textarea', { id: 'codes', class: 'field', spellcheck: 'false', autocomplete: 'off', placeholder: 'Ada: rl3.Cm1hcmNo…\nrl3.Cm1hcmNo…', 'aria-labelledby': 'codes-label' });
    area.value = state.text;
    place(area, { x: 60, y: 190, w: 760, h: 440 });
    area.addEventListener('input', () => ((state.text = area.value), this.rekeep()));
    form.append(area);

    const side = app.dom.group(kit.root, 'Count', 'div');
    kit.panel(870, 150, 370, 500);
    kit.text(side, 890, 166, 'Class seed', { size: 15, weight: 'bold' }, 'h2').twin!.id = 'results-seed-label';
    kit.text(side, 890, 190, 'Optional: runs with another seed are listed as refused, not counted.', { size: 12, color: color.muted, width: 330 }, 'p', 'muted').twin!.id = 'results-seed-help';
    const seed = app.dom.make('input', { id: 'results-seed', type: 'text', class: 'field', autocomplete: 'off', spellcheck: 'false', maxlength: '200', dir: 'auto', 'aria-labelledby': 'results-seed-label results-seed-help' });
    seed.value = state.seed;
    place(seed, { x: 890, y: 228, w: 330, h: 40 });
    seed.addEventListener('input', () => ((state.seed = seed.value), this.rekeep()));
    side.append(seed);
    // The Department the class faced (a class link can set a built-in agent): a lab's run that faced another is refused; "Any" checks nothing.
    kit.text(side, 890, 274, 'Department faced', { size: 12, color: color.muted, weight: 'bold' }, 'p').twin!.id = 'results-opponent-label';
    const faced = app.dom.make('div', { role: 'group', 'aria-labelledby': 'results-opponent-label' });
    side.append(faced);
    const options: [string | null | undefined, string][] = [[undefined, 'Any'], ...CLASS_OPPONENTS];
    const buttons = options.map(([v, label], i) =>
      kit.button(faced, label, { x: 890 + i * 67, y: 294, w: 62, h: 32 }, () => {
        state.opponent = v;
        this.rekeep();
        buttons.forEach((b, k) => b.setSelected(options[k]![0] === v));
      }, 'tab', { pressed: state.opponent === v, data: { resultsOpponent: String(v) } }),
    );
    kit.button(side, 'Upload files…', { x: 890, y: 336, w: 330, h: 44 }, () => void this.upload(), 'secondary', { data: { action: 'upload' }, sub: 'run files (.json) or text files of codes' });
    fitHeight(kit.text(side, 890, 386, filesSummary(state), { size: 12, color: color.muted, width: 330 }, 'p', 'files'), 30);
    kit.button(side, 'Count the results', { x: 890, y: 420, w: 330, h: 56 }, () => this.count(), 'primary', { data: { action: 'count' } });
    if (state.files.length) kit.button(side, 'Remove the files', { x: 890, y: 486, w: 330, h: 40 }, () => (clearFiles(state), this.rekeep(), this.scene.restart()), 'quiet', { data: { action: 'clear-files' } });
    if (message) kit.notice(890, 540, 330, message, 100);
  }

  private async upload() {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = '.json,.txt,.csv,application/json,text/plain';
    input.hidden = true;
    input.dataset.resultsFiles = '';
    document.body.append(input);
    const files = await new Promise<File[]>((resolve) => {
      input.addEventListener('change', () => resolve([...(input.files ?? [])]));
      input.addEventListener('cancel', () => resolve([]));
      input.click();
    });
    input.remove();
    const problems: string[] = [];
    for (const f of files) {
      if (f.size > MAX_RUN_FILE_BYTES) {
        problems.push(`"${f.name}" is too big to be a run file or a list of codes (${Math.round(f.size / 1000)} KB).`);
        continue;
      }
      const text = await f.text().catch(() => null);
      if (text === null) problems.push(`"${f.name}" could not be read.`);
      else addFiles(state, [{ name: f.name, text }]);
    }
    this.rekeep();
    this.scene.restart({ message: problems.length ? problems.join(' ') : undefined });
  }

  private count() {
    const t0 = performance.now();
    const session = this.app.session!;
    const r = count(state, session.catalogue, session.scenario);
    if (typeof r === 'string') return this.scene.restart({ message: r });
    this.rekeep();
    // The screen shows the endings and meters of the version the codes were played in.
    session.use(r.scenario);
    this.app.dom.app.dataset.resultsMs = String(Math.round(performance.now() - t0));
    this.scene.restart();
  }

  private showResults(r: ClassResults) {
    const { kit, app } = this;
    const s = app.session!.scenario;
    app.dom.app.dataset.counted = String(r.entries.length);
    app.dom.app.dataset.refused = String(r.rejected.length);
    kit.text(kit.root, 40, 96, summary(state, r), { size: 15, weight: '600', width: 760 }, 'p', 'summary');
    const tools = app.dom.group(kit.root, 'Results tools', 'div');
    kit.button(tools, 'Export CSV', { x: 860, y: 88, w: 180, h: 44 }, () => {
      download(resultsCsv(s, r), 'red-lines-class-results.csv', 'text/csv');
      app.dom.announce('The results are downloading as CSV.');
    }, 'secondary', { data: { action: 'csv' } });
    kit.button(tools, 'Change the codes', { x: 1050, y: 88, w: 190, h: 44 }, () => (edit(state), this.scene.restart()), 'secondary', { data: { action: 'edit' } });

    // ARIA tabs: a tablist of buttons (arrow keys move between them), each controlling its panel.
    const list = app.dom.make('div', { role: 'tablist', 'aria-label': 'Result sections' });
    kit.root.append(list);
    const n = ++panelIds;
    // The tabs these results have: a deal map and the contracts only at a negotiating table.
    const tabs = tabsOf(r);
    if (!tabs.includes(state.tab)) state.tab = tabs[0]!;
    let tx = 40;
    for (const t of tabs) {
      const label = tabLabel(t, r);
      const w = kit.measure(label, { size: 14, weight: '600' }).width + 28;
      const b = kit.button(list, label, { x: tx, y: 146, w, h: 38 }, () => this.show(t, true), 'tab', { data: { tab: t } });
      const id = `results-${n}-${tabs.indexOf(t)}`;
      b.el.id = `${id}-tab`;
      b.el.setAttribute('role', 'tab');
      b.el.setAttribute('aria-controls', `${id}-panel`);
      this.tabs.set(t, b);
      tx += w + 6;
    }
    list.addEventListener('keydown', (e) => {
      const k = tabs.indexOf(state.tab);
      const to = e.key === 'ArrowRight' ? k + 1 : e.key === 'ArrowLeft' ? k - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
      if (to === null) return;
      e.preventDefault();
      const t = tabs[(to + tabs.length) % tabs.length]!;
      this.show(t, true);
      this.tabs.get(t)!.el.focus();
    });
    kit.panel(AREA.x, AREA.y, AREA.w, AREA.h);
    for (const t of tabs) {
      const id = `results-${n}-${tabs.indexOf(t)}`;
      const el = app.dom.make('section', { role: 'tabpanel', id: `${id}-panel`, 'aria-labelledby': `${id}-tab` });
      kit.root.append(el);
      const panel: Panel = { el, objs: [], items: [], pages: 1, pager: null };
      this.panels.set(t, panel);
      this.drawPanel(t, panel, r);
    }
    this.show(state.tab, false);
  }

  /** Shows a tab (and, from a click or key, its first page); only its panel is drawn and in the DOM. */
  private show(tab: Tab, chosen: boolean) {
    if (chosen && tab !== state.tab) selectTab(state, tab);
    state.tab = tab;
    for (const [t, b] of this.tabs) {
      const on = t === tab;
      b.setSelected(on);
      // A tab says it is selected, not pressed.
      b.el.removeAttribute('aria-pressed');
      b.el.setAttribute('aria-selected', String(on));
      b.el.tabIndex = on ? 0 : -1;
    }
    for (const [t, p] of this.panels) this.showPanel(p, t === tab);
  }

  private showPanel(p: Panel, on: boolean) {
    p.el.hidden = !on;
    for (const o of p.objs) o.setVisible(on);
    const page = Math.min(state.page, p.pages - 1);
    for (const it of p.items) {
      const v = on && it.page === page;
      for (const o of it.objs) o.setVisible(v);
      for (const el of it.els) el.hidden = it.page !== page;
    }
    if (p.pager && on) {
      const { prev, next, label } = p.pager;
      label.setText(`Page ${page + 1} of ${p.pages}`);
      prev.el.disabled = page === 0;
      next.el.disabled = page >= p.pages - 1;
      prev.label.setAlpha(prev.el.disabled ? 0.45 : 1);
      next.label.setAlpha(next.el.disabled ? 0.45 : 1);
    }
  }

  private endingTitle(id: string | null): string {
    return id ? (this.app.session!.scenario.endings.find((e) => e.id === id)?.title ?? id) : 'unfinished';
  }

  private replay(n: number) {
    const e = state.results?.entries.find((x) => x.n === n);
    if (e) this.app.go(SceneKeys.Replay, { record: e.record, expected: e.hash, back: SceneKeys.Results });
  }

  /**
   * The class on the deal map: each finished run's outcome as a dot (colored by its ending; a ring
   * for no deal), over every possible contract and the Pareto frontier when the class shared one
   * seed; beside it the value left on the table, how far the deals spread, and the runs as rows
   * (what a screen reader reads), a page at a time.
   */
  private dealMap(
    el: HTMLElement,
    m: ClassDealMap,
    at: { x: number; y0: number; bottom: number },
    always: <T extends Obj>(o: T) => T,
    item: (page: number, els: HTMLElement[], draw: (add: <T extends Obj>(o: T) => T) => void) => Item,
    text: (parent: HTMLElement | null, tx: number, ty: number, s: string, style: TextStyle, kind: 'h2' | 'h3' | 'p' | 'li' | 'span', cls?: string) => TwinText,
  ): number {
    const { kit, app } = this;
    const scenario = app.session!.scenario;
    const endingIndex = (id: string) => Math.max(0, scenario.endings.findIndex((e) => e.id === id));
    always(text(el, at.x, at.y0 - 4, 'The class on the deal map', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2'));
    const box = { x: at.x + 28, y: at.y0 + 42, w: 330, h: 300 };
    const px = (v: number) => box.x + (Math.max(0, Math.min(100, v)) / 100) * box.w;
    const py = (v: number) => box.y + box.h - (Math.max(0, Math.min(100, v)) / 100) * box.h;
    const g = always(this.add.graphics());
    g.lineStyle(1, color.line, 1).strokeRect(box.x, box.y, box.w, box.h);
    if (m.space) {
      g.fillStyle(color.lineHi, 0.5);
      for (const q of m.space.points) g.fillRect(px(q.lab) - 0.75, py(q.department) - 0.75, 1.5, 1.5);
      g.lineStyle(2, color.gold, 1).beginPath();
      m.space.frontier.forEach((q, i) => (i === 0 ? g.moveTo(px(q.lab), py(q.department)) : g.lineTo(px(q.lab), py(q.department))));
      g.strokePath();
    }
    // Runs that ended at the same point share one dot, with their number.
    const byPoint = new Map<string, ClassDealMap['entries']>();
    for (const p of m.entries) {
      const k = `${p.x}/${p.y}`;
      byPoint.set(k, [...(byPoint.get(k) ?? []), p]);
    }
    for (const group of byPoint.values()) {
      const p = group[0]!;
      const c = endingColor(endingIndex(p.ending));
      // A run of the Department is a square, the lab's a round dot; hollow for no deal.
      const dept = group.some((q) => q.side === 'department');
      if (p.deal && dept) g.fillStyle(c, 1).fillRect(px(p.x) - 4.5, py(p.y) - 4.5, 9, 9);
      else if (p.deal) g.fillStyle(c, 1).fillCircle(px(p.x), py(p.y), 5);
      else if (dept) g.lineStyle(2.5, c, 1).strokeRect(px(p.x) - 4.5, py(p.y) - 4.5, 9, 9);
      else g.lineStyle(2.5, c, 1).strokeCircle(px(p.x), py(p.y), 5);
      if (group.length > 1) always(kit.text(null, px(p.x) + 7, py(p.y) - 16, `×${group.length}`, { size: 11, weight: 'bold' }, 'none'));
    }
    const axis = m.mode === 'one-seed' ? { x: "lab's value →", y: "Department's value ↑" } : { x: "lab's value (normalised) →", y: "Department's (normalised) ↑" };
    always(kit.text(null, box.x, box.y + box.h + 4, `0   ${axis.x}`, { size: 11, color: color.muted }, 'none'));
    always(kit.text(null, box.x + box.w, box.y + box.h + 4, '100', { size: 11, color: color.muted, align: 'right' }, 'none'));
    always(kit.text(null, box.x - 6, box.y, '100', { size: 11, color: color.muted, align: 'right' }, 'none'));
    always(kit.text(null, box.x + 4, box.y - 16, axis.y, { size: 11, color: color.muted }, 'none'));

    const rx = box.x + box.w + 36;
    const rw = AREA.x + AREA.w - 24 - rx;
    let y = at.y0 + 18;
    const para = (s: string, style: TextStyle) => {
      const t = always(fitHeight(text(el, rx, y, s, { size: 13, width: rw, ...style }, 'p'), 60));
      y += t.height + 6;
      return t;
    };
    const v = m.valueLeft;
    if (v) para(`Value left on the table: ${v.mean} points a run on average (median ${v.median}, from ${v.min} to ${v.max}); ${v.total} for the whole class.`, { size: 15, weight: 'bold' }).twin!.dataset.valueLeft = String(v.mean);
    para(axesText(m), { size: 12, color: color.muted });
    const sp = m.spread;
    const range = (s: { min: number; max: number; mean: number } | null, who: string) => (s ? `${who} from ${s.min} to ${s.max} (mean ${s.mean})` : '');
    const deals = sp.distinct === 1 && m.mode === 'one-seed'
      ? `${plural(sp.deals, 'run')} signed, all the same contract (lab ${sp.x!.min}, Department ${sp.y!.min}); ${sp.noDeal} ended with no deal.`
      : sp.deals
      ? `${plural(sp.deals, 'run')} signed (${plural(sp.distinct, 'different contract')}), ${sp.noDeal} ended with no deal. The deals range: ${range(sp.x, "the lab's value")}; ${range(sp.y, "the Department's")}.`
      : `No run signed a contract: ${plural(sp.noDeal, 'run')} ended with no deal.`;
    para(`${deals}${m.unfinished ? ` ${plural(m.unfinished, 'unfinished run')} not shown.` : ''}`, { color: color.prose });
    if (m.common && m.common.count > 1) para(`The contract signed most often: ${plural(m.common.count, 'run')} (see Contracts).`, { size: 12, color: color.muted });
    const key = `A dot per run, colored by its ending; a ring: no deal (the walk-away values)${m.entries.some((p) => p.side === 'department') ? '; a square: a run that played the Department' : ''}.`;
    para(m.space ? `Grey dots: every possible contract; gold line: the Pareto frontier. ${key}` : key, { size: 12, color: color.muted });
    // The runs as rows, a page at a time under the text.
    const ul = app.dom.group(el, 'Runs on the map', 'ul');
    const top = y + 4;
    const per = Math.max(3, Math.floor((at.bottom - top) / 20));
    m.entries.forEach((p, i) => {
      const page = Math.floor(i / per);
      const ry = top + (i % per) * 20;
      const li = app.dom.make('li', { 'data-entry': String(p.n) });
      ul.append(li);
      item(page, [li], (add) => {
        const dot = add(this.add.graphics());
        const c = endingColor(endingIndex(p.ending));
        if (p.side === 'department') {
          if (p.deal) dot.fillStyle(c, 1).fillRect(rx + 1, ry + 4, 8, 8);
          else dot.lineStyle(2, c, 1).strokeRect(rx + 1, ry + 4, 8, 8);
        } else if (p.deal) dot.fillStyle(c, 1).fillCircle(rx + 5, ry + 8, 4);
        else dot.lineStyle(2, c, 1).strokeCircle(rx + 5, ry + 8, 4);
        const who = [`${p.n}.`, p.label || p.source, ...(p.side === 'department' ? ['(as the Department)'] : p.side === 'pair' ? ['(two players)'] : [])].join(' ');
        const nums = m.mode === 'one-seed' ? `lab ${p.lab}, Department ${p.department}` : `lab ${p.lab} (${p.x}%), Department ${p.department} (${p.y}%)`;
        add(fitWidth(text(li, rx + 16, ry, `${who}: ${p.endingTitle}${p.deal ? '' : ' (no deal)'}; ${nums}; ${p.valueLeft} left`, { size: 12 }, 'span'), rw - 16));
      });
    });
    return Math.max(1, Math.ceil(m.entries.length / per));
  }

  /** Draws a tab's whole panel (every page), hidden until shown. */
  private drawPanel(tab: Tab, panel: Panel, r: ClassResults) {
    const { kit, app } = this;
    const el = panel.el;
    const x = AREA.x + 24;
    const y0 = AREA.y + 20;
    const bottom = AREA.y + AREA.h - 56;
    const always = <T extends Obj>(o: T): T => (panel.objs.push(o), o);
    const text = (parent: HTMLElement | null, tx: number, ty: number, s: string, style: TextStyle, kind: 'h2' | 'h3' | 'p' | 'li' | 'span', cls = '') => kit.text(parent, tx, ty, s, { size: 14, ...style }, kind, cls);
    /** A new item on a page: what `draw` makes (through `add`) is shown with its page. */
    const item = (page: number, els: HTMLElement[], draw: (add: <T extends Obj>(o: T) => T) => void): Item => {
      const it: Item = { objs: [], els, page };
      draw((o) => (it.objs.push(o), o));
      panel.items.push(it);
      return it;
    };
    /** Lays items out down the panel, starting a new page when one would cross the bottom. */
    const flow = <T>(things: T[], per: number, make: (t: T, y: number, page: number) => { it: Item; h: number }) => {
      let y = y0;
      let page = 0;
      let k = 0;
      for (const t of things) {
        const { it, h } = make(t, y, page);
        if ((y + h > bottom && k > 0) || k >= per) {
          page += 1;
          it.page = page;
          for (const o of it.objs as (Obj & { y: number })[]) o.y -= y - y0;
          y = y0;
          k = 0;
        }
        y += h;
        k += 1;
      }
      panel.pages = page + 1;
    };

    /**
     * Groups of counts as bars, flowed down the pages: a heading (with a note beside it), then one
     * row per option, its bar the option's share of `total`.
     */
    const barGroups = <G>(groups: G[], per: number, of: (g: G) => { title: string; note: string; total: number; attrs?: Record<string, string>; rows: { label: string; count: number; attrs?: Record<string, string> }[] }) =>
      flow(groups, per, (group, y, page) => {
        const g0 = of(group);
        const box = app.dom.make('div', { class: 'beat', ...g0.attrs });
        el.append(box);
        let h = 22;
        const it = item(page, [box], (add) => {
          const h3 = app.dom.make('h3');
          box.append(h3);
          add(fitWidth(text(h3, x, y + 20, g0.title, { size: 14, weight: 'bold' }, 'span'), 700));
          if (g0.note) {
            h3.append(' ');
            add(text(h3, x + 720, y + 20, g0.note, { size: 12, color: color.muted }, 'span'));
          }
          const ul = app.dom.group(box, g0.title, 'ul');
          let cy = y + 42;
          for (const c of g0.rows) {
            const li = app.dom.make('li', c.attrs);
            ul.append(li);
            add(fitWidth(text(li, x + 12, cy, `${c.label}:`, { size: 12, color: c.count ? color.text : color.muted }, 'span'), 470));
            li.append(' ');
            const g = add(this.add.graphics());
            g.fillStyle(color.panel2, 1).fillRect(x + 500, cy + 3, 500, 12);
            if (c.count) g.fillStyle(color.blue, 1).fillRect(x + 500, cy + 3, Math.max(3, (500 * c.count) / Math.max(1, g0.total)), 12);
            add(text(li, x + 1012, cy, String(c.count), { size: 12, weight: 'bold' }, 'span'));
            cy += 18;
          }
          h = cy - y + 10;
        });
        return { it, h };
      });

    if (!r.entries.length && tab !== 'Refused') {
      always(text(el, x, y0, 'No run was counted: see Refused for the reasons.', { color: color.muted, italic: true }, 'p'));
      return;
    }
    if (tab === 'Endings') {
      always(text(el, x, y0 - 4, 'Endings', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2'));
      const ul = app.dom.group(el, 'Endings', 'ul');
      const total = Math.max(1, r.entries.length);
      const rows = [...r.endings.map((e, i) => ({ id: e.id as string | null, title: e.title, count: e.count, bySide: e.bySide, c: endingColor(i) })), ...(r.unfinished ? [{ id: null, title: 'Unfinished', count: r.unfinished, bySide: undefined, c: color.muted as number }] : [])];
      // Rows of 64, closer when the endings are many, so the last stays inside the panel.
      const pitch = Math.min(64, Math.floor((AREA.y + AREA.h - 12 - (y0 + 24)) / Math.max(1, rows.length)));
      const barH = Math.min(40, pitch - 10);
      rows.forEach((row, i) => {
        const y = y0 + 24 + i * pitch;
        const li = app.dom.make('li');
        if (row.id) li.dataset.ending = row.id;
        ul.append(li);
        // The title keeps clear of its bar (the longest titles shrink to fit).
        always(fitWidth(text(li, x, y + 8, `${row.title}:`, { size: 18, weight: 'bold' }, 'span'), 236));
        li.append(' ');
        always(text(li, x + AREA.w - 190, y + 8, String(row.count), { size: 18, weight: 'bold' }, 'span'));
        // With runs of both sides in the class: the same count, by the side played.
        if (row.bySide) {
          li.append(' ');
          always(text(li, x, y + Math.min(32, pitch - 20), `(lab ${row.bySide.lab} · Department ${row.bySide.department}${row.bySide.pair ? ` · pairs ${row.bySide.pair}` : ''})`, { size: 12, color: color.muted }, 'span'));
        }
        const g = always(this.add.graphics());
        const w = ((AREA.w - 460) * row.count) / total;
        g.fillStyle(color.panel2, 1).fillRoundedRect(x + 250, y, AREA.w - 460, barH, 6);
        if (row.count) g.fillStyle(row.c, 1).fillRoundedRect(x + 250, y, Math.max(8, w), barH, 6);
      });
      kit.describe(el, `The bars show each ending's share of the ${plural(r.entries.length, 'run')} counted.`);
    } else if (tab === 'Deal map' && r.map) {
      panel.pages = this.dealMap(el, r.map, { x, y0, bottom }, always, item, text);
    } else if (tab === 'Contracts' && r.map) {
      const m = r.map;
      always(text(el, x, y0 - 4, `What the class signed, clause by clause (${plural(m.spread.deals, 'contract')})`, { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2'));
      if (!m.spread.deals) always(text(el, x, y0 + 20, 'No run signed a contract.', { color: color.muted, italic: true }, 'p'));
      barGroups(m.clauses, 3, (c) => ({ title: c.title, note: '', total: m.spread.deals, attrs: { 'data-clause': c.id }, rows: c.options.map((o) => ({ label: o.label, count: o.count, attrs: { 'data-option': o.id } })) }));
    } else if (tab === 'Choices by beat') {
      always(text(el, x, y0 - 4, 'How the class chose at each beat', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2'));
      barGroups(r.beats, 4, (b) => ({ title: b.title, note: `${b.total} reached it`, total: b.total, rows: b.choices }));
    } else if (tab === 'Meters') {
      always(text(el, x, y0 - 4, 'Average meters over the run', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2'));
      const meters = app.session!.scenario.meters;
      const series = r.meters.map((m) => ({ label: m.label, values: m.mean, good: meters.find((x) => x.id === m.id)?.good ?? 'high' }));
      const points = series[0]?.values.map((_, k) => (k === 0 ? 'Start' : `After ${k}`)) ?? [];
      for (const o of meterChart(this, kit, { x, y: y0 + 24, w: 760, h: 316 }, series, { alt: { parent: el, caption: 'Average meters at the start and after each step', points } })) always(o as Obj);
      const legend = app.dom.group(el, 'Meters at the last step', 'ul');
      for (const o of chartLegend(kit, legend, x + 800, y0 + 28, series, { width: 340, value: (s) => ({ text: `(ends ${s.values.at(-1)})`, tone: color.text }) })) always(o as Obj);
      const runs = r.meters[0]?.runs ?? [];
      always(text(el, x, y0 + 360, `Mean over the runs that reached each step (runs still going: ${runs.join(', ')}). Later steps average fewer runs.`, { size: 12, color: color.muted, width: 1120 }, 'p'));
    } else if (tab === 'Paths') {
      always(text(el, x, y0 - 4, 'The most common paths', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2'));
      const ol = app.dom.group(el, 'Paths', 'ol');
      flow(r.paths.map((p, i) => ({ p, i })), 6, ({ p, i }, y, page) => {
        const li = app.dom.make('li');
        ol.append(li);
        let h = 0;
        const it = item(page, [li], (add) => {
          const head = app.dom.make('p');
          li.append(head);
          for (const o of line(kit, head, x, y + 20, [`${i + 1}. ${plural(p.count, 'run')}`, this.endingTitle(p.ending)], { size: 14, weight: 'bold', color: i === 0 ? color.gold : color.text }).objects) add(o as Obj);
          const path = app.dom.make('p', { class: 'path' });
          li.append(path);
          const l = line(kit, path, x + 24, y + 42, p.labels, { size: 12, color: color.muted }, { sep: '→', wrap: AREA.w - 72 });
          for (const o of l.objects) add(o as Obj);
          h = 30 + l.height;
        });
        return { it, h };
      });
    } else if (tab === 'Entries') {
      always(text(el, x, y0 - 4, 'Counted runs', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2'));
      const ol = app.dom.group(el, 'Counted runs', 'ol');
      // Rows of one height, eight to a page (each row's Replay button is placed where its page shows it).
      const per = 8;
      r.entries.forEach((e, i) => {
        const page = Math.floor(i / per);
        const y = y0 + (i % per) * 44;
        const li = app.dom.make('li', { 'data-entry': String(e.n) });
        ol.append(li);
        item(page, [li], (add) => {
          const no = add(text(li, x, y + 28, `${e.n}.`, { size: 13, color: color.muted }, 'span'));
          no.twin!.id = `results-entry-${e.n}`;
          li.append(' ');
          for (const o of line(kit, li, x + 40, y + 28, [e.source, ...(e.label ? [e.label] : [])], { size: 13, weight: '600' }, { maxW: 340 }).objects) add(o as Obj);
          li.append(' ');
          for (const o of line(kit, li, x + 400, y + 28, [e.endingTitle || 'unfinished', movesCount(e.record.choices.length, e.outcome !== undefined || this.app.session!.scenario.negotiation !== undefined), ...(e.outcome ? [`${Math.round(e.outcome.valueLeft * 10) / 10} left`] : [])], { size: 13 }, { maxW: 320 }).objects) add(o as Obj);
          li.append(' ');
          add(text(li, x + 740, y + 28, `hash ${e.hash}`, { size: 12, color: color.muted }, 'span', 'hash'));
          const b = kit.button(li, 'Replay', { x: x + 1040, y: y + 20, w: 110, h: 36 }, () => this.replay(e.n), 'secondary', { data: { action: 'replay-entry', entry: String(e.n) } });
          b.el.setAttribute('aria-describedby', `results-entry-${e.n}`);
          add(b.box);
          add(b.label);
        });
      });
      panel.pages = Math.max(1, Math.ceil(r.entries.length / per));
    } else if (tab === 'Refused') {
      always(text(el, x, y0 - 4, 'Refused entries', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2'));
      const ol = app.dom.group(el, 'Refused entries', 'ol');
      ol.classList.add('refused');
      if (!r.rejected.length) always(text(el, x, y0 + 20, 'Nothing was refused: every entry was a valid run.', { color: color.muted, italic: true }, 'p'));
      flow(r.rejected, 6, (e, y, page) => {
        const li = app.dom.make('li', { 'data-entry': String(e.n) });
        ol.append(li);
        let h = 0;
        const it = item(page, [li], (add) => {
          // Read in the order "3. line 3: why (what was pasted)"; drawn with what was pasted on the first line.
          const head = add(text(li, x, y + 20, `${e.n}. ${e.source}:`, { size: 13, weight: '600' }, 'span'));
          li.append(' ');
          const why = add(fitHeight(text(li, x + 24, y + 40, e.reason, { size: 12, color: color.redText, width: AREA.w - 84 }, 'span'), 34));
          li.append(' ');
          add(fitWidth(text(li, x + head.width + 8, y + 20, `(${e.excerpt})`, { size: 13, weight: '600' }, 'span'), AREA.w - 60 - head.width - 8));
          h = 30 + why.height;
        });
        return { it, h };
      });
    }
    if (panel.pages > 1) {
      const st = state;
      const pages = panel.pages;
      const pager = app.dom.group(el, 'Pages', 'div');
      const prev = kit.button(pager, 'Previous', { x: AREA.x + AREA.w - 330, y: AREA.y + AREA.h - 48, w: 100, h: 36 }, () => (setPage(st, st.page - 1, pages), this.showPanel(panel, true)), 'secondary', { data: { action: 'page-prev' } });
      const label = kit.text(pager, AREA.x + AREA.w - 170, AREA.y + AREA.h - 39, '', { size: 13, color: color.muted, align: 'center' }, 'p');
      const next = kit.button(pager, 'Next', { x: AREA.x + AREA.w - 110, y: AREA.y + AREA.h - 48, w: 86, h: 36 }, () => (setPage(st, st.page + 1, pages), this.showPanel(panel, true)), 'secondary', { data: { action: 'page-next' } });
      panel.pager = { prev, next, label };
      panel.objs.push(prev.box, prev.label, next.box, next.label, label);
    }
  }
}

