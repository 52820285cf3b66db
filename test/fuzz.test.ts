/**
 * Bad input: every parser a user's text can reach (scenario files, replay codes, class links, run
 * files, saves and the run history) is fed arbitrary and hostile text. Each must return a result or
 * an error it can show, and never throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeClass } from '../src/core/classroom.ts';
import { formatError, loadScenario, MAX_DEPTH, MAX_SCENARIO_BYTES, type LoadResult } from '../src/core/loader.ts';
import { crc32, decodeCode, encodeCode, MAX_CODE_LENGTH, recordToCode, resolveCode, toBase64Url } from '../src/core/record.ts';
import { openCode } from '../src/core/replay.ts';
import { exportRunFile, importRunFile } from '../src/core/runfile.ts';
import { readHistory, readSave } from '../src/core/saves.ts';
import { fcParams, fixturePath, loadFixture, loadMarch, ROOT } from './helpers.ts';

const mini = loadFixture('mini');
const march = loadMarch();
const SCENARIOS = [mini, march];
const MINI_TEXT = readFileSync(fixturePath('mini'), 'utf8');
const RUN_FILE = readFileSync(join(ROOT, 'test', 'fixtures', 'runfiles', 'run-v1.json'), 'utf8');
const SAVE = readFileSync(join(ROOT, 'test', 'fixtures', 'saves', 'save-v2.json'), 'utf8');
const HISTORY = readFileSync(join(ROOT, 'test', 'fixtures', 'saves', 'history-v1.json'), 'utf8');
const RUNS = 400;
/** Fewer runs where each one loads a whole scenario. */
const SCENARIO_RUNS = 150;

/** Bytes read as a file would be: Latin-1 (every byte a character) or UTF-8 (bad bytes become U+FFFD). */
const anyBytes = fc.uint8Array({ maxLength: 300 });
/** YAML's punctuation and keywords, so that random text often reaches the deeper parts of the parser. */
const yamlPiece = fc.constantFrom(
  ...['[', ']', '{', '}', ':', ': ', '- ', ',', '?', '&a ', '*a', '&b ', '*b', '!!str ', '!!binary ', '!foo ', '<<: ', '|', '>-', '"', "'", '#', '\n', '\r\n', '  ', '\t'],
  ...['---\n', '...\n', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', 'id', 'phases', 'when', 'all', 'not', '~', 'null', '1e999', '0x', '\u0000', '\ufeff', '\ud800', '__proto__'],
);
/** Arbitrary text of every kind the brief names: UTF-16 units, any code point, bytes, YAML-ish pieces. */
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 100 }),
  anyBytes.map((b) => Buffer.from(b).toString('latin1')),
  anyBytes.map((b) => Buffer.from(b).toString('utf8')),
  fc.string({ unit: yamlPiece, maxLength: 200 }),
);

/** A text with a few random characters inserted, deleted or replaced: damaged, but mostly still itself. */
const mutated = (text: string) =>
  fc
    .array(fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), { minLength: 1, maxLength: 6 })
    .map((edits) => edits.reduce((t, [at, cut, put]) => t.slice(0, at) + put + t.slice(at + cut), text));

/** Any JSON value, any object and anything a run record's fields could be, for the JSON readers. */
const anyJson = fc.jsonValue({ maxDepth: 4 });
const anyField = fc.oneof(anyJson, fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.constant(undefined));
const anyRecord = fc.oneof(
  anyJson,
  fc.record({ scenario: fc.oneof(fc.constantFrom('mini', 'march-2026'), anyField), version: anyField, seed: anyField, choices: fc.oneof(fc.array(fc.string()), anyField) }, { requiredKeys: [] }),
);

/** Checks a loader result has the promised shape: a scenario, or errors each at a real line and column. */
function expectLoadResult(r: LoadResult) {
  if (r.ok) {
    expect(r.scenario.id).toEqual(expect.any(String));
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(Number.isInteger(e.line) && e.line >= 1, formatError(e)).toBe(true);
    expect(Number.isInteger(e.column) && e.column >= 1, formatError(e)).toBe(true);
    expect(formatError(e)).toMatch(/^fuzz\.yaml:\d+:\d+: \S/);
    // Every error is one the loader understood, never its last-resort catch.
    expect(e.message).not.toMatch(/^the loader failed on this file/);
  }
}

