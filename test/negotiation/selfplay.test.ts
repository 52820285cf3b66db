/**
 * Agents negotiating with each other on random 6-clause domains: every move legal, nobody accepts
 * below its walk-away value, and agreement rates order as their strategies say they should.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_AGENTS, builtinAgent } from '../../src/core/negotiation/agents.ts';
import { dealSpace, valueLeftBy } from '../../src/core/negotiation/dealspace.ts';
import type { Side } from '../../src/core/negotiation/types.ts';
import { packageIndex } from '../../src/core/negotiation/utility.ts';
import { randomDomain, selfPlay, utilities, type Domain, type PlayResult } from './harness.ts';

const DOMAINS = 24;
const ROUNDS = 20;
const domains: Domain[] = Array.from({ length: DOMAINS }, (_, i) => randomDomain(`self-${i}`));
const names = Object.keys(BUILTIN_AGENTS);

/** Plays `lab` against `department` on every domain (each domain's spaces are memoised in turn). */
const playAll = (lab: string, department: string, options: Parameters<typeof selfPlay>[2] = {}) =>
  domains.map((d, i) => selfPlay({ lab: builtinAgent(lab)!, department: builtinAgent(department)! }, d, { rounds: ROUNDS, seed: `play-${i}`, ...options }));

const rate = (rs: PlayResult[]) => rs.filter((r) => r.deal).length / rs.length;
const meanTurn = (rs: PlayResult[]) => {
  const turns = rs.flatMap((r) => (r.turn === null ? [] : [r.turn]));
  return turns.length ? turns.reduce((a, b) => a + b, 0) / turns.length : Infinity;
};

describe('self-play on random 6-clause domains', () => {
  it('the domains are real negotiations: hundreds of packages and usually a zone of agreement', () => {
    const zones = domains.map((d) => dealSpace(d.clauses, d.values.lab, d.values.department, d.walkAways).zone.length);
    expect(zones.filter((z) => z > 0).length).toBeGreaterThan(DOMAINS * 0.8);
  });

  it('every pair of built-in agents, either way round: legal moves only, no deal below a walk-away value', () => {
    const results: string[] = [];
    domains.forEach((d, i) => {
      for (const lab of names)
        for (const department of names) {
          const r = selfPlay({ lab: builtinAgent(lab)!, department: builtinAgent(department)! }, d, { rounds: ROUNDS, seed: `pair-${i}`, probes: i % 2 === 0, ranges: i % 3 === 0 });
          if (!r.deal) continue;
          const u = utilities(d, r.deal);
          const accepter = r.accepter as Side;
          if (u[accepter] < d.walkAways[accepter]) results.push(`${lab} v ${department} on ${i}: ${accepter} accepted ${u[accepter]} < ${d.walkAways[accepter]}`);
        }
    });
    expect(results).toEqual([]);
  });

  it('is deterministic: the same game twice is the same game', () => {
    for (const [a, b] of [['random', 'tit-for-tat'], ['prober', 'conceder'], ['boulware', 'random']] as const) {
      const once = playAll(a, b, { probes: true });
      expect(playAll(a, b, { probes: true })).toEqual(once);
    }
  });

  it('conceders agree more often and sooner than hardliners', () => {
    const conceders = playAll('conceder', 'conceder');
    const hardliners = playAll('hardliner', 'hardliner');
    expect(rate(conceders)).toBeGreaterThan(rate(hardliners));
    expect(rate(conceders)).toBeGreaterThanOrEqual(0.8);
    expect(meanTurn(conceders)).toBeLessThan(meanTurn(hardliners));
    const boulwares = playAll('boulware', 'boulware');
    expect(rate(boulwares)).toBeGreaterThanOrEqual(rate(hardliners));
    expect(meanTurn(conceders)).toBeLessThan(meanTurn(boulwares));
  });

  it('a deal is measured on the map: its value left is never negative', () => {
    for (const [i, r] of playAll('boulware', 'conceder').entries()) {
      const d = domains[i]!;
      const space = dealSpace(d.clauses, d.values.lab, d.values.department, d.walkAways);
      const left = valueLeftBy(space, r.deal ? packageIndex(d.clauses, r.deal) : null);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left).toBeLessThanOrEqual(200);
    }
  });
});
