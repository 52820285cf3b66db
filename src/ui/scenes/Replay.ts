import * as Phaser from 'phaser';
import type { RunRecord } from '../../core/record.ts';
import { recordToCode } from '../../core/record.ts';
import { buildReplay, checkHash, type HashCheck, type Replay as ReplayData, type ReplayFrame } from '../../core/replay.ts';
import { appOf, type App } from '../app.ts';
import { chartLegend, meterChart, type Series } from '../chart.ts';
import { fitHeight, fitWidth, Kit, type KitButton, type TwinText } from '../kit.ts';
import { longDate, movesCount, plural, versionTag } from '../words.ts';
import { isEarlierVersion } from '../../core/catalogue.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import { glyph, line } from '../line.ts';
import { requestFrame } from '../render.ts';
import { ReplayState, SPEEDS, type Change, type Speed } from '../replay-state.ts';
import { copyReplay, exportRun, shareStatus, type ShareStatus } from '../share.ts';
import { color, deltaTone, deltaWords, meterTone, type Good } from '../theme.ts';

export interface ReplayStart {
  record: RunRecord;
  /** The final hash the run is known to have reached (from its code, file or history); null if unknown. */
  expected: string | null;
  /** Where "Back" goes. */
  back?: SceneKey;
  /** The frame to open at (default 0). */
  step?: number;
}

const MAIN = { x: 40, w: 820 };
const SIDE = { x: 890, w: 350 };
const SCRUB = { x: 40, y: 600, w: 820, h: 36 };

type Add = <T extends Phaser.GameObjects.GameObject>(o: T) => T;
type Meter = ReplayFrame['meters'][number];

/**
 * The replay viewer: a run watched back beat by beat with the same dice, with play and pause,
 * stepping, speed and a scrubber; it says whether the replay reaches the hash the run reached,
 * and branches ("change this choice") at any beat. What it shows (frame, playing, speed) is a
 * ReplayState (replay-state.ts); this scene draws it through the kit.
 */
