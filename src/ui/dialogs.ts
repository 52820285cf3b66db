/**
 * The game's dialogs: the Esc menu, a text to copy by hand, a yes/no question, a list to pick
 * from, a line of text to type (and the replay code dialog built on it). They are modal DOM
 * <dialog>s over whatever screen shows, in both views; not drawn on the canvas, so they have no
 * canvas twin. Text is set with textContent: scenario and user text never becomes HTML.
 */
import { drawQr } from './qr.ts';
import type { DomLayer } from './dom.ts';
import { openCode, type Opened } from '../core/replay.ts';
import type { Scenario } from '../core/schema.ts';

let askCount = 0;

/** Adds a dialog to the page, removes it when it closes, and shows it as a modal. */
function show(d: HTMLDialogElement, onClose?: () => void) {
  d.addEventListener('close', () => (d.remove(), onClose?.()));
  document.body.append(d);
  d.showModal();
}

/** The Esc menu: a button per item; each closes the menu, then acts. */
export function menuDialog(dom: DomLayer, items: [label: string, act: () => void][]): HTMLDialogElement {
  const d = dom.make('dialog', { class: 'menu', 'aria-label': 'Menu' });
  dom.heading(d, 2, 'Menu');
  for (const [label, act] of items) dom.button(d, label, () => (d.close(), act()));
  show(d);
  return d;
}

/** Shows a text to copy by hand (when the clipboard is refused), selected in a read-only box. */
/**
 * A large QR code of a link or code in a modal dialog, to project to a class or scan from a
 * screen: the code drawn on a canvas, and the same text written out under it.
 */
export function showQr(dom: DomLayer, title: string, note: string, text: string) {
  const d = dom.make('dialog', { class: 'menu qr', 'aria-label': title });
  dom.heading(d, 2, title);
  d.append(dom.make('p', {}, note));
  const canvas = dom.make('canvas', { role: 'img', 'aria-label': `QR code of: ${text}`, 'data-qr': text });
  drawQr(canvas, text, Math.min(520, Math.floor(Math.min(innerWidth, innerHeight) * 0.6)));
  d.append(canvas);
  d.append(dom.make('p', { class: 'qr-text' }, text));
  const close = dom.make('button', { type: 'button', class: 'primary' }, 'Done');
  close.addEventListener('click', () => d.close());
  d.append(close);
  show(d);
  close.focus();
}

export function showText(dom: DomLayer, title: string, note: string, text: string) {
  const d = dom.make('dialog', { class: 'menu', 'aria-label': title });
  dom.heading(d, 2, title);
  d.append(dom.make('p', {}, note));
  const box = dom.make('textarea', { readonly: '', rows: '4', 'aria-label': title, spellcheck: 'false' });
  box.value = text;
  d.append(box);
  const close = dom.make('button', { type: 'button', class: 'primary' }, 'Done');
  close.addEventListener('click', () => d.close());
  d.append(close);
  show(d);
  box.select();
}

/** Asks a yes/no question; resolves true on yes. */
export function confirm(dom: DomLayer, title: string, text: string, yes: string): Promise<boolean> {
  return new Promise((resolve) => {
    const d = dom.make('dialog', { class: 'menu', 'aria-label': title, role: 'alertdialog' });
    dom.heading(d, 2, title);
    d.append(dom.make('p', {}, text));
    let answer = false;
    const ok = dom.make('button', { type: 'button', class: 'primary', 'data-confirm': 'yes' }, yes);
    const no = dom.make('button', { type: 'button', 'data-confirm': 'no' }, 'Cancel');
    ok.addEventListener('click', () => ((answer = true), d.close()));
    no.addEventListener('click', () => d.close());
    d.append(ok, no);
    show(d, () => resolve(answer));
    no.focus();
  });
}

/** Offers a list of options in a dialog; resolves the chosen index, or null when cancelled. */
export function pick(dom: DomLayer, title: string, note: string, options: { label: string; detail?: string; disabled?: boolean }[]): Promise<number | null> {
  return new Promise((resolve) => {
    const d = dom.make('dialog', { class: 'menu pick', 'aria-label': title });
    dom.heading(d, 2, title);
    d.append(dom.make('p', {}, note));
    let answer: number | null = null;
    options.forEach((o, i) => {
      const b = dom.make('button', { type: 'button', 'data-pick': String(i) });
      b.append(dom.make('strong', {}, o.label));
      if (o.detail) b.append(dom.make('span', { class: 'detail' }, o.detail));
      b.disabled = o.disabled === true;
      b.addEventListener('click', () => ((answer = i), d.close()));
      d.append(b);
    });
    const no = dom.make('button', { type: 'button' }, 'Cancel');
    no.addEventListener('click', () => d.close());
    d.append(no);
    show(d, () => resolve(answer));
  });
}

/** Asks for a line of text in a modal dialog; `check` returns a problem to show (the dialog stays open) or null; resolves null when cancelled. */
export function ask(dom: DomLayer, title: string, label: string, initial: string, check: (v: string) => string | null, confirmLabel = 'Start'): Promise<string | null> {
  return new Promise((resolve) => {
    const d = dom.make('dialog', { class: 'menu ask', 'aria-label': title });
    dom.heading(d, 2, title);
    const form = dom.make('form', { method: 'dialog' });
    const id = `ask-${++askCount}`;
    const lab = dom.make('label', { for: id }, label);
    const input = dom.make('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '20000', dir: 'auto' });
    input.value = initial;
    const error = dom.make('p', { class: 'error', role: 'alert' });
    const ok = dom.make('button', { type: 'submit', class: 'primary' }, confirmLabel);
    const cancel = dom.make('button', { type: 'button' }, 'Cancel');
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
    show(d, () => resolve(result));
    input.select();
  });
}

/** Asks for a replay code; a bad one is explained in the dialog, which stays open. Resolves the opened code, or null when cancelled. */
export async function askReplayCode(dom: DomLayer, scenarios: readonly Scenario[]): Promise<Extract<Opened, { ok: true }> | null> {
  let opened: Opened | null = null;
  const code = await ask(dom, 'Open a replay code', 'Replay code (it starts with "rl3."; older "rl2." and "rl1." codes work too)', '', (v) => {
    opened = openCode(v, scenarios);
    return opened.ok ? null : opened.message;
  }, 'Watch the replay');
  const o = opened as Opened | null;
  return code !== null && o?.ok ? o : null;
}
