import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { machineGraph, machineMermaid } from '../src/core/graph.ts';
import { stateHash } from '../src/core/hash.ts';
import { decodeCode, encodeCode } from '../src/core/record.ts';
import { fixturePath, loadFixture, loadMarch, loadMarch2, playChoices, ROOT } from './helpers.ts';

const MINI = fixturePath('mini');
const mini = loadFixture('mini');
const BROKEN = join(ROOT, 'test', 'fixtures', 'broken', 'wrong-type.yaml');

/** Runs the CLI in this process, capturing what it prints. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err, json: () => JSON.parse(out.join('\n')) as Record<string, unknown> };
}

/** Asserts a usage error: exit 2, one line naming the problem, then the usage, nothing on stdout. */
async function expectUsageError(argv: string[], message: RegExp) {
  const r = await cli(...argv);
  expect(r.code).toBe(2);
  expect(r.out).toEqual([]);
  expect(r.err).toHaveLength(2);
  expect(r.err[0]).toMatch(/^red-lines: [^\n]+$/);
  expect(r.err[0]).toMatch(message);
  expect(r.err[1]).toMatch(/^usage:\n/);
}

describe('play', () => {
  it('--json prints exactly the run\'s fields', async () => {
    const r = await cli('play', '--scenario', MINI, '--seed', 'cli', '--strategy', 'first', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(1);
    const run = r.json();
    expect(Object.keys(run).sort()).toEqual(['choices', 'code', 'day', 'ending', 'hash', 'meters', 'scenario', 'seed', 'timeline', 'version']);
    expect(run).toMatchObject({ scenario: 'mini', version: 3, seed: 'cli', choices: ['hold', 'walk', 'go-public', 'refuse'], ending: 'standoff' });
    expect(run.code).toMatch(/^rl2\.[A-Za-z0-9_-]+$/);
  });

  it('gives the hash of the same run played on the stepper, every time', async () => {
    const expected = playChoices(mini, 'cli', ['hold', 'walk', 'go-public', 'refuse']);
    const hash = stateHash(expected.value, expected.context);
    for (let i = 0; i < 3; i++) {
      const r = await cli('play', '--scenario', MINI, '--seed', 'cli', '--strategy', 'first', '--json');
      expect(r.json().hash).toBe(hash);
    }
  });

  it('--choices plays the given choices, even a run that is not over', async () => {
    const r = await cli('play', '--scenario', MINI, '--seed', 'cli', '--choices', 'bend, stay', '--json');
    expect(r.code).toBe(0);
    const run = r.json();
    expect(run).toMatchObject({ choices: ['bend', 'stay'], ending: null });
    const expected = playChoices(mini, 'cli', ['bend', 'stay']);
    expect(run.hash).toBe(stateHash(expected.value, expected.context));
  });

  it('prints a readable report without --json', async () => {
    const json = (await cli('play', '--scenario', MINI, '--seed', 'cli', '--strategy', 'first', '--json')).json();
    const r = await cli('play', '--scenario', MINI, '--seed', 'cli', '--strategy', 'first');
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('Mini negotiation (mini v3), seed "cli"');
    expect(text).toContain('== ENDING: STANDOFF');
    expect(text).toContain(`hash    ${json.hash}`);
    expect(text).toContain(`code    ${json.code}`);
  });

  it('a choice id that is not on the table: a message and exit 1', async () => {
    const r = await cli('play', '--scenario', MINI, '--seed', 'cli', '--choices', 'hold,carve-outs');
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toContain('"carve-outs" is not on the table at beat "second"; the choices there are: walk, stay.');
  });

  it('choices after the run ended: exit 1', async () => {
    const r = await cli('play', '--scenario', MINI, '--seed', 'cli', '--choices', 'fold,stay');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('The run ended before these choices: stay.');
  });

  it('an invalid scenario file: its errors and exit 1', async () => {
    const r = await cli('play', '--scenario', BROKEN, '--seed', 'cli', '--strategy', 'first');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/wrong-type\.yaml:42:15: phases\[0\]\.beats\[1\]\.days/);
  });

  it('an unknown scenario: exit 1', async () => {
    const r = await cli('play', '--scenario', 'no-such-scenario', '--seed', 'cli', '--strategy', 'first');
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/no scenario "no-such-scenario"/);
  });
});

