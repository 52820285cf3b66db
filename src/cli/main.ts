/**
 * `red-lines`: play, replay, simulate, validate and graph scenarios from the command line, on the
 * same core as the browser, so that the same record gives the same hash byte for byte.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  addDays,
  checkSeed,
  openCode,
  formatError,
  indexOf,
  loadScenario,
  loadScenarioSet,
  playLive,
  scenarioStats,
  simulate,
  strategiesOf,
  summarize,
  type LoadError,
  type RunSummary,
  type Scenario,
} from '../core/index.ts';
import { machineGraph, machineMermaid } from '../core/graph.ts';
import { AgentError, outcomeOf, playAgent, type Outcome } from '../core/agent-play.ts';
import { BUILTIN_AGENT_NAMES, builtinAgent } from '../core/negotiation/agents.ts';
import { DEFAULT_OPPONENT, defaultOpponent } from '../core/department-side.ts';
import { startOf } from '../core/record.ts';
import { endingWords } from '../core/view.ts';
import type { Agent } from '../core/negotiation/types.ts';
import { answerText, moveText, packageIndexOf, packageText } from '../core/talk-words.ts';
import { loadAgentModule } from './agent-module.ts';
import { tournament } from './tournament.ts';
import { MAX_SCENARIO_BYTES, sizeProblem } from '../core/loader.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCENARIO_DIR = join(ROOT, 'scenarios');
/** The scenario `graph` draws when none is given. */
const DEFAULT_SCENARIO = 'march-2026';

const EXIT_STATUS = `exit status: 0 ok; 1 invalid input (a scenario, file, code or choice) or a failed check;
  2 bad arguments; 3 an internal error, which is a bug in red-lines`;

const USAGE = `usage:
  red-lines play --scenario <id|file> --seed <text> (--choices <id,id,...> | --strategy <name> | --agent <builtin:name|file.mjs>)
                 [--side lab|department] [--opponent builtin:<name>] [--json]
  red-lines tournament --scenario <id|file> --agents <a,b,...> --runs <n> [--side lab|department]
                 [--opponent builtin:<name>] [--json] [--details]
  red-lines replay <code> [--json]
  red-lines sim --scenario <id|file> --runs <n> --strategy <name> [--seed-prefix <text>] [--json]
  red-lines validate [files...] [--json]
  red-lines graph [--scenario <id|file>] [--json]
  red-lines help [command]          (or: red-lines <command> --help)

scenarios: an id (its latest version), id@version (e.g. march-2026@1), or a file path
strategies: random, first, and each scenario's own (march-2026 v2: limits-first, relationship-first)
agents: builtin:hardliner, builtin:conceder, builtin:boulware, builtin:tit-for-tat, builtin:prober,
  builtin:random, or an ES module file (docs/agents.md)
scenario files: YAML, at most 1 MiB each (docs/scenario-format.md)
${EXIT_STATUS}`;

