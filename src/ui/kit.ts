/**
 * Widgets that exist twice: drawn on the canvas by Phaser, and mirrored in the accessible DOM
 * layer (headings, paragraphs, buttons laid over their drawings). A scene builds its screen
 * once through a Kit, so nothing is on the canvas without its DOM twin.
 */
import * as Phaser from 'phaser';
import type { Bounds, ButtonOptions, DomLayer } from './dom.ts';
import { fitLine, fitLines, lookOfStyle, lookOfText, measure, type TextSize } from './measure.ts';
import { requestFrame } from './render.ts';
import { reducedMotion, textScale, type Settings } from './settings.ts';
import { color, css, font } from './theme.ts';

export interface TextStyle {
  size?: number;
  color?: number;
  font?: 'ui' | 'prose';
  weight?: 'normal' | 'bold' | '600';
  width?: number;
  align?: 'left' | 'center' | 'right';
  lineSpacing?: number;
  italic?: boolean;
  /** Letter spacing for small caps labels. */
  caps?: boolean;
}

export type DomKind = 'h1' | 'h2' | 'h3' | 'p' | 'li' | 'none';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'choice' | 'tab';

export interface KitButton {
  el: HTMLButtonElement;
  box: Phaser.GameObjects.Graphics;
  label: Phaser.GameObjects.Text;
  bounds: Bounds;
  setSelected(on: boolean): void;
  setHover(on: boolean): void;
}

export class Kit {
  readonly motion: boolean;
  readonly scale: number;
  readonly root: HTMLElement;

  constructor(
    readonly scene: Phaser.Scene,
    readonly dom: DomLayer,
    readonly settings: Settings,
    key: string,
    label: string,
  ) {
    this.motion = !reducedMotion(settings);
    this.scale = textScale(settings);
    this.root = dom.screen(key, label);
    this.backdrop(0);
  }

  /**
   * The table art behind the screen, at an opacity. It is a CSS layer under the transparent
   * canvas, drawn once by the browser rather than every frame by WebGL (where, in software
   * rendering, a full-screen textured quad costs more than the whole rest of a screen).
   */
  backdrop(alpha: number) {
    this.dom.app.style.setProperty('--art', String(alpha));
  }

  /** Phaser text style for a TextStyle. */
  style(s: TextStyle = {}): Phaser.Types.GameObjects.Text.TextStyle {
    const size = Math.round((s.size ?? 16) * this.scale);
    return {
      fontFamily: s.font === 'prose' ? font.prose : font.ui,
      fontSize: `${size}px`,
      fontStyle: [s.italic ? 'italic' : '', s.weight === 'bold' ? 'bold' : s.weight === '600' ? '600' : ''].join(' ').trim() || 'normal',
      color: css(s.color ?? color.text),
      align: s.align ?? 'left',
      lineSpacing: s.lineSpacing ?? Math.round(size * 0.35),
      letterSpacing: s.caps ? 1.5 : 0,
      wordWrap: s.width ? { width: s.width, useAdvancedWrap: true } : undefined,
      // Italic glyphs lean past their advance width; without padding the last one is clipped.
      padding: s.italic ? { left: 1, right: Math.ceil(size * 0.25), top: 1, bottom: 1 } : undefined,
      resolution: Math.min(3, Math.max(1.5, (globalThis.devicePixelRatio ?? 1) * 1.25)),
    } as Phaser.Types.GameObjects.Text.TextStyle;
  }

  /** The size a text would have in a style (measured, nothing drawn). */
  measure(text: string, s: TextStyle = {}): TextSize {
    return measure(s.caps ? text.toUpperCase() : text, lookOfStyle(this.style(s)));
  }