describe('replay', () => {
  it('reproduces the hash of a played march-2026 run from its code', async () => {
    const played = await cli('play', '--scenario', 'march-2026', '--seed', 'replay me', '--strategy', 'random', '--json');
    expect(played.code).toBe(0);
    const run = played.json();
    const replayed = await cli('replay', run.code as string, '--json');
    expect(replayed.code).toBe(0);
    expect(replayed.json()).toEqual(run);
  });

  it('an invalid code: its message and exit 1', async () => {
    const r = await cli('replay', 'rl1.not-a-real-code');
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toMatch(/^red-lines: The code is damaged/);
    const newer = await cli('replay', 'rl6.AAAA');
    expect(newer.code).toBe(1);
    expect(newer.err[0]).toMatch(/newer Red Lines/);
    // A well-formed code whose recorded hash its replay does not reach: the rules changed.
    const good = (await cli('play', '--scenario', 'march-2026@1', '--seed', 'stale', '--strategy', 'first', '--json')).json() as { code: string };
    const raw = decodeCode(good.code);
    if (!raw.ok) throw raw.error;
    const forged = encodeCode(raw.value.scenario, raw.value.version, raw.value.seed, raw.value.positions, '0000000000000000');
    const stale = await cli('replay', forged);
    expect(stale.code).toBe(1);
    expect(stale.err[0]).toMatch(/rules changed since the code was made/);
  });

  it('a code of a scenario this game does not have: exit 1', async () => {
    const code = (await cli('play', '--scenario', MINI, '--seed', 'x', '--strategy', 'first', '--json')).json().code as string;
    const r = await cli('replay', code);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/scenario "mini", which this game does not have/);
  });
});

describe('sim', () => {
  it('--json prints the tallies', async () => {
    const r = await cli('sim', '--scenario', MINI, '--runs', '100', '--strategy', 'random', '--json');
    expect(r.code).toBe(0);
    const result = r.json();
    expect(result).toMatchObject({ scenario: 'mini', runs: 100, strategy: 'random' });
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['scenario', 'runs', 'strategy', 'endings', 'runsPerSecond']));
    expect(Object.keys(result.endings as object).sort()).toEqual(['capitulation', 'compromise', 'standoff']);
    expect(Object.values(result.endings as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(100);
    expect(result.runsPerSecond).toBeGreaterThan(0);
  });

  it('gives the same endings every time and honours --seed-prefix', async () => {
    const endings = async (...extra: string[]) =>
      (await cli('sim', '--scenario', MINI, '--runs', '200', '--strategy', 'random', '--json', ...extra)).json().endings;
    expect(await endings()).toEqual(await endings());
    expect(await endings('--seed-prefix', 'pin-')).toEqual({ compromise: 16, capitulation: 90, standoff: 94 });
  });

  it('prints a readable table without --json', async () => {
    const r = await cli('sim', '--scenario', MINI, '--runs', '10', '--strategy', 'first');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('Mini negotiation: 10 runs, strategy "first", seeds "sim-0".."sim-9"');
    expect(r.out.join('\n')).toMatch(/Standoff\s+10\s+100\.0%/);
  });
});

describe('validate', () => {
  it('--json describes each file; a broken one makes the exit code 1', async () => {
    const r = await cli('validate', MINI, BROKEN, '--json');
    expect(r.code).toBe(1);
    const { files } = r.json() as { files: Record<string, unknown>[] };
    expect(files).toHaveLength(2);
    expect(files[0]).toMatchObject({ ok: true, errors: [] });
    // Cards: 4 phases, 6 beats, 14 choices, 3 reactions, 3 endings; only talks, opening and hold cite.
    expect(files[0]!.stats).toEqual({
      phases: 4,
      beats: 6,
      choices: 14,
      meters: 2,
      stakeholders: 2,
      reactions: 3,
      endings: 3,
      questions: 9,
      cardsCited: 3,
      cardsHypothetical: 27,
    });
    expect(files[0]!.file).toMatch(/mini\.yaml$/);
    expect(files[1]).toMatchObject({ ok: false, stats: null, errors: [{ line: 42, column: 15, message: expect.stringMatching(/expected number/) }] });
    for (const f of files) expect(Object.keys(f).sort()).toEqual(['errors', 'file', 'ok', 'stats']);
  });

  it('a valid file: exit 0', async () => {
    const r = await cli('validate', MINI);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^ok {3}.*mini\.yaml {2}\(mini v3\)$/);
  });

  it('prints file:line:column for each error', async () => {
    const r = await cli('validate', join(ROOT, 'test', 'fixtures', 'broken', 'three-errors.yaml'));
    expect(r.code).toBe(1);
    expect(r.out[0]).toMatch(/^FAIL .*three-errors\.yaml {2}\(3 errors\)$/);
    expect(r.out.slice(1).map((l) => l.trim().replace(/^.*three-errors\.yaml:/, ''))).toEqual([
      '40:116: phases[0].beats[0].choices[1].effects.meters.integrty: unknown meter "integrty"',
      '85:22: phases[2].beats[1].when.flag: unknown flag "walkd"',
      '121:26: stakeholders[0].reactions[0].after[1]: "falout" is neither a beat nor a phase',
    ]);
  });

  it('a file that cannot be read: exit 1', async () => {
    const r = await cli('validate', join(ROOT, 'test', 'fixtures', 'missing.yaml'), '--json');
    expect(r.code).toBe(1);
    expect((r.json() as { files: { errors: { message: string }[] }[] }).files[0]!.errors[0]!.message).toBe('no such file');
  });
});

