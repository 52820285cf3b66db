/**
 * `red-lines`: play, replay, simulate, validate and graph scenarios from the command line, on the
 * same core as the browser, so that the same record gives the same hash byte for byte.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  addDays,
  checkSeed,
  openCode,
  formatError,
  indexOf,
  loadScenario,
  playLive,
  prose,
  scenarioStats,
  simulate,
  strategiesOf,
  summarize,
  type LoadError,
  type RunSummary,
  type Scenario,
} from '../core/index.ts';
import { machineGraph, machineMermaid } from '../core/graph.ts';
import { MAX_SCENARIO_BYTES, sizeProblem } from '../core/loader.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCENARIO_DIR = join(ROOT, 'scenarios');
/** The scenario `graph` draws when none is given. */
const DEFAULT_SCENARIO = 'march-2026';

const EXIT_STATUS = `exit status: 0 ok; 1 invalid input (a scenario, file, code or choice) or a failed check;
  2 bad arguments; 3 an internal error, which is a bug in red-lines`;

const USAGE = `usage:
  red-lines play --scenario <id|file> --seed <text> (--choices <id,id,...> | --strategy <name>) [--json]
  red-lines replay <code> [--json]
  red-lines sim --scenario <id|file> --runs <n> --strategy <name> [--seed-prefix <text>] [--json]
  red-lines validate [files...] [--json]
  red-lines graph [--scenario <id|file>] [--json]
  red-lines help [command]          (or: red-lines <command> --help)

strategies: random, first, and each scenario's own (march-2026: principled, pragmatic)
scenario files: YAML, at most 1 MiB each (docs/scenario-format.md)
${EXIT_STATUS}`;

/** Each command's own usage, for `red-lines <command> --help` and `red-lines help <command>`. */
const COMMAND_USAGE: Record<string, string> = {
  play: `usage: red-lines play --scenario <id|file> --seed <text> (--choices <id,id,...> | --strategy <name>) [--json]

Plays one run and prints its timeline, ending, meters, state hash and replay code.
  --scenario <id|file>  a scenario id (a file in scenarios/) or the path of a scenario file
  --seed <text>         the run's seed: the same seed and choices always give the same run
  --choices <ids>       the choice ids to take, comma-separated; the run may stop unfinished
  --strategy <name>     let a strategy choose instead: random, first, or one of the scenario's own
  --json                print the run as one line of JSON
${EXIT_STATUS}`,
  replay: `usage: red-lines replay <code> [--json]

Replays a run from its replay code against the scenarios in scenarios/ and prints the same report
as play; a damaged code, or one whose recorded hash the replay does not reach, fails.
  --json                print the run as one line of JSON
${EXIT_STATUS}`,
  sim: `usage: red-lines sim --scenario <id|file> --runs <n> --strategy <name> [--seed-prefix <text>] [--json]

Plays many runs with one strategy and tallies their endings, mean meters, choices and days.
  --scenario <id|file>  a scenario id (a file in scenarios/) or the path of a scenario file
  --runs <n>            how many runs, from 1 to 10000000
  --strategy <name>     random, first, or one of the scenario's own
  --seed-prefix <text>  run i gets the seed <text><i> (default "sim-")
  --json                print the tallies as one line of JSON
${EXIT_STATUS}`,
  validate: `usage: red-lines validate [files...] [--json]

Checks scenario files (by default every file in scenarios/) and prints each error as
file:line:column: field: message. A file over 1 MiB is refused unread; any failing file fails.
  --json                print the results as one line of JSON
${EXIT_STATUS}`,
  graph: `usage: red-lines graph [--scenario <id|file>] [--json]

Prints a scenario's negotiation machine as a Mermaid stateDiagram-v2, generated from the machine
the game runs: each phase a state, each ending a final state, each transition labelled with its
guard in plain words (docs/machine.md).
  --scenario <id|file>  a scenario id (a file in scenarios/) or the path of a scenario file
                        (default ${DEFAULT_SCENARIO})
  --json                print {scenario, version, initial, states, transitions} as one line of JSON
${EXIT_STATUS}`,
};

class UsageError extends Error {}
/** Thrown by argument parsing on --help or -h: the command's usage is printed instead of running it. */
class HelpRequest extends Error {}
class InputError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

/**
 * Runs the CLI with arguments; returns the exit code (0 ok, 1 invalid input or a failed check,
 * 2 bad arguments, 3 an internal error). Never throws: an unexpected error is one line on stderr.
 */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'play':
        return play(rest, io);
      case 'replay':
        return replay(rest, io);
      case 'sim':
        return sim(rest, io);
      case 'validate':
        return validate(rest, io);
      case 'graph':
        return graph(rest, io);
      case undefined:
        io.out(USAGE);
        return 2;
      case '-h':
      case '--help':
        io.out(USAGE);
        return 0;
      case 'help':
        return help(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof HelpRequest) {
      io.out(COMMAND_USAGE[command!] ?? USAGE);
      return 0;
    }
    if (e instanceof UsageError) {
      io.err(`red-lines: ${e.message}`);
      io.err(USAGE);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`red-lines: ${e.message}`);
      for (const d of e.details) io.err(`  ${d}`);
      return 1;
    }
    return internalError(e, io);
  }
}

