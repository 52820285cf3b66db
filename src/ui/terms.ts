/**
 * Glossary terms where they appear. In a text's DOM twin each term (its first occurrence on the
 * screen) becomes a button inside the sentence: keyboard focus, a tap or a hover shows its
 * definition, and the text view reads and links it in place. On the canvas the term is underlined
 * with dots, and a pointer-only hit area over it shows the same definition; keyboard focus on the
 * twin's button rings that area, so focus is visible on the canvas too. The definition is one
 * panel per screen (role "dialog", named by the term), filled with textContent only.
 */
import * as Phaser from 'phaser';
import { findTerms, type TermView } from '../core/glossary.ts';
import type { GlossaryEntry } from '../core/schema.ts';
import { spoken } from './glyphs.ts';
import type { Kit, TwinText } from './kit.ts';
import { lineHeight, lookOfText, wrapLines } from './measure.ts';
import { color } from './theme.ts';

interface Popup {
  el: HTMLElement;
  title: HTMLElement;
  body: HTMLElement;
  source: HTMLElement;
  owner: HTMLButtonElement | null;
  pinned: boolean;
}

const popups = new WeakMap<HTMLElement, Popup>();
/** Terms already marked on a screen (keyed by the screen's root, or a tab's element): each is marked once there. */
const marked = new WeakMap<HTMLElement, Set<string>>();

/** The screen's definition panel, made on first use. */
function popupOf(kit: Kit): Popup {
  let p = popups.get(kit.root);
  if (p) return p;
  const el = kit.dom.make('div', { class: 'term-pop', role: 'dialog', hidden: '' });
  const title = kit.dom.make('p', { class: 'term-title' });
  const body = kit.dom.make('p', { class: 'term-text' });
  const source = kit.dom.make('p', { class: 'term-source' });
  el.append(title, body, source);
  kit.root.append(el);
  p = { el, title, body, source, owner: null, pinned: false };
  popups.set(kit.root, p);
  // A press anywhere else closes a definition opened by a press; the listener goes with the screen.
  const outside = (e: PointerEvent) => {
    if (!kit.root.isConnected) return removeEventListener('pointerdown', outside, true);
    const target = e.target as Element | null;
    if (p!.el.hidden || p!.el.contains(target) || target?.closest?.('.term, .term-hit')) return;
    hide(p!, true);
  };
  addEventListener('pointerdown', outside, true);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      const owner = p!.owner;
      hide(p!, true);
      owner?.focus();
    }
  });
  return p;
}

function hide(p: Popup, force = false) {
  if (p.pinned && !force) return;
  p.el.hidden = true;
  p.owner?.setAttribute('aria-expanded', 'false');
  p.owner?.closest('.term-row')?.classList.remove('open');
  p.owner = null;
  p.pinned = false;
}

/** Shows a term's definition by its button; in the canvas view beside the term's area, in the text view after its paragraph. */
function show(kit: Kit, p: Popup, b: HTMLButtonElement, term: TermView, area: { x: number; y: number; w: number; h: number } | null) {
  if (p.owner && p.owner !== b) {
    const pinned = p.pinned;
    hide(p, true);
    p.pinned = pinned;
  }
  p.owner = b;
  p.title.textContent = term.term;
  p.body.textContent = term.text;
  p.source.textContent = term.grounding;
  p.el.setAttribute('aria-label', `Glossary: ${term.term}`);
  b.setAttribute('aria-expanded', 'true');
  const textView = kit.dom.app.classList.contains('text-view');
  if (textView || !area) {
    // In the flow, just after the paragraph that holds the term.
    const para = b.closest('.t') ?? b;
    para.after(p.el);
    p.el.style.left = p.el.style.top = p.el.style.width = '';
  } else {
    kit.root.append(p.el);
    const w = 360;
    const x = Math.max(16, Math.min(area.x, 1280 - w - 16));
    const below = area.y + area.h + 8;
    p.el.style.width = `${w}px`;
    p.el.style.left = `${x}px`;
    p.el.style.top = `${below}px`;
    p.el.hidden = false;
    // Above the term when it would run off the bottom of the screen.
    const h = p.el.offsetHeight;
    if (below + h > 712) p.el.style.top = `${Math.max(8, area.y - h - 8)}px`;
  }
  p.el.hidden = false;
  // Shown by a pointer passing over or by focus, it lets clicks through; opened by a press, it takes them.
  p.el.classList.toggle('peek', !p.pinned);
}

/**
 * Marks the glossary's terms in texts already laid out on a screen (each term once per screen).
 * `entries` is the scenario's glossary; `views` its definitions at the reading level.
 */
/** Where a part of a screen that is shown and hidden as one (a debrief tab) keeps its term areas and dots. */
export interface TermHost {
  el: HTMLElement;
  add(o: Phaser.GameObjects.GameObject): unknown;
}

