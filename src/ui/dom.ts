/**
 * The accessible DOM layer. Every text and button of a screen exists here too: headings and
 * paragraphs for screen readers, and real <button>s laid exactly over their drawings on the
 * canvas, so mouse, touch, keyboard focus (with a visible ring) and assistive technology all
 * act on the DOM while Phaser only draws. In text view the same elements are the main view.
 * Text is always set with textContent: scenario and user text never becomes HTML.
 */
import { H, W } from './theme.ts';

export interface Bounds {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ButtonOptions {
  bounds?: Bounds;
  /** Shown as pressed/selected (aria-pressed). */
  pressed?: boolean;
  /** An extra description read after the label (aria-describedby). */
  description?: string;
  /** Keep the description just after the button, out of its name (see DomLayer.button). */
  descriptionAfter?: boolean;
  /** Marks the element for tests and styling, e.g. data-choice="hold-both-clauses". */
  data?: Record<string, string>;
  onHover?: (on: boolean) => void;
  disabled?: boolean;
}

type Parent = HTMLElement;

export class DomLayer {
  readonly app: HTMLElement;
  readonly root: HTMLElement;
  private live: HTMLElement;
  private ids = 0;
  /** The page's own title screen (index.html and src/ui/boot.ts), until the first screen replaces it. */
  private boot: HTMLElement | null;
  /** What was done on the page's own title before the first screen: a button pressed, a button focused. */
  private early: { pending: string | null; focus: string | null } | null = null;
  /** Whether the current screen is the first one, built over the page's own title. */
  afterBoot = false;

  constructor(app: HTMLElement, root: HTMLElement) {
    this.app = app;
    this.root = root;
    this.boot = root.querySelector<HTMLElement>(':scope > .boot');
    this.live = this.make('div', { role: 'status', 'aria-live': 'polite', class: 'sr' });
    document.body.append(this.live);
    addEventListener('resize', () => this.fit());
  }

  /**
   * The line that says how loading goes: the page's own title screen's while it shows (it stays,
   * and its menu stays usable), else a loading screen's. Returns what sets its words; a problem
   * is marked as an error and the early menu, which can no longer work, is removed.
   */
  loading(key: string): (text: string, problem?: boolean) => void {
    let line = this.boot?.querySelector<HTMLElement>('.boot-status') ?? null;
    if (line) this.app.dataset.screen = key;
    else {
      line = this.make('p', { class: 't', role: 'status' }, 'Loading Red Lines…');
      this.screen(key, 'Loading').append(line);
    }
    const el = line;
    return (text, problem = false) => {
      el.textContent = text;
      if (problem) {
        el.classList.add('error');
        this.root.querySelector('.boot-menu')?.remove();
      }
    };
  }

  /** Starts a new screen: clears the layer and names the screen on the root element. */
  screen(key: string, label: string): HTMLElement {
    this.afterBoot = this.boot !== null;
    if (this.boot) {
      const focused = document.activeElement;
      this.early = {
        pending: this.boot.dataset.pending ?? null,
        focus: focused instanceof HTMLElement && this.boot.contains(focused) ? (focused.dataset.action ?? null) : null,
      };
      this.boot = null;
    }
    const changed = this.app.dataset.screen !== key;
    this.app.dataset.screen = key;
    this.root.replaceChildren();
    this.root.setAttribute('aria-label', label);
    // A new screen starts at its top, as a new page does: in the text view (a phone), the page
    // would otherwise keep the scroll of the screen before (where its button was pressed) and
    // open the next one part-way down. (The same screen after a move: App.afterMove.)
    if (changed) window.scrollTo(0, 0);
    const section = this.make('section', { class: 'screen', 'aria-label': label });
    this.root.append(section);
    this.fit();
    return section;
  }