/** Reports an error that should not happen as one line, never a stack trace; returns exit code 3. */
function internalError(e: unknown, io: Io): number {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/\.$/, '');
  try {
    io.err(`red-lines: internal error: ${message}. This is a bug in red-lines; please report it with the command you ran.`);
  } catch {
    // stderr itself failed: the exit code still tells.
  }
  return 3;
}

/** `red-lines help [command]`: the usage, or one command's usage, on stdout. */
function help(argv: string[], io: Io): number {
  if (argv.length > 1) throw new UsageError('give at most one command to help with');
  const [command] = argv;
  if (command === undefined || command === '-h' || command === '--help') io.out(USAGE);
  else if (COMMAND_USAGE[command]) io.out(COMMAND_USAGE[command]);
  else throw new UsageError(`unknown command "${command}"`);
  return 0;
}

/** Parses a command's arguments; --help or -h anywhere asks for the command's usage instead. */
function args<T extends Record<string, { type: 'string' } | { type: 'boolean' }>>(argv: string[], options: T, positionals = false) {
  const withHelp = { ...options, help: { type: 'boolean' as const, short: 'h' } };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: withHelp, allowPositionals: positionals, strict: true });
  } catch (e) {
    if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequest();
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequest();
  return parsed;
}

/** Every scenario file in scenarios/. */
function scenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(SCENARIO_DIR, f));
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Why a file system call failed, in plain words that follow the path (never an errno code). */
function fsProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const problems: Record<string, string> = {
    ENOENT: 'no such file',
    ENOTDIR: 'no such file (a part of the path is not a folder)',
    EISDIR: 'is a folder, not a file',
    EACCES: 'permission denied: you may not read this file',
    EPERM: 'permission denied: you may not read this file',
    ELOOP: 'cannot be read: its symbolic links go round in a loop',
    ENAMETOOLONG: 'cannot be read: the path is too long',
    EMFILE: 'cannot be read now: too many files are open',
    ENFILE: 'cannot be read now: too many files are open',
    EIO: 'cannot be read: the disk reported an input/output error',
  };
  return (code && problems[code]) || 'cannot be read';
}

/**
 * A scenario file's text, or why it cannot be read (a missing file, a folder, no permission) or is
 * refused unread (over MAX_SCENARIO_BYTES: the size is checked before reading; a pipe, which has no
 * size, is read to one byte past the cap at most). Reads the file system.
 */
function readScenarioText(file: string): { text: string } | { unreadable: string } | { tooLarge: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    return { unreadable: fsProblem(e) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { unreadable: 'is a folder, not a file' };
    const tooLarge = sizeProblem(stat.size);
    if (tooLarge) return { tooLarge };
    const buffer = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buffer.length; n += got) got = readSync(fd, buffer, n, buffer.length - n, null);
    if (n > MAX_SCENARIO_BYTES) return { tooLarge: 'the file is larger than 1 MiB, the most a scenario file may be, so it was not read' };
    return { text: buffer.toString('utf8', 0, n) };
  } catch (e) {
    return { unreadable: fsProblem(e) };
  } finally {
    closeSync(fd);
  }
}

/** Loads a scenario file; `unreadable` says in plain words why a path could not be read at all. */
function loadFile(file: string): { scenario?: Scenario; errors: LoadError[]; unreadable?: string } {
  const read = readScenarioText(file);
  const at = { file: displayPath(file), line: 1, column: 1, path: '' };
  if ('unreadable' in read) return { errors: [{ ...at, message: read.unreadable }], unreadable: read.unreadable };
  if ('tooLarge' in read) return { errors: [{ ...at, message: read.tooLarge }] };
  const r = loadScenario(read.text, displayPath(file));
  return r.ok ? { scenario: r.scenario, errors: [] } : { errors: r.errors };
}

/** A scenario by id (a file in scenarios/) or by path. */
function scenarioArg(arg: string | undefined): Scenario {
  if (!arg) throw new UsageError('--scenario is required');
  const byId = join(SCENARIO_DIR, `${arg}.yaml`);
  const isId = /^[a-z0-9-]+$/.test(arg);
  const file = isId && existsSync(byId) ? byId : resolve(arg);
  if (isId && !existsSync(file)) {
    const known = scenarioFiles().map((f) => basename(f).replace(/\.ya?ml$/, ''));
    throw new InputError(`no scenario "${arg}": give a file path or one of: ${known.join(', ')}`);
  }
  const { scenario, errors, unreadable } = loadFile(file);
  if (unreadable) throw new InputError(`${displayPath(file)}: ${unreadable}`);
  if (!scenario) throw new InputError(`${displayPath(file)} is not a valid scenario:`, errors.map(formatError));
  return scenario;
}