/** Each command's own usage, for `red-lines <command> --help` and `red-lines help <command>`. */
const COMMAND_USAGE: Record<string, string> = {
  play: `usage: red-lines play --scenario <id|file> --seed <text> (--choices <id,id,...> | --strategy <name> | --agent <builtin:name|file.mjs>)
                 [--side lab|department] [--opponent builtin:<name>] [--json]

Plays one run and prints its timeline, ending, meters, state hash and replay code; for a
negotiation (version 2) also the signed contract, both utilities and the value left on the table.
  --scenario <id|file>  a scenario id (its latest version), id@version, or a scenario file's path
  --seed <text>         the run's seed: the same seed and moves always give the same run
  --choices <moves>     the moves to make, comma-separated: story choice ids, and at a table
                        propose:<one digit per clause>, probe:<id>, accept, walk-away
  --strategy <name>     let a strategy choose instead: random, first, or one of the scenario's own
  --agent <agent>       let an agent play your side: builtin:<name> or an ES module (docs/agents.md)
  --side <side>         the side you play in a negotiation: lab (the default) or department;
                        playing the Department, the moves are the Department's (propose:<digits>,
                        accept) and a built-in agent plays the lab
  --opponent <agent>    the other side's built-in agent, builtin:<name>: with --side department
                        the lab's (the scenario's own, else builtin:${DEFAULT_OPPONENT}); else the Department's, in
                        place of the scenario's own Department agent
  --json                print the run as one line of JSON (with deal, utilities and valueLeft
                        for a negotiation; side and opponent when set)
${EXIT_STATUS}`,
  replay: `usage: red-lines replay <code> [--json]

Replays a run from its replay code against the scenarios in scenarios/ and prints the same report
as play; a damaged code, or one whose recorded hash the replay does not reach, fails.
  --json                print the run as one line of JSON
${EXIT_STATUS}`,
  sim: `usage: red-lines sim --scenario <id|file> --runs <n> --strategy <name> [--seed-prefix <text>] [--json]

Plays many runs with one strategy and tallies their endings, mean meters, choices and days.
  --scenario <id|file>  a scenario id (its latest version), id@version, or a scenario file's path
  --runs <n>            how many runs, from 1 to 10000000
  --strategy <name>     random, first, or one of the scenario's own
  --seed-prefix <text>  run i gets the seed <text><i> (default "sim-")
  --json                print the tallies as one line of JSON
${EXIT_STATUS}`,
  tournament: `usage: red-lines tournament --scenario <id|file> --agents <a,b,...> --runs <n> [--side lab|department]
                 [--opponent builtin:<name>] [--json] [--details]

Plays each agent as the lab against the Department agent (or, with --side department, as the
Department against a built-in lab agent) over the seeds sim-0..sim-<n-1> and prints each agent's
endings, mean utilities (lab, Department) and mean value left on the table.
  --scenario <id|file>  a scenario with a negotiation: an id, id@version or a file path
  --agents <list>       comma-separated: builtin:<name> or ES module files (docs/agents.md)
  --runs <n>            seeds per agent, from 1 to 1000000
  --side <side>         the side the agents play: lab (the default) or department
  --opponent <agent>    the other side's built-in agent, builtin:<name>: with --side department
                        the lab's (the scenario's own, else builtin:${DEFAULT_OPPONENT}); else the Department's,
                        in place of the scenario's own
  --json                print {scenario, version, runs, side, opponent, agents: [...]} as one line
                        of JSON
  --details             with --json, each agent also lists its runs: seed, ending, deal,
                        utilities, valueLeft, hash
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
  --scenario <id|file>  a scenario id (its latest version), id@version, or a scenario file's path
                        (default ${DEFAULT_SCENARIO}, its latest version)
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
        return await play(rest, io);
      case 'replay':
        return replay(rest, io);
      case 'sim':
        return sim(rest, io);
      case 'tournament':
        return await tournamentCommand(rest, io);
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
  // A file that extends another scenario is built on the files in scenarios/.
  const r = loadScenario(read.text, displayPath(file), /^extends:/m.test(read.text) ? { bases: allScenarios() } : {});
  return r.ok ? { scenario: r.scenario, errors: [] } : { errors: r.errors };
}

/**
 * A scenario by id (its latest version among the files in scenarios/), by id@version (that
 * version), or by path.
 */
function scenarioArg(arg: string | undefined): Scenario {
  if (!arg) throw new UsageError('--scenario is required');
  const m = /^([a-z0-9][a-z0-9-]*)(?:@(\d+))?$/.exec(arg);
  if (m && !existsSync(resolve(arg))) {
    const [, id, version] = m;
    const all = allScenarios();
    const same = all.filter((s) => s.id === id);
    if (same.length === 0) {
      const known = [...new Set(all.map((s) => s.id))];
      throw new InputError(`no scenario "${id}": give a file path or one of: ${known.join(', ')}`);
    }
    if (version === undefined) return same.reduce((a, b) => (b.version > a.version ? b : a));
    const found = same.find((s) => s.version === Number(version));
    if (!found) throw new InputError(`scenario "${id}" has no version ${version}; it has ${same.map((s) => s.version).sort((a, b) => a - b).join(', ')}`);
    return found;
  }
  const file = resolve(arg);
  const { scenario, errors, unreadable } = loadFile(file);
  if (unreadable) throw new InputError(`${displayPath(file)}: ${unreadable}`);
  if (!scenario) throw new InputError(`${displayPath(file)} is not a valid scenario:`, errors.map(formatError));
  return scenario;
}

function allScenarios(): Scenario[] {
  return loadedScenarioFiles().flatMap((f) => f.scenario ?? []);
}

/** Every file in scenarios/, loaded together (a file may extend another), with its errors. */
function loadedScenarioFiles(): { file: string; scenario?: Scenario; errors: LoadError[]; unreadable?: string }[] {
  const files = scenarioFiles();
  const read = files.map((f) => ({ file: f, read: readScenarioText(f) }));
  const texts = read.flatMap((r) => ('text' in r.read ? [{ text: r.read.text, file: displayPath(r.file) }] : []));
  const results = loadScenarioSet(texts);
  let k = 0;
  return read.map(({ file, read: r }) => {
    const at = { file: displayPath(file), line: 1, column: 1, path: '' };
    if ('unreadable' in r) return { file, errors: [{ ...at, message: r.unreadable }], unreadable: r.unreadable };
    if ('tooLarge' in r) return { file, errors: [{ ...at, message: r.tooLarge }] };
    const x = results[k++]!;
    return x.ok ? { file, scenario: x.scenario, errors: [] } : { file, errors: x.errors };
  });
}

/** An agent by `builtin:<name>` or the path of an ES module; one line names what is wrong. */
async function agentArg(spec: string): Promise<Agent> {
  if (spec.startsWith('builtin:')) {
    const name = spec.slice('builtin:'.length);
    const agent = builtinAgent(name);
    if (!agent) throw new InputError(`agent ${spec}: no built-in agent "${name}"; the built-in agents are: ${BUILTIN_AGENT_NAMES.map((n) => `builtin:${n}`).join(', ')}`);
    return agent;
  }
  const r = await loadAgentModule(resolve(spec));
  if (!r.ok) throw new InputError(r.error);
  return r.agent;
}

/**
 * The side played (`--side`) and the other side's built-in agent (`--opponent`): the lab's when
 * playing the Department (by default the scenario's, defaultOpponent), else the Department's in place of the
 * scenario's own; one line names what is wrong.
 */
function seatArg(scenario: Scenario, side: string | undefined, opponent: string | undefined): { side: 'lab' | 'department'; opponent?: string } {
  if (side !== undefined && side !== 'lab' && side !== 'department') throw new UsageError(`--side is lab or department, not "${side}"`);
  if (side !== 'department' && opponent === undefined) return { side: 'lab' };
  if (!scenario.negotiation) throw new InputError(`${side === 'department' ? '--side department' : '--opponent'} needs a scenario with a negotiation; ${scenario.id} version ${scenario.version} is a story of choices`);
  const spec = opponent ?? `builtin:${defaultOpponent(scenario)}`;
  const name = spec.startsWith('builtin:') ? spec.slice('builtin:'.length) : null;
  if (name === null) throw new UsageError(`--opponent takes a built-in agent, builtin:<name>, not "${spec}": the lab's agent plays inside the run, so its replay code can name it`);
  if (!builtinAgent(name)) throw new InputError(`--opponent ${spec}: no built-in agent "${name}"; the built-in agents are: ${BUILTIN_AGENT_NAMES.map((n) => `builtin:${n}`).join(', ')}`);
  return side === 'department' ? { side: 'department', opponent: name } : { side: 'lab', opponent: name };
}

