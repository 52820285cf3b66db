/**
 * Class links (src/core/classroom.ts): a teacher's settings (scenario, class seed, reading level,
 * odds shown, decision timer, class name) carried in a checksummed "c1." code. Every valid setting
 * survives the round trip; every damaged or unusable code is refused with its own message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASS_FORMAT, TIMER_CHOICES, classProblem, decodeClass, encodeClass, type ClassResult, type ClassSettings } from '../src/core/classroom.ts';
import { crc32, toBase64Url } from '../src/core/record.ts';
import type { Scenario } from '../src/core/schema.ts';
import { fcParams, loadMarch, loadMarch2, loadMarch3 } from './helpers.ts';
import { BUILTIN_AGENT_NAMES } from '../src/core/negotiation/agents.ts';

const march = loadMarch();
const SCENARIOS: readonly Scenario[] = [march];
const URL_SAFE = /^c1\.[A-Za-z0-9_-]+$/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const settings = (over: Partial<ClassSettings> = {}): ClassSettings => ({
  scenario: march.id,
  version: march.version,
  seed: 'class-7B',
  level: 'standard',
  showOdds: true,
  timer: 60,
  name: 'Year 11 civics, period 3',
  opponent: null,
  ...over,
});

/**
 * An independent writer of the documented layout: "c<format>." + base64url of the UTF-8 JSON
 * content and the big-endian CRC-32 of the format number and that content. `data` may be any
 * JSON value (or raw bytes), so codes that encodeClass refuses to write can still be made.
 */
function rawClass(data: unknown, format = 1): string {
  const body = data instanceof Uint8Array ? data : new TextEncoder().encode(JSON.stringify(data));
  const crc = crc32(new Uint8Array([format, ...body]));
  const all = new Uint8Array([...body, (crc >>> 24) & 0xff, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]);
  return `c${format}.${toBase64Url(all)}`;
}
/** The content array of valid settings, in the documented order. */
const content = (s: ClassSettings): unknown[] => [s.scenario, s.version, s.seed, s.level, s.showOdds ? 1 : 0, s.timer ?? 0, s.name];

function refused(r: ClassResult): string {
  if (r.ok) throw new Error(`expected the class code to be refused, but it decoded to ${JSON.stringify(r.settings)}`);
  expect(r.message.length).toBeGreaterThan(15);
  return r.message;
}

const MSG = {
  notACode: 'This is not a Red Lines class link: its class code should start with "c1.", "c2." or "c3." followed by letters, digits, "-" and "_".',
  incomplete: 'The class link is damaged or incomplete: copy the whole link again.',
  checksum: 'The class link is damaged: its checksum does not match, so a character was changed, added or lost. Copy the whole link again.',
  noParse: 'The class link is damaged: its content does not parse.',
  notAClass: 'The class link is damaged: its content is not a class.',
  wrongKind: 'The class link is damaged: a setting is missing or of the wrong kind.',
  timer: 'The decision timer must be off or between 10 and 600 seconds.',
  name: 'The class name must be text of at most 60 characters.',
};

// ---- arbitraries ----

const GRAPHEMES = ['🙂', '👩🏽‍💻', '🇺🇳', 'خ', 'ط', 'أ', 'ח', 'ש', 'ל', '\u202E', '\u200F', '\u202C', 'é', 'ß', '中', ' ', '-', '7', 'B', '"', '\\', '\n', '\u0000'];
/** Text from a mix of emoji, right-to-left letters, direction marks and ASCII, capped at `max` code points. */
const mixedText = (max: number) =>
  fc.array(fc.constantFrom(...GRAPHEMES), { maxLength: max }).map((parts) => [...parts.join('')].slice(0, max).join(''));
const anyText = (max: number) => fc.oneof(fc.string({ unit: 'binary', maxLength: max }), mixedText(max), fc.string({ maxLength: max }));

const anySettings: fc.Arbitrary<ClassSettings> = fc.record({
  scenario: fc.constant(march.id),
  version: fc.constant(march.version),
  seed: anyText(200).filter((s) => s.trim() !== ''),
  level: fc.constantFrom('standard' as const, 'simple' as const),
  showOdds: fc.boolean(),
  timer: fc.option(fc.integer({ min: 10, max: 600 }), { nil: null }),
  name: anyText(60),
  opponent: fc.constant(null),
});

