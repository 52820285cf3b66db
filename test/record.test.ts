import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stateHash } from '../src/core/hash.ts';
import {
  CODE_FORMAT,
  STORY_CODE_FORMAT,
  PAIR_CODE_FORMAT, SIDE_CODE_FORMAT,
  CodeError,
  READ_FORMATS,
  decodeCode,
  encodeCode,
  recordToCode,
  resolveCode,
  type CodeErrorKind,
  type Decoded,
  type RunRecord,
} from '../src/core/record.ts';
import { playFast, replayRecord, strategiesOf } from '../src/core/run.ts';
import { anyPicks, anySeed, fcParams, loadFixture, loadMarch, loadMarch2, loadMarch3, miniVariant, playPicks } from './helpers.ts';

const mini = loadFixture('mini');
const URL_SAFE = /^rl2\.[A-Za-z0-9_-]+$/;
const HASH = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const record = (seed: string, choices: string[]): RunRecord => ({ scenario: 'mini', version: 3, seed, choices });
const roundTrip = (r: RunRecord) => resolveCode(recordToCode(mini, r), [mini]);

/** Asserts that decoding failed with a CodeError of one of the kinds, and returns it. */
function expectError<T>(result: Decoded<T>, ...kinds: CodeErrorKind[]): CodeError {
  if (result.ok) throw new Error(`expected a ${kinds.join(' or ')} error, but the code decoded`);
  expect(result.error).toBeInstanceOf(CodeError);
  expect(kinds).toContain(result.error.kind);
  expect(result.error.message.length).toBeGreaterThan(20);
  return result.error;
}

describe('encode and decode', () => {
  it('round-trip a record', () => {
    const r = record('round trip', ['hold', 'stay', 'quiet', 'return', 'carve-outs']);
    expect(roundTrip(r)).toEqual({ ok: true, value: r });
  });

  it('round-trip a run that is not over, and one with no choices', () => {
    for (const r of [record('partial', ['bend']), record('none', [])]) expect(roundTrip(r)).toEqual({ ok: true, value: r });
  });

  it('decode the raw content: scenario, version, seed, choice positions', () => {
    const code = encodeCode('mini', 3, 'raw', [0, 1, 2, 3, 1], HASH);
    expect(decodeCode(code)).toEqual({ ok: true, value: { format: 2, scenario: 'mini', version: 3, seed: 'raw', positions: [0, 1, 2, 3, 1], count: 5, hash: HASH } });
  });

  it('pin the layout of a mini code', () => {
    expect(recordToCode(mini, record('a', ['hold']))).toBe('rl2.BG1pbmkDAWEBAM_q7cErLkGPXjiGkA');
  });

  it('store large scenario versions', () => {
    const code = encodeCode('mini', 65535, 's', [1], HASH);
    const d = decodeCode(code);
    expect(d.ok && d.value.version).toBe(65535);
  });

  it('ignore surrounding white space', () => {
    const r = record('spaces', ['bend']);
    expect(resolveCode(`  ${recordToCode(mini, r)}\n`, [mini])).toEqual({ ok: true, value: r });
  });

  it('refuse to encode a choice that is not on the table', () => {
    expect(() => recordToCode(mini, record('x', ['stay']))).toThrow(CodeError);
    expect(() => recordToCode(mini, record('x', ['hold', 'hold']))).toThrow(/not one of the choices on the table at step 2/);
  });
});

describe('codes are short and URL-safe', () => {
  it('mini codes use only the URL-safe alphabet', () => {
    fc.assert(
      fc.property(anySeed, anyPicks, (seed, picks) => {
        const { choices } = playPicks(mini, seed, picks);
        expect(recordToCode(mini, record(seed, choices))).toMatch(URL_SAFE);
      }),
      fcParams(200),
    );
  });

  it('a whole march-2026 run with a 24-character seed takes at most 120 characters', () => {
    const march = loadMarch();
    let longest = 0;
    for (const strategy of strategiesOf(march)) {
      for (let i = 0; i < 60; i++) {
        const seed = `seed-${strategy}-${i}-`.padEnd(24, 'x').slice(0, 24);
        const { context } = playFast(march, seed, strategy);
        const code = recordToCode(march, { scenario: march.id, version: march.version, seed, choices: context.choices });
        expect(code).toMatch(URL_SAFE);
        longest = Math.max(longest, code.length);
      }
    }
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(120);
  });
});

