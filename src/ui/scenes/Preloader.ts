import * as Phaser from 'phaser';
import type { Scenario } from '../../core/schema.ts';
import { decodeClass } from '../../core/classroom.ts';
import { openCode } from '../../core/replay.ts';
import { appOf, expectedHash } from '../app.ts';
import { SceneKeys } from '../keys.ts';
import { Session } from '../session.ts';
import { FACES } from '../theme.ts';

/**
 * Loads the scenario and the emblem, waits for the fonts, then opens the game. The page's own title
 * screen (index.html, src/ui/boot.ts) shows meanwhile: this scene only reports progress in its
 * status line, and draws nothing.
 */
export class Preloader extends Phaser.Scene {
  private status!: HTMLElement;

  constructor() {
    super(SceneKeys.Preloader);
  }

  init() {
    const app = appOf(this);
    this.status = app.dom.loading(SceneKeys.Preloader);
    this.load.on('progress', (p: number) => {
      this.status.textContent = `Loading Red Lines… ${Math.round(p * 100)}%`;
    });
  }

  preload() {
    const app = appOf(this);
    for (const s of app.scenarios) this.load.json(`scenario:${s.id}`, s.url);
    this.load.svg('emblem', 'img/emblem.svg', { width: 220, height: 220 });
    // The table art is not a texture: it is a CSS layer under the canvas (Kit.backdrop).
  }

  async create() {
    const app = appOf(this);
    const entry = app.scenarios[0];
    const data = entry ? (this.cache.json.get(`scenario:${entry.id}`) as (Scenario & { errors?: string[] }) | undefined) : undefined;
    if (!entry || !data || !Array.isArray(data.phases)) {
      const errors = data?.errors ?? ['The scenario file could not be loaded.'];
      this.status.textContent = `Red Lines cannot start: ${errors.join(' ')}`;
      this.status.classList.add('error');
      app.dom.root.querySelector('.boot-menu')?.remove();
      return;
    }
    app.session = new Session(data);
    try {
      await Promise.race([
        Promise.all(FACES.map((f) => document.fonts.load(f))),
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
