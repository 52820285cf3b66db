/**
 * Playing the Department (src/core/department-side.ts): a person's (or an agent's) moves are the
 * Department's and a built-in agent plays the lab inside the engine. Both engines agree at every
 * step, the lab's side is untouched, the Department's moves are only its own, each side's view
 * holds only its own values, and records, codes (format 4), run files and the CLI carry the side
 * and the opponent so a run replays to its hash anywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { AgentError, departmentView, labView, outcomeOf, playAgent } from '../src/core/agent-play.ts';
import { DEFAULT_OPPONENT } from '../src/core/department-side.ts';
import { draw } from '../src/core/dice.ts';
import { engineOf, foldMoves, foldRecord, type MoveSource } from '../src/core/engine.ts';
import { stateHash } from '../src/core/hash.ts';
import { decodeCode, recordOf, recordToCode, resolveCode, SIDE_CODE_FORMAT } from '../src/core/record.ts';
import { exportRunFile, importRunFile } from '../src/core/runfile.ts';
import { hiddenValues } from '../src/core/talks.ts';
import { BUILTIN_AGENT_NAMES, BUILTIN_AGENTS } from '../src/core/negotiation/agents.ts';
import type { Agent } from '../src/core/negotiation/types.ts';
import { fcParams } from './helpers.ts';
import { loadMarch, loadMarch2 } from './helpers.ts';

const v2 = loadMarch2();
const start = (seed: string, opponent: string) => ({ seed, side: 'department' as const, opponent });
/** A Department that makes a random legal move, keyed by the seed and the step; sometimes a package of its own. */
const randomDepartment =
  (seed: string): MoveSource =>
  (i, _t, state, legal) => {
    if (state.status === 'done' || legal.length === 0) return null;
    const position = Math.floor(draw(seed, `dept/${i}`) * legal.length);
    if (legal[position]!.kind === 'propose' && draw(seed, `dept/${i}/own`) < 0.5) return { position, pkg: Math.floor(draw(seed, `dept/${i}/pkg`) * 3072) };
    return { position };
  };

describe('playing the Department: the engine', () => {
  it('both engines reach the same state at every step, for every built-in agent as the lab', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom(...BUILTIN_AGENT_NAMES), (seed, opponent) => {
        const fast: string[] = [];
        const live: string[] = [];
        const a = foldMoves(engineOf(v2, 'fast'), start(seed, opponent), randomDepartment(seed), (s) => fast.push(stateHash(s.after.value, s.after.context)));
        const b = foldMoves(engineOf(v2, 'xstate'), start(seed, opponent), randomDepartment(seed), (s) => live.push(stateHash(s.after.value, s.after.context)));
        expect(a.ok && b.ok).toBe(true);
        expect(fast).toEqual(live);
        expect(a.moves).toEqual(b.moves);
        expect(a.state.status).toBe('done');
      }),
      fcParams(60),
    );
  });

  it('offers the Department only its own moves: proposing (holding by default) and accepting the lab\'s offer', () => {
    const engine = engineOf(v2);
    for (let i = 0; i < 40; i++) {
      const seed = `moves-${i}`;
      foldMoves(engine, start(seed, BUILTIN_AGENT_NAMES[i % 6]!), randomDepartment(seed), ({ before, legal }) => {
        const t = before.context.talk!;
        expect(legal.map((m) => m.kind)).toEqual(t.offers.lab === null ? ['propose'] : ['propose', 'accept']);
        // The default proposal holds the Department's offer on the table.
        expect(legal[0]).toMatchObject({ kind: 'propose', pkg: t.offers.department });
        // It moves only once the lab has made its move of the round.
        expect(t.labMove).not.toBeNull();
      });
    }
    // The lab's moves are refused: story moves, probes, walking away.
    const s0 = engine.start(start('refuse', 'boulware'));
    const storyMove = v2.phases[0]!.beats[0]!.choices[0]!.id;
    for (const event of [{ type: 'choose' as const, choice: storyMove }, { type: 'probe' as const, probe: v2.negotiation!.probes[0]!.id }, { type: 'walk-away' as const }]) {
      expect(engine.apply(s0, event)).toBe(s0);
    }
    const r = foldMoves(engine, start('refuse', 'boulware'), (i) => (i === 0 ? { id: `probe:${v2.negotiation!.probes[0]!.id}` } : null));
    expect(r.ok).toBe(false);
  });

  it('leaves the lab\'s side exactly as it was: no side, no opponent, no lab move in a lab run\'s context', () => {
    for (const name of BUILTIN_AGENT_NAMES) {
      const p = playAgent(v2, `lab-${name}`, BUILTIN_AGENTS[name]!);
      expect(p.state.context.side).toBeUndefined();
      expect(p.state.context.opponent).toBeUndefined();
      expect(p.state.context.talk!.labMove).toBeUndefined();
      expect(p.state.context.talk!.decisions).toBeUndefined();
    }
  });

  it('is the same run for the same seed, opponent and moves; the opponent changes it', () => {
    const a = playAgent(v2, start('same', 'prober'), BUILTIN_AGENTS.boulware!);
    const b = playAgent(v2, start('same', 'prober'), BUILTIN_AGENTS.boulware!, 'xstate');
    expect(stateHash(a.state.value, a.state.context)).toBe(stateHash(b.state.value, b.state.context));
    const hashes = new Set(BUILTIN_AGENT_NAMES.map((o) => {
      const p = playAgent(v2, start('same', o), BUILTIN_AGENTS.boulware!);
      return stateHash(p.state.value, p.state.context);
    }));
    expect(hashes.size).toBeGreaterThan(3);
  });

  it('a Department that only ever holds signs nothing unless the lab accepts, and the lab\'s agent plays the story between the tables', () => {
    const holdOnly: MoveSource = (_i, _t, state, legal) => (state.status === 'done' || !legal.length ? null : { position: 0 });
    let reachedStory = 0;
    for (let i = 0; i < 30; i++) {
      const r = foldMoves(engineOf(v2), start(`hold-${i}`, BUILTIN_AGENT_NAMES[i % 6]!), holdOnly);
      const ctx = r.state.context;
      expect(r.state.status).toBe('done');
      const deal = ctx.timeline.find((e) => e.kind === 'deal');
      if (deal && deal.kind === 'deal') expect(deal.acceptedBy).toBe('lab');
      if (ctx.timeline.some((e) => e.kind === 'phase' && !v2.phases.find((p) => p.id === e.phase)!.table)) {
        reachedStory++;
        // The story's choices were the lab agent's: they are in the context, not in the record.
        expect(ctx.choices.length).toBeGreaterThan(0);
        expect(recordOf(ctx).choices.every((m) => m.startsWith('propose:') || m === 'accept')).toBe(true);
      }
    }
    expect(reachedStory).toBeGreaterThan(0);
  });
});

