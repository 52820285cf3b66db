/**
 * What the negotiation table is showing and how it changes: the choice selected, whether a choice
 * is being committed, and which choices can be picked (a what-if branch's original choice cannot).
 * Plain TypeScript, no Phaser: the Table scene draws it and calls its transitions.
 */
export interface TableChoice {
  id: string;
  /** 1-4: the key that picks it. */
  key: number;
}

/** What a press on a choice does: select it, commit it (a second press), or nothing. */
export type Press = { kind: 'select'; id: string } | { kind: 'commit'; id: string } | { kind: 'none' };

export class TableState {
  private chosen: string | null = null;
  private committing = false;

  constructor(
    readonly choices: readonly TableChoice[],
    /** The original run's choice on a what-if branch: shown, not pickable. */
    readonly original: string | null = null,
  ) {}

  get selected(): string | null {
    return this.chosen;
  }

  /** Whether a choice is being committed (then nothing else is taken). */
  get busy(): boolean {
    return this.committing;
  }

  pickable(id: string): boolean {
    return id !== this.original && this.choices.some((c) => c.id === id);
  }

  /** The pickable choice a number key picks, or null. */
  byKey(n: number): string | null {
    const c = this.choices.find((x) => x.key === n);
    return c && this.pickable(c.id) ? c.id : null;
  }

  /** Selects a choice; false when it cannot be. */
  select(id: string): boolean {
    if (this.committing || !this.pickable(id)) return false;
    this.chosen = id;
    return true;
  }

  /** A press on a choice: the first selects it, a second on the same one commits it. */
  press(id: string): Press {
    if (this.committing || !this.pickable(id)) return { kind: 'none' };
    return this.chosen === id ? { kind: 'commit', id } : { kind: 'select', id };
  }

  /** Starts committing a choice; false when one is already under way. */
  commit(id: string): boolean {
    if (this.committing || !this.pickable(id)) return false;
    this.committing = true;
    this.chosen = id;
    return true;
  }
}
