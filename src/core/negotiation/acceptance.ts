/**
 * Acceptance strategies: when to accept the offer on the table. Rules are plain data, so an
 * agent's parameters can be printed, stored and compared; every rule sits on the walk-away floor
 * (an offer below the walk-away value is never accepted).
 *
 * - `next` (AC_next): accept when alpha × offer + beta ≥ the utility of the offer we would make
 *   next instead.
 * - `const` (AC_const): accept when the offer ≥ a constant.
 * - `time` (AC_time): accept anything (above the walk-away value) once t ≥ `after`.
 * - `any` / `all`: combinations.
 */

/** An acceptance rule, as data. */
export type AcceptanceRule =
  | { kind: 'next'; alpha?: number; beta?: number }
  | { kind: 'const'; value: number }
  | { kind: 'time'; after: number }
  | { kind: 'any'; rules: AcceptanceRule[] }
  | { kind: 'all'; rules: AcceptanceRule[] };

/** What a rule looks at, all in the deciding side's utility (0-100) and time (0-1). */
export interface AcceptanceInput {
  /** Our utility of the offer on the table. */
  offer: number;
  /** Our utility of the offer we would make next instead. */
  next: number;
  /** Our walk-away value. */
  walkAway: number;
  /** Negotiation time, 0..1. */
  t: number;
}

/** AC_next: alpha × offer + beta ≥ next (pure). */
export function acNext(offer: number, next: number, alpha = 1, beta = 0): boolean {
  return alpha * offer + beta >= next;
}

/** AC_const: offer ≥ value (pure). */
export function acConst(offer: number, value: number): boolean {
  return offer >= value;
}

/** AC_time: t ≥ after (pure). */
export function acTime(t: number, after: number): boolean {
  return t >= after;
}

/** Whether a rule holds, before the walk-away floor (pure). */
export function ruleHolds(rule: AcceptanceRule, input: AcceptanceInput): boolean {
  switch (rule.kind) {
    case 'next':
      return acNext(input.offer, input.next, rule.alpha, rule.beta);
    case 'const':
      return acConst(input.offer, rule.value);
    case 'time':
      return acTime(input.t, rule.after);
    case 'any':
      return rule.rules.some((r) => ruleHolds(r, input));
    case 'all':
      return rule.rules.every((r) => ruleHolds(r, input));
  }
}

/** Whether to accept: the offer is at or above the walk-away value and the rule holds (pure). */
export function accepts(rule: AcceptanceRule, input: AcceptanceInput): boolean {
  return input.offer >= input.walkAway && ruleHolds(rule, input);
}

const r = (x: number): string => String(Math.round(x));

/** Why a rule accepts or declines, in plain words from the deciding side ("we") (pure). */
export function acceptanceReason(rule: AcceptanceRule, input: AcceptanceInput): string {
  if (input.offer < input.walkAway) return `Your offer is worth ${r(input.offer)} to us, less than the ${r(input.walkAway)} we have without a deal.`;
  if (accepts(rule, input)) {
    if (ruleHolds({ kind: 'next' }, input)) return `Your offer is worth ${r(input.offer)} to us, at least the ${r(input.next)} we would ask next.`;
    if (rule.kind === 'time' || (rule.kind === 'any' && rule.rules.some((x) => x.kind === 'time' && ruleHolds(x, input))))
      return `Time is short, and your offer (${r(input.offer)} to us) beats no deal (${r(input.walkAway)}).`;
    return `Your offer is worth ${r(input.offer)} to us: enough.`;
  }
  return `Your offer is worth ${r(input.offer)} to us; we ask for ${r(input.next)}.`;
}
