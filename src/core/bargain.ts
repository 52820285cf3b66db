/**
 * The rules of a table phase (scenario version 2): the lab's moves and the Department's answers
 * as pure functions over the run's context. A table phase plays in rounds: each round puts the
 * phase's next beat on the table (the day's situation and its story moves), the lab makes one
 * move (a story move, a probe, a proposal, accepting the Department's offer, or walking away),
 * the beat's stakeholder reactions roll, and the Department answers.
 */
import { departmentAnswer, hiddenValues, isPackage, parseProposal, probeFinds, proposeToken, clauseSpecs, spacesOf, stickingPoint, walkAwayValue, type Answer, type TalkState } from './talks.ts';
import { applyChoice, applyEffects, draft, followingBeat, holds, offered, rollReactions, showBeat, type Index, type RunContext } from './rules.ts';
import type { Negotiation, Probe } from './schema.ts';
import { roundsAhead, type RoundParams, type TableMove } from './rounds.ts';
import { packageAt, packageIndex, utility } from './negotiation/utility.ts';
import { departmentView } from './views.ts';
import { builtinAgent, runAgent } from './negotiation/agents.ts';

const neg = (index: Index): Negotiation => index.scenario.negotiation!;
const test = (ctx: RunContext) => (c: Parameters<typeof holds>[0]) => holds(c, ctx);

/** The probes the lab may still ask now: not asked yet, and their condition holds (pure). */
export function openProbes(index: Index, ctx: RunContext): Probe[] {
  const asked = new Set(ctx.talk!.revealed.map((r) => r.probe));
  return neg(index).probes.filter((p) => !asked.has(p.id) && (!p.when || holds(p.when, ctx)));
}

/**
 * The lab's legal moves, in the order the game lists them (pure). In a story phase: the beat's
 * choices. At a table: the beat's story moves, the probes, a proposal (by default the lab's latest offer, else its own best contract),
 * accepting the Department's offer when there is one, and walking away.
 */
export function tableMoves(index: Index, ctx: RunContext): TableMove[] {
  return departmentToMove(ctx) ? departmentMoves(index, ctx) : labTableMoves(index, ctx);
}

/**
 * Whether the move now is the Department's, made by a person (pure): always when only the
 * Department is played; in a pair once the lab has moved this round.
 */
export function departmentToMove(ctx: RunContext): boolean {
  return ctx.side === 'department' || (ctx.side === 'pair' && ctx.talk?.labMove != null);
}

/** The lab's legal moves (`tableMoves` of the lab's side; what the lab's agent chooses from when a person plays the Department) (pure). */
export function labTableMoves(index: Index, ctx: RunContext): TableMove[] {
  if (ctx.ending !== null || !ctx.talk) return [];
  const n = neg(index);
  const clauses = clauseSpecs(n);
  const out: TableMove[] = offered(index, ctx).map((choice) => ({ kind: 'choice', token: choice.id, choice }));
  // Away from the table (a story phase) the story's choices are the only moves.
  if (!index.phases.get(ctx.phase)?.table) return out;
  for (const probe of openProbes(index, ctx)) out.push({ kind: 'probe', token: `probe:${probe.id}`, probe });
  const t = ctx.talk;
  const own = t.offers.lab ?? bestLabPackage(n, ctx.seed);
  out.push({ kind: 'propose', token: proposeToken(clauses, own), pkg: own });
  if (t.offers.department !== null) out.push({ kind: 'accept', token: 'accept', pkg: t.offers.department });
  out.push({ kind: 'walk-away', token: 'walk-away' });
  return out;
}

/**
 * The Department's legal moves when a person plays it (pure): only at a table, once the lab has
 * made its move of the round. A proposal (by default its offer on the table: holding it), and
 * accepting the lab's offer when there is one. The lab's story moves and probes are the lab's.
 */
export function departmentMoves(index: Index, ctx: RunContext): TableMove[] {
  const t = ctx.talk;
  if (ctx.ending !== null || !t || !t.labMove || !index.phases.get(ctx.phase)?.table) return [];
  return departmentOptions(neg(index), t, true);
}

/** The Department's moves at a table (pure): proposing, by default its offer on the table (holding it), and with `canAccept` accepting the lab's offer, if any. */
function departmentOptions(n: Negotiation, t: TalkState, canAccept: boolean): [Extract<TableMove, { kind: 'propose' }>, ...TableMove[]] {
  const clauses = clauseSpecs(n);
  const own = t.offers.department ?? packageIndex(clauses, n.department.opening);
  const out: [Extract<TableMove, { kind: 'propose' }>, ...TableMove[]] = [{ kind: 'propose', token: proposeToken(clauses, own), pkg: own }];
  if (canAccept && t.offers.lab !== null) out.push({ kind: 'accept', token: 'accept', pkg: t.offers.lab });
  return out;
}

