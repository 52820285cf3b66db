import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AGENT_SPECS, BUILTIN_AGENT_NAMES, BUILTIN_AGENTS, builtinAgent, composeAgent, randomAgent, runAgent } from '../../src/core/negotiation/agents.ts';
import { checkMove } from '../../src/core/negotiation/moves.ts';
import type { Agent, AgentView, ClauseSpec, Move, Package, Values } from '../../src/core/negotiation/types.ts';
import { bestPackage, packageAt, packageCount, utility } from '../../src/core/negotiation/utility.ts';
import { fcParams } from '../helpers.ts';
import { anyView, frozen } from './arbitraries.ts';
import { randomDomain } from './harness.ts';

const agents = Object.values(BUILTIN_AGENTS);

const clauses: ClauseSpec[] = [
  { id: 'surveillance', options: [{ id: 'ban' }, { id: 'limit' }, { id: 'none' }] },
  { id: 'weapons', options: [{ id: 'ban' }, { id: 'review' }, { id: 'none' }] },
  { id: 'scope', options: [{ id: 'narrow' }, { id: 'broad' }, { id: 'all' }] },
];
const lab: Values = {
  weights: { surveillance: 0.5, weapons: 0.3, scope: 0.2 },
  scores: { surveillance: { ban: 100, limit: 60, none: 0 }, weapons: { ban: 100, review: 50, none: 0 }, scope: { narrow: 100, broad: 50, all: 0 } },
};
const theirs = { surveillance: 'none', weapons: 'none', scope: 'all' };

/** A lab view in the talks: `round` rounds played of `round + roundsLeft`. */
function view(over: Partial<AgentView> = {}): AgentView {
  return {
    side: 'lab',
    phase: 'talks',
    day: 3,
    round: 0,
    roundsLeft: 10,
    meters: { trust: 50 },
    clauses,
    values: lab,
    walkAway: 30,
    offers: { ours: null, theirs },
    history: [{ by: 'department', package: theirs }],
    revealed: [],
    seed: 'test',
    moves: [{ kind: 'accept' }, { kind: 'walk-away' }, { kind: 'propose', package: theirs }],
    ...over,
  };
}

describe('the built-in agents', () => {
  it('are the six of issue 10, by name', () => {
    expect(BUILTIN_AGENT_NAMES).toEqual(['hardliner', 'conceder', 'boulware', 'tit-for-tat', 'prober', 'random']);
    for (const name of BUILTIN_AGENT_NAMES) expect(builtinAgent(name)?.name).toBe(name);
    expect(builtinAgent('constructor')).toBeUndefined();
    expect(builtinAgent('nobody')).toBeUndefined();
    expect(JSON.parse(JSON.stringify(AGENT_SPECS))).toEqual(AGENT_SPECS);
  });

  it('always return a legal move for any legal view, for either side, without touching the view', () => {
    fc.assert(
      fc.property(anyView(), fc.constantFrom(...agents), (v, agent) => {
        const move = agent.choose(frozen(v));
        expect(checkMove(v, move), `${agent.name}: ${JSON.stringify(move)}`).toBeNull();
        expect(JSON.parse(JSON.stringify(move))).toEqual(move);
      }),
      fcParams(1500),
    );
  });

  it('are deterministic: the same view (or a JSON copy of it) gives the same move', () => {
    fc.assert(
      fc.property(anyView(), fc.constantFrom(...agents), (v, agent) => {
        const a = agent.choose(v);
        for (const other of agents) other.choose(frozen(v)); // whatever other agents did in between
        expect(agent.choose(frozen(v))).toEqual(a);
      }),
      fcParams(400),
    );
  });

  it('never accept an offer below their walk-away value when they have another move', () => {
    fc.assert(
      fc.property(anyView(), fc.constantFrom(...agents), (v, agent) => {
        const move = agent.choose(v);
        if (move.kind === 'accept' && v.moves.some((m) => m.kind !== 'accept')) {
          expect(v.offers.theirs).not.toBeNull();
          expect(utility(v.values, v.offers.theirs!)).toBeGreaterThanOrEqual(v.walkAway);
        }
      }),
      fcParams(1500),
    );
  });

  it('work on a full 6-clause domain (up to 15,625 packages) for both sides', () => {
    const d = randomDomain('agents-big');
    expect(packageCount(d.clauses)).toBeGreaterThan(700);
    for (const side of ['lab', 'department'] as const)
      for (const agent of agents) {
        const v = view({
          side,
          clauses: d.clauses,
          values: d.values[side],
          offers: { ours: null, theirs: packageAt(d.clauses, 0) },
          history: [{ by: side === 'lab' ? 'department' : 'lab', package: packageAt(d.clauses, 0) }],
          moves: [{ kind: 'accept' }, { kind: 'walk-away' }, { kind: 'propose', package: packageAt(d.clauses, 1) }],
        });
        expect(checkMove(v, agent.choose(v))).toBeNull();
      }
  });

  it('throw a clear error when there is no legal move', () => {
    for (const agent of agents) expect(() => agent.choose(view({ moves: [] }))).toThrow('no legal moves');
  });
});

