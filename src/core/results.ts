/**
 * Class results: many students' replay codes or run files, each checked, replayed and tallied,
 * all in the teacher's browser. A bad entry is listed with its reason, never dropped (pure).
 */
import { classDealMap, type ClassDealMap } from './class-map.ts';
import { moveLabel } from './talk-words.ts';
import { outcomeOf, type Outcome } from './agent-play.ts';
import { foldRecord } from './engine.ts';
import { stateHash } from './hash.ts';
import { decodeCode, recordToCode, resolveCode, type RunRecord } from './record.ts';
import { checkHash } from './replay.ts';
import { indexOf } from './rules.ts';
import { importRunFile } from './runfile.ts';
import type { Scenario } from './schema.ts';

/** One thing handed in: a pasted line or an uploaded file. */
export interface Submission {
  /** Where it came from, e.g. "line 3" or "alice.json". */
  source: string;
  text: string;
}

export interface ClassEntry {
  /** 1-based, in the order handed in. */
  n: number;
  source: string;
  /** Any words next to the code on its line (a student's name, say). */
  label: string;
  record: RunRecord;
  code: string;
  ending: string | null;
  endingTitle: string;
  hash: string;
  /** Meters at the start and after each choice. */
  meters: Record<string, number>[];
  /** At a negotiating table (version 2), a finished run's outcome: the deal, both sides' values, value left. */
  outcome?: Omit<Outcome, 'hash'>;
  /** The side the student played (the Department's runs are played on the command line for now), and the built-in agent on the other side, if any. */
  side: 'lab' | 'department' | 'pair';
  opponent: string | null;
}

export interface Rejected {
  n: number;
  source: string;
  /** The start of what was handed in, for the teacher to find it. */
  excerpt: string;
  reason: string;
}

export interface ClassResults {
  entries: ClassEntry[];
  rejected: Rejected[];
  /** Each ending's count; with runs of both sides in the class, also split by the side played. */
  endings: { id: string; title: string; count: number; bySide?: { lab: number; department: number; pair?: number } }[];
  unfinished: number;
  /** How the class chose at each beat that anyone reached, in the scenario's order. */
  beats: { id: string; title: string; total: number; choices: { id: string; label: string; count: number }[] }[];
  /** Mean of each meter after each step, over the runs that reached that step. */
  meters: { id: string; label: string; mean: number[]; runs: number[] }[];
  /** The most common complete paths, most common first (at most five). */
  paths: { choices: string[]; labels: string[]; count: number; ending: string | null }[];
  /** At a negotiating table (version 2): the class on the deal map (class-map.ts); else null. */
  map: ClassDealMap | null;
}

/** A replay code inside a line: "rl", its format number and the code, not part of a longer word ("carl.jones" is no code). */
const CODE_TOKEN = /(?<![A-Za-z0-9_.-])rl\d+\.[A-Za-z0-9_-]*/g;

/** Splits pasted text into submissions: one per replay code, labelled with its line; lines with no code are kept too, to be reported (pure). */
export function splitPasted(text: string, source = 'line'): Submission[] {
  const out: Submission[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const codes = line.match(CODE_TOKEN);
    if (!codes) out.push({ source: `${source} ${i + 1}`, text: line });
    else codes.forEach((c, k) => out.push({ source: codes.length > 1 ? `${source} ${i + 1} (code ${k + 1})` : `${source} ${i + 1}`, text: codes.length > 1 ? c : line }));
  });
  return out;
}

/** A submission's label: the words around its code, without separators (pure). */
function labelOf(text: string): string {
  const label = text
    .replace(CODE_TOKEN, ' ')
    .replace(/[\s,;:|\t-]+/g, ' ')
    .trim();
  return cut(label, 60);
}

/** The first n characters of a text, counted in code points (an emoji is never cut in half). */
const cut = (s: string, n: number) => {
  const chars = [...s];
  return chars.length > n ? chars.slice(0, n).join('') : s;
};

const excerpt = (t: string) => {
  const one = t.replace(/\s+/g, ' ').trim();
  return [...one].length > 48 ? `${cut(one, 47)}…` : one;
};

/**
 * The scenario (and version) most of the submissions were played in, among those the game holds,
 * or null when none names one it holds (pure): class results count a class's codes against their
 * own version, so an old class's version 1 codes still count after version 2 ships.
 */