describe('the scenario loader never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(anyText, (text) => expectLoadResult(loadScenario(text, 'fuzz.yaml'))),
      fcParams(1000),
    );
  });

  it('on a valid scenario with random damage', () => {
    fc.assert(
      fc.property(mutated(MINI_TEXT), (text) => expectLoadResult(loadScenario(text, 'fuzz.yaml'))),
      fcParams(SCENARIO_RUNS),
    );
  });

  it('on YAML-ish text wrapped in a valid scenario', () => {
    fc.assert(
      fc.property(fc.nat({ max: MINI_TEXT.length }), fc.string({ unit: yamlPiece, maxLength: 60 }), (at, junk) =>
        expectLoadResult(loadScenario(MINI_TEXT.slice(0, at) + junk + MINI_TEXT.slice(at), 'fuzz.yaml')),
      ),
      fcParams(SCENARIO_RUNS),
    );
  });

  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`), `i: [${Array(9).fill('*h').join(', ')}]`].join('\n');
  const nasty: [string, string, RegExp][] = [
    ['a billion-laughs alias bomb', bomb, /^fuzz\.yaml:6:16: the aliases expand the file to more than \d+ values/],
    ['10,000 nested "["', '['.repeat(10_000), new RegExp(`^fuzz\\.yaml:1:${MAX_DEPTH + 1}: the YAML nests more than ${MAX_DEPTH} levels`)],
    ['10,000 nested closed "[]"', `id: ${'['.repeat(10_000)}${']'.repeat(10_000)}`, /^fuzz\.yaml:1:\d+: the YAML nests more than/],
    ['10,000 nested flow maps', '{a: '.repeat(10_000), /^fuzz\.yaml:1:\d+: the YAML nests more than/],
    ['deep block mappings', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), new RegExp(`^fuzz\\.yaml:${MAX_DEPTH + 1}:${MAX_DEPTH + 1}: the YAML nests`)],
    ['deep block lists', '- '.repeat(5000), /^fuzz\.yaml:1:\d+: the YAML nests/],
    ['deep explicit keys', '? '.repeat(5000), /^fuzz\.yaml:1:\d+: /],
    ['an alias to no anchor', 'id: *nowhere', /^fuzz\.yaml:1:5: the alias "\*nowhere" names no anchor/],
    ['an alias inside its own anchor', 'id: &x [*x]', /^fuzz\.yaml:1:9: the alias "\*x" is inside the node it names/],
    ['a cycle through a condition', 'when: &w {all: [*w]}', /^fuzz\.yaml:1:17: the alias "\*w" is inside/],
    ['a list as a key', '? [a, b]\n: 1', /^fuzz\.yaml:1:3: a key must be a plain value/],
    ['an alias as a key', 'a: &k 1\n*k : 2', /^fuzz\.yaml:2:1: a key must be a plain value/],
    ['a duplicate key under another spelling', 'a: 1\n"a": 2', /^fuzz\.yaml:2:1: the key "a" appears twice/],
    ['YAML 1.1 merge keys and tags', '%YAML 1.1\n---\nbase: &b {id: x}\nid: !!binary aGVsbG8=\nset: !!set {a}\n<<: *b', /^fuzz\.yaml:\d+:\d+: /],
    ['an unknown tag', 'id: !nope x', /^fuzz\.yaml:1:5: /],
    ['two documents', 'id: a\n---\nid: b', /^fuzz\.yaml:2:1: /],
    ['a prototype key', '__proto__: {polluted: true}', /^fuzz\.yaml:1:1: /],
    ['NUL, BOM, a lone surrogate and CRLF', '\ufeffid: "\u0000"\r\ntitle: \ud800\r\n', /^fuzz\.yaml:\d+:\d+: /],
    ['an unclosed quote', 'id: "never closed\n'.repeat(1000), /^fuzz\.yaml:\d+:\d+: /],
    ['30,000 keys', Array.from({ length: 30_000 }, (_, i) => `k${i}: 1`).join('\n'), /^fuzz\.yaml:1:1: /],
    ['50,000 aliases of one anchor', `a: &a [1, 2, 3]\n${Array.from({ length: 50_000 }, (_, i) => `k${i}: *a`).join('\n')}`, /^fuzz\.yaml:\d+:\d+: /],
    ['a file one byte over the cap', `id: ${'x'.repeat(MAX_SCENARIO_BYTES)}`, /^fuzz\.yaml:1:1: the file is 1\.0 MiB; a scenario file may be at most 1 MiB/],
    ['69 MB of text', 'x'.repeat(69_000_000), /^fuzz\.yaml:1:1: the file is 65\.8 MiB; a scenario file may be at most 1 MiB/],
  ];
  for (const [name, text, first] of nasty) {
    it(`on ${name}`, () => {
      const r = loadScenario(text, 'fuzz.yaml');
      expectLoadResult(r);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(formatError(r.errors[0]!)).toMatch(first);
    });
  }

  it('lists at most 100 errors and says how many more there were', () => {
    const r = loadScenario(Array.from({ length: 500 }, (_, i) => `k${i}: 1\nk${i}: 2`).join('\n'), 'fuzz.yaml');
    if (r.ok) throw new Error('500 duplicate keys should not load');
    expect(r.errors).toHaveLength(101);
    expect(r.errors[100]!.message).toBe('and 400 more errors (only the first 100 are listed)');
  });

  it('still loads a scenario that uses anchors and aliases sensibly', () => {
    const text = MINI_TEXT.replace('role:', 'x-shared: &hyp true\nrole:');
    const r = loadScenario(text, 'fuzz.yaml');
    // An unknown top-level field, but the anchor itself is no problem.
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(['unknown field "x-shared"']);
  });
});

/** A code with a valid checksum around arbitrary bytes, so the parts after the checksum are reached. */
const withChecksum = (format: number, body: Uint8Array) => {
  const crc = crc32(new Uint8Array([format, ...body]));
  return `rl${format}.${toBase64Url(new Uint8Array([...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]))}`;
};
const B64 = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
const anyCode = fc.oneof(
  anyText,
  fc.tuple(fc.constantFrom('rl1.', 'rl2.', 'rl3.', 'rl0.', 'rl01.', ' rl2.'), fc.string({ unit: B64, maxLength: 120 })).map(([p, s]) => p + s),
  fc.tuple(fc.constantFrom(1, 2), fc.uint8Array({ maxLength: 80 })).map(([f, b]) => withChecksum(f, b)),
  fc
    .record({
      scenario: fc.oneof(fc.constantFrom('mini', 'march-2026'), fc.string({ unit: 'binary', maxLength: 20 })),
      version: fc.oneof(fc.constantFrom(mini.version, march.version), fc.nat()),
      seed: fc.string({ unit: 'binary', maxLength: 40 }),
      positions: fc.array(fc.nat({ max: 3 }), { maxLength: 40 }),
      hash: fc.stringMatching(/^[0-9a-f]{16}$/),
    })
    .map((c) => encodeCode(c.scenario, c.version, c.seed, c.positions, c.hash)),
);
const GOOD_CODE = (JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'codes.json'), 'utf8')) as { codes: { code: string }[] }).codes.at(-1)!.code;

describe('replay codes never throw', () => {
  it('decodeCode, resolveCode and openCode on arbitrary and forged codes', () => {
    fc.assert(
      fc.property(fc.oneof(anyCode, mutated(GOOD_CODE)), (code) => {
        const decoded = decodeCode(code);
        const resolved = resolveCode(code, SCENARIOS);
        const opened = openCode(code, SCENARIOS);
        if (!decoded.ok) expect(decoded.error.message).toMatch(/\S/);
        if (!resolved.ok) expect(resolved.error.message).toMatch(/\S/);
        if (!opened.ok) expect(opened.message).toMatch(/\S/);
        expect(opened.ok).toBe(resolved.ok);
      }),
      fcParams(RUNS),
    );
  });
});

/** A class code with a valid checksum around any JSON, most often a 7-item list of settings. */
const anySetting = fc.oneof(anyJson, fc.constantFrom('mini', 'march-2026', 'standard', 'simple', 0, 1, 30, -1, 1e300), fc.string({ unit: 'binary' }));
const anyClass = fc.oneof(
  anyText,
  fc.string({ unit: B64, maxLength: 120 }).map((s) => `c1.${s}`),
  fc.oneof(anyJson, fc.array(anySetting, { minLength: 7, maxLength: 7 })).map((data) => {
    const body = new TextEncoder().encode(JSON.stringify(data) ?? '');
    const crc = crc32(new Uint8Array([1, ...body]));
    return `c1.${toBase64Url(new Uint8Array([...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]))}`;
  }),
);

describe('class links never throw', () => {
  it('decodeClass on arbitrary and forged links', () => {
    fc.assert(
      fc.property(anyClass, (link) => {
        const r = decodeClass(link, SCENARIOS);
        if (!r.ok) expect(r.message).toMatch(/\S/);
      }),
      fcParams(RUNS),
    );
  });
});

describe('run files never throw', () => {
  it('importRunFile on arbitrary text, damaged files and wrong fields', () => {
    const fields = fc.record(
      {
        format: fc.oneof(fc.constant('red-lines-run'), anyField),
        formatVersion: fc.oneof(fc.constantFrom(1, 2, 0, 1.5), anyField),
        scenario: fc.oneof(fc.constantFrom('mini', 'march-2026'), anyField),
        scenarioVersion: anyField,
        seed: anyField,
        choices: fc.oneof(fc.array(fc.constantFrom('hold', 'walk', 'bend', 'fold', 'stay', 'x')), anyField),
        hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), anyField),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(anyText, mutated(RUN_FILE), anyJson.map((j) => JSON.stringify(j)), fields.map((f) => JSON.stringify(f))), (text) => {
        const r = importRunFile(text, SCENARIOS);
        if (!r.ok) expect(r.message).toMatch(/\S/);
      }),
      fcParams(RUNS),
    );
  });
});

describe('saves and the run history never throw', () => {
  it('readSave on arbitrary text, damaged saves and wrong fields', () => {
    const fields = fc.record(
      { format: fc.oneof(fc.constantFrom(1, 2, 3), anyField), record: anyRecord, ended: anyField, savedAt: anyField, branch: fc.oneof(fc.record({ from: anyRecord, at: anyField }), anyField) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(anyText, mutated(SAVE), anyJson.map((j) => JSON.stringify(j)), fields.map((f) => JSON.stringify(f))), (text) => {
        const r = readSave(text);
        expect(['ok', 'problem']).toContain(r.kind);
      }),
      fcParams(RUNS),
    );
  });

  it('readHistory on arbitrary text, damaged histories and wrong entries', () => {
    const entry = fc.record(
      { record: anyRecord, ending: anyField, endingTitle: anyField, hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), anyField), finishedAt: anyField, branch: fc.oneof(fc.record({ from: anyRecord, at: anyField }), anyField) },
      { requiredKeys: [] },
    );
    const history = fc.record({ format: fc.oneof(fc.constantFrom(1, 2), anyField), runs: fc.oneof(fc.array(entry, { maxLength: 4 }), anyField) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(anyText, mutated(HISTORY), anyJson.map((j) => JSON.stringify(j)), history.map((h) => JSON.stringify(h))), (text) => {
        const r = readHistory(text);
        expect(['ok', 'problem']).toContain(r.kind);
      }),
      fcParams(RUNS),
    );
  });

  it('an absent save or history is "none"', () => {
    expect(readSave(null)).toEqual({ kind: 'none' });
    expect(readHistory(null)).toEqual({ kind: 'none' });
  });
});

describe('hostile inputs to the JSON and code readers', () => {
  const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
  const cases: [string, () => { ok?: boolean; kind?: string }][] = [
    ['a replay code of 5,000,000 characters', () => openCode(`rl2.${'A'.repeat(5_000_000)}`, SCENARIOS)],
    ['a class code of 5,000,000 characters', () => decodeClass(`c1.${'A'.repeat(5_000_000)}`, SCENARIOS)],
    ['a run file nested 1,000,000 deep', () => importRunFile(deep, SCENARIOS)],
    ['a save nested 1,000,000 deep', () => readSave(deep)],
    ['a history nested 1,000,000 deep', () => readHistory(deep)],
    ['a run file with 1,000,000 choices', () => importRunFile(JSON.stringify({ ...JSON.parse(RUN_FILE), choices: Array(1_000_000).fill('x') }), SCENARIOS)],
    ['a history of 100,000 runs', () => readHistory(JSON.stringify({ format: 1, runs: Array(100_000).fill({}) }))],
  ];
  for (const [name, read] of cases) {
    it(`refuse ${name}`, () => {
      const r = read();
      expect(r.ok === false || r.kind === 'problem', JSON.stringify(r).slice(0, 200)).toBe(true);
    });
  }

  it('a run with a 100,000-character seed exports, imports and gets a code, which is too long to paste back', () => {
    const record = { scenario: 'mini', version: mini.version, seed: 'ab🙂'.repeat(25_000), choices: ['hold'] };
    const imported = importRunFile(JSON.stringify(exportRunFile(mini, record)), SCENARIOS);
    expect(imported).toMatchObject({ ok: true, record });
    const code = recordToCode(mini, record);
    expect(code.length).toBeGreaterThan(MAX_CODE_LENGTH);
    expect(decodeCode(code)).toMatchObject({ ok: false, error: { kind: 'not-a-code', message: expect.stringMatching(/characters long, and a code has at most 100000/) } });
  });
});
