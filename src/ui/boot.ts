/**
 * The page's own title screen, shown before the engine is loaded: index.html carries the title,
 * the subtitle and a loading line; this adds the title menu's buttons (from src/ui/menu.ts, the
 * list the Title scene draws), where the Title scene will draw them. A button pressed while the
 * engine loads is remembered (data-pending) and pressed again on the Title screen once it is
 * built (DomLayer.resumeEarly), so it starts the same flow. No Phaser here.
 */
import { titleMenu } from './menu.ts';
import { loadSettings, textViewOn } from './settings.ts';

/** Adds the menu to the page's title screen, unless the address opens another screen (a class link, a replay, a seed). */
export function showBoot(root: HTMLElement): void {
  const boot = root.querySelector<HTMLElement>('#a11y > .boot');
  if (!boot) return;
  // Laid out as the text view is (a column) where the game will choose the text view; else as the canvas title.
  const flow = () => {
    if (!boot.isConnected) removeEventListener('resize', flow);
    else boot.classList.toggle('flow', textViewOn(loadSettings(), true));
  };
  flow();
  addEventListener('resize', flow);
  const q = new URLSearchParams(location.search);
  if (q.has('class') || q.has('replay') || q.has('seed')) return;
  const stage = boot.querySelector<HTMLElement>('.boot-stage') ?? boot;
  const menu = document.createElement('div');
  menu.className = 'boot-menu';
  menu.setAttribute('role', 'group');
  menu.setAttribute('aria-label', 'Start');
  const note = document.createElement('p');
  note.className = 'boot-note';
  note.setAttribute('aria-live', 'polite');
  const buttons: HTMLButtonElement[] = [];
  for (const slot of titleMenu({ classRun: false, canContinue: false })) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `boot-button ${slot.variant}`;
    b.dataset.action = slot.action;
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = slot.label;
    b.append(label);
    const sub = slot.sub ?? slot.description;
    if (sub) {
      const s = document.createElement('span');
      s.className = slot.sub ? 'sub' : 'sub sr';
      s.textContent = sub;
      b.append(s);
    }
    const { x, y, w, h } = slot.bounds;
    for (const [k, v] of Object.entries({ x, y, w, h })) b.style.setProperty(`--${k}`, String(v));
    b.addEventListener('click', () => {
      boot.dataset.pending = slot.action;
      for (const o of buttons) o.classList.toggle('queued', o === b);
      note.textContent = `${slot.label.replace(/…$/, '')}: as soon as the game has loaded.`;
    });
    buttons.push(b);
    menu.append(b);
  }
  stage.append(menu, note);
}