export function markTerms(kit: Kit, texts: readonly TwinText[], entries: readonly GlossaryEntry[] | undefined, views: readonly TermView[], host?: TermHost): void {
  if (!entries?.length) return;
  // Once per screen; a part shown and hidden as one (a debrief tab) is a screen of its own, less
  // what the screen's always-shown texts had marked when the part was first marked.
  const key = host?.el ?? kit.root;
  let done = marked.get(key);
  if (!done) marked.set(key, (done = new Set(host ? (marked.get(kit.root) ?? []) : [])));
  const byId = new Map(views.map((v) => [v.id, v]));
  for (const t of texts) {
    const twin = t.twin;
    if (!twin || !t.visible) continue;
    const whole = spoken(t.whole);
    const spans = findTerms(whole, entries, { skip: done });
    if (!spans.length) continue;
    const areas = canvasAreas(t, entries, new Set(spans.map((s) => s.id)));
    const g = kit.scene.add.graphics().setDepth((t.depth ?? 0) + 1);
    host?.add(g);
    // Rebuild the twin: text, then each term as a button inside the sentence.
    twin.textContent = '';
    let at = 0;
    for (const s of spans) {
      const view = byId.get(s.id);
      if (!view) continue;
      done.add(s.id);
      twin.append(document.createTextNode(whole.slice(at, s.start)));
      const b = kit.dom.make('button', { type: 'button', class: 'term', 'aria-expanded': 'false', 'aria-haspopup': 'dialog', 'data-term': s.id });
      b.textContent = whole.slice(s.start, s.end);
      twin.append(b);
      at = s.end;
      const area = areas.get(s.id) ?? null;
      wire(kit, b, view, area, g, host?.el ?? kit.root);
    }
    twin.append(document.createTextNode(whole.slice(at)));
  }
}

/** Connects a term's button (and its canvas area, if the term is drawn whole on one line) to the definition. */
function wire(kit: Kit, b: HTMLButtonElement, view: TermView, area: { x: number; y: number; w: number; h: number } | null, g: Phaser.GameObjects.Graphics, into: HTMLElement) {
  const p = popupOf(kit);
  const ring = area ? kit.dom.make('span', { class: 'term-hit', 'aria-hidden': 'true', 'data-term': view.id }) : null;
  if (area && ring) {
    // Dots under the term on the canvas.
    g.fillStyle(color.gold, 0.9);
    for (let x = area.x; x < area.x + area.w - 1; x += 4) g.fillRect(x, area.y + area.h - 1, 2, 2);
    ring.style.left = `${area.x - 2}px`;
    ring.style.top = `${area.y - 1}px`;
    ring.style.width = `${area.w + 4}px`;
    ring.style.height = `${area.h + 4}px`;
    into.append(ring);
    ring.addEventListener('pointerenter', () => show(kit, p, b, view, area));
    ring.addEventListener('pointerleave', () => hide(p));
    ring.addEventListener('click', (e) => {
      e.preventDefault();
      if (p.owner === b && p.pinned) hide(p, true);
      else {
        p.pinned = true;
        show(kit, p, b, view, area);
      }
    });
  }
  b.addEventListener('focus', () => {
    ring?.classList.add('focus');
    show(kit, p, b, view, area);
  });
  b.addEventListener('blur', (e) => {
    ring?.classList.remove('focus');
    // Focus moving into the definition keeps it open.
    if (!p.el.contains(e.relatedTarget as Node | null)) hide(p, true);
  });
  b.addEventListener('pointerenter', () => show(kit, p, b, view, area));
  b.addEventListener('pointerleave', () => document.activeElement !== b && hide(p));
  b.addEventListener('click', (e) => {
    e.preventDefault();
    if (p.owner === b && p.pinned) hide(p, true);
    else {
      show(kit, p, b, view, area);
      p.pinned = true;
    }
  });
  b.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && p.owner === b && !p.el.hidden) {
      e.stopPropagation();
      e.preventDefault();
      hide(p, true);
    }
  });
}

/**
 * Where each wanted term is drawn on the canvas, in game coordinates: found line by line in the
 * text as Phaser wrapped it (a term broken across two lines has no area; its button still works).
 */
function canvasAreas(t: TwinText, entries: readonly GlossaryEntry[], wanted: ReadonlySet<string>): Map<string, { x: number; y: number; w: number; h: number }> {
  const out = new Map<string, { x: number; y: number; w: number; h: number }>();
  const look = lookOfText(t);
  const lines = wrapLines(t.text, look);
  if (!lines.length) return out;
  const ctx = document.createElement('canvas').getContext('2d')!;
  ctx.font = look.font;
  const width = (s: string) => ctx.measureText(s).width + (look.letterSpacing ? look.letterSpacing * Math.max(0, s.length - 1) : 0);
  const bounds = t.getBounds();
  const scale = t.width ? bounds.width / t.width : 1;
  const lh = lineHeight(look.font);
  const inner = t.width - look.padX;
  const align = (t.style.align ?? 'left') as string;
  // The same first occurrences as in the twin: found in the lines joined again, then mapped back
  // to a line (an occurrence broken across two lines has no area).
  const starts: number[] = [];
  let joined = '';
  for (const line of lines) {
    starts.push(joined.length);
    joined += `${line} `;
  }
  for (const s of findTerms(joined, entries.filter((e) => wanted.has(e.id)))) {
    const i = starts.findLastIndex((x) => x <= s.start);
    const line = lines[i]!;
    const from = s.start - starts[i]!;
    const to = s.end - starts[i]!;
    if (to > line.length) continue;
    const lw = width(line.trimEnd());
    const shift = align === 'center' ? (inner - lw) / 2 : align === 'right' ? inner - lw : 0;
    const x = bounds.x + ((t.padding.left ?? 0) + shift + width(line.slice(0, from))) * scale;
    const y = bounds.y + ((t.padding.top ?? 0) + i * (lh + look.lineSpacing)) * scale;
    out.set(s.id, { x, y, w: width(line.slice(from, to)) * scale, h: lh * scale });
  }
  return out;
}

/** Forgets which terms a screen has marked, for a screen that draws its text again in place (the Table's next beat). */
export function forgetMarks(kit: Kit): void {
  marked.delete(kit.root);
  closeTerms(kit);
}

/** Hides a screen's definition panel (a screen change or a click elsewhere). */
export function closeTerms(kit: Kit): void {
  const p = popups.get(kit.root);
  if (p) hide(p, true);
}
