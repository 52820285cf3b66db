/**
 * What every scene shares: the DOM layer, the settings, the session, key routing and the Esc
 * menu. Held in the game's registry under "app".
 */
import type * as Phaser from 'phaser';
import { DomLayer } from './dom.ts';
import { requestFrame } from './render.ts';
import { SceneKeys, type SceneKey } from './keys.ts';
import type { ClassSettings } from '../core/classroom.ts';
import type { HashCheck } from '../core/replay.ts';
import { ask, askReplayCode, confirm, menuDialog, pick, showQr, showText } from './dialogs.ts';
import type { ChoiceOutcome, Session, Side } from './session.ts';
import { copyText } from './share.ts';
import { loadSettings, saveSettings, textViewOn, type Settings } from './settings.ts';
import type { PlayMode } from './words.ts';
import { glossaryView } from '../core/glossary.ts';
import type { Kit, TwinText } from './kit.ts';
import { markTerms, type TermHost } from './terms.ts';


export class App {
  settings: Settings = loadSettings();
  session: Session | null = null;
  /** Set when the page was opened from a class link: these settings are fixed for the student. */
  classMode: ClassSettings | null = null;
  /** Who plays new runs (the title screen's choice, or a link's ?side=). */
  playMode: PlayMode = 'lab';
  /** A message to show once on the next screen (a save that failed, a bad link...). */
  notice: string | null = null;
  private keyHandler: ((e: KeyboardEvent) => boolean) | null = null;
  private menu: HTMLDialogElement | null = null;
  game: Phaser.Game | null = null;

  constructor(
    readonly dom: DomLayer,
    readonly webgl: boolean,
  ) {
    addEventListener('keydown', (e) => this.onKey(e));
    this.applyView();
    addEventListener('resize', () => this.applyView());
  }

  /** Sets what the current screen does with keys; Esc is the menu's unless the screen takes it. */
  keys(handler: ((e: KeyboardEvent) => boolean) | null) {
    this.keyHandler = handler;
  }

