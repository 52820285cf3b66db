import * as Phaser from 'phaser';
import type { RunRecord } from '../../core/record.ts';
import { recordToCode } from '../../core/record.ts';
import { buildReplay, checkHash, type HashCheck, type Replay as ReplayData, type ReplayFrame } from '../../core/replay.ts';
import { appOf, type App } from '../app.ts';
import { meterChart, SERIES_COLORS } from '../chart.ts';
import { fitHeight, fitWidth, Kit, longDate, plural, relabel, type KitButton } from '../kit.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import { requestFrame } from '../render.ts';
import { downloadRun, replayLink } from '../share.ts';
import { color, css } from '../theme.ts';

export interface ReplayStart {
  record: RunRecord;
  /** The final hash the run is known to have reached (from its code, file or history); null if unknown. */
  expected: string | null;
  /** Where "Back" goes. */
  back?: SceneKey;
  /** The frame to open at (default 0). */
  step?: number;
}

const SPEEDS = [1, 2, 4] as const;
/** Milliseconds a frame stays on screen at 1x. */
const FRAME_MS = 2600;
const MAIN = { x: 40, w: 820 };
const SIDE = { x: 890, w: 350 };
const SCRUB = { x: 40, y: 600, w: 820, h: 36 };

/**
 * The replay viewer: a run watched back beat by beat with the same dice, with play and pause,
 * stepping, speed and a scrubber; it says whether the replay reaches the hash the run reached,
 * and branches ("change this choice") at any beat.
 */
export class Replay extends Phaser.Scene {
  private app!: App;
  private kit!: Kit;
  private data$!: ReplayStart;
  private replay!: ReplayData;
  private check!: HashCheck;
  private code = '';
  private step = 0;
  private playing = false;
  private speed: (typeof SPEEDS)[number] = 1;
  private timer: Phaser.Time.TimerEvent | null = null;
  private layer: Phaser.GameObjects.GameObject[] = [];
  private frameRegion!: HTMLElement;
  private meterList!: HTMLElement;
  private scrubDraw!: Phaser.GameObjects.Graphics;
  private scrub!: HTMLInputElement;
  private scrubFocus = false;
  private stepText!: Phaser.GameObjects.Text;
  private playBtn!: KitButton;
  private backBtn!: KitButton;
  private fwdBtn!: KitButton;
  private branchBtn!: KitButton;
  private speedBtns = new Map<number, KitButton>();
  private status!: Phaser.GameObjects.Text;
  private meterHead!: Phaser.GameObjects.Text;

  constructor() {
    super(SceneKeys.Replay);
  }

  /** Frames: one per choice, then the end (the ending, or where an unfinished run stops). */
  private get last(): number {
    return this.replay.frames.length;
  }

  create(data: ReplayStart) {
    this.app = appOf(this);
    const app = this.app;
    const session = app.session!;
    this.data$ = data;
    this.layer = [];
    this.speedBtns.clear();
    this.playing = false;
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
    this.step = Math.max(0, Math.min(this.last, data.step ?? 0));
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
    this.show(this.step, false);

    app.keys((e) => {
      if (e.target instanceof HTMLButtonElement && (e.key === ' ' || e.key === 'Enter')) return false;
      if (e.key === 'ArrowRight') return this.go(this.step + 1), true;
      if (e.key === 'ArrowLeft') return this.go(this.step - 1), true;
      if (e.key === 'Home') return this.go(0), true;
      if (e.key === 'End') return this.go(this.last), true;
      if (e.key === ' ' || e.key === 'k') return this.toggle(), true;
      return false;
    });
    app.dom.announce(`Replay of seed ${data.record.seed}. ${this.check.message}`);
    if (app.notice) {
      this.say(app.notice, true);
      app.notice = null;
    }
  }

