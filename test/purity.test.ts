/** src/core is pure and deterministic: no renderer, no DOM, no clock, no Math.random. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { playFast, recordToCode, replayRecord, simulate, stateHash } from '../src/core/index.ts';
import { loadMarch } from './graph-helpers.ts';

const coreDir = fileURLToPath(new URL('../src/core/', import.meta.url));
// Every module of the core, its folders included (src/core/negotiation/...).
const files = (readdirSync(coreDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.split('\\').join('/'));
const source = (f: string) =>
  readFileSync(coreDir + f, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('src/core source', () => {
  it('has modules to check', () => expect(files.length).toBeGreaterThan(8));

  it.each(files)('%s imports only the core, xstate, seedrandom, yaml and zod', (f) => {
    // A relative import must stay inside src/core.
    const depth = f.split('/').length - 1;
    for (const m of source(f).matchAll(/from\s+['"](\.[^'"]+)['"]/g)) expect((m[1]!.match(/\.\.\//g) ?? []).length, `${f} imports ${m[1]}`).toBeLessThanOrEqual(depth);
    const imports = [...source(f).matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);
    const allowed = /^((\.\.?\/)+([a-z-]+\/)*[a-z-]+\.ts|xstate|xstate\/graph|seedrandom|seedrandom\/lib\/alea\.js|yaml|zod)$/;
    expect(imports.filter((i) => !allowed.test(i!))).toEqual([]);
  });

  it.each(files)('%s calls no clock, no Math.random and touches no browser or Node global', (f) => {
    const banned = /Math\.random|Date\.now|new Date\b|performance\.now|setTimeout|setInterval|requestAnimationFrame|\bprocess\.|\bwindow\b|\bdocument\b|localStorage|navigator|getRandomValues|\beval\(|new Function\(/g;
    expect(source(f).match(banned) ?? []).toEqual([]);
  });
});

describe('the core at run time', () => {
  afterEach(() => vi.restoreAllMocks());

  it('plays, replays, encodes and simulates with Math.random and every clock made to throw', () => {
    const scenario = loadMarch();
    const boom = () => {
      throw new Error('the core used a source of nondeterminism');
    };
    vi.spyOn(Math, 'random').mockImplementation(boom);
    vi.spyOn(Date, 'now').mockImplementation(boom);
    vi.spyOn(performance, 'now').mockImplementation(boom);
    const run = playFast(scenario, 'purity', 'random');
    const record = { scenario: scenario.id, version: scenario.version, seed: 'purity', choices: run.context.choices };
    const replayed = replayRecord(scenario, record);
    expect(replayed.ok).toBe(true);
    if (replayed.ok) expect(stateHash(replayed.snapshot.value as string, replayed.snapshot.context)).toBe(stateHash(run.value, run.context));
    expect(recordToCode(scenario, record)).toMatch(/^rl2\./);
    expect(simulate(scenario, { runs: 50, strategy: 'random' }).runs).toBe(50);
    expect(Math.random).not.toHaveBeenCalled();
  });
});
