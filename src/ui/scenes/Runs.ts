import * as Phaser from 'phaser';
import type { RunRecord } from '../../core/record.ts';
import { buildReplay } from '../../core/replay.ts';
import { importRunFile } from '../../core/runfile.ts';
import type { HistoryEntry } from '../../core/saves.ts';
import type { Scenario } from '../../core/schema.ts';
import { appOf, type App } from '../app.ts';
import { fitWidth, Kit } from '../kit.ts';
import { movesCount, versionTag } from '../words.ts';
import { isEarlierVersion } from '../../core/catalogue.ts';
import { line } from '../line.ts';
import { SceneKeys } from '../keys.ts';
import { downloadRun, pickRunFile } from '../share.ts';
import { addRun, clearHistory, deleteRun, loadHistory } from '../storage.ts';
import { color, W } from '../theme.ts';

const PER_PAGE = 7;
const ROW_H = 62;
const TOP = 168;
let rowIds = 0;

interface RunsData {
  page?: number;
  /** A message to show at the top: [text, is it a problem]. */
  message?: [string, boolean];
}

/** The run history: the last 20 finished runs, each replayed, branched, compared, exported or deleted; and run files imported. */
export class Runs extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;

  constructor() {
    super(SceneKeys.Runs);
  }

  create(data: RunsData = {}) {
    this.app = appOf(this);
    const app = this.app;
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Runs, 'Your runs'));
    kit.backdrop(0.18);
    const head = app.dom.group(kit.root, 'Your runs');
    kit.text(head, 40, 30, 'Your runs', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    kit.text(head, 40, 50, 'Run history', { size: 38, weight: 'bold' }, 'h1');
    kit.text(head, 40, 102, 'The last 20 finished runs in this browser, newest first. They are kept on this device only.', { size: 14, color: color.muted, width: 760 }, 'p');

    const tools = app.dom.group(kit.root, 'Open a run', 'div');
    kit.button(tools, 'Watch a replay…', { x: 840, y: 40, w: 190, h: 48 }, () => void app.openCodeDialog(SceneKeys.Runs), 'secondary', { data: { action: 'open-code' }, sub: 'paste a replay code' });
    kit.button(tools, 'Import a run file…', { x: 1040, y: 40, w: 200, h: 48 }, () => void this.import(), 'secondary', { data: { action: 'import' }, sub: 'a .json file from Red Lines' });

    const history = loadHistory();
    let top = TOP;
    const message = data.message ?? (history.problem ? [history.problem, true] : null);
    if (message) {
      const [text, problem] = message;
      if (problem) top += kit.notice(40, 134, 1200, text, 90) - 20;
      else {
        kit.text(kit.root, 40, 136, text, { size: 14, color: color.up, weight: '600', width: 1200 }, 'p', 'status');
        app.dom.announce(text);
      }
    }
    if (history.problem) {
      kit.button(tools, 'Clear the damaged history', { x: 980, y: top - 8, w: 260, h: 36 }, () => void this.clear(), 'secondary', { data: { action: 'clear-history' } });
      top += 40;
    }
    const list = app.dom.group(kit.root, 'Finished runs, newest first', 'ol');
    const runs = history.runs;
    const pages = Math.max(1, Math.ceil(runs.length / PER_PAGE));
    const page = Math.max(0, Math.min(pages - 1, data.page ?? 0));
    if (!runs.length && !history.problem) {
      kit.text(list, W / 2, 330, 'No finished runs yet. Finish a run and it appears here, ready to replay, branch or share.', { size: 16, color: color.muted, align: 'center', width: 700, italic: true }, 'li', 'muted');
    }
    const perPage = Math.min(PER_PAGE, Math.floor((650 - top) / (ROW_H + 8)));
    runs.slice(page * perPage, (page + 1) * perPage).forEach((r, i) => this.row(list, r, top + i * (ROW_H + 8)));

    const nav = app.dom.group(kit.root, 'Pages and back', 'div');
    const realPages = Math.max(1, Math.ceil(runs.length / perPage));
    if (realPages > 1) {
      kit.button(nav, '◀ Newer', { x: 40, y: 660, w: 120, h: 40 }, () => this.scene.restart({ page: page - 1 }), 'secondary', { data: { action: 'newer' }, disabled: page === 0 });
      kit.text(nav, 230, 670, `Page ${page + 1} of ${realPages}`, { size: 14, color: color.muted, align: 'center' }, 'p');
      kit.button(nav, 'Older ▶', { x: 300, y: 660, w: 120, h: 40 }, () => this.scene.restart({ page: page + 1 }), 'secondary', { data: { action: 'older' }, disabled: page >= realPages - 1 });
    }
    kit.button(nav, 'Title screen', { x: 1060, y: 660, w: 180, h: 40 }, () => app.go(SceneKeys.Title), 'quiet', { data: { action: 'title' } });
  }

  private row(list: HTMLElement, r: HistoryEntry, y: number) {
    const { kit, app } = this;
    const own = app.session!.find(r.record.scenario, r.record.version);
    const li = app.dom.make('li', { class: 'run', 'data-seed': r.record.seed });
    list.append(li);
    kit.panel(40, y, 1200, ROW_H, color.panel, color.line, 10);
    const when = formatWhen(r.finishedAt);
    const known = typeof own === 'string' ? r.record.scenario : own.title;
    const seed = fitWidth(kit.text(li, 56, y + 10, `Seed: ${r.record.seed}`, { size: 16, weight: 'bold' }, 'h2'), 340);
    const id = `run-${++rowIds}`;
    seed.twin!.id = id;
    const about = app.dom.make('p', { class: 'about' });
    li.append(about);
    const earlier = isEarlierVersion(app.session!.catalogue, r.record.scenario, r.record.version);
    const atTable = typeof own !== 'string' && own.negotiation !== undefined;
    line(kit, about, 56, y + 36, [`${known} ${versionTag(r.record.version, earlier)}`, movesCount(r.record.choices.length, atTable), when], { size: 12, color: color.muted }, { maxW: 340 });
    fitWidth(kit.text(li, 420, y + 10, r.endingTitle ? `Ending: ${r.endingTitle}` : 'Unfinished', { size: 15, weight: 'bold' }, 'p'), 300);
    if (r.branch) fitWidth(kit.text(li, 420, y + 36, `What if: seed ${r.branch.from.seed} changed at beat ${r.branch.at + 1}`, { size: 12, color: color.gold }, 'p'), 300);
    else kit.text(li, 420, y + 36, `hash ${r.hash}`, { size: 12, color: color.muted }, 'p', 'hash');
    const by = y + 13;
    // Each button is described by the row's heading ("Seed: …"), which is drawn.
    const btn = (label: string, x: number, w: number, action: string, fn: () => void) =>
      kit.button(li, label, { x, y: by, w, h: 36 }, fn, 'secondary', { data: { action, seed: r.record.seed } }).el.setAttribute('aria-describedby', id);
    btn('Replay', 736, 92, 'replay', () => this.watch(r.record, r.hash));
    btn('Branch at…', 834, 92, 'branch', () => void this.branch(r.record));
    btn('Export', 932, 92, 'export', () => this.export(r.record));
    if (r.branch) {
      const b = r.branch;
      btn('Compare', 1030, 92, 'compare', () => app.go(SceneKeys.Compare, { a: b.from, b: r.record, at: b.at, back: SceneKeys.Runs }));
    }
    btn('Delete', 1128, 100, 'delete', () => void this.remove(r));
  }

  /**
   * The scenario (and version) a record was played in, made the session's, or a message on this
   * screen when the game no longer has it.
   */
  private scenarioOf(record: RunRecord): Scenario | null {
    const session = this.app.session!;
    const s = session.find(record.scenario, record.version);
    if (typeof s === 'string') {
      this.scene.restart({ message: [`This run cannot be replayed: ${s}`, true] });
      return null;
    }
    session.use(s);
    return s;
  }

  private watch(record: RunRecord, hash: string) {
    if (this.scenarioOf(record)) this.app.go(SceneKeys.Replay, { record, expected: hash, back: SceneKeys.Runs });
  }

  private async branch(record: RunRecord) {
    const { app } = this;
    const scenario = this.scenarioOf(record);
    if (!scenario) return;
    let frames;
    try {
      frames = buildReplay(scenario, record, app.settings.level).frames;
    } catch (e) {
      this.scene.restart({ message: [`This run cannot be replayed with this version of the scenario: ${(e as Error).message}.`, true] });
      return;
    }
    const i = await app.pick(
      'Branch at which beat?',
      `Same seed, same dice: the run is replayed up to the beat you pick, and you choose again there.`,
      frames.map((f) => ({ label: `Beat ${f.step + 1}: ${f.table.beat?.title ?? ''}`, detail: `The run chose: ${f.chosen.label}` })),
    );
    if (i === null) return;
    const problem = app.session!.startBranch(record, i);
    if (problem) this.scene.restart({ message: [problem, true] });
    else app.go(SceneKeys.Table);
  }

  private export(record: RunRecord) {
    try {
      const scenario = this.scenarioOf(record);
      if (!scenario) return;
      downloadRun(scenario, record);
      this.app.dom.announce('The run file is downloading.');
    } catch (e) {
      this.scene.restart({ message: [`The run file could not be made: ${(e as Error).message}.`, true] });
    }
  }

  private async remove(r: HistoryEntry) {
    const yes = await this.app.confirm('Delete this run?', `The run of seed "${r.record.seed}" (${r.endingTitle || 'unfinished'}) leaves the history for good. Its replay code still works if you copied it.`, 'Delete');
    if (!yes) return;
    const problem = deleteRun(r.record);
    this.scene.restart({ message: problem ? [problem, true] : [`Deleted the run of seed "${r.record.seed}".`, false] });
  }

  private async clear() {
    const yes = await this.app.confirm('Clear the damaged history?', 'The damaged run history is removed and an empty one started. This cannot be undone.', 'Clear it');
    if (!yes) return;
    const problem = clearHistory();
    this.scene.restart({ message: problem ? [problem, true] : ['The damaged history was cleared.', false] });
  }

  private async import() {
    const { app } = this;
    const picked = await pickRunFile();
    if (!picked) return;
    if ('problem' in picked) return this.scene.restart({ message: [picked.problem, true] });
    const r = importRunFile(picked.text, app.session!.catalogue);
    if (!r.ok) return this.scene.restart({ message: [`"${picked.name}" cannot be imported. ${r.message}`, true] });
    const scenario = this.scenarioOf(r.record);
    if (!scenario) return;
    if (r.file.ending !== null) {
      const ending = buildReplay(scenario, r.record, app.settings.level).ending;
      const problem = addRun({ record: r.record, ending: r.file.ending, endingTitle: ending?.title ?? '', hash: r.file.hash, finishedAt: new Date().toISOString(), branch: null });
      if (problem) app.notice = problem;
    }
    app.go(SceneKeys.Replay, { record: r.record, expected: r.file.hash, back: SceneKeys.Runs });
  }
}

/** A stored ISO date-time as the player's local date and time; a damaged one as it is. */
function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 24);
  return d.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
