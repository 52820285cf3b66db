/**
 * `red-lines`: play, replay, simulate and validate scenarios from the command line, on the same
 * core as the browser, so that the same record gives the same hash byte for byte.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCENARIO_DIR = join(ROOT, 'scenarios');

const USAGE = `usage:
  red-lines play --scenario <id|file> --seed <text> (--choices <id,id,...> | --strategy <name>) [--json]
  red-lines replay <code> [--json]
  red-lines sim --scenario <id|file> --runs <n> --strategy <name> [--seed-prefix <text>] [--json]
  red-lines validate [files...] [--json]

strategies: random, first, and each scenario's own (march-2026: principled, pragmatic)`;

class UsageError extends Error {}
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

/** Runs the CLI with arguments; returns the exit code (0 ok, 1 invalid input, 2 bad arguments). */
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
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
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
    throw e;
  }
}

function args<T extends Record<string, { type: 'string' } | { type: 'boolean' }>>(argv: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
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

function loadFile(file: string): { scenario?: Scenario; errors: LoadError[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { errors: [{ file: displayPath(file), line: 1, column: 1, path: '', message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  const r = loadScenario(text, displayPath(file));
  return r.ok ? { scenario: r.scenario, errors: [] } : { errors: r.errors };
}

/** A scenario by id (a file in scenarios/) or by path. */
function scenarioArg(arg: string | undefined): Scenario {
  if (!arg) throw new UsageError('--scenario is required');
  const byId = join(SCENARIO_DIR, `${arg}.yaml`);
  const file = /^[a-z0-9-]+$/.test(arg) && existsSync(byId) ? byId : resolve(arg);
  if (!existsSync(file)) {
    const known = scenarioFiles().map((f) => basename(f).replace(/\.ya?ml$/, ''));
    throw new InputError(`no scenario "${arg}": give a file path or one of: ${known.join(', ')}`);
  }
  const { scenario, errors } = loadFile(file);
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
    const { scenario, errors } = loadFile(file);
    return { file: displayPath(file), ok: errors.length === 0, errors, stats: scenario ? scenarioStats(scenario) : null, scenario };
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
      if (r.ok) {
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