  /**
   * Carries out on the screen just built (the title) what was done on the page's own title while
   * the engine loaded: presses the button pressed then (the same action, by the screen's own
   * handler), or focuses the button that had the focus.
   */
  resumeEarly() {
    const e = this.early;
    this.early = null;
    if (!e) return;
    const find = (action: string) => this.root.querySelector<HTMLElement>(`[data-action="${CSS.escape(action)}"]`);
    const pressed = e.pending ? find(e.pending) : null;
    if (pressed) {
      // After this frame: the screen is built and drawn before the press switches it.
      setTimeout(() => pressed.click(), 0);
    } else if (e.focus) find(e.focus)?.focus();
  }

  make<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  }

  heading(parent: Parent, level: 1 | 2 | 3, text: string, cls = ''): HTMLElement {
    const el = this.make(`h${level}`, { class: `t ${cls}`.trim() }, text);
    parent.append(el);
    return el;
  }

  text(parent: Parent, text: string, cls = ''): HTMLElement {
    const el = this.make('p', { class: `t ${cls}`.trim() }, text);
    parent.append(el);
    return el;
  }

  group(parent: Parent, label: string, tag: 'section' | 'div' | 'ul' | 'ol' = 'section', cls = ''): HTMLElement {
    const el = this.make(tag, { class: cls, 'aria-label': label });
    if (tag === 'section' || tag === 'div') el.setAttribute('role', tag === 'section' ? 'region' : 'group');
    parent.append(el);
    return el;
  }

  item(list: Parent, text: string, cls = ''): HTMLElement {
    const li = this.make('li', { class: `t ${cls}`.trim() }, text);
    list.append(li);
    return li;
  }

  button(parent: Parent, label: string, onPress: () => void, opts: ButtonOptions = {}): HTMLButtonElement {
    const b = this.make('button', { type: 'button', class: 'hit' });
    const span = this.make('span', { class: 't label' }, label);
    b.append(span);
    // With `descriptionAfter`, the description is kept just after the button: the button holds
    // (and is named by) its short label alone, and the longer text is read as its description.
    // Otherwise the description is inside the button, part of its name.
    let d: HTMLElement | null = null;
    if (opts.description) {
      const id = `d${++this.ids}`;
      d = this.make('span', { class: 't desc', id }, opts.description);
      if (!opts.descriptionAfter) b.append(d);
      b.setAttribute('aria-describedby', id);
    }
    if (opts.pressed !== undefined) b.setAttribute('aria-pressed', String(opts.pressed));
    for (const [k, v] of Object.entries(opts.data ?? {})) b.dataset[k] = v;
    if (opts.bounds) place(b, opts.bounds);
    if (opts.disabled) b.disabled = true;
    b.addEventListener('click', (e) => {
      e.preventDefault();
      onPress();
    });
    if (opts.onHover) {
      const hover = opts.onHover;
      b.addEventListener('pointerenter', () => hover(true));
      b.addEventListener('pointerleave', () => hover(false));
      b.addEventListener('focus', () => hover(true));
      b.addEventListener('blur', () => hover(false));
    }
    parent.append(b);
    if (d && opts.descriptionAfter) b.after(d);
    return b;
  }

  /** Says something to screen readers without moving focus. */
  announce(text: string) {
    this.live.textContent = '';
    // A separate task, so the same message twice is read twice.
    setTimeout(() => (this.live.textContent = text), 30);
  }

  /** Scales the layer over the canvas so that game coordinates are CSS pixels of the layer. */
  fit() {
    const canvas = this.app.querySelector('canvas');
    if (!canvas || this.app.classList.contains('text-view')) {
      // The text view flows with the window: drop every bit of the canvas view's geometry.
      this.root.style.transform = '';
      this.root.style.width = '';
      this.root.style.height = '';
      return;
    }
    const r = canvas.getBoundingClientRect();
    const a = this.app.getBoundingClientRect();
    const s = r.width / W;
    this.root.style.width = `${W}px`;
    this.root.style.height = `${H}px`;
    this.root.style.transform = `translate(${r.left - a.left}px, ${r.top - a.top}px) scale(${s})`;
  }
}

export function place(el: HTMLElement, b: Bounds) {
  el.style.left = `${b.x}px`;
  el.style.top = `${b.y}px`;
  el.style.width = `${b.w}px`;
  el.style.height = `${b.h}px`;
}
