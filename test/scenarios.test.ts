/**
 * Every file in scenarios/ validates; the JSON Schema is current; march-2026 meets its content
 * and balance rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  indexOf,
  loadScenario,
  loadScenarioSet,
  formatError,
  offered,
  prose,
  scenarioJsonSchema,
  scenarioStats,
  simulate,
  startRun,
  stepRun,
  negotiationConfig,
} from '../src/core/index.ts';
import seedrandom from 'seedrandom';
import { loadMarch } from './graph-helpers.ts';
import { shingles, words } from './shingles.ts';

const dir = fileURLToPath(new URL('../scenarios/', import.meta.url));
const yamlFiles = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('scenarios/', () => {
  it('holds march-2026', () => expect(yamlFiles).toContain('march-2026.yaml'));

  // A file that extends another holds only what differs, so an editor's schema cannot check it; the loader does.
  const whole = yamlFiles.filter((f) => !/^extends:/m.test(readFileSync(dir + f, 'utf8')));
  it.each(whole)('%s validates and names the JSON Schema on its first line', (f) => {
    const text = readFileSync(dir + f, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
    const r = loadScenario(text, f);
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual([]);
  });

  it.each(yamlFiles.filter((f) => !whole.includes(f)))('%s extends another scenario file, says so on its first line, and validates with it', (f) => {
    const text = readFileSync(dir + f, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# Red Lines scenario built on another \(extends\)/);
    const bases = whole.map((w) => loadScenario(readFileSync(dir + w, 'utf8'), w)).flatMap((r) => (r.ok ? [r.scenario] : []));
    const all = loadScenarioSet(yamlFiles.map((y) => ({ text: readFileSync(dir + y, 'utf8'), file: y })));
    const r = loadScenario(text, f, { bases: [...bases, ...all.flatMap((x) => (x.ok ? [x.scenario] : []))] });
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual([]);
  });

  it('scenario.schema.json is the schema the code checks (run `npm run schema` after changing schema.ts)', () => {
    const onDisk = JSON.parse(readFileSync(dir + 'scenario.schema.json', 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });
});

/** Every string in a scenario, with where it is. */
function texts(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
  return [];
}