  private controls() {
    const { kit, app } = this;
    const group = app.dom.group(kit.root, 'Playback', 'div', 'playback');
    this.scrubDraw = this.add.graphics();
    const scrub = (this.scrub = app.dom.make('input', {
      type: 'range',
      class: 'hit scrub',
      min: '0',
      max: String(this.last),
      step: '1',
      'aria-label': 'Step of the replay',
      'data-action': 'scrub',
    }));
    scrub.value = String(this.step);
    Object.assign(scrub.style, { left: `${SCRUB.x}px`, top: `${SCRUB.y}px`, width: `${SCRUB.w}px`, height: `${SCRUB.h}px` });
    scrub.addEventListener('input', () => this.go(Number(scrub.value)));
    scrub.addEventListener('focus', () => ((this.scrubFocus = true), this.drawScrub()));
    scrub.addEventListener('blur', () => ((this.scrubFocus = false), this.drawScrub()));
    group.append(scrub);

    const y = 648;
    this.backBtn = kit.button(group, '◀  Back', { x: 40, y, w: 118, h: 44 }, () => this.go(this.step - 1), 'secondary', { data: { action: 'step-back' }, description: 'Left arrow' });
    this.playBtn = kit.button(group, '▶  Play', { x: 166, y, w: 124, h: 44 }, () => this.toggle(), 'primary', { data: { action: 'play' }, description: 'Space' });
    this.fwdBtn = kit.button(group, 'Forward  ▶', { x: 298, y, w: 128, h: 44 }, () => this.go(this.step + 1), 'secondary', { data: { action: 'step-forward' }, description: 'Right arrow' });
    kit.text(null, 446, y + 14, 'Speed', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'none');
    SPEEDS.forEach((s, i) => {
      this.speedBtns.set(s, kit.button(group, `${s}x`, { x: 500 + i * 58, y: y + 4, w: 52, h: 36 }, () => this.setSpeed(s), 'tab', { pressed: s === this.speed, data: { speed: String(s) }, description: `Play at ${s} times speed` }));
    });
    this.stepText = kit.text(null, MAIN.x + MAIN.w, y + 14, '', { size: 14, weight: '600', align: 'right' }, 'none');
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
    kit.text(region, x + 22, 94, `${d.record.choices.length} choice${d.record.choices.length === 1 ? '' : 's'} · ends: ${end}`, { size: 13, color: color.muted, width: SIDE.w - 44 }, 'p');

    // The hash check, in the colours of its verdict.
    const c = this.check;
    const tone = c.status === 'match' ? color.up : c.status === 'mismatch' ? color.red : color.gold;
    const head = c.status === 'match' ? '✓  Same run: hash matches' : c.status === 'mismatch' ? '✗  Not the same run' : 'Hash not checked';
    const msg = this.add.text(x + 38, 150, c.message, kit.style({ size: 12, width: SIDE.w - 76, color: color.text })).setDepth(1);
    fitHeight(msg, 100);
    const boxH = 40 + msg.height + 12;
    kit.panel(x + 22, 120, SIDE.w - 44, boxH, c.status === 'mismatch' ? 0x2a1618 : c.status === 'match' ? 0x12291f : 0x2a2412, tone, 8);
    kit.text(null, x + 38, 128, head, { size: 13, weight: 'bold', color: tone }, 'none').setDepth(1);
    const p = app.dom.text(region, `${head}. ${c.message}`, 'hash-check');
    p.dataset.status = c.status;
    if (c.status === 'mismatch') p.setAttribute('role', 'alert');

    const my = 120 + boxH + 16;
    this.meterHead = kit.text(region, x + 22, my, 'Meters after this step', { size: 12, color: color.muted, weight: 'bold', caps: true }, 'h3');
    this.meterList = app.dom.group(region, 'Meters after this step', 'ul');
    this.data.set('meterTop', my + 24);

    const actions = app.dom.group(kit.root, 'Share and branch', 'div');
    this.branchBtn = kit.button(actions, 'Change this choice', { x: x + 22, y: 470, w: SIDE.w - 44, h: 56 }, () => this.branch(), 'primary', {
      sub: 'same seed, same dice: you choose again here',
      data: { action: 'branch' },
    });
    const half = (SIDE.w - 54) / 2;
    kit.button(actions, 'Copy code', { x: x + 22, y: 538, w: half, h: 40 }, () => void this.copy(this.code, 'code'), 'secondary', { data: { action: 'copy-code' } });
    kit.button(actions, 'Copy link', { x: x + 32 + half, y: 538, w: half, h: 40 }, () => void this.copy(replayLink(this.code), 'link'), 'secondary', { data: { action: 'copy-link' } });
    kit.button(actions, 'Export run file', { x: x + 22, y: 586, w: SIDE.w - 44, h: 40 }, () => this.export(), 'secondary', { data: { action: 'export' } });
    this.status = kit.text(null, x + 22, 632, '', { size: 12, color: color.up, width: SIDE.w - 44 }, 'none');
    const back = d.back ?? SceneKeys.Title;
    kit.button(actions, back === SceneKeys.Runs ? 'Back to run history' : back === SceneKeys.Ending ? 'Back to the debrief' : 'Title screen', { x: x + 22, y: 652, w: SIDE.w - 44, h: 36 }, () => app.go(back), 'quiet', {
      data: { action: 'back' },
    });
    app.dom.text(actions, `Replay code: ${this.code}`, 'code');
  }

