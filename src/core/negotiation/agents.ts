/**
 * The built-in agents, each composed of the three parts (STYLE.md 11): a bidding strategy
 * (bidding.ts), an opponent model (opponent.ts) and an acceptance rule (acceptance.ts). Any of
 * them can play either side.
 *
 * An agent keeps no state between turns: whatever it remembers it derives from the view (its
 * opponent model is learned afresh from `view.history` at every turn), and its only dice are
 * `draw(view.seed, key)`. So `choose` is a pure function of the view, and a run replays.
 *
 * At every turn a composed agent, in order:
 * 1. walks away if that is legal and no package is worth its walk-away value;
 * 2. (prober) spends a probe, while it has probes left to spend and time is early;
 * 3. accepts the offer on the table if its acceptance rule says so (never below walk-away);
 * 4. proposes the package its bidding strategy picks, if proposing is legal;
 * 5. otherwise takes the first legal story choice, else the first probe, else walks away, else
 *    accepts (only when accepting is the only legal move left).
 */
import { draw } from '../dice.ts';
import { acceptanceReason, accepts, type AcceptanceRule } from './acceptance.ts';
import { makeCurve, mirrorTarget, ownSpace, pickOffer, target, type OwnSpace } from './bidding.ts';
import { checkMove, movesOf, negotiationTime } from './moves.ts';
import { learnFrom, theirUtility } from './opponent.ts';
import type { Agent, AgentView, Move, Package } from './types.ts';
import { packageAt, packageIndex, packageProblem } from './utility.ts';

/** How a composed agent picks the utility it asks for. */
export type BiddingSpec =
  /** The time-dependent curve max − (max − min) × t^(1/e). */
  | { kind: 'time'; e: number; floorShare?: number; band?: number }
  /** Relative tit-for-tat: concede what the other side conceded, in our utility (see `mirrorTarget`). */
  | { kind: 'mirror'; courtesy?: number; floorShare?: number; band?: number };

/** A composed agent's parts, as plain data. */
export interface AgentSpec {
  name: string;
  bidding: BiddingSpec;
  acceptance: AcceptanceRule;
  /** Probes to spend before bidding, while t ≤ `probeUntil` (default 0: none). */
  probes?: number;
  /** The latest negotiation time at which it still probes. Default 0.5. */
  probeUntil?: number;
  /**
   * Trade-off offers: when the other side has an offer on the table, propose instead the best
   * package for us that the opponent model rates at least as high for them as their own offer
   * (so they should take it), if that beats the bid. The better the model, the better the trade:
   * this is where what an agent has learned pays.
   */
  tradeOff?: boolean;
}

/** The built-in composed agents' parameters. */
export const AGENT_SPECS: Record<'hardliner' | 'conceder' | 'boulware' | 'tit-for-tat' | 'prober', AgentSpec> = {
  // Concedes almost nothing and never gives up more than 30% of its surplus over walk-away;
  // AC_next against a curve that barely moves: accepts only near its aspiration.
  hardliner: { name: 'hardliner', bidding: { kind: 'time', e: 0.05, floorShare: 0.7 }, acceptance: { kind: 'next' } },
  // Concedes early (e = 2) down to its walk-away value; also takes anything above walk-away at the end.
  conceder: { name: 'conceder', bidding: { kind: 'time', e: 2 }, acceptance: { kind: 'any', rules: [{ kind: 'next' }, { kind: 'time', after: 0.95 }] } },
  // GENIUS's Boulware: e = 0.2, AC_next.
  boulware: { name: 'boulware', bidding: { kind: 'time', e: 0.2 }, acceptance: { kind: 'next' } },
  'tit-for-tat': { name: 'tit-for-tat', bidding: { kind: 'mirror', courtesy: 0.1 }, acceptance: { kind: 'next' } },
  // Spends up to three probes while t ≤ 0.5, then bids as a Boulware with what it learned.
  // Spends up to two probes early, then bids as a Boulware with trade-off offers built on what it learned.
  prober: { name: 'prober', bidding: { kind: 'time', e: 0.2 }, acceptance: { kind: 'next' }, probes: 2, probeUntil: 0.3, tradeOff: true },
};

const r = (x: number): string => String(Math.round(x));

/** The utility a composed agent asks for now, and its curve (pure). */
function aim(spec: BiddingSpec, view: AgentView, space: OwnSpace, t: number): number {
  if (spec.kind === 'time') return target(makeCurve(space.max, view.walkAway, spec.e, spec.floorShare), t);
  const curve = makeCurve(space.max, view.walkAway, 1, spec.floorShare);
  const theirs: number[] = [];
  for (const h of view.history) {
    if (h.by === view.side || packageProblem(view.clauses, h.package) !== null) continue;
    theirs.push(space.utils[packageIndex(view.clauses, h.package)]!);
  }
  return mirrorTarget(curve, theirs, t, spec.courtesy);
}

