/**
 * Balance of march-2026 version 2, measured over 10,000 seeds (sim-0 … sim-9999, the seeds of
 * `red-lines tournament`): every ending happens, no built-in agent has one ending nearly always,
 * skill shows in the value left on the table, probing pays, and no fixed sequence of moves wins
 * on every seed. The thresholds are issue 10's; the numbers themselves are never pinned.
 */
import { describe, expect, it } from 'vitest';
import { outcomeOf, playAgent, type Outcome } from '../src/core/agent-play.ts';
import { engineOf, foldMoves } from '../src/core/engine.ts';
import { findTableMove } from '../src/core/bargain.ts';
import { indexOf } from '../src/core/rules.ts';
import { BUILTIN_AGENTS, BUILTIN_AGENT_NAMES } from '../src/core/negotiation/agents.ts';
import type { Agent } from '../src/core/negotiation/types.ts';
import { loadMarch2 } from './helpers.ts';

const v2 = loadMarch2();
const SEEDS = 10_000;

interface Tally {
  endings: Record<string, number>;
  lab: number;
  department: number;
  valueLeft: number;
}

/**
 * The prober with its probes' answers hidden from it: it asks the same questions (spending the
 * same rounds, trust and days) but learns nothing, so the difference is what the learning is worth.
 */
const blindProber: Agent = {
  name: 'blind-prober',
  choose: (v) => BUILTIN_AGENTS.prober!.choose({ ...v, revealed: v.revealed.map((f) => ({ kind: 'weight' as const, clause: f.clause, min: 0, max: 1, probe: f.probe })) }),
};
const AGENTS: Record<string, Agent> = { ...BUILTIN_AGENTS, 'blind-prober': blindProber };

const tallies = new Map<string, Tally>();
/** Each built-in agent over the 10,000 seeds, played once and shared by the tests below. */
function tally(name: string): Tally {
  let t = tallies.get(name);
  if (t) return t;
  t = { endings: {}, lab: 0, department: 0, valueLeft: 0 };
  for (let i = 0; i < SEEDS; i++) {
    const o: Outcome = outcomeOf(v2, playAgent(v2, `sim-${i}`, AGENTS[name]!).state, { hash: false });
    t.endings[o.ending!] = (t.endings[o.ending!] ?? 0) + 1;
    t.lab += o.utilities.lab / SEEDS;
    t.department += o.utilities.department / SEEDS;
    t.valueLeft += o.valueLeft / SEEDS;
  }
  tallies.set(name, t);
  return t;
}

describe(`march-2026 v2 balance over ${SEEDS} seeds`, { timeout: 600_000 }, () => {
  it('every ending occurs in at least 3% of the random agent\'s runs', () => {
    const t = tally('random');
    for (const e of v2.endings) expect((t.endings[e.id] ?? 0) / SEEDS, `ending ${e.id}`).toBeGreaterThanOrEqual(0.03);
  });

  it('no built-in agent reaches one ending in more than 90% of seeds', () => {
    for (const name of BUILTIN_AGENT_NAMES) {
      const t = tally(name);
      for (const [ending, n] of Object.entries(t.endings)) expect(n / SEEDS, `${name} → ${ending}`).toBeLessThanOrEqual(0.9);
    }
  });

  it('skill matters: the best and worst built-in agents differ by at least 15 points of value left on the table', () => {
    const left = BUILTIN_AGENT_NAMES.map((n) => tally(n).valueLeft);
    expect(Math.max(...left) - Math.min(...left)).toBeGreaterThanOrEqual(15);
  });

  it('the prober gains from what it learns: better off than a Boulware, and than itself with the answers hidden', () => {
    const prober = tally('prober');
    const blind = tally('blind-prober');
    expect(prober.lab).toBeGreaterThan(tally('boulware').lab);
    // What it learns makes its trade-off offers better for both sides: no worse for the lab, more in all.
    expect(prober.lab).toBeGreaterThanOrEqual(blind.lab);
    expect(prober.lab + prober.department).toBeGreaterThan(blind.lab + blind.department);
  });
});

describe('no fixed sequence of moves is best on every seed', () => {
  it('of the sequences the built-in agents played, each is beaten on some seed by another', () => {
    const index = indexOf(v2);
    // Candidate sequences: what each built-in agent played on a few seeds, replayed as fixed moves.
    const sequences: string[][] = [];
    for (const name of BUILTIN_AGENT_NAMES) for (let i = 0; i < 6; i++) sequences.push(playAgent(v2, `fixed-${i}`, BUILTIN_AGENTS[name]!).moves);
    // A fixed sequence on another seed: each move while it is legal there, and the first legal
    // move instead of one that is not (a story beat can differ); then the first legal move.
    const labUtility = (moves: string[], seed: string): number => {
      const r = foldMoves(engineOf(v2), seed, (i, _t, s) => {
        if (s.status === 'done') return null;
        const token = moves[i];
        if (token !== undefined && !('problem' in findTableMove(index, s.context, token))) return { id: token };
        return { position: 0 };
      });
      return outcomeOf(v2, r.state, { hash: false }).utilities.lab;
    };
    const seeds = Array.from({ length: 120 }, (_, i) => `fixed-test-${i}`);
    const scores = sequences.map((m) => seeds.map((s) => labUtility(m, s)));
    for (let k = 0; k < sequences.length; k++) {
      const beaten = seeds.some((_, j) => scores.some((other, o) => o !== k && other[j]! > scores[k]![j]!));
      expect(beaten, `sequence ${k} (${sequences[k]!.slice(0, 3).join(', ')}, …) is best on all ${seeds.length} seeds`).toBe(true);
    }
  });
});