  private setSpeed(s: (typeof SPEEDS)[number]) {
    this.speed = s;
    for (const [k, b] of this.speedBtns) b.setSelected(k === s);
    if (this.playing) this.schedule();
    this.app.dom.announce(`Speed ${s}x`);
  }

  private toggle() {
    if (this.playing) return this.pause();
    if (this.step >= this.last) this.go(0);
    this.playing = true;
    relabel(this.playBtn, '❚❚  Pause');
    this.playBtn.el.dataset.action = 'pause';
    this.schedule();
  }

  private pause() {
    this.playing = false;
    this.timer?.remove();
    this.timer = null;
    relabel(this.playBtn, '▶  Play');
    this.playBtn.el.dataset.action = 'play';
  }

  private schedule() {
    this.timer?.remove();
    this.timer = this.time.addEvent({
      delay: FRAME_MS / this.speed,
      loop: true,
      callback: () => {
        if (this.step >= this.last) this.pause();
        else this.show(this.step + 1, true);
        if (this.step >= this.last) this.pause();
      },
    });
  }

  /** Moves to a frame by the player's hand (pausing playback). */
  private go(step: number) {
    if (this.playing) this.pause();
    const s = Math.max(0, Math.min(this.last, step));
    if (s !== this.step || this.layer.length === 0) this.show(s, true);
  }

  private drawScrub() {
    const g = this.scrubDraw;
    g.clear();
    const y = SCRUB.y + SCRUB.h / 2;
    const n = this.last;
    const px = (i: number) => SCRUB.x + 10 + ((SCRUB.w - 20) * i) / Math.max(1, n);
    g.lineStyle(4, color.line, 1).lineBetween(px(0), y, px(n), y);
    g.lineStyle(4, color.red, 1).lineBetween(px(0), y, px(this.step), y);
    for (let i = 0; i <= n; i++) {
      const past = i <= this.step;
      const fired = i < n && this.replay.frames[i]!.news.length > 0;
      g.fillStyle(past ? color.red : color.panel2, 1).fillCircle(px(i), y, i === n ? 6 : 4);
      if (fired) g.fillStyle(color.blue, 1).fillCircle(px(i), y - 11, 2.5);
    }
    g.fillStyle(color.text, 1).fillCircle(px(this.step), y, 9);
    g.lineStyle(this.scrubFocus ? 3 : 2, this.scrubFocus ? color.focus : color.red, 1).strokeCircle(px(this.step), y, 9);
  }