/**
 * The best package for us that the opponent model rates at least as high for them as their own
 * offer `theirsOffer`, and at least our walk-away value for us; null if there is none (pure).
 */
function tradeOffer(space: OwnSpace, theirs: (i: number) => number, theirsOffer: number, walkAway: number): number | null {
  const bar = theirs(theirsOffer);
  for (let k = space.order.length - 1; k >= 0; k--) {
    const i = space.order[k]!;
    if (space.utils[i]! < walkAway) return null;
    if (theirs(i) >= bar) return i;
  }
  return null;
}

/** The move when neither accepting nor proposing was chosen (pure). See the module comment. */
function fallback(view: AgentView, reason: string): Move {
  const choice = movesOf(view, 'choice')[0];
  if (choice) return { ...choice, reason };
  const probe = movesOf(view, 'probe')[0];
  if (probe) return { ...probe, reason };
  if (movesOf(view, 'walk-away').length > 0) return { kind: 'walk-away', reason };
  const propose = movesOf(view, 'propose')[0];
  if (propose) return { kind: 'propose', package: { ...propose.package }, reason };
  if (movesOf(view, 'accept').length > 0) return { kind: 'accept', reason: 'We have no other move.' };
  throw new Error('no legal moves');
}

/** The ids of the probes already spent, as the revealed facts name them. */
const probedIds = (view: AgentView): Set<string> => new Set(view.revealed.flatMap((f) => (f.probe === undefined ? [] : [f.probe])));

/** An agent composed of a bidding strategy, the frequency opponent model and an acceptance rule (pure). */
export function composeAgent(spec: AgentSpec): Agent {
  return {
    name: spec.name,
    choose(view: AgentView): Move {
      if (view.moves.length === 0) throw new Error('no legal moves');
      const space = ownSpace(view.values, view.clauses);
      const t = negotiationTime(view.round, view.roundsLeft);

      if (space.max < view.walkAway && movesOf(view, 'walk-away').length > 0)
        return { kind: 'walk-away', reason: `No contract is worth as much to us as no deal (${r(view.walkAway)}).` };

      const spent = probedIds(view);
      if ((spec.probes ?? 0) > spent.size && t <= (spec.probeUntil ?? 0.5)) {
        const probe = movesOf(view, 'probe').find((p) => !spent.has(p.id));
        if (probe) return { ...probe, reason: 'We want to know more about what matters to you before we bid.' };
      }

      const model = learnFrom(view.clauses, view.history, view.side);
      const theirs = theirUtility(model, view.clauses, { revealed: view.revealed, prior: view.theirRanges });
      let next = pickOffer(space, aim(spec.bidding, view, space, t), { band: spec.bidding.band, theirs });
      const onTable = view.offers.theirs;
      if (spec.tradeOff && onTable && packageProblem(view.clauses, onTable) === null) {
        const trade = tradeOffer(space, theirs, packageIndex(view.clauses, onTable), view.walkAway);
        if (trade !== null && space.utils[trade]! > space.utils[next]!) next = trade;
      }
      const nextU = space.utils[next]!;

      const offerU = onTable && packageProblem(view.clauses, onTable) === null ? space.utils[packageIndex(view.clauses, onTable)]! : null;
      const input = offerU === null ? null : { offer: offerU, next: nextU, walkAway: view.walkAway, t };
      if (input && movesOf(view, 'accept').length > 0 && accepts(spec.acceptance, input)) return { kind: 'accept', reason: acceptanceReason(spec.acceptance, input) };

      const reason = input ? acceptanceReason(spec.acceptance, input) : `We propose a contract worth ${r(nextU)} to us.`;
      if (movesOf(view, 'propose').length > 0) return { kind: 'propose', package: packageAt(view.clauses, next), reason };
      return fallback(view, reason);
    },
  };
}

/** Parameters of the random agent. */
export interface RandomSpec {
  name: string;
  /** The chance of accepting an offer at or above the walk-away value. Default 0.5. */
  acceptChance?: number;
  /** The weight of walking away against 1 for every other legal move. Default 0.05. */
  walkAwayWeight?: number;
}

/**
 * A legal random move by keyed dice (pure): accepts an offer at or above its walk-away value with
 * probability `acceptChance`, else picks among the other legal moves (walk-away weighted by
 * `walkAwayWeight`), proposing a package of random options. Keys:
 * `a/<name>/<side>/<phase>/<day>/<round>/<offers so far>/<facts revealed>/<what>`, `what` being
 * `accept`, `pick` or `propose/<clause>`.
 */
