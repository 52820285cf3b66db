/**
 * Render on demand. Phaser's loop (a TimeStep) would otherwise step and redraw the whole canvas
 * every animation frame, even on a screen where nothing moves; in software WebGL that keeps the
 * main thread busy all the time. The scheduler puts the loop to sleep a few frames after the last
 * change, once no tween is running and no scene is loading or switching, and wakes it on demand:
 *
 * - any input on the page (pointer, key, focus, wheel, form input), a resize (of the window or of
 *   the canvas's parent), an orientation or visibility change, fonts that finish loading;
 * - any change to what the canvas shows that can be seen centrally: a text set or restyled, a
 *   graphics cleared (every redraw starts so), a game object added to or removed from a scene, a
 *   texture added, a tween or a timer created, a scene started;
 * - the next timer event due (the replay viewer's playback, the class's decision timer): the loop
 *   sleeps between a timer's ticks and wakes when the next one is due;
 * - and `requestFrame()`, which the kit, the app's screen switch and anything else may call.
 *
 * Sleeping does not disturb Phaser's time. The loop's first step after a wake measures its delta
 * from the wake, not from the last frame drawn. The time slept is credited to the scenes' timers
 * (up to the time the first of them was due, as the loop's own delta cap would), so they keep to
 * the wall clock. And each scene's tween clock, which runs on Date.now(), is moved on by the time
 * slept (no tween runs while the loop sleeps), so a tween started after a wake starts from its
 * beginning instead of jumping ahead.
 *
 * For the browser tests (as the rest of the page's test hooks, on #app): `data-render` ("awake" or
 * "asleep"), `data-render-frames` (frames drawn so far, written at each sleep and wake) and
 * `data-render-wakes`.
 */
import * as Phaser from 'phaser';

/** Frames drawn after the last change before the loop may sleep. */
const SETTLE_FRAMES = 3;
/** A timer due sooner than this keeps the loop awake. */
const MIN_NAP_MS = 50;
const INPUT_EVENTS = ['pointerdown', 'pointerup', 'pointermove', 'pointerover', 'pointerout', 'pointercancel', 'keydown', 'keyup', 'focusin', 'focusout', 'wheel', 'input', 'change', 'click'] as const;

/** What the scheduler reads of Phaser's own bookkeeping (tween clocks, timer events, the scene queue). */
interface TweenClock {
  prevTime: number;
  startTime: number;
  tweens: unknown[];
}
interface TimerEvent {
  paused: boolean;
  elapsed: number;
  delay: number;
  timeScale: number;
}
interface TimerClock {
  paused: boolean;
  timeScale: number;
  _active: TimerEvent[];
  _pendingInsertion: unknown[];
}

let current: RenderScheduler | null = null;

/** Asks for the canvas to be drawn again (and the loop to run until things settle). Safe to call at any time. */
export function requestFrame(): void {
  current?.request();
}

export class RenderScheduler {
  asleep = false;
  /** Frames drawn since the game started. */
  frames = 0;
  wakes = 0;
  /** Frames drawn since the last change. */
  private quiet = 0;
  private wakeQueued = false;
  private sleptAt = 0;
  /** When the loop went to sleep, how long until the first timer event was due (Infinity: none). */
  private dueIn = Infinity;
  private alarm: ReturnType<typeof setTimeout> | null = null;
  private readonly loop: Phaser.Core.TimeStep;

  constructor(
    private readonly game: Phaser.Game,
    private readonly report: HTMLElement | null = null,
  ) {
    this.loop = game.loop;
    current = this;
    hookPhaser();
    const wake = () => this.request();
    for (const type of INPUT_EVENTS) addEventListener(type, wake, { capture: true, passive: true });
    addEventListener('resize', wake);
    addEventListener('orientationchange', wake);
    document.addEventListener('visibilitychange', wake);
    document.fonts?.addEventListener('loadingdone', wake);
    game.events.on('postrender', () => this.afterFrame());
    game.textures.on('addtexture', wake);
    // Scenes exist once the game is ready (the scene manager boots them on the same event, first).
    game.events.once('ready', () => {
      for (const s of game.scene.scenes) {
        for (const name of ['addedtoscene', 'removedfromscene', 'start', 'create', 'wake', 'resume', 'shutdown']) s.sys.events.on(name, wake);
      }
      // Phaser notices a resized parent by polling it every 500 ms of loop time, which a sleeping
      // loop does not run (the text view hides the canvas's parent without any window resize).
      const parent = game.scale.parent as HTMLElement | null;
      if (parent && typeof ResizeObserver === 'function') {
        new ResizeObserver(() => {
          game.scale.dirty = true;
          this.request();
        }).observe(parent);
      }
    });
    this.show();
  }

