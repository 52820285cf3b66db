/** Run files: export, import, versions and damage. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playFast } from '../src/core/index.ts';
import { exportRunFile, importRunFile, RUN_FILE_VERSION } from '../src/core/runfile.ts';
import { loadMarch } from './graph-helpers.ts';
import { loadMarch2 } from './helpers.ts';

const s = loadMarch();
const s2 = loadMarch2();
const run = playFast(s, 'run-file', 'random').context;
const record = { scenario: s.id, version: s.version, seed: 'run-file', choices: run.choices };
const text = JSON.stringify(exportRunFile(s, record));

describe('run files', () => {
  it('export then import gives back the record and the same file', () => {
    const r = importRunFile(text, [s]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.record).toEqual(record);
      expect(JSON.stringify(r.file)).toBe(text);
    }
  });

  it('names its format, version, ending and hash', () => {
    const f = JSON.parse(text);
    expect(f).toMatchObject({ format: 'red-lines-run', formatVersion: 1, scenario: 'march-2026', ending: run.ending });
    expect(f.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"format": ', /not valid JSON/],
    ['another format', JSON.stringify({ format: 'something-else' }), /not a Red Lines run file/],
    ['a newer format', JSON.stringify({ ...JSON.parse(text), formatVersion: RUN_FILE_VERSION + 1 }), /newer Red Lines/],
    ['a missing seed', JSON.stringify({ ...JSON.parse(text), seed: undefined }), /"seed" must be text/],
    ['an unknown scenario', JSON.stringify({ ...JSON.parse(text), scenario: 'april-2027' }), /does not have/],
    ['another scenario version', JSON.stringify({ ...JSON.parse(text), scenarioVersion: 99 }), /version 99/],
    ['an edited choice', JSON.stringify({ ...JSON.parse(text), choices: ['nope'] }), /cannot be replayed/],
    ['an edited hash', JSON.stringify({ ...JSON.parse(text), hash: '0000000000000000' }), /does not match its replay/],
  ];
  it.each(bad)('refuses %s with a clear message', (_name, input, message) => {
    const r = importRunFile(input, [s]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('run file fixtures (one per format version)', () => {
  const fixture = (name: string) => readFileSync(new URL(`./fixtures/runfiles/${name}`, import.meta.url), 'utf8');

  it('format 1 imports, replays to its hash and re-exports byte for byte', () => {
    const text = fixture('run-v1.json');
    const r = importRunFile(text, [s]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toEqual({ scenario: 'march-2026', version: 1, seed: 'classroom-1', choices: ['accept-all-lawful-purposes'] });
    expect(r.file.hash).toBe('59a41fac5d7f012f');
    expect(`${JSON.stringify(r.file, null, 2)}\n`).toBe(text);
  });

  it('format 2 (a run that played the Department) imports, replays to its hash and re-exports byte for byte', () => {
    const text = fixture('run-v2.json');
    const r = importRunFile(text, [s, s2]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toEqual({ scenario: 'march-2026', version: 2, seed: 'fixture-v4', side: 'department', opponent: 'tit-for-tat', choices: ['propose:333332', 'propose:333332', 'propose:333332', 'propose:332231', 'accept'] });
    expect(r.file.hash).toBe('a16eaa56afbfdc81');
    expect(`${JSON.stringify(r.file, null, 2)}\n`).toBe(text);
  });

  it('a run that played the Department names a side and a built-in agent, or is refused', () => {
    const file = JSON.parse(fixture('run-v2.json'));
    const bad = (patch: Record<string, unknown>) => importRunFile(JSON.stringify({ ...file, ...patch }), [s, s2]);
    expect(bad({ side: 'pentagon' })).toEqual({ ok: false, message: expect.stringContaining('"side" must be "department"') });
    expect(bad({ opponent: 'chess-engine' })).toEqual({ ok: false, message: expect.stringContaining('"opponent" must be the name of a built-in agent') });
    // With no side, the opponent is the Department's agent and the moves the lab's: not this run.
    expect(bad({ side: undefined }).ok).toBe(false);
    // Without its side the same moves are the lab's, which cannot make them.
    expect(bad({ side: undefined, opponent: undefined }).ok).toBe(false);
  });

  it('a newer format is refused, naming both versions', () => {
    const r = importRunFile(fixture('run-v4-future.json'), [s]);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/newer Red Lines \(run file format 4\); this game reads format 3/) });
  });
});

describe('properties', () => {
  it('export then import is the identity for any run, finished or not', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((x) => x.trim() !== ''), fc.nat({ max: 20 }), (seed, cut) => {
        const full = playFast(s, seed, 'random').context.choices;
        const rec = { scenario: s.id, version: s.version, seed, choices: full.slice(0, Math.min(cut, full.length)) };
        const file = exportRunFile(s, rec);
        const back = importRunFile(JSON.stringify(file), [s]);
        expect(back.ok).toBe(true);
        if (back.ok) {
          expect(back.record).toEqual(rec);
          expect(back.file).toEqual(file);
        }
      }),
      { numRuns: 120 },
    );
  });
});