  private onKey(e: KeyboardEvent) {
    if (document.querySelector('dialog[open]')) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
    if (this.keyHandler?.(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Escape' && this.game) {
      e.preventDefault();
      this.openMenu();
    }
  }

  go(key: SceneKey, data?: object) {
    const game = this.game!;
    this.keys(null);
    for (const s of game.scene.getScenes(true)) if (s.scene.key !== key) game.scene.stop(s.scene.key);
    game.scene.start(key, data);
    // The scene manager switches scenes on the loop's next step.
    requestFrame();
  }

  /**
   * Where the game goes after a move (`was`: the side that made it): the ending; in a game of two
   * players, when the side to move changed, the hand-over screen (one device) or the turn link to
   * send (two devices, and also at its end); a new phase; or `same`, the same screen again.
   */
  afterMove(out: ChoiceOutcome, was: Side | null, data: { fresh?: string[]; before?: Record<string, number> }, same: () => void) {
    const s = this.session!;
    if (s.pair && s.seat && (out.ended || s.toMove !== s.seat.mine)) {
      this.go(SceneKeys.Send);
      return;
    }
    if (s.pair && !s.seat && !out.ended && s.toMove !== was && s.toMove !== null) {
      this.go(SceneKeys.Handover, { to: s.toMove, next: out.phaseChanged ? SceneKeys.Phase : SceneKeys.Table, nextData: data });
      return;
    }
    if (out.ended) this.go(SceneKeys.Ending, { before: data.before });
    else if (out.phaseChanged) this.go(SceneKeys.Phase, data);
    else {
      // The same screen with the next round or beat: read from its top, as a new screen is.
      window.scrollTo(0, 0);
      same();
    }
  }

  /**
   * Starts a new run of the scenario played now, as `mode` says, and shows its first screen: the
   * briefing; for two players on one device, a hand-over before each side's own briefing. Returns
   * why the seed cannot be used, or null.
   */
  startAs(seedText: string, mode: PlayMode): string | null {
    const s = this.session!;
    const links = mode === 'links:lab' || mode === 'links:department';
    const mine = mode === 'links:department' ? 'department' : 'lab';
    const problem =
      mode === 'lab' || mode === 'department'
        ? s.start(seedText, s.scenario, null, mode)
        : s.start(seedText, s.scenario, null, 'pair', links ? { mine, base: 0 } : null);
    if (problem) return problem;
    if (mode === 'pair') {
      // The lab reads its briefing, hands over; the Department reads its own, hands back; the talks begin.
      const toLab = { scene: SceneKeys.Handover, data: { to: 'lab', next: SceneKeys.Phase } };
      const deptBriefing = { to: 'department', next: SceneKeys.Briefing, nextData: { side: 'department', begin: toLab } };
      this.go(SceneKeys.Handover, { to: 'lab', next: SceneKeys.Briefing, nextData: { side: 'lab', begin: { scene: SceneKeys.Handover, data: deptBriefing } } });
    } else if (mode === 'links:department') {
      // The lab moves first: the Department's player reads its briefing, then sends the first link.
      this.go(SceneKeys.Briefing, { side: 'department', begin: { scene: SceneKeys.Send } });
    } else this.go(SceneKeys.Briefing, links ? { side: 'lab' } : {});
    return null;
  }

  /**
   * Starts the class's run on the class seed, as the class link says: one side (against the
   * class's agent, if it fixed one), or a pair on one device or on two (the student who opens the
   * link plays the lab and sends the first turn to their partner). Returns a problem, or null.
   */
  startClassRun(c: ClassSettings): string | null {
    const s = this.session!;
    if (c.side === 'pair') return this.startAs(c.seed, 'pair');
    if (c.side === 'links') return this.startAs(c.seed, 'links:lab');
    const problem = s.start(c.seed, s.scenario, c.opponent, c.side ?? 'lab');
    if (!problem) this.go(SceneKeys.Briefing);
    return problem;
  }

  /**
   * Shows a run just resumed, opened or branched, where its player takes it up: the ending; on two
   * devices the table when it is this device's turn, else the turn link to send; two players on one
   * device pass it to the side to move first; otherwise the table.
   */
  showRun() {
    const s = this.session!;
    if (s.done) this.go(SceneKeys.Ending);
    else if (s.seat) this.go(s.toMove === s.seat.mine ? SceneKeys.Table : SceneKeys.Send);
    else if (s.pair && s.toMove) this.go(SceneKeys.Handover, { to: s.toMove, next: SceneKeys.Table });
    else this.go(SceneKeys.Table);
  }

  /** Marks the scenario's glossary terms in texts of a screen (each term once per screen). */
  markTerms(kit: Kit, ...texts: TwinText[]) {
    this.markTermsIn(kit, undefined, ...texts);
  }

  /** The same, for texts in a part shown and hidden as one (a debrief tab): their term areas and dots go with it. */
  markTermsIn(kit: Kit, host: TermHost | undefined, ...texts: TwinText[]) {
    const s = this.session?.scenario;
    if (s?.glossary?.length) markTerms(kit, texts, s.glossary, glossaryView(s, this.settings.level), host);
  }

  currentScreen(): string {
    return this.dom.app.dataset.screen ?? '';
  }

  /** Enters class mode: the class's reading level applies (without changing the saved settings). */
  joinClass(c: ClassSettings) {
    this.classMode = c;
    this.settings.level = c.level;
  }

  saveSettings() {
    const problem = saveSettings(this.classMode ? { ...this.settings, level: loadSettings().level } : this.settings);
    if (problem) this.dom.announce(problem);
    this.applyView();
  }

  get textView(): boolean {
    return textViewOn(this.settings, this.webgl);
  }

  applyView() {
    const on = this.textView;
    this.dom.app.classList.toggle('text-view', on);
    this.dom.app.classList.toggle('canvas-view', !on);
    this.dom.app.dataset.textSize = this.settings.textSize;
    this.dom.fit();
  }

  /** The Esc menu: a modal DOM dialog over whatever screen is showing. */
  openMenu() {
    this.menu?.remove();
    const running = this.session?.running && this.currentScreen() !== SceneKeys.Title;
    this.menu = menuDialog(this.dom, [
      ['Resume', () => {}],
      ['Settings', () => this.go(SceneKeys.Settings, { back: running ? this.currentScreen() : SceneKeys.Title })],
      ['Sources and credits', () => this.go(SceneKeys.Sources, { back: this.currentScreen() })],
      ['Back to the title screen', () => this.go(SceneKeys.Title)],
      ...(this.session?.scenario.glossary?.length ? [['Glossary', () => this.go(SceneKeys.Glossary, { back: this.currentScreen(), backData: {}, kind: 'glossary' })] as [string, () => void]] : []),
    ]);
  }

  /** A large QR code of a link or a code, in a dialog: to project, or to scan from this screen. */
  showQr(title: string, note: string, text: string) {
    showQr(this.dom, title, note, text);
  }

  /** Shows a text to copy by hand (when the clipboard is refused), selected in a read-only box. */
  showText(title: string, note: string, text: string) {
    showText(this.dom, title, note, text);
  }

  /** Copies text; when the browser refuses, shows it selected in a dialog to copy by hand. Resolves whether it was copied. */
  async copy(text: string, what: string): Promise<boolean> {
    if (await copyText(text)) return true;
    this.showText(what, `Your browser did not allow copying. Select the ${what.toLowerCase()} below and copy it by hand.`, text);
    return false;
  }

  /** Asks a yes/no question; resolves true on yes. */
  confirm(title: string, text: string, yes: string): Promise<boolean> {
    return confirm(this.dom, title, text, yes);
  }

  /** Offers a list of options in a dialog; resolves the chosen index, or null when cancelled. */
  pick(title: string, note: string, options: { label: string; detail?: string; disabled?: boolean }[]): Promise<number | null> {
    return pick(this.dom, title, note, options);
  }

  /** Asks for a replay code and opens it in the viewer; a bad code is explained in the dialog. */
  async openCodeDialog(back: SceneKey) {
    // Any scenario and version the game has; the viewer then plays the code's own.
    const session = this.session!;
    const o = await askReplayCode(this.dom, [...session.catalogue]);
    if (!o) return;
    session.use(o.scenario);
    this.go(SceneKeys.Replay, { record: o.record, expected: expectedHash(o.check), back });
  }

  /** Asks for a line of text in a modal dialog; resolves null when cancelled. */
  ask(title: string, label: string, initial: string, check: (v: string) => string | null, confirmLabel = 'Start'): Promise<string | null> {
    return ask(this.dom, title, label, initial, check, confirmLabel);
  }
}

/** The hash a code or file said its run reached (null when it said none). */
export const expectedHash = (c: HashCheck): string | null => (c.status === 'mismatch' ? c.expected : c.status === 'match' ? c.hash : null);

export const appOf = (scene: Phaser.Scene): App => scene.registry.get('app') as App;
