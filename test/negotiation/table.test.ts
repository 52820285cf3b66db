/**
 * March-2026 version 2 at the table: both engines agree move by move, the state value says where
 * the negotiation stands, the ending follows from the signed text alone, codes and records
 * replay, probes tell the truth, and agents that break the rules are stopped with one line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentSource, AgentError, labView, outcomeOf, playAgent, runDealSpace, tokenOf } from '../../src/core/agent-play.ts';
import { engineOf, eventOf, foldMoves, movesFrom, positionsFrom, problemMessage, type RunState } from '../../src/core/engine.ts';
import { stateHash } from '../../src/core/hash.ts';
import { recordToCode, resolveCode } from '../../src/core/record.ts';
import { holds, indexOf, recordMoves, type RunContext } from '../../src/core/rules.ts';
import { findTableMove } from '../../src/core/bargain.ts';
import { playFast } from '../../src/core/run.ts';
import { clauseSpecs, frontierOf, hiddenValues, spacesOf, valueLeftAt, walkAwayValue } from '../../src/core/talks.ts';
import { answerText } from '../../src/core/talk-words.ts';
import { dealMapView, talkView } from '../../src/core/talk-view.ts';
import { debriefMarkdown, endingView } from '../../src/core/view.ts';
import { BUILTIN_AGENTS, BUILTIN_AGENT_NAMES } from '../../src/core/negotiation/agents.ts';
import { orderOf, ownSpace } from '../../src/core/negotiation/bidding.ts';
import { dealPoints, paretoFrontier, valueLeftBy } from '../../src/core/negotiation/dealspace.ts';
import type { Agent } from '../../src/core/negotiation/types.ts';
import { packageAt, packageCount } from '../../src/core/negotiation/utility.ts';
import { fcParams, loadMarch2, MARCH2_PATH } from '../helpers.ts';
import { readFileSync } from 'node:fs';
import { formatError, loadScenario } from '../../src/core/loader.ts';

const v2 = loadMarch2();
const neg = v2.negotiation!;
const clauses = clauseSpecs(neg);

/** Plays `agent` through both engines at once, comparing value, status, context and hash after every move. */
function lockstep(seed: string, agent: Agent): RunState {
  const x = engineOf(v2, 'xstate');
  const f = engineOf(v2, 'fast');
  let sx = x.start(seed);
  let sf = f.start(seed);
  expect(sf.value).toBe(sx.value);
  for (let i = 0; i < 200 && sx.status === 'active'; i++) {
    const legal = f.moves(sf);
    expect(x.moves(sx)).toEqual(legal);
    const next = agentSource(v2, agent)(i, f.table(sf), sf, legal) as { id: string };
    const found = findTableMove(indexOf(v2), sf.context, next.id);
    if ('problem' in found) throw new Error(found.problem);
    const e = eventOf(found.move);
    sx = x.apply(sx, e);
    sf = f.apply(sf, e);
    expect(sf.value).toBe(sx.value);
    expect(sf.status).toBe(sx.status);
    expect(sf.context).toEqual(sx.context);
    expect(stateHash(sf.value, sf.context)).toBe(stateHash(sx.value, sx.context));
  }
  expect(sx.status).toBe('done');
  return sf;
}