describe('any seed text survives a code', () => {
  const seeds: [string, string][] = [
    ['empty', ''],
    ['emoji', '🙂👩🏽‍💻🇺🇳 seed'],
    ['Arabic (right to left)', 'خط أحمر'],
    ['Hebrew (right to left)', 'קו אדום'],
    ['mixed direction marks', '\u202Eabc\u202C שלום 123'],
    ['control characters', 'tab\there\nnew line\u0000nul'],
    ['10,000 characters', 'ab🙂'.repeat(2500)],
    ['a look-alike of a code', 'rl1.AAAA'],
  ];
  for (const [name, seed] of seeds) {
    it(name, () => {
      const r = record(seed, ['bend', 'stay']);
      const code = recordToCode(mini, r);
      expect(code).toMatch(URL_SAFE);
      expect(roundTrip(r)).toEqual({ ok: true, value: r });
    });
  }

  // BUG (record.ts, Reader.text): TextDecoder drops a leading U+FEFF (byte order mark) unless
  // created with ignoreBOM: true, so this seed comes back as "abc" and replays other dice.
  it('a seed that starts with U+FEFF', () => {
    const r = record('\uFEFFabc', ['bend']);
    expect(roundTrip(r)).toEqual({ ok: true, value: r });
  });
});

describe('damaged codes give a CodeError, never an exception', () => {
  const good = recordToCode(mini, record('damage', ['hold', 'stay', 'quiet', 'return', 'carve-outs']));

  it('empty', () => {
    expectError(decodeCode(''), 'empty');
    expectError(decodeCode('   \n'), 'empty');
  });

  it('not a code', () => {
    for (const text of ['hello', 'https://example.com/?code=abc', 'rl.abc', 'RL1.abc', '1.abc']) expectError(decodeCode(text), 'not-a-code');
  });

  it('a newer format', () => {
    const e = expectError(decodeCode(`rl${CODE_FORMAT + 1}.${good.slice(4)}`), 'newer-format');
    expect(e.message).toMatch(/newer/);
    expectError(decodeCode('rl99999999999999999999.AAAA'), 'newer-format');
  });

  it('an older format', () => {
    expectError(decodeCode(`rl0.${good.slice(4)}`), 'older-format');
  });

  it('bad characters, with their position', () => {
    const e = expectError(decodeCode(`${good.slice(0, 10)}+${good.slice(11)}`), 'bad-characters');
    expect(e.message).toContain('character 11 ("+")');
    expectError(decodeCode(`${good}=`), 'bad-characters');
    expectError(decodeCode(`${good.slice(0, 8)} ${good.slice(8)}`), 'bad-characters');
    const emoji = expectError(decodeCode(`${good.slice(0, 6)}🙂${good.slice(6)}`), 'bad-characters');
    expect(emoji.message).toContain('"🙂"');
  });

  it('a flipped character in the middle', () => {
    for (let i = 4; i < good.length - 1; i++) {
      const flipped = good.slice(0, i) + (good[i] === 'A' ? 'B' : 'A') + good.slice(i + 1);
      expectError(decodeCode(flipped), 'checksum');
    }
  });

  it('truncated at any length', () => {
    for (let n = 4; n < good.length; n++) expectError(decodeCode(good.slice(0, n)), 'truncated', 'checksum');
    expect(expectError(decodeCode('rl1.'), 'truncated').message).toMatch(/incomplete/);
  });

  it('a checksum that matches content that does not parse', () => {
    // "mini", version 3, then a seed said to be 90 bytes long that is not there.
    const code = encodeRawForTest([4, 0x6d, 0x69, 0x6e, 0x69, 3, 90]);
    expect(code).toMatch(/^rl1\.[A-Za-z0-9_-]+$/);
    expectError(decodeCode(code), 'truncated');
    // The same helper makes codes the decoder accepts, so the failure above is the content's.
    expect(decodeCode(encodeRawForTest([4, 0x6d, 0x69, 0x6e, 0x69, 3, 1, 0x73, 0])).ok).toBe(true);
  });

  it('an unknown scenario', () => {
    const e = expectError(resolveCode(encodeCode('elsewhere', 1, 's', [0], HASH), [mini]), 'unknown-scenario');
    expect(e.message).toContain('"elsewhere"');
    expect(e.message).toContain('"mini"');
  });

  it('another version of the scenario', () => {
    const e = expectError(resolveCode(encodeCode('mini', 2, 's', [0], HASH), [mini]), 'other-version');
    expect(e.message).toContain('version 2');
  });

  it('a choice position out of range', () => {
    // The opening offers three choices (positions 0-2); the second beat offers two.
    expectError(resolveCode(encodeCode('mini', 3, 's', [3], HASH), [mini]), 'bad-choice');
    const e = expectError(resolveCode(encodeCode('mini', 3, 's', [0, 2], HASH), [mini]), 'bad-choice');
    expect(e.message).toContain('only 2');
  });

  it('more choices than the run has', () => {
    // "fold" (position 2) ends the run at once.
    const e = expectError(resolveCode(encodeCode('mini', 3, 's', [2, 0], HASH), [mini]), 'bad-choice');
    expect(e.message).toContain('ends after 1');
  });

  it('a code of a scenario whose beats changed', () => {
    const shorter = miniVariant((s) => s.phases[0]!.beats[0]!.choices.splice(1, 1));
    expectError(resolveCode(encodeCode('mini', 3, 's', [2], HASH), [shorter]), 'bad-choice');
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string().map((s) => `rl1.${s}`), fc.stringMatching(/^rl1\.[A-Za-z0-9_-]{0,40}$/)), (text) => {
        const r = resolveCode(text, [mini]);
        if (!r.ok) expect(r.error).toBeInstanceOf(CodeError);
      }),
      fcParams(1000),
    );
  });

  // BUG (record.ts, fromBase64Url): the bits left over after the last whole byte are ignored,
  // so some changes to the last character, and an extra character after a code whose byte
  // count is a multiple of 3, still decode.
  it('any single changed character, the last included', () => {
    for (const r of [record('a', []), record('ab', ['hold']), record('abc', ['hold'])]) {
      const code = recordToCode(mini, r);
      for (let i = 4; i < code.length; i++) {
        for (const ch of B64) {
          if (ch === code[i]) continue;
          const changed = code.slice(0, i) + ch + code.slice(i + 1);
          expect(decodeCode(changed).ok, `${code} -> ${changed}`).toBe(false);
        }
      }
    }
  });

  it('an added character', () => {
    for (const r of [record('a', []), record('ab', ['hold']), record('abc', ['hold'])]) {
      const code = recordToCode(mini, r);
      for (const ch of B64) expect(decodeCode(code + ch).ok, `${code}${ch}`).toBe(false);
    }
  });
});

