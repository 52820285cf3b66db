/**
 * The one bridge between the UI and the core. Scenes send the player's choice here and draw the
 * views it returns; every rule, number and text comes from src/core and the scenario.
 */
import { createActor, type Actor } from 'xstate';
import { stateHash } from '../core/hash.ts';
import { recordToCode, type RunRecord } from '../core/record.ts';
import { checkSeed, machineOf, replayRecord } from '../core/run.ts';
import type { Scenario } from '../core/schema.ts';
import {
  briefingView,
  endingView,
  phaseView,
  sourcesView,
  tableView,
  type EndingView,
  type Level,
  type NewsView,
  type PhaseView,
  type TableView,
} from '../core/view.ts';
import type { NegotiationMachine } from '../core/machine.ts';
import type { RunContext } from '../core/rules.ts';

const SAVE_KEY = 'red-lines:run';
const SAVE_FORMAT = 1;

/** What changed with the last choice, for the scenes to animate. */
export interface ChoiceOutcome {
  news: NewsView[];
  phaseChanged: boolean;
  ended: boolean;
}

export class Session {
  private actor: Actor<NegotiationMachine> | null = null;
  readonly machine: NegotiationMachine;
  /** Set when the last save failed, for the UI to show. */
  saveProblem: string | null = null;

  constructor(readonly scenario: Scenario) {
    this.machine = machineOf(scenario);
  }

  get running(): boolean {
    return this.actor !== null;
  }

  get context(): RunContext {
    if (!this.actor) throw new Error('no run');
    return this.actor.getSnapshot().context;
  }

  get value(): string {
    return this.actor!.getSnapshot().value as string;
  }

  get done(): boolean {
    return this.actor?.getSnapshot().status === 'done';
  }

  /** Starts a run; returns an error message for a seed that cannot be used. */
  start(seedText: string): string | null {
    const seed = checkSeed(seedText);
    if (!seed.ok) return seed.message;
    this.actor?.stop();
    this.actor = createActor(this.machine, { input: { seed: seed.seed } }).start();
    this.save();
    return null;
  }

  /** Resumes a run from its record, replaying every choice with the same dice. */
  resume(record: RunRecord): string | null {
    const r = replayRecord(this.scenario, record);
    if (!r.ok) return r.error.message;
    this.actor?.stop();
    this.actor = createActor(this.machine, { snapshot: r.snapshot, input: { seed: record.seed } }).start();
    return null;
  }

  choose(choice: string): ChoiceOutcome {
    const before = this.context;
    this.actor!.send({ type: 'choose', choice });
    const after = this.context;
    this.save();
    const known = before.timeline.length;
    const fresh = after.timeline.slice(known).filter((e) => e.kind === 'roll' && e.fired).length;
    const news = this.table().news;
    return { news: news.slice(news.length - fresh), phaseChanged: after.phase !== before.phase && !this.done, ended: this.done };
  }

  record(): RunRecord {
    const c = this.context;
    return { scenario: c.scenario, version: c.version, seed: c.seed, choices: c.choices };
  }

  code(): string {
    return recordToCode(this.scenario, this.record());
  }

  hash(): string {
    return stateHash(this.value, this.context);
  }

  table(level: Level = 'standard'): TableView {
    return tableView(this.scenario, this.context, level);
  }

  phase(level: Level = 'standard'): PhaseView {
    return phaseView(this.scenario, this.context.phase, this.context.day, level);
  }

  ending(level: Level = 'standard'): EndingView | null {
    return endingView(this.scenario, this.context, level);
  }

  briefing(level: Level = 'standard') {
    return briefingView(this.scenario, level);
  }

  sources() {
    return sourcesView(this.scenario);
  }

  private save() {
    try {
      localStorage.setItem(SAVE_KEY, JSON.stringify({ format: SAVE_FORMAT, ...this.record(), ended: this.done }));
      this.saveProblem = null;
    } catch {
      this.saveProblem = 'This run could not be saved (browser storage is full or blocked). You can keep playing; copy the replay code to keep it.';
    }
  }

  /** The saved run, if there is one this game can resume; a damaged save is reported, never deleted. */
  static saved(): { record: RunRecord; ended: boolean } | { problem: string } | null {
    let raw: string | null;
    try {
      raw = localStorage.getItem(SAVE_KEY);
    } catch {
      return { problem: 'Browser storage cannot be read, so the last run cannot be continued.' };
    }
    if (raw === null) return null;
    try {
      const d = JSON.parse(raw) as Record<string, unknown>;
      if (d.format !== SAVE_FORMAT) return { problem: `The saved run has save format ${String(d.format)}; this game reads format ${SAVE_FORMAT}.` };
      if (typeof d.scenario !== 'string' || typeof d.version !== 'number' || typeof d.seed !== 'string' || !Array.isArray(d.choices) || !d.choices.every((c) => typeof c === 'string')) {
        return { problem: 'The saved run is damaged (a field is missing or of the wrong kind).' };
      }
      return { record: { scenario: d.scenario, version: d.version, seed: d.seed, choices: d.choices as string[] }, ended: d.ended === true };
    } catch {
      return { problem: 'The saved run is damaged (it is not valid JSON).' };
    }
  }
}

/** A fresh seed for a new run: short, readable, shown on screen (not game randomness). */
export function freshSeed(): string {
  const a = new Uint32Array(2);
  crypto.getRandomValues(a);
  const s = (a[0]!.toString(36) + a[1]!.toString(36)).replace(/[^a-z0-9]/g, '');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}`;
}
