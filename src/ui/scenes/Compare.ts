import * as Phaser from 'phaser';
import { compareRuns, type RunComparison } from '../../core/compare.ts';
import type { RunRecord } from '../../core/record.ts';
import { buildReplay, type Replay } from '../../core/replay.ts';
import type { Scenario } from '../../core/schema.ts';
import { timelineView } from '../../core/view.ts';
import { appOf, type App } from '../app.ts';
import { meterChart, seriesColor } from '../chart.ts';
import { onViewChange, Shown } from '../ending-widgets.ts';
import { fitHeight, fitWidth, Kit } from '../kit.ts';
import { plural, choiceActor, timelineLine } from '../words.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import { color, deltaTone, deltaWords } from '../theme.ts';

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
const MORE = (n: number) => `… and ${n} more (all in the text view)`;

/**
 * Two runs of one seed side by side: both timelines, both meter charts, and what differs and why.
 * A list longer than its panel draws what fits and "… and N more (all in the text view)": its DOM
 * twin says the same in the canvas view, where the items not drawn are hidden; the text view shows
 * every item instead.
 */
export class Compare extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;
  /** Items the canvas has no room for (shown in the text view only), and the "and N more" lines (canvas view only). */
  private overflow: { extra: Shown; more: Shown }[] = [];

  constructor() {
    super(SceneKeys.Compare);
  }

  create(data: CompareData) {
    this.app = appOf(this);
    this.overflow = [];
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
    kit.text(head, 40, 26, `What if: seed ${data.a.seed}, same dice, one choice changed`, { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    // At a table (version 2) a step is a move, of which story choices are only some.
    const step = this.app.session!.scenario.negotiation ? 'Move' : 'Beat';
    fitWidth(kit.text(head, 40, 46, `${step} ${at + 1}: ${frameA?.table.beat?.title ?? frameB?.table.beat?.title ?? ''}`, { size: 26, weight: 'bold' }, 'h1'), 830);
    if (frameA && frameB) {
      fitWidth(kit.text(head, 40, 82, `Original: ${frameA.chosen.label}`, { size: 14, color: color.muted }, 'p'), 830);
      fitWidth(kit.text(head, 40, 102, `What-if: ${frameB.chosen.label}`, { size: 14, color: color.gold, weight: '600' }, 'p'), 830);
    } else kit.text(head, 40, 84, 'The two runs took the same choices.', { size: 14, color: color.muted, width: 830 }, 'p');

    this.column(0, 'Original run', ra, at, data.a);
    this.column(1, 'What-if run', rb, at, data.b);
    this.differences(s, cmp, ra, rb);
    onViewChange(this, app, (textView) => {
      for (const o of this.overflow) {
        o.extra.set(textView);
        o.more.set(!textView);
      }
    });
  }

  /** A list's overflow: its items not drawn go in `extra`, and a "… and N more" item (drawn at x, y) in `more`. */
  private spill(list: HTMLElement, x: number, y: number, n: number, extra: Shown) {
    const li = this.app.dom.make('li', { class: 'more' });
    list.append(li);
    const more = new Shown(li);
    more.add(this.kit.text(li, x, y, MORE(n), { size: 12, color: color.muted }, 'p'));
    this.overflow.push({ extra, more });
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

    // The meter chart: every meter after each choice, the parting beat marked; its data as a table in the DOM.
    const points = Array.from({ length: r.frames.length + 1 }, (_, j) => (j === 0 ? 'Start' : `After ${j}`));
    meterChart(this, kit, { x: c.x + 16, y: 218, w: c.w - 40, h: 136 }, r.series, {
      mark: { at, label: `the runs part at beat ${at + 1}` },
      alt: { parent: region, caption: `Meters after each choice in the ${name.toLowerCase()}`, points },
    });

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
    const list = app.dom.group(region, `Timeline of the ${name.toLowerCase()}`, 'ol');
    let y = 374;
    const step = 19;
    kit.text(list, c.x + 16, y, `${plural(shared, 'event')} in common before beat ${at + 1} (same choices, same dice)`, { size: 12, color: color.muted }, 'li');
    y += step;
    const room = Math.floor((690 - y) / step);
    // All fit, or room - 1 of them and the "and more" line.
    const drawn = own.length <= room ? own.length : room - 1;
    const extra = new Shown();
    own.forEach((t, k) => {
      const line = timelineLine(t, choiceActor(record.side));
      const tone = t.kind === 'choice' ? color.text : t.kind === 'ending' ? color.redText : color.blue;
      const li = app.dom.make('li');
      list.append(li);
      const mark = kit.text(null, c.x + 16, y, line.mark, { size: 12, color: tone }, 'none');
      const text = fitWidth(kit.text(li, c.x + 30, y, line.text, { size: 12, color: tone, weight: t.kind !== 'reaction' ? 'bold' : 'normal' }, 'p'), c.w - 46);
      if (k >= drawn) {
        extra.els.push(li);
        extra.add(mark);
        extra.add(text);
      } else y += step;
    });
    if (drawn < own.length) this.spill(list, c.x + 16, y, own.length - drawn, extra);
  }

  private differences(s: Scenario, cmp: RunComparison, ra: Replay, rb: Replay) {
    const { kit, app } = this;
    const x = DIFF.x + 20;
    const w = DIFF.w - 40;
    const region = app.dom.group(kit.root, 'Differences');
    kit.panel(DIFF.x, 28, DIFF.w, 672);
    kit.text(region, x, 44, 'What the change did', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    let y = 70;
    const endA = ra.ending?.title ?? 'unfinished';
    const endB = rb.ending?.title ?? 'unfinished';
    const t = kit.text(region, x, y, cmp.endings.a === cmp.endings.b ? `Same ending: ${endA}.` : `Endings: ${endA} in the original, ${endB} in the what-if.`, { size: 15, weight: 'bold', width: w }, 'p', 'diff-ending');
    y += t.height + 12;

    kit.text(region, x, y, 'Meters at the end', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    y += 20;
    const ml = app.dom.group(region, 'Meters at the end, original and what-if', 'ul');
    const g = this.add.graphics();
    cmp.meters.forEach((m, k) => {
      const good = s.meters.find((x) => x.id === m.id)?.good ?? 'high';
      const li = app.dom.make('li');
      ml.append(li);
      g.fillStyle(seriesColor(k), 1).fillRect(x, y + 7, 12, 4);
      const values = kit.text(li, x + 18, y, `${m.label}: ${m.a} in the original, ${m.b} in the what-if`, { size: 12, width: w - 18 }, 'p');
      y += values.height;
      // The change in words, in the colour of what it means for the player (the meter's good end).
      kit.text(li, x + w, y, deltaWords(m.delta, good), { size: 11, weight: 'bold', color: deltaTone(m.delta, good), align: 'right' }, 'p');
      y += 20;
    });
    y += 6;

    kit.text(region, x, y, 'Reactions in one run only', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    y += 22;
    const rl = app.dom.group(region, 'Reactions that fired in one run only', 'ul');
    rl.dataset.count = String(cmp.reactions.length);
    if (!cmp.reactions.length) {
      const n = kit.text(rl, x, y, 'None: the same stakeholders reacted in both runs.', { size: 13, color: color.muted, width: w, italic: true }, 'li');
      y += n.height + 8;
    }
    const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);
    const extra = new Shown();
    let drawn = 0;
    cmp.reactions.forEach((r, k) => {
      const where = r.firedIn === 'a' ? 'Only in the original' : 'Only in the what-if';
      const why =
        r.why === 'threshold'
          ? `Same roll (${Math.round(r.roll * 100)}) in both runs; its chance was ${pct(r.chanceA)} in the original and ${pct(r.chanceB)} in the what-if, so the changed state crossed the threshold.`
          : `Its moment came in ${r.firedIn === 'a' ? 'the original' : 'the what-if'} only, so it rolled only there (roll ${Math.round(r.roll * 100)} against a ${pct(r.firedIn === 'a' ? r.chanceA : r.chanceB)} chance).`;
      const li = app.dom.make('li');
      li.dataset.why = r.why;
      rl.append(li);
      const h1 = kit.text(li, x, y, where, { size: 10, weight: 'bold', caps: true, color: r.firedIn === 'a' ? color.muted : color.gold }, 'p');
      const h2 = fitHeight(kit.text(li, x, y + 14, `${r.stakeholder}: ${r.headline}`, { size: 13, weight: '600', width: w }, 'p'), 36);
      const h3 = fitHeight(kit.text(li, x, y + 16 + h2.height, why, { size: 11, color: color.muted, width: w }, 'p'), 44);
      const bottom = y + 16 + h2.height + h3.height;
      // Room is kept for the "and more" line unless this is the last one.
      const fits = drawn === k && bottom <= (k === cmp.reactions.length - 1 ? 630 : 606);
      if (fits) {
        y = bottom + 10;
        drawn++;
      } else {
        extra.els.push(li);
        for (const o of [h1, h2, h3]) extra.add(o);
      }
    });
    if (drawn < cmp.reactions.length) this.spill(rl, x, y, cmp.reactions.length - drawn, extra);

    const nav = app.dom.group(kit.root, 'Leave the comparison', 'div');
    const back = (this.scene.settings.data as CompareData).back ?? SceneKeys.Title;
    kit.button(nav, back === SceneKeys.Runs ? 'Back to run history' : back === SceneKeys.Ending ? 'Back to the debrief' : 'Title screen', { x, y: 640, w, h: 44 }, () => this.app.go(back), 'secondary', { data: { action: 'back' } });
  }
}