// ---- round trip ----

describe('class codes round-trip', () => {
  it('any valid settings: unicode seeds up to 200 characters, both levels, odds, timer, names up to 60 characters', () => {
    fc.assert(
      fc.property(anySettings, (s) => {
        expect(classProblem(s, SCENARIOS)).toBeNull();
        const code = encodeClass(s, SCENARIOS);
        expect(code).toMatch(URL_SAFE);
        expect(decodeClass(code, SCENARIOS)).toEqual({ ok: true, settings: s });
        // The code is exactly the documented layout.
        expect(code).toBe(rawClass(content(s)));
      }),
      fcParams(300),
    );
  });

  it('the longest settings: a 200-character emoji seed and a 60-character right-to-left name', () => {
    const s = settings({ seed: '👩🏽‍💻'.repeat(50), name: 'קו אדום '.repeat(8).slice(0, 60), timer: 600, level: 'simple', showOdds: false });
    expect([...s.seed]).toHaveLength(200);
    expect([...s.name]).toHaveLength(60);
    expect(decodeClass(encodeClass(s, SCENARIOS), SCENARIOS)).toEqual({ ok: true, settings: s });
  });

  it('every timer choice the page offers, and the bounds 10 and 600', () => {
    for (const timer of [...TIMER_CHOICES, 10, 600]) {
      const s = settings({ timer });
      expect(decodeClass(encodeClass(s, SCENARIOS), SCENARIOS)).toEqual({ ok: true, settings: s });
    }
  });

  it('an empty class name, and a name that looks like a code', () => {
    for (const name of ['', 'c1.AAAA', 'rl2.AAAA']) {
      const s = settings({ name });
      expect(decodeClass(encodeClass(s, SCENARIOS), SCENARIOS)).toEqual({ ok: true, settings: s });
    }
  });

  it('a seed that keeps its surrounding spaces', () => {
    const s = settings({ seed: '  class 7B  ' });
    expect(decodeClass(encodeClass(s, SCENARIOS), SCENARIOS)).toEqual({ ok: true, settings: s });
  });

  it('surrounding white space around the code is ignored', () => {
    const s = settings();
    expect(decodeClass(`\n  ${encodeClass(s, SCENARIOS)}\t\r\n`, SCENARIOS)).toEqual({ ok: true, settings: s });
  });

  it('pins the layout of one class code (old links must keep opening)', () => {
    const s = settings({ seed: 'a', timer: null, name: '', showOdds: false });
    expect(CLASS_FORMAT).toBe(3);
    // A class without a Department agent is still written as format 1.
    expect(encodeClass(s, SCENARIOS)).toBe(rawClass(['march-2026', march.version, 'a', 'standard', 0, 0, '']));
  });
});

// ---- refusals ----