/** The lab's own best contract for this run (pure). */
export function bestLabPackage(n: Negotiation, seed: string): number {
  const v = hiddenValues(n, seed).lab;
  const clauses = clauseSpecs(n);
  let index = 0;
  for (const c of clauses) {
    let best = 0;
    c.options.forEach((o, i) => {
      if (v.scores[c.id]![o.id]! > v.scores[c.id]![c.options[best]!.id]!) best = i;
    });
    index = index * c.options.length + best;
  }
  return index;
}

/** The table move a token names, if it is legal now: for a proposal, any complete package (pure). */
export function findTableMove(index: Index, ctx: RunContext, token: string): { move: TableMove; position: number } | { problem: string } {
  const moves = tableMoves(index, ctx);
  if (token.startsWith('propose:')) {
    const pkg = parseProposal(clauseSpecs(neg(index)), token);
    if (typeof pkg === 'string') return { problem: pkg };
    const position = moves.findIndex((m) => m.kind === 'propose');
    if (position < 0) return { problem: 'no proposal can be made now' };
    return { move: { kind: 'propose', token, pkg }, position };
  }
  const position = moves.findIndex((m) => m.token === token);
  if (position < 0) return { problem: `"${token}" is not a legal move now` };
  return { move: moves[position]!, position };
}

export { roundsAhead, type RoundParams, type TableMove };

/** The round and the number of rounds the Department's clock counts with (pure). */
function clock(index: Index, ctx: RunContext, p: RoundParams): { round: number; rounds: number } {
  return { round: p.round, rounds: p.round + roundsAhead(index, ctx, p) - 1 };
}

// ---- actions ----

function withTalk(d: RunContext, talk: TalkState): RunContext {
  d.talk = talk;
  return d;
}

