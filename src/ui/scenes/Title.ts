import * as Phaser from 'phaser';
import { checkSeed } from '../../core/run.ts';
import { appOf } from '../app.ts';
import { Kit } from '../kit.ts';
import { SceneKeys } from '../keys.ts';
import { freshSeed, Session } from '../session.ts';
import { color, H, W } from '../theme.ts';

/** The title screen: new run, seeded run, continue, sources, settings. */
export class Title extends Phaser.Scene {
  constructor() {
    super(SceneKeys.Title);
  }

  create() {
    const app = appOf(this);
    const session = app.session!;
    const s = session.scenario;
    const kit = new Kit(this, app.dom, app.settings, SceneKeys.Title, 'Title screen');
    this.add.image(W / 2, H / 2, 'table').setAlpha(0.22);

    const head = app.dom.group(kit.root, 'About the game', 'div', 'title-head');
    const emblem = this.add.image(250, 250, 'emblem').setDisplaySize(200, 200);
    const t1 = kit.text(head, 250, 378, s.title.toUpperCase(), { size: 54, weight: 'bold', align: 'center', caps: false }, 'h1');
    t1.setLetterSpacing(10);
    const t2 = kit.text(head, 250, 452, s.subtitle ?? '', { size: 17, color: color.muted, align: 'center', width: 420 }, 'p');
    const t3 = kit.text(
      head,
      250,
      520,
      `A teaching simulation. You negotiate as ${s.role.player}. Every card cites the reports it rests on, or is marked HYPOTHETICAL.`,
      { size: 14, color: color.muted, align: 'center', width: 400, font: 'prose', italic: true },
      'p',
    );
    kit.fadeIn([emblem, t1, t2, t3], 0, 10);

    const menu = app.dom.group(kit.root, 'Start', 'div', 'title-menu');
    const x = 700;
    let y = 170;
    const bw = 440;
    const seed = freshSeed();
    const startRun = (seedText: string) => {
      const problem = session.start(seedText);
      if (problem) {
        app.dom.announce(problem);
        return;
      }
      app.go(SceneKeys.Briefing);
    };
    kit.button(menu, 'New run', { x, y, w: bw, h: 64 }, () => startRun(seed), 'primary', { sub: `seed: ${seed}`, data: { action: 'new-run' } });
    y += 80;
    kit.button(menu, 'Seeded run…', { x, y, w: bw, h: 52 }, () => this.askSeed(), 'secondary', {
      sub: 'same seed, same dice: for classes and replays',
      data: { action: 'seeded-run' },
    });
    y += 66;
    const saved = Session.saved();
    if (saved && 'record' in saved && !saved.ended) {
      const r = saved.record;
      kit.button(menu, 'Continue', { x, y, w: bw, h: 52 }, () => {
        const problem = session.resume(r);
        if (problem) {
          app.dom.announce(`The last run cannot be continued: ${problem}`);
          this.showNotice(kit, `The last run cannot be continued: ${problem}`);
        } else app.go(SceneKeys.Table);
      }, 'secondary', { sub: `seed ${r.seed} · ${r.choices.length} choice${r.choices.length === 1 ? '' : 's'} made`, data: { action: 'continue' } });
      y += 66;
    } else if (saved && 'problem' in saved) {
      app.notice ??= saved.problem;
    }
    kit.button(menu, 'Sources and credits', { x, y, w: bw, h: 48 }, () => app.go(SceneKeys.Sources, { back: SceneKeys.Title }), 'quiet', { data: { action: 'sources' } });
    y += 60;
    kit.button(menu, 'Settings', { x, y, w: bw, h: 48 }, () => app.go(SceneKeys.Settings, { back: SceneKeys.Title }), 'quiet', { data: { action: 'settings' } });

    kit.text(kit.root, W / 2, H - 40, 'Mouse, touch or keyboard: Tab moves, Enter chooses, Esc opens the menu.', { size: 13, color: color.muted, align: 'center' }, 'p', 'hint');
    if (app.notice) {
      this.showNotice(kit, app.notice);
      app.notice = null;
    }
    // For `npm run bench`: the first frame in which the title screen can be used.
    this.game.events.once('postrender', () => requestAnimationFrame(() => performance.mark('red-lines:interactive')));
  }

  private showNotice(kit: Kit, text: string) {
    kit.panel(700, 560, 440, 84, 0x2a1618, color.red, 10);
    const el = kit.text(null, 716, 572, text, { size: 13, width: 408, color: color.text }, 'none');
    el.setDepth(2);
    const p = kit.dom.make('p', { class: 't notice', role: 'alert' }, text);
    kit.root.append(p);
  }

  private async askSeed() {
    const app = appOf(this);
    const seed = await app.ask('Seeded run', 'Seed (any word, name or number; the same seed gives the same dice)', '', (v) => {
      const c = checkSeed(v);
      return c.ok ? null : c.message;
    });
    if (seed === null) return;
    const problem = app.session!.start(seed);
    if (!problem) app.go(SceneKeys.Briefing);
  }
}