describe('decodeClass refuses, with its message', () => {
  const good = encodeClass(settings(), SCENARIOS);
  const body = good.slice(3);

  it('text that is not a class code', () => {
    for (const text of ['', '   ', 'hello', 'C1.abc', 'c.abc', 'c01.abc', 'c1abc', 'c1.ab+c', 'c1.ab=', `${good} extra`, `https://example.com/?class=${good}`, `rl2.${body}`]) {
      expect(refused(decodeClass(text, SCENARIOS))).toBe(MSG.notACode);
    }
  });

  it('a newer class format (c4.)', () => {
    const m = refused(decodeClass(`c4.${body}`, SCENARIOS));
    expect(m).toBe('This class link was made by a newer Red Lines (class format 4); this game reads format 3.');
    expect(refused(decodeClass(`c4.${rawClass(content(settings()), 4).slice(3)}`, SCENARIOS))).toMatch(/newer Red Lines \(class format 4\)/);
    expect(refused(decodeClass('c99999999999999999999.AAAA', SCENARIOS))).toMatch(/newer Red Lines/);
  });

  it('format 2 holds an eighth setting, the Department\'s agent; format 1 with eight or format 2 with seven is no class', () => {
    expect(refused(decodeClass(rawClass(content(settings()), 2), SCENARIOS))).toBe(MSG.notAClass);
    expect(refused(decodeClass(rawClass([...content(settings()), 'hardliner'], 1), SCENARIOS))).toBe(MSG.notAClass);
    expect(refused(decodeClass(rawClass([...content(settings()), 7], 2), SCENARIOS))).toBe(MSG.wrongKind);
  });

  it('class format 0', () => {
    expect(refused(decodeClass(`c0.${body}`, SCENARIOS))).toBe('Class format 0 does not exist.');
  });

  it('one character changed anywhere but the last gives the checksum message', () => {
    for (let i = 3; i < good.length - 1; i++) {
      const ch = good[i]!;
      const other = B64[(B64.indexOf(ch) + 1 + (i % 63)) % 64]!;
      expect(other).not.toBe(ch);
      const bad = good.slice(0, i) + other + good.slice(i + 1);
      expect(refused(decodeClass(bad, SCENARIOS)), `character ${i}`).toBe(MSG.checksum);
    }
  });

  it('any single changed character is refused (property)', () => {
    fc.assert(
      fc.property(anySettings, fc.nat(), fc.integer({ min: 1, max: 63 }), (s, at, shift) => {
        const code = encodeClass(s, SCENARIOS);
        const i = 3 + (at % (code.length - 3));
        const bad = code.slice(0, i) + B64[(B64.indexOf(code[i]!) + shift) % 64]! + code.slice(i + 1);
        expect([MSG.checksum, MSG.incomplete]).toContain(refused(decodeClass(bad, SCENARIOS)));
      }),
      fcParams(200),
    );
  });

  it('a truncated code: every shorter prefix is refused as damaged or incomplete', () => {
    expect(refused(decodeClass('c1.', SCENARIOS))).toBe(MSG.incomplete);
    expect(refused(decodeClass('c1.AAAAAA', SCENARIOS))).toBe(MSG.incomplete); // 4 bytes: no room for content
    for (let len = 3; len < good.length; len++) {
      expect([MSG.incomplete, MSG.checksum], `first ${len} characters`).toContain(refused(decodeClass(good.slice(0, len), SCENARIOS)));
    }
    // Losing the last character of a code whose length leaves unused bits is caught before the checksum.
    const cut = [...Array(good.length - 3).keys()].map((k) => good.slice(0, 3 + k)).filter((t) => (t.length - 3) % 4 === 1);
    for (const t of cut) expect(refused(decodeClass(t, SCENARIOS))).toBe(MSG.incomplete);
  });

  it('a stray extra character is refused', () => {
    expect([MSG.incomplete, MSG.checksum]).toContain(refused(decodeClass(`${good}A`, SCENARIOS)));
  });

  it('an unknown scenario', () => {
    const other = { ...march, id: 'april-2027' } as Scenario;
    const code = encodeClass(settings({ scenario: 'april-2027' }), [other]);
    expect(refused(decodeClass(code, SCENARIOS))).toBe('The class is for the scenario "april-2027", which this game does not have.');
  });

  it('another version of the scenario', () => {
    const other = { ...march, version: march.version + 1 } as Scenario;
    const code = encodeClass(settings({ version: march.version + 1 }), [other]);
    expect(refused(decodeClass(code, SCENARIOS))).toBe(
      `The class was made for version ${march.version + 1} of "march-2026"; this game has version ${march.version}, so students would not face the same game.`,
    );
  });

  it('a bad seed: empty, blank, or 201 characters', () => {
    expect(refused(decodeClass(rawClass(content(settings({ seed: '' }))), SCENARIOS))).toBe('The class seed cannot be used: The seed is empty: type any word, name or number.');
    expect(refused(decodeClass(rawClass(content(settings({ seed: ' \t\n' }))), SCENARIOS))).toMatch(/^The class seed cannot be used: The seed is empty/);
    expect(refused(decodeClass(rawClass(content(settings({ seed: 'x'.repeat(201) }))), SCENARIOS))).toBe(
      'The class seed cannot be used: The seed is 201 characters long; the most is 200.',
    );
    expect(refused(decodeClass(rawClass(content(settings({ seed: '🙂'.repeat(201) }))), SCENARIOS))).toMatch(/201 characters long; the most is 200/);
  });

  it('a bad timer: 5, 601, -30 and 1.5 seconds', () => {
    for (const timer of [5, 9, 601, -30]) expect(refused(decodeClass(rawClass(content(settings({ timer }))), SCENARIOS)), `timer ${timer}`).toBe(MSG.timer);
    // 1.5 is not a whole number of seconds: the content itself is of the wrong kind.
    expect(refused(decodeClass(rawClass(content(settings({ timer: 1.5 }))), SCENARIOS))).toBe(MSG.wrongKind);
  });

  it('a bad reading level', () => {
    expect(refused(decodeClass(rawClass(content(settings({ level: 'hard' as never }))), SCENARIOS))).toBe('The reading level must be "standard" or "simple", not "hard".');
    expect(refused(decodeClass(rawClass(['march-2026', march.version, 's', null, 1, 0, '']), SCENARIOS))).toBe('The reading level must be "standard" or "simple", not "null".');
  });

  it('an over-long class name (61 characters, counted as characters, not UTF-16 units)', () => {
    expect(refused(decodeClass(rawClass(content(settings({ name: 'n'.repeat(61) }))), SCENARIOS))).toBe(MSG.name);
    expect(refused(decodeClass(rawClass(content(settings({ name: '🙂'.repeat(61) }))), SCENARIOS))).toBe(MSG.name);
    expect(decodeClass(rawClass(content(settings({ name: '🙂'.repeat(60) }))), SCENARIOS)).toMatchObject({ ok: true });
  });

  it('content of the wrong shape or kind', () => {
    const s = content(settings());
    expect(refused(decodeClass(rawClass(s.slice(0, 6)), SCENARIOS))).toBe(MSG.notAClass);
    expect(refused(decodeClass(rawClass([...s, 'extra']), SCENARIOS))).toBe(MSG.notAClass);
    expect(refused(decodeClass(rawClass({ scenario: 'march-2026' }), SCENARIOS))).toBe(MSG.notAClass);
    const swap = (i: number, v: unknown) => rawClass(s.map((x, k) => (k === i ? v : x)));
    for (const [i, v] of [[0, 7], [1, '1'], [1, 1.5], [2, 42], [4, 2], [4, true], [5, null], [5, '60'], [6, null]] as [number, unknown][]) {
      expect(refused(decodeClass(swap(i, v), SCENARIOS)), `setting ${i} = ${JSON.stringify(v)}`).toBe(MSG.wrongKind);
    }
  });

  it('content that is not JSON or not UTF-8', () => {
    expect(refused(decodeClass(rawClass(new TextEncoder().encode('[1, 2')), SCENARIOS))).toBe(MSG.noParse);
    expect(refused(decodeClass(rawClass(new Uint8Array([0x5b, 0xff, 0xfe, 0x5d, 0x00])), SCENARIOS))).toBe(MSG.noParse);
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'c1.AZaz09-_') })), (text) => {
        const r = decodeClass(text, SCENARIOS);
        if (!r.ok) expect(typeof r.message).toBe('string');
      }),
      fcParams(500),
    );
  });
});