function allScenarios(): Scenario[] {
  return scenarioFiles().flatMap((f) => loadFile(f).scenario ?? []);
}

function strategyArg(scenario: Scenario, name: string): string {
  const known = strategiesOf(scenario);
  if (!known.includes(name)) throw new UsageError(`unknown strategy "${name}"; ${scenario.id} has: ${known.join(', ')}`);
  return name;
}

function play(argv: string[], io: Io): number {
  const { values } = args(argv, {
    scenario: { type: 'string' as const },
    seed: { type: 'string' as const },
    choices: { type: 'string' as const },
    strategy: { type: 'string' as const },
    json: { type: 'boolean' as const },
  });
  if (values.seed === undefined) throw new UsageError('--seed is required');
  if ((values.choices === undefined) === (values.strategy === undefined)) throw new UsageError('give exactly one of --choices and --strategy');
  const scenario = scenarioArg(values.scenario);
  const seed = checkSeed(values.seed);
  if (!seed.ok) throw new UsageError(seed.message);
  const pick =
    values.strategy !== undefined
      ? { strategy: strategyArg(scenario, values.strategy) }
      : { choices: values.choices!.split(',').map((c) => c.trim()).filter(Boolean) };
  const r = playLive(scenario, seed.seed, pick);
  if (!r.ok) throw new InputError(r.message);
  report(scenario, summarize(scenario, r.value, r.context, (d) => addDays(scenario.start, d)), values.json === true, io);
  return 0;
}

function replay(argv: string[], io: Io): number {
  const { values, positionals } = args(argv, { json: { type: 'boolean' as const } }, true);
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give one code' : 'a replay code is required');
  const opened = openCode(positionals[0]!, allScenarios());
  if (!opened.ok) throw new InputError(opened.message);
  const { scenario, value, context, check } = opened;
  const run = summarize(scenario, value, context, (d) => addDays(scenario.start, d));
  if (check.status === 'mismatch') throw new InputError(check.message);
  report(scenario, run, values.json === true, io);
  return 0;
}

function report(scenario: Scenario, run: RunSummary, json: boolean, io: Io) {
  if (json) {
    const { scenario: id, version, seed, choices, ending, meters, day, timeline, hash, code } = run;
    io.out(JSON.stringify({ scenario: id, version, seed, choices, ending, meters, day, timeline, hash, code }));
    return;
  }
  const index = indexOf(scenario);
  const meterLabel = new Map(scenario.meters.map((m) => [m.id, m.label]));
  const meterLine = (m: Record<string, number>) => scenario.meters.map((x) => `${x.label} ${m[x.id]}`).join(' · ');
  io.out(`${scenario.title} (${scenario.id} v${scenario.version}), seed "${run.seed}"`);
  io.out(`start  ${meterLine(Object.fromEntries(scenario.meters.map((m) => [m.id, m.start])))}`);
  for (const e of run.timeline) {
    const date = addDays(scenario.start, e.day);
    if (e.kind === 'phase') io.out(`\n== ${index.phases.get(e.phase)!.title.toUpperCase()} (${date})`);
    else if (e.kind === 'choice') {
      const { choice, beat } = index.choices.get(e.choice)!;
      io.out(`${date}  ${beat.title}: chose "${choice.label}"  [${choice.tradeoffs.join('; ')}]`);
      const moved = Object.entries(choice.effects?.meters ?? {})
        .map(([m, d]) => `${meterLabel.get(m)} ${d > 0 ? '+' : ''}${d}`)
        .join(', ');
      if (moved) io.out(`            ${moved}`);
      io.out(`            now: ${meterLine(e.meters)}`);
    } else if (e.kind === 'roll' && e.fired) {
      const { stakeholder, reaction } = index.reactions.get(e.reaction)!;
      io.out(`${date}  NEWS (${stakeholder.name}): ${reaction.headline}  [${Math.round(e.chance * 100)}% chance, rolled ${Math.round(e.roll * 100)}]`);
    } else if (e.kind === 'ending') {
      const ending = scenario.endings.find((x) => x.id === e.ending)!;
      const reason = ending.reasons.find((r) => r.id === e.reason);
      io.out(`\n== ENDING: ${ending.title.toUpperCase()} (${date})`);
      io.out(prose(ending.summary));
      if (reason) io.out(`Why: ${prose(reason.text)}`);
    }
  }
  if (!run.ending) io.out(`\n(the run is not over: ${run.choices.length} choices made)`);
  io.out(`\nmeters  ${meterLine(run.meters)}`);
  io.out(`day ${run.day} (${run.date})`);
  io.out(`hash    ${run.hash}`);
  io.out(`code    ${run.code}`);
}

