/**
 * What the replay viewer shows, without Phaser: the frame (0 to `last`: one per choice, then the
 * end), whether it plays, and at what speed; and the moves between them. The view (scenes/Replay.ts)
 * draws the frame and runs the playback timer; it asks this holder what each key, button and tick
 * does, and redraws what a move says changed.
 */

export const SPEEDS = [1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** Milliseconds a frame stays on screen at 1x. */
export const FRAME_MS = 2600;

/** What a move changed, for the view to redraw. */
export interface Change {
  step: boolean;
  playing: boolean;
  speed: boolean;
}

const none = (): Change => ({ step: false, playing: false, speed: false });

export class ReplayState {
  step: number;
  playing = false;
  speed: Speed = 1;

  /** `last`: the end frame (the number of choices); `step`: the frame to open at. */
  constructor(
    readonly last: number,
    step = 0,
  ) {
    this.step = this.clamp(step);
  }

  get atStart(): boolean {
    return this.step === 0;
  }

  get atEnd(): boolean {
    return this.step >= this.last;
  }

  /** How long a frame stays on screen while playing. */
  get frameMs(): number {
    return FRAME_MS / this.speed;
  }

  private clamp(step: number): number {
    return Math.max(0, Math.min(this.last, step));
  }

  /** Moves to a frame by the player's hand: playback pauses. */
  go(step: number): Change {
    const c = none();
    if (this.playing) {
      this.playing = false;
      c.playing = true;
    }
    const s = this.clamp(step);
    if (s !== this.step) {
      this.step = s;
      c.step = true;
    }
    return c;
  }

  /** Play or pause; playing from the end starts again from the first frame. */
  toggle(): Change {
    const c = none();
    c.playing = true;
    if (this.playing) {
      this.playing = false;
      return c;
    }
    if (this.atEnd) {
      c.step = this.step !== 0;
      this.step = 0;
    }
    this.playing = true;
    return c;
  }

  pause(): Change {
    const c = none();
    if (this.playing) {
      this.playing = false;
      c.playing = true;
    }
    return c;
  }

  setSpeed(s: Speed): Change {
    const c = none();
    c.speed = s !== this.speed;
    this.speed = s;
    return c;
  }

  /** One beat of playback: the next frame; playback stops at the end. */
  tick(): Change {
    const c = none();
    if (!this.playing) return c;
    if (!this.atEnd) {
      this.step += 1;
      c.step = true;
    }
    if (this.atEnd) {
      this.playing = false;
      c.playing = true;
    }
    return c;
  }
}