// ---- encoding invalid settings ----

describe('encodeClass throws on invalid settings, with classProblem\'s message', () => {
  const cases: [string, Partial<ClassSettings>, RegExp][] = [
    ['unknown scenario', { scenario: 'nope' }, /scenario "nope", which this game does not have/],
    ['other version', { version: march.version + 1 }, /version \d+ of "march-2026"; this game has version/],
    ['empty seed', { seed: '' }, /seed cannot be used: The seed is empty/],
    ['201-character seed', { seed: 's'.repeat(201) }, /201 characters long/],
    ['timer 5', { timer: 5 }, /between 10 and 600 seconds/],
    ['timer 601', { timer: 601 }, /between 10 and 600 seconds/],
    ['timer 1.5', { timer: 1.5 }, /between 10 and 600 seconds/],
    ['timer 0', { timer: 0 }, /between 10 and 600 seconds/],
    ['timer NaN', { timer: Number.NaN }, /between 10 and 600 seconds/],
    ['bad level', { level: 'expert' as never }, /reading level must be "standard" or "simple", not "expert"/],
    ['odds not a boolean', { showOdds: 1 as never }, /odds are shown must be yes or no/],
    ['61-character name', { name: 'x'.repeat(61) }, /at most 60 characters/],
    ['name not text', { name: 5 as never }, /at most 60 characters/],
  ];
  it.each(cases)('%s', (_, over, message) => {
    const s = settings(over);
    const problem = classProblem(s, SCENARIOS);
    expect(problem).toMatch(message);
    expect(() => encodeClass(s, SCENARIOS)).toThrow(RangeError);
    expect(() => encodeClass(s, SCENARIOS)).toThrow(problem!);
  });

  it('valid settings have no problem', () => {
    expect(classProblem(settings(), SCENARIOS)).toBeNull();
    expect(classProblem(settings({ timer: null, level: 'simple', showOdds: false, name: '' }), SCENARIOS)).toBeNull();
  });
});

