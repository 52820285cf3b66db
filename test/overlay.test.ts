/**
 * What the site sends for each scenario (src/core/overlay.ts): a version built on another goes as
 * only what differs, and the page lays it over its base again. Every patch must give back the
 * scenario the build checked, byte for byte (key order too: sums over a record follow it), and a
 * patch the page cannot build is a clear message, never a crash.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatError, loadScenarioSet } from '../src/core/loader.ts';
import { overlay, patchFor, shippingForms, unpackScenarios } from '../src/core/overlay.ts';
import { SCENARIO_DIR } from './helpers.ts';

type Plain = Record<string, unknown> & { id: string; version: number };
const key = (s: { id: string; version: number }) => `${s.id}@${s.version}`;
// As vite.config.ts loads them: each file that extends another says which (the loader's `base`).
const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(SCENARIO_DIR, f));
const items = loadScenarioSet(files.map((file) => ({ file, text: readFileSync(file, 'utf8') }))).map((r) => {
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return { scenario: JSON.parse(JSON.stringify(r.scenario)) as Plain, ...(r.base ? { extends: r.base } : {}) };
});
const shipped = items.map((x) => x.scenario);

describe('the scenarios the site sends', () => {
  const forms = shippingForms(items);

  it('knows from the loader which file extends which', () => {
    expect(items.flatMap((x) => (x.extends ? [`${key(x.scenario)} extends ${key(x.extends)}`] : [])).sort()).toEqual([
      'march-2026-short@1 extends march-2026@4',
      'march-2026-short@2 extends march-2026@5',
      'march-2026@4 extends march-2026@3',
      'march-2026@5 extends march-2026@4',
      'tutorial@2 extends tutorial@1',
    ]);
  });

  it('sends the versions built on another as patches a fraction of their size, the rest whole', () => {
    const patched = forms.flatMap((f, i) => ('patch' in f ? [`${key(shipped[i]!)} on ${key(f.extends as Plain)}`] : []));
    expect(patched.sort()).toEqual(['march-2026-short@1 on march-2026@4', 'march-2026-short@2 on march-2026@5', 'march-2026@4 on march-2026@3', 'march-2026@5 on march-2026@4', 'tutorial@2 on tutorial@1']);
    forms.forEach((f, i) => {
      const whole = JSON.stringify(shipped[i]).length;
      if ('patch' in f) expect(JSON.stringify(f).length, key(shipped[i]!)).toBeLessThan(whole / 4);
      else expect(f).toBe(shipped[i]);
    });
  });

  it('gives back every scenario exactly when the page lays each patch over its base, in any order', () => {
    const received = forms.map((data, i) => ({ url: `scenarios/${i}.json`, data: JSON.parse(JSON.stringify(data)) }));
    for (const order of [received, [...received].reverse()]) {
      const { scenarios, problems } = unpackScenarios(order);
      expect(problems).toEqual([]);
      const byKey = new Map(scenarios.map((s) => [key(s), s]));
      for (const s of shipped) expect(JSON.stringify(byKey.get(key(s))), key(s)).toBe(JSON.stringify(s));
      // In the order the files came.
      expect(scenarios.map(key)).toEqual(order.map((r) => key(shipped[Number(/(\d+)\.json/.exec(r.url)![1])]!)));
    }
  });

  it('sends a scenario whole when no patch can give it exactly: a reordered list, a key taken out, a loop of bases', () => {
    const [a, b] = [{ id: 'x', version: 1, list: [{ id: 'p' }, { id: 'q' }], keep: 1 }, { id: 'x', version: 2, list: [{ id: 'q' }, { id: 'p' }], keep: 1 }];
    expect(patchFor(a, b)).toBeNull();
    expect(patchFor({ ...a, gone: 1 }, a)).toBeNull();
    expect(patchFor(a, { ...a, version: 2, list: [{ id: 'p', n: 1 }, { id: 'r' }] })).toEqual({ version: 2, list: [{ id: 'q', drop: true }, { id: 'p', n: 1 }, { id: 'r' }] });
    // Two scenarios each named as the other's base: one of them goes whole.
    const big = (id: string, version: number) => ({ id, version, phases: [], text: 'words '.repeat(500), n: version });
    const loop = shippingForms([
      { scenario: big('y', 1), extends: { id: 'z', version: 1 } },
      { scenario: big('z', 1), extends: { id: 'y', version: 1 } },
    ]);
    expect(loop.filter((f) => 'patch' in f)).toHaveLength(1);
    expect(unpackScenarios(loop.map((data, i) => ({ url: `${i}`, data }))).problems).toEqual([]);
  });

  it('says which file cannot be built and why: a base the site did not send, a patch that drops what its base lacks, a failed request', () => {
    const v3 = shipped.find((s) => key(s) === 'march-2026@3')!;
    const { scenarios, problems } = unpackScenarios([
      { url: 'scenarios/a.json', data: { extends: { id: 'march-2026', version: 9 }, patch: { version: 10 } } },
      { url: 'scenarios/b.json', data: v3 },
      { url: 'scenarios/c.json', data: { extends: { id: 'march-2026', version: 3 }, patch: { phases: [{ id: 'nowhere', drop: true }] } } },
      { url: 'scenarios/d.json', data: { errors: ['scenarios/d.json: Failed to fetch'] } },
      { url: 'scenarios/e.json', data: null },
    ]);
    expect(scenarios.map(key)).toEqual(['march-2026@3']);
    expect(problems).toEqual([
      'The scenario file scenarios/c.json could not be built: scenarios/c.json.phases drops "nowhere", which the scenario it extends does not have.',
      'The scenario file scenarios/a.json is built on march-2026 version 9, which the site did not send.',
      'scenarios/d.json: Failed to fetch',
      'The scenario file scenarios/e.json could not be loaded.',
    ]);
  });

  it('lays a patch over its base without changing the base', () => {
    const base = { id: 'x', version: 1, list: [{ id: 'p', n: 1 }] };
    const copy = structuredClone(base);
    expect(overlay(base, { list: [{ id: 'p', n: 2 }] }, 'x', [])).toEqual({ id: 'x', version: 1, list: [{ id: 'p', n: 2 }] });
    expect(base).toEqual(copy);
  });
});
