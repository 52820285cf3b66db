import * as Phaser from 'phaser';
import { decodeClass } from '../../core/classroom.ts';
import { openCode } from '../../core/replay.ts';
import { appOf, expectedHash } from '../app.ts';
import { TWO_DEVICES_KEY } from '../storage.ts';
import { SceneKeys } from '../keys.ts';
import { loadScenarios } from '../scenarios.ts';
import { canPlayDepartment, Session } from '../session.ts';
import { defaultOpponent } from '../../core/department-side.ts';
import { FACES } from '../theme.ts';

/** The emblem's texture size in pixels (the title shows it at 200). */
const EMBLEM_PX = 220;

/**
 * Collects the scenarios (their requests started before the engine loaded), loads the emblem,
 * waits for the fonts, then opens the game where the address says: a class link, a replay code,
 * a seed, a scenario (`?scenario=<id>`), or the title. The page's own title screen (index.html,
 * src/ui/boot.ts) shows meanwhile: this scene only reports progress in its status line.
 */
export class Preloader extends Phaser.Scene {
  private say!: (text: string, problem?: boolean) => void;

  constructor() {
    super(SceneKeys.Preloader);
  }

  init() {
    const app = appOf(this);
    this.say = app.dom.loading(SceneKeys.Preloader);
  }

  /**
   * The emblem as a texture, from the image the page's own title already shows (index.html), so
   * no loader pass over several frames is needed; a fresh image if that one is gone. The table art
   * is not a texture: it is a CSS layer under the canvas (Kit.backdrop).
   */
  private async emblem(): Promise<void> {
    if (this.textures.exists('emblem')) return;
    let img = document.querySelector<HTMLImageElement>('img.boot-emblem');
    if (!img) {
      img = new Image(220, 220);
      img.src = new URL('img/emblem.svg', document.baseURI).href;
    }
    try {
      await img.decode();
      // Drawn once at the size the title shows it (an SVG image's own size is not to be relied on).
      const c = document.createElement('canvas');
      c.width = c.height = EMBLEM_PX;
      c.getContext('2d')?.drawImage(img, 0, 0, EMBLEM_PX, EMBLEM_PX);
      if (!this.textures.exists('emblem')) this.textures.addCanvas('emblem', c);
    } catch {
      // No emblem is no reason not to start: the title is drawn without it.
    }
  }

  async create() {
    const app = appOf(this);
    this.say('Loading Red Lines…');
    const [{ scenarios, problems }] = await Promise.all([loadScenarios(), this.emblem()]);
    if (scenarios.length === 0 || problems.length > 0) {
      this.say(`Red Lines cannot start: ${(problems.length ? problems : ['no scenario could be loaded.']).join(' ')}`, true);
      return;
    }
    const session = (app.session = new Session(scenarios));
    try {
      await Promise.race([Promise.all(FACES.map((f) => document.fonts.load(f))), new Promise((r) => setTimeout(r, 3000))]);
    } catch {
      // Fallback fonts are fine; the game never waits on a font forever.
    }
    const params = new URLSearchParams(location.search);
    const cls = params.get('class');
    if (cls !== null) {
      const c = decodeClass(cls, scenarios);
      if (!c.ok) {
        app.notice = `The class link cannot be opened: ${c.message}`;
        app.go(SceneKeys.Title);
        return;
      }
      const scenario = session.find(c.settings.scenario, c.settings.version);
      if (typeof scenario === 'string') throw new Error(scenario); // decodeClass checked it
      session.use(scenario);
      app.joinClass(c.settings);
      // Pairs on two devices keep their game apart from the run in progress.
      const links = c.settings.side === 'links';
      const saved = links ? Session.saved(TWO_DEVICES_KEY) : Session.saved();
      // A student who reloads mid-run continues it; otherwise the class run starts.
      const s = saved && 'save' in saved ? saved.save : null;
      const opponent = c.settings.opponent;
      const side = c.settings.side === 'links' ? 'pair' : (c.settings.side ?? 'lab');
      // The run saved is the class's own when its seed, scenario, side and other side's agent are the class's.
      const sameOpponent = side === 'department' ? s?.record.opponent === (opponent ?? defaultOpponent(scenario)) : (s?.record.opponent ?? null) === opponent;
      const same = s && !s.ended && s.branch === null && s.record.seed === c.settings.seed && s.record.scenario === scenario.id && s.record.version === scenario.version && sameOpponent && (s.record.side ?? 'lab') === side;
      const resumed = same && !(links ? session.resumeTwoDevices(s) : session.resume(s.record));
      if (resumed) app.showRun();
      else app.startClassRun(c.settings);
      return;
    }
    // A turn of a game on two devices, sent by the other player: checked against the game this browser holds.
    const turn = params.get('turn');
    if (turn !== null) {
      const opened = session.openTurn(turn);
      if (!opened.ok) {
        app.notice = opened.message;
        app.go(SceneKeys.Title);
      } else if (opened.first && !session.done) {
        // This device's first link: its player reads their own side's briefing before moving.
        app.go(SceneKeys.Briefing, { side: session.seat!.mine, begin: { scene: SceneKeys.Table } });
      } else app.showRun();
      return;
    }
    const replay = params.get('replay');
    if (replay !== null) {
      const opened = openCode(replay, scenarios);
      if (opened.ok) {
        session.use(opened.scenario);
        app.go(SceneKeys.Replay, { record: opened.record, expected: expectedHash(opened.check), back: SceneKeys.Title });
      } else {
        app.notice = `The link's replay code cannot be opened: ${opened.message}`;
        app.go(SceneKeys.Title);
      }
      return;
    }
    const id = params.get('scenario');
    if (id !== null) {
      const scenario = session.find(id);
      if (typeof scenario === 'string') {
        app.notice = `The link's scenario cannot be opened: ${scenario}`;
        app.go(SceneKeys.Title);
        return;
      }
      session.use(scenario);
    }
    // ?side=department: new runs (and this link's seeded run) play the Department.
    const side = params.get('side');
    if (side !== null) {
      if (side !== 'lab' && side !== 'department') {
        app.notice = `The link's side cannot be used: it is "lab" or "department", not "${side.slice(0, 40)}".`;
        app.go(SceneKeys.Title);
        return;
      }
      if (side === 'department' && !canPlayDepartment(session.scenario)) {
        app.notice = `The link's side cannot be used: ${session.scenario.title} (version ${session.scenario.version}) has no briefing for the Department.`;
        app.go(SceneKeys.Title);
        return;
      }
      app.playMode = side;
    }
    const seed = params.get('seed');
    if (seed !== null) {
      const problem = app.startAs(seed, app.playMode);
      if (problem) {
        app.notice = `The link's seed cannot be used: ${problem}`;
        app.go(SceneKeys.Title);
      }
      return;
    }
    app.go(SceneKeys.Title);
  }
}
