import * as Phaser from 'phaser';
import { compareRuns, type RunComparison } from '../../core/compare.ts';
import type { RunRecord } from '../../core/record.ts';
import { buildReplay, type Replay } from '../../core/replay.ts';
import { timelineView, type TimelineItem } from '../../core/view.ts';
import { appOf, type App } from '../app.ts';
import { meterChart, SERIES_COLORS } from '../chart.ts';
import { fitHeight, fitWidth, Kit, longDate, plural } from '../kit.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import { color } from '../theme.ts';

export interface CompareData {
  /** The original run and the what-if run that departs from it at step `at`. */
  a: RunRecord;
  b: RunRecord;
  at: number;
  back?: SceneKey;
}

const COLS = [
  { x: 40, w: 410 },
  { x: 462, w: 410 },
] as const;
const DIFF = { x: 890, w: 350 };

/** Two runs of one seed side by side: both timelines, both meter charts, and what differs and why. */
export class Compare extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;

  constructor() {
    super(SceneKeys.Compare);
  }

  create(data: CompareData) {
    this.app = appOf(this);
    const app = this.app;
    const s = app.session!.scenario;
    let ra: Replay;
    let rb: Replay;
    try {
      ra = buildReplay(s, data.a, app.settings.level);
      rb = buildReplay(s, data.b, app.settings.level);
    } catch (e) {
      app.notice = `These runs cannot be compared: ${(e as Error).message}.`;
      app.go(SceneKeys.Title);
      return;
    }
    const cmp = compareRuns(s, ra.context, rb.context);
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Compare, 'Comparison of two runs'));
    kit.backdrop(0.18);
    app.dom.app.dataset.differences = String(cmp.reactions.length + cmp.meters.filter((m) => m.delta !== 0).length + (cmp.endings.a !== cmp.endings.b ? 1 : 0));
    this.events.once('shutdown', () => delete app.dom.app.dataset.differences);

    const head = app.dom.group(kit.root, 'Where the runs part');
    const at = cmp.divergeAt;
    const frameA = ra.frames[at];
    const frameB = rb.frames[at];
    kit.text(head, 40, 26, `What if · seed ${data.a.seed} · same dice, one choice changed`, { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    fitWidth(kit.text(head, 40, 46, `Beat ${at + 1}: ${frameA?.table.beat?.title ?? frameB?.table.beat?.title ?? ''}`, { size: 26, weight: 'bold' }, 'h1'), 830);
    if (frameA && frameB) {
      fitWidth(kit.text(head, 40, 82, `Original: ${frameA.chosen.label}`, { size: 14, color: color.muted }, 'p'), 830);
      fitWidth(kit.text(head, 40, 102, `What-if: ${frameB.chosen.label}`, { size: 14, color: color.gold, weight: '600' }, 'p'), 830);
    } else kit.text(head, 40, 84, 'The two runs took the same choices.', { size: 14, color: color.muted, width: 830 }, 'p');

    this.column(0, 'Original run', ra, at, data.a);
    this.column(1, 'What-if run', rb, at, data.b);
    this.differences(cmp, ra, rb);
  }

  private column(i: 0 | 1, name: string, r: Replay, at: number, record: RunRecord) {
    const { kit, app } = this;
    const s = app.session!.scenario;
    const c = COLS[i];
    const region = app.dom.group(kit.root, name);
    region.dataset.run = i === 0 ? 'a' : 'b';
    kit.panel(c.x, 128, c.w, 572);
    kit.text(region, c.x + 16, 140, name, { size: 12, color: i === 0 ? color.muted : color.gold, weight: 'bold', caps: true }, 'h2');
    fitWidth(kit.text(region, c.x + 16, 158, r.ending ? r.ending.title : 'Unfinished', { size: 22, weight: 'bold' }, 'p', 'ending'), c.w - 32);
    fitWidth(kit.text(region, c.x + 16, 188, r.ending?.why ?? `${plural(record.choices.length, 'choice')} so far`, { size: 12, color: color.muted }, 'p'), c.w - 32);

    // The meter chart: every meter after each choice, the parting beat marked.
    const series = r.series;
    meterChart(this, kit, { x: c.x + 16, y: 218, w: c.w - 40, h: 136 }, series, { at, label: `beat ${at + 1}` });
    const n = r.frames.length + 1;
    const table = app.dom.make('table', { class: 't' });
    const tr0 = app.dom.make('tr');
    tr0.append(app.dom.make('th', { scope: 'col' }, 'Meter'), ...Array.from({ length: n }, (_, j) => app.dom.make('th', { scope: 'col' }, j === 0 ? 'Start' : `After ${j}`)));
    table.append(tr0);
    for (const sr of series) {
      const tr = app.dom.make('tr');
      tr.append(app.dom.make('th', { scope: 'row' }, sr.label), ...sr.values.map((v) => app.dom.make('td', {}, String(v))));
      table.append(tr);
    }
    app.dom.heading(region, 3, 'Meters after each choice');
    region.append(table);

    // The timeline: what the runs share folded into one line, then this run's own course.
    const items = timelineView(s, r.context).filter((t) => t.kind !== 'phase');
    let shared = 0;
    let choices = 0;
    for (const t of items) {
      if (t.kind === 'choice') {
        if (choices === at) break;
        choices++;
      }
      shared++;
    }
    const own = items.slice(shared);
    app.dom.heading(region, 3, 'Timeline');
    const list = app.dom.group(region, `Timeline of the ${name.toLowerCase()}`, 'ol');
    let y = 364;
    const line = (text: string, col: number, bold = false) => {
      const t = fitWidth(this.add.text(c.x + 16, y, text, kit.style({ size: 12, color: col, weight: bold ? 'bold' : 'normal' })), c.w - 32);
      y += 19;
      return t;
    };
    line(`${shared} event${shared === 1 ? '' : 's'} in common before beat ${at + 1} (same choices, same dice)`, color.muted);
    app.dom.item(list, `${shared} events in common before beat ${at + 1}.`);
    const room = Math.floor((690 - y) / 19);
    own.forEach((t, k) => {
      app.dom.item(list, describe(t));
      if (k < room - 1 || (k === room - 1 && own.length === room)) line(`${longDate(t.date).slice(4, 10)} ${t.kind === 'choice' ? '▸' : t.kind === 'ending' ? '■' : '•'} ${t.label}`, t.kind === 'choice' ? color.text : t.kind === 'ending' ? color.redText : color.blue, t.kind !== 'reaction');
      else if (k === room - 1) line(`… and ${own.length - k} more (all in the text view)`, color.muted);
    });
  }

  private differences(cmp: RunComparison, ra: Replay, rb: Replay) {
    const { kit, app } = this;
    const x = DIFF.x + 20;
    const w = DIFF.w - 40;
    const region = app.dom.group(kit.root, 'Differences');
    kit.panel(DIFF.x, 28, DIFF.w, 672);
    kit.text(region, x, 44, 'What the change did', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    let y = 70;
    const endA = ra.ending?.title ?? 'unfinished';
    const endB = rb.ending?.title ?? 'unfinished';
    const t = kit.text(region, x, y, cmp.endings.a === cmp.endings.b ? `Same ending: ${endA}.` : `Ending: ${endA} → ${endB}.`, { size: 15, weight: 'bold', width: w }, 'p', 'diff-ending');
    y += t.height + 12;

    kit.text(region, x, y, 'Meters at the end', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    y += 20;
    const ml = app.dom.group(region, 'Meters at the end, original and what-if', 'ul');
    cmp.meters.forEach((m, k) => {
      const g = this.add.graphics();
      g.fillStyle(SERIES_COLORS[k % SERIES_COLORS.length]!, 1).fillRect(x, y + 7, 12, 4);
      fitWidth(this.add.text(x + 18, y, m.label, kit.style({ size: 12 })), w - 120);
      const d = m.delta === 0 ? 'same' : `${m.delta > 0 ? '+' : ''}${m.delta}`;
      this.add.text(x + w, y, `${m.a} → ${m.b}  ${d}`, kit.style({ size: 12, weight: 'bold', color: m.delta > 0 ? color.up : m.delta < 0 ? color.down : color.muted })).setOrigin(1, 0);
      app.dom.item(ml, `${m.label}: ${m.a} in the original, ${m.b} in the what-if (${m.delta === 0 ? 'no change' : `${m.delta > 0 ? 'up' : 'down'} ${Math.abs(m.delta)}`}).`);
      y += 21;
    });
    y += 10;

    kit.text(region, x, y, 'Reactions in one run only', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    y += 22;
    const rl = app.dom.group(region, 'Reactions that fired in one run only', 'ul');
    rl.dataset.count = String(cmp.reactions.length);
    if (!cmp.reactions.length) {
      const n = kit.text(rl, x, y, 'None: the same stakeholders reacted in both runs.', { size: 13, color: color.muted, width: w, italic: true }, 'li');
      y += n.height + 8;
    }
    const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);
    let shown = 0;
    for (const r of cmp.reactions) {
      const where = r.firedIn === 'a' ? 'Only in the original' : 'Only in the what-if';
      const why =
        r.why === 'threshold'
          ? `Same roll (${Math.round(r.roll * 100)}) in both runs; its chance was ${pct(r.chanceA)} in the original and ${pct(r.chanceB)} in the what-if, so the changed state crossed the threshold.`
          : `Its moment came in ${r.firedIn === 'a' ? 'the original' : 'the what-if'} only, so it rolled only there (roll ${Math.round(r.roll * 100)} against a ${pct(r.firedIn === 'a' ? r.chanceA : r.chanceB)} chance).`;
      app.dom.item(rl, `${where}: ${r.stakeholder}: ${r.headline}. ${why}`).dataset.why = r.why;
      if (shown < 0) continue;
      const h1 = this.add.text(x, y, `${where}`.toUpperCase(), kit.style({ size: 10, weight: 'bold', color: r.firedIn === 'a' ? color.muted : color.gold }));
      const h2 = fitHeight(this.add.text(x, y + 14, `${r.stakeholder}: ${r.headline}`, kit.style({ size: 13, weight: '600', width: w })), 36);
      const h3 = fitHeight(this.add.text(x, y + 16 + h2.height, why, kit.style({ size: 11, color: color.muted, width: w })), 44);
      const bottom = y + 16 + h2.height + h3.height;
      // Room is kept for the "and more" line unless this is the last one.
      if (bottom > (shown === cmp.reactions.length - 1 ? 630 : 606)) {
        for (const o of [h1, h2, h3]) o.destroy();
        this.add.text(x, y, `… and ${cmp.reactions.length - shown} more (all in the text view)`, kit.style({ size: 12, color: color.muted }));
        shown = -1;
        continue;
      }
      y = bottom + 10;
      shown++;
    }

    const nav = app.dom.group(kit.root, 'Leave the comparison', 'div');
    const back = (this.scene.settings.data as CompareData).back ?? SceneKeys.Title;
    kit.button(nav, back === SceneKeys.Runs ? 'Back to run history' : back === SceneKeys.Ending ? 'Back to the debrief' : 'Title screen', { x, y: 640, w, h: 44 }, () => this.app.go(back), 'secondary', { data: { action: 'back' } });
  }
}

function describe(t: TimelineItem): string {
  const when = longDate(t.date);
  if (t.kind === 'choice') return `${when}: chose: ${t.label} (at: ${t.detail})`;
  if (t.kind === 'reaction') return `${when}: ${t.detail}: ${t.label}`;
  return `${when}: ending: ${t.label}`;
}
