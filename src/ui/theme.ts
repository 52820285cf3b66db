/**
 * The game's one palette, type and layout constants. Contrast of text colours on `bg`/`panel`
 * is at least 4.5:1. Scenes name colours by what they mean (a tone, a fill), never by hex value.
 */
export const W = 1280;
export const H = 720;

export const color = {
  bg: 0x0e1623,
  panel: 0x162233,
  panel2: 0x1c2b40,
  panelHi: 0x24395a,
  line: 0x314763,
  lineHi: 0x55759c,
  text: 0xe8edf4,
  /** Body prose on panels: a little softer than headings. */
  prose: 0xd3dbe6,
  /** Small print on panels (sources list). */
  small: 0xc9d3df,
  muted: 0xaebccd,
  red: 0xe5484d,
  redText: 0xff8a8d,
  gold: 0xf5c26b,
  blue: 0x8cc8ff,
  up: 0x6fdca6,
  down: 0xff8f8f,
  focus: 0xffd166,
  /** Meter bars: low, middling, fine (for a meter whose good end is high). */
  barLow: 0xe5484d,
  barMid: 0xe0a35a,
  barFine: 0x7fb2e6,
  /** Fills behind a tone: a problem, a success, a caution or a hypothetical, a source. */
  fillBad: 0x2a1618,
  fillGood: 0x12291f,
  fillCaution: 0x2a2412,
  fillSource: 0x12263b,
  /** The primary button: fill, hover fill, edge, label and its sub-label. */
  primary: 0xff6b6f,
  primaryHover: 0xff7a7e,
  primaryEdge: 0xff9a9d,
  primaryText: 0x1a0d0e,
  primarySub: 0x3a1517,
} as const;

export const css = (c: number) => `#${c.toString(16).padStart(6, '0')}`;

/** Colours of data series (meters in charts, endings in bar charts), in order. */
export const SERIES_COLORS = [0xff8a8d, 0x8cc8ff, 0xf5c26b, 0x6fdca6, 0xc9a7ff, 0xffb86b] as const;
export const seriesColor = (k: number): number => SERIES_COLORS[k % SERIES_COLORS.length]!;

/** The seventh colour of the endings' bars, after the six series colours: a light grey. */
export const ENDING_GREY = 0xdfe3ea;

/** Which end of a meter the player's side wants (the scenario's `good`). */
export type Good = 'high' | 'low';

/** How well a meter stands for the player, 0-100 (100 is best), whichever end is good. */
export const standing = (value: number, good: Good): number => (good === 'low' ? 100 - value : value);

/** The bar colour of a meter's value: red when it stands badly for the player, amber when middling. */
export function meterTone(value: number, good: Good): number {
  const s = standing(value, good);
  return s < 25 ? color.barLow : s < 50 ? color.barMid : color.barFine;
}

/** The colour of a change in a meter: green when it helps the player, red when it hurts, plain when none. */
export function deltaTone(delta: number, good: Good, none: number = color.muted): number {
  if (delta === 0) return none;
  return (good === 'low' ? -delta : delta) > 0 ? color.up : color.down;
}

/** A change in words for the DOM twin: "up 5, better" / "down 5, worse". */
export function deltaWords(delta: number, good: Good): string {
  if (delta === 0) return 'no change';
  const better = (good === 'low' ? -delta : delta) > 0;
  return `${delta > 0 ? 'up' : 'down'} ${Math.abs(delta)}, ${better ? 'better' : 'worse'} for you`;
}

export const font = {
  ui: 'Inter, system-ui, sans-serif',
  prose: '"Source Serif 4", Georgia, serif',
} as const;

/** Every face the canvas draws with (CSS font shorthands): loaded before the first screen is drawn. */
export const FACES = ['400 16px Inter', '700 16px Inter', '600 16px Inter', '400 16px "Source Serif 4"', 'italic 400 16px "Source Serif 4"'] as const;
