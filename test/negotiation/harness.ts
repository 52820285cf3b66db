/**
 * A small self-play harness for tests: two agents alternate offers over a random domain, the lab
 * first, for a number of rounds (one move of each side a round). Not the game's protocol (the
 * machine is); just enough to see agents negotiate with each other.
 */
import { draw } from '../../src/core/dice.ts';
import { runAgent } from '../../src/core/negotiation/agents.ts';
import type { Agent, AgentView, ClauseSpec, HistoryEntry, Move, Package, Point, Revealed, Side, ValueRanges, Values } from '../../src/core/negotiation/types.ts';
import { bestPackage, drawValues, utility } from '../../src/core/negotiation/utility.ts';

export interface Domain {
  clauses: ClauseSpec[];
  values: Record<Side, Values>;
  ranges: Record<Side, ValueRanges>;
  walkAways: Point;
}

/**
 * A random domain from a seed: `count` clauses of 3-5 options. The lab's scores are uniform; on
 * most clauses (70%) the Department's are the mirror image within ±15 (opposed interests), on the
 * others independent (room for trades). Walk-away values 25-50.
 */
export function randomDomain(seed: string, count = 6): Domain {
  const clauses: ClauseSpec[] = Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    options: Array.from({ length: 3 + Math.floor(draw(seed, `d/options/${i}`) * 3) }, (_, j) => ({ id: `o${j}` })),
  }));
  const weights = Object.fromEntries(clauses.map((c) => [c.id, [1, 10] as [number, number]]));
  const labRanges: ValueRanges = { weights, scores: Object.fromEntries(clauses.map((c) => [c.id, Object.fromEntries(c.options.map((o) => [o.id, [0, 100] as [number, number]]))])) };
  const lab = drawValues(labRanges, seed, 'v/lab');
  const deptRanges: ValueRanges = {
    weights,
    scores: Object.fromEntries(
      clauses.map((c, i) => {
        const opposed = draw(seed, `d/opposed/${i}`) < 0.7;
        return [c.id, Object.fromEntries(c.options.map((o) => {
          const mirror = 100 - lab.scores[c.id]![o.id]!;
          return [o.id, (opposed ? [Math.max(0, mirror - 15), Math.min(100, mirror + 15)] : [0, 100]) as [number, number]];
        }))];
      }),
    ),
  };
  const department = drawValues(deptRanges, seed, 'v/department');
  return {
    clauses,
    values: { lab, department },
    ranges: { lab: labRanges, department: deptRanges },
    walkAways: { lab: 25 + 25 * draw(seed, 'd/walk/lab'), department: 25 + 25 * draw(seed, 'd/walk/department') },
  };
}

export interface PlayResult {
  deal: Package | null;
  /** The turn (0-based, two a round) at which the deal was accepted, or null. */
  turn: number | null;
  accepter: Side | null;
  walkedAway: Side | null;
  history: HistoryEntry[];
  /** Every move, in order. */
  moves: { side: Side; move: Move }[];
}

/** The probe ids a side may spend: one per clause, revealing the rank of that clause for the other side. */
const probeId = (clause: string) => `rank-${clause}`;

function rankFact(domain: Domain, of: Side, clause: string): Revealed {
  const w = domain.values[of].weights;
  const order = Object.keys(w).sort((a, b) => w[b]! - w[a]! || a.localeCompare(b));
  return { kind: 'weight-rank', clause, rank: order.indexOf(clause) + 1, probe: probeId(clause) };
}

/**
 * Plays two agents against each other (pure given pure agents). Throws, with the harness's
 * one-line message, if an agent returns an illegal move or throws.
 */
export function selfPlay(agents: Record<Side, Agent>, domain: Domain, options: { rounds?: number; seed?: string; probes?: boolean; ranges?: boolean } = {}): PlayResult {
  const rounds = options.rounds ?? 20;
  const history: HistoryEntry[] = [];
  const revealed: Record<Side, Revealed[]> = { lab: [], department: [] };
  const moves: PlayResult['moves'] = [];
  const last = (by: Side) => [...history].reverse().find((h) => h.by === by)?.package ?? null;
  for (let turn = 0; turn < 2 * rounds; turn++) {
    const side: Side = turn % 2 === 0 ? 'lab' : 'department';
    const other: Side = side === 'lab' ? 'department' : 'lab';
    const round = Math.floor(turn / 2);
    const ours = last(side);
    const theirs = last(other);
    const legal: Move[] = [];
    if (theirs) legal.push({ kind: 'accept' });
    legal.push({ kind: 'propose', package: ours ?? bestPackage(domain.values[side], domain.clauses) });
    if (options.probes) {
      const spent = new Set(revealed[side].map((f) => f.probe));
      for (const c of domain.clauses) if (!spent.has(probeId(c.id))) legal.push({ kind: 'probe', id: probeId(c.id) });
    }
    legal.push({ kind: 'walk-away' });
    const view: AgentView = {
      side,
      phase: 'talks',
      day: round,
      round,
      roundsLeft: rounds - round,
      meters: {},
      clauses: domain.clauses,
      values: domain.values[side],
      walkAway: domain.walkAways[side],
      offers: { ours, theirs },
      history: history.slice(),
      revealed: revealed[side].slice(),
      ...(options.ranges ? { theirRanges: domain.ranges[other] } : {}),
      seed: options.seed ?? 'self-play',
      moves: legal,
    };
    const result = runAgent(agents[side], view);
    if (!result.ok) throw new Error(result.error);
    const move = result.move;
    moves.push({ side, move });
    if (move.kind === 'accept') return { deal: theirs, turn, accepter: side, walkedAway: null, history, moves };
    if (move.kind === 'walk-away') return { deal: null, turn: null, accepter: null, walkedAway: side, history, moves };
    if (move.kind === 'propose') history.push({ by: side, package: { ...move.package } });
    if (move.kind === 'probe') revealed[side].push(rankFact(domain, other, move.id.slice('rank-'.length)));
  }
  return { deal: null, turn: null, accepter: null, walkedAway: null, history, moves };
}

/** Both sides' utilities of a deal. */
export const utilities = (domain: Domain, pkg: Package): Point => ({ lab: utility(domain.values.lab, pkg), department: utility(domain.values.department, pkg) });