describe('march-2026 version 2: the engines', () => {
  it('XState and the stepper agree after every move, for every built-in agent', () => {
    for (const name of BUILTIN_AGENT_NAMES) for (const seed of ['a', 'b', 'class-7']) lockstep(`${name}-${seed}`, BUILTIN_AGENTS[name]!);
  });

  it('the state value says where the negotiation stands: the phase and the round', () => {
    const e = engineOf(v2, 'xstate');
    let s = e.start('rounds');
    expect(s.value).toBe('talks.round-1');
    const seen = [s.value];
    while (s.status === 'active' && seen.length < 40) {
      s = e.apply(s, eventOf(e.moves(s).find((m) => m.kind === 'probe' || m.kind === 'choice') ?? e.moves(s).find((m) => m.kind === 'propose')!));
      seen.push(s.value);
    }
    expect(seen.slice(0, 5)).toEqual(['talks.round-1', 'talks.round-2', 'talks.round-3', 'talks.round-4', 'talks.round-5']);
    expect(seen).toContain('breakdown');
    expect(seen).toContain('renegotiation.round-1');
    // The round is never mirrored in the context.
    expect(JSON.stringify(s.context)).not.toMatch(/"round"/);
  });

  it('a story phase offers only its story choices; a table offers probes, a proposal, accepting and walking away', () => {
    const e = engineOf(v2);
    const start = e.start('kinds');
    expect(new Set(e.moves(start).map((m) => m.kind))).toEqual(new Set(['choice', 'probe', 'propose', 'accept', 'walk-away']));
    const r = foldMoves(e, 'kinds', (i, _t, s, legal) => (s.value === 'breakdown' || i > 30 ? null : { position: legal.findIndex((m) => m.kind === 'walk-away') }));
    expect(r.state.value).toBe('breakdown');
    expect(new Set(e.moves(r.state).map((m) => m.kind))).toEqual(new Set(['choice']));
  });

  it('walking away in the talks moves the story on; in the renegotiation it ends the run with no deal', () => {
    const e = engineOf(v2);
    const r = foldMoves(e, 'walk', (_i, _t, s, legal) => (s.status === 'done' ? null : { position: legal.findIndex((m) => m.kind === 'walk-away') >= 0 ? legal.findIndex((m) => m.kind === 'walk-away') : 0 }));
    expect(r.state.status).toBe('done');
    expect(r.state.context.talk!.signed).toBeNull();
    expect(['standoff', 'court-fight']).toContain(r.state.context.ending);
    expect(r.state.context.timeline.filter((x) => x.kind === 'move' && x.move === 'walk-away')).toHaveLength(2);
  });

  it('the first strategy takes the first legal move every time (what 1 then Enter does in the browser)', () => {
    const byStrategy = playFast(v2, 'keys', 'first');
    const byPosition = foldMoves(engineOf(v2), 'keys', (_i, _t, s) => (s.status === 'done' ? null : { position: 0 }));
    expect(stateHash(byStrategy.value, byStrategy.context)).toBe(stateHash(byPosition.state.value, byPosition.state.context));
  });
});

describe('march-2026 version 2: endings come from the signed text', () => {
  /** The ending the scenario's conditions give a signed package in a given state. */
  const endingFor = (ctx: RunContext, pkg: number): string => {
    const c = { ...ctx, talk: { ...ctx.talk!, signed: packageAt(clauses, pkg) } };
    return v2.endings.find((e) => e.when && holds(e.when, c))!.id;
  };

  it('every package signs into exactly one ending, whatever else the state holds', () => {
    const base = engineOf(v2).start('endings').context;
    const other: RunContext = { ...base, meters: { ...base.meters, trust: 3, runway: 99 }, flags: { 'legal-challenge': true, 'designation-made': true }, fired: ['openai-pentagon-deal'] };
    const seen = new Set<string>();
    for (let i = 0; i < packageCount(clauses); i++) {
      const a = endingFor(base, i);
      expect(endingFor(other, i)).toBe(a);
      seen.add(a);
    }
    expect(seen).toEqual(new Set(['carve-out-deal', 'binding-limits', 'paper-limits', 'lawful-purposes', 'split-contract']));
  });

  it('runs that sign the same text end the same way, and their debrief names the text signed', () => {
    const byPackage = new Map<string, string>();
    for (let i = 0; i < 150; i++) {
      const { state } = playAgent(v2, `same-${i}`, BUILTIN_AGENTS[BUILTIN_AGENT_NAMES[i % BUILTIN_AGENT_NAMES.length]!]!);
      const signed = state.context.talk!.signed;
      if (!signed) {
        expect(['standoff', 'court-fight']).toContain(state.context.ending);
        continue;
      }
      const key = JSON.stringify(signed);
      const had = byPackage.get(key);
      if (had) expect(state.context.ending).toBe(had);
      byPackage.set(key, state.context.ending!);
      expect(state.context.timeline.some((x) => x.kind === 'deal')).toBe(true);
    }
    expect(byPackage.size).toBeGreaterThan(10);
  });

  it('no deal ends in court when the lab has a legal challenge ready, else in a standoff', () => {
    for (let i = 0; i < 60; i++) {
      const s = playFast(v2, `nodeal-${i}`, 'first');
      expect(s.context.talk!.signed).toBeNull();
      expect(s.context.ending).toBe(s.context.flags['legal-challenge'] ? 'court-fight' : 'standoff');
    }
  });
});