describe('composed agents', () => {
  it('open with their best package and say why', () => {
    for (const name of ['hardliner', 'conceder', 'boulware', 'tit-for-tat', 'prober'] as const) {
      const move = builtinAgent(name)!.choose(view({ offers: { ours: null, theirs: null }, history: [], moves: [{ kind: 'propose', package: theirs }] }));
      expect(move).toMatchObject({ kind: 'propose', package: bestPackage(lab, clauses) });
      expect(move.reason).toMatch(/worth 100 to us/);
    }
  });

  it('concede over time as their curves say: conceder fast, hardliner hardly', () => {
    const asked = (name: string, round: number) => {
      const move = builtinAgent(name)!.choose(view({ round, roundsLeft: 11 - round, moves: [{ kind: 'propose', package: theirs }] }));
      return move.kind === 'propose' ? utility(lab, move.package) : NaN;
    };
    expect(asked('conceder', 3)).toBeLessThan(asked('boulware', 3));
    expect(asked('boulware', 3)).toBeLessThanOrEqual(asked('hardliner', 3));
    expect(asked('hardliner', 10)).toBeGreaterThanOrEqual(30 + 0.7 * 70);
    expect(asked('conceder', 10)).toBeLessThan(40);
    for (const name of ['conceder', 'boulware', 'hardliner']) for (let r = 0; r <= 10; r++) expect(asked(name, r)).toBeGreaterThanOrEqual(30);
  });

  it('accept an offer at least as good as their next bid (AC_next), never below walk-away', () => {
    const offered = (pkg: Package, round: number, roundsLeft: number, walkAway = 30) =>
      view({ offers: { ours: null, theirs: pkg }, history: [{ by: 'department', package: pkg }], round, roundsLeft, walkAway });
    const best = bestPackage(lab, clauses);
    for (const agent of agents.filter((a) => a.name !== 'random')) expect(agent.choose(offered(best, 0, 10)).kind).toBe('accept');
    const good = { surveillance: 'ban', weapons: 'ban', scope: 'broad' }; // 90
    // At t = 0.9 the conceder and Boulware ask for less than 90; the hardliner still asks for 100.
    expect(builtinAgent('conceder')!.choose(offered(good, 9, 2)).kind).toBe('accept');
    expect(builtinAgent('boulware')!.choose(offered(good, 9, 2)).kind).toBe('accept');
    expect(builtinAgent('boulware')!.choose(offered(good, 2, 9)).kind).toBe('propose');
    expect(builtinAgent('hardliner')!.choose(offered(good, 9, 2)).kind).toBe('propose');
    const bad = { surveillance: 'limit', weapons: 'none', scope: 'all' }; // 30
    expect(builtinAgent('conceder')!.choose(offered(bad, 10, 1)).kind).toBe('accept');
    expect(builtinAgent('conceder')!.choose(offered(bad, 10, 1, 31)).kind).toBe('propose');
    expect(builtinAgent('hardliner')!.choose(offered(bad, 10, 1)).kind).toBe('propose');
  });

  it('walk away when no package is worth their walk-away value, and only then', () => {
    expect(builtinAgent('boulware')!.choose(view({ walkAway: 100.5 })).kind).toBe('walk-away');
    expect(builtinAgent('boulware')!.choose(view({ walkAway: 100 })).kind).toBe('propose');
  });

  it('take the first story choice, else a probe, when they may not propose', () => {
    const choices: Move[] = [{ kind: 'choice', id: 'go-public', label: 'Go public' }, { kind: 'choice', id: 'sue' }, { kind: 'walk-away' }];
    expect(builtinAgent('boulware')!.choose(view({ moves: choices }))).toMatchObject({ kind: 'choice', id: 'go-public' });
    expect(builtinAgent('boulware')!.choose(view({ moves: [{ kind: 'walk-away' }, { kind: 'probe', id: 'p' }] }))).toMatchObject({ kind: 'probe', id: 'p' });
    expect(builtinAgent('boulware')!.choose(view({ moves: [{ kind: 'accept' }], offers: { ours: null, theirs } })).kind).toBe('accept');
  });

  it('prober spends its probes first, skips spent ones, stops after three or late, then bids', () => {
    const prober = builtinAgent('prober')!;
    const probes: Move[] = ['p1', 'p2', 'p3', 'p4'].map((id) => ({ kind: 'probe', id }));
    const moves = [...probes, { kind: 'propose', package: theirs } as Move];
    expect(prober.choose(view({ moves }))).toMatchObject({ kind: 'probe', id: 'p1' });
    const spent = (ids: string[]) => ids.map((id) => ({ kind: 'weight-rank' as const, clause: 'scope', rank: 1, probe: id }));
    expect(prober.choose(view({ moves, revealed: spent(['p1']) }))).toMatchObject({ kind: 'probe', id: 'p2' });
    expect(prober.choose(view({ moves, revealed: spent(['p1', 'p2', 'p3']) })).kind).toBe('propose');
    expect(prober.choose(view({ moves, round: 6, roundsLeft: 5 })).kind).toBe('propose');
    expect(builtinAgent('boulware')!.choose(view({ moves })).kind).toBe('propose');
  });

  it('use what they learned: the opponent model steers the offer among equal-for-us packages', () => {
    // Two clauses the lab does not care about: the offer should give the Department what it keeps asking for.
    const cs: ClauseSpec[] = [
      { id: 'core', options: [{ id: 'ours' }, { id: 'theirs' }] },
      { id: 'minor', options: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
    ];
    const v: Values = { weights: { core: 1, minor: 0 }, scores: { core: { ours: 100, theirs: 0 }, minor: { a: 50, b: 50, c: 50 } } };
    const asks = { core: 'theirs', minor: 'c' };
    const move = builtinAgent('boulware')!.choose(
      view({ clauses: cs, values: v, offers: { ours: null, theirs: asks }, history: [1, 2, 3].map(() => ({ by: 'department' as const, package: asks })), moves: [{ kind: 'propose', package: asks }] }),
    );
    expect(move).toMatchObject({ kind: 'propose', package: { core: 'ours', minor: 'c' } });
  });

  it('tit-for-tat mirrors the other side\'s concession', () => {
    const tft = builtinAgent('tit-for-tat')!;
    const asked = (history: AgentView['history']) => {
      const m = tft.choose(view({ history, offers: { ours: null, theirs: history[history.length - 1]?.package ?? null }, moves: [{ kind: 'propose', package: theirs }] }));
      return m.kind === 'propose' ? utility(lab, m.package) : NaN;
    };
    const hard = asked([{ by: 'department', package: theirs }, { by: 'department', package: theirs }]);
    const soft = asked([{ by: 'department', package: theirs }, { by: 'department', package: { surveillance: 'limit', weapons: 'review', scope: 'broad' } }]);
    expect(hard).toBe(100);
    expect(soft).toBeLessThan(100);
    expect(soft).toBeGreaterThanOrEqual(100 - 55 - 1e-9);
  });
});

describe('the random agent', () => {
  const random = builtinAgent('random')!;
  it('is keyed by its view: same view, same move; the seed changes it', () => {
    const moves: Move[] = [{ kind: 'walk-away' }, { kind: 'propose', package: theirs }, { kind: 'choice', id: 'a' }, { kind: 'choice', id: 'b' }, { kind: 'probe', id: 'p' }];
    const picks = Array.from({ length: 200 }, (_, i) => random.choose(view({ seed: `s${i}`, offers: { ours: null, theirs: null }, moves })));
    expect(picks.map((m) => JSON.stringify(m))).toEqual(Array.from({ length: 200 }, (_, i) => JSON.stringify(random.choose(view({ seed: `s${i}`, offers: { ours: null, theirs: null }, moves })))));
    const kinds = new Set(picks.map((m) => (m.kind === 'choice' ? `choice ${m.id}` : m.kind)));
    expect(kinds).toEqual(new Set(['propose', 'choice a', 'choice b', 'probe', 'walk-away']));
    // The built-in random agent weighs walking away like any other legal move: about 1 in 5 here.
    expect(picks.filter((m) => m.kind === 'walk-away').length).toBeGreaterThan(20);
    expect(picks.filter((m) => m.kind === 'walk-away').length).toBeLessThan(65);
    const proposals = new Set(picks.filter((m) => m.kind === 'propose').map((m) => JSON.stringify(m.kind === 'propose' && m.package)));
    expect(proposals.size).toBeGreaterThan(10);
  });

  it('accepts an offer at or above walk-away about a quarter of the time, and never one below', () => {
    const good = { surveillance: 'ban', weapons: 'none', scope: 'all' }; // 50
    const accepted = (walkAway: number) =>
      Array.from({ length: 400 }, (_, i) => random.choose(view({ seed: `a${i}`, walkAway, offers: { ours: null, theirs: good } }))).filter((m) => m.kind === 'accept').length;
    expect(accepted(50)).toBeGreaterThan(60);
    expect(accepted(50)).toBeLessThan(140);
    expect(accepted(50.01)).toBe(0);
    expect(randomAgent({ name: 'eager', acceptChance: 1 }).choose(view({ offers: { ours: null, theirs: good } })).kind).toBe('accept');
  });
});

describe('runAgent', () => {
  it('gives the move, or one line naming the agent and what was wrong', () => {
    const ok = runAgent(BUILTIN_AGENTS.boulware!, view());
    expect(ok.ok).toBe(true);
    const liar: Agent = { name: 'liar', choose: () => ({ kind: 'choice', id: 'sue' }) };
    expect(runAgent(liar, view())).toEqual({ ok: false, error: 'agent liar: "choice" is not a legal move now (legal now: accept, walk-away, propose)' });
    const thrower: Agent = {
      name: 'thrower',
      choose: () => {
        throw new Error('boom\n    at somewhere');
      },
    };
    expect(runAgent(thrower, view())).toEqual({ ok: false, error: 'agent thrower: threw: boom' });
    const bad: Agent = { name: 'bad', choose: () => ({ kind: 'propose', package: { surveillance: 'ban' } }) };
    expect(runAgent(bad, view())).toEqual({ ok: false, error: 'agent bad: illegal proposal: the package has no option for clause "weapons"' });
  });
});

describe('agents are pure', () => {
  afterEach(() => vi.restoreAllMocks());
  it('use no Math.random and no clock', () => {
    const boom = () => {
      throw new Error('an agent used a source of nondeterminism');
    };
    vi.spyOn(Math, 'random').mockImplementation(boom);
    vi.spyOn(Date, 'now').mockImplementation(boom);
    vi.spyOn(performance, 'now').mockImplementation(boom);
    fc.assert(
      fc.property(anyView(), (v) => {
        for (const agent of agents) agent.choose(v);
      }),
      fcParams(100),
    );
    const custom = composeAgent({ name: 'mine', bidding: { kind: 'time', e: 1, band: 0 }, acceptance: { kind: 'const', value: 60 } });
    expect(checkMove(view(), custom.choose(view()))).toBeNull();
  });
});
