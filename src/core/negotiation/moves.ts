/** Checking an agent's move against its view, and the view's clock. */
import { MOVE_KINDS as KINDS, type AgentView, type Move, type MoveKind } from './types.ts';
import { packageProblem } from './utility.ts';

/**
 * Negotiation time in the current phase, 0 in its first round to 1 in its last (pure):
 * `round / (round + roundsLeft − 1)`, and 1 once no more than one round is left.
 */
export function negotiationTime(round: number, roundsLeft: number): number {
  if (roundsLeft <= 1) return 1;
  const t = Math.max(0, round) / (Math.max(0, round) + roundsLeft - 1);
  return Math.min(1, Math.max(0, t));
}

/** A short name of a move for messages: `propose`, `probe ask-staff`. */
export function moveName(move: Move): string {
  return move.kind === 'choice' || move.kind === 'probe' ? `${move.kind} ${move.id}` : move.kind;
}

/** The legal moves of a kind (pure). */
export function movesOf<K extends MoveKind>(view: Pick<AgentView, 'moves'>, kind: K): Extract<Move, { kind: K }>[] {
  return view.moves.filter((m): m is Extract<Move, { kind: K }> => m.kind === kind);
}

/**
 * What is wrong with a move an agent returned, in one line, or null if it is legal now (pure).
 * Legal: a move of a kind in `view.moves`; a choice or probe with the id of one of them; a
 * propose with a complete package of known clause and option ids. `reason` must be a string if
 * given; other extra fields (such as `label`) are ignored.
 */
export function checkMove(view: Pick<AgentView, 'moves' | 'clauses'>, move: unknown): string | null {
  if (typeof move !== 'object' || move === null || Array.isArray(move)) return `the move is ${describe(move)}, not an object with a kind`;
  const m = move as Record<string, unknown>;
  if (typeof m.kind !== 'string') return 'the move has no kind';
  if (!(KINDS as readonly string[]).includes(m.kind)) return `unknown move kind "${m.kind}" (kinds: ${KINDS.join(', ')})`;
  if (m.reason !== undefined && typeof m.reason !== 'string') return 'the move\'s reason is not a string';
  const legal = view.moves.filter((l) => l.kind === m.kind);
  const now = `legal now: ${view.moves.map(moveName).join(', ') || 'nothing'}`;
  if (legal.length === 0) return `"${m.kind}" is not a legal move now (${now})`;
  if (m.kind === 'choice' || m.kind === 'probe') {
    if (typeof m.id !== 'string') return `the ${m.kind} move has no id`;
    if (!legal.some((l) => (l as { id: string }).id === m.id)) return `no legal ${m.kind} "${m.id}" (${now})`;
  }
  if (m.kind === 'propose') {
    if (!('package' in m)) return 'the propose move has no package';
    const problem = packageProblem(view.clauses, m.package);
    if (problem) return `illegal proposal: ${problem}`;
  }
  return null;
}

const describe = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'undefined' ? 'undefined' : `a ${typeof x}`);