function strategyArg(scenario: Scenario, name: string): string {
  const known = strategiesOf(scenario);
  if (!known.includes(name)) throw new UsageError(`unknown strategy "${name}"; ${scenario.id} has: ${known.join(', ')}`);
  return name;
}

async function play(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, {
    scenario: { type: 'string' as const },
    seed: { type: 'string' as const },
    choices: { type: 'string' as const },
    strategy: { type: 'string' as const },
    agent: { type: 'string' as const },
    side: { type: 'string' as const },
    opponent: { type: 'string' as const },
    json: { type: 'boolean' as const },
  });
  if (values.seed === undefined) throw new UsageError('--seed is required');
  const given = [values.choices, values.strategy, values.agent].filter((x) => x !== undefined).length;
  if (given !== 1) throw new UsageError('give exactly one of --choices, --strategy and --agent');
  const scenario = scenarioArg(values.scenario);
  const seed = checkSeed(values.seed);
  if (!seed.ok) throw new UsageError(seed.message);
  const seat = seatArg(scenario, values.side, values.opponent);
  const start = startOf({ seed: seed.seed, side: seat.side === 'department' ? 'department' : undefined, opponent: seat.opponent });
  if (values.agent !== undefined) {
    if (!scenario.negotiation) throw new InputError(`--agent needs a scenario with a negotiation; ${scenario.id} version ${scenario.version} is a story of choices (try --strategy)`);
    const agent = await agentArg(values.agent);
    let played;
    try {
      played = playAgent(scenario, start, agent, 'xstate');
    } catch (e) {
      if (e instanceof AgentError) throw new InputError(e.message);
      throw e;
    }
    const run = summarize(scenario, played.state.value, played.state.context, (d) => addDays(scenario.start, d));
    report(scenario, run, values.json === true, io, outcomeOf(scenario, played.state));
    return 0;
  }
  if (seat.side === 'department' && values.strategy !== undefined && values.strategy !== 'first' && values.strategy !== 'random') {
    throw new UsageError(`playing the Department, the strategies are first and random (the scenario's own are the lab's), not "${values.strategy}"`);
  }
  const pick =
    values.strategy !== undefined
      ? { strategy: strategyArg(scenario, values.strategy) }
      : { choices: values.choices!.split(',').map((c) => c.trim()).filter(Boolean) };
  const r = playLive(scenario, start, pick);
  if (!r.ok) throw new InputError(r.message);
  const run = summarize(scenario, r.value, r.context, (d) => addDays(scenario.start, d));
  report(scenario, run, values.json === true, io, scenario.negotiation ? outcomeOf(scenario, { value: r.value, context: r.context, status: r.context.ending ? 'done' : 'active' }) : undefined);
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
  report(scenario, run, values.json === true, io, scenario.negotiation ? outcomeOf(scenario, { value, context, status: context.ending ? 'done' : 'active' }) : undefined);
  return 0;
}