export class Replay extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;
  private data$!: ReplayStart;
  private replay!: ReplayData;
  private check!: HashCheck;
  private code = '';
  private state!: ReplayState;
  private timer: Phaser.Time.TimerEvent | null = null;
  private layer: Phaser.GameObjects.GameObject[] = [];
  private frameRegion!: HTMLElement;
  private meterList!: HTMLElement;
  private meterTop = 0;
  private scrubDraw!: Phaser.GameObjects.Graphics;
  private scrub!: HTMLInputElement;
  private scrubFocus = false;
  private stepText!: Phaser.GameObjects.Text;
  private playBtn!: KitButton;
  private setPlay!: (label: string, g: string) => void;
  private backBtn!: KitButton;
  private fwdBtn!: KitButton;
  private branchBtn!: KitButton;
  private speedBtns = new Map<number, KitButton>();
  private status!: ShareStatus;
  private meterHead!: TwinText;

  constructor() {
    super(SceneKeys.Replay);
  }

  create(data: ReplayStart) {
    this.app = appOf(this);
    const app = this.app;
    const session = app.session!;
    this.data$ = data;
    this.layer = [];
    this.speedBtns.clear();
    this.timer = null;
    try {
      this.replay = buildReplay(session.scenario, data.record, app.settings.level);
      this.code = recordToCode(session.scenario, data.record);
    } catch (e) {
      app.notice = `This run cannot be replayed: ${(e as Error).message}.`;
      app.go(SceneKeys.Title);
      return;
    }
    this.check = checkHash(this.replay.hash, data.expected);
    this.state = new ReplayState(this.replay.frames.length, data.step ?? 0);
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Replay, `Replay of seed ${data.record.seed}`));
    kit.backdrop(0.22);
    app.dom.app.dataset.hashCheck = this.check.status;
    this.events.once('shutdown', () => {
      for (const k of ['hashCheck', 'replayStep', 'ending', 'hash'] as const) delete app.dom.app.dataset[k];
    });

    this.frameRegion = app.dom.group(kit.root, 'This step of the replay');
    this.frameRegion.setAttribute('aria-live', 'polite');
    this.controls();
    this.side();
    this.show(false);

    const st = this.state;
    app.keys((e) => {
      if (e.target instanceof HTMLButtonElement && (e.key === ' ' || e.key === 'Enter')) return false;
      if (e.key === 'ArrowRight') return this.apply(st.go(st.step + 1)), true;
      if (e.key === 'ArrowLeft') return this.apply(st.go(st.step - 1)), true;
      if (e.key === 'Home') return this.apply(st.go(0)), true;
      if (e.key === 'End') return this.apply(st.go(st.last)), true;
      if (e.key === ' ' || e.key === 'k') return this.apply(st.toggle()), true;
      return false;
    });
    app.dom.announce(`Replay of seed ${data.record.seed}. ${this.check.message}`);
    if (app.notice) {
      this.status.say(app.notice, true);
      app.notice = null;
    }
  }

  /** Redraws what a move of the state changed. */
  private apply(c: Change) {
    const st = this.state;
    if (c.step) this.show(true);
    if (c.speed) {
      for (const [k, b] of this.speedBtns) b.setSelected(k === st.speed);
      this.app.dom.announce(`Speed ${st.speed}x`);
    }
    if (c.playing || (c.speed && st.playing)) {
      this.timer?.remove();
      this.timer = null;
      if (st.playing) {
        this.timer = this.time.addEvent({ delay: st.frameMs, loop: true, callback: () => this.apply(st.tick()) });
      }
      this.setPlay(st.playing ? 'Pause' : 'Play', st.playing ? '❚❚' : '▶');
      this.playBtn.el.dataset.action = st.playing ? 'pause' : 'play';
    }
  }

  private controls() {
    const { kit, app } = this;
    const st = this.state;
    const group = app.dom.group(kit.root, 'Playback', 'div', 'playback');
    this.scrubDraw = this.add.graphics();
    const scrub = (this.scrub = app.dom.make('input', {
      type: 'range',
      class: 'hit scrub',
      min: '0',
      max: String(st.last),
      step: '1',
      'aria-label': 'Step of the replay',
      'data-action': 'scrub',
    }));
    scrub.value = String(st.step);
    Object.assign(scrub.style, { left: `${SCRUB.x}px`, top: `${SCRUB.y}px`, width: `${SCRUB.w}px`, height: `${SCRUB.h}px` });
    scrub.addEventListener('input', () => this.apply(st.go(Number(scrub.value))));
    scrub.addEventListener('focus', () => ((this.scrubFocus = true), this.drawScrub()));
    scrub.addEventListener('blur', () => ((this.scrubFocus = false), this.drawScrub()));
    group.append(scrub);

    // Each button's key is drawn under its label (the sub-label, its DOM description).
    const y = 648;
    this.backBtn = kit.button(group, 'Back', { x: 40, y, w: 118, h: 44 }, () => this.apply(st.go(st.step - 1)), 'secondary', { data: { action: 'step-back' }, sub: 'Left arrow' });
    glyph(kit, this.backBtn, '◀');
    this.playBtn = kit.button(group, 'Play', { x: 166, y, w: 124, h: 44 }, () => this.apply(st.toggle()), 'primary', { data: { action: 'play' }, sub: 'Space' });
    this.setPlay = glyph(kit, this.playBtn, '▶');
    this.fwdBtn = kit.button(group, 'Forward', { x: 298, y, w: 128, h: 44 }, () => this.apply(st.go(st.step + 1)), 'secondary', { data: { action: 'step-forward' }, sub: 'Right arrow' });
    glyph(kit, this.fwdBtn, '▶', 'right');
    const speed = app.dom.group(group, 'Playback speed', 'div');
    kit.text(speed, 446, y + 14, 'Speed', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'p');
    SPEEDS.forEach((s: Speed, i) => {
      this.speedBtns.set(s, kit.button(speed, `${s}x`, { x: 500 + i * 58, y: y + 4, w: 52, h: 36 }, () => this.apply(st.setSpeed(s)), 'tab', { pressed: s === st.speed, data: { speed: String(s) } }));
    });
    this.stepText = kit.text(group, MAIN.x + MAIN.w, y + 14, '', { size: 14, weight: '600', align: 'right' }, 'p', 'step');
    fitWidth(kit.text(kit.root, MAIN.x, 700, `Replay code: ${this.code}`, { size: 11, color: color.muted }, 'p', 'code'), MAIN.w);
  }

  /** The branch button's label: a story's choice, or a negotiation's move. */
  private changeLabel(): string {
    return this.app.session!.scenario.negotiation ? 'Change this move' : 'Change this choice';
  }

  /** What a frame is: a beat of the story, or a move (a choice or a move at the table) in a negotiation. */
  private unit(): string {
    return this.app.session!.scenario.negotiation ? 'Move' : 'Beat';
  }

  private side() {
    const { kit, app } = this;
    const d = this.data$;
    const region = app.dom.group(kit.root, 'The run');
    const x = SIDE.x;
    kit.panel(x, 28, SIDE.w, 672);
    kit.text(region, x + 22, 46, 'Replay', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    fitWidth(kit.text(region, x + 22, 70, `Seed: ${d.record.seed}`, { size: 15, weight: 'bold' }, 'p', 'seed'), SIDE.w - 44);
    const end = this.replay.ending ? this.replay.ending.title : 'unfinished';
    const about = app.dom.make('p', { class: 'about' });
    region.append(about);
    const earlier = isEarlierVersion(app.session!.catalogue, d.record.scenario, d.record.version);
    // Who played what, when an agent played the other side: a line of its own, below the seed.
    const seat = d.record.side === 'pair' ? 'Two players: the lab\'s moves and the Department\'s' : d.record.side === 'department' ? `The Department's moves; the lab: the ${d.record.opponent} agent` : d.record.opponent !== undefined ? `The Department: the ${d.record.opponent} agent` : null;
    const dy = seat === null ? 0 : 18;
    if (seat !== null) fitWidth(kit.text(region, x + 22, 92, seat, { size: 12, color: color.muted }, 'p', 'seat'), SIDE.w - 44);
    line(kit, about, x + 22, 94 + dy, [...(earlier ? [versionTag(d.record.version, true)] : []), movesCount(d.record.choices.length, app.session!.scenario.negotiation !== undefined), `ends: ${end}`], { size: 13, color: color.muted }, { maxW: SIDE.w - 44 });

    // The hash check, in the colours of its verdict.
    const c = this.check;
    const tone = c.status === 'match' ? color.up : c.status === 'mismatch' ? color.red : color.gold;
    const head = c.status === 'match' ? '✓  Same run: hash matches' : c.status === 'mismatch' ? '✗  Not the same run' : 'Hash not checked';
    const p = app.dom.make('p', { class: 'hash-check', 'data-status': c.status });
    if (c.status === 'mismatch') p.setAttribute('role', 'alert');
    region.append(p);
    kit.text(p, x + 38, 128 + dy, head, { size: 13, weight: 'bold', color: tone }, 'span').setDepth(1);
    p.append(' ');
    // With the seat's line, the message is a line shorter, so the meters below keep their room.
    const msg = fitHeight(kit.text(p, x + 38, 150 + dy, c.message, { size: 12, width: SIDE.w - 76, color: color.text }, 'span').setDepth(1), 100 - dy);
    const boxH = 40 + msg.height + 12;
    kit.panel(x + 22, 120 + dy, SIDE.w - 44, boxH, c.status === 'mismatch' ? color.fillBad : c.status === 'match' ? color.fillGood : color.fillCaution, tone, 8);

    const my = 120 + dy + boxH + 16;
    // One heading, changed in place: its canvas text and its DOM twin cannot disagree.
    this.meterHead = kit.text(region, x + 22, my, 'Meters after this step', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    const headId = 'replay-meters-head';
    this.meterHead.twin!.id = headId;
    this.meterList = app.dom.make('ul', { 'aria-labelledby': headId });
    region.append(this.meterList);
    this.meterTop = my + 24;

    const actions = app.dom.group(kit.root, 'Share and branch', 'div');
    this.branchBtn = kit.button(actions, this.changeLabel(), { x: x + 22, y: 470, w: SIDE.w - 44, h: 56 }, () => this.branch(), 'primary', {
      sub: d.record.side === 'department' ? 'same dice: you choose again as the Department' : d.record.side === 'pair' ? 'same dice: the two of you choose again, on this device' : 'same seed, same dice: you choose again here',
      data: { action: 'branch' },
    });
    const half = (SIDE.w - 54) / 2;
    kit.button(actions, 'Copy code', { x: x + 22, y: 538, w: half, h: 40 }, () => void copyReplay(this.app, this.status, this.code, 'code'), 'secondary', { data: { action: 'copy-code' } });
    kit.button(actions, 'Copy link', { x: x + 32 + half, y: 538, w: half, h: 40 }, () => void copyReplay(this.app, this.status, this.code, 'link'), 'secondary', { data: { action: 'copy-link' } });
    kit.button(actions, 'Export run file', { x: x + 22, y: 586, w: SIDE.w - 44, h: 40 }, () => void exportRun(this.status, this.app.session!.scenario, this.data$.record), 'secondary', { data: { action: 'export' } });
    this.status = shareStatus(kit, actions, x + 22, 632, SIDE.w - 44);
    const back = d.back ?? SceneKeys.Title;
    kit.button(actions, back === SceneKeys.Runs ? 'Back to run history' : back === SceneKeys.Ending ? 'Back to the debrief' : 'Title screen', { x: x + 22, y: 652, w: SIDE.w - 44, h: 36 }, () => app.go(back), 'quiet', {
      data: { action: 'back' },
    });
  }

  private drawScrub() {
    const g = this.scrubDraw;
    const st = this.state;
    g.clear();
    const y = SCRUB.y + SCRUB.h / 2;
    const n = st.last;
    const px = (i: number) => SCRUB.x + 10 + ((SCRUB.w - 20) * i) / Math.max(1, n);
    g.lineStyle(4, color.line, 1).lineBetween(px(0), y, px(n), y);
    g.lineStyle(4, color.red, 1).lineBetween(px(0), y, px(st.step), y);
    for (let i = 0; i <= n; i++) {
      const past = i <= st.step;
      const fired = i < n && this.replay.frames[i]!.news.length > 0;
      g.fillStyle(past ? color.red : color.panel2, 1).fillCircle(px(i), y, i === n ? 6 : 4);
      if (fired) g.fillStyle(color.blue, 1).fillCircle(px(i), y - 11, 2.5);
    }
    g.fillStyle(color.text, 1).fillCircle(px(st.step), y, 9);
    g.lineStyle(this.scrubFocus ? 3 : 2, this.scrubFocus ? color.focus : color.red, 1).strokeCircle(px(st.step), y, 9);
  }

  /** Draws the state's frame. */
  private show(animate: boolean) {
    // Called by the playback timer too: the loop may have just woken for it, or be about to sleep.
    requestFrame();
    const st = this.state;
    const step = st.step;
    const { kit, app } = this;
    for (const o of this.layer) o.destroy();
    this.layer = [];
    const add: Add = (o) => (this.layer.push(o), o);
    this.frameRegion.replaceChildren();
    this.meterList.replaceChildren();
    this.scrub.value = String(step);
    this.scrub.setAttribute('aria-valuetext', step < st.last ? `${this.unit()} ${step + 1} of ${st.last}` : 'The end');
    app.dom.app.dataset.replayStep = String(step);
    this.drawScrub();
    this.stepText.setText(step < st.last ? `${this.unit()} ${step + 1} of ${st.last}` : this.replay.ending ? 'The ending' : 'Where the run stops');
    this.backBtn.el.disabled = st.atStart;
    this.fwdBtn.el.disabled = st.atEnd;
    this.backBtn.label.setAlpha(st.atStart ? 0.45 : 1);
    this.fwdBtn.label.setAlpha(st.atEnd ? 0.45 : 1);

    const frame = this.replay.frames[step];
    this.meterHead.setText(frame ? 'Meters after this step' : 'Meters at the end');
    this.branchBtn.label.setText(!frame && !this.replay.ending ? 'Play on from here' : this.changeLabel());
    this.branchBtn.el.disabled = !frame && this.replay.ending !== null;
    this.branchBtn.box.setAlpha(this.branchBtn.el.disabled ? 0.35 : 1);
    this.branchBtn.label.setAlpha(this.branchBtn.el.disabled ? 0.6 : 1);
    if (frame) {
      delete app.dom.app.dataset.ending;
      delete app.dom.app.dataset.hash;
      this.drawFrame(frame, add);
      this.drawMeters(frame.meters, add);
    } else {
      const ending = this.replay.ending;
      if (ending) {
        app.dom.app.dataset.ending = ending.id;
        app.dom.app.dataset.hash = this.replay.hash;
      }
      this.drawEnd(add);
      this.drawMeters(
        (this.replay.frames.at(-1)?.meters ?? []).map((m) => ({ ...m, delta: 0 })),
        add,
      );
    }
    if (animate) kit.fadeIn(this.layer.filter((o) => o instanceof Phaser.GameObjects.Text), 0, 4);
  }

  /** A heading in small capitals, twinned as an h2 of the frame. */
  private kicker(add: Add, parent: HTMLElement, x: number, y: number, text: string) {
    return add(this.kit.text(parent, x, y, text, { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h2'));
  }

  private drawFrame(f: ReplayFrame, add: Add) {
    const { kit, app } = this;
    const r = this.frameRegion;
    const t = f.table;
    const x = MAIN.x;
    const where = app.dom.make('p', { class: 'where' });
    r.append(where);
    for (const o of line(kit, where, x, 30, [`${this.unit()} ${f.step + 1} of ${this.state.last}`, `Phase ${t.phase.number}: ${t.phase.title}`, longDate(t.date)], { size: 13, color: color.redText, weight: 'bold', caps: true }).objects) add(o);
    // At a table (version 2) a round can come after the phase's beats have run out: the phase then stands for the beat.
    const title = add(fitWidth(kit.text(r, x, 52, t.beat?.title ?? t.phase.title, { size: 30, weight: 'bold' }, 'h1'), MAIN.w));
    const card = add(fitHeight(kit.text(r, x, 60 + title.height, t.beat?.card ?? '', { size: 15, font: 'prose', width: MAIN.w, color: color.prose }, 'p', 'prose'), 96));
    let y = 72 + title.height + card.height;
    this.kicker(add, r, x, y, 'On the table');
    const list = app.dom.group(r, 'The choices on the table', 'ul');
    y += 22;
    // A move at the table (a proposal, a probe, accepting, walking away) is shown after the day's story moves.
    const rows = t.choices.some((c) => c.id === f.chosen.id) ? t.choices : [...t.choices, f.chosen];
    const rowH = Math.min(48, (440 - y) / rows.length);
    for (const c of rows) {
      const chosen = c.id === f.chosen.id;
      const g = add(this.add.graphics());
      g.fillStyle(chosen ? color.panelHi : color.panel, chosen ? 1 : 0.7).fillRoundedRect(x, y, MAIN.w, rowH - 6, 8);
      if (chosen) {
        g.lineStyle(2, color.focus, 1).strokeRoundedRect(x + 1, y + 1, MAIN.w - 2, rowH - 8, 8);
        g.fillStyle(color.red, 1).fillRect(x, y + 6, 4, rowH - 18);
      }
      const li = app.dom.make('li', { class: 'choice' });
      list.append(li);
      if (chosen) {
        li.dataset.chosen = c.id;
        add(kit.text(li, x + MAIN.w - 14, y + 8, 'Chosen', { size: 12, weight: 'bold', color: color.focus, caps: true, align: 'right' }, 'span'));
        li.append(' ');
      }
      add(fitWidth(kit.text(li, x + 16, y + 5, `${c.key}. ${c.label}`, { size: 14, weight: chosen ? 'bold' : '600', color: chosen ? color.text : color.muted }, 'span'), MAIN.w - 140));
      li.append(' ');
      for (const o of line(kit, li, x + 16, y + 25, c.tradeoffs.length ? c.tradeoffs : [c.text], { size: 11, italic: true, color: color.muted }, { maxW: MAIN.w - 140 }).objects) add(o);
      y += rowH;
    }
    y += 8;
    this.kicker(add, r, x, y, 'What followed');
    y += 22;
    const followed = app.dom.group(r, 'What followed', 'ul');
    const lines = [
      // At a table, the Department answers first; then the stakeholders react.
      ...(f.answer ? [{ text: f.answer, note: [] as string[], wrap: true }] : []),
      ...f.news.map((n) => ({ text: `${n.stakeholderName}: ${n.headline}`, note: [`chance ${Math.round(n.chance * 100)}%, rolled ${Math.round(n.roll * 100)}`, ...(n.hypothetical ? ['hypothetical'] : [])] })),
      ...(f.nextPhase ? [{ text: `A new phase begins: ${f.nextPhase}`, note: [] }] : []),
    ];
    if (!f.news.length && !f.nextPhase) lines.push({ text: 'No stakeholder reacted to this move.', note: [] });
    // As many lines as fit above the scrubber; the rest are counted in a last line ("+ 2 more").
    const rowsFit = Math.max(1, Math.floor((SCRUB.y - 30 - y) / 22) + 1);
    const shown = lines.length > rowsFit ? lines.slice(0, rowsFit - 1) : lines;
    for (const l of shown) {
      const li = app.dom.make('li');
      followed.append(li);
      add(kit.text(null, x + 12, y, '•', { size: 14 }, 'none'));
      // The Department's answer wraps onto a second line; a reaction keeps to one, its odds beside it.
      const t1 = add('wrap' in l && l.wrap ? fitHeight(kit.text(li, x + 28, y, l.text, { size: 14, width: MAIN.w - 40 }, 'span'), 44) : fitWidth(kit.text(li, x + 28, y, l.text, { size: 14 }, 'span'), MAIN.w - 230));
      if (l.note.length) {
        li.append(' ');
        for (const o of line(kit, li, x + MAIN.w, y + 2, l.note, { size: 12, color: color.muted }, { align: 'right' }).objects) add(o);
      }
      y += t1.height + 6;
    }
    if (shown.length < lines.length) add(kit.text(followed, x + 28, y, `+ ${lines.length - shown.length} more`, { size: 13, color: color.muted, italic: true }, 'li'));
  }

  private drawEnd(add: Add) {
    const { kit, app } = this;
    const r = this.frameRegion;
    const x = MAIN.x;
    const e = this.replay.ending;
    const kick = { size: 13, color: color.redText, weight: 'bold', caps: true } as const;
    const where = app.dom.make('p', { class: 'where' });
    r.append(where);
    if (e) {
      for (const o of line(kit, where, x, 30, ['The ending', longDate(e.date)], kick).objects) add(o);
      const title = add(fitWidth(kit.text(r, x, 52, e.title, { size: 46, weight: 'bold' }, 'h1'), MAIN.w));
      const why = e.why ? add(kit.text(r, x, 64 + title.height, `Why: ${e.why}`, { size: 16, weight: '600', width: MAIN.w }, 'p')) : null;
      const whyH = why?.height ?? 0;
      const sum = add(fitHeight(kit.text(r, x, 76 + title.height + whyH, e.summary, { size: 16, font: 'prose', width: MAIN.w, color: color.prose }, 'p', 'prose'), 250));
      const y = 96 + title.height + whyH + sum.height;
      add(kit.text(r, x, y, `Final state hash: ${this.replay.hash}`, { size: 15, weight: 'bold' }, 'p', 'hash'));
      add(kit.text(r, x, y + 28, `${plural(e.news.length, 'reaction')} over ${plural(this.replay.frames.length, 'choice')}. Step back to any beat and change its choice to see what else the same dice allow.`, { size: 13, color: color.muted, width: MAIN.w }, 'p'));
      const top = y + 72;
      if (SCRUB.y - 30 - top > 120) {
        const meters = this.app.session!.scenario.meters;
        const series: Series[] = this.replay.series.map((s) => ({ label: s.label, values: s.values, good: (meters.find((m) => m.id === s.id)?.good ?? 'high') as Good }));
        this.kicker(add, r, x, top, 'The meters over the run');
        const points = series[0]?.values.map((_, k) => (k === 0 ? 'Start' : `After ${k}`)) ?? [];
        for (const o of meterChart(this, kit, { x, y: top + 28, w: MAIN.w - 230, h: SCRUB.y - 40 - top - 28 }, series, { alt: { parent: r, caption: 'The meters at the start and after each choice', points } })) add(o);
        const legend = app.dom.group(r, 'The meters at the end', 'ul');
        const made = chartLegend(kit, legend, x + MAIN.w - 200, top + 30, series, {
          step: 22,
          size: 12,
          width: 200,
          value: (s) => {
            const v = s.values.at(-1) ?? 0;
            return { text: String(v), tone: meterTone(v, s.good ?? 'high') };
          },
        });
        for (const o of made) add(o);
      }
    } else {
      const t = this.replay.stop!;
      for (const o of line(kit, where, x, 30, ['Where the run stops', longDate(t.date)], kick).objects) add(o);
      add(kit.text(r, x, 52, t.beat?.title ?? '', { size: 30, weight: 'bold', width: MAIN.w }, 'h1'));
      add(kit.text(r, x, 100, 'This run was saved before it ended. Play on from here to finish it with the same dice.', { size: 15, color: color.muted, width: MAIN.w }, 'p'));
    }
  }

  /** Each meter: its name, value and change (coloured by which end of it is good for the player), and a bar (described in words). */
  private drawMeters(meters: Meter[], add: Add) {
    const { kit, app } = this;
    const top = this.meterTop;
    const x = SIDE.x + 22;
    const w = SIDE.w - 44;
    const step = Math.min(34, (462 - top) / Math.max(1, meters.length));
    meters.forEach((m, i) => {
      const y = top + i * step;
      const li = app.dom.make('li', { class: 'meter', 'data-meter': m.id });
      this.meterList.append(li);
      add(fitWidth(kit.text(li, x, y, m.label, { size: 12 }, 'span'), w - 70));
      li.append(' ');
      const delta = m.delta ? `${m.delta > 0 ? '+' : ''}${m.delta}` : '';
      const dw = delta ? kit.measure(delta, { size: 12, weight: 'bold' }).width + 6 : 0;
      add(kit.text(li, x + w - dw, y, String(m.value), { size: 12, weight: 'bold', align: 'right' }, 'span'));
      if (delta) {
        li.append(' ');
        add(kit.text(li, x + w, y, delta, { size: 12, weight: 'bold', color: deltaTone(m.delta, m.good), align: 'right' }, 'span'));
      }
      if (m.delta) kit.describe(li, `(${deltaWords(m.delta, m.good)})`, 'span');
      const g = add(this.add.graphics());
      g.fillStyle(color.panel2, 1).fillRoundedRect(x, y + 17, w, 6, 3);
      g.fillStyle(meterTone(m.value, m.good), 1).fillRoundedRect(x, y + 17, Math.max(6, (w * m.value) / 100), 6, 3);
    });
  }

  private branch() {
    const { app } = this;
    const session = app.session!;
    const record = this.data$.record;
    // Two players play on, or choose again, on this device: the side to move takes it first (showRun).
    const play = () => app.showRun();
    if (this.state.atEnd) {
      // An unfinished run: play on with its own record.
      const problem = session.resume(record);
      if (problem) return this.status.say(problem, true);
      play();
      return;
    }
    this.apply(this.state.pause());
    const problem = session.startBranch(record, this.state.step);
    if (problem) return this.status.say(problem, true);
    play();
  }
}
