/**
 * The one bridge between the UI and the core. Scenes send the player's choice here and draw the
 * views it returns; every rule, number and text comes from src/core and the scenario. The game
 * may hold several scenarios (and versions of one): the session plays one at a time, and a run
 * resumed from a record (a save, a code, the history) switches to the record's own scenario.
 */
import { findScenario, scenarioChoices, versionsText } from '../core/catalogue.ts';
import { engineOf, eventOf, foldRecord, type Move, type RunState, type TableMove } from '../core/engine.ts';
import { findTableMove } from '../core/bargain.ts';
import { sideScore, talkView, type TalkView } from '../core/talk-view.ts';
import { packageIndexOf } from '../core/talk-words.ts';
import { stateHash } from '../core/hash.ts';
import { recordOf, recordToCode, startOf, type RunRecord } from '../core/record.ts';
import { checkSeed } from '../core/run.ts';
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
import { indexOf, recordMoves, type RunContext } from '../core/rules.ts';
import type { Branch, Save, Seat } from '../core/saves.ts';
import { addRun, loadSave, SAVE_KEY, storeSave, TWO_DEVICES_KEY } from './storage.ts';
import { openTurn, sideToMove, turnCode, TURN_PROBLEM_NAMES } from '../core/turns.ts';
import { canPlayDepartment } from '../core/department-side.ts';
import type { Side } from '../core/negotiation/types.ts';
import { turnLinkOf } from './share.ts';

/** What changed with the last choice, for the scenes to animate. */
export interface ChoiceOutcome {
  news: NewsView[];
  phaseChanged: boolean;
  ended: boolean;
}

export class Session {
  /** Where the run stands: live play runs on the XState engine, the model of the negotiation. */
  private state: RunState | null = null;
  /** The scenario played now. */
  scenario: Scenario;
  /** Set when the last save failed, for the UI to show. */
  saveProblem: string | null = null;
  /** Set when this run is a counterfactual branch of another. */
  branch: Branch | null = null;
  /** A game of two players on two devices: the side this device plays and the move its turn began at. */
  seat: Seat | null = null;

  /** `catalogue`: every scenario (and version) the game has; `initial`: the one played first. */
  constructor(
    readonly catalogue: readonly Scenario[],
    initial: Scenario = scenarioChoices(catalogue)[0]!,
  ) {
    this.scenario = initial;
  }

  /** The newest version of each scenario, for the player to pick from. */
  get choices(): Scenario[] {
    return scenarioChoices(this.catalogue);
  }

  /** Plays another scenario from now on (the current run, saved, is left). */
  use(scenario: Scenario) {
    if (scenario === this.scenario) return;
    this.scenario = scenario;
    this.state = null;
    this.branch = null;
    this.seat = null;
  }

  /** The scenario of an id at a version (the newest when no version is given), or why there is none. */
  find(id: string, version?: number): Scenario | string {
    const v = version ?? Math.max(0, ...this.catalogue.filter((s) => s.id === id).map((s) => s.version));
    const f = findScenario(this.catalogue, id, v);
    if (f.ok) return f.scenario;
    return f.kind === 'unknown-scenario'
      ? `This game has no scenario "${id}" (it has ${f.ids.map((x) => `"${x}"`).join(', ')}).`
      : `This game has no version ${v} of "${id}"; it has ${versionsText(f.versions)}.`;
  }

  /** The live engine (XState), built on first use: the title screen needs no machine. */
  private get engine() {
    return engineOf(this.scenario, 'xstate');
  }

  get running(): boolean {
    return this.state !== null;
  }

  get context(): RunContext {
    if (!this.state) throw new Error('no run');
    return this.state.context;
  }

  get value(): string {
    return this.state!.value;
  }

  get done(): boolean {
    return this.state?.status === 'done';
  }

  /**
   * Starts a run (of `scenario`, else the one played now) on `side`. Playing the lab, `opponent` is
   * a built-in agent in the Department's place (a class may fix one), else the scenario's own
   * Department; playing the Department, it is the lab's agent, else the scenario's default.
   * Returns an error message for a seed (or side) that cannot be used.
   */
  start(seedText: string, scenario: Scenario = this.scenario, opponent: string | null = null, side: Side | 'pair' = 'lab', seat: Seat | null = null): string | null {
    const seed = checkSeed(seedText);
    if (!seed.ok) return seed.message;
    if (side !== 'lab' && !canPlayDepartment(scenario)) return `${scenario.title} (version ${scenario.version}) cannot be played from the Department's side: it has no briefing for it.`;
    this.use(scenario);
    const other = opponent !== null && scenario.negotiation && side !== 'pair' ? opponent : undefined;
    this.state = this.engine.start(startOf({ seed: seed.seed, opponent: other, ...(side !== 'lab' ? { side } : {}) }));
    this.branch = null;
    this.seat = side === 'pair' ? seat : null;
    this.save();
    return null;
  }

  /** A game of two players (on one device or two): its record's side is "pair". */
  get pair(): boolean {
    return this.state?.context.side === 'pair';
  }

  /** The side to move now (in a pair, the lab or the Department by turns), or null when the run has ended. */
  get toMove(): Side | null {
    return this.state ? sideToMove(this.state) : null;
  }

  /** A game on two devices: the turn link of the turn just played, to send to the other player. */
  turnLink(): string {
    return turnLinkOf(turnCode(this.scenario, this.record(), this.seat!.base));
  }

