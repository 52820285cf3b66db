/**
 * march-2026 version 3: version 2's play with the Department's side (departmentRole). It plays
 * exactly as version 2 (the same moves give the same endings, meters and timelines; only the
 * version, and so the hash, differs); a person playing the Department gets its own briefing, its
 * own values on the table and the lab's moves in the scenario's words; the scenario names the
 * lab's default agent; a bad departmentRole is refused with its path.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { DEFAULT_OPPONENT, defaultOpponent } from '../src/core/department-side.ts';
import { draw } from '../src/core/dice.ts';
import { engineOf, foldMoves, type MoveSource } from '../src/core/engine.ts';
import { formatError, loadScenario } from '../src/core/loader.ts';
import { labMoveText, talkView } from '../src/core/talk-view.ts';
import { hiddenValues } from '../src/core/talks.ts';
import { briefingView } from '../src/core/view.ts';
import { BUILTIN_AGENT_NAMES } from '../src/core/negotiation/agents.ts';
import { expectSamePlay, loadMarch2, loadMarch3, MARCH3_PATH } from './helpers.ts';
import { readFileSync } from 'node:fs';

const v2 = loadMarch2();
const v3 = loadMarch3();

/** A Department that makes a random legal move, keyed by the seed and the step. */
const randomDepartment =
  (seed: string): MoveSource =>
  (i, _t, state, legal) => {
    if (state.status === 'done' || legal.length === 0) return null;
    return { position: Math.floor(draw(seed, `dept/${i}`) * legal.length) };
  };

describe('version 3 plays as version 2', () => {
  it('every built-in agent, on either side, makes the same moves to the same ending, meters and timeline', () => {
    expectSamePlay(v2, v3, 'same', 60);
  });

  it('a Department played by random moves ends as in version 2', () => {
    for (let i = 0; i < 30; i++) {
      const seed = `rand-${i}`;
      const start = { seed, side: 'department' as const, opponent: BUILTIN_AGENT_NAMES[i % BUILTIN_AGENT_NAMES.length]! };
      const a = foldMoves(engineOf(v2), start, randomDepartment(seed));
      const b = foldMoves(engineOf(v3), start, randomDepartment(seed));
      expect(b.moves).toEqual(a.moves);
      expect(b.state.context.ending).toBe(a.state.context.ending);
    }
  });
});

describe('the Department\'s side in version 3', () => {
  it('names its own default lab agent, used when none is given (version 2 falls back to DEFAULT_OPPONENT)', () => {
    expect(BUILTIN_AGENT_NAMES).toContain(v3.departmentRole!.opponent);
    expect(defaultOpponent(v3)).toBe(v3.departmentRole!.opponent);
    expect(defaultOpponent(v2)).toBe(DEFAULT_OPPONENT);
    const run = engineOf(v3).start({ seed: 'x', side: 'department' });
    expect(run.context.opponent).toBe(v3.departmentRole!.opponent);
  });

  it('has a briefing and goals at both reading levels, citing only known facts, the lab\'s case attributed to it', () => {
    const facts = new Set(v3.facts.map((f) => f.id));
    for (const level of ['standard', 'simple'] as const) {
      const b = briefingView(v3, level, 'department');
      expect(b.player).toBe(v3.departmentRole!.player);
      expect(b.briefing).toBe(v3.departmentRole!.briefing[level]);
      expect(b.goals.length).toBeGreaterThanOrEqual(3);
      expect(b.briefing).not.toBe(briefingView(v3, level, 'lab').briefing);
      for (const id of b.briefing.match(/\b[AB]\d+\b/g) ?? []) expect(facts.has(id), `${level} cites ${id}`).toBe(true);
    }
    const standard = v3.departmentRole!.briefing.standard;
    expect(standard).toContain('HYPOTHETICAL');
    expect(standard).toMatch(/The lab's strongest case/);
    expect(standard).toMatch(/The Department's strongest case/);
    // The lab's briefing is the same text as version 2's.
    expect(v3.role).toEqual(v2.role);
  });

  it('the table, from the Department\'s chair, shows its own values, the lab\'s ranges, the lab\'s move in words, and no probes', () => {
    const engine = engineOf(v3);
    let seen = 0;
    for (let i = 0; i < 20; i++) {
      const seed = `view-${i}`;
      const values = hiddenValues(v3.negotiation!, seed);
      foldMoves(engine, { seed, side: 'department', opponent: BUILTIN_AGENT_NAMES[i % BUILTIN_AGENT_NAMES.length]! }, randomDepartment(seed), ({ before }) => {
        const t = talkView(v3, before);
        expect(t.side).toBe('department');
        expect(t.probes).toEqual([]);
        expect(t.revealed).toEqual([]);
        for (const c of t.clauses) {
          expect(c.weight).toBe(values.department.weights[c.id]);
          for (const o of c.options) {
            expect(o.own).toBe(values.department.scores[c.id]![o.id]);
            // What the Department can know of the lab: the scenario's ranges, never the drawn score.
            expect(o.theirs).toEqual(v3.negotiation!.values.lab.scores[c.id]![o.id]);
          }
        }
        expect(t.offers.ours?.pkg ?? null).toBe(before.context.talk!.offers.department);
        expect(t.offers.theirs?.pkg ?? null).toBe(before.context.talk!.offers.lab);
        const said = labMoveText(v3, before.context)!;
        expect(t.answer).toEqual(said);
        expect(said.text).not.toMatch(/[{}]/);
        expect(['opening', 'proposes', 'holds', 'probe', 'choice']).toContain(said.kind);
        seen++;
      });
    }
    expect(seen).toBeGreaterThan(40);
    // Version 2 has no words for the lab's moves.
    expect(labMoveText(v2, engineOf(v2).start({ seed: 'x', side: 'department' }).context)).toBeNull();
  });

  it('the lab\'s story moves since the Department last answered are listed on its table', () => {
    // The story phases between the tables: the lab's agent plays them all before the Department's next move.
    const engine = engineOf(v3);
    let listed = 0;
    for (let i = 0; i < 10; i++) {
      const seed = `since-${i}`;
      foldMoves(engine, { seed, side: 'department', opponent: 'random' }, randomDepartment(seed), ({ before }) => {
        const t = talkView(v3, before);
        for (const line of t.since) expect(line).toMatch(/^.+: .+$/);
        listed += t.since.length;
      });
    }
    expect(listed).toBeGreaterThan(0);
  });

  it('a departmentRole naming an unknown agent is refused at its path', () => {
    const text = readFileSync(MARCH3_PATH, 'utf8');
    const bad = loadScenario(text.replace(/^  opponent: boulware$/m, '  opponent: bulldozer'), 'v3.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map(formatError).join('\n')).toMatch(/departmentRole\.opponent.*"bulldozer" is not a built-in agent/);
  });

  it('the command line plays the newest version (5, version 3\'s play with the glossary and the Department\'s ending words) by default, and version 2 when asked', async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    expect(await main(['play', '--scenario', 'march-2026', '--seed', 'cli-v3', '--side', 'department', '--strategy', 'first', '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!)).toMatchObject({ version: 5, side: 'department', opponent: v3.departmentRole!.opponent });
    expect(await main(['play', '--scenario', 'march-2026@2', '--seed', 'cli-v3', '--side', 'department', '--strategy', 'first', '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!)).toMatchObject({ version: 2, side: 'department', opponent: DEFAULT_OPPONENT });
  });
});
