/** Colours, type and layout constants of the game's look. Contrast of text colours on `bg`/`panel` is at least 4.5:1. */
export const W = 1280;
export const H = 720;

export const color = {
  bg: 0x0e1623,
  panel: 0x162233,
  panel2: 0x1c2b40,
  panelHi: 0x24395a,
  line: 0x314763,
  text: 0xe8edf4,
  muted: 0xaebccd,
  red: 0xe5484d,
  redText: 0xff8a8d,
  gold: 0xf5c26b,
  blue: 0x8cc8ff,
  up: 0x6fdca6,
  down: 0xff8f8f,
  focus: 0xffd166,
} as const;

export const css = (c: number) => `#${c.toString(16).padStart(6, '0')}`;

export const font = {
  ui: 'Inter, system-ui, sans-serif',
  prose: '"Source Serif 4", Georgia, serif',
} as const;
