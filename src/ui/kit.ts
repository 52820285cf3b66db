/**
 * Widgets that exist twice: drawn on the canvas by Phaser, and mirrored in the accessible DOM
 * layer (headings, paragraphs, buttons laid over their drawings). Scenes draw only through a Kit:
 * each text is a TwinText, whose changes (setText, setVisible, destroy) reach the canvas and its
 * DOM twin together, so nothing is on the canvas without its DOM twin, or the reverse. The DOM
 * twin says the canvas text in words (glyphs.ts: "Trust ▲" is read "Trust up"). DOM text that
 * describes a drawing in words (source badges, a chart's data) is marked `data-twin="describes"`;
 * canvas text with no words of its own (a bullet) is decoration, with no twin.
 * test/e2e/parity.test.ts checks every screen.
 */
import * as Phaser from 'phaser';
import type { Bounds, ButtonOptions, DomLayer } from './dom.ts';
import { spoken } from './glyphs.ts';
import { fitLine, fitLines, lookOfStyle, lookOfText, measure, type TextSize } from './measure.ts';
import { markDecor } from './probe.ts';
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

/** The DOM twin's element: a heading, a paragraph, a list item, a span (inside a button or a line), or none for decoration. */
export type DomKind = 'h1' | 'h2' | 'h3' | 'p' | 'li' | 'span' | 'none';

/**
 * A text on the canvas and its DOM twin. It is a Phaser Text, so scenes lay it out as one; its
 * setText, setVisible and destroy reach the twin too. With `caps` the canvas shows the text in
 * capitals and the twin keeps its case. A trimmed canvas line (fitWidth, fitHeight) leaves the
 * twin whole.
 */
export class TwinText extends Phaser.GameObjects.Text {
  // `declare`: no field initialisers, which would run after Phaser's constructor has set the text.
  declare twin: HTMLElement | null;
  declare private caps: boolean;
  declare private full: string;

  /** Binds the twin (or none, for decoration) and sets the text on both. */
  bind(twin: HTMLElement | null, caps: boolean, text: string): this {
    this.twin = twin;
    this.caps = caps;
    if (!twin) markDecor(this);
    return this.setText(text);
  }

  override setText(value: string | string[]): this {
    const v = Array.isArray(value) ? value.join('\n') : String(value);
    this.full = v;
    super.setText(this.caps ? v.toUpperCase() : v);
    if (this.twin) this.twin.textContent = spoken(v);
    return this;
  }

  /** The whole text, as set (the canvas may show it trimmed or in capitals). */
  get whole(): string {
    return this.full ?? this.text;
  }

  /** Shows a shortened form on the canvas only: the twin keeps the whole text. */
  showTrimmed(shown: string): this {
    super.setText(shown);
    return this;
  }

  override setVisible(on: boolean): this {
    super.setVisible(on);
    if (this.twin) this.twin.hidden = !on;
    return this;
  }

  override destroy(fromScene?: boolean): void {
    this.twin?.remove();
    super.destroy(fromScene);
  }
}

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'choice' | 'tab';

export interface KitButton {
  el: HTMLButtonElement;
  box: Phaser.GameObjects.Graphics;
  label: TwinText;
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

  /** A text on the canvas and its DOM twin (none with kind 'none': decoration, such as a bullet). */
  text(parent: HTMLElement | null, x: number, y: number, text: string, s: TextStyle = {}, kind: DomKind = 'p', cls = ''): TwinText {
    const t = new TwinText(this.scene, x, y, '', this.style(s));
    this.scene.add.existing(t);
    if (s.align === 'center') t.setOrigin(0.5, 0);
    if (s.align === 'right') t.setOrigin(1, 0);
    let twin: HTMLElement | null = null;
    if (parent && kind !== 'none') {
      const tag = kind === 'li' ? 'li' : kind === 'span' ? 'span' : kind === 'p' ? 'p' : kind;
      twin = this.dom.make(tag, { class: `t ${cls}`.trim() });
      parent.append(twin);
    }
    return t.bind(twin, s.caps === true, text);
  }

