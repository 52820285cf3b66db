/** A small line chart of meters over a run, drawn on the canvas (its data goes in the DOM separately). */
import type * as Phaser from 'phaser';
import type { Kit } from './kit.ts';
import type { Bounds } from './dom.ts';
import { color } from './theme.ts';

export const SERIES_COLORS = [0xff8a8d, 0x8cc8ff, 0xf5c26b, 0x6fdca6, 0xc9a7ff, 0xffb86b];

export interface Series {
  label: string;
  values: number[];
}

/** Draws series of 0-100 values into an area; `mark` draws a labelled vertical line at a point. Returns what it made. */
export function meterChart(scene: Phaser.Scene, kit: Kit, b: Bounds, series: Series[], mark?: { at: number; label: string }): Phaser.GameObjects.GameObject[] {
  const made: Phaser.GameObjects.GameObject[] = [];
  const g = scene.add.graphics();
  made.push(g);
  const left = b.x + 30;
  const w = b.w - 30;
  const top = b.y;
  const h = b.h - 16;
  g.lineStyle(1, color.line, 1);
  for (const level of [0, 50, 100]) {
    const y = top + h - (h * level) / 100;
    g.lineBetween(left, y, left + w, y);
    made.push(scene.add.text(left - 6, y - 7, String(level), kit.style({ size: 10, color: color.muted })).setOrigin(1, 0));
  }
  const n = Math.max(...series.map((s) => s.values.length));
  const px = (k: number) => left + (n <= 1 ? 0 : (w * k) / (n - 1));
  if (mark) {
    g.lineStyle(1, color.focus, 0.8).lineBetween(px(mark.at), top - 6, px(mark.at), top + h + 4);
    made.push(scene.add.text(px(mark.at), top + h + 4, mark.label, kit.style({ size: 10, color: color.focus })).setOrigin(0.5, 0));
  }
  series.forEach((s, k) => {
    const c = SERIES_COLORS[k % SERIES_COLORS.length]!;
    const y = (v: number) => top + h - (h * v) / 100;
    g.lineStyle(2, c, 1).beginPath();
    s.values.forEach((v, j) => (j === 0 ? g.moveTo(px(j), y(v)) : g.lineTo(px(j), y(v))));
    g.strokePath();
    s.values.forEach((v, j) => g.fillStyle(c, 1).fillCircle(px(j), y(v), 2.5));
  });
  return made;
}