describe('march-2026 version 2: records and codes', () => {
  it('a run of any agent replays from its moves and from its format 3 code, to the same hash', () => {
    for (let i = 0; i < 30; i++) {
      const agent = BUILTIN_AGENTS[BUILTIN_AGENT_NAMES[i % BUILTIN_AGENT_NAMES.length]!]!;
      const { state, moves } = playAgent(v2, `code-${i}`, agent);
      expect(recordMoves(state.context)).toEqual(moves);
      const record = { scenario: v2.id, version: v2.version, seed: `code-${i}`, choices: moves };
      const replayed = foldMoves(engineOf(v2, 'xstate'), record.seed, movesFrom(moves));
      expect(replayed.ok && stateHash(replayed.state.value, replayed.state.context)).toBe(stateHash(state.value, state.context));
      const code = recordToCode(v2, record);
      expect(code.startsWith('rl3.')).toBe(true);
      expect(resolveCode(code, [v2])).toEqual({ ok: true, value: record });
    }
  });

  it('a code stays short: a proposal costs one position and one package index', () => {
    const { moves } = playAgent(v2, 'short', BUILTIN_AGENTS.prober!);
    const code = recordToCode(v2, { scenario: v2.id, version: v2.version, seed: 'short', choices: moves });
    expect(code.length).toBeLessThan(40 + 4 * moves.length);
  });

  it('an illegal token is refused with what is wrong and what is legal', () => {
    const message = (moves: string[]) => {
      const r = foldMoves(engineOf(v2), 'bad', movesFrom(moves));
      return r.ok ? null : problemMessage(r.problem, moves.length);
    };
    expect(message(['propose:9'])).toMatch(/^Move 1: "propose:9" is not a proposal: it needs one digit per clause \(6\).*legal now: .*walk-away\)\.$/);
    expect(message(['propose:900000'])).toMatch(/clause "surveillance" has 4 options, so its digit is 0-3, not 9/);
    // Accepting the Department's opening signs it at once: nothing can follow.
    expect(message(['accept', 'accept'])).toBe('The run ended after 1 choices, but the record holds 2.');
    expect(message(['probe:nope'])).toMatch(/^Move 1: "probe:nope" is not a legal move now/);
    const r3 = foldMoves(engineOf(v2), 'bad', positionsFrom([99]));
    expect(r3.ok).toBe(false);
  });
});

describe('march-2026 version 2: the Department and what the lab may know', () => {
  it('the lab\'s view holds its own values, the Department\'s ranges, and none of its hidden values', () => {
    const e = engineOf(v2);
    const s = e.start('view');
    const view = labView(v2, s, e.moves(s));
    const hidden = hiddenValues(neg, 'view');
    expect(view.values).toEqual(hidden.lab);
    expect(JSON.stringify(view)).not.toContain(JSON.stringify(hidden.department.weights));
    expect(view.theirRanges).toEqual(neg.values.department);
    expect(view.offers.theirs).toEqual(neg.department.opening);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('probes tell the truth about the Department\'s hidden values', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (seed) => {
        const e = engineOf(v2);
        let s = e.start(seed);
        for (const probe of neg.probes.filter((p) => !p.when)) {
          const m = e.moves(s).find((x) => x.kind === 'probe' && x.probe.id === probe.id);
          if (!m) continue;
          s = e.apply(s, eventOf(m));
        }
        const d = hiddenValues(neg, seed).department;
        for (const f of s.context.talk!.revealed) {
          if (f.kind === 'score') expect(d.scores[f.clause]![f.option]!).toBeGreaterThanOrEqual(f.min), expect(d.scores[f.clause]![f.option]!).toBeLessThanOrEqual(f.max);
          if (f.kind === 'weight') expect(d.weights[f.clause]!).toBeGreaterThanOrEqual(f.min - 1e-9), expect(d.weights[f.clause]!).toBeLessThanOrEqual(f.max + 1e-9);
          if (f.kind === 'weight-rank') expect(Math.max(...Object.values(d.weights))).toBe(d.weights[f.clause]);
        }
      }),
      fcParams(40),
    );
  });

  it('every answer of the Department has its reason in words, and it never accepts below its walk-away value', () => {
    for (let i = 0; i < 40; i++) {
      const { state } = playAgent(v2, `answers-${i}`, BUILTIN_AGENTS.random!);
      for (const x of state.context.timeline) {
        if (x.kind !== 'answer') continue;
        expect(answerText(v2, x.answer).length).toBeGreaterThan(20);
        expect(answerText(v2, x.answer)).not.toMatch(/\{|\}/);
        if (x.accepted) expect(x.answer.offer!).toBeGreaterThanOrEqual(x.answer.walkAway);
      }
    }
  });

  it('walk-away values follow the state: the rival\'s deal raises the Department\'s, the trade groups\' letter lowers it', () => {
    const ctx = engineOf(v2).start('walk').context;
    const at = (fired: string[]) => walkAwayValue(neg, 'department', ctx.meters, (c) => holds(c, { ...ctx, fired }));
    expect(at(['openai-pentagon-deal'])).toBeGreaterThan(at([]));
    expect(at(['trade-groups-letter'])).toBeLessThan(at([]));
  });
});