describe('recordToCode then resolveCode', () => {
  it('gives back the same record for any seed and any choices', () => {
    fc.assert(
      fc.property(anySeed, anyPicks, (seed, picks) => {
        const r = record(seed, playPicks(mini, seed, picks).choices);
        expect(roundTrip(r)).toEqual({ ok: true, value: r });
      }),
      fcParams(300),
    );
  });

  it('does so on march-2026 too', () => {
    const march = loadMarch();
    fc.assert(
      fc.property(anySeed, anyPicks, (seed, picks) => {
        const r: RunRecord = { scenario: march.id, version: march.version, seed, choices: playPicks(march, seed, picks).choices };
        expect(resolveCode(recordToCode(march, r), [mini, march])).toEqual({ ok: true, value: r });
      }),
      fcParams(200),
    );
  });
});

/** A code with the given body bytes and a correct checksum (format 1). */
function encodeRawForTest(body: number[]): string {
  let c = 0xffffffff;
  for (const b of [1, ...body]) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  const crc = (c ^ 0xffffffff) >>> 0;
  const bytes = [...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff];
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  // Format 1: the raw helper writes the older layout (no hash), which the decoder still reads.
  let out = 'rl1.';
  for (let i = 0; i < bits.length; i += 6) out += B64[parseInt(bits.slice(i, i + 6).padEnd(6, '0'), 2)];
  return out;
}

describe('code formats', () => {
  const fixtures = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/codes.json', import.meta.url)), 'utf8')) as {
    codes: { format: number; code: string; record: RunRecord; hash: string | null; replayHash: string }[];
  };
  const march = loadMarch();
  const march2 = loadMarch2();
  const march3 = loadMarch3();
  const scenarioOf = (r: RunRecord) => (r.version === 3 ? march3 : r.version === 2 ? march2 : march);

  it('has a fixture for every format this game reads', () => {
    expect(fixtures.codes.map((c) => c.format).sort()).toEqual([...READ_FORMATS]);
  });

  it.each(fixtures.codes)('reads a format $format code into its record, and its replay reaches the same hash', (f) => {
    const raw = decodeCode(f.code);
    expect(raw.ok && raw.value.format).toBe(f.format);
    expect(raw.ok && raw.value.hash).toBe(f.hash);
    const r = resolveCode(f.code, [march, march2, march3]);
    expect(r).toEqual({ ok: true, value: f.record });
    const replayed = replayRecord(scenarioOf(f.record), f.record);
    expect(replayed.ok && stateHash(replayed.snapshot.value as string, replayed.snapshot.context)).toBe(f.replayHash);
  });

  it('writes the newest formats, carrying the hash its run reaches: 2 for a story, 3 at a table, 4 playing the Department, 5 for two players', () => {
    for (const format of [STORY_CODE_FORMAT, 3, SIDE_CODE_FORMAT]) {
      const f = fixtures.codes.find((c) => c.format === format)!;
      expect(recordToCode(scenarioOf(f.record), f.record)).toBe(f.code);
    }
    // The format 5 fixture is a turn link: the turn it continues from began at move 3.
    const pair = fixtures.codes.find((c) => c.format === PAIR_CODE_FORMAT)!;
    expect(recordToCode(scenarioOf(pair.record), pair.record, 3)).toBe(pair.code);
  });
});