function report(scenario: Scenario, run: RunSummary, json: boolean, io: Io, outcome?: Outcome) {
  if (json) {
    const { scenario: id, version, seed, choices, ending, meters, day, timeline, hash, code, side, opponent } = run;
    const talks = outcome ? { deal: outcome.deal, utilities: outcome.utilities, valueLeft: outcome.valueLeft } : {};
    const seat = side === 'department' ? { side, opponent } : side === 'pair' ? { side } : opponent !== undefined ? { opponent } : {};
    io.out(JSON.stringify({ scenario: id, version, seed, ...seat, choices, ending, meters, day, timeline, hash, code, ...talks }));
    return;
  }
  const index = indexOf(scenario);
  const meterLabel = new Map(scenario.meters.map((m) => [m.id, m.label]));
  const meterLine = (m: Record<string, number>) => scenario.meters.map((x) => `${x.label} ${m[x.id]}`).join(' · ');
  const against = run.side === 'department' ? `; you play the Department, the lab is builtin:${run.opponent}` : run.side === 'pair' ? '; two players, one per side' : run.opponent !== undefined ? `; the Department is builtin:${run.opponent}` : '';
  io.out(`${scenario.title} (${scenario.id} v${scenario.version}), seed "${run.seed}"${against}`);
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
    } else if (e.kind === 'move') {
      io.out(`${date}  ${moveText(scenario, e.move)}`);
    } else if (e.kind === 'answer') {
      io.out(`${date}  DEPARTMENT: ${answerText(scenario, e.answer)}${e.accepted ? '' : `\n            offers: ${packageText(scenario, e.pkg)}`}`);
    } else if (e.kind === 'deal') {
      io.out(`${date}  SIGNED (${e.acceptedBy === 'lab' ? 'the lab accepted' : 'the Department accepted'}): ${packageText(scenario, e.pkg)}`);
    } else if (e.kind === 'roll' && e.fired) {
      const { stakeholder, reaction } = index.reactions.get(e.reaction)!;
      io.out(`${date}  NEWS (${stakeholder.name}): ${reaction.headline}  [${Math.round(e.chance * 100)}% chance, rolled ${Math.round(e.roll * 100)}]`);
    } else if (e.kind === 'ending') {
      const ending = scenario.endings.find((x) => x.id === e.ending)!;
      // In the words of the side played: the Department's own texts when a person played it.
      const words = endingWords(ending, run.side, e.reason);
      io.out(`\n== ENDING: ${ending.title.toUpperCase()} (${date})`);
      io.out(words.summary);
      if (words.why) io.out(`Why: ${words.why}`);
    }
  }
  if (!run.ending) io.out(`\n(the run is not over: ${run.choices.length} moves made)`);
  if (outcome) {
    io.out(`\ncontract ${outcome.deal ? packageText(scenario, packageIndexOf(scenario, outcome.deal)) : 'none signed'}`);
    io.out(`utility  lab ${outcome.utilities.lab} · Department ${outcome.utilities.department}${outcome.deal ? '' : ' (no deal: each side\'s walk-away value)'}`);
    io.out(`value left on the table ${outcome.valueLeft}`);
  }
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

