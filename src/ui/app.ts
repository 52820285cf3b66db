/**
 * What every scene shares: the DOM layer, the settings, the session, key routing and the Esc
 * menu. Held in the game's registry under "app".
 */
import type * as Phaser from 'phaser';
import scenarioList from 'virtual:scenarios';
import { DomLayer } from './dom.ts';
import { requestFrame, type RenderScheduler } from './render.ts';
import { SceneKeys, type SceneKey } from './keys.ts';
import type { ClassSettings } from '../core/classroom.ts';
import { openCode, type HashCheck, type Opened } from '../core/replay.ts';
import type { Session } from './session.ts';
import { copyText } from './share.ts';
import { loadSettings, saveSettings, textViewOn, type Settings } from './settings.ts';

export interface ScenarioEntry {
  id: string;
  title: string;
  version: number;
  url: string;
}

let askCount = 0;

export class App {
  settings: Settings = loadSettings();
  session: Session | null = null;
  readonly scenarios: ScenarioEntry[] = scenarioList;
  /** Set when the page was opened from a class link: these settings are fixed for the student. */
  classMode: ClassSettings | null = null;
  /** A message to show once on the next screen (a save that failed, a bad link...). */
  notice: string | null = null;
  private keyHandler: ((e: KeyboardEvent) => boolean) | null = null;
  private menu: HTMLDialogElement | null = null;
  game: Phaser.Game | null = null;
  render: RenderScheduler | null = null;

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
    const d = this.dom.make('dialog', { class: 'menu', 'aria-label': 'Menu' });
    this.dom.heading(d, 2, 'Menu');
    const add = (label: string, fn: () => void) => this.dom.button(d, label, () => (d.close(), fn()));
    add('Resume', () => {});
    if (this.session?.running && this.currentScreen() !== SceneKeys.Title) add('Settings', () => this.go(SceneKeys.Settings, { back: this.currentScreen() }));
    else add('Settings', () => this.go(SceneKeys.Settings, { back: SceneKeys.Title }));
    add('Sources and credits', () => this.go(SceneKeys.Sources, { back: this.currentScreen() }));
    add('Back to the title screen', () => this.go(SceneKeys.Title));
    d.addEventListener('close', () => d.remove());
    document.body.append(d);
    this.menu = d;
    d.showModal();
  }

  /** Shows a text to copy by hand (when the clipboard is refused), selected in a read-only box. */
  showText(title: string, note: string, text: string) {
    const d = this.dom.make('dialog', { class: 'menu', 'aria-label': title });
    this.dom.heading(d, 2, title);
    d.append(this.dom.make('p', {}, note));
    const box = this.dom.make('textarea', { readonly: '', rows: '4', 'aria-label': title, spellcheck: 'false' });
    box.value = text;
    d.append(box);
    const close = this.dom.make('button', { type: 'button', class: 'primary' }, 'Done');
    close.addEventListener('click', () => d.close());
    d.append(close);
    d.addEventListener('close', () => d.remove());
    document.body.append(d);
    d.showModal();
    box.select();
  }

  /** Copies text; when the browser refuses, shows it selected in a dialog to copy by hand. Resolves whether it was copied. */
  async copy(text: string, what: string): Promise<boolean> {
    if (await copyText(text)) return true;
    this.showText(what, `Your browser did not allow copying. Select the ${what.toLowerCase()} below and copy it by hand.`, text);
    return false;
  }

  /** Asks a yes/no question; resolves true on yes. */
  confirm(title: string, text: string, yes: string): Promise<boolean> {
    return new Promise((resolve) => {
      const d = this.dom.make('dialog', { class: 'menu', 'aria-label': title, role: 'alertdialog' });
      this.dom.heading(d, 2, title);
      d.append(this.dom.make('p', {}, text));
      let answer = false;
      const ok = this.dom.make('button', { type: 'button', class: 'primary', 'data-confirm': 'yes' }, yes);
      const no = this.dom.make('button', { type: 'button', 'data-confirm': 'no' }, 'Cancel');
      ok.addEventListener('click', () => ((answer = true), d.close()));
      no.addEventListener('click', () => d.close());
      d.append(ok, no);
      d.addEventListener('close', () => (d.remove(), resolve(answer)));
      document.body.append(d);
      d.showModal();
      no.focus();
    });
  }

  /** Offers a list of options in a dialog; resolves the chosen index, or null when cancelled. */
  pick(title: string, note: string, options: { label: string; detail?: string; disabled?: boolean }[]): Promise<number | null> {
    return new Promise((resolve) => {
      const d = this.dom.make('dialog', { class: 'menu pick', 'aria-label': title });
      this.dom.heading(d, 2, title);
      d.append(this.dom.make('p', {}, note));
      let answer: number | null = null;
      options.forEach((o, i) => {
        const b = this.dom.make('button', { type: 'button', 'data-pick': String(i) });
        b.append(this.dom.make('strong', {}, o.label));
        if (o.detail) b.append(this.dom.make('span', { class: 'detail' }, o.detail));
        b.disabled = o.disabled === true;
        b.addEventListener('click', () => ((answer = i), d.close()));
        d.append(b);
      });
      const no = this.dom.make('button', { type: 'button' }, 'Cancel');
      no.addEventListener('click', () => d.close());
      d.append(no);
      d.addEventListener('close', () => (d.remove(), resolve(answer)));
      document.body.append(d);
      d.showModal();
    });
  }

  /** Asks for a replay code and opens it in the viewer; a bad code is explained in the dialog. */
  async openCodeDialog(back: SceneKey) {
    const session = this.session!;
    let opened: Opened | null = null;
    const code = await this.ask('Open a replay code', 'Replay code (it starts with "rl2."; older "rl1." codes work too)', '', (v) => {
      opened = openCode(v, [session.scenario]);
      return opened.ok ? null : opened.message;
    }, 'Watch the replay');
    if (code === null || !opened) return;
    const o = opened as Opened;
    if (o.ok) this.go(SceneKeys.Replay, { record: o.record, expected: expectedHash(o.check), back });
  }

  /** Asks for a line of text in a modal dialog; resolves null when cancelled. */
  ask(title: string, label: string, initial: string, check: (v: string) => string | null, confirm = 'Start'): Promise<string | null> {
    return new Promise((resolve) => {
      const d = this.dom.make('dialog', { class: 'menu ask', 'aria-label': title });
      this.dom.heading(d, 2, title);
      const form = this.dom.make('form', { method: 'dialog' });
      const id = `ask-${++askCount}`;
      const lab = this.dom.make('label', { for: id }, label);
      const input = this.dom.make('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '20000', dir: 'auto' });
      input.value = initial;
      const error = this.dom.make('p', { class: 'error', role: 'alert' });
      const ok = this.dom.make('button', { type: 'submit', class: 'primary' }, confirm);
      const cancel = this.dom.make('button', { type: 'button' }, 'Cancel');
      form.append(lab, input, error, ok, cancel);
      d.append(form);
      let result: string | null = null;
      form.addEventListener('submit', (e) => {
        const problem = check(input.value);
        if (problem) {
          e.preventDefault();
          error.textContent = problem;
          input.setAttribute('aria-invalid', 'true');
          return;
        }
        result = input.value;
      });
      cancel.addEventListener('click', () => d.close());
      d.addEventListener('close', () => {
        d.remove();
        resolve(result);
      });
      document.body.append(d);
      d.showModal();
      input.select();
    });
  }
}

/** The hash a code or file said its run reached (null when it said none). */
export const expectedHash = (c: HashCheck): string | null => (c.status === 'mismatch' ? c.expected : c.status === 'match' ? c.hash : null);

export const appOf = (scene: Phaser.Scene): App => scene.registry.get('app') as App;