function sim(argv: string[], io: Io): number {
  const { values } = args(argv, {
    scenario: { type: 'string' as const },
    runs: { type: 'string' as const },
    strategy: { type: 'string' as const },
    'seed-prefix': { type: 'string' as const },
    json: { type: 'boolean' as const },
  });
  if (values.runs === undefined) throw new UsageError('--runs is required');
  if (!/^\d+$/.test(values.runs) || Number(values.runs) < 1 || Number(values.runs) > 10_000_000) {
    throw new UsageError(`--runs must be a whole number from 1 to 10000000, not "${values.runs}"`);
  }
  if (values.strategy === undefined) throw new UsageError('--strategy is required');
  const scenario = scenarioArg(values.scenario);
  const strategy = strategyArg(scenario, values.strategy);
  const t0 = performance.now();
  const result = simulate(scenario, { runs: Number(values.runs), strategy, seedPrefix: values['seed-prefix'] });
  const seconds = (performance.now() - t0) / 1000;
  const runsPerSecond = Math.round(result.runs / Math.max(seconds, 1e-9));
  if (values.json) {
    io.out(JSON.stringify({ scenario: result.scenario, runs: result.runs, strategy, endings: result.endings, runsPerSecond, details: result }));
    return 0;
  }
  io.out(`${scenario.title}: ${result.runs} runs, strategy "${strategy}", seeds "${values['seed-prefix'] ?? 'sim-'}0".."${values['seed-prefix'] ?? 'sim-'}${result.runs - 1}"`);
  for (const e of scenario.endings) {
    const n = result.endings[e.id] ?? 0;
    const pct = (100 * n) / result.runs;
    io.out(`  ${e.title.padEnd(14)} ${String(n).padStart(8)}  ${pct.toFixed(1).padStart(5)}%  ${'#'.repeat(Math.round(pct / 2))}`);
  }
  io.out(`  mean meters: ${scenario.meters.map((m) => `${m.label} ${result.meters[m.id]}`).join(' · ')}`);
  io.out(`  mean choices ${result.choices}, mean days ${result.days}`);
  io.out(`${runsPerSecond} runs per second (${seconds.toFixed(2)} s)`);
  return 0;
}

function validate(argv: string[], io: Io): number {
  const { values, positionals } = args(argv, { json: { type: 'boolean' as const } }, true);
  const files = positionals.length ? positionals.map((f) => resolve(f)) : scenarioFiles();
  if (files.length === 0) throw new InputError(`no scenario files in ${displayPath(SCENARIO_DIR)}`);
  const results = files.map((file) => {
    const { scenario, errors, unreadable } = loadFile(file);
    return { file: displayPath(file), ok: errors.length === 0, errors, stats: scenario ? scenarioStats(scenario) : null, scenario, unreadable };
  });
  if (values.json) {
    io.out(
      JSON.stringify({
        files: results.map((r) => ({
          file: r.file,
          ok: r.ok,
          errors: r.errors.map((e) => ({ line: e.line, column: e.column, path: e.path, message: e.message })),
          stats: r.stats,
        })),
      }),
    );
  } else {
    for (const r of results) {
      if (r.unreadable) io.err(`red-lines: ${r.file}: ${r.unreadable}`);
      else if (r.ok) {
        const s = r.stats!;
        io.out(`ok   ${r.file}  (${r.scenario!.id} v${r.scenario!.version})`);
        io.out(
          `     ${s.phases} phases, ${s.beats} beats, ${s.choices} choices, ${s.meters} meters, ${s.stakeholders} stakeholders, ${s.reactions} reactions, ${s.endings} endings, ${s.questions} questions; cards: ${s.cardsCited} cited, ${s.cardsHypothetical} hypothetical`,
        );
      } else {
        io.out(`FAIL ${r.file}  (${r.errors.length} error${r.errors.length === 1 ? '' : 's'})`);
        for (const e of r.errors) io.out(`     ${formatError(e)}`);
      }
    }
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

/** `red-lines graph`: the scenario's machine as Mermaid text, or as JSON with --json. */
function graph(argv: string[], io: Io): number {
  const { values } = args(argv, { scenario: { type: 'string' as const }, json: { type: 'boolean' as const } });
  const scenario = scenarioArg(values.scenario ?? DEFAULT_SCENARIO);
  if (values.json) {
    io.out(JSON.stringify({ scenario: scenario.id, version: scenario.version, ...machineGraph(scenario) }));
    return 0;
  }
  io.out(machineMermaid(scenario).replace(/\n$/, ''));
  return 0;
}