async function tournamentCommand(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, {
    scenario: { type: 'string' as const },
    agents: { type: 'string' as const },
    runs: { type: 'string' as const },
    side: { type: 'string' as const },
    opponent: { type: 'string' as const },
    json: { type: 'boolean' as const },
    details: { type: 'boolean' as const },
  });
  if (values.agents === undefined) throw new UsageError('--agents is required, e.g. --agents builtin:boulware,builtin:prober');
  if (values.runs === undefined) throw new UsageError('--runs is required');
  if (!/^\d+$/.test(values.runs) || Number(values.runs) < 1 || Number(values.runs) > 1_000_000) {
    throw new UsageError(`--runs must be a whole number from 1 to 1000000, not "${values.runs}"`);
  }
  const scenario = scenarioArg(values.scenario);
  if (!scenario.negotiation) throw new InputError(`a tournament needs a scenario with a negotiation; ${scenario.id} version ${scenario.version} is a story of choices`);
  const seat = seatArg(scenario, values.side, values.opponent);
  const specs = values.agents.split(',').map((a) => a.trim()).filter(Boolean);
  if (specs.length === 0) throw new UsageError('--agents lists no agent');
  const agents: Agent[] = [];
  for (const spec of specs) agents.push(await agentArg(spec));
  let result;
  try {
    result = tournament(scenario, agents, Number(values.runs), { details: values.details === true, ...seat });
  } catch (e) {
    if (e instanceof AgentError) throw new InputError(e.message);
    throw e;
  }
  if (values.json) {
    io.out(JSON.stringify(result));
    return 0;
  }
  io.out(
    seat.side === 'department'
      ? `${scenario.title} (${scenario.id} v${scenario.version}): each agent plays the Department against builtin:${seat.opponent} as the lab over seeds sim-0..sim-${result.runs - 1}`
      : `${scenario.title} (${scenario.id} v${scenario.version}): each agent plays the lab against ${seat.opponent !== undefined ? `builtin:${seat.opponent} as the Department` : 'the Department'} over seeds sim-0..sim-${result.runs - 1}`,
  );
  const width = Math.max(8, ...result.agents.map((a) => a.name.length));
  const endingIds = scenario.endings.map((e) => e.id);
  io.out(`${'agent'.padEnd(width)}  ${'lab'.padStart(6)}  ${'dept'.padStart(6)}  ${'left'.padStart(6)}  ${endingIds.map((e) => e.slice(0, 12).padStart(12)).join(' ')}  runs/s`);
  for (const a of result.agents) {
    const pct = (id: string) => `${((100 * (a.endings[id] ?? 0)) / result.runs).toFixed(1)}%`.padStart(12);
    io.out(`${a.name.padEnd(width)}  ${a.meanUtility.lab.toFixed(1).padStart(6)}  ${a.meanUtility.department.toFixed(1).padStart(6)}  ${a.meanValueLeft.toFixed(1).padStart(6)}  ${endingIds.map(pct).join(' ')}  ${a.runsPerSecond}`);
  }
  io.out('lab, dept: mean utility (0-100; with no deal, each side\'s walk-away value); left: mean value left on the table');
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
