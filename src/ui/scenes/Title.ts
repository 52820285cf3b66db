import * as Phaser from 'phaser';
import { checkSeed } from '../../core/run.ts';
import { isEarlierVersion, tutorialOf } from '../../core/catalogue.ts';
import { roleOf } from '../../core/view.ts';
import { movesCount, PLAY_MODES, versionTag, type PlayMode } from '../words.ts';
import { appOf } from '../app.ts';
import { fitWidth, Kit, type KitButton } from '../kit.ts';
import { SceneKeys } from '../keys.ts';
import { titleMenu, TITLE_HINT, type MenuKey } from '../menu.ts';
import { canPlayDepartment, freshSeed, Session } from '../session.ts';
import { loadHistory, tutorialDone, TWO_DEVICES_KEY } from '../storage.ts';
import { pieces } from '../table-widgets.ts';
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
    // Drawn in capitals; its twin keeps the title's case, as the page's own title (index.html) has it.
    const t1 = kit.text(head, 250, 378, s.title, { size: 54, weight: 'bold', align: 'center', caps: true }, 'h1');
    t1.setLetterSpacing(10);
    // A longer title than "Red Lines" is drawn smaller, to stay in its column.
    if (t1.width > 460) t1.setScale(460 / t1.width);
    const t2 = kit.text(head, 250, 452, s.subtitle ?? '', { size: 17, color: color.muted, align: 'center', width: 420 }, 'p');
    // A class fixes the lab's side; elsewhere a scenario with the Department's briefing offers both.
    const twoSides = canPlayDepartment(s) && !app.classMode;
    if (!twoSides) app.playMode = 'lab';
    const playing = app.classMode ? (app.classMode.side ?? 'lab') : app.playMode === 'department' || app.playMode === 'links:department' ? 'department' : 'lab';
    const role = roleOf(s, playing === 'department' ? 'department' : 'lab');
    const t3 = kit.text(
      head,
      250,
      520,
      `A teaching simulation. ${twoSides && app.playMode === 'pair' ? `Two players: one for ${roleOf(s, 'department').counterpart}, one for ${s.role.counterpart}.` : `You negotiate as ${role.player}.`} ${s.fictional ? 'A fictional practice: every card is marked HYPOTHETICAL.' : 'Every card cites the reports it rests on, or is marked HYPOTHETICAL.'}`,
      { size: 14, color: color.muted, align: 'center', width: 400, font: 'prose', italic: true },
      'p',
    );
    // After the page's own title (src/ui/boot.ts), the same title stays put rather than fading in again.
    if (!app.dom.afterBoot) kit.fadeIn([emblem, t1, t2, t3], 0, 10);
    // A game with several scenarios lets the player pick one (a class link has fixed it).
    const choices = session.choices;
    let pickY = 590;
    // Which scenario and who plays share a row when both are offered.
    const twoPickers = choices.length > 1 && !app.classMode && twoSides;
    const scenarioY = pickY;
    if (choices.length > 1 && !app.classMode && !twoPickers) pickY += 60;

    const menu = app.dom.group(kit.root, 'Start', 'div', 'title-menu');
    const seed = freshSeed();
    const cls = app.classMode;
    const startRun = (seedText: string) => {
      if (cls) {
        const problem = app.startClassRun(cls);
        if (problem) app.dom.announce(problem);
        return;
      }
      const problem = app.startAs(seedText, app.playMode);
      if (problem) app.dom.announce(problem);
    };
    const saved = Session.saved();
    const resumable = saved && 'save' in saved && !saved.save.ended ? saved.save : null;
    if (saved && 'problem' in saved) app.notice ??= saved.problem;
    const history = loadHistory();
    const press: Record<MenuKey, () => void> = {
      newRun: () => startRun(seed),
      classRun: () => startRun(cls!.seed),
      continue: () => {
        const problem = session.resume(resumable!.record, resumable!.branch);
        if (problem) this.showNotice(kit, `The last run cannot be continued: ${problem}`);
        else app.showRun();
      },
      seeded: () => void this.askSeed(),
      replay: () => void app.openCodeDialog(SceneKeys.Title),
      runs: () => app.go(SceneKeys.Runs),
      sources: () => app.go(SceneKeys.Sources, { back: SceneKeys.Title }),
      settings: () => app.go(SceneKeys.Settings, { back: SceneKeys.Title }),
      teachers: () => app.go(SceneKeys.Classroom),
    };
    const r = resumable?.record;
    // The saved run's own scenario: a negotiation counts moves; an earlier version says so.
    const savedScenario = r ? session.find(r.scenario, r.version) : null;
    const savedAtTable = savedScenario !== null && typeof savedScenario !== 'string' && savedScenario.negotiation !== undefined;
    const savedEarlier = r ? isEarlierVersion(session.catalogue, r.scenario, r.version) : false;
    const subs: Partial<Record<MenuKey, string>> = {
      newRun: twoSides && app.playMode !== 'lab' ? `${modeName(app.playMode)} · seed: ${seed}` : `seed: ${seed}`,
      classRun: cls ? `${cls.name || 'your class'} · class seed: ${fitSeed(cls.seed)}` : '',
      continue: r ? `seed ${fitSeed(r.seed)} · ${movesCount(r.choices.length, savedAtTable)} made${savedEarlier ? ` · ${versionTag(r.version, true)}` : ''}${resumable!.branch ? ' · a what-if branch' : ''}` : '',
      runs: history.problem ? 'the history needs attention' : history.runs.length ? `${history.runs.length} finished run${history.runs.length === 1 ? '' : 's'}: replay, branch, export; import a file` : undefined,
    };
    let bottom = 0;
    for (const slot of titleMenu({ classRun: cls !== null, canContinue: resumable !== null })) {
      const b = kit.button(menu, slot.label, slot.bounds, press[slot.key], slot.variant, { data: { action: slot.action } });
      const sub = subs[slot.key] ?? slot.sub;
      if (sub) subLine(kit, b, sub, slot.variant === 'primary' ? color.primarySub : color.muted);
      bottom = Math.max(bottom, slot.bounds.y);
    }
    // After the menu in the tab order; drawn in the left column, under the title.
    if (choices.length > 1 && !app.classMode) {
      const pick = kit.button(menu, `Scenario: ${s.short ? `${s.short.minutes} min` : s.fictional ? 'practice' : s.title}`, { x: twoPickers ? 40 : 60, y: scenarioY, w: twoPickers ? 206 : 380, h: 52 }, () => void this.pickScenario(), 'quiet', { data: { action: 'scenario' } });
      fitWidth(pick.label, twoPickers ? 190 : 360);
      subLine(kit, pick, `${choices.length} scenarios · change`, color.muted);
    }
    if (twoSides) {
      // New and seeded runs are played as shown here; a press opens the picker of who plays.
      const box = twoPickers ? { x: 254, y: pickY, w: 206, h: 52 } : { x: 60, y: pickY, w: 340, h: 50 };
      const side = kit.button(menu, `You play: ${modeName(app.playMode)}`, box, () => void this.pickMode(), 'quiet', { data: { action: 'side', side: app.playMode } });
      fitWidth(side.label, box.w - 16);
      subLine(kit, side, twoPickers ? 'who plays · change' : 'the lab, the Department, or two players · change', color.muted);
      pickY += 60;
    }
    // A game on two devices, kept apart from the run in progress: continue it (your turn, or the link to send).
    const two = twoSides ? Session.saved(TWO_DEVICES_KEY) : null;
    const twoSave = two && 'save' in two && !two.save.ended ? two.save : null;
    if (twoSave) {
      const b = kit.button(menu, 'Your game on two devices', { x: 60, y: pickY, w: 340, h: 50 }, () => {
        const problem = session.resumeTwoDevices(twoSave);
        if (problem) this.showNotice(kit, `The game on two devices cannot be continued: ${problem}`);
        else app.showRun();
      }, 'secondary', { data: { action: 'two-devices' } });
      subLine(kit, b, `seed ${fitSeed(twoSave.record.seed)} · ${movesCount(twoSave.record.choices.length, true)} made`, color.muted);
    }
    // A first-time player is offered the tutorial (a fictional warm-up) under the menu.
    const tutorial = tutorialOf(session.catalogue);
    if (tutorial && !cls && !s.fictional && !resumable && !history.runs.length && !tutorialDone()) {
      bottom += 70;
      const b = kit.button(menu, 'New here? Practise first', { x: 700, y: bottom, w: 440, h: 56 }, () => {
        session.use(tutorial);
        const problem = app.startAs(freshSeed(), 'lab');
        if (problem) this.showNotice(kit, problem);
      }, 'secondary', { data: { action: 'tutorial' } });
      subLine(kit, b, 'a fictional warm-up · about 4 minutes · learn the controls', color.gold);
    }
    this.data.set('noticeY', bottom + 56);

    kit.text(kit.root, W / 2, H - 40, TITLE_HINT, { size: 13, color: color.muted, align: 'center' }, 'p', 'hint');
    if (app.notice) {
      this.showNotice(kit, app.notice);
      app.notice = null;
    }
    // A click or focus made on the page's own title while the engine loaded is carried out here.
    app.dom.resumeEarly();
    // For `npm run bench`: the first frame in which the title screen can be used.
    this.game.events.once('postrender', () => requestAnimationFrame(() => performance.mark('red-lines:interactive')));
  }

  /** Offers the scenarios the game has (the newest version of each); the title is drawn again for the one picked. */
  private async pickScenario() {
    const app = appOf(this);
    const session = app.session!;
    const choices = session.choices;
    const i = await app.pick(
      'Choose a scenario',
      'New runs and seeded runs play the scenario you pick. Replays, saved runs and class links always open in their own.',
      choices.map((c) => ({ label: c.title, detail: `${c.subtitle ? `${c.subtitle} · ` : ''}version ${c.version}`, disabled: c === session.scenario })),
    );
    if (i === null) return;
    session.use(choices[i]!);
    app.go(SceneKeys.Title);
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
    const problem = app.startAs(seed, app.playMode);
    if (problem) this.showNotice(this.data.get('kit') as Kit, problem);
  }

  /** Who plays new runs: one side, or two players on one device or two; the title is drawn again. */
  private async pickMode() {
    const app = appOf(this);
    const i = await app.pick(
      'Who plays',
      'New runs and seeded runs are played this way. Two players each read their own briefing and see only their own values until the end.',
      PLAY_MODES.map(([m, label, detail]) => ({ label, detail, disabled: m === app.playMode })),
    );
    if (i === null) return;
    app.playMode = PLAY_MODES[i]![0];
    app.go(SceneKeys.Title);
  }
}

/**
 * A menu button's second line, under its label: its pieces ("seed x · 2 choices made") are twins
 * in the button's description, the separators drawn as decoration and said as written.
 */
function subLine(kit: Kit, b: KitButton, text: string, tone: number) {
  const { x, y, w, h } = b.bounds;
  b.label.setY(y + h / 2 - 9);
  const style = { size: 12, color: tone };
  const about = pieces(kit, b.el, x + w / 2, 0, text.split(' · '), style, { align: 'center', cls: 'desc' });
  const top = y + h / 2 + 12 - about.height / 2;
  for (const o of about.objects) o.setY(top);
  about.el.id = `about-${b.el.dataset.action ?? 'menu'}`;
  b.el.setAttribute('aria-describedby', about.el.id);
}

/** A seed short enough for a button's second line. */
function fitSeed(seed: string): string {
  const chars = [...seed];
  return chars.length > 24 ? `${chars.slice(0, 23).join('')}…` : seed;
}

/** A way to play, in a few words. */
function modeName(mode: PlayMode): string {
  return PLAY_MODES.find(([m]) => m === mode)![1];
}