  /** Something changed: draw at least SETTLE_FRAMES more frames, waking the loop at the next animation frame if it sleeps. */
  request() {
    this.quiet = 0;
    if (!this.asleep || this.wakeQueued) return;
    this.wakeQueued = true;
    // TimeStep.wake() runs one step at once; called from an animation frame, that step is this frame's.
    requestAnimationFrame(() => this.wake());
  }

  private wake() {
    this.wakeQueued = false;
    if (!this.asleep) return;
    this.asleep = false;
    this.wakes++;
    if (this.alarm !== null) clearTimeout(this.alarm);
    this.alarm = null;
    const slept = performance.now() - this.sleptAt;
    // Timers keep to the wall clock: the time slept counts, up to the first one due.
    const credit = Math.min(slept, this.dueIn + 1);
    const now = Date.now();
    for (const s of this.game.scene.scenes) {
      const clock = s.time as unknown as TimerClock | undefined;
      if (clock && !clock.paused && s.sys.settings.status === Phaser.Scenes.RUNNING) {
        for (const e of clock._active) if (!e.paused) e.elapsed += credit * clock.timeScale * e.timeScale;
      }
      // Tween clocks run on Date.now() and would count the time slept as one long frame.
      const tm = s.tweens as unknown as TweenClock | undefined;
      if (tm && now > tm.prevTime) {
        tm.startTime += now - tm.prevTime;
        tm.prevTime = now;
      }
    }
    // The loop's first step measures its delta from lastTime: from now, not from the last frame drawn.
    (this.loop as unknown as { lastTime: number }).lastTime = performance.now();
    this.loop.wake();
    this.show();
  }

  private afterFrame() {
    this.frames++;
    this.quiet++;
    if (this.quiet < SETTLE_FRAMES || this.busy()) return;
    const due = this.nextTimer();
    if (due < MIN_NAP_MS) return;
    this.asleep = true;
    this.sleptAt = performance.now();
    this.dueIn = due;
    this.loop.sleep();
    if (due !== Infinity) this.alarm = setTimeout(() => ((this.alarm = null), this.request()), due);
    this.show();
  }

  /** Whether the loop must keep stepping: a tween is live, a timer is being added, a scene is loading or switching. */
  private busy(): boolean {
    const mgr = this.game.scene as unknown as { _queue: unknown[]; isProcessing: boolean };
    if (mgr._queue.length || mgr.isProcessing) return true;
    for (const s of this.game.scene.scenes) {
      const status = s.sys.settings.status;
      if (status >= Phaser.Scenes.START && status <= Phaser.Scenes.CREATING) return true;
      if (status !== Phaser.Scenes.RUNNING) continue;
      if (s.load?.isLoading()) return true;
      const tm = s.tweens as unknown as TweenClock | undefined;
      if (tm && tm.tweens.length) return true;
      const clock = s.time as unknown as TimerClock | undefined;
      if (clock && clock._pendingInsertion.length) return true;
    }
    return false;
  }

  /** Milliseconds until the first timer event of a running scene is due (Infinity: none is pending). */
  private nextTimer(): number {
    let due = Infinity;
    for (const s of this.game.scene.scenes) {
      if (s.sys.settings.status !== Phaser.Scenes.RUNNING) continue;
      const clock = s.time as unknown as TimerClock | undefined;
      if (!clock || clock.paused) continue;
      for (const e of clock._active) {
        const rate = clock.timeScale * e.timeScale;
        if (e.paused || rate <= 0) continue;
        due = Math.min(due, Math.max(0, e.delay - e.elapsed) / rate);
      }
    }
    return due;
  }

  private show() {
    const r = this.report;
    if (!r) return;
    r.dataset.render = this.asleep ? 'asleep' : 'awake';
    r.dataset.renderWakes = String(this.wakes);
    r.dataset.renderFrames = String(this.frames);
  }
}

let hooked = false;

/** Wraps the Phaser methods through which the screens change the canvas, so that each requests a frame. */
function hookPhaser() {
  if (hooked) return;
  hooked = true;
  const wrap = (proto: object, names: string[]) => {
    const p = proto as Record<string, unknown>;
    for (const name of names) {
      const fn = p[name];
      if (typeof fn !== 'function') continue;
      p[name] = function (this: unknown, ...args: unknown[]) {
        requestFrame();
        return (fn as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
  };
  // Text: setText, setStyle, setColor, setFont... all end in updateText.
  wrap(Phaser.GameObjects.Text.prototype, ['updateText']);
  // Graphics: every redraw starts with clear(); new graphics are caught as objects added to a scene.
  wrap(Phaser.GameObjects.Graphics.prototype, ['clear']);
  wrap(Phaser.Tweens.TweenManager.prototype, ['add', 'addCounter', 'chain', 'existing']);
  wrap(Phaser.Time.Clock.prototype, ['addEvent']);
}