describe('the deal space, fast and exact', () => {
  it('orderOf sorts as a comparator sort does: utility, then index', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 300 }), (xs) => {
        const utils = Float64Array.from(xs, (x) => x / 100);
        const expected = Array.from(utils.keys()).sort((a, b) => utils[a]! - utils[b]! || a - b);
        expect(Array.from(orderOf(utils))).toEqual(expected);
      }),
      fcParams(200),
    );
  });

  it('frontierOf finds the same frontier as paretoFrontier, and valueLeftAt the same value left', () => {
    for (const seed of ['f1', 'f2', 'f3', 'class-7']) {
      const v = hiddenValues(neg, seed);
      const points = dealPoints(clauses, v.lab, v.department);
      const slow = paretoFrontier(points).map((p) => p.index);
      const fast = Array.from(frontierOf(ownSpace(v.lab, clauses), ownSpace(v.department, clauses).utils));
      expect(fast).toEqual(slow);
      const { state } = playAgent(v2, seed, BUILTIN_AGENTS.boulware!);
      const space = runDealSpace(v2, state);
      const signed = state.context.talk!.signed;
      const index = signed ? points.findIndex((p) => JSON.stringify(packageAt(clauses, p.index)) === JSON.stringify(signed)) : null;
      const spaces = spacesOf(neg, seed);
      const at = index === null ? space.walkAways : { lab: spaces.lab.utils[index]!, department: spaces.department.utils[index]! };
      expect(valueLeftAt(spaces, at)).toBeCloseTo(valueLeftBy(space, index), 9);
      expect(outcomeOf(v2, state).valueLeft).toBeCloseTo(valueLeftBy(space, index), 2);
    }
  });
});