  /** A text on the canvas and its DOM twin. */
  text(parent: HTMLElement | null, x: number, y: number, text: string, s: TextStyle = {}, kind: DomKind = 'p', cls = ''): Phaser.GameObjects.Text {
    const t = this.scene.add.text(x, y, s.caps ? text.toUpperCase() : text, this.style(s));
    if (s.align === 'center') t.setOrigin(0.5, 0);
    if (s.align === 'right') t.setOrigin(1, 0);
    if (parent && kind !== 'none') {
      if (kind === 'li') this.dom.item(parent, text, cls);
      else if (kind === 'p') this.dom.text(parent, text, cls);
      else this.dom.heading(parent, Number(kind[1]) as 1 | 2 | 3, text, cls);
    }
    return t;
  }

  /** A rounded panel (decoration only). */
  panel(x: number, y: number, w: number, h: number, fill: number = color.panel, stroke: number | null = color.line, r = 12) {
    const g = this.scene.add.graphics();
    g.fillStyle(fill, 1).fillRoundedRect(x, y, w, h, r);
    if (stroke !== null) g.lineStyle(1, stroke, 1).strokeRoundedRect(x + 0.5, y + 0.5, w - 1, h - 1, r);
    return g;
  }

  /** A pill label such as a source badge or the HYPOTHETICAL tag; returns its width. */
  pill(x: number, y: number, text: string, fg: number, bg: number, into?: Phaser.GameObjects.GameObject[]): number {
    const t = this.scene.add.text(x + 8, y + 3, text, this.style({ size: 11, color: fg, weight: 'bold', caps: true }));
    const w = t.width + 16;
    const g = this.scene.add.graphics({ x, y });
    g.fillStyle(bg, 1).fillRoundedRect(0, 0, w, t.height + 6, 6);
    g.lineStyle(1, fg, 0.7).strokeRoundedRect(0.5, 0.5, w - 1, t.height + 5, 6);
    t.setDepth(1);
    into?.push(g, t);
    return w;
  }

  /** Source badges (fact ids) or the HYPOTHETICAL tag, drawn and described in the DOM; `x` is their left edge, or their centre with align 'center'. */
  grounding(parent: HTMLElement | null, x: number, y: number, g: { cites: { id: string }[]; hypothetical: boolean }, maxW = 600, align: 'left' | 'center' = 'left'): number {
    let cx = x;
    const made: Phaser.GameObjects.GameObject[] = [];
    if (g.hypothetical) cx += this.pill(cx, y, 'Hypothetical', color.gold, 0x2a2412, made) + 6;
    for (const c of g.cites) {
      if (cx - x > maxW - 40) break;
      cx += this.pill(cx, y, c.id, color.blue, 0x12263b, made) + 4;
    }
    if (align === 'center') for (const o of made as (Phaser.GameObjects.GameObject & { x: number })[]) o.x -= (cx - x) / 2;
    if (parent) {
      const words = [g.hypothetical ? 'Hypothetical: not in the source reports.' : '', g.cites.length ? `Sources: ${g.cites.map((c) => c.id).join(', ')}.` : '']
        .filter(Boolean)
        .join(' ');
      if (words) this.dom.text(parent, words, 'grounding');
    }
    return cx - x;
  }