describe('playing the Department: what each side sees', () => {
  it('the Department\'s view holds its own values and walk-away value and no probe results; the lab\'s agent sees the lab\'s', () => {
    const engine = engineOf(v2);
    let views = 0;
    foldMoves(engine, start('views', 'prober'), randomDepartment('views'), ({ before, legal }) => {
      const dv = departmentView(v2, before, legal);
      const hv = hiddenValues(v2.negotiation!, 'views');
      expect(dv.side).toBe('department');
      expect(dv.values).toEqual(hv.department);
      expect(dv.revealed).toEqual([]);
      expect(dv.theirRanges).toEqual(v2.negotiation!.values.lab);
      expect(JSON.stringify(dv)).not.toContain(JSON.stringify(hv.lab.weights));
      const lv = labView(v2, before, engine.moves(before));
      expect(lv.values).toEqual(hv.lab);
      expect(JSON.stringify(lv)).not.toContain(JSON.stringify(hv.department.weights));
      views++;
    });
    expect(views).toBeGreaterThan(0);
  });

  it('an agent playing the Department that makes a lab\'s move is stopped with its name', () => {
    const prober: Agent = { name: 'wrong-side', choose: () => ({ kind: 'walk-away' }) };
    expect(() => playAgent(v2, start('wrong', 'boulware'), prober)).toThrow(AgentError);
    expect(() => playAgent(v2, start('wrong', 'boulware'), prober)).toThrow(/agent wrong-side: "walk-away" is not a legal move now/);
  });
});

