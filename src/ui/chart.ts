/**
 * The meter chart, the game's one chart: series of 0-100 values (meters over a run) as lines.
 * Its geometry (the plot's scales, the ticks, the series colours) is made in one place,
 * `chartGeometry`, and drawn twice: on the canvas by `meterChart` (through the kit) and as SVG in
 * the print-friendly debrief (print.ts, which uses the geometry alone). The axis numbers are decoration; the chart's words are
 * its legend (twinned texts) and, given a DOM parent, a data table that describes it in words.
 */
import type * as Phaser from 'phaser';
import type { Bounds } from './dom.ts';
import { fitWidth, type Kit, type TwinText } from './kit.ts';
import { color, css, SERIES_COLORS, seriesColor, type Good } from './theme.ts';

export { SERIES_COLORS, seriesColor };

/** The levels of the value axis a chart draws by default. */
export const TICKS = [0, 50, 100] as const;

export interface Series {
  label: string;
  values: number[];
  good?: Good;
}

/** Where a chart's plot lies and how values map into it. */
export interface ChartGeometry {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Number of points along the run. */
  n: number;
  /** The x of point i (0 is the start). */
  x(i: number): number;
  /** The y of a value 0-100. */
  y(v: number): number;
  ticks: { level: number; y: number }[];
}

/** The geometry of a plot in a box (pure): n points evenly spread, values 0 (bottom) to 100 (top). */
export function chartGeometry(plot: Bounds, n: number, ticks: readonly number[] = TICKS): ChartGeometry {
  const { x: left, y: top, w: width, h: height } = plot;
  const y = (v: number) => top + height - (height * v) / 100;
  return {
    left,
    top,
    width,
    height,
    n,
    x: (i) => left + (n <= 1 ? 0 : (width * i) / (n - 1)),
    y,
    ticks: ticks.map((level) => ({ level, y: y(level) })),
  };
}

/** The colour of the k-th series, as CSS (for SVG and the DOM). */
export const seriesCss = (k: number) => css(seriesColor(k));

export interface ChartOptions {
  /** A labelled vertical line at a point (e.g. where two runs part). */
  mark?: { at: number; label: string };
  ticks?: readonly number[];
  line?: number;
  dot?: number;
  /** The chart's text alternative: a caption and a data table, in this DOM parent (with the points' names as columns). */
  alt?: { parent: HTMLElement; caption: string; points: string[] };
}

/**
 * Draws series of 0-100 values into an area (room for the axis numbers is kept at the left and
 * under the plot). Returns what it made, so a screen can clear or fade it.
 */
export function meterChart(scene: Phaser.Scene, kit: Kit, b: Bounds, series: Series[], mark?: ChartOptions['mark'] | ChartOptions, opts: ChartOptions = {}): Phaser.GameObjects.GameObject[] {
  const o: ChartOptions = mark && 'at' in mark ? { ...opts, mark } : { ...(mark as ChartOptions | undefined), ...opts };
  const made: Phaser.GameObjects.GameObject[] = [];
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const geo = chartGeometry({ x: b.x + 30, y: b.y, w: b.w - 30, h: b.h - 16 }, n, o.ticks);
  const g = scene.add.graphics();
  made.push(g);
  g.lineStyle(1, color.line, 1);
  for (const t of geo.ticks) {
    g.lineBetween(geo.left, t.y, geo.left + geo.width, t.y);
    // Axis numbers: decoration; the values are in the data table (or the screen's own words).
    made.push(kit.text(null, geo.left - 6, t.y - 7, String(t.level), { size: 10, color: color.muted, align: 'right' }, 'none'));
  }
  if (o.mark) {
    const mx = geo.x(o.mark.at);
    g.lineStyle(1, color.focus, 0.8).lineBetween(mx, geo.top - 6, mx, geo.top + geo.height + 4);
    const label = kit.text(o.alt?.parent ?? null, mx, geo.top + geo.height + 4, o.mark.label, { size: 10, color: color.focus, align: 'center' }, o.alt ? 'p' : 'none', 'chart-mark');
    // Without a twin it still has words: the screen says them elsewhere, and the parity check holds it to that.
    if (!o.alt) label.setData('decor', false);
    made.push(label);
  }
  series.forEach((s, k) => {
    const c = seriesColor(k);
    g.lineStyle(o.line ?? 2, c, 1).beginPath();
    s.values.forEach((v, j) => (j === 0 ? g.moveTo(geo.x(j), geo.y(v)) : g.lineTo(geo.x(j), geo.y(v))));
    g.strokePath();
    s.values.forEach((v, j) => g.fillStyle(c, 1).fillCircle(geo.x(j), geo.y(v), o.dot ?? 2.5));
  });
  if (o.alt) chartTable(kit, o.alt.parent, o.alt.caption, o.alt.points, series);
  return made;
}

/** A chart's data as a table that describes it in words (DOM only): a row per series, a column per point. */
export function chartTable(kit: Kit, parent: HTMLElement, caption: string, points: string[], series: Series[]): HTMLTableElement {
  const { dom } = kit;
  const table = dom.make('table', { class: 't chart-data' });
  const cap = dom.make('caption');
  kit.describe(cap, caption, 'span');
  table.append(cap);
  const cell = (tag: 'th' | 'td', text: string, attrs: Record<string, string> = {}) => {
    const c = dom.make(tag, attrs);
    kit.describe(c, text, 'span');
    return c;
  };
  const head = dom.make('tr');
  head.append(cell('th', 'Meter', { scope: 'col' }), ...points.map((p) => cell('th', p, { scope: 'col' })));
  table.append(head);
  for (const s of series) {
    const tr = dom.make('tr');
    tr.append(cell('th', s.label, { scope: 'row' }), ...s.values.map((v) => cell('td', String(v))));
    table.append(tr);
  }
  parent.append(table);
  return table;
}

/**
 * A legend: a swatch and a label per series, each label a twin in `list` (an <ul> or <ol>), and with
 * `value` a second text after it (the series' last value, coloured by how it stands for the player).
 */
export function chartLegend(
  kit: Kit,
  list: HTMLElement,
  x: number,
  y: number,
  series: Series[],
  opts: { step?: number; size?: number; width: number; value?: (s: Series) => { text: string; tone: number } | null },
): Phaser.GameObjects.GameObject[] {
  const made: Phaser.GameObjects.GameObject[] = [];
  const step = opts.step ?? 26;
  const size = opts.size ?? 13;
  const g = kit.scene.add.graphics();
  made.push(g);
  series.forEach((s, k) => {
    const ly = y + k * step;
    g.fillStyle(seriesColor(k), 1).fillRect(x, ly + 6, 18, 4);
    const li = kit.dom.make('li', { class: 'legend' });
    list.append(li);
    const v = opts.value?.(s) ?? null;
    const vw = v ? kit.measure(v.text, { size, weight: 'bold' }).width + 8 : 0;
    const label: TwinText = kit.text(li, x + 26, ly - 2, s.label, { size }, 'span');
    fitWidth(label, opts.width - 26 - vw);
    made.push(label);
    if (v) made.push(kit.text(li, x + 26 + label.width + 8, ly - 2, v.text, { size, weight: 'bold', color: v.tone }, 'span'));
  });
  return made;
}