describe('graph', () => {
  it('prints the scenario\'s machine as Mermaid, exactly machineMermaid', async () => {
    const r = await cli('graph', '--scenario', MINI);
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out).toHaveLength(1);
    expect(`${r.out[0]}\n`).toBe(machineMermaid(mini));
    expect(r.out[0]).toMatch(/^stateDiagram-v2\n {4}state "Talks" as talks\n/);
  });

  it('draws march-2026 (its latest version) when no scenario is given, and by its id; id@1 the archived version', async () => {
    const none = await cli('graph');
    const byId = await cli('graph', '--scenario', 'march-2026');
    expect(none.code).toBe(0);
    expect(`${none.out[0]}\n`).toBe(machineMermaid(loadMarch2()));
    expect(byId.out).toEqual(none.out);
    const v1 = await cli('graph', '--scenario', 'march-2026@1');
    expect(`${v1.out[0]}\n`).toBe(machineMermaid(loadMarch()));
    const missing = await cli('graph', '--scenario', 'march-2026@9');
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/has no version 9; it has 1, 2/);
  });

  it('--json prints the states and transitions as one line of JSON', async () => {
    const r = await cli('graph', '--scenario', MINI, '--json');
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out).toHaveLength(1);
    const graph = r.json();
    expect(Object.keys(graph)).toEqual(['scenario', 'version', 'initial', 'states', 'transitions']);
    expect(graph).toEqual({ scenario: 'mini', version: 3, ...machineGraph(mini) });
    expect(graph.states).toContainEqual({ id: 'standoff', kind: 'ending', title: 'Standoff' });
    expect(graph.transitions).toContainEqual({
      from: 'talks',
      to: 'renegotiation',
      event: 'always',
      guard: { type: 'exit', params: { when: { meter: 'trust', gte: 75 } } },
      label: 'exit: trust ≥ 75',
    });
  });

  it('bad input: one line and exit 1, never a stack', async () => {
    const unknown = await cli('graph', '--scenario', 'nowhere');
    expect(unknown).toMatchObject({ code: 1, out: [], err: [expect.stringMatching(/^red-lines: no scenario "nowhere": give a file path or one of: .*march-2026/)] });
    const broken = await cli('graph', '--scenario', BROKEN);
    expect(broken.code).toBe(1);
    expect(broken.out).toEqual([]);
    expect(broken.err[0]).toMatch(/^red-lines: .*wrong-type\.yaml is not a valid scenario:$/);
    expect(broken.err.slice(1).every((l) => /^ {2}\S.*:\d+:\d+: /.test(l))).toBe(true);
  });

  const cases: [string, string[], RegExp][] = [
    ['a positional argument', ['graph', 'march-2026'], /Unexpected argument 'march-2026'/],
    ['--scenario without a value', ['graph', '--scenario'], /--scenario <value>' argument missing/],
    ['an unknown option', ['graph', '--format', 'dot'], /--format/],
  ];
  for (const [name, argv, message] of cases) it(`bad arguments, ${name}: exit 2`, () => expectUsageError(argv, message));

  for (const argv of [['graph', '--help'], ['graph', '-h'], ['help', 'graph'], ['graph', '--json', '--colour', '--help']]) {
    it(`${argv.join(' ')}: the command's usage, exit 0`, async () => {
      const r = await cli(...argv);
      expect(r).toMatchObject({ code: 0, err: [] });
      expect(r.out).toHaveLength(1);
      expect(r.out[0]).toMatch(/^usage: red-lines graph \[--scenario <id\|file>\] \[--json\]\n/);
      expect(r.out[0]).toContain('exit status:');
    });
  }

  it('is listed in the usage', async () => {
    expect((await cli('--help')).out[0]).toContain('  red-lines graph [--scenario <id|file>] [--json]\n');
  });

  it('the bin prints the same text, byte for byte, as a child process', () => {
    const child = spawnSync(process.execPath, [join(ROOT, 'bin', 'red-lines.js'), 'graph', '--scenario', MINI], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(machineMermaid(mini));
  });
});