describe('playing the Department: records, codes, run files', () => {
  const played = playAgent(v2, start('record', 'tit-for-tat'), BUILTIN_AGENTS.boulware!);
  const record = recordOf(played.state.context);
  const hash = stateHash(played.state.value, played.state.context);

  it('the record names the side and the opponent, and holds the Department\'s moves', () => {
    expect(record).toEqual({ scenario: v2.id, version: v2.version, seed: 'record', side: 'department', opponent: 'tit-for-tat', choices: played.moves });
    const r = foldRecord(v2, record, { engine: 'xstate' });
    expect(r.ok && stateHash(r.state.value, r.state.context)).toBe(hash);
  });

  it('a format 4 code carries them and replays to the hash', () => {
    const code = recordToCode(v2, record);
    expect(code.startsWith(`rl${SIDE_CODE_FORMAT}.`)).toBe(true);
    const raw = decodeCode(code);
    expect(raw.ok && raw.value).toMatchObject({ format: 4, side: 'department', opponent: 'tit-for-tat', hash });
    expect(resolveCode(code, [loadMarch(), v2])).toEqual({ ok: true, value: record });
  });

  it('a code naming an agent this game does not have is refused with a message', async () => {
    const { encodeStreamCode } = await import('../src/core/record.ts');
    const raw = decodeCode(recordToCode(v2, record));
    if (!raw.ok) throw raw.error;
    const forged = encodeStreamCode(v2.id, v2.version, 'record', raw.value.count, raw.value.positions, hash, { side: 'department', opponent: 'deep-blue' });
    const r = resolveCode(forged, [v2]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('unknown-agent');
      expect(r.error.message).toContain('"deep-blue"');
    }
  });

  it('a run file carries them (format 2) and imports to the same record and hash', () => {
    const file = exportRunFile(v2, record);
    expect(file).toMatchObject({ formatVersion: 2, side: 'department', opponent: 'tit-for-tat', hash });
    const back = importRunFile(JSON.stringify(file), [v2]);
    expect(back.ok && back.record).toEqual(record);
  });

  it('the outcome is measured as for the lab\'s side', () => {
    const o = outcomeOf(v2, played.state);
    expect(o.hash).toBe(hash);
    expect(o.valueLeft).toBeGreaterThanOrEqual(0);
  });
});

describe('playing the Department: the command line', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out, err, json: () => JSON.parse(out.join('\n')) as Record<string, unknown> };
  }

  it('play --side department --agent gives the core\'s run, and its code replays to the same hash', async () => {
    const r = await cli('play', '--scenario', 'march-2026@2', '--seed', 'record', '--side', 'department', '--opponent', 'builtin:tit-for-tat', '--agent', 'builtin:boulware', '--json');
    expect(r.code).toBe(0);
    const run = r.json();
    const played = playAgent(v2, start('record', 'tit-for-tat'), BUILTIN_AGENTS.boulware!);
    expect(run).toMatchObject({ side: 'department', opponent: 'tit-for-tat', choices: played.moves, hash: stateHash(played.state.value, played.state.context) });
    const back = await cli('replay', run.code as string, '--json');
    expect(back.code).toBe(0);
    expect(back.json()).toMatchObject({ hash: run.hash, side: 'department', opponent: 'tit-for-tat', choices: run.choices });
  });

  it('play --side department --choices plays the Department\'s moves; the default opponent is named', async () => {
    const r = await cli('play', '--scenario', 'march-2026@2', '--seed', 'cli-d', '--side', 'department', '--choices', 'propose:333332,propose:333331', '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ opponent: DEFAULT_OPPONENT, choices: expect.arrayContaining(['propose:333332']) });
    const text = await cli('play', '--scenario', 'march-2026@2', '--seed', 'cli-d', '--side', 'department', '--strategy', 'first');
    expect(text.out[0]).toContain(`you play the Department, the lab is builtin:${DEFAULT_OPPONENT}`);
  });

  it('bad sides and opponents get one line naming what is wrong', async () => {
    const bad = async (args: string[], code: number, message: RegExp) => {
      const r = await cli('play', '--scenario', 'march-2026@2', '--seed', 's', ...args);
      expect(r.code).toBe(code);
      expect(r.err[0]).toMatch(message);
    };
    await bad(['--side', 'pentagon', '--strategy', 'first'], 2, /--side is lab or department, not "pentagon"/);
    await bad(['--side', 'department', '--opponent', 'agent.mjs', '--strategy', 'first'], 2, /--opponent takes a built-in agent/);
    await bad(['--side', 'department', '--opponent', 'builtin:nobody', '--strategy', 'first'], 1, /no built-in agent "nobody"/);
    await bad(['--side', 'department', '--strategy', 'limits-first'], 2, /the strategies are first and random/);
    await bad(['--side', 'department', '--choices', 'walk-away'], 1, /"walk-away" is not a legal move now/);
    const v1 = await cli('play', '--scenario', 'march-2026@1', '--seed', 's', '--side', 'department', '--strategy', 'first');
    expect(v1.code).toBe(1);
    expect(v1.err[0]).toMatch(/needs a scenario with a negotiation/);
    const v1Opponent = await cli('play', '--scenario', 'march-2026@1', '--seed', 's', '--opponent', 'builtin:boulware', '--strategy', 'first');
    expect(v1Opponent.code).toBe(1);
    expect(v1Opponent.err[0]).toMatch(/--opponent needs a scenario with a negotiation/);
  });

  it('tournament --side department plays each agent as the Department against the opponent, every run counted', async () => {
    const r = await cli('tournament', '--scenario', 'march-2026@2', '--agents', 'builtin:boulware,builtin:random', '--runs', '20', '--side', 'department', '--opponent', 'builtin:prober', '--json');
    expect(r.code).toBe(0);
    const t = r.json() as { side: string; opponent: string; agents: { name: string; endings: Record<string, number> }[] };
    expect(t).toMatchObject({ side: 'department', opponent: 'prober' });
    for (const a of t.agents) expect(Object.values(a.endings).reduce((x, y) => x + y, 0)).toBe(20);
    // The same numbers as the core's runs on seeds sim-0…
    const o = outcomeOf(v2, playAgent(v2, start('sim-0', 'prober'), BUILTIN_AGENTS.boulware!).state);
    expect(t.agents[0]!.endings[o.ending!]).toBeGreaterThan(0);
  });
});