  /** Text of the DOM layer that describes a drawing in words (a chart's data, a bar's value); nothing is drawn. */
  describe(parent: HTMLElement, text: string, kind: 'p' | 'li' | 'span' = 'p', cls = ''): HTMLElement {
    const el = this.dom.make(kind, { class: `t ${cls}`.trim(), 'data-twin': 'describes' }, text);
    parent.append(el);
    return el;
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
    // Its words are in the DOM text that describes the badges (grounding), not a twin of its own.
    const t = this.text(null, x + 8, y + 3, text, { size: 11, color: fg, weight: 'bold', caps: true }, 'none');
    t.setData('decor', false);
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
    if (g.hypothetical) cx += this.pill(cx, y, 'Hypothetical', color.gold, color.fillCaution, made) + 6;
    for (const c of g.cites) {
      if (cx - x > maxW - 40) break;
      cx += this.pill(cx, y, c.id, color.blue, color.fillSource, made) + 4;
    }
    if (align === 'center') for (const o of made as (Phaser.GameObjects.GameObject & { x: number })[]) o.x -= (cx - x) / 2;
    if (parent) {
      const words = [g.hypothetical ? 'Hypothetical: not in the source reports.' : '', g.cites.length ? `Sources: ${g.cites.map((c) => c.id).join(', ')}.` : '']
        .filter(Boolean)
        .join(' ');
      if (words) this.describe(parent, words, 'p', 'grounding');
    }
    return cx - x;
  }

  /** A button drawn on the canvas, with a real DOM button over it; its label (and sub-label) are twins of the button's own. */
  button(parent: HTMLElement, label: string, b: Bounds, onPress: () => void, variant: ButtonVariant = 'secondary', opts: ButtonOptions & { sub?: string } = {}): KitButton {
    const box = this.scene.add.graphics();
    const size = variant === 'primary' ? 18 : variant === 'tab' ? 14 : 16;
    let hover = false;
    let selected = opts.pressed === true;
    const draw = () => {
      requestFrame();
      box.clear();
      const fill =
        variant === 'primary' ? (hover ? color.primaryHover : color.primary) : selected ? color.panelHi : hover ? color.panel2 : variant === 'quiet' || variant === 'tab' ? color.bg : color.panel;
      box.fillStyle(fill, 1).fillRoundedRect(b.x, b.y, b.w, b.h, 10);
      const edge = selected ? color.focus : variant === 'primary' ? color.primaryEdge : hover ? color.lineHi : color.line;
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
    const twin = (t: TwinText, span: Element | null, text: string) => t.bind(span as HTMLElement | null, false, text);
    const labelText = twin(
      new TwinText(this.scene, b.x + b.w / 2, b.y + b.h / 2 - (opts.sub ? 9 : 0), '', this.style({ size, weight: variant === 'quiet' || variant === 'tab' ? '600' : 'bold', color: variant === 'primary' ? color.primaryText : color.text })).setOrigin(0.5),
      el.querySelector('.label'),
      label,
    );
    this.scene.add.existing(labelText);
    let sub: TwinText | null = null;
    if (opts.sub) {
      // The sub-label is the button's description when it has no other; else it is drawn only, and said by the description.
      const desc = opts.description === undefined ? (opts.descriptionAfter ? el.nextElementSibling : el.querySelector('.desc')) : null;
      sub = twin(new TwinText(this.scene, b.x + b.w / 2, b.y + b.h / 2 + 12, '', this.style({ size: 12, color: variant === 'primary' ? color.primarySub : color.muted })).setOrigin(0.5), desc, opts.sub);
      if (!desc) sub.setData('decor', false);
      // A sub-label never runs past its button's edges.
      fitWidth(sub, b.w - 16);
      this.scene.add.existing(sub);
    }
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
    const t = fitHeight(this.text(this.root, x + 16, y + 12, text, { size: 13, width: w - 32 }, 'p', 'notice').setDepth(2), maxH - 24);
    t.twin?.setAttribute('role', 'alert');
    const h = t.height + 24;
    this.panel(x, y, w, h, color.fillBad, color.red, 10).setDepth(1);
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
export function fitWidth<T extends Phaser.GameObjects.Text>(t: T, max: number): T {
  if (t.width <= max) return t;
  const shown = fitLine(t.text, lookOfText(t), max);
  return (t instanceof TwinText ? t.showTrimmed(shown) : t.setText(shown)) as T;
}


/** Shortens a wrapped text object by words, with an ellipsis, until it is no taller than a height (measured, then set once). */
export function fitHeight<T extends Phaser.GameObjects.Text>(t: T, max: number): T {
  if (t.height <= max) return t;
  const shown = fitLines(t.text, lookOfText(t), max);
  return (t instanceof TwinText ? t.showTrimmed(shown) : t.setText(shown)) as T;
}

/** Sets a Kit button's label on the canvas and in the DOM. */
export function relabel(b: KitButton, label: string) {
  b.label.setText(label);
}