describe('a class with a built-in agent as the Department (format 2)', () => {
  const march2 = loadMarch2();
  const both: readonly Scenario[] = [march, march2];
  const v2 = (over: Partial<ClassSettings> = {}) => settings({ scenario: march2.id, version: march2.version, ...over });

  it('round-trips every built-in agent, written as format 2 with the agent as the eighth setting', () => {
    for (const opponent of BUILTIN_AGENT_NAMES) {
      const s = v2({ opponent });
      const code = encodeClass(s, both);
      expect(code.startsWith('c2.')).toBe(true);
      expect(code).toBe(rawClass([...content(s), opponent], 2));
      expect(decodeClass(code, both)).toEqual({ ok: true, settings: s });
    }
  });

  it('refuses an agent it does not have, and a Department agent in a story scenario', () => {
    expect(refused(decodeClass(rawClass([...content(v2()), 'deep-blue'], 2), both))).toMatch(/The Department's agent must be one of the built-in agents \(hardliner, .*\), not "deep-blue"/);
    expect(classProblem(settings({ opponent: 'hardliner' }), both)).toMatch(/A Department agent needs a scenario with a negotiation; "march-2026" version 1 has none/);
    expect(() => encodeClass(settings({ opponent: 'hardliner' }), both)).toThrow(RangeError);
  });
});

describe('a class that plays the Department (format 3)', () => {
  const march2 = loadMarch2();
  const march3 = loadMarch3();
  const all: readonly Scenario[] = [march, march2, march3];
  const v3 = (over: Partial<ClassSettings> = {}) => settings({ scenario: march3.id, version: march3.version, side: 'department', ...over });

  it('round-trips the side with the scenario\'s lab agent (null) or a built-in one, written as format 3', () => {
    for (const opponent of [null, ...BUILTIN_AGENT_NAMES]) {
      const s = v3({ opponent });
      const code = encodeClass(s, all);
      expect(code.startsWith('c3.')).toBe(true);
      expect(code).toBe(rawClass([...content(s), opponent, 'department'], 3));
      expect(decodeClass(code, all)).toEqual({ ok: true, settings: s });
    }
    // A class of the lab's side keeps format 1 or 2, which older games read.
    expect(encodeClass(v3({ side: undefined }), all).startsWith('c1.')).toBe(true);
    expect(decodeClass(encodeClass(v3({ side: undefined }), all), all)).toEqual({ ok: true, settings: settings({ scenario: march3.id, version: march3.version }) });
  });

  it('round-trips a class of pairs, on one device or two, with no agent', () => {
    for (const side of ['pair', 'links'] as const) {
      const s = v3({ side });
      const code = encodeClass(s, all);
      expect(code).toBe(rawClass([...content(s), null, side], 3));
      expect(decodeClass(code, all)).toEqual({ ok: true, settings: s });
      expect(classProblem(v3({ side, opponent: 'hardliner' }), all)).toBe('A class of pairs has no agent: each side is played by a student.');
    }
    expect(classProblem(v3({ side: 'pair', version: 2 }), all)).toBe('Playing in pairs needs a scenario with the Department\'s briefing; "march-2026" version 2 has none.');
  });

  it('refuses another side, a missing side, and the Department in a version without its briefing', () => {
    expect(refused(decodeClass(rawClass([...content(v3()), null, 'pentagon'], 3), all))).toBe(MSG.wrongKind);
    expect(refused(decodeClass(rawClass([...content(v3()), null], 3), all))).toBe(MSG.notAClass);
    expect(refused(decodeClass(rawClass([...content(v3()), 5, 'department'], 3), all))).toBe(MSG.wrongKind);
    const old = v3({ version: 2 });
    expect(classProblem(old, all)).toBe('Playing the Department needs a scenario with the Department\'s briefing; "march-2026" version 2 has none.');
    expect(refused(decodeClass(rawClass([...content(old), null, 'department'], 3), all))).toMatch(/needs a scenario with the Department's briefing/);
    expect(() => encodeClass(old, all)).toThrow(RangeError);
  });
});