  private show(step: number, animate: boolean) {
    // Called by the playback timer too: the loop may have just woken for it, or be about to sleep.
    requestFrame();
    this.step = step;
    const { kit, app } = this;
    for (const o of this.layer) o.destroy();
    this.layer = [];
    const add = <T extends Phaser.GameObjects.GameObject>(o: T): T => (this.layer.push(o), o);
    this.frameRegion.replaceChildren();
    this.scrub.value = String(step);
    this.scrub.setAttribute('aria-valuetext', step < this.last ? `Beat ${step + 1} of ${this.last}` : 'The end');
    app.dom.app.dataset.replayStep = String(step);
    this.drawScrub();
    this.stepText.setText(step < this.last ? `Beat ${step + 1} of ${this.last}` : this.replay.ending ? 'The ending' : 'Where the run stops');
    this.backBtn.el.disabled = step === 0;
    this.fwdBtn.el.disabled = step === this.last;
    this.backBtn.label.setAlpha(step === 0 ? 0.45 : 1);
    this.fwdBtn.label.setAlpha(step === this.last ? 0.45 : 1);

    const frame = this.replay.frames[step];
    const endFrame = !frame;
    this.meterHead.setText((endFrame ? 'Meters at the end' : 'Meters after this step').toUpperCase());
    relabel(this.branchBtn, endFrame && !this.replay.ending ? 'Play on from here' : 'Change this choice');
    this.branchBtn.el.disabled = endFrame && this.replay.ending !== null;
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

  private drawFrame(f: ReplayFrame, add: <T extends Phaser.GameObjects.GameObject>(o: T) => T) {
    const { kit, app } = this;
    const r = this.frameRegion;
    const t = f.table;
    const x = MAIN.x;
    add(this.add.text(x, 30, `Beat ${f.step + 1} of ${this.last} · Phase ${t.phase.number}: ${t.phase.title} · ${longDate(t.date)}`, kit.style({ size: 13, color: color.redText, weight: 'bold', caps: true })));
    app.dom.text(r, `Beat ${f.step + 1} of ${this.last}. Phase ${t.phase.number}, ${t.phase.title}. ${longDate(t.date)}.`);
    const title = add(fitWidth(this.add.text(x, 52, t.beat!.title, kit.style({ size: 30, weight: 'bold' })), MAIN.w));
    app.dom.heading(r, 1, t.beat!.title);
    const card = add(fitHeight(this.add.text(x, 60 + title.height, t.beat!.card, kit.style({ size: 15, font: 'prose', width: MAIN.w, color: 0xd3dbe6 })), 96));
    app.dom.text(r, t.beat!.card, 'prose');
    let y = 72 + title.height + card.height;
    add(this.add.text(x, y, 'On the table', kit.style({ size: 12, color: color.muted, weight: 'bold', caps: true })));
    app.dom.heading(r, 2, 'On the table');
    const list = app.dom.group(r, 'The choices on the table', 'ul');
    y += 22;
    const rowH = Math.min(48, (440 - y) / t.choices.length);
    for (const c of t.choices) {
      const chosen = c.id === f.chosen.id;
      const g = add(this.add.graphics());
      g.fillStyle(chosen ? color.panelHi : color.panel, chosen ? 1 : 0.7).fillRoundedRect(x, y, MAIN.w, rowH - 6, 8);
      if (chosen) {
        g.lineStyle(2, color.focus, 1).strokeRoundedRect(x + 1, y + 1, MAIN.w - 2, rowH - 8, 8);
        g.fillStyle(color.red, 1).fillRect(x, y + 6, 4, rowH - 18);
      }
      const label = add(fitWidth(this.add.text(x + 16, y + 5, `${c.key}. ${c.label}`, kit.style({ size: 14, weight: chosen ? 'bold' : '600', color: chosen ? color.text : color.muted })), MAIN.w - 140));
      void label;
      add(fitWidth(this.add.text(x + 16, y + 25, c.tradeoffs.join(' · '), kit.style({ size: 11, italic: true, color: color.muted })), MAIN.w - 140));
      if (chosen) add(this.add.text(x + MAIN.w - 14, y + 8, 'Chosen', kit.style({ size: 12, weight: 'bold', color: color.focus, caps: true })).setOrigin(1, 0));
      const li = app.dom.item(list, `${chosen ? 'Chosen: ' : ''}${c.label}. Trade-offs: ${c.tradeoffs.join('; ')}.`);
      if (chosen) li.dataset.chosen = c.id;
      y += rowH;
    }
    y += 8;
    add(this.add.text(x, y, 'What followed', kit.style({ size: 12, color: color.muted, weight: 'bold', caps: true })));
    app.dom.heading(r, 2, 'What followed');
    y += 22;
    const followed = app.dom.group(r, 'What followed', 'ul');
    const lines = [
      ...f.news.map((n) => ({
        text: `${n.stakeholderName}: ${n.headline}`,
        note: `chance ${Math.round(n.chance * 100)}%, rolled ${Math.round(n.roll * 100)}${n.hypothetical ? ' · hypothetical' : ''}`,
      })),
      ...(f.nextPhase ? [{ text: `A new phase begins: ${f.nextPhase}`, note: '' }] : []),
    ];
    if (!lines.length) lines.push({ text: 'No stakeholder reacted to this move.', note: '' });
    for (const l of lines) {
      if (y > SCRUB.y - 30) break;
      const t1 = add(fitWidth(this.add.text(x + 12, y, `•  ${l.text}`, kit.style({ size: 14 })), MAIN.w - 200));
      if (l.note) add(this.add.text(x + MAIN.w, y + 2, l.note, kit.style({ size: 12, color: color.muted })).setOrigin(1, 0));
      y += t1.height + 6;
    }
    for (const l of lines) app.dom.item(followed, l.note ? `${l.text} (${l.note})` : l.text);
  }

  private drawEnd(add: <T extends Phaser.GameObjects.GameObject>(o: T) => T) {
    const { kit, app } = this;
    const r = this.frameRegion;
    const x = MAIN.x;
    const e = this.replay.ending;
    if (e) {
      add(this.add.text(x, 30, `The ending · ${longDate(e.date)}`, kit.style({ size: 13, color: color.redText, weight: 'bold', caps: true })));
      const title = add(this.add.text(x, 52, e.title, kit.style({ size: 46, weight: 'bold' })));
      app.dom.heading(r, 1, `The ending: ${e.title}`);
      const why = add(this.add.text(x, 64 + title.height, e.why ? `Why: ${e.why}` : '', kit.style({ size: 16, weight: '600', width: MAIN.w })));
      if (e.why) app.dom.text(r, `Why: ${e.why}`);
      const sum = add(fitHeight(this.add.text(x, 76 + title.height + why.height, e.summary, kit.style({ size: 16, font: 'prose', width: MAIN.w, color: 0xd3dbe6 })), 250));
      app.dom.text(r, e.summary, 'prose');
      const y = 96 + title.height + why.height + sum.height;
      add(this.add.text(x, y, `Final state hash: ${this.replay.hash}`, kit.style({ size: 15, weight: 'bold' })));
      app.dom.text(r, `Final state hash: ${this.replay.hash}`, 'hash');
      add(this.add.text(x, y + 28, `${plural(e.news.length, 'reaction')} over ${plural(this.replay.frames.length, 'choice')}. Step back to any beat and change its choice to see what else the same dice allow.`, kit.style({ size: 13, color: color.muted, width: MAIN.w })));
      const series = this.replay.series;
      const top = y + 72;
      if (SCRUB.y - 30 - top > 120) {
        add(this.add.text(x, top, 'The meters over the run', kit.style({ size: 12, color: color.muted, weight: 'bold', caps: true })));
        for (const o of meterChart(this, kit, { x, y: top + 28, w: MAIN.w - 230, h: SCRUB.y - 40 - top - 28 }, series)) add(o);
        series.forEach((sr, k) => {
          const ly = top + 30 + k * 22;
          add(this.add.graphics()).fillStyle(SERIES_COLORS[k % SERIES_COLORS.length]!, 1).fillRect(x + MAIN.w - 200, ly + 6, 14, 4);
          add(fitWidth(this.add.text(x + MAIN.w - 180, ly, `${sr.label} ${sr.values.at(-1)}`, kit.style({ size: 12 })), 180));
        });
      }
    } else {
      const t = this.replay.stop!;
      add(this.add.text(x, 30, `Where the run stops · ${longDate(t.date)}`, kit.style({ size: 13, color: color.redText, weight: 'bold', caps: true })));
      add(this.add.text(x, 52, t.beat?.title ?? '', kit.style({ size: 30, weight: 'bold', width: MAIN.w })));
      app.dom.heading(r, 1, `The run stops unfinished at: ${t.beat?.title ?? ''}`);
      const note = 'This run was saved before it ended. Play on from here to finish it with the same dice.';
      add(this.add.text(x, 100, note, kit.style({ size: 15, color: color.muted, width: MAIN.w })));
      app.dom.text(r, note);
    }
  }

  private drawMeters(meters: (ReplayFrame['meters'][number])[], add: <T extends Phaser.GameObjects.GameObject>(o: T) => T) {
    const { kit, app } = this;
    this.meterList.replaceChildren();
    const top = this.data.get('meterTop') as number;
    const x = SIDE.x + 22;
    const w = SIDE.w - 44;
    const step = Math.min(34, (462 - top) / Math.max(1, meters.length));
    meters.forEach((m, i) => {
      const y = top + i * step;
      add(fitWidth(this.add.text(x, y, m.label, kit.style({ size: 12 })), w - 70));
      const d = m.delta ? ` ${m.delta > 0 ? '+' : ''}${m.delta}` : '';
      add(this.add.text(x + w, y, `${m.value}${d}`, kit.style({ size: 12, weight: 'bold', color: m.delta > 0 ? color.up : m.delta < 0 ? color.down : color.text })).setOrigin(1, 0));
      const g = add(this.add.graphics());
      g.fillStyle(color.panel2, 1).fillRoundedRect(x, y + 17, w, 6, 3);
      g.fillStyle(m.value < 25 ? color.red : m.value < 50 ? 0xe0a35a : 0x7fb2e6, 1).fillRoundedRect(x, y + 17, Math.max(6, (w * m.value) / 100), 6, 3);
      app.dom.item(this.meterList, `${m.label}: ${m.value}${m.delta ? ` (${m.delta > 0 ? 'up' : 'down'} ${Math.abs(m.delta)})` : ''}`);
    });
  }

  private branch() {
    const { app } = this;
    const session = app.session!;
    const record = this.data$.record;
    if (this.step >= this.last) {
      // An unfinished run: play on with its own record.
      const problem = session.resume(record);
      if (problem) return this.say(problem, true);
      app.go(SceneKeys.Table);
      return;
    }
    this.pause();
    const problem = session.startBranch(record, this.step);
    if (problem) return this.say(problem, true);
    app.go(SceneKeys.Table);
  }

  private async copy(text: string, what: 'code' | 'link') {
    if (await this.app.copy(text, `Replay ${what}`)) this.say(`The replay ${what} is copied.`, false);
    else this.say('The browser blocked copying: copy it from the box.', true);
  }

  private export() {
    try {
      downloadRun(this.app.session!.scenario, this.data$.record);
      this.say('The run file is downloading.', false);
    } catch (e) {
      this.say(`The run file could not be made: ${(e as Error).message}`, true);
    }
  }

  private say(text: string, problem: boolean) {
    fitWidth(this.status.setText(text), SIDE.w - 44);
    this.status.setColor(css(problem ? color.redText : color.up));
    this.app.dom.announce(text);
  }
}
