/**
 * The game's rules as pure functions over plain-JSON context. The XState machine in
 * machine.ts calls these from its named actions and guards; nothing here knows about XState.
 */
import { draw } from './dice.ts';
import { emptyTalk, type Answer, type TalkState } from './talks.ts';
import type { Side } from './negotiation/types.ts';
import type { Beat, Chance, Choice, Condition, Effects, Phase, Reaction, Scenario, Stakeholder } from './schema.ts';

export type TimelineEntry =
  | { kind: 'phase'; day: number; phase: string }
  | {
      kind: 'choice';
      day: number;
      phase: string;
      beat: string;
      choice: string;
      /** Meters after the choice and the reactions it set off. */
      meters: Record<string, number>;
    }
  | {
      kind: 'roll';
      day: number;
      phase: string;
      /** The beat or phase id the reaction rolled at. */
      at: string;
      stakeholder: string;
      reaction: string;
      chance: number;
      roll: number;
      fired: boolean;
    }
  | { kind: 'ending'; day: number; ending: string; reason: string }
  /** A lab move at the table other than a story choice: a proposal, a probe, accepting, walking away. Meters after it. */
  | { kind: 'move'; day: number; phase: string; move: string; meters: Record<string, number> }
  /** The Department's answer: its offer now (package index; the lab's if it accepted) and why. */
  | { kind: 'answer'; day: number; phase: string; pkg: number; accepted: boolean; answer: Answer }
  /** A contract signed: its package index, and which side accepted the other's offer. */
  | { kind: 'deal'; day: number; phase: string; pkg: number; acceptedBy: Side };

/** The machine's context: plain JSON only, so snapshots persist and hash identically. */
export interface RunContext {
  scenario: string;
  version: number;
  seed: string;
  /** The current phase, or the ending once the run is over. */
  phase: string;
  /** The beat on the table, or null between beats and once a phase's beats ran out. */
  beat: string | null;
  /** 'choosing' while a beat waits for the player; 'resolved' once it was played. */
  step: 'choosing' | 'resolved';
  /** Days since the scenario's start date. */
  day: number;
  meters: Record<string, number>;
  flags: Record<string, boolean>;
  choices: string[];
  fired: string[];
  /** The exit the last choice asked for, if any. */
  goto: { to: string; reason: string | null } | null;
  /** The ending reason of the exit being taken. */
  reason: string | null;
  ending: string | null;
  timeline: TimelineEntry[];
  /** Version 2 scenarios only: the bargaining at the table (talks.ts). */
  talk?: TalkState;
  /**
   * Set only when a person (or an agent) plays the Department: the lab is then played by the
   * built-in agent `opponent` (department-side.ts). Absent for the lab's side, so a lab run's
   * context, and its hash, are as they always were. 'pair': two people, one per side (pass and
   * play, or two devices by links): each side's moves are events, the lab's first in every round,
   * and `talk.decisions` holds both sides' moves in order.
   */
  side?: 'department' | 'pair';
  /**
   * The other side's built-in agent: the lab's when the Department is played; on the lab's side,
   * when set, the Department's in place of the scenario's own agent (bargain.ts). Absent otherwise.
   */
  opponent?: string;
}

interface Located {
  stakeholder: Stakeholder;
  reaction: Reaction;
}

interface Candidate extends Located {
  /** The dice key of this reaction's roll at this place, built once. */
  key: string;
}

/** Lookup tables for one scenario, built once and cached. */
export interface Index {
  scenario: Scenario;
  phases: Map<string, Phase>;
  beats: Map<string, { beat: Beat; phase: Phase; index: number }>;
  choices: Map<string, { choice: Choice; beat: Beat }>;
  reactionsAt: Map<string, Candidate[]>;
  reactions: Map<string, Located>;
  endings: Set<string>;
}

const indexes = new WeakMap<Scenario, Index>();

