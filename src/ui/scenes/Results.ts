import * as Phaser from 'phaser';
import { classResults, resultsCsv, splitPasted, type ClassResults, type Submission } from '../../core/results.ts';
import { appOf, type App } from '../app.ts';
import { meterChart, SERIES_COLORS } from '../chart.ts';
import { place } from '../dom.ts';
import { fitHeight, fitWidth, Kit, plural, type KitButton } from '../kit.ts';
import { SceneKeys } from '../keys.ts';
import { download, MAX_RUN_FILE_BYTES } from '../share.ts';
import { color } from '../theme.ts';
import { ENDING_COLORS } from './Odds.ts';

const TABS = ['Endings', 'Choices by beat', 'Meters', 'Paths', 'Entries', 'Refused'] as const;
type Tab = (typeof TABS)[number];
const AREA = { x: 40, y: 196, w: 1200, h: 450 };

/** What the teacher has pasted and uploaded, and the results, kept while the screen restarts. */
const state: { text: string; seed: string; files: Submission[]; results: ClassResults | null; tab: Tab; page: number } = {
  text: '',
  seed: '',
  files: [],
  results: null,
  tab: 'Endings',
  page: 0,
};

/** Class results: students' codes and run files, each checked and replayed, tallied in the browser. */
export class Results extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;
  private layer: Phaser.GameObjects.GameObject[] = [];
  private layerDom: HTMLElement[] = [];
  private tabs = new Map<Tab, KitButton>();

  constructor() {
    super(SceneKeys.Results);
  }

  create(data: { classSeed?: string; message?: string } = {}) {
    this.app = appOf(this);
    const app = this.app;
    if (data.classSeed !== undefined && !state.results && !state.text) state.seed = data.classSeed;
    this.layer = [];
    this.layerDom = [];
    this.tabs.clear();
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Results, 'Class results'));
    kit.backdrop(0.15);
    const head = app.dom.group(kit.root, 'Class results');
    kit.text(head, 40, 28, 'For teachers', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    kit.text(head, 40, 48, 'Class results', { size: 34, weight: 'bold' }, 'h1');
    if (state.results) this.showResults(state.results);
    else this.showInput(data.message ?? null);
    const nav = app.dom.group(kit.root, 'Leave', 'div');
    kit.button(nav, 'Back to the classroom', { x: 1040, y: 666, w: 200, h: 40 }, () => app.go(SceneKeys.Classroom), 'quiet', { data: { action: 'back' } });
  }

  private showInput(message: string | null) {
    const { kit, app } = this;
    kit.text(kit.root, 40, 96, 'Paste the codes your students handed in, one per line; a name next to a code is kept as its label. Run files can be uploaded too. Everything is checked and counted here, in this browser: nothing is sent anywhere.', { size: 14, color: color.muted, width: 1160 }, 'p');
    const form = app.dom.group(kit.root, 'Codes and files', 'div');
    kit.panel(40, 150, 800, 500);
    const lab = app.dom.make('label', { for: 'codes', class: 't' }, 'Replay codes, one per line');
    kit.text(null, 60, 164, 'Replay codes, one per line', { size: 13, weight: 'bold' }, 'none');
    const area = app.dom.make('textarea', { id: 'codes', class: 'field', spellcheck: 'false', autocomplete: 'off', placeholder: 'Ada: rl2.Cm1hcmNo…\nrl2.Cm1hcmNo…' });
    area.value = state.text;
    place(area, { x: 60, y: 190, w: 760, h: 440 });
    area.addEventListener('input', () => (state.text = area.value));
    form.append(lab, area);

    const side = app.dom.group(kit.root, 'Count', 'div');
    kit.panel(870, 150, 370, 500);
    kit.text(side, 890, 166, 'Class seed', { size: 15, weight: 'bold' }, 'h2');
    kit.text(side, 890, 190, 'Optional: runs with another seed are listed as refused, not counted.', { size: 12, color: color.muted, width: 330 }, 'p', 'muted');
    const seedLab = app.dom.make('label', { for: 'results-seed', class: 't' }, 'Class seed (optional)');
    const seed = app.dom.make('input', { id: 'results-seed', type: 'text', class: 'field', autocomplete: 'off', spellcheck: 'false', maxlength: '200', dir: 'auto' });
    seed.value = state.seed;
    place(seed, { x: 890, y: 228, w: 330, h: 40 });
    seed.addEventListener('input', () => (state.seed = seed.value));
    side.append(seedLab, seed);
    kit.button(side, 'Upload files…', { x: 890, y: 290, w: 330, h: 44 }, () => void this.upload(), 'secondary', { data: { action: 'upload' }, description: 'run files (.json) or text files of codes' });
    const names = [...new Set(state.files.map((f) => f.source.replace(/, line \d+.*$/, '')))];
    const files = names.length ? `${plural(names.length, 'file')} added (${state.files.length} ${state.files.length === 1 ? 'entry' : 'entries'}): ${names.join(', ')}` : 'No files added.';
    fitHeight(kit.text(side, 890, 344, files, { size: 12, color: color.muted, width: 330 }, 'p', 'files'), 60);
    kit.button(side, 'Count the results', { x: 890, y: 420, w: 330, h: 56 }, () => this.count(), 'primary', { data: { action: 'count' } });
    if (state.files.length) kit.button(side, 'Remove the files', { x: 890, y: 486, w: 330, h: 40 }, () => ((state.files = []), this.scene.restart()), 'quiet', { data: { action: 'clear-files' } });
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
      else if (text.trim().startsWith('{')) state.files.push({ source: f.name, text });
      else state.files.push(...splitPasted(text, `${f.name}, line`));
    }
    this.scene.restart({ message: problems.length ? problems.join(' ') : undefined });
  }

  private count() {
    const s = this.app.session!.scenario;
    const subs = [...splitPasted(state.text), ...state.files];
    if (!subs.length) return this.scene.restart({ message: 'Nothing to count yet: paste codes or upload files first.' });
    const t0 = performance.now();
    state.results = classResults(s, subs, state.seed.trim() ? state.seed.trim() : null);
    this.app.dom.app.dataset.resultsMs = String(Math.round(performance.now() - t0));
    state.tab = 'Endings';
    state.page = 0;
    this.scene.restart();
  }

  private showResults(r: ClassResults) {
    const { kit, app } = this;
    const s = app.session!.scenario;
    app.dom.app.dataset.counted = String(r.entries.length);
    app.dom.app.dataset.refused = String(r.rejected.length);
    const summary = `${r.entries.length} run${r.entries.length === 1 ? '' : 's'} counted, ${r.rejected.length} refused${r.rejected.length ? ' (see Refused for the reasons)' : ''}${state.seed.trim() ? ` · class seed "${state.seed.trim()}"` : ''}.`;
    kit.text(kit.root, 40, 96, summary, { size: 15, weight: '600', width: 760 }, 'p', 'summary');
    const tools = app.dom.group(kit.root, 'Results tools', 'div');
    kit.button(tools, 'Export CSV', { x: 860, y: 88, w: 180, h: 44 }, () => {
      download(resultsCsv(s, r), 'red-lines-class-results.csv', 'text/csv');
      app.dom.announce('The results are downloading as CSV.');
    }, 'secondary', { data: { action: 'csv' } });
    kit.button(tools, 'Change the codes', { x: 1050, y: 88, w: 190, h: 44 }, () => ((state.results = null), this.scene.restart()), 'secondary', { data: { action: 'edit' } });

    const tabs = app.dom.group(kit.root, 'Result sections', 'div', 'canvas-only');
    let tx = 40;
    for (const t of TABS) {
      const label = t === 'Refused' ? `Refused (${r.rejected.length})` : t === 'Entries' ? `Entries (${r.entries.length})` : t;
      const w = kit.measure(label, { size: 14, weight: '600' }).width + 28;
      this.tabs.set(t, kit.button(tabs, label, { x: tx, y: 146, w, h: 38 }, () => ((state.page = 0), this.show(t)), 'tab', { pressed: t === state.tab, data: { tab: t } }));
      tx += w + 6;
    }
    this.domAll(r);
    this.show(state.tab);
  }

  /** Every section in the DOM at once, for screen readers and the text view. */
  private domAll(r: ClassResults) {
    const { app, kit } = this;
    const dom = app.dom;
    const root = kit.root;
    const e = dom.group(root, 'Endings');
    dom.heading(e, 2, 'Endings');
    const el = dom.group(e, 'Endings', 'ul');
    for (const x of r.endings) dom.item(el, `${x.title}: ${x.count}`).dataset.ending = x.id;
    if (r.unfinished) dom.item(el, `Unfinished: ${r.unfinished}`);

    const b = dom.group(root, 'Choices by beat');
    dom.heading(b, 2, 'How the class chose at each beat');
    for (const beat of r.beats) {
      dom.heading(b, 3, `${beat.title} (${beat.total} reached it)`);
      const l = dom.group(b, beat.title, 'ul');
      for (const c of beat.choices) dom.item(l, `${c.label}: ${c.count}`);
    }

    const m = dom.group(root, 'Meters');
    dom.heading(m, 2, 'Average meters over the run');
    const table = dom.make('table', { class: 't' });
    const head = dom.make('tr');
    head.append(dom.make('th', { scope: 'col' }, 'Meter'), ...(r.meters[0]?.mean ?? []).map((_, k) => dom.make('th', { scope: 'col' }, k === 0 ? 'Start' : `After ${k}`)));
    table.append(head);
    for (const x of r.meters) {
      const tr = dom.make('tr');
      tr.append(dom.make('th', { scope: 'row' }, x.label), ...x.mean.map((v) => dom.make('td', {}, String(v))));
      table.append(tr);
    }
    m.append(table);

    const p = dom.group(root, 'Paths');
    dom.heading(p, 2, 'The most common paths');
    const pl = dom.group(p, 'Paths', 'ol');
    for (const x of r.paths) dom.item(pl, `${x.count} run${x.count === 1 ? '' : 's'} (${this.endingTitle(x.ending)}): ${x.labels.join(' → ')}`);

    const en = dom.group(root, 'Entries');
    dom.heading(en, 2, 'Counted runs');
    const enl = dom.group(en, 'Counted runs', 'ol');
    for (const x of r.entries) {
      const li = dom.item(enl, `${x.n}. ${x.source}${x.label ? ` (${x.label})` : ''}: ${x.endingTitle || 'unfinished'}, ${plural(x.record.choices.length, 'choice')}, hash ${x.hash}.`);
      li.dataset.entry = String(x.n);
      dom.button(li, `Replay entry ${x.n}`, () => this.replay(x.n), { data: { action: 'replay-entry', entry: String(x.n) } }).classList.add('text-only');
    }
    const rf = dom.group(root, 'Refused');
    dom.heading(rf, 2, 'Refused entries');
    const rfl = dom.group(rf, 'Refused entries', 'ol');
    rfl.classList.add('refused');
    for (const x of r.rejected) dom.item(rfl, `${x.n}. ${x.source}: ${x.reason} (${x.excerpt})`).dataset.entry = String(x.n);
  }

  private endingTitle(id: string | null): string {
    return id ? (this.app.session!.scenario.endings.find((e) => e.id === id)?.title ?? id) : 'unfinished';
  }

  private replay(n: number) {
    const e = state.results?.entries.find((x) => x.n === n);
    if (e) this.app.go(SceneKeys.Replay, { record: e.record, expected: e.hash, back: SceneKeys.Results });
  }

  private show(tab: Tab) {
    state.tab = tab;
    const r = state.results!;
    const { kit } = this;
    for (const [t, b] of this.tabs) b.setSelected(t === tab);
    for (const o of this.layer) o.destroy();
    for (const d of this.layerDom) d.remove();
    this.layer = [];
    this.layerDom = [];
    const add = <T extends Phaser.GameObjects.GameObject>(o: T): T => (this.layer.push(o), o);
    add(kit.panel(AREA.x, AREA.y, AREA.w, AREA.h));
    const x = AREA.x + 24;
    const y0 = AREA.y + 20;
    const text = (tx: number, ty: number, s: string, style: Parameters<Kit['style']>[0] = {}) => add(this.add.text(tx, ty, s, kit.style({ size: 14, ...style })));
    const total = Math.max(1, r.entries.length);
    const pager = (pages: number) => {
      if (pages <= 1) return;
      const group = this.kit.root.querySelector<HTMLElement>('[aria-label="Result sections"]') ?? this.kit.root;
      const prev = kit.button(group, '◀', { x: AREA.x + AREA.w - 230, y: AREA.y + AREA.h - 48, w: 56, h: 36 }, () => ((state.page = Math.max(0, state.page - 1)), this.show(tab)), 'secondary', { data: { action: 'page-prev' }, disabled: state.page === 0, description: 'previous page' });
      const next = kit.button(group, '▶', { x: AREA.x + AREA.w - 80, y: AREA.y + AREA.h - 48, w: 56, h: 36 }, () => ((state.page = Math.min(pages - 1, state.page + 1)), this.show(tab)), 'secondary', { data: { action: 'page-next' }, disabled: state.page >= pages - 1, description: 'next page' });
      this.layer.push(prev.box, prev.label, next.box, next.label);
      this.layerDom.push(prev.el, next.el);
      text(AREA.x + AREA.w - 155, AREA.y + AREA.h - 39, `${state.page + 1} / ${pages}`, { size: 13, color: color.muted, align: 'center' }).setOrigin(0.5, 0);
    };
    if (!r.entries.length && tab !== 'Refused') {
      text(x, y0, 'No run was counted: see Refused for the reasons.', { color: color.muted, italic: true });
      return;
    }
    if (tab === 'Endings') {
      const rows = [...r.endings.map((e, i) => ({ title: e.title, count: e.count, c: ENDING_COLORS[i % ENDING_COLORS.length]! })), ...(r.unfinished ? [{ title: 'Unfinished', count: r.unfinished, c: color.muted as number }] : [])];
      rows.forEach((row, i) => {
        const y = y0 + 20 + i * 70;
        text(x, y + 8, row.title, { size: 18, weight: 'bold' });
        const g = add(this.add.graphics());
        const w = ((AREA.w - 460) * row.count) / total;
        g.fillStyle(color.panel2, 1).fillRoundedRect(x + 250, y, AREA.w - 460, 40, 6);
        if (row.count) g.fillStyle(row.c, 1).fillRoundedRect(x + 250, y, Math.max(8, w), 40, 6);
        text(x + AREA.w - 190, y + 8, `${row.count}  (${Math.round((row.count / total) * 100)}%)`, { size: 18, weight: 'bold' });
      });
    } else if (tab === 'Choices by beat') {
      const per = 4;
      const pages = Math.ceil(r.beats.length / per);
      let y = y0;
      for (const beat of r.beats.slice(state.page * per, state.page * per + per)) {
        fitWidth(text(x, y, `${beat.title}`, { size: 14, weight: 'bold' }), 700);
        text(x + 720, y, `${beat.total} reached it`, { size: 12, color: color.muted });
        y += 22;
        for (const c of beat.choices) {
          fitWidth(text(x + 12, y, c.label, { size: 12, color: c.count ? color.text : color.muted }), 470);
          const g = add(this.add.graphics());
          g.fillStyle(color.panel2, 1).fillRect(x + 500, y + 3, 500, 12);
          if (c.count) g.fillStyle(color.blue, 1).fillRect(x + 500, y + 3, Math.max(3, (500 * c.count) / Math.max(1, beat.total)), 12);
          text(x + 1012, y, `${c.count}`, { size: 12, weight: 'bold' });
          y += 18;
        }
        y += 10;
      }
      pager(pages);
    } else if (tab === 'Meters') {
      const series = r.meters.map((m) => ({ label: m.label, values: m.mean }));
      for (const o of meterChart(this, kit, { x, y: y0 + 10, w: 760, h: 330 }, series)) add(o);
      series.forEach((sr, k) => {
        const g = add(this.add.graphics());
        g.fillStyle(SERIES_COLORS[k % SERIES_COLORS.length]!, 1).fillRect(x + 800, y0 + 16 + k * 26, 16, 4);
        fitWidth(text(x + 824, y0 + 8 + k * 26, `${sr.label} (ends ${sr.values.at(-1)})`, { size: 13 }), 320);
      });
      const runs = r.meters[0]?.runs ?? [];
      text(x, y0 + 360, `Mean over the runs that reached each step (runs still going: ${runs.join(', ')}). Later steps average fewer runs.`, { size: 12, color: color.muted, width: 1120 });
    } else if (tab === 'Paths') {
      let y = y0;
      r.paths.forEach((p, i) => {
        text(x, y, `${i + 1}.  ${p.count} run${p.count === 1 ? '' : 's'} · ${this.endingTitle(p.ending)}`, { size: 14, weight: 'bold', color: i === 0 ? color.gold : color.text });
        const t = fitHeight(text(x + 24, y + 22, p.labels.join('  →  '), { size: 12, color: color.muted, width: AREA.w - 72 }), 48);
        y += 30 + t.height;
      });
    } else if (tab === 'Entries') {
      const per = 9;
      const pages = Math.ceil(r.entries.length / per);
      r.entries.slice(state.page * per, state.page * per + per).forEach((e, i) => {
        const y = y0 + i * 44;
        text(x, y + 8, `${e.n}.`, { size: 13, color: color.muted });
        fitWidth(text(x + 40, y + 8, `${e.source}${e.label ? ` · ${e.label}` : ''}`, { size: 13, weight: '600' }), 340);
        fitWidth(text(x + 400, y + 8, `${e.endingTitle || 'unfinished'} · ${plural(e.record.choices.length, 'choice')}`, { size: 13 }), 320);
        text(x + 740, y + 8, e.hash, { size: 12, color: color.muted });
        const group = this.kit.root.querySelector<HTMLElement>('[aria-label="Result sections"]') ?? this.kit.root;
        const b = kit.button(group, 'Replay', { x: x + 1040, y, w: 110, h: 36 }, () => this.replay(e.n), 'secondary', { data: { action: 'replay-entry', entry: String(e.n) }, description: `entry ${e.n}` });
        this.layer.push(b.box, b.label);
        this.layerDom.push(b.el);
      });
      pager(pages);
    } else if (tab === 'Refused') {
      if (!r.rejected.length) text(x, y0, 'Nothing was refused: every entry was a valid run.', { color: color.muted, italic: true });
      let y = y0;
      const per = 6;
      const pages = Math.ceil(r.rejected.length / per);
      for (const e of r.rejected.slice(state.page * per, state.page * per + per)) {
        fitWidth(text(x, y, `${e.n}. ${e.source}: ${e.excerpt}`, { size: 13, weight: '600' }), AREA.w - 60);
        const t = fitHeight(text(x + 24, y + 20, e.reason, { size: 12, color: color.redText, width: AREA.w - 84 }), 34);
        y += 30 + t.height;
      }
      pager(pages);
    }
  }
}
