/**
 * The negotiation's pure core: clauses, packages and values (utility.ts), the deal space
 * (dealspace.ts), the three parts of an agent (bidding.ts, opponent.ts, acceptance.ts), the
 * built-in agents (agents.ts) and move checking (moves.ts). See docs/agents.md.
 */
export * from './types.ts';
export * from './utility.ts';
export * from './dealspace.ts';
export * from './bidding.ts';
export * from './opponent.ts';
export * from './acceptance.ts';
export * from './moves.ts';
export * from './agents.ts';