export function submissionsScenario(catalogue: readonly Scenario[], submissions: readonly Submission[]): Scenario | null {
  const votes = new Map<Scenario, number>();
  for (const sub of submissions) {
    const trimmed = sub.text.trim();
    let id: unknown;
    let version: unknown;
    if (trimmed.startsWith('{')) {
      try {
        const f = JSON.parse(trimmed) as { scenario?: unknown; scenarioVersion?: unknown };
        (id = f.scenario), (version = f.scenarioVersion);
      } catch {
        continue;
      }
    } else {
      const code = trimmed.match(CODE_TOKEN)?.[0];
      const raw = code ? decodeCode(code) : null;
      if (!raw?.ok) continue;
      (id = raw.value.scenario), (version = raw.value.version);
    }
    const s = catalogue.find((x) => x.id === id && x.version === version);
    if (s) votes.set(s, (votes.get(s) ?? 0) + 1);
  }
  let best: Scenario | null = null;
  for (const [s, n] of votes) if (best === null || n > votes.get(best)!) best = s;
  return best;
}

/**
 * Checks, replays and tallies submissions against a scenario (pure). With a class seed, other
 * seeds are refused; with `classOpponent` (a class link's Department: a built-in agent's name, or
 * null for the scenario's own), a lab's run that faced another Department is refused too.
 */
export function classResults(scenario: Scenario, submissions: readonly Submission[], classSeed: string | null = null, classOpponent?: string | null): ClassResults {
  const entries: ClassEntry[] = [];
  const rejected: Rejected[] = [];
  submissions.forEach((sub, i) => {
    const n = i + 1;
    const reject = (reason: string) => rejected.push({ n, source: sub.source, excerpt: excerpt(sub.text), reason });
    let record: RunRecord;
    let expected: string | null;
    let label = '';
    const trimmed = sub.text.trim();
    if (trimmed.startsWith('{')) {
      const r = importRunFile(trimmed, [scenario]);
      if (!r.ok) return reject(r.message);
      record = r.record;
      expected = r.file.hash;
    } else {
      const codes = trimmed.match(CODE_TOKEN);
      if (!codes) return reject('No replay code found: a code starts with "rl3." (or, from earlier versions, "rl2." or "rl1.").');
      if (codes.length > 1) return reject('More than one replay code: hand in one code per line.');
      label = labelOf(trimmed);
      const raw = decodeCode(codes[0]!);
      if (!raw.ok) return reject(raw.error.message);
      const resolved = resolveCode(codes[0]!, [scenario]);
      if (!resolved.ok) return reject(resolved.error.message);
      record = resolved.value;
      expected = raw.value.hash;
    }
    if (classSeed !== null && record.seed !== classSeed) return reject(`This run used the seed "${record.seed}", not the class seed "${classSeed}".`);
    if (classOpponent !== undefined && record.side === undefined && (record.opponent ?? null) !== classOpponent) {
      const faced = (o: string | null) => (o === null ? "the scenario's own Department" : `the ${o} agent as the Department`);
      return reject(`This run faced ${faced(record.opponent ?? null)}, not the class's: ${faced(classOpponent)}.`);
    }
    const meters: Record<string, number>[] = [];
    const r = foldRecord(scenario, record, {
      onStep: ({ index, before, after }) => {
        if (index === 0) meters.push({ ...before.context.meters });
        meters.push({ ...after.context.meters });
      },
    });
    if (!r.ok) return reject(r.error.message);
    const s = r.state;
    if (meters.length === 0) meters.push({ ...s.context.meters });
    const hash = stateHash(s.value, s.context);
    const check = checkHash(hash, expected);
    if (check.status === 'mismatch') return reject(check.message);
    const ending = s.status === 'done' ? s.context.ending : null;
    entries.push({
      n,
      source: sub.source,
      label,
      record,
      code: recordToCode(scenario, record),
      ending,
      endingTitle: ending ? (scenario.endings.find((e) => e.id === ending)?.title ?? ending) : '',
      hash,
      meters,
      ...(scenario.negotiation && ending ? { outcome: outcomeOf(scenario, s, { hash: false }) } : {}),
      side: record.side ?? 'lab',
      opponent: record.opponent ?? null,
    });
  });
  return { entries, rejected, ...tally(scenario, entries), map: classDealMap(scenario, entries) };
}

