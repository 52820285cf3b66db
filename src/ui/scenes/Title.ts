import * as Phaser from 'phaser';
import { checkSeed } from '../../core/run.ts';
import { appOf } from '../app.ts';
import { Kit } from '../kit.ts';
import { SceneKeys } from '../keys.ts';
import { freshSeed, Session } from '../session.ts';
import { loadHistory } from '../storage.ts';
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
    this.data.set('kit', kit);
    kit.backdrop(0.22);

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
    let y = 150;
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
    const cls = app.classMode;
    if (cls) kit.button(menu, 'Start the class run', { x, y, w: bw, h: 64 }, () => startRun(cls.seed), 'primary', { sub: `${cls.name || 'your class'} · class seed: ${fitSeed(cls.seed)}`, data: { action: 'new-run' } });
    else kit.button(menu, 'New run', { x, y, w: bw, h: 64 }, () => startRun(seed), 'primary', { sub: `seed: ${seed}`, data: { action: 'new-run' } });
    y += 76;
    const saved = Session.saved();
    if (saved && 'save' in saved && !saved.save.ended) {
      const { record: r, branch } = saved.save;
      kit.button(menu, 'Continue', { x, y, w: bw, h: 52 }, () => {
        const problem = session.resume(r, branch);
        if (problem) this.showNotice(kit, `The last run cannot be continued: ${problem}`);
        else app.go(SceneKeys.Table);
      }, 'secondary', {
        sub: `seed ${fitSeed(r.seed)} · ${r.choices.length} choice${r.choices.length === 1 ? '' : 's'} made${branch ? ' · a what-if branch' : ''}`,
        data: { action: 'continue' },
      });
      y += 62;
    } else if (saved && 'problem' in saved) {
      app.notice ??= saved.problem;
    }
    if (!cls) {
      kit.button(menu, 'Seeded run…', { x, y, w: bw, h: 52 }, () => void this.askSeed(), 'secondary', {
        sub: 'same seed, same dice: for classes and replays',
        data: { action: 'seeded-run' },
      });
      y += 62;
    }
    kit.button(menu, 'Watch a replay…', { x, y, w: bw, h: 52 }, () => void app.openCodeDialog(SceneKeys.Title), 'secondary', {
      sub: 'paste a replay code someone shared',
      data: { action: 'open-code' },
    });
    y += 62;
    const history = loadHistory();
    kit.button(menu, 'Your runs', { x, y, w: bw, h: 52 }, () => app.go(SceneKeys.Runs), 'secondary', {
      sub: history.problem ? 'the history needs attention' : history.runs.length ? `${history.runs.length} finished run${history.runs.length === 1 ? '' : 's'}: replay, branch, export; import a file` : 'replay, branch and export finished runs; import a file',
      data: { action: 'runs' },
    });
    y += 64;
    const third = (bw - 20) / 3;
    kit.button(menu, 'Sources', { x, y, w: third, h: 44 }, () => app.go(SceneKeys.Sources, { back: SceneKeys.Title }), 'quiet', { data: { action: 'sources' }, description: 'sources and credits' });
    kit.button(menu, 'Settings', { x: x + third + 10, y, w: third, h: 44 }, () => app.go(SceneKeys.Settings, { back: SceneKeys.Title }), 'quiet', { data: { action: 'settings' } });
    kit.button(menu, 'For teachers', { x: x + 2 * (third + 10), y, w: third, h: 44 }, () => app.go(SceneKeys.Classroom), 'quiet', { data: { action: 'teachers' }, description: 'class link, class results, odds explorer' });
    this.data.set('noticeY', y + 56);

    kit.text(kit.root, W / 2, H - 40, 'Mouse, touch or keyboard: Tab moves, Enter chooses, Esc opens the menu.', { size: 13, color: color.muted, align: 'center' }, 'p', 'hint');
    if (app.notice) {
      this.showNotice(kit, app.notice);
      app.notice = null;
    }
    // For `npm run bench`: the first frame in which the title screen can be used.
    this.game.events.once('postrender', () => requestAnimationFrame(() => performance.mark('red-lines:interactive')));
  }

  private showNotice(kit: Kit, text: string) {
    kit.notice(700, this.data.get('noticeY') as number, 440, text, H - 56 - (this.data.get('noticeY') as number));
    kit.dom.announce(text);
  }

  private async askSeed() {
    const app = appOf(this);
    const seed = await app.ask('Seeded run', 'Seed (any word, name or number; the same seed gives the same dice)', '', (v) => {
      const c = checkSeed(v);
      return c.ok ? null : c.message;
    });
    if (seed === null) return;
    const problem = app.session!.start(seed);
    if (problem) this.showNotice(this.data.get('kit') as Kit, problem);
    else app.go(SceneKeys.Briefing);
  }
}

/** A seed short enough for a button's second line. */
function fitSeed(seed: string): string {
  const chars = [...seed];
  return chars.length > 24 ? `${chars.slice(0, 23).join('')}…` : seed;
}
