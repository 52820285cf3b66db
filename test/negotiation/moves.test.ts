import { describe, expect, it } from 'vitest';
import { checkMove, moveName, movesOf, negotiationTime } from '../../src/core/negotiation/moves.ts';
import type { ClauseSpec, Move } from '../../src/core/negotiation/types.ts';

const clauses: ClauseSpec[] = [
  { id: 'weapons', options: [{ id: 'ban' }, { id: 'review' }] },
  { id: 'scope', options: [{ id: 'narrow' }, { id: 'all' }] },
];
const moves: Move[] = [
  { kind: 'accept' },
  { kind: 'walk-away' },
  { kind: 'choice', id: 'go-public', label: 'Go public' },
  { kind: 'probe', id: 'ask-priorities' },
  { kind: 'propose', package: { weapons: 'ban', scope: 'narrow' } },
];
const view = { clauses, moves };

describe('negotiationTime', () => {
  it('runs from 0 in the first round to 1 in the last', () => {
    expect(negotiationTime(0, 5)).toBe(0);
    expect(negotiationTime(2, 3)).toBe(0.5);
    expect(negotiationTime(4, 1)).toBe(1);
    expect(negotiationTime(0, 1)).toBe(1);
    expect(negotiationTime(7, 0)).toBe(1);
    expect(negotiationTime(-3, 4)).toBe(0);
  });
});

describe('checkMove', () => {
  it('accepts every legal move as given, and a propose with any complete package', () => {
    for (const m of moves) expect(checkMove(view, m)).toBeNull();
    expect(checkMove(view, { kind: 'propose', package: { scope: 'all', weapons: 'review' }, reason: 'why not' })).toBeNull();
    expect(checkMove(view, { kind: 'choice', id: 'go-public' })).toBeNull();
  });

  it('names what is wrong in one line', () => {
    const only = { clauses, moves: [{ kind: 'propose', package: { weapons: 'ban', scope: 'narrow' } } as Move] };
    const cases: [unknown, string][] = [
      [null, 'the move is null, not an object with a kind'],
      ['accept', 'the move is a string, not an object with a kind'],
      [[], 'the move is an array, not an object with a kind'],
      [{}, 'the move has no kind'],
      [{ kind: 'bribe' }, 'unknown move kind "bribe" (kinds: accept, walk-away, choice, probe, propose)'],
      [{ kind: 'choice', id: 'sue' }, 'no legal choice "sue" (legal now: accept, walk-away, choice go-public, probe ask-priorities, propose)'],
      [{ kind: 'probe' }, 'the probe move has no id'],
      [{ kind: 'propose' }, 'the propose move has no package'],
      [{ kind: 'propose', package: { weapons: 'ban' } }, 'illegal proposal: the package has no option for clause "scope"'],
      [{ kind: 'propose', package: { weapons: 'ban', scope: 'wide' } }, 'illegal proposal: clause "scope" has no option "wide"'],
      [{ kind: 'propose', package: { weapons: 'ban', scope: 'all', extra: 'x' } }, 'illegal proposal: the package names an unknown clause "extra"'],
      [{ kind: 'accept', reason: 42 }, "the move's reason is not a string"],
    ];
    for (const [move, message] of cases) expect(checkMove(view, move)).toBe(message);
    expect(checkMove(only, { kind: 'accept' })).toBe('"accept" is not a legal move now (legal now: propose)');
    expect(checkMove({ clauses, moves: [] }, { kind: 'walk-away' })).toBe('"walk-away" is not a legal move now (legal now: nothing)');
    for (const [move] of cases) expect(checkMove(view, move) ?? '').not.toContain('\n');
  });
});

describe('moveName and movesOf', () => {
  it('name moves and filter them by kind', () => {
    expect(moves.map(moveName)).toEqual(['accept', 'walk-away', 'choice go-public', 'probe ask-priorities', 'propose']);
    expect(movesOf(view, 'probe')).toEqual([{ kind: 'probe', id: 'ask-priorities' }]);
  });
});