/** Enters a table phase: the lab's walk-away is reset and the Department states its offer (pure). */
export function openTable(index: Index, ctx: RunContext, p: RoundParams): RunContext {
  const n = neg(index);
  const d = draft(ctx);
  const t = ctx.talk!;
  d.talk = { ...t, walked: false };
  if (t.offers.department === null) {
    const opening = packageIndex(clauseSpecs(n), n.department.opening);
    const u = round2(utility(hiddenValues(n, ctx.seed).department, n.department.opening));
    const walkAway = walkAwayValue(n, 'department', d.meters, test(d));
    return departmentOffers(n, d, p, opening, false, { kind: 'opening', offer: null, aim: u, walkAway, clause: null });
  }
  if (ctx.side === 'department' || ctx.side === 'pair') {
    // A person playing the Department keeps its offer into the new phase; it changes it by its own moves.
    const keep = t.offers.department;
    const walkAway = walkAwayValue(n, 'department', d.meters, test(d));
    const aim = round2(spacesOf(n, ctx.seed).department.utils[keep]!);
    return departmentOffers(n, d, p, keep, false, { kind: 'holds', offer: null, aim, walkAway, clause: null });
  }
  if (ctx.opponent !== undefined) {
    // A built-in agent plays the Department: at a new table it restates or changes its offer.
    agentAnswers(index, d, p, null, false);
    return d;
  }
  const decision = departmentAnswer(n, ctx.seed, d.talk, { meters: d.meters, holds: test(d), ...clock(index, d, p), phase: p.phase }, null);
  return departmentOffers(n, d, p, decision.offer, false, decision.answer);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The Department puts an offer on the table (or accepts the lab's), on a draft. */
export function departmentOffers(n: Negotiation, d: RunContext, p: RoundParams, pkg: number, accepted: boolean, answer: Answer): RunContext {
  const t = d.talk!;
  const talk: TalkState = { ...t, answer };
  if (accepted) {
    talk.signed = packageAt(clauseSpecs(n), pkg);
    d.timeline.push({ kind: 'answer', day: d.day, phase: p.phase, pkg, accepted: true, answer });
    d.timeline.push({ kind: 'deal', day: d.day, phase: p.phase, pkg, acceptedBy: 'department' });
  } else {
    // An offer kept as it was is not made again: the history (what the lab's model learns from,
    // and the map's path) holds each new offer once.
    if (answer.kind !== 'holds') {
      talk.offers = { ...t.offers, department: pkg };
      talk.history = [...t.history, { by: 'department', pkg, day: d.day, phase: p.phase }];
    }
    d.timeline.push({ kind: 'answer', day: d.day, phase: p.phase, pkg, accepted: false, answer });
  }
  return withTalk(d, talk);
}


/** A Department's move: a contract it proposes (its offer on the table: it holds), or accepting the lab's offer. */
export type DepartmentMove = { accept: true } | { accept: false; pkg: number };

/**
 * The Department answers, on a draft: it accepts the lab's offer on the table, or puts `pkg` on
 * the table, with its answer as data (the same kinds as its own agent's: holds, renewed, counter,
 * below its walk-away), and the lab's patience moves as the lab's proposal `labOffer` (made this
 * round, or null) landed: far below what the Department asks costs some, close earns some.
 */
export function answerWith(index: Index, d: RunContext, p: RoundParams, move: DepartmentMove, labOffer: number | null): void {
  const n = index.scenario.negotiation!;
  const t = d.talk!;
  const space = spacesOf(n, d.seed).department;
  const walkAway = walkAwayValue(n, 'department', d.meters, (c) => holds(c, d));
  const offerU = labOffer === null ? null : round2(space.utils[labOffer]!);
  if (move.accept) {
    const pkg = t.offers.lab!;
    const aim = round2(space.utils[t.offers.department ?? pkg]!);
    departmentOffers(n, d, p, pkg, true, { kind: 'accept', offer: round2(space.utils[pkg]!), aim, walkAway, clause: null });
    return;
  }
  const kind: Answer['kind'] = move.pkg === t.offers.department ? 'holds' : offerU === null ? 'renewed' : offerU < walkAway ? 'below-walk-away' : 'counter';
  const clause = labOffer !== null && move.pkg !== labOffer ? stickingPoint(n, hiddenValues(n, d.seed).department, labOffer, move.pkg) : null;
  const answer: Answer = { kind, offer: offerU, aim: round2(space.utils[move.pkg]!), walkAway, clause };
  departmentOffers(n, d, p, move.pkg, false, answer);
  const patience = n.department.patience;
  if (patience && offerU !== null) {
    const delta = Math.max(-patience.down, Math.min(patience.up, Math.round((offerU - answer.aim) / patience.per)));
    if (delta !== 0) d.meters[patience.meter] = Math.max(0, Math.min(100, (d.meters[patience.meter] ?? 0) + delta));
  }
}

/**
 * A built-in agent answers for the Department at the end of a lab's round (on a draft), when the
 * run names one as the lab's opponent: it sees the Department's view (views.ts), with the moves a
 * person playing the Department would have: proposing (by default holding its offer) and, with
 * `canAccept`, accepting the lab's offer on the table.
 */
export function agentAnswers(index: Index, d: RunContext, p: RoundParams, labOffer: number | null, canAccept = true): void {
  const scenario = index.scenario;
  const n = scenario.negotiation!;
  const agent = builtinAgent(d.opponent!);
  if (!agent) throw new Error(`no built-in agent "${d.opponent}" to play the Department`);
  const legal = departmentOptions(n, d.talk!, canAccept);
  const r = runAgent(agent, departmentView(scenario, { value: `${p.phase}.round-${p.round}`, context: d, status: 'active' }, legal));
  if (!r.ok) throw new Error(r.error);
  const move: DepartmentMove = r.move.kind === 'accept' ? { accept: true } : { accept: false, pkg: r.move.kind === 'propose' ? packageIndex(clauseSpecs(n), r.move.package) : legal[0].pkg };
  answerWith(index, d, p, move, labOffer);
}

/**
 * The end of a round, on a draft: the beat's reactions roll, the Department answers (a proposal,
 * or with a renewed offer), and the next beat comes to the table.
 */
function endRound(index: Index, d: RunContext, p: RoundParams, labOffer: number | null, beat: string | null): RunContext {
  const n = neg(index);
  if (beat !== null && d.step === 'choosing') rollReactions(index, d, beat);
  if (d.talk!.signed === null && !d.talk!.walked && d.opponent !== undefined) {
    // A built-in agent plays the Department (the run's opponent): it answers instead of the scenario's.
    agentAnswers(index, d, p, labOffer);
  } else if (d.talk!.signed === null && !d.talk!.walked) {
    const decision = departmentAnswer(n, d.seed, d.talk!, { meters: d.meters, holds: test(d), ...clock(index, d, p), phase: p.phase }, labOffer);
    departmentOffers(n, d, p, decision.offer, decision.accept, decision.answer);
    // How the offer lands: far below what it asks costs the lab its patience (trust), close earns some.
    const patience = n.department.patience;
    const a = decision.answer;
    if (patience && a.offer !== null && !decision.accept) {
      const delta = Math.max(-patience.down, Math.min(patience.up, Math.round((a.offer - a.aim) / patience.per)));
      if (delta !== 0) d.meters[patience.meter] = Math.max(0, Math.min(100, (d.meters[patience.meter] ?? 0) + delta));
    }
  }
  // The next beat: the day's situation and story moves for the next round.
  if (beat !== null) {
    const at = { ...d, beat };
    showBeat(d, followingBeat(index, at));
  }
  return d;
}

/** A lab move that is not a story choice, logged with the meters after it. */
function logMove(d: RunContext, p: RoundParams, token: string): void {
  d.timeline.push({ kind: 'move', day: d.day, phase: p.phase, move: token, meters: { ...d.meters } });
}

/** The lab plays one of the beat's story moves (pure; the choice must be offered). */
export function tableChoice(index: Index, ctx: RunContext, choiceId: string, p: RoundParams): RunContext {
  const beat = ctx.beat;
  // applyChoice rolls the beat's reactions itself, so the round does not roll them again.
  const d = applyChoice(index, ctx, choiceId);
  d.step = 'resolved';
  const out = endRound(index, d, p, null, null);
  if (beat !== null) showBeat(out, followingBeat(index, { ...out, beat }));
  return out;
}

/** The lab asks a probe: its cost, and what the answer reveals (pure; the probe must be open). */
export function tableProbe(index: Index, ctx: RunContext, probeId: string, p: RoundParams): RunContext {
  return endRound(index, labProbes(index, ctx, probeId, p), p, null, ctx.beat);
}

/** The lab's half of a probe, on a draft: its cost and what it reveals, logged (the round's end is the caller's). */
export function labProbes(index: Index, ctx: RunContext, probeId: string, p: RoundParams): RunContext {
  const n = neg(index);
  const probe = n.probes.find((x) => x.id === probeId)!;
  const d = draft(ctx);
  applyEffects(d, probe.effects);
  d.talk = { ...ctx.talk!, revealed: [...ctx.talk!.revealed, ...probeFinds(n, ctx.seed, probe)] };
  logMove(d, p, `probe:${probeId}`);
  return d;
}

/** The lab proposes a complete contract (pure; `pkg` must be a package index). */
export function tablePropose(index: Index, ctx: RunContext, pkg: number, p: RoundParams): RunContext {
  return endRound(index, labProposes(index, ctx, pkg, p), p, pkg, ctx.beat);
}

/** The lab's half of a proposal, on a draft: its offer on the table and in the history, logged (the round's end is the caller's). */
export function labProposes(index: Index, ctx: RunContext, pkg: number, p: RoundParams): RunContext {
  const d = draft(ctx);
  const t = ctx.talk!;
  d.talk = { ...t, offers: { ...t.offers, lab: pkg }, history: [...t.history, { by: 'lab', pkg, day: d.day, phase: p.phase }] };
  logMove(d, p, proposeToken(clauseSpecs(neg(index)), pkg));
  return d;
}

/** The lab accepts the Department's offer on the table: the contract is signed (pure). */
export function tableAccept(index: Index, ctx: RunContext, p: RoundParams): RunContext {
  const n = neg(index);
  const d = draft(ctx);
  const pkg = ctx.talk!.offers.department!;
  d.talk = { ...ctx.talk!, signed: packageAt(clauseSpecs(n), pkg) };
  logMove(d, p, 'accept');
  d.timeline.push({ kind: 'deal', day: d.day, phase: p.phase, pkg, acceptedBy: 'lab' });
  return d;
}

/** The lab walks away from this phase's table (pure). */
export function tableWalkAway(_index: Index, ctx: RunContext, p: RoundParams): RunContext {
  const d = draft(ctx);
  d.talk = { ...ctx.talk!, walked: true };
  logMove(d, p, 'walk-away');
  return d;
}

// ---- guards ----

/** A probe is open to the lab now. */
export function probeOpen(index: Index, ctx: RunContext, probeId: string): boolean {
  return openProbes(index, ctx).some((p) => p.id === probeId);
}

/** The package index is a complete contract of this scenario. */
export function validPackage(index: Index, pkg: unknown): boolean {
  return typeof pkg === 'number' && isPackage(clauseSpecs(neg(index)), pkg);
}
