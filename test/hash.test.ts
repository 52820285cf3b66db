import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv1a64, stateHash } from '../src/core/hash.ts';
import type { RunContext } from '../src/core/rules.ts';
import { fcParams, loadFixture, playChoices } from './helpers.ts';

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('does not depend on key insertion order', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('is JSON: parsing it gives the value back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toStrictEqual(JSON.parse(JSON.stringify(v)));
      }),
      fcParams(300),
    );
  });

  it('is stable: the same value always gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(structuredClone(v))).toBe(canonicalJson(v));
      }),
      fcParams(200),
    );
  });

  it('leaves out undefined fields as JSON does, escapes strings, and refuses non-finite numbers', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ 'quote"key': 'line\nbreak' })).toBe('{"quote\\"key":"line\\nbreak"}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/non-finite/);
  });
});

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes the UTF-8 bytes of the text', () => {
    // A reference FNV-1a over explicit bytes: "é" is c3 a9 in UTF-8, not the single byte e9.
    const overBytes = (bytes: number[]) => {
      let h = 0xcbf29ce484222325n;
      for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, '0');
    };
    expect(fnv1a64('é')).toBe(overBytes([0xc3, 0xa9]));
    expect(fnv1a64('é')).not.toBe(overBytes([0xe9]));
    expect(fnv1a64('🙂')).toBe(overBytes([0xf0, 0x9f, 0x99, 0x82]));
  });

  it('always gives 16 lower-case hex digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(fnv1a64(s)).toMatch(/^[0-9a-f]{16}$/);
      }),
      fcParams(200),
    );
  });
});

describe('stateHash', () => {
  const scenario = loadFixture('mini');
  const run = playChoices(scenario, 'hash', ['hold', 'walk']);
  const base = run.context;
  const hash = stateHash(run.value, base);

  it('is the same for an equal context built in another key order', () => {
    const reordered = Object.fromEntries(Object.entries(structuredClone(base)).reverse()) as unknown as RunContext;
    expect(stateHash(run.value, reordered)).toBe(hash);
  });

  it('changes with the state value', () => {
    expect(run.value).toBe('breakdown');
    expect(stateHash('designation', base)).not.toBe(hash);
  });

  // One change to each field of the context; the list must cover them all.
  const changes: Record<keyof RunContext, (c: RunContext) => void> = {
    scenario: (c) => (c.scenario = 'other'),
    version: (c) => (c.version += 1),
    seed: (c) => (c.seed += '!'),
    phase: (c) => (c.phase = 'designation'),
    talk: (c) => (c.talk = { offers: { lab: 1, department: null }, history: [], revealed: [], signed: null, walked: false, answer: null }),
    beat: (c) => (c.beat = null),
    step: (c) => (c.step = c.step === 'choosing' ? 'resolved' : 'choosing'),
    day: (c) => (c.day += 1),
    meters: (c) => (c.meters.trust = (c.meters.trust ?? 0) + 1),
    flags: (c) => (c.flags.walked = !c.flags.walked),
    choices: (c) => c.choices.push('stay'),
    fired: (c) => c.fired.push('profile'),
    goto: (c) => (c.goto = { to: 'standoff', reason: 'refused' }),
    reason: (c) => (c.reason = 'no-deal'),
    ending: (c) => (c.ending = 'standoff'),
    timeline: (c) => c.timeline.pop(),
    side: (c) => (c.side = 'department'),
    opponent: (c) => (c.opponent = 'boulware'),
  };

  it('the change list covers every context field', () => {
    // `talk` is in version 2 contexts only (this base is a story scenario's); `side` and
    // `opponent` only when the Department is the side played.
    expect(Object.keys(changes).sort()).toEqual([...Object.keys(base), 'talk', 'side', 'opponent'].sort());
  });

  for (const [field, change] of Object.entries(changes)) {
    it(`changes when ${field} changes`, () => {
      const c = structuredClone(base);
      change(c);
      expect(stateHash(run.value, c)).not.toBe(hash);
    });
  }

  it('changes when a timeline entry changes deep inside', () => {
    const c = structuredClone(base);
    const roll = c.timeline.find((e) => e.kind === 'roll');
    if (!roll || roll.kind !== 'roll') throw new Error('the run should have rolled a reaction');
    roll.roll += 1e-12;
    expect(stateHash(run.value, c)).not.toBe(hash);
  });

  it('is pinned for a mini run, so hashes stay comparable across machines and builds', () => {
    expect(hash).toBe('691b6f182e2aeec2');
  });
});