describe('agents that break the rules', () => {
  const start = () => playAgent(v2, 'x', { name: 'ok', choose: (v) => v.moves[0]! });

  it('an agent that plays the first legal move finishes', () => {
    expect(start().state.status).toBe('done');
  });

  it('an illegal move, a thrown error: one line naming the agent and what was wrong', () => {
    const illegal: Agent = { name: 'sneaky', choose: () => ({ kind: 'probe', id: 'read-their-mail' }) };
    const thrower: Agent = { name: 'broken', choose: () => { throw new Error('boom\nstack'); } };
    const bad: Agent = { name: 'bad-package', choose: () => ({ kind: 'propose', package: { surveillance: 'nope' } }) };
    expect(() => playAgent(v2, 'x', thrower)).toThrow(/^agent broken: threw: boom$/);
    expect(() => playAgent(v2, 'x', bad)).toThrow(/^agent bad-package: illegal proposal/);
    expect(() => playAgent(v2, 'x', illegal)).toThrow(/^agent sneaky: no legal probe "read-their-mail" \(legal now: /);
    expect(() => playAgent(v2, 'x', illegal)).toThrow(AgentError);
  });

  it('tokenOf and the legal moves agree: every legal move an agent returns as is plays', () => {
    const e = engineOf(v2);
    const s = e.start('tokens');
    const legal = e.moves(s);
    const view = labView(v2, s, legal);
    expect(view.moves.map((m) => tokenOf(v2, m))).toEqual(legal.map((m) => m.token));
  });
});

describe('march-2026 version 2: trade-off tags agree with their effects', () => {
  it('a tag "a over b" naming meters raises a and lowers b', () => {
    const words: Record<string, string> = { trust: 'trust', morale: 'morale', runway: 'runway', support: 'support', integrity: 'integrity' };
    for (const phase of v2.phases)
      for (const beat of phase.beats)
        for (const c of beat.choices)
          for (const tag of c.tradeoffs) {
            const m = /^(.+) over (.+)$/.exec(tag);
            expect(m, `${c.id}: "${tag}" is not "a over b"`).not.toBeNull();
            const [gain, cost] = [words[m![1]!], words[m![2]!]];
            const effect = (id: string) => c.effects?.meters?.[id] ?? 0;
            if (gain) expect(effect(gain), `${c.id}: "${tag}" but ${gain} moves ${effect(gain)}`).toBeGreaterThan(0);
            if (cost) expect(effect(cost), `${c.id}: "${tag}" but ${cost} moves ${effect(cost)}`).toBeLessThan(0);
          }
  });
});

describe('march-2026 version 2: what the table and the debrief show', () => {
  it('the table view: clauses with both offers, own scores exactly, theirs as ranges narrowed by probes', () => {
    const e = engineOf(v2);
    let s = e.start('view-table');
    let t = talkView(v2, s);
    expect(t.round).toBe(1);
    expect(t.rounds).toBe(5);
    expect(t.deadline).toBe('2026-02-27');
    expect(t.clauses.map((c) => c.id)).toEqual(neg.clauses.map((c) => c.id));
    expect(t.clauses.reduce((a, c) => a + c.weight, 0)).toBeCloseTo(1, 9);
    expect(t.clauses.every((c) => c.options.filter((o) => o.inTheirs).length === 1)).toBe(true);
    expect(t.answer?.kind).toBe('opening');
    const probe = e.moves(s).find((m) => m.kind === 'probe' && m.probe.id === 'ask-about-bulk-data')!;
    const before = t.clauses.find((c) => c.id === 'surveillance')!.options.map((o) => o.theirs[1] - o.theirs[0]);
    s = e.apply(s, eventOf(probe));
    t = talkView(v2, s);
    const after = t.clauses.find((c) => c.id === 'surveillance')!.options.map((o) => o.theirs[1] - o.theirs[0]);
    expect(after.every((w, i) => w <= before[i]! && w <= 10)).toBe(true);
    expect(t.revealed.length).toBe(4);
    expect(t.round).toBe(2);
    expect(t.probes.some((p) => p.id === 'ask-about-bulk-data')).toBe(false);
  });

  it('the debrief: the signed contract clause by clause, the deal-space map, and both in the Markdown export', () => {
    const { state } = playAgent(v2, 'debrief', BUILTIN_AGENTS.boulware!);
    const v = endingView(v2, state.context)!;
    const map = dealMapView(v2, state);
    expect(map.points).toHaveLength(packageCount(clauses));
    expect(map.frontier.length).toBeGreaterThan(3);
    expect(map.path.length).toBe(state.context.talk!.history.length);
    expect(map.valueLeft).toBeCloseTo(outcomeOf(v2, state).valueLeft, 0);
    const md = debriefMarkdown(v2, state.context, { code: 'rl3.x', hash: '0'.repeat(16) });
    expect(md).toContain('## The contract');
    expect(md).toContain('## The deal space');
    if (v.contract) for (const c of v.contract) expect(md).toContain(c.label);
    else expect(md).toContain('No contract was signed.');
    expect(v.points.length).toBe(v.series[0]!.values.length);
  });
});

describe('march-2026 version 2: the named strategies bargain', () => {
  const TABLE_MOVE = /^(propose:|probe:|accept$|walk-away$)/;
  it('at the first table, a named strategy plays its paired agent\'s moves, move for move', () => {
    const s = loadMarch2();
    const pairs = Object.entries(s.negotiation!.strategyAgents ?? {});
    expect(pairs.map(([name]) => name).sort()).toEqual(Object.keys(s.strategies).sort());
    for (const [name, agent] of pairs) {
      for (const seed of ['sa-1', 'sa-2', 'sa-3', 'sa-4']) {
        const byStrategy = recordMoves(playFast(s, seed, name).context);
        const byAgent = playAgent(s, seed, BUILTIN_AGENTS[agent]!).moves;
        // Until either leaves the first table (a story move), they are the same moves.
        const k = byAgent.findIndex((t) => !TABLE_MOVE.test(t));
        const end = k < 0 ? byAgent.length : k;
        expect(end, `${name} on ${seed}`).toBeGreaterThan(0);
        expect(byStrategy.slice(0, end), `${name} on ${seed}`).toEqual(byAgent.slice(0, end));
        expect(byStrategy.some((t) => t.startsWith('propose:')), `${name} proposes`).toBe(true);
      }
    }
  });

  it('the loader names a pairing with an unknown strategy or agent, and where', () => {
    const text = readFileSync(MARCH2_PATH, 'utf8');
    const bad = loadScenario(text.replace('    limits-first: hardliner', '    limits-first: nobody\n    no-such-strategy: boulware'), 'v2.yaml');
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors.map(formatError);
    expect(errors.some((e) => e.includes('negotiation.strategyAgents.limits-first') && e.includes('"nobody" is not a built-in agent'))).toBe(true);
    expect(errors.some((e) => e.includes('negotiation.strategyAgents.no-such-strategy') && e.includes('"no-such-strategy" is not one of the scenario\'s strategies'))).toBe(true);
  });
});
