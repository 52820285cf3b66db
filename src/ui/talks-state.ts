/**
 * The negotiating table's state (version 2), for the scene that will draw it: the legal moves
 * with the number keys that pick them, the package builder (one wording per clause), and the
 * move a key and Enter commit. Plain TypeScript, no Phaser, no rules: the moves, their order and
 * the default proposal come from the core (Session.moves), the scores from the core's views.
 *
 * Keys: 1…9 pick the first nine legal moves and 0 the tenth (the scene maps 0 to 10), in the core's order (story moves, probes, a proposal,
 * accepting, walking away); Enter commits the picked move. The proposal is the builder's package,
 * which starts as the core's default proposal each round, so pressing 1 then Enter at every step
 * plays exactly the command line's `first` strategy.
 */

/** A legal move as the core lists it (the fields the table needs). */
export interface LegalMove {
  kind: 'choice' | 'probe' | 'propose' | 'accept' | 'walk-away';
  token: string;
}

/** One clause of the builder: its options' ids in the scenario's order. */
export interface BuilderClause {
  id: string;
  options: readonly string[];
}

export class TalksState {
  /** The builder: the chosen option's position for each clause. */
  private positions: number[];
  private readonly initial: number[];
  private picked: number | null = null;

  constructor(
    readonly legal: readonly LegalMove[],
    readonly clauses: readonly BuilderClause[],
  ) {
    const propose = legal.find((m) => m.kind === 'propose');
    // The core's default proposal ("propose:<one digit per clause>") sets the builder.
    const digits = propose ? propose.token.slice('propose:'.length) : '';
    this.initial = clauses.map((_, i) => Number(digits[i] ?? 0));
    this.positions = this.initial.slice();
  }

  /** The key (1-based) of each legal move, in order. */
  keyOf(token: string): number | null {
    const i = this.legal.findIndex((m) => m.token === token || (m.kind === 'propose' && token.startsWith('propose:')));
    return i < 0 ? null : i + 1;
  }

  /** The move a number key picks (its position among the legal moves), or null. */
  pick(key: number): LegalMove | null {
    if (!Number.isInteger(key) || key < 1 || key > this.legal.length) return null;
    this.picked = key - 1;
    return this.legal[key - 1]!;
  }

  /** The move picked, or null. */
  get selected(): LegalMove | null {
    return this.picked === null ? null : this.legal[this.picked]!;
  }

  /** The option chosen for each clause in the builder, by id. */
  get package(): Record<string, string> {
    const out: Record<string, string> = {};
    this.clauses.forEach((c, i) => (out[c.id] = c.options[this.positions[i]!]!));
    return out;
  }

  /** The builder's contract as a proposal token. */
  get proposal(): string {
    return `propose:${this.positions.join('')}`;
  }

  /** Whether the builder still holds the core's default proposal. */
  get unchanged(): boolean {
    return this.positions.every((p, i) => p === this.initial[i]);
  }

  /** Sets a clause's wording; false for an unknown clause or option. */
  set(clause: string, option: string): boolean {
    const i = this.clauses.findIndex((c) => c.id === clause);
    const at = i < 0 ? -1 : this.clauses[i]!.options.indexOf(option);
    if (at < 0) return false;
    this.positions[i] = at;
    return true;
  }

  /** Moves a clause's wording one step (+1 or -1), wrapping around; returns the new option id. */
  step(clause: string, by: 1 | -1): string | null {
    const i = this.clauses.findIndex((c) => c.id === clause);
    if (i < 0) return null;
    const n = this.clauses[i]!.options.length;
    this.positions[i] = (this.positions[i]! + by + n) % n;
    return this.clauses[i]!.options[this.positions[i]!]!;
  }

  /** Puts the core's default proposal back in the builder. */
  reset(): void {
    this.positions = this.initial.slice();
  }

  /** The token Enter commits: the picked move, a proposal being the builder's contract; or null. */
  commit(): string | null {
    const m = this.selected;
    if (!m) return null;
    return m.kind === 'propose' ? this.proposal : m.token;
  }
}
