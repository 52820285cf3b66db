import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError, loadScenario, MAX_ERRORS, MAX_SCENARIO_BYTES, sizeProblem, type LoadError } from '../src/core/loader.ts';
import { prose } from '../src/core/prose.ts';
import { fixturePath, ROOT } from './helpers.ts';

const BROKEN = join(ROOT, 'test', 'fixtures', 'broken');

interface Expectation {
  line: number;
  column: number | null;
  text: string;
}

/** The `# expect: <line>[:<column>] <substring>` comments at the top of a broken fixture. */
function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  for (const line of text.split('\n')) {
    const m = /^# expect: (\d+)(?::(\d+))? (.+)$/.exec(line);
    if (!m) break;
    out.push({ line: Number(m[1]), column: m[2] ? Number(m[2]) : null, text: m[3]! });
  }
  return out;
}

const errorsOf = (file: string): LoadError[] => {
  const r = loadScenario(readFileSync(file, 'utf8'), file);
  return r.ok ? [] : r.errors;
};

describe('a valid scenario', () => {
  it('loads, with defaults filled in', () => {
    const r = loadScenario(readFileSync(fixturePath('mini'), 'utf8'), 'mini.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
    expect(r.scenario.id).toBe('mini');
    expect(r.scenario.version).toBe(3);
    expect(r.scenario.phases.map((p) => p.id)).toEqual(['talks', 'breakdown', 'designation', 'renegotiation']);
    expect(r.scenario.meters.map((m) => m.good)).toEqual(['high', 'high']);
    expect(r.scenario.questions).toEqual([]);
  });

  it('reads both reading levels of prose', () => {
    const r = loadScenario(readFileSync(fixturePath('mini'), 'utf8'));
    if (!r.ok) throw new Error('mini should load');
    const card = r.scenario.phases[0]!.beats[0]!.card;
    expect(prose(card)).toBe('The department asks for all lawful purposes.');
    expect(prose(card, 'simple')).toBe('They want everything.');
    expect(prose('One text.', 'simple')).toBe('One text.');
  });
});

describe('broken fixtures report the expected errors', () => {
  const files = readdirSync(BROKEN).filter((f) => f.endsWith('.yaml')).sort();

  it('there are at least 12 of them, each documenting its expected errors', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) expect(expectations(readFileSync(join(BROKEN, f), 'utf8')), f).not.toEqual([]);
  });

  for (const f of files) {
    it(f, () => {
      const file = join(BROKEN, f);
      const expected = expectations(readFileSync(file, 'utf8'));
      const errors = errorsOf(file);
      const shown = errors.map(formatError).join('\n');
      expect(errors.length, shown).toBe(expected.length);
      expected.forEach((x, i) => {
        const e = errors[i]!;
        expect(e.line, shown).toBe(x.line);
        if (x.column !== null) expect(e.column, shown).toBe(x.column);
        expect(formatError(e)).toContain(x.text);
      });
    });
  }
});

describe('errors', () => {
  it('are all reported at once, in file order', () => {
    const errors = errorsOf(join(BROKEN, 'three-errors.yaml'));
    expect(errors).toHaveLength(3);
    const lines = errors.map((e) => e.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('name the file they were loaded from', () => {
    const r = loadScenario('id: [', 'scenarios/x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) for (const e of r.errors) expect(e.file).toBe('scenarios/x.yaml');
  });

  it('refuse a file that is not a mapping', () => {
    for (const text of ['', '- a\n- b\n', 'just words']) {
      const r = loadScenario(text, 'x.yaml');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map(formatError)).toEqual(['x.yaml:1:1: a scenario file must be a YAML mapping']);
    }
  });

  it('refuse duplicate keys', () => {
    const mini = readFileSync(fixturePath('mini'), 'utf8');
    const r = loadScenario(mini.replace('title: Mini negotiation\n', 'title: Mini negotiation\ntitle: Again\n'), 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ line: 5, column: 1 });
      expect(r.errors[0]!.message).toMatch(/unique/);
    }
  });
});

describe('limits', () => {
  const messages = (text: string) => {
    const r = loadScenario(text, 'x.yaml');
    return r.ok ? [] : r.errors.map(formatError);
  };
  const refused = /^x\.yaml:1:1: the file is [\d.]+ MiB; a scenario file may be at most 1 MiB \(1048576 bytes\), so it was not read$/;

  it('refuse a text over 1 MiB of UTF-8 unparsed, counting bytes, not characters', () => {
    expect(MAX_SCENARIO_BYTES).toBe(1024 * 1024);
    expect(messages(`# ${'x'.repeat(MAX_SCENARIO_BYTES - 2)}`)).toEqual(['x.yaml:1:1: a scenario file must be a YAML mapping']);
    expect(messages(`# ${'x'.repeat(MAX_SCENARIO_BYTES - 1)}`)).toEqual([expect.stringMatching(refused)]);
    // "é" is 2 bytes and "🙂" 4 in UTF-8, though one and two UTF-16 units.
    expect(messages(`# ${'é'.repeat((MAX_SCENARIO_BYTES - 2) / 2)}`)).toEqual(['x.yaml:1:1: a scenario file must be a YAML mapping']);
    expect(messages(`# ${'é'.repeat((MAX_SCENARIO_BYTES - 2) / 2)}x`)).toEqual([expect.stringMatching(refused)]);
    expect(messages(`#${'🙂'.repeat(MAX_SCENARIO_BYTES / 4)}`)).toEqual([expect.stringMatching(refused)]);
  });

  it('sizeProblem says how large a file is', () => {
    expect(sizeProblem(MAX_SCENARIO_BYTES)).toBeNull();
    expect(sizeProblem(69 * MAX_SCENARIO_BYTES)).toBe('the file is 69.0 MiB; a scenario file may be at most 1 MiB (1048576 bytes), so it was not read');
  });

  it('an alias repeats its anchor\'s data', () => {
    const mini = readFileSync(fixturePath('mini'), 'utf8');
    const r = loadScenario(mini.replace('title: Mini negotiation', 'title: &t Mini negotiation').replace('title: Talks', 'title: *t'), 'x.yaml');
    if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
    expect(r.scenario.phases[0]!.title).toBe('Mini negotiation');
  });

  it('list the first 100 errors, then how many more there were', () => {
    const r = loadScenario(Array.from({ length: 250 }, (_, i) => `k${i}: [`).join('\n'), 'x.yaml');
    if (r.ok) throw new Error('should not load');
    expect(r.errors).toHaveLength(MAX_ERRORS + 1);
    expect(r.errors.at(-1)!.message).toMatch(/^and \d+ more errors \(only the first 100 are listed\)$/);
  });
});

describe('formatError', () => {
  it('writes file:line:column: path: message', () => {
    expect(formatError({ file: 'scenarios/a.yaml', line: 12, column: 7, path: 'phases[0].beats[1].days', message: 'is required' })).toBe(
      'scenarios/a.yaml:12:7: phases[0].beats[1].days: is required',
    );
  });

  it('leaves out an empty path', () => {
    expect(formatError({ file: 'a.yaml', line: 1, column: 1, path: '', message: 'bad YAML' })).toBe('a.yaml:1:1: bad YAML');
  });

  it('formats a real error', () => {
    const [e] = errorsOf(join(BROKEN, 'condition-unknown-flag.yaml'));
    expect(formatError(e!)).toBe(`${join(BROKEN, 'condition-unknown-flag.yaml')}:83:22: phases[2].beats[1].when.flag: unknown flag "walkd"`);
  });
});