  /** A button drawn on the canvas, with a real DOM button over it. */
  button(parent: HTMLElement, label: string, b: Bounds, onPress: () => void, variant: ButtonVariant = 'secondary', opts: ButtonOptions & { sub?: string } = {}): KitButton {
    const box = this.scene.add.graphics();
    const size = variant === 'primary' ? 18 : variant === 'tab' ? 14 : 16;
    const labelText = this.scene.add.text(b.x + b.w / 2, b.y + b.h / 2 - (opts.sub ? 9 : 0), label, this.style({ size, weight: variant === 'quiet' || variant === 'tab' ? '600' : 'bold', color: variant === 'primary' ? 0x1a0d0e : color.text })).setOrigin(0.5);
    const sub = opts.sub ? this.scene.add.text(b.x + b.w / 2, b.y + b.h / 2 + 12, opts.sub, this.style({ size: 12, color: variant === 'primary' ? 0x3a1517 : color.muted })).setOrigin(0.5) : null;
    let hover = false;
    let selected = opts.pressed === true;
    const draw = () => {
      requestFrame();
      box.clear();
      const fill =
        variant === 'primary' ? (hover ? 0xff7a7e : 0xff6b6f) : selected ? color.panelHi : hover ? color.panel2 : variant === 'quiet' || variant === 'tab' ? color.bg : color.panel;
      box.fillStyle(fill, 1).fillRoundedRect(b.x, b.y, b.w, b.h, 10);
      const edge = selected ? color.focus : variant === 'primary' ? 0xff9a9d : hover ? 0x55759c : color.line;
      box.lineStyle(selected ? 2 : 1, edge, 1).strokeRoundedRect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1, 10);
      if (variant === 'tab' && selected) box.fillStyle(color.red, 1).fillRect(b.x + 12, b.y + b.h - 3, b.w - 24, 3);
    };
    draw();
    const el = this.dom.button(parent, label, onPress, {
      ...opts,
      bounds: b,
      description: opts.description ?? opts.sub,
      onHover: (on) => {
        hover = on;
        draw();
        opts.onHover?.(on);
      },
    });
    if (opts.disabled) {
      labelText.setAlpha(0.45);
      sub?.setAlpha(0.45);
    }
    return {
      el,
      box,
      label: labelText,
      bounds: b,
      setSelected(on: boolean) {
        selected = on;
        el.setAttribute('aria-pressed', String(on));
        draw();
      },
      setHover(on: boolean) {
        hover = on;
        draw();
      },
    };
  }

  /** A notice (a problem or a piece of news) in a red-edged box, read out as an alert; returns its height. */
  notice(x: number, y: number, w: number, text: string, maxH = 140): number {
    const t = fitHeight(this.scene.add.text(x + 16, y + 12, text, this.style({ size: 13, width: w - 32 })).setDepth(2), maxH - 24);
    const h = t.height + 24;
    this.panel(x, y, w, h, 0x2a1618, color.red, 10).setDepth(1);
    const p = this.dom.make('p', { class: 't notice', role: 'alert' }, text);
    this.root.append(p);
    return h;
  }

  /** Fades objects in unless motion is reduced. */
  fadeIn(targets: Phaser.GameObjects.GameObject[], delay = 0, dy = 8) {
    if (!this.motion) return;
    requestFrame();
    for (const t of targets as (Phaser.GameObjects.GameObject & { alpha: number; y: number })[]) {
      const y = t.y;
      t.alpha = 0;
      t.y = y + dy;
      this.scene.tweens.add({ targets: t, alpha: 1, y, duration: 380, delay, ease: 'Cubic.easeOut' });
    }
  }
}

/** Shortens a one-line text object with an ellipsis until it fits a width (measured, then set once). */
export function fitWidth(t: Phaser.GameObjects.Text, max: number): Phaser.GameObjects.Text {
  if (t.width <= max) return t;
  return t.setText(fitLine(t.text, lookOfText(t), max));
}

/** "2026-03-05" as "Thu 5 Mar 2026" (UTC, so every browser prints the same). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${days[dow]} ${d} ${months[m - 1]} ${y}`;
}

/** Shortens a wrapped text object by words, with an ellipsis, until it is no taller than a height (measured, then set once). */
export function fitHeight(t: Phaser.GameObjects.Text, max: number): Phaser.GameObjects.Text {
  if (t.height <= max) return t;
  return t.setText(fitLines(t.text, lookOfText(t), max));
}

/** Sets a Kit button's label on the canvas and in the DOM. */
export function relabel(b: KitButton, label: string) {
  requestFrame();
  b.label.setText(label);
  const span = b.el.querySelector('.label');
  if (span) span.textContent = label;
}

/** "1 choice", "2 choices". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
