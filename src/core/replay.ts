/**
 * Watching a run back: a replay code is opened (decoded, resolved, replayed and its final hash
 * checked against the one the code carries) and cut into frames, one per choice plus the end.
 * The browser's viewer and `red-lines replay` both open codes here.
 */
import { answerText, moveText } from './talk-words.ts';
import { engineOf, foldMoves, movesFrom, playRecord } from './engine.ts';
import { stateHash } from './hash.ts';
import { decodeCode, resolveCode, startOf, type CodeErrorKind, type RunRecord } from './record.ts';
import type { RunContext } from './rules.ts';
import { indexOf } from './rules.ts';
import type { Scenario } from './schema.ts';
import { endingView, metersView, newsView, tableView, type ChoiceView, type EndingView, type Level, type MeterView, type NewsView, type TableView } from './view.ts';

/** What a replay says of the hash its code carried. */
export type HashCheck =
  | { status: 'match'; hash: string; message: string }
  | { status: 'mismatch'; hash: string; expected: string; message: string }
  | { status: 'unchecked'; hash: string; message: string };

export type Opened =
  | { ok: true; scenario: Scenario; record: RunRecord; value: string; context: RunContext; check: HashCheck }
  | { ok: false; kind: CodeErrorKind; message: string };

/** The check of a replayed hash against the hash a code or file carried (pure). */
export function checkHash(actual: string, expected: string | null): HashCheck {
  if (expected === null) {
    return { status: 'unchecked', hash: actual, message: `This code is of an older format that carries no hash, so the replay (hash ${actual}) cannot be checked against the original run.` };
  }
  if (expected === actual) return { status: 'match', hash: actual, message: `The replay reaches hash ${actual}, the same hash the original run reached.` };
  return {
    status: 'mismatch',
    hash: actual,
    expected,
    message: `The replay reaches hash ${actual}, but the original run reached ${expected}: the scenario's rules changed since the code was made (same version number), or the code's hash was edited.`,
  };
}

/** Opens a replay code against the scenarios this game has: decoded, replayed, hash checked (pure). */
export function openCode(input: string, scenarios: readonly Scenario[]): Opened {
  const raw = decodeCode(input);
  if (!raw.ok) return { ok: false, kind: raw.error.kind, message: raw.error.message };
  const record = resolveCode(input, scenarios);
  if (!record.ok) return { ok: false, kind: record.error.kind, message: record.error.message };
  const scenario = scenarios.find((s) => s.id === record.value.scenario && s.version === record.value.version)!;
  const { value, context } = playRecord(scenario, record.value);
  return { ok: true, scenario, record: record.value, value, context, check: checkHash(stateHash(value, context), raw.value.hash) };
}

/** One step of a replay: the table as it stood, the choice taken, and what followed. */
export interface ReplayFrame {
  /** 0-based: the number of choices made before this frame's table. */
  step: number;
  table: TableView;
  /** The choice the run took here, as it was offered. */
  chosen: ChoiceView;
  /** The reactions that choice set off, in order. */
  news: NewsView[];
  /** The meters after the choice and its reactions, and each one's change. */
  meters: (MeterView & { delta: number })[];
  /** The phase the run moved into after this choice, if it moved. */
  nextPhase: string | null;
  /** At a table (version 2): the Department's answer to this move, in words, or null. */
  answer: string | null;
}

export interface Replay {
  record: RunRecord;
  frames: ReplayFrame[];
  /** The ending, or null for a run that stops unfinished. */
  ending: EndingView | null;
  /** The table where an unfinished run stops. */
  stop: TableView | null;
  hash: string;
  context: RunContext;
  /** Each meter at the start and after every choice, for charts. */
  series: { id: string; label: string; values: number[] }[];
}

/** The Department's answer to a step, in words, or null when it gave none (pure). */
function answerOf(scenario: Scenario, before: RunContext, after: RunContext, level: Level): string | null {
  const answer = after.timeline.slice(before.timeline.length).find((e) => e.kind === 'answer');
  return answer && answer.kind === 'answer' ? answerText(scenario, answer.answer, level) : null;
}

/**
 * A move at the table (version 2) as the viewer shows a choice: a short label, and as its text
 * the move in words with the Department's answer (pure).
 */
function tableMoveChoice(scenario: Scenario, token: string, position: number, before: RunContext, after: RunContext, level: Level): ChoiceView {
  const label = token === 'accept' ? 'Accepted their offer' : token === 'walk-away' ? 'Walked away' : token.startsWith('probe:') ? 'Asked a question' : 'Proposed a contract';
  const answer = answerOf(scenario, before, after, level);
  const said = answer ? ` The Department: ${answer}` : '';
  return { id: token, key: position + 1, label, text: `${moveText(scenario, token)}${said}`, tradeoffs: [], preview: [], exit: null, cites: [], hypothetical: false };
}

/** Cuts a valid record into frames at a reading level (pure; throws on a choice not on the table). */
export function buildReplay(scenario: Scenario, record: RunRecord, level: Level = 'standard'): Replay {
  const index = indexOf(scenario);
  const frames: ReplayFrame[] = [];
  const r = foldMoves(engineOf(scenario), startOf(record), movesFrom(record.choices), ({ index: step, move, before, after, taken, position }) => {
    const table = tableView(scenario, before.context, level);
    const newsBefore = newsView(scenario, before.context, level).length;
    const prev = new Map(table.meters.map((m) => [m.id, m.value]));
    frames.push({
      step,
      table,
      chosen: move.type === 'choose' ? table.choices.find((c) => c.id === move.choice)! : tableMoveChoice(scenario, taken.token, position, before.context, after.context, level),
      news: newsView(scenario, after.context, level).slice(newsBefore),
      meters: metersView(scenario, after.context.meters, level).map((m) => ({ ...m, delta: m.value - prev.get(m.id)! })),
      nextPhase: after.status === 'active' && after.context.phase !== before.context.phase ? index.phases.get(after.context.phase)!.title : null,
      answer: scenario.negotiation ? answerOf(scenario, before.context, after.context, level) : null,
    });
  });
  if (!r.ok) {
    const p = r.problem;
    throw new RangeError(`choice ${p.index + 1}, "${record.choices[p.index]}", is not on the table`);
  }
  const s = r.state;
  const done = s.status === 'done';
  return {
    record,
    frames,
    ending: done ? endingView(scenario, s.context, level) : null,
    stop: done ? null : tableView(scenario, s.context, level),
    hash: stateHash(s.value, s.context),
    context: s.context,
    series: scenario.meters.map((m) => ({ id: m.id, label: m.label, values: [m.start, ...frames.map((f) => f.meters.find((x) => x.id === m.id)!.value)] })),
  };
}
