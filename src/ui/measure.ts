/**
 * One text measurer for every screen: a single offscreen 2D canvas context, and Phaser's own
 * layout rules (its word wrap, its line height from the font's measured box, its per-line width
 * rounding and padding), so a size measured here is the size a Phaser Text with that style gets,
 * without making, rendering and uploading a throw-away Text to find out. Trimming a text to a width
 * or a height searches for the longest part that fits (binary search) and sets the text once.
 */
import * as Phaser from 'phaser';

/** What decides the size of a text: the canvas font string and the Text's spacing, padding and wrap. */
export interface TextLook {
  font: string;
  letterSpacing: number;
  lineSpacing: number;
  padX: number;
  padY: number;
  /** Word-wrap width (0: no wrap). */
  wrap: number;
  advancedWrap: boolean;
}

export interface TextSize {
  width: number;
  height: number;
  lines: number;
}

/** Phaser's TextStyle.testString, spelled as its source spells it: the line height is the height of its ink. */
const TEST_STRING = '|M\u00c3\u2030qgy';
const SPLIT = /(?:\r\n|\r|\n)/;

let ctx: CanvasRenderingContext2D | null = null;
const lineHeights = new Map<string, number>();

function context(font: string): CanvasRenderingContext2D {
  if (!ctx) {
    ctx = document.createElement('canvas').getContext('2d')!;
    // A font that loads later measures differently: forget the old line heights then.
    document.fonts?.addEventListener('loadingdone', () => lineHeights.clear());
  }
  if (ctx.font !== font) ctx.font = font;
  return ctx;
}

/** The height of one line in a font, as Phaser measures it (cached per font string). */
export function lineHeight(font: string): number {
  let h = lineHeights.get(font);
  if (h === undefined) {
    const m = context(font).measureText(TEST_STRING);
    h = m.actualBoundingBoxAscent + m.actualBoundingBoxDescent;
    lineHeights.set(font, h);
  }
  return h;
}

type Padding = { x?: number; y?: number; left?: number; right?: number; top?: number; bottom?: number };

/** The look of a Phaser text style object (as the kit makes them). */
export function lookOfStyle(s: Phaser.Types.GameObjects.Text.TextStyle): TextLook {
  const size = typeof s.fontSize === 'number' ? `${s.fontSize}px` : (s.fontSize ?? '16px');
  const p = (s.padding ?? {}) as Padding;
  const left = p.x ?? p.left ?? 0;
  const top = p.y ?? p.top ?? 0;
  const ext = s as { letterSpacing?: number; lineSpacing?: number };
  return {
    font: [s.fontStyle ?? '', size, s.fontFamily ?? 'Courier'].join(' ').trim(),
    letterSpacing: ext.letterSpacing ?? 0,
    lineSpacing: ext.lineSpacing ?? 0,
    padX: left + (p.x ?? p.right ?? left),
    padY: top + (p.y ?? p.bottom ?? top),
    wrap: s.wordWrap?.width ?? 0,
    advancedWrap: s.wordWrap?.useAdvancedWrap ?? false,
  };
}

/** The look of an existing Phaser Text. */
export function lookOfText(t: Phaser.GameObjects.Text): TextLook {
  const st = t.style;
  return {
    font: [st.fontStyle, st.fontSize, st.fontFamily].join(' ').trim(),
    letterSpacing: t.letterSpacing,
    lineSpacing: t.lineSpacing,
    padX: (t.padding.left ?? 0) + (t.padding.right ?? 0),
    padY: (t.padding.top ?? 0) + (t.padding.bottom ?? 0),
    wrap: st.wordWrapWidth ?? 0,
    advancedWrap: st.wordWrapUseAdvanced,
  };
}

function lineWidth(c: CanvasRenderingContext2D, line: string, spacing: number): number {
  if (spacing === 0) return c.measureText(line).width;
  // As Phaser draws spaced text: glyph by glyph (UTF-16 unit by unit), plus the spacing between them.
  let w = 0;
  for (let i = 0; i < line.length; i++) w += c.measureText(line[i]!).width;
  return w + (line.length > 1 ? spacing * (line.length - 1) : 0);
}

/** The lines a text wraps into, by Phaser's own word wrap. */
export function wrapLines(text: string, look: TextLook): string[] {
  const c = context(look.font);
  let out = text;
  if (look.wrap) {
    // Phaser's wrap reads only these two fields of the Text it runs on.
    const self = { splitRegExp: SPLIT, letterSpacing: look.letterSpacing } as unknown as Phaser.GameObjects.Text;
    const proto = Phaser.GameObjects.Text.prototype;
    out = (look.advancedWrap ? proto.advancedWordWrap : proto.basicWordWrap).call(self, text, c, look.wrap);
  }
  return out.split(SPLIT);
}

/** The size a Phaser Text of this look and text has. */
export function measure(text: string, look: TextLook): TextSize {
  const lines = wrapLines(text, look);
  const c = context(look.font);
  let width = 0;
  for (const l of lines) width = Math.max(width, Math.ceil(lineWidth(c, l, look.letterSpacing)));
  const n = lines.length;
  const height = lineHeight(look.font) * n + (n > 1 ? look.lineSpacing * (n - 1) : 0);
  return { width: width + look.padX, height: height + look.padY, lines: n };
}

/** The largest k in [lo, hi] for which ok(k) holds, assuming ok is true up to some k and false after; lo if none. */
function largest(lo: number, hi: number, ok: (k: number) => boolean): number {
  let best = lo;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** A one-line text as it fits a width: itself, or its longest start that fits followed by an ellipsis. */
export function fitLine(text: string, look: TextLook, max: number): string {
  if (measure(text, look).width <= max) return text;
  const chars = Array.from(text);
  if (chars.length < 2) return text;
  const cut = (k: number) => `${chars.slice(0, k).join('').trimEnd()}…`;
  return cut(largest(1, chars.length - 1, (k) => measure(cut(k), look).width <= max));
}

/** A wrapped text as it fits a height: itself, or its first words that fit followed by an ellipsis. */
export function fitLines(text: string, look: TextLook, max: number): string {
  if (measure(text, look).height <= max) return text;
  const words = text.split(' ');
  if (words.length < 2) return text;
  const cut = (k: number) => `${words.slice(0, k).join(' ').replace(/[,;:.]$/, '')}…`;
  return cut(largest(1, words.length - 1, (k) => measure(cut(k), look).height <= max));
}
