/**
 * A line of pieces (made for the replay viewer, the run history, the odds explorer and the class
 * results): each piece is a kit text whose DOM twin is a span of one element, and the separators
 * between them ("·", "→") are drawn as decoration, with a space between the spans in the DOM. So
 * "Beat 2 of 5 · Phase 1: Talks · Thu 5 Mar 2026" is three texts on the canvas and three spans of
 * one paragraph, each saying the same words, and nothing is said that is not drawn.
 * Also: a glyph beside a kit button's label ("◀ Back"), drawn as decoration.
 */
import type * as Phaser from 'phaser';
import { fitWidth, type Kit, type KitButton, type TextStyle, type TwinText } from './kit.ts';

export interface LineOptions {
  /** The separator drawn between pieces (decoration); default "·". */
  sep?: string;
  /** Flow onto new lines past this width (from x); otherwise one line. */
  wrap?: number;
  /** One line only: trim a piece that crosses this width on the canvas (its twin stays whole). Meant for lines that fit but for a long name. */
  maxW?: number;
  /** 'right': x is the right edge of the line (one line only). */
  align?: 'left' | 'right';
  /** Space around a separator, in pixels; default 8. */
  gap?: number;
}

export interface Line {
  /** The pieces (twinned) and separators (decoration), for fading and destroying. */
  objects: Phaser.GameObjects.GameObject[];
  pieces: TwinText[];
  width: number;
  height: number;
}

/** Draws pieces in a row (or flowing, with `wrap`) and twins each as a span of `el`; returns what it made. */
export function line(kit: Kit, el: HTMLElement | null, x: number, y: number, parts: string[], s: TextStyle, o: LineOptions = {}): Line {
  const sep = o.sep ?? '·';
  const gap = o.gap ?? 8;
  const objects: Phaser.GameObjects.GameObject[] = [];
  const pieces: TwinText[] = [];
  const lh = kit.measure('Ag', s).height;
  let cx = x;
  let cy = y;
  let width = 0;
  parts.forEach((p, i) => {
    let dot: TwinText | null = null;
    if (i > 0) {
      dot = kit.text(null, 0, cy, sep, s, 'none');
      objects.push(dot);
      // A space between the spans, so that a screen reader and the text view keep the words apart.
      el?.append(' ');
    }
    const t = kit.text(el, 0, cy, p, { ...s, align: 'left' }, el ? 'span' : 'none');
    objects.push(t);
    pieces.push(t);
    const dw = dot ? dot.width + gap * 2 : 0;
    if (o.wrap && i > 0 && cx + dw + t.width > x + o.wrap) {
      // The separator ends the line; the piece starts the next.
      cy += lh + 4;
      dot?.setPosition(cx + gap, cy - lh - 4);
      cx = x;
      t.setPosition(cx, cy);
    } else {
      if (dot) {
        dot.setPosition(cx + gap, cy);
        cx += dw;
      }
      t.setPosition(cx, cy);
    }
    if (o.maxW !== undefined && cx + t.width > x + o.maxW) fitWidth(t, Math.max(20, x + o.maxW - cx));
    cx += t.width;
    width = Math.max(width, cx - x);
  });
  if (o.align === 'right') for (const ob of objects as TwinText[]) ob.x -= width;
  return { objects, pieces, width, height: cy - y + lh };
}

/** A glyph beside a kit button's label ("◀ Back", "Forward ▶"), drawn as decoration; returns a function that changes it and the label together. */
export function glyph(kit: Kit, b: KitButton, g: string, side: 'left' | 'right' = 'left'): (label: string, g2?: string) => void {
  // The glyph dims with its label (a disabled button).
  const setAlpha = b.label.setAlpha.bind(b.label);
  b.label.setAlpha = ((a?: number) => (setAlpha(a), mark.setAlpha(a), b.label)) as typeof b.label.setAlpha;
  const s: TextStyle = { size: b.label.style.fontSize ? Math.round(parseInt(String(b.label.style.fontSize), 10) / kit.scale) - 2 : 12, color: Number.parseInt(String(b.label.style.color).slice(1), 16), weight: 'bold' };
  const mark = kit.text(null, 0, 0, g, s, 'none').setOrigin(0.5);
  const cx = b.bounds.x + b.bounds.w / 2;
  const place = () => {
    const gw = mark.width + 8;
    const lw = b.label.width;
    const y = b.label.y;
    if (side === 'left') {
      mark.setPosition(cx - (lw + gw) / 2 + mark.width / 2, y);
      b.label.setX(cx + gw / 2);
    } else {
      b.label.setX(cx - gw / 2);
      mark.setPosition(cx + (lw + gw) / 2 - mark.width / 2, y);
    }
  };
  place();
  return (label: string, g2?: string) => {
    b.label.setText(label);
    if (g2 !== undefined) mark.setText(g2);
    place();
  };
}
