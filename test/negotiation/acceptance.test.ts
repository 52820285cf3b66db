import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acConst, acNext, acTime, acceptanceReason, accepts, ruleHolds, type AcceptanceRule } from '../../src/core/negotiation/acceptance.ts';
import { fcParams } from '../helpers.ts';

const input = (offer: number, next: number, walkAway: number, t: number) => ({ offer, next, walkAway, t });

describe('acceptance conditions', () => {
  it('AC_next accepts an offer at least as good as our next bid (with alpha and beta)', () => {
    expect(acNext(60, 60)).toBe(true);
    expect(acNext(59, 60)).toBe(false);
    expect(acNext(50, 60, 1.2)).toBe(true);
    expect(acNext(55, 60, 1, 5)).toBe(true);
  });

  it('AC_const and AC_time', () => {
    expect(acConst(70, 70)).toBe(true);
    expect(acConst(69.9, 70)).toBe(false);
    expect(acTime(0.95, 0.95)).toBe(true);
    expect(acTime(0.5, 0.95)).toBe(false);
  });

  it('combine with any and all', () => {
    const rule: AcceptanceRule = { kind: 'any', rules: [{ kind: 'next' }, { kind: 'time', after: 0.9 }] };
    expect(ruleHolds(rule, input(40, 60, 30, 0.95))).toBe(true);
    expect(ruleHolds(rule, input(40, 60, 30, 0.5))).toBe(false);
    const both: AcceptanceRule = { kind: 'all', rules: [{ kind: 'next' }, { kind: 'const', value: 70 }] };
    expect(ruleHolds(both, input(65, 60, 30, 0))).toBe(false);
    expect(ruleHolds(both, input(75, 60, 30, 0))).toBe(true);
  });

  it('never accept below the walk-away value, whatever the rule', () => {
    const rules: AcceptanceRule[] = [{ kind: 'next' }, { kind: 'const', value: 0 }, { kind: 'time', after: 0 }, { kind: 'any', rules: [{ kind: 'time', after: 0 }] }];
    fc.assert(
      fc.property(fc.constantFrom(...rules), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (rule, offer, next, walk, t) => {
        const i = input(offer, next, walk, t);
        if (accepts(rule, i)) expect(offer).toBeGreaterThanOrEqual(walk);
        expect(accepts(rule, i)).toBe(offer >= walk && ruleHolds(rule, i));
      }),
      fcParams(500),
    );
    expect(accepts({ kind: 'time', after: 0 }, input(29, 0, 30, 1))).toBe(false);
  });

  it('explain themselves in plain words', () => {
    expect(acceptanceReason({ kind: 'next' }, input(20, 60, 30, 0))).toBe('Your offer is worth 20 to us, less than the 30 we have without a deal.');
    expect(acceptanceReason({ kind: 'next' }, input(62, 60, 30, 0))).toBe('Your offer is worth 62 to us, at least the 60 we would ask next.');
    expect(acceptanceReason({ kind: 'next' }, input(50, 60, 30, 0))).toBe('Your offer is worth 50 to us; we ask for 60.');
    expect(acceptanceReason({ kind: 'any', rules: [{ kind: 'next' }, { kind: 'time', after: 0.9 }] }, input(50, 60, 30, 1))).toMatch(/^Time is short/);
  });
});
