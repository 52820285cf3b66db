/**
 * A game of two players (side 'pair'): both sides' moves are events, the lab's first in every
 * round. Both engines agree; the record holds both sides' moves in order and replays through
 * format 5 codes, run files (format 3) and saves (format 3 with a seat); turn links chain each
 * turn to the one before it, and a damaged, forged, stale, out-of-order or foreign link is
 * refused with its own kind and message.
 */
import fc from 'fast-check';
import { main } from '../src/cli/main.ts';
import { describe, expect, it } from 'vitest';
import { draw } from '../src/core/dice.ts';
import { engineOf, foldMoves, foldRecord, movesFrom, type MoveSource } from '../src/core/engine.ts';
import { stateHash } from '../src/core/hash.ts';
import { decodeCode, PAIR_CODE_FORMAT, recordOf, recordToCode, resolveCode, type RunRecord } from '../src/core/record.ts';
import { exportRunFile, importRunFile, PAIR_RUN_FILE_VERSION } from '../src/core/runfile.ts';
import { readSave, writeSave } from '../src/core/saves.ts';
import { openTurn, sideToMove, turnCode } from '../src/core/turns.ts';
import { talkView } from '../src/core/talk-view.ts';
import { hiddenValues } from '../src/core/talks.ts';
import { fcParams, loadMarch, loadMarch2, loadMarch3 } from './helpers.ts';

const v3 = loadMarch3();
const ALL = [loadMarch(), loadMarch2(), v3];

/** Two people making random legal moves, keyed by the seed and the step. */
const randomPair =
  (seed: string): MoveSource =>
  (i, _t, state, legal) => {
    if (state.status === 'done' || legal.length === 0) return null;
    return { position: Math.floor(draw(seed, `pair/${i}`) * legal.length) };
  };

/** A finished pair's record, played by random moves: the first seed from `seed` on whose game has at least four turns. */
function pairRun(seed: string): RunRecord {
  for (let k = 0; ; k++) {
    const s = `${seed}/${k}`;
    const r = foldMoves(engineOf(v3), { seed: s, side: 'pair' }, randomPair(s));
    if (!r.ok) throw new Error('the pair did not finish');
    let turns = 0;
    let who: string | null = null;
    foldMoves(engineOf(v3), { seed: s, side: 'pair' }, movesFrom(r.moves), ({ before }) => {
      if (sideToMove(before) !== who) (turns++, (who = sideToMove(before)));
    });
    if (turns >= 4) return recordOf(r.state.context);
  }
}

describe('a game of two players: the engine', () => {
  it('both engines reach the same state at every step, and the run ends', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (seed) => {
        const fast: string[] = [];
        const live: string[] = [];
        const a = foldMoves(engineOf(v3, 'fast'), { seed, side: 'pair' }, randomPair(seed), (s) => fast.push(stateHash(s.after.value, s.after.context)));
        const b = foldMoves(engineOf(v3, 'xstate'), { seed, side: 'pair' }, randomPair(seed), (s) => live.push(stateHash(s.after.value, s.after.context)));
        expect(a.ok && b.ok).toBe(true);
        expect(fast).toEqual(live);
        expect(a.state.status).toBe('done');
        expect(recordOf(a.state.context).choices).toEqual(a.moves);
      }),
      fcParams(40),
    );
  });

  it('the lab moves first in every round; the Department then answers with a proposal or an acceptance only', () => {
    let answers = 0;
    for (let i = 0; i < 30; i++) {
      const seed = `turns-${i}`;
      foldMoves(engineOf(v3), { seed, side: 'pair' }, randomPair(seed), ({ before, legal }) => {
        const who = sideToMove(before);
        const atTable = v3.phases.find((p) => p.id === before.context.phase)?.table !== undefined;
        if (!atTable) expect(who).toBe('lab');
        if (who === 'department') {
          answers++;
          expect(new Set(legal.map((m) => m.kind))).toEqual(new Set(before.context.talk!.offers.lab === null ? ['propose'] : ['propose', 'accept']));
        }
        // Each side's table shows its own values: the side to move's.
        if (atTable && who) {
          const t = talkView(v3, before);
          expect(t.side).toBe(who);
          const own = hiddenValues(v3.negotiation!, seed)[who];
          for (const c of t.clauses) expect(c.weight).toBe(own.weights[c.id]);
        }
      });
    }
    expect(answers).toBeGreaterThan(30);
  });
});