export function randomAgent(spec: RandomSpec = { name: 'random' }): Agent {
  const acceptChance = spec.acceptChance ?? 0.5;
  const walkWeight = spec.walkAwayWeight ?? 0.05;
  return {
    name: spec.name,
    choose(view: AgentView): Move {
      if (view.moves.length === 0) throw new Error('no legal moves');
      const at = `a/${spec.name}/${view.side}/${view.phase}/${view.day}/${view.round}/${view.history.length}/${view.revealed.length}`;
      const roll = (what: string) => draw(view.seed, `${at}/${what}`);

      const onTable = view.offers.theirs;
      if (onTable && movesOf(view, 'accept').length > 0 && packageProblem(view.clauses, onTable) === null) {
        const u = ownSpace(view.values, view.clauses).utils[packageIndex(view.clauses, onTable)]!;
        if (u >= view.walkAway && roll('accept') < acceptChance) return { kind: 'accept', reason: `Your offer is worth ${r(u)} to us; we take it.` };
      }

      const options = view.moves.filter((m) => m.kind !== 'accept');
      if (options.length === 0) return fallback(view, '');
      const weightOf = (m: Move) => (m.kind === 'walk-away' ? walkWeight : 1);
      const total = options.reduce((s, m) => s + weightOf(m), 0);
      let x = roll('pick') * total;
      let pick = options[options.length - 1]!;
      for (const m of options) {
        x -= weightOf(m);
        if (x < 0) {
          pick = m;
          break;
        }
      }
      if (pick.kind !== 'propose') return { ...pick, reason: 'A roll of the dice.' };
      const pkg: Package = {};
      for (const c of view.clauses) pkg[c.id] = c.options[Math.floor(roll(`propose/${c.id}`) * c.options.length)]!.id;
      return { kind: 'propose', package: pkg, reason: 'A roll of the dice.' };
    },
  };
}

/** The built-in agents, by name: hardliner, conceder, boulware, tit-for-tat, prober, random. */
export const BUILTIN_AGENTS: Readonly<Record<string, Agent>> = Object.freeze({
  hardliner: composeAgent(AGENT_SPECS.hardliner),
  conceder: composeAgent(AGENT_SPECS.conceder),
  boulware: composeAgent(AGENT_SPECS.boulware),
  'tit-for-tat': composeAgent(AGENT_SPECS['tit-for-tat']),
  prober: composeAgent(AGENT_SPECS.prober),
  random: randomAgent({ name: 'random', acceptChance: 0.25, walkAwayWeight: 1 }),
});

/** Each built-in agent's rule in a few plain words (the odds explorer's rows, the CLI's help). */
export const BUILTIN_AGENT_RULES: Readonly<Record<string, string>> = Object.freeze({
  hardliner: 'asks for nearly its best and keeps most of it',
  conceder: 'concedes early, down to no deal',
  boulware: 'holds firm, concedes near the deadline',
  'tit-for-tat': "mirrors the Department's concessions",
  prober: 'probes twice, then trades on what it learned',
  random: 'any legal move, at random',
});

/** Where a rule reads differently when the agent plays the Department (it mirrors the lab; it has no probes to ask). */
const DEPARTMENT_RULES: Readonly<Record<string, string>> = Object.freeze({
  'tit-for-tat': "mirrors the lab's concessions",
  prober: "asks no probes as the Department: trades on the lab's offers",
});

/** A built-in agent's rule in a few plain words, for the side it plays (pure). */
export function agentRule(name: string, side: 'lab' | 'department' = 'lab'): string {
  return (side === 'department' ? DEPARTMENT_RULES[name] : undefined) ?? BUILTIN_AGENT_RULES[name] ?? '';
}

/** The built-in agents' names, in a fixed order. */
export const BUILTIN_AGENT_NAMES: readonly string[] = Object.keys(BUILTIN_AGENTS);

/** A built-in agent by name, or undefined (pure). */
export function builtinAgent(name: string): Agent | undefined {
  return Object.hasOwn(BUILTIN_AGENTS, name) ? BUILTIN_AGENTS[name] : undefined;
}

/**
 * Runs an agent on a view and checks its move (pure if the agent is): the move, or a one-line
 * error naming the agent and what was wrong (an illegal move or a thrown error).
 */
export function runAgent(agent: Agent, view: AgentView): { ok: true; move: Move } | { ok: false; error: string } {
  let move: unknown;
  try {
    move = agent.choose(view);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `agent ${agent.name}: threw: ${message.split('\n')[0]}` };
  }
  const problem = checkMove(view, move);
  return problem ? { ok: false, error: `agent ${agent.name}: ${problem}` } : { ok: true, move: move as Move };
}