/** The lookup tables of a scenario (pure, cached per scenario object). */
export function indexOf(scenario: Scenario): Index {
  const cached = indexes.get(scenario);
  if (cached) return cached;
  const index: Index = {
    scenario,
    phases: new Map(),
    beats: new Map(),
    choices: new Map(),
    reactionsAt: new Map(),
    reactions: new Map(),
    endings: new Set(scenario.endings.map((e) => e.id)),
  };
  for (const phase of scenario.phases) {
    index.phases.set(phase.id, phase);
    phase.beats.forEach((beat, i) => {
      index.beats.set(beat.id, { beat, phase, index: i });
      for (const choice of beat.choices) index.choices.set(choice.id, { choice, beat });
    });
  }
  for (const stakeholder of scenario.stakeholders) {
    for (const reaction of stakeholder.reactions) {
      index.reactions.set(reaction.id, { stakeholder, reaction });
      for (const at of reaction.after) {
        const list = index.reactionsAt.get(at) ?? [];
        list.push({ stakeholder, reaction, key: rollKey(stakeholder.id, reaction.id, at) });
        index.reactionsAt.set(at, list);
      }
    }
  }
  indexes.set(scenario, index);
  return index;
}

/** Whether a structured condition holds for a context (pure). */
export function holds(cond: Condition, ctx: RunContext): boolean {
  if ('meter' in cond) {
    const v = ctx.meters[cond.meter] ?? 0;
    return (
      (cond.gte === undefined || v >= cond.gte) &&
      (cond.lte === undefined || v <= cond.lte) &&
      (cond.gt === undefined || v > cond.gt) &&
      (cond.lt === undefined || v < cond.lt)
    );
  }
  if ('flag' in cond) return (ctx.flags[cond.flag] === true) === (cond.is ?? true);
  if ('chose' in cond) return ctx.choices.includes(cond.chose);
  if ('fired' in cond) return ctx.fired.includes(cond.fired);
  if ('deal' in cond) return (ctx.talk?.signed != null) === cond.deal;
  if ('phase' in cond) return ctx.phase === cond.phase;
  if ('signed' in cond) {
    const signed = ctx.talk?.signed;
    return signed != null && cond.in.includes(signed[cond.signed]!);
  }
  if ('all' in cond) return cond.all.every((c) => holds(c, ctx));
  if ('any' in cond) return cond.any.some((c) => holds(c, ctx));
  return !holds(cond.not, ctx);
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** The chance a reaction fires in this state, in [0, 1] (pure). */
export function chanceOf(chance: Chance, ctx: RunContext): number {
  let p = chance.base;
  for (const a of chance.add ?? []) if (holds(a.when, ctx)) p += a.value;
  if (chance.meter) p += (chance.meter.per10 * ((ctx.meters[chance.meter.id] ?? 50) - 50)) / 10;
  // Round away float noise so that Node and browsers print identical timelines.
  return Math.round(clamp(p, 0, 1) * 1e6) / 1e6;
}

/**
 * A private working copy of a context. Rule functions clone once, change the copy in place and
 * return it, so they stay pure from the outside without copying the timeline at every step.
 */
export function draft(ctx: RunContext): RunContext {
  const d = shallow(ctx);
  d.meters = { ...ctx.meters };
  d.flags = { ...ctx.flags };
  d.fired = ctx.fired.slice();
  d.timeline = ctx.timeline.slice();
  return d;
}

/** A copy of a context that shares its arrays and maps (pure). */
export function shallow(ctx: RunContext): RunContext {
  // A literal with every field in one order (not a spread) keeps one hidden class: 3x faster.
  const d: RunContext = {
    scenario: ctx.scenario,
    version: ctx.version,
    seed: ctx.seed,
    phase: ctx.phase,
    beat: ctx.beat,
    step: ctx.step,
    day: ctx.day,
    meters: ctx.meters,
    flags: ctx.flags,
    choices: ctx.choices,
    fired: ctx.fired,
    goto: ctx.goto,
    reason: ctx.reason,
    ending: ctx.ending,
    timeline: ctx.timeline,
  };
  // Only version 2 runs have talks; a version 1 context keeps exactly its old keys.
  if (ctx.talk !== undefined) d.talk = ctx.talk;
  // Only a run that plays the Department has a side; only a run against a built-in agent an opponent.
  if (ctx.side !== undefined) d.side = ctx.side;
  if (ctx.opponent !== undefined) d.opponent = ctx.opponent;
  return d;
}

/** Applies effects to a draft; meters clamp to 0-100. */
export function applyEffects(d: RunContext, effects: Effects | undefined): void {
  if (!effects) return;
  const m = effects.meters;
  if (m) for (const id in m) d.meters[id] = clamp((d.meters[id] ?? 0) + m[id]!, 0, 100);
  if (effects.set) for (const f of effects.set) d.flags[f] = true;
  // Cleared flags stay as false: deleting keys would put the object in slow dictionary mode.
  if (effects.clear) for (const f of effects.clear) d.flags[f] = false;
  if (effects.days) d.day += effects.days;
}

/** The dice key of a reaction's roll: what it decides, never a draw count. */
export function rollKey(stakeholder: string, reaction: string, at: string): string {
  return `r/${stakeholder}/${reaction}/${at}`;
}

/** Rolls, on a draft, every reaction that may fire at a beat or phase, in file order. */
export function rollReactions(index: Index, d: RunContext, at: string): void {
  const candidates = index.reactionsAt.get(at);
  if (!candidates) return;
  for (const { stakeholder, reaction, key } of candidates) {
    if (d.fired.includes(reaction.id)) continue;
    if (reaction.when && !holds(reaction.when, d)) continue;
    const chance = chanceOf(reaction.chance, d);
    const roll = draw(d.seed, key);
    const fired = roll < chance;
    d.timeline.push({ kind: 'roll', day: d.day, phase: d.phase, at, stakeholder: stakeholder.id, reaction: reaction.id, chance, roll, fired });
    if (fired) {
      d.fired.push(reaction.id);
      applyEffects(d, reaction.effects);
    }
  }
}

/** The first beat of a phase at or after `from` whose condition holds, or null (pure). */
function nextBeat(phase: Phase, from: number, ctx: RunContext): Beat | null {
  for (let i = from; i < phase.beats.length; i++) {
    const beat = phase.beats[i]!;
    if (!beat.when || holds(beat.when, ctx)) return beat;
  }
  return null;
}

/** Puts a beat on the table of a draft, or marks the phase's beats as run out. */
export function showBeat(d: RunContext, beat: Beat | null): RunContext {
  if (!beat) {
    d.beat = null;
    d.step = 'resolved';
  } else {
    d.beat = beat.id;
    d.step = 'choosing';
    d.day += beat.days;
  }
  return d;
}

/** The context a run starts with, before its first phase is entered (pure). */
export function initialContext(scenario: Scenario, seed: string): RunContext {
  const ctx: RunContext = {
    scenario: scenario.id,
    version: scenario.version,
    seed,
    phase: scenario.phases[0]!.id,
    beat: null,
    step: 'resolved',
    day: 0,
    meters: Object.fromEntries(scenario.meters.map((m) => [m.id, m.start])),
    flags: {},
    choices: [],
    fired: [],
    goto: null,
    reason: null,
    ending: null,
    timeline: [],
  };
  if (scenario.negotiation) ctx.talk = emptyTalk();
  return ctx;
}

/** Enters a phase: logs it, rolls its entry reactions and puts its first beat on the table (pure). */
export function enterPhase(index: Index, ctx: RunContext, phaseId: string): RunContext {
  const phase = index.phases.get(phaseId)!;
  const d = draft(ctx);
  d.phase = phaseId;
  d.goto = null;
  d.reason = null;
  d.timeline.push({ kind: 'phase', day: d.day, phase: phaseId });
  rollReactions(index, d, phaseId);
  return showBeat(d, nextBeat(phase, 0, d));
}

/** The choices on the table, or none when no beat waits for the player (pure). */
export function offered(index: Index, ctx: RunContext): Choice[] {
  if (ctx.step !== 'choosing' || ctx.beat === null || ctx.ending !== null) return [];
  const choices = index.beats.get(ctx.beat)?.beat.choices ?? [];
  return choices.some((c) => c.when) ? choices.filter((c) => !c.when || holds(c.when, ctx)) : choices;
}

/** Whether a choice id is one of the choices on the table (pure). */
export function isOffered(index: Index, ctx: RunContext, choiceId: string): boolean {
  return offered(index, ctx).some((c) => c.id === choiceId);
}

/** Plays a choice: its effects, then the reactions it sets off (pure; the choice must be offered). */
export function applyChoice(index: Index, ctx: RunContext, choiceId: string): RunContext {
  const { choice, beat } = index.choices.get(choiceId)!;
  const d = draft(ctx);
  d.choices = [...ctx.choices, choiceId];
  d.step = 'resolved';
  applyEffects(d, choice.effects);
  const at = d.timeline.length;
  d.timeline.push(null as never);
  rollReactions(index, d, beat.id);
  // The choice comes before the reactions it set off in the timeline, but its meters are the
  // ones the beat settled on, reactions included: one point per beat for the meter chart.
  d.timeline[at] = { kind: 'choice', day: d.day, phase: d.phase, beat: beat.id, choice: choiceId, meters: { ...d.meters } };
  if (choice.goto) d.goto = { to: choice.goto, reason: choice.reason ?? null };
  return d;
}

/** The beat after the current one in this phase, if any holds (pure). */
export function followingBeat(index: Index, ctx: RunContext): Beat | null {
  if (ctx.beat === null) return null;
  const at = index.beats.get(ctx.beat)!;
  return nextBeat(at.phase, at.index + 1, ctx);
}

/** Puts the following beat on the table (pure). */
export function advanceBeat(index: Index, ctx: RunContext): RunContext {
  return showBeat(shallow(ctx), followingBeat(index, ctx));
}

/**
 * Every move of a run so far, as its record stores them (pure): story choices by id, and at a
 * table "propose:…", "probe:…", "accept" and "walk-away". For a story scenario these are its
 * choices; a version 2 context keeps `choices` for story choices only (what `chose` tests).
 */
export function recordMoves(ctx: RunContext): string[] {
  if (ctx.talk === undefined) return ctx.choices;
  // Playing the Department, the record holds the Department's moves (the lab's agent's follow from them).
  // A pair's record holds both sides' moves, in the order they were made.
  if (ctx.side === 'department' || ctx.side === 'pair') return ctx.talk.decisions ?? [];
  const out: string[] = [];
  for (const e of ctx.timeline) {
    if (e.kind === 'choice') out.push(e.choice);
    else if (e.kind === 'move') out.push(e.move);
  }
  return out;
}

/** Closes the run in an ending (pure). */
export function finish(ctx: RunContext, ending: string): RunContext {
  const reason = ctx.reason ?? ending;
  const d = shallow(ctx);
  d.phase = ending;
  d.ending = ending;
  d.beat = null;
  d.step = 'resolved';
  d.goto = null;
  d.reason = reason;
  d.timeline = [...ctx.timeline, { kind: 'ending', day: ctx.day, ending, reason }];
  return d;
}

/** The context with the ending reason of the exit being taken (pure). */
export function withReason(ctx: RunContext, reason: string | null): RunContext {
  const d = shallow(ctx);
  d.reason = reason;
  return d;
}

/** The calendar date `days` after an ISO date, as YYYY-MM-DD, by civil-date arithmetic (pure). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const n = daysFromCivil(y, m, d) + days;
  const [yy, mm, dd] = civilFromDays(n);
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