describe('the lab against a built-in agent playing the Department', () => {
  const labStart = (seed: string, opponent: string) => ({ seed, opponent });
  /** A lab that makes a random legal move, sometimes proposing a package of its own. */
  const randomLab = randomDepartment;

  it('both engines agree at every step; the record names the opponent and its code (format 4) replays to the hash', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom(...BUILTIN_AGENT_NAMES), (seed, opponent) => {
        const fast: string[] = [];
        const live: string[] = [];
        const a = foldMoves(engineOf(v2, 'fast'), labStart(seed, opponent), randomLab(seed), (s) => fast.push(stateHash(s.after.value, s.after.context)));
        foldMoves(engineOf(v2, 'xstate'), labStart(seed, opponent), randomLab(seed), (s) => live.push(stateHash(s.after.value, s.after.context)));
        expect(fast).toEqual(live);
        const record = recordOf(a.state.context);
        expect(record).toEqual({ scenario: v2.id, version: v2.version, seed, opponent, choices: a.moves });
        const code = recordToCode(v2, record);
        expect(code.startsWith('rl4.')).toBe(true);
        expect(resolveCode(code, [v2])).toEqual({ ok: true, value: record });
        const raw = decodeCode(code);
        expect(raw.ok && raw.value.hash).toBe(stateHash(a.state.value, a.state.context));
      }),
      fcParams(40),
    );
  });

  it('the Department\'s answers are the agent\'s, not the scenario\'s own: the same lab meets different Departments', () => {
    const ownDept = BUILTIN_AGENT_NAMES.map((name) => outcomeOf(v2, playAgent(v2, 'versus', BUILTIN_AGENTS[name]!).state).hash);
    const hardDept = BUILTIN_AGENT_NAMES.map((name) => outcomeOf(v2, playAgent(v2, labStart('versus', 'hardliner'), BUILTIN_AGENTS[name]!).state).hash);
    expect(hardDept.filter((h, i) => h !== ownDept[i]).length).toBeGreaterThan(3);
    // The lab's moves are the lab's: a lab against an agent still probes, proposes and walks away.
    const p = playAgent(v2, labStart('versus', 'conceder'), BUILTIN_AGENTS.prober!);
    expect(p.moves.some((m) => m.startsWith('probe:'))).toBe(true);
    expect(p.state.context.side).toBeUndefined();
    expect(p.state.context.opponent).toBe('conceder');
  });

  it('the command line plays it with --opponent, prints the opponent and replays the code', async () => {
    const out: string[] = [];
    const code = await main(['play', '--scenario', 'march-2026@2', '--seed', 'versus', '--opponent', 'builtin:hardliner', '--agent', 'builtin:prober', '--json'], { out: (x) => out.push(x), err: () => {} });
    expect(code).toBe(0);
    const run = JSON.parse(out[0]!) as { opponent: string; hash: string; code: string; side?: string };
    const p = playAgent(v2, labStart('versus', 'hardliner'), BUILTIN_AGENTS.prober!);
    expect(run).toMatchObject({ opponent: 'hardliner', hash: stateHash(p.state.value, p.state.context) });
    expect(run.side).toBeUndefined();
    const back: string[] = [];
    expect(await main(['replay', run.code, '--json'], { out: (x) => back.push(x), err: () => {} })).toBe(0);
    expect(JSON.parse(back[0]!)).toMatchObject({ hash: run.hash, opponent: 'hardliner' });
  });
});

describe('the agents\' rules in words, for the side they play', () => {
  it('every built-in agent has a rule for either side; the mirror and the prober read as the Department\'s', async () => {
    const { agentRule, BUILTIN_AGENT_RULES } = await import('../src/core/negotiation/agents.ts');
    for (const name of BUILTIN_AGENT_NAMES) {
      expect(agentRule(name)).toBe(BUILTIN_AGENT_RULES[name]);
      expect(agentRule(name, 'department').length).toBeGreaterThan(10);
    }
    expect(agentRule('tit-for-tat', 'department')).toBe("mirrors the lab's concessions");
    expect(agentRule('prober', 'department')).not.toMatch(/probes twice/);
    expect(agentRule('hardliner', 'department')).toBe(agentRule('hardliner'));
  });
});