describe('bad input files: a plain sentence or file:line:col, exit 1, never a stack', () => {
  const FIXTURES = join(ROOT, 'test', 'fixtures');
  const BOMB = join(FIXTURES, 'broken', 'alias-bomb.yaml');
  const DEEP = join(FIXTURES, 'broken', 'deep-nesting.yaml');
  let dir = '';
  let big = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'red-lines-cli-'));
    big = join(dir, 'big.yaml');
    // 69 MB of a valid-looking start: reading and parsing it would take many seconds.
    writeFileSync(big, Buffer.alloc(69_000_000, 'id: x\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Asserts a run printed no stack trace line ("    at f (file:1:2)"). */
  const noStack = (r: { out: string[]; err: string[] }) => expect([...r.out, ...r.err].join('\n')).not.toMatch(/^\s+at /m);

  it('a folder', async () => {
    const r = await cli('validate', FIXTURES);
    expect(r).toMatchObject({ code: 1, out: [], err: [`red-lines: ${join('test', 'fixtures')}: is a folder, not a file`] });
    const play = await cli('play', '--scenario', FIXTURES, '--seed', 's', '--strategy', 'first');
    expect(play).toMatchObject({ code: 1, out: [], err: [`red-lines: ${join('test', 'fixtures')}: is a folder, not a file`] });
  });

  it('a missing file', async () => {
    const r = await cli('validate', join(FIXTURES, 'nowhere.yaml'), MINI);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`red-lines: ${join('test', 'fixtures', 'nowhere.yaml')}: no such file`]);
    expect(r.out[0]).toMatch(/^ok {3}.*mini\.yaml/);
    const sim = await cli('sim', '--scenario', join(FIXTURES, 'nowhere.yaml'), '--runs', '5', '--strategy', 'first');
    expect(sim).toMatchObject({ code: 1, out: [], err: [`red-lines: ${join('test', 'fixtures', 'nowhere.yaml')}: no such file`] });
  });

  it.skipIf(process.getuid?.() === 0)('a file without permission to read it', async () => {
    const locked = join(dir, 'locked.yaml');
    writeFileSync(locked, 'id: x\n', { mode: 0o000 });
    const r = await cli('validate', locked);
    expect(r).toMatchObject({ code: 1, err: [`red-lines: ${locked}: permission denied: you may not read this file`] });
  });

  it('a 69 MB file is refused at once, unread', async () => {
    const t0 = performance.now();
    const r = await cli('validate', big);
    const play = await cli('play', '--scenario', big, '--seed', 's', '--strategy', 'first');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([`FAIL ${big}  (1 error)`, `     ${big}:1:1: the file is 65.8 MiB; a scenario file may be at most 1 MiB (1048576 bytes), so it was not read`]);
    expect(play.code).toBe(1);
    expect(play.err[1]).toMatch(/big\.yaml:1:1: the file is 65\.8 MiB; a scenario file may be at most 1 MiB/);
  });

  it('an alias bomb and 10,000 nested lists: file:line:col: message', async () => {
    const r = await cli('validate', BOMB, DEEP);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
    expect(r.out.map((l) => l.trim().replace(/\S*broken[/\\]/, ''))).toEqual([
      'FAIL alias-bomb.yaml  (1 error)',
      'alias-bomb.yaml:10:16: the aliases expand the file to more than 250000 values; a scenario may hold at most 250000',
      'FAIL deep-nesting.yaml  (1 error)',
      'deep-nesting.yaml:3:68: the YAML nests more than 64 levels deep here; a scenario file may nest at most 64',
    ]);
    const play = await cli('play', '--scenario', BOMB, '--seed', 's', '--strategy', 'first');
    expect(play.code).toBe(1);
    expect(play.err[1]).toMatch(/alias-bomb\.yaml:10:16: the aliases expand the file/);
    noStack(r);
    noStack(play);
  });

  it('an unexpected error is one line saying it is a bug, exit 3', async () => {
    const err: string[] = [];
    const code = await main(['validate', MINI], { out: () => { throw new Error('the disk is on fire.\n    at nowhere (x.ts:1:1)'); }, err: (s) => err.push(s) });
    expect(code).toBe(3);
    expect(err).toEqual(['red-lines: internal error: the disk is on fire. This is a bug in red-lines; please report it with the command you ran.']);
  });

  it('the bin prints the same sentences, and no stack, as a child process', () => {
    const child = spawnSync(process.execPath, [join(ROOT, 'bin', 'red-lines.js'), 'validate', FIXTURES, join(FIXTURES, 'nowhere.yaml'), big, BOMB, DEEP], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toBe(`red-lines: ${join('test', 'fixtures')}: is a folder, not a file\nred-lines: ${join('test', 'fixtures', 'nowhere.yaml')}: no such file\n`);
    expect(child.stdout).toMatch(/big\.yaml:1:1: the file is 65\.8 MiB/);
    expect(child.stdout).toMatch(/alias-bomb\.yaml:10:16: /);
    expect(child.stdout).toMatch(/deep-nesting\.yaml:3:68: /);
    expect(child.stdout + child.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('help: the usage on stdout, exit 0', () => {
  for (const argv of [['--help'], ['-h'], ['help']]) {
    it(argv.join(' '), async () => {
      const r = await cli(...argv);
      expect(r).toMatchObject({ code: 0, err: [] });
      expect(r.out[0]).toMatch(/^usage:\n/);
      for (const command of ['play', 'replay', 'sim', 'validate']) expect(r.out[0]).toContain(`red-lines ${command} `);
      expect(r.out[0]).toMatch(/exit status: 0 ok; 1 invalid input.*\n.*2 bad arguments; 3 an internal error/);
    });
  }
  for (const command of ['play', 'replay', 'sim', 'validate']) {
    for (const argv of [[command, '--help'], [command, '-h'], ['help', command], [command, '--json', '--colour', '--help']]) {
      it(argv.join(' '), async () => {
        const r = await cli(...argv);
        expect(r).toMatchObject({ code: 0, err: [] });
        expect(r.out).toHaveLength(1);
        expect(r.out[0]).toMatch(new RegExp(`^usage: red-lines ${command} `));
        expect(r.out[0]).toContain('exit status:');
      });
    }
  }
  it('help for an unknown command is a usage error', () => expectUsageError(['help', 'deal'], /unknown command "deal"/));
  it('a --help value is not a request for help', async () => {
    const r = await cli('play', '--scenario', MINI, '--seed=--help', '--strategy', 'first', '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ seed: '--help' });
  });
});

describe('bad arguments: one line and the usage on stderr, exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['deal'], /unknown command "deal"/],
    ['a missing --seed', ['play', '--scenario', MINI, '--strategy', 'first'], /--seed is required/],
    ['both --choices and --strategy', ['play', '--scenario', MINI, '--seed', 's', '--choices', 'hold', '--strategy', 'first'], /exactly one of --choices, --strategy and --agent/],
    ['neither --choices nor --strategy', ['play', '--scenario', MINI, '--seed', 's'], /exactly one of --choices, --strategy and --agent/],
    ['--runs abc', ['sim', '--scenario', MINI, '--runs', 'abc', '--strategy', 'random'], /--runs must be a whole number/],
    ['--runs 0', ['sim', '--scenario', MINI, '--runs', '0', '--strategy', 'random'], /--runs must be a whole number/],
    ['an unknown strategy in play', ['play', '--scenario', MINI, '--seed', 's', '--strategy', 'greedy'], /unknown strategy "greedy"; mini has: random, first, principled, pragmatic/],
    ['an unknown strategy in sim', ['sim', '--scenario', MINI, '--runs', '5', '--strategy', 'greedy'], /unknown strategy "greedy"/],
    ['an unknown option', ['play', '--scenario', MINI, '--seed', 's', '--strategy', 'first', '--colour'], /--colour/],
    ['a seed that is too long', ['play', '--scenario', MINI, '--seed', 'x'.repeat(201), '--strategy', 'first'], /201 characters long; the most is 200/],
    ['an empty seed', ['play', '--scenario', MINI, '--seed', '  ', '--strategy', 'first'], /seed is empty/],
    ['replay without a code', ['replay'], /a replay code is required/],
    ['replay with two codes', ['replay', 'rl1.a', 'rl1.b'], /give one code/],
  ];
  for (const [name, argv, message] of cases) it(name, () => expectUsageError(argv, message));

  it('no command at all: the usage and exit 2; help: exit 0', async () => {
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.out[0]).toMatch(/^usage:/);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out[0]).toMatch(/^usage:/);
  });
});

describe('the bin', () => {
  it('runs the CLI as a child process with the same result', async () => {
    const args = ['play', '--scenario', MINI, '--seed', 'bin', '--strategy', 'random', '--json'];
    const child = spawnSync(process.execPath, [join(ROOT, 'bin', 'red-lines.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual((await cli(...args)).json());
  });
});