describe('march-2026 content', () => {
  const s = loadMarch();
  const stats = scenarioStats(s);

  it('has the size the design asks for', () => {
    expect(s.phases.map((p) => p.id)).toEqual(['talks', 'breakdown', 'designation', 'renegotiation']);
    expect(s.endings.map((e) => e.id).sort()).toEqual(['capitulation', 'compromise', 'standoff']);
    expect(stats.beats).toBeGreaterThanOrEqual(12);
    for (const p of s.phases) for (const b of p.beats) expect(b.choices.length, b.id).toBeGreaterThanOrEqual(3);
    expect(stats.meters).toBeGreaterThanOrEqual(4);
    expect(stats.stakeholders).toBeGreaterThanOrEqual(8);
    expect(stats.reactions).toBeGreaterThanOrEqual(20);
    for (const e of s.endings) expect(e.questions.length, e.id).toBeGreaterThanOrEqual(3);
  });

  it('has the trade groups letter and the rival lab deal, citing their facts', () => {
    const reactions = s.stakeholders.flatMap((x) => x.reactions);
    expect(reactions.some((r) => r.cites?.includes('B10'))).toBe(true);
    expect(reactions.some((r) => r.cites?.includes('A10'))).toBe(true);
  });

  it('cites every fact the sources give, and only those', () => {
    const facts = readFileSync(fileURLToPath(new URL('./fixtures/source-shingles.json', import.meta.url)), 'utf8');
    expect(facts.length).toBeGreaterThan(0);
    const ids = s.facts.map((f) => f.id);
    for (const id of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A10', 'B2', 'B7', 'B10', 'B11', 'B12']) expect(ids).toContain(id);
  });

  it('says in every ending that the reports disagree on whether the designation was made', () => {
    for (const e of s.endings) {
      expect(e.reports, e.id).toMatch(/2026-03-05|5 March 2026|March 5, 2026/);
      expect(e.reports.toLowerCase(), e.id).toMatch(/disagree|differ/);
    }
  });

  it('copies no run of seven words from the source reports or FACTS.md', () => {
    const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/source-shingles.json', import.meta.url)), 'utf8')) as { hashes: string[] };
    const source = new Set(fixture.hashes);
    // Source titles are bibliographic citations, quoted on purpose.
    const copied = texts(s).filter(([p, t]) => !/^sources\[\d+\]\.title$/.test(p) && shingles(t).some((h) => source.has(h)));
    expect(copied.map(([p, t]) => `${p}: ${t.slice(0, 80)}`)).toEqual([]);
  });

  it('puts quotation marks only around words the sources report', () => {
    const reported = ['all lawful purposes', 'mass domestic surveillance', 'lethal autonomous weapons', 'analysis of bulk acquired data', 'very suspicious', 'god complex', 'liar', 'safety theater', 'mendacious', 'supply chain risk', 'safety stack', 'carve-outs', 'constitutional ai', 'as a foreign adversary, rather than an asset', 'as of friday morning', 'last friday', 'last-ditch'];
    const quoted = texts(s).flatMap(([p, t]) => [...t.matchAll(/[“"]([^”"]{3,})[”"]/g)].map((m) => [p, m[1]!] as const));
    const unreported = quoted.filter(([, q]) => !reported.some((r) => words(q).join(' ') === words(r).join(' ') || words(r).join(' ').includes(words(q).join(' '))));
    expect(unreported.map(([p, q]) => `${p}: "${q}"`)).toEqual([]);
  });

  it('shows two reading levels for the briefing, every banner, card and debrief', () => {
    const missing: string[] = [];
    for (const p of s.phases) {
      if (typeof p.banner === 'string') missing.push(`banner ${p.id}`);
      for (const b of p.beats) if (typeof b.card === 'string') missing.push(`card ${b.id}`);
    }
    for (const e of s.endings) if (typeof e.debrief === 'string') missing.push(`debrief ${e.id}`);
    expect(missing).toEqual([]);
    expect(prose(s.phases[0]!.banner, 'simple')).not.toBe(prose(s.phases[0]!.banner, 'standard'));
  });
});

describe('march-2026 balance', () => {
  const s = loadMarch();
  const share = (r: { endings: Record<string, number>; runs: number }) => Object.fromEntries(Object.entries(r.endings).map(([k, v]) => [k, v / r.runs]));

  it('gives every ending in at least 10% of 10,000 random runs', () => {
    const r = simulate(s, { runs: 10_000, strategy: 'random' });
    for (const e of s.endings) expect(share(r)[e.id], e.id).toBeGreaterThanOrEqual(0.1);
  });

  it('gives clearly different endings to the principled and the pragmatic player', () => {
    const a = share(simulate(s, { runs: 2000, strategy: 'principled' }));
    const b = share(simulate(s, { runs: 2000, strategy: 'pragmatic' }));
    const distance = s.endings.reduce((d, e) => d + Math.abs((a[e.id] ?? 0) - (b[e.id] ?? 0)), 0) / 2;
    expect(distance).toBeGreaterThanOrEqual(0.3);
  });

  it('has no choice sequence that is best on every meter', () => {
    // Many choice sequences under one seed (same dice for all): no sequence tops every meter.
    const config = negotiationConfig(s);
    const index = indexOf(s);
    const pick = seedrandom.alea('balance-sequences');
    const finals: { choices: string[]; meters: Record<string, number> }[] = [];
    for (let i = 0; i < 3000; i++) {
      let snap = startRun(config, { seed: 'balance' });
      while (snap.status === 'active') {
        const table = offered(index, snap.context);
        snap = stepRun(config, snap, { type: 'choose', choice: table[Math.floor(pick() * table.length)]!.id });
      }
      finals.push({ choices: snap.context.choices, meters: snap.context.meters });
    }
    const best = Object.fromEntries(s.meters.map((m) => [m.id, Math.max(...finals.map((f) => f.meters[m.id]!))]));
    const dominant = finals.filter((f) => s.meters.every((m) => f.meters[m.id] === best[m.id]));
    expect(dominant.map((d) => d.choices.join(','))).toEqual([]);
  });

});
