import * as Phaser from 'phaser';
import type { Scenario } from '../../core/schema.ts';
import { decodeClass } from '../../core/classroom.ts';
import { openCode } from '../../core/replay.ts';
import { appOf, expectedHash } from '../app.ts';
import { SceneKeys } from '../keys.ts';
import { Session } from '../session.ts';
import { color, H, W } from '../theme.ts';

/** Loads the scenario and the art with a real loading bar, waits for the fonts, then opens the game. */
export class Preloader extends Phaser.Scene {
  private bar!: Phaser.GameObjects.Rectangle;
  private status!: HTMLElement;

  constructor() {
    super(SceneKeys.Preloader);
  }

  init() {
    const app = appOf(this);
    const screen = app.dom.screen(SceneKeys.Preloader, 'Loading');
    this.status = app.dom.make('p', { class: 't', role: 'status' }, 'Loading Red Lines…');
    screen.append(this.status);
    this.add.rectangle(W / 2, H / 2, 420, 10, color.panel2).setStrokeStyle(1, color.line);
    this.bar = this.add.rectangle(W / 2 - 208, H / 2, 4, 6, color.red).setOrigin(0, 0.5);
    this.add.text(W / 2, H / 2 - 40, 'RED LINES', { fontFamily: 'system-ui, sans-serif', fontSize: '22px', color: '#e8edf4', letterSpacing: 6 } as Phaser.Types.GameObjects.Text.TextStyle).setOrigin(0.5);
    this.load.on('progress', (p: number) => {
      this.bar.width = 4 + 412 * p;
      this.status.textContent = `Loading Red Lines… ${Math.round(p * 100)}%`;
    });
  }

  preload() {
    const app = appOf(this);
    for (const s of app.scenarios) this.load.json(`scenario:${s.id}`, s.url);
    this.load.svg('emblem', 'img/emblem.svg', { width: 220, height: 220 });
    this.load.svg('table', 'img/table.svg', { width: 1280, height: 720 });
  }

  async create() {
    const app = appOf(this);
    const entry = app.scenarios[0];
    const data = entry ? (this.cache.json.get(`scenario:${entry.id}`) as (Scenario & { errors?: string[] }) | undefined) : undefined;
    if (!entry || !data || !Array.isArray(data.phases)) {
      const errors = data?.errors ?? ['The scenario file could not be loaded.'];
      this.status.textContent = `Red Lines cannot start: ${errors.join(' ')}`;
      this.add.text(W / 2, H / 2 + 40, errors.join('\n'), { fontSize: '14px', color: '#ff8a8d', wordWrap: { width: 1000 } }).setOrigin(0.5, 0);
      return;
    }
    app.session = new Session(data);
    try {
      await Promise.race([
        Promise.all(['400 16px Inter', '700 16px Inter', '600 16px Inter', '400 16px "Source Serif 4"', 'italic 400 16px "Source Serif 4"'].map((f) => document.fonts.load(f))),
        new Promise((r) => setTimeout(r, 3000)),
      ]);
    } catch {
      // Fallback fonts are fine; the game never waits on a font forever.
    }
    const params = new URLSearchParams(location.search);
    const cls = params.get('class');
    if (cls !== null) {
      const c = decodeClass(cls, [app.session.scenario]);
      if (!c.ok) {
        app.notice = `The class link cannot be opened: ${c.message}`;
        app.go(SceneKeys.Title);
        return;
      }
      app.joinClass(c.settings);
      const saved = Session.saved();
      // A student who reloads mid-run continues it; otherwise the class run starts.
      if (saved && 'save' in saved && !saved.save.ended && saved.save.record.seed === c.settings.seed && saved.save.branch === null && !app.session.resume(saved.save.record)) app.go(SceneKeys.Table);
      else {
        app.session.start(c.settings.seed);
        app.go(SceneKeys.Briefing);
      }
      return;
    }
    const replay = params.get('replay');
    if (replay !== null) {
      const opened = openCode(replay, [app.session.scenario]);
      if (opened.ok) app.go(SceneKeys.Replay, { record: opened.record, expected: expectedHash(opened.check), back: SceneKeys.Title });
      else {
        app.notice = `The link's replay code cannot be opened: ${opened.message}`;
        app.go(SceneKeys.Title);
      }
      return;
    }
    const seed = params.get('seed');
    if (seed !== null) {
      const problem = app.session.start(seed);
      if (problem) {
        app.notice = `The link's seed cannot be used: ${problem}`;
        app.go(SceneKeys.Title);
      } else app.go(SceneKeys.Briefing);
      return;
    }
    app.go(SceneKeys.Title);
  }
}