describe('a game of two players: records', () => {
  it('replays through its format 5 code, a run file (format 3) and a save (format 3 with a seat)', () => {
    for (let i = 0; i < 15; i++) {
      const record = pairRun(`records-${i}`);
      expect(record.side).toBe('pair');
      const hash = (() => {
        const r = foldRecord(v3, record);
        if (!r.ok) throw r.error;
        return stateHash(r.state.value, r.state.context);
      })();
      const code = recordToCode(v3, record);
      expect(code.startsWith(`rl${PAIR_CODE_FORMAT}.`)).toBe(true);
      const raw = decodeCode(code);
      expect(raw.ok && raw.value.side === 'pair' && raw.value.hash === hash && raw.value.base?.count === 0).toBe(true);
      expect(resolveCode(code, ALL)).toEqual({ ok: true, value: record });
      const file = exportRunFile(v3, record);
      expect(file.formatVersion).toBe(PAIR_RUN_FILE_VERSION);
      const back = importRunFile(JSON.stringify(file), ALL);
      expect(back.ok && back.record).toEqual(record);
      const save = { record, ended: true, savedAt: null, branch: null, seat: { mine: 'department' as const, base: 2 } };
      expect(readSave(writeSave(save))).toEqual({ kind: 'ok', value: save, migratedFrom: null });
    }
  });

  it('replays on the command line, which says two players played it', async () => {
    const record = pairRun('cli');
    const code = recordToCode(v3, record);
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    expect(await main(['replay', code, '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!)).toMatchObject({ side: 'pair', choices: record.choices, seed: record.seed });
    expect(await main(['replay', code], io)).toBe(0);
    expect(out[0]).toContain('; two players, one per side');
  });

  it('refuses a pair in a file or save with an agent, a seat on a run of one player, and a pair in an older run file', () => {
    const record = pairRun('refuse');
    const file = exportRunFile(v3, record);
    expect(importRunFile(JSON.stringify({ ...file, opponent: 'hardliner' }), ALL)).toMatchObject({ ok: false, message: expect.stringContaining('"opponent" must be absent in a game of two players') });
    expect(importRunFile(JSON.stringify({ ...file, formatVersion: 2 }), ALL)).toMatchObject({ ok: false, message: expect.stringContaining('"side" must be "department" (or absent, for the lab)') });
    const lab = { ...record, side: undefined, choices: [] };
    const bad = JSON.stringify({ format: 3, record: lab, ended: false, savedAt: null, branch: null, seat: { mine: 'lab', base: 0 } });
    expect(readSave(bad)).toEqual({ kind: 'problem', message: 'The saved run is damaged: seat is only for a game of two players (record.side "pair").' });
    const old = JSON.stringify({ format: 2, record, ended: false, savedAt: null, branch: null, seat: { mine: 'lab', base: 0 } });
    expect(readSave(old)).toEqual({ kind: 'problem', message: 'The saved run is damaged: seat is not part of save format 2.' });
  });
});

describe('turn links', () => {
  /** A pair's game split into turns: each turn's moves are one side's, made in a row. */
  function turnsOf(record: RunRecord): { base: number; end: number }[] {
    const out: { base: number; end: number }[] = [];
    let who: string | null = null;
    foldMoves(engineOf(v3), { seed: record.seed, side: 'pair' }, movesFrom(record.choices), ({ index, before }) => {
      const now = sideToMove(before);
      if (now !== who) {
        if (out.length) out.at(-1)!.end = index;
        out.push({ base: index, end: record.choices.length });
        who = now;
      }
    });
    return out;
  }

  it('each turn\'s link opens on the other device holding the game before it, to the side that moves next', () => {
    for (let i = 0; i < 10; i++) {
      const record = pairRun(`links-${i}`);
      const turns = turnsOf(record);
      expect(turns.length).toBeGreaterThan(1);
      let local: RunRecord | null = null;
      for (const t of turns) {
        const upTo = { ...record, choices: record.choices.slice(0, t.end) };
        const link = turnCode(v3, upTo, t.base);
        const opened = openTurn(link, ALL, local);
        if (!opened.ok) throw new Error(`${record.seed} turn at ${t.base}: ${opened.message}`);
        expect(opened.record).toEqual(upTo);
        if (t.end < record.choices.length) expect(opened.toMove).not.toBe(sideToMove(foldRecordState(upTo, t.base)));
        local = upTo;
      }
    }
  });

  function foldRecordState(record: RunRecord, n: number) {
    const r = foldRecord(v3, { ...record, choices: record.choices.slice(0, n) });
    if (!r.ok) throw r.error;
    return r.state;
  }

  it('refuses a damaged, forged, stale, out-of-order or foreign link, or a replay code, each saying which', () => {
    const record = pairRun('refusals');
    const turns = turnsOf(record);
    const [t1, t2, t3] = turns;
    const first = turnCode(v3, { ...record, choices: record.choices.slice(0, t1!.end) }, 0);
    const second = turnCode(v3, { ...record, choices: record.choices.slice(0, t2!.end) }, t2!.base);
    const third = turnCode(v3, { ...record, choices: record.choices.slice(0, t3!.end) }, t3!.base);
    const afterFirst = { ...record, choices: record.choices.slice(0, t1!.end) };
    const afterSecond = { ...record, choices: record.choices.slice(0, t2!.end) };
    const kind = (r: ReturnType<typeof openTurn>) => (r.ok ? 'ok' : r.kind);

    expect(kind(openTurn(second, ALL, afterFirst))).toBe('ok');
    // Damaged: one character changed.
    const i = 20;
    const changed = second.slice(0, i) + (second[i] === 'A' ? 'B' : 'A') + second.slice(i + 1);
    expect(kind(openTurn(changed, ALL, afterFirst))).toBe('damaged');
    // Stale: the link already played here (the receiver's own, or an older one).
    expect(kind(openTurn(first, ALL, afterFirst))).toBe('stale');
    expect(kind(openTurn(first, ALL, afterSecond))).toBe('stale');
    // Out of order: the third turn opened before the second.
    expect(kind(openTurn(third, ALL, afterFirst))).toBe('out-of-order');
    expect(kind(openTurn(second, ALL, null))).toBe('out-of-order');
    // Another game: a link of a game of another seed.
    const other = pairRun('another');
    const otherLink = turnCode(v3, { ...other, choices: other.choices.slice(0, turnsOf(other)[1]!.end) }, turnsOf(other)[1]!.base);
    expect(kind(openTurn(otherLink, ALL, afterFirst))).toBe('another-game');
    // Forged: a well-formed code (checksum and all) whose moves do not reach the hashes it names.
    const forgedBase = turnCode(v3, { ...record, choices: record.choices.slice(0, t2!.end) }, 0);
    const forged = (() => {
      const b = decodeCode(forgedBase);
      if (!b.ok) throw b.error;
      // Same moves, but the base hash of another point: re-encoded by hand with a valid checksum.
      return recodeWithBase(second, { count: t2!.base, hash: b.value.base!.hash });
    })();
    expect(kind(openTurn(forged, ALL, afterFirst))).toBe('forged');
    // Diverged: the same seed, other moves before the turn.
    const diverged = { ...afterFirst, choices: [...afterFirst.choices] };
    diverged.choices[0] = diverged.choices[0] === 'explain-the-clauses' ? 'keep-it-in-the-room' : 'explain-the-clauses';
    expect(diverged.choices[0]).not.toBe(afterFirst.choices[0]);
    expect(kind(openTurn(second, ALL, diverged))).toBe('diverged');
    // A replay code of a run of one player is not a turn.
    const lab = recordToCode(v3, { scenario: v3.id, version: v3.version, seed: 'x', choices: [] });
    expect(kind(openTurn(lab, ALL, afterFirst))).toBe('not-a-turn');
    for (const bad of [changed, first, third, otherLink, forged, lab]) {
      const o = openTurn(bad, ALL, afterFirst);
      expect(!o.ok && o.message.length > 30).toBe(true);
    }
  });
});

import { encodeStreamCode } from '../src/core/record.ts';
/** A turn code with its base replaced (a forger who does not recompute the hashes), checksum valid. */
function recodeWithBase(code: string, base: { count: number; hash: string }): string {
  const raw = decodeCode(code);
  if (!raw.ok) throw raw.error;
  const v = raw.value;
  return encodeStreamCode(v.scenario, v.version, v.seed, v.count, v.positions, v.hash!, { side: 'pair', base });
}