  /**
   * Opens the other player's turn link against the game of two devices this browser holds (or
   * none: then only a game's first link opens). On success the game continues from the link, on
   * the side to move; `first` says the device had no game before (its player reads the briefing
   * first). Otherwise says why, and keeps what was saved.
   */
  openTurn(code: string): { ok: true; first: boolean } | { ok: false; message: string } {
    const saved = Session.saved(TWO_DEVICES_KEY);
    const local = saved && 'save' in saved && !saved.save.ended ? saved.save.record : null;
    // Played on the live engine, so the game goes on from the state the link reached.
    const r = openTurn(code, this.catalogue, local, 'xstate');
    if (!r.ok) return { ok: false, message: `The turn link cannot be opened (${TURN_PROBLEM_NAMES[r.kind]}): ${r.message}` };
    this.use(r.scenario);
    this.state = r.state;
    const mine = r.toMove ?? (saved && 'save' in saved && saved.save.seat ? saved.save.seat.mine : 'lab');
    this.seat = { mine, base: r.record.choices.length };
    this.save();
    if (this.done) this.remember();
    return { ok: true, first: local === null };
  }

  /** Continues the game of two devices this browser holds. */
  resumeTwoDevices(save: Save): string | null {
    const problem = this.resume(save.record);
    if (problem) return problem;
    this.seat = save.seat ?? null;
    return null;
  }

  /** Resumes a run from its record, in the record's own scenario and version, replaying every choice with the same dice. */
  resume(record: RunRecord, branch: Branch | null = null): string | null {
    const scenario = this.find(record.scenario, record.version);
    if (typeof scenario === 'string') return scenario;
    const r = foldRecord(scenario, record, { engine: 'xstate' });
    if (!r.ok) return r.error.message;
    this.use(scenario);
    this.state = r.state;
    this.branch = branch;
    this.seat = null;
    return null;
  }

  /** Starts a counterfactual: the run `from` up to step `at`, same seed, for the player to choose again. */
  startBranch(from: RunRecord, at: number): string | null {
    const problem = this.resume({ ...from, choices: from.choices.slice(0, at) }, { from, at });
    if (!problem) this.save();
    return problem;
  }

  /** At the beat where a branch departs: the choice the original run took there. */
  get originalChoice(): string | null {
    const b = this.branch;
    if (!b || !this.state || recordMoves(this.context).length !== b.at) return null;
    return b.from.choices[b.at] ?? null;
  }

  choose(choice: string): ChoiceOutcome {
    return this.move({ type: 'choose', choice });
  }

  /** Every legal move now (version 2 at a table: story moves, probes, a proposal, accept, walk away). */
  moves(): TableMove[] {
    return this.engine.moves(this.state!);
  }

  /** Makes a move given as its record token ("propose:…", "probe:…", "accept", "walk-away" or a choice id). */
  play(token: string): ChoiceOutcome | string {
    const found = findTableMove(indexOf(this.scenario), this.context, token);
    if ('problem' in found) return found.problem;
    return this.move(eventOf(found.move));
  }

  /** The score (0-100) of a contract to the side played (in a pair, the side to move), one option id per clause (version 2 runs and later). */
  packageScore(pkg: Record<string, string>): number {
    return sideScore(this.scenario, this.context.seed, this.side, packageIndexOf(this.scenario, pkg));
  }

  /** What the table shows of the negotiation (version 2 runs only). */
  talk(level: Level = 'standard'): TalkView {
    return talkView(this.scenario, this.state!, level);
  }

  private move(event: Move): ChoiceOutcome {
    const before = this.context;
    this.state = this.engine.apply(this.state!, event);
    const after = this.context;
    this.save();
    if (this.done) this.remember();
    const known = before.timeline.length;
    const fresh = after.timeline.slice(known).filter((e) => e.kind === 'roll' && e.fired).length;
    const news = this.table().news;
    return { news: news.slice(news.length - fresh), phaseChanged: after.phase !== before.phase && !this.done, ended: this.done };
  }

  record(): RunRecord {
    return recordOf(this.context);
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

  briefing(level: Level = 'standard', side: Side = this.side) {
    return briefingView(this.scenario, level, side);
  }

  /** The side the run plays: the lab, or the Department; in a pair, the side to move (the lab once it has ended). */
  get side(): Side {
    const side = this.state?.context.side;
    if (side === 'pair') return this.toMove ?? 'lab';
    return side === 'department' ? 'department' : 'lab';
  }

  sources() {
    return sourcesView(this.scenario);
  }

  private save() {
    const save: Save = { record: this.record(), ended: this.done, savedAt: new Date().toISOString(), branch: this.branch, ...(this.seat ? { seat: this.seat } : {}) };
    // A game on two devices has its own slot: it never replaces the run in progress, nor that run it.
    this.saveProblem = this.seat ? storeSave(save, TWO_DEVICES_KEY) : storeSave(save);
  }

  /** Adds the finished run to the run history. */
  private remember() {
    const ending = this.ending();
    const problem = addRun({
      record: this.record(),
      ending: this.context.ending,
      endingTitle: ending?.title ?? '',
      hash: this.hash(),
      finishedAt: new Date().toISOString(),
      branch: this.branch,
    });
    if (problem) this.saveProblem = problem;
  }

  /** The saved run (in `key`: the run in progress, or the game on two devices), if there is one this game can resume; a damaged save is reported, never deleted. */
  static saved(key: string = SAVE_KEY): { save: Save } | { problem: string } | null {
    const r = loadSave(key);
    if (r.kind === 'none') return null;
    if (r.kind === 'problem') return { problem: r.message };
    return { save: r.value };
  }
}

export type { Side };
export { canPlayDepartment };

/** A fresh seed for a new run: short, readable, shown on screen (not game randomness). */
export function freshSeed(): string {
  const a = new Uint32Array(2);
  crypto.getRandomValues(a);
  const s = (a[0]!.toString(36) + a[1]!.toString(36)).replace(/[^a-z0-9]/g, '');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}`;
}