function tally(scenario: Scenario, entries: readonly ClassEntry[]): Omit<ClassResults, 'entries' | 'rejected' | 'map'> {
  const index = indexOf(scenario);
  // Split by side only when the class holds runs of the Department, so a lab-only class reads as before.
  const both = entries.some((x) => x.side !== 'lab');
  const endings = scenario.endings.map((e) => {
    const of = entries.filter((x) => x.ending === e.id);
    return { id: e.id, title: e.title, count: of.length, ...(both ? { bySide: { lab: of.filter((x) => x.side === 'lab').length, department: of.filter((x) => x.side === 'department').length, ...(of.some((x) => x.side === 'pair') ? { pair: of.filter((x) => x.side === 'pair').length } : {}) } } : {}) };
  });
  const unfinished = entries.filter((x) => x.ending === null).length;

  const byBeat = new Map<string, Map<string, number>>();
  for (const e of entries) {
    for (const c of e.record.choices) {
      // A move at the table (version 2) is not a beat's choice: the beats count only the choices.
      const at = index.choices.get(c);
      if (!at) continue;
      const beat = at.beat.id;
      const m = byBeat.get(beat) ?? new Map<string, number>();
      m.set(c, (m.get(c) ?? 0) + 1);
      byBeat.set(beat, m);
    }
  }
  const beats: ClassResults['beats'] = [];
  for (const phase of scenario.phases) {
    for (const beat of phase.beats) {
      const counts = byBeat.get(beat.id);
      if (!counts) continue;
      const choices = beat.choices.map((c) => ({ id: c.id, label: c.label, count: counts.get(c.id) ?? 0 }));
      beats.push({ id: beat.id, title: beat.title, total: choices.reduce((a, c) => a + c.count, 0), choices });
    }
  }

  const steps = Math.max(0, ...entries.map((e) => e.meters.length));
  const meters = scenario.meters.map((m) => {
    const mean: number[] = [];
    const runs: number[] = [];
    for (let k = 0; k < steps; k++) {
      const at = entries.filter((e) => e.meters.length > k);
      runs.push(at.length);
      mean.push(at.length ? Math.round((at.reduce((a, e) => a + e.meters[k]![m.id]!, 0) / at.length) * 10) / 10 : 0);
    }
    return { id: m.id, label: m.label, mean, runs };
  });

  const paths = new Map<string, { choices: string[]; count: number; ending: string | null; first: number }>();
  entries.forEach((e, i) => {
    const key = e.record.choices.join('>');
    const p = paths.get(key) ?? { choices: e.record.choices, count: 0, ending: e.ending, first: i };
    p.count++;
    paths.set(key, p);
  });
  const top = [...paths.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .slice(0, 5)
    .map((p) => ({ choices: p.choices, labels: p.choices.map((c) => moveLabel(scenario, c, index.choices.get(c)?.choice.label)), count: p.count, ending: p.ending }));
  return { endings, unfinished, beats, meters, paths: top };
}

/** One CSV field: quoted when needed; a leading =, +, - or @ is defused so spreadsheets do not run it as a formula (pure). */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The class results as CSV, one row per accepted run and one per refused entry (pure). */
export function resultsCsv(scenario: Scenario, r: ClassResults): string {
  const atTable = scenario.negotiation !== undefined;
  // At a table, each run's deal in numbers: both sides' values of the outcome and the value left.
  // and the contract signed, clause by clause (the wording's label), for the class's deal map.
  const clauses = scenario.negotiation?.clauses ?? [];
  const dealHead = atTable ? ['side', 'opponent', "lab's value", "Department's value", 'value left', 'deal', ...clauses.map((c) => c.title)] : [];
  const head = ['entry', 'source', 'label', 'status', 'seed', 'ending', atTable ? 'moves' : 'choices', ...scenario.meters.map((m) => m.label), ...dealHead, 'hash', 'code', 'path', 'reason'];
  const rows: (string | number)[][] = [head];
  const all = [...r.entries.map((e) => ({ n: e.n, e })), ...r.rejected.map((x) => ({ n: x.n, x }))].sort((a, b) => a.n - b.n);
  for (const item of all) {
    if ('e' in item && item.e) {
      const e = item.e;
      const last = e.meters.at(-1)!;
      const signed = e.outcome?.deal ?? null;
      const terms = clauses.map((c) => (signed ? (c.options.find((o) => o.id === signed[c.id])?.label ?? '') : ''));
      const seat = [e.side, e.opponent ?? ''];
      const deal = atTable ? [...seat, ...(e.outcome ? [e.outcome.utilities.lab, e.outcome.utilities.department, e.outcome.valueLeft, signed ? 'signed' : 'no deal'] : ['', '', '', '']), ...terms] : [];
      rows.push([e.n, e.source, e.label, 'counted', e.record.seed, e.endingTitle || 'unfinished', e.record.choices.length, ...scenario.meters.map((m) => last[m.id]!), ...deal, e.hash, e.code, e.record.choices.join(' > '), '']);
    } else if ('x' in item && item.x) {
      const x = item.x;
      rows.push([x.n, x.source, '', 'refused', '', '', '', ...scenario.meters.map(() => ''), ...dealHead.map(() => ''), '', x.excerpt, '', x.reason]);
    }
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
