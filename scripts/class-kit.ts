/**
 * Writes a printable class kit for the newest version of march-2026: docs/class-kit.md
 * (Markdown) and docs/class-kit.html (self-contained and print-friendly: no scripts, no external
 * resources, each part on its own printed page). The parts: a role card for each side (its case,
 * goals, private values as ranges and walk-away), a worksheet on fact and hypothetical, a
 * worksheet comparing the two reports on the designation, the glossary and the context beyond the
 * reports (when the scenario has them), and model answers for the teacher. Scenario text comes
 * through src/core/view.ts and src/core/glossary.ts at the standard reading level, as in the game.
 *
 *   node --import tsx scripts/class-kit.ts [scenario.yaml] [--check]
 *
 * Without a file it loads every scenarios/*.yaml together (a file may extend another) and uses
 * the highest version of march-2026. Without --check it writes both files; with --check it exits
 * 1 when either differs from what would be generated (test/class-kit.test.ts makes the same check).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { contextView, glossaryView, type ContextView, type TermView } from '../src/core/glossary.ts';
import { formatError, loadScenarioSet, type LoadResult } from '../src/core/loader.ts';
import { prose } from '../src/core/prose.ts';
import type { Condition, Scenario } from '../src/core/schema.ts';
import { briefingView, type Level } from '../src/core/view.ts';
import { commentText, escapeHtml, escapeMarkdown } from './student-briefing.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCENARIO_DIR = resolve(ROOT, 'scenarios');
export const SCENARIO_ID = 'march-2026';
export const MARKDOWN_PATH = resolve(ROOT, 'docs/class-kit.md');
export const HTML_PATH = resolve(ROOT, 'docs/class-kit.html');
/** Everything in the kit is printed at this reading level. */
export const LEVEL: Level = 'standard';
/** How many statements the fact-or-hypothetical worksheet aims for (half of each kind). */
export const STATEMENTS = 12;
/** A statement longer than this (after its fact ids are taken out) is left out of the worksheet. */
export const MAX_STATEMENT = 200;
/** A statement of fewer words than this says too little to judge, and is left out too. */
export const MIN_WORDS = 7;
/** The facts the report A / report B worksheet sets side by side. */
export const DESIGNATION_FACTS = ['A2', 'A3', 'A14', 'B2', 'B3', 'B12'] as const;

// ---------------------------------------------------------------------------------------------
// Loading

/** The scenario id a file is about (its own `id`, else the id it extends), read without checking it (pure). */
export function fileScenarioId(text: string): string | null {
  try {
    const data = parseYaml(text) as { id?: unknown; extends?: { id?: unknown } } | null;
    if (data && typeof data === 'object') {
      if (typeof data.id === 'string') return data.id;
      if (data.extends && typeof data.extends === 'object' && typeof data.extends.id === 'string') return data.extends.id;
    }
  } catch {
    // A file the YAML parser refuses: look for the key by eye.
  }
  const m = /^id:\s*["']?([a-z0-9-]+)/m.exec(text) ?? /^extends:.*\bid:\s*["']?([a-z0-9-]+)/m.exec(text);
  return m ? m[1]! : null;
}

/**
 * The newest version of a scenario id among files loaded together (pure). Files of other ids, and
 * files that fail to load but are not about this id, are ignored; a file about this id that fails
 * to load is an error, since the newest version might be the one that failed.
 */
export function newestOf(files: readonly { text: string; file: string }[], id = SCENARIO_ID): { scenario: Scenario; file: string } {
  const results: LoadResult[] = loadScenarioSet(files);
  let best: { scenario: Scenario; file: string } | null = null;
  const errors: string[] = [];
  results.forEach((r, i) => {
    const file = files[i]!.file;
    if (r.ok) {
      if (r.scenario.id === id && (!best || r.scenario.version > best.scenario.version)) best = { scenario: r.scenario, file };
    } else if (fileScenarioId(files[i]!.text) === id) {
      errors.push(...r.errors.map(formatError));
    }
  });
  if (errors.length) throw new Error(`a file of scenario ${id} does not load:\n${errors.join('\n')}`);
  if (!best) throw new Error(`no scenario file has the id ${id}`);
  return best;
}

/** Every scenarios/*.yaml, in name order, as loader input. */
export function scenarioFiles(dir = SCENARIO_DIR): { text: string; file: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

/** The scenario the kit is made from: the newest march-2026 in scenarios/. */
export function kitScenario(dir = SCENARIO_DIR): Scenario {
  return newestOf(scenarioFiles(dir)).scenario;
}

// ---------------------------------------------------------------------------------------------
// Conditions in words

/** A sentence as a clause: its final full stop dropped, "The"/"A"/"An" at the start lower-cased. */
const clause = (s: string) => s.trim().replace(/\.$/, '').replace(/^(The|A|An) /, (w) => w.toLowerCase());
const quoted = (s: string) => `“${s}”`;

const COMPARE = [
  ['gte', 'is at least'],
  ['gt', 'is above'],
  ['lte', 'is at most'],
  ['lt', 'is below'],
] as const;

/**
 * A condition over the run's state in plain words, to follow "if" (pure): meters by their label,
 * flags by their description, choices by their label, reactions by their headline, phases by
 * their title, and the signed contract by clause and option titles. Unknown ids are quoted as
 * they are.
 */
export function conditionWords(s: Scenario, cond: Condition): string {
  const meter = (id: string) => s.meters.find((m) => m.id === id)?.label ?? id;
  const join = (parts: string[], word: 'and' | 'or') => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`);
  if ('meter' in cond) {
    const parts = COMPARE.flatMap(([key, words]) => (cond[key] === undefined ? [] : [`${words} ${cond[key]}`]));
    return `${meter(cond.meter)} ${join(parts, 'and')}`;
  }
  if ('flag' in cond) {
    const flag = s.flags.find((f) => f.id === cond.flag);
    const text = flag ? clause(flag.description) : `the flag ${quoted(cond.flag)} is set`;
    return cond.is === false ? `it is not so that ${text}` : text;
  }
  if ('chose' in cond) {
    const choice = s.phases.flatMap((p) => p.beats.flatMap((b) => b.choices)).find((c) => c.id === cond.chose);
    return `the lab has chosen ${quoted(choice?.label ?? cond.chose)}`;
  }
  if ('fired' in cond) {
    const reaction = s.stakeholders.flatMap((x) => x.reactions).find((r) => r.id === cond.fired);
    return `the news ${quoted(reaction?.headline ?? cond.fired)} has come out`;
  }
  if ('deal' in cond) return cond.deal ? 'a contract has been signed' : 'no contract has been signed';
  if ('phase' in cond) return `the story is in the phase ${quoted(s.phases.find((p) => p.id === cond.phase)?.title ?? cond.phase)}`;
  if ('signed' in cond) {
    const c = s.negotiation?.clauses.find((x) => x.id === cond.signed);
    const options = cond.in.map((o) => quoted(c?.options.find((x) => x.id === o)?.label ?? o));
    return `the signed contract's clause ${quoted(c?.title ?? cond.signed)} reads ${join(options, 'or')}`;
  }
  if ('all' in cond) return join(cond.all.map((c) => conditionWords(s, c)), 'and');
  if ('any' in cond) return `either ${join(cond.any.map((c) => conditionWords(s, c)), 'or')}`;
  return `it is not so that ${conditionWords(s, cond.not)}`;
}

// ---------------------------------------------------------------------------------------------
// The kit as plain data

export type Side = 'lab' | 'department';
export type Range = readonly [number, number];

export interface ValueRow {
  clause: string;
  title: string;
  weight: Range;
  options: { id: string; label: string; score: Range }[];
}

export interface WalkAwayDoc {
  base: number;
  /** Each meter the value depends on: per point the meter stands above 50 (and the same taken off below). */
  meters: { label: string; per: number; direction: 'raises' | 'lowers' }[];
  /** Each condition that adds to it or takes from it, in words. */
  adds: { value: number; when: string }[];
}

export interface RoleCardDoc {
  side: Side;
  heading: string;
  player: string;
  counterpart: string;
  paragraphs: string[];
  goals: string[];
  values: ValueRow[];
  walkAway: WalkAwayDoc;
}

export type StatementKind = 'card' | 'choice' | 'headline';

export interface Statement {
  /** 1-based, in story order. */
  n: number;
  kind: StatementKind;
  /** Where in the game it comes from, e.g. "Situation card: Friday deadline". */
  where: string;
  text: string;
  /** The scenario item it is taken from, e.g. "choice publish-red-lines". */
  ref: string;
  cites: { id: string; source: string }[];
  hypothetical: boolean;
}

export interface ReportDoc {
  id: string;
  title: string;
  outlet: string;
  date: string;
  note: string;
  facts: { id: string; text: string }[];
}

export interface QuestionDoc {
  question: string;
  answer: string;
}

export interface KitDoc {
  header: { title: string; id: string; version: number; asOf: string };
  cards: RoleCardDoc[];
  statements: Statement[];
  reports: ReportDoc[];
  questions: QuestionDoc[];
  /** Null when the scenario has no glossary (before version 4). */
  glossary: TermView[] | null;
  /** Null when the scenario has no context beyond the reports. */
  context: ContextView[] | null;
  /** The teacher's notes on the role cards. */
  cardNotes: string[];
  /** Every fact the model answers cite, for the teacher's page. */
  cited: { id: string; source: string; text: string }[];
}

const SIDE_HEADING: Record<Side, string> = { lab: 'Role card: the lab', department: 'Role card: the Department' };

const paragraphsOf = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

/** A side's role card (pure). */
export function roleCard(s: Scenario, side: Side): RoleCardDoc {
  const neg = s.negotiation;
  if (!neg) throw new Error(`scenario ${s.id} version ${s.version} has no negotiation: a class kit needs the contract`);
  const v = briefingView(s, LEVEL, side);
  const values = neg.values[side];
  const walk = neg.walkAway[side];
  return {
    side,
    heading: SIDE_HEADING[side],
    player: v.player,
    counterpart: v.counterpart,
    paragraphs: paragraphsOf(v.briefing),
    goals: v.goals,
    values: neg.clauses.map((c) => ({
      clause: c.id,
      title: c.title,
      weight: values.weights[c.id] ?? [0, 0],
      options: c.options.map((o) => ({ id: o.id, label: o.label, score: values.scores[c.id]?.[o.id] ?? [0, 0] })),
    })),
    walkAway: {
      base: walk.base,
      meters: Object.entries(walk.meters ?? {}).map(([id, per]) => ({
        label: s.meters.find((m) => m.id === id)?.label ?? id,
        per: Math.abs(per),
        direction: per >= 0 ? 'raises' : 'lowers',
      })),
      adds: (walk.add ?? []).map((a) => ({ value: a.value, when: conditionWords(s, a.when) })),
    },
  };
}

/** A fact-id citation in a text, "(A5)" or "(A10, A12)", with the space before it. */
const CITATION = /\s*\((?:[A-Z]\d{1,2})(?:,\s*[A-Z]\d{1,2})*\)/g;
/** A lead-in that marks a text as invented, e.g. "(Hypothetical scene.)". */
const HYPOTHETICAL_LEAD = /^\((?:hypothetical)[^)]*\)\s*/i;
/** Words that give the answer away: the worksheet leaves out a text that has them. */
const GIVEAWAY = /hypothetical|\breports?\b|\bin this run\b|\bdice\b|\bseed\b/i;

/** A text as a worksheet shows it: fact ids and a "(Hypothetical ...)" lead-in taken out (pure). */
export function statementText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(HYPOTHETICAL_LEAD, '').replace(CITATION, '').trim();
}

/**
 * A card's first sentence, and the fact ids it cites in its own words (pure): a card cites the
 * facts of all its sentences, so when the first one names some, those are the ones it rests on.
 */
export function firstSentence(text: string): { text: string; cites: string[] | null } {
  const body = text.replace(/\s+/g, ' ').trim().replace(HYPOTHETICAL_LEAD, '');
  const first = body.split(/(?<=[.!?])\s+(?=["“(]?[A-Z])/)[0] ?? body;
  const ids = [...first.matchAll(CITATION)].flatMap((m) => m[0].match(/[A-Z]\d{1,2}/g) ?? []);
  return { text: statementText(first), cites: ids.length ? ids : null };
}

/** Every text that could go on the worksheet, in file order (pure): cards, their choices, then the news. */
export function statementCandidates(s: Scenario): Omit<Statement, 'n'>[] {
  const source = new Map(s.facts.map((f) => [f.id, f.source]));
  const grounding = (x: { cites?: string[]; hypothetical?: boolean }, only: string[] | null = null) => ({
    cites: (x.cites ?? []).filter((id) => !only || only.includes(id)).map((id) => ({ id, source: source.get(id) ?? '?' })),
    hypothetical: x.hypothetical === true,
  });
  const out: Omit<Statement, 'n'>[] = [];
  for (const p of s.phases) {
    for (const b of p.beats) {
      const first = firstSentence(prose(b.card, LEVEL));
      // The sentence's own ids, where they are among the card's (else the card's own).
      const own = first.cites?.some((id) => b.cites?.includes(id)) ? first.cites : null;
      out.push({ kind: 'card', where: `Situation card: ${b.title}`, text: first.text, ref: `beat ${b.id}`, ...grounding(b, own) });
      for (const c of b.choices) out.push({ kind: 'choice', where: `A choice at: ${b.title}`, text: statementText(c.label), ref: `choice ${c.id}`, ...grounding(c) });
    }
  }
  for (const x of s.stakeholders) {
    for (const r of x.reactions) out.push({ kind: 'headline', where: `News about: ${x.name}`, text: statementText(r.headline), ref: `reaction ${r.id}`, ...grounding(r) });
  }
  return out;
}

/**
 * Up to `k` items spread evenly over a list, each passing `ok` (pure): for each of k evenly
 * spaced places, the first item from there on (wrapping round) not yet taken that passes.
 */
function spread<T>(list: readonly T[], k: number, ok: (x: T) => boolean, taken: Set<T>): void {
  for (let j = 0; j < Math.min(k, list.length); j++) {
    const at = Math.floor(((j + 0.5) * list.length) / k);
    for (let d = 0; d < list.length; d++) {
      const x = list[(at + d) % list.length]!;
      if (!taken.has(x) && ok(x)) {
        taken.add(x);
        break;
      }
    }
  }
}

/**
 * The worksheet's statements (pure, no randomness): of the texts that are either cited or
 * hypothetical (not both), neither too short nor too long, free of words that give the answer
 * away, half cited and half hypothetical, each half spread evenly over cards, choices and news
 * headlines and over the story, no two citing the same fact; then shown in story order.
 */
export function pickStatements(s: Scenario, total = STATEMENTS): Statement[] {
  const all = statementCandidates(s);
  const usable = all.filter((c) => c.cites.length > 0 !== c.hypothetical && c.text.split(' ').length >= MIN_WORDS && c.text.length <= MAX_STATEMENT && !GIVEAWAY.test(c.text));
  const unique = usable.filter((c, i) => usable.findIndex((d) => d.text === c.text) === i);
  const kinds: StatementKind[] = ['card', 'choice', 'headline'];
  const picked = new Set<Omit<Statement, 'n'>>();
  const fresh = (c: Omit<Statement, 'n'>) => !c.cites.some((f) => [...picked].some((p) => p.cites.some((g) => g.id === f.id)));
  for (const hypothetical of [false, true]) {
    const want = hypothetical ? Math.floor(total / 2) : Math.ceil(total / 2);
    const pool = unique.filter((c) => c.hypothetical === hypothetical);
    kinds.forEach((k, i) => spread(pool.filter((c) => c.kind === k), Math.floor(want / kinds.length) + (i < want % kinds.length ? 1 : 0), fresh, picked));
    // Too few of a kind: the rest from the other kinds.
    const short = want - pool.filter((c) => picked.has(c)).length;
    if (short > 0) spread(pool.filter((c) => !picked.has(c)), short, fresh, picked);
  }
  return all.filter((c) => picked.has(c)).map((c, i) => ({ ...c, n: i + 1 }));
}

/** The report A / report B worksheet's two accounts (pure). */
export function designationReports(s: Scenario): ReportDoc[] {
  const facts = DESIGNATION_FACTS.map((id) => {
    const f = s.facts.find((x) => x.id === id);
    if (!f) throw new Error(`scenario ${s.id} version ${s.version} has no fact ${id}, which the report A / report B worksheet needs`);
    return f;
  });
  return s.sources
    .filter((src) => facts.some((f) => f.source === src.id))
    .map((src) => ({
      id: src.id,
      title: src.title,
      outlet: src.outlet,
      date: src.date,
      note: (src.note ?? '').replace(/\s+/g, ' ').trim(),
      facts: facts.filter((f) => f.source === src.id).map((f) => ({ id: f.id, text: f.text.replace(/\s+/g, ' ').trim() })),
    }));
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const points = (x: number) => `${Math.round(Math.abs(x) * 100)} percentage point${Math.round(Math.abs(x) * 100) === 1 ? '' : 's'}`;

/** Where a reaction may happen, in words: the phases it opens with and the cards it follows (pure). */
function whereWords(s: Scenario, after: readonly string[]): string {
  const beats = s.phases.flatMap((p) => p.beats);
  const words = after.map((id) => {
    const phase = s.phases.find((p) => p.id === id);
    if (phase) return `as the phase ${quoted(phase.title)} begins`;
    const beat = beats.find((b) => b.id === id);
    return `after the card ${quoted(beat?.title ?? id)}`;
  });
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** How the game plays the disagreement, from the scenario's own data (pure). */
function disagreementAnswer(s: Scenario): string {
  const both = (x: { cites?: string[] }) => (x.cites ?? []).includes('A2') && (x.cites ?? []).includes('B2');
  const reaction = s.stakeholders.flatMap((x) => x.reactions).find((r) => both(r) && r.effects?.set?.length);
  const clauseOf = s.negotiation?.clauses.find(both);
  const parts: string[] = ['It does not decide which report is right. It shows both accounts with their fact ids (A2, B2) and lets the dice choose which one a run follows.'];
  if (reaction) {
    const m = reaction.chance.meter;
    const meter = m ? (s.meters.find((x) => x.id === m.id)?.label ?? m.id) : null;
    const moves =
      m && meter && m.per10 !== 0
        ? `, ${m.per10 < 0 ? 'lower' : 'higher'} by ${points(m.per10)} for every 10 points ${meter} stands above 50 (and the other way below)`
        : '';
    parts.push(
      `A news event, ${quoted(reaction.headline)}, may happen ${whereWords(s, reaction.after)}: its chance starts at ${pct(reaction.chance.base)}${moves}. When it happens, the run follows report A and the label is formal; when it does not, the run follows report B and the label stays a threat.`,
    );
    const flags = reaction.effects!.set!;
    const on = (is: boolean) =>
      s.phases
        .flatMap((p) => p.beats)
        .filter((b) => b.when && 'flag' in b.when && flags.includes(b.when.flag) && (b.when.is ?? true) === is)
        .map((b) => quoted(b.title));
    const [yes, no] = [on(true), on(false)];
    if (yes.length && no.length) parts.push(`The cards that follow differ: ${yes.join(', ')} when it happened, ${no.join(', ')} when it did not, and each says which report it follows.`);
  }
  if (clauseOf) parts.push(`The contract clause ${quoted(clauseOf.title)} is written to fit both readings: a label the Secretary moved to apply, or one he only threatened.`);
  return parts.join(' ');
}

/** The worksheet's questions, each with its model answer grounded in fact ids (pure). */
export function designationQuestions(s: Scenario): QuestionDoc[] {
  const [a, b] = designationReports(s);
  const ra = a ? `report ${a.id}` : 'report A';
  const rb = b ? `report ${b.id}` : 'report B';
  return [
    {
      question: 'What does each report say happened to the “supply chain risk” label? One sentence for each report, with the fact ids.',
      answer: `According to ${ra}, the Defense Secretary acted to put the label on the lab after the first talks failed (A2), and on Friday morning it had still not been lifted (B12); ${ra} also explains what the label does: it is normally used against foreign adversaries and shuts the lab out of Pentagon work and its contractors (A3), and it puts the company's valuation and partners at risk (A14). According to ${rb}, the Secretary had only warned that the lab might be designated: a threat still hanging over it (B2), which a new agreement could head off (B3).`,
    },
    {
      question: 'Which words show the difference? Underline them in the two columns above, then write two of them here.',
      answer: `Words of a finished act in ${ra}: “acted to classify”, “had not been lifted” (A2, B12). Words of possibility in ${rb}: “had warned”, “might be designated”, “could head off” (B2, B3). Fact B2 itself says that on this point the two reports do not agree.`,
    },
    {
      question: `The headline of ${rb} speaks of a designation, but its body describes a threat. Why might a headline and the body of a report differ? Which would you rely on?`,
      answer: `Headlines are short, often written by an editor rather than the reporter, and tend to pick the most striking version of a story; the note on ${rb} in the game's sources points out exactly this gap. A careful reader relies on the specific claims in the body, checks their date, and treats the headline as a summary, not as evidence.`,
    },
    {
      question: 'What would you need to see to settle which account is right? Name one kind of evidence and where you might find it.',
      answer: `A primary record with a date: a formal notice or order from the Department, a court filing by the lab, a notice sent to contractors, or an official statement; or a third, independent report that names its source. The timing matters too: ${rb} was published on 2026-03-05, and ${ra}'s “Friday morning” may not be the same moment (B12).`,
    },
    {
      question: 'How does the game handle the disagreement? (Hint: compare two runs with different seeds, or look at the label clause on your role card.)',
      answer: disagreementAnswer(s),
    },
  ];
}

/** The teacher's notes on reading the role cards, from the two sides' ranges (pure). */
export function cardNotes(s: Scenario): string[] {
  const neg = s.negotiation!;
  const mids = (side: Side) => {
    const w = neg.values[side].weights;
    const raw = neg.clauses.map((c) => ((w[c.id]?.[0] ?? 0) + (w[c.id]?.[1] ?? 0)) / 2);
    const sum = raw.reduce((x, y) => x + y, 0) || 1;
    return raw.map((x) => x / sum);
  };
  const lab = mids('lab');
  const dept = mids('department');
  const titles = neg.clauses.map((c) => quoted(c.title));
  const top = (xs: number[]) => titles[xs.indexOf(Math.max(...xs))]!;
  const ratio = neg.clauses.map((_, i) => lab[i]! / (dept[i]! || 1e-9));
  const order = ratio.map((r, i) => [r, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  const labMore = order.filter(([r]) => r > 1.15).map(([, i]) => titles[i]!);
  const deptMore = [...order].reverse().filter(([r]) => r < 1 / 1.15).map(([, i]) => titles[i]!);
  const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
  const notes = [
    'The cards print ranges, not numbers. Each run draws every weight and score from its seed inside these ranges, so one seed gives the whole class the same values; the weights are scaled to add up to 100%. In the game each side sees its own exact numbers, and the other side\'s only as ranges, narrowed by questions and offers.',
    `Taking the middle of each weight range, the lab cares most about ${top(lab)} and the Department most about ${top(dept)}.${labMore.length && deptMore.length ? ` The lab weighs ${list(labMore)} more heavily than the Department does, and the Department weighs ${list(deptMore)} more heavily: giving ground where you care less for ground where you care more is how both sides can gain. A given seed may differ.` : ''}`,
    `The walk-away value is what no deal is worth to a side (the lab's starts at ${neg.walkAway.lab.base}, the Department's at ${neg.walkAway.department.base}); a contract below it is worse than no contract for that side. The news moves both values during a run, so a deal that is possible early may not be later, or the other way round.`,
    'Hand each student or team only the card for the side they play. Students who play the lab against the computer can read the Department\'s card after the run, to compare what they guessed with the ranges.',
  ];
  return notes;
}

/** The whole kit as data (pure). */
export function kitDoc(s: Scenario): KitDoc {
  const cards = [roleCard(s, 'lab'), ...(s.departmentRole ? [roleCard(s, 'department')] : [])];
  const statements = pickStatements(s);
  const reports = designationReports(s);
  const questions = designationQuestions(s);
  const facts = new Map(s.facts.map((f) => [f.id, f]));
  const citedIds = [...new Set([...statements.flatMap((x) => x.cites.map((c) => c.id)), ...DESIGNATION_FACTS])];
  return {
    header: { title: s.title, id: s.id, version: s.version, asOf: s.asOf },
    cards,
    statements,
    reports,
    questions,
    glossary: s.glossary ? glossaryView(s, LEVEL) : null,
    context: s.context ? contextView(s, LEVEL) : null,
    cardNotes: cardNotes(s),
    cited: citedIds
      .filter((id) => facts.has(id))
      .sort((x, y) => x.localeCompare(y, 'en', { numeric: true }))
      .map((id) => ({ id, source: facts.get(id)!.source, text: facts.get(id)!.text.replace(/\s+/g, ' ').trim() })),
  };
}

// ---------------------------------------------------------------------------------------------
// Words shared by both renderers

const range = (r: Range) => (r[0] === r[1] ? `${r[0]}` : `${r[0]}–${r[1]}`);
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** A meter the walk-away depends on, in words. */
const meterLine = (m: WalkAwayDoc['meters'][number]) => {
  const [up, down] = m.direction === 'raises' ? ['+', '−'] : ['−', '+'];
  return `${m.label}: ${up}${m.per} for each point above 50, ${down}${m.per} for each point below 50.`;
};

const addLine = (a: WalkAwayDoc['adds'][number]) => `${signed(a.value)} if ${a.when}.`;

export const VALUES_NOTE =
  'How much each clause weighs for you, and what each wording is worth to you (0-100). Each run draws the exact numbers inside these ranges from its seed, and scales the weights to add up to 100%. The game shows you your own exact numbers; each side sees only ranges for the other.';
const walkIntro = (base: number) =>
  `What no deal is worth to you starts at ${base} of 100. A contract worth less to you than this is worse than no contract. The story moves it, and the game shows its current value at the table:`;

export const FACTS_INSTRUCTIONS = [
  'Every card, choice and news item in the game either rests on facts from two news reports about the dispute, or is marked HYPOTHETICAL: made up for the game. Below are lines taken from the game with their fact ids and labels removed.',
  'For each line, write F (fact: based on the reports) or H (hypothetical: made up). For a fact, say which report it comes from, and the fact id if you can find it on the game\'s Sources screen. Be ready to say what made you decide.',
];

export const REPORTS_INTRO =
  'The two reports disagree about one thing: whether the “supply chain risk” label had actually been applied. Below, the game\'s own summaries of what each report says, with their fact ids. Read both columns, then answer the questions.';

export const CONTEXT_BANNER =
  'General background, not from the two reports. These notes say who sets such rules in general. They are not evidence about what happened in this dispute; each names where you can check it.';

const statementAnswer = (x: Statement, reportName: (id: string) => string) =>
  x.hypothetical ? 'Hypothetical: made up for the game.' : `Fact: ${x.cites.map((c) => `${c.id} (${reportName(c.source)})`).join(', ')}.`;

const headerLine = (d: KitDoc) => `${d.header.title} class kit · scenario ${d.header.id}, version ${d.header.version} · generated by npm run kit`;
const footerText = (d: KitDoc) => `Scenario ${d.header.id}, version ${d.header.version}. Facts as of ${d.header.asOf}. Standard reading level.`;
const reportName = (id: string) => `report ${id}`;

/** The parts' titles, in print order (pure). */
export function partTitles(d: KitDoc): string[] {
  return [
    ...d.cards.map((c) => c.heading),
    'Worksheet: fact or hypothetical?',
    'Worksheet: report A and report B on the designation',
    ...(d.glossary ? ['Glossary'] : []),
    ...(d.context ? ['Who sets these rules'] : []),
    'Model answers (for the teacher)',
  ];
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Escapes a text for a Markdown table cell (pure). */
const cell = (t: string) => escapeMarkdown(t).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function cardMarkdown(c: RoleCardDoc): string[] {
  const e = escapeMarkdown;
  const out: string[] = [`## ${c.heading}`, '', `**You play:** ${e(c.player)}. **Across the table:** ${e(c.counterpart)}. *Keep this card to yourself.*`, '', '### Your case', ''];
  for (const p of c.paragraphs) out.push(e(p), '');
  out.push('### Your goals', '');
  for (const g of c.goals) out.push(`- ${e(g)}`);
  out.push('', '### Your private values', '', VALUES_NOTE, '', '| Clause | Weight | Wording | Your score |', '| --- | --- | --- | --- |');
  for (const v of c.values) {
    v.options.forEach((o, i) => out.push(`| ${i === 0 ? `**${cell(v.title)}**` : ''} | ${i === 0 ? range(v.weight) : ''} | ${cell(o.label)} | ${range(o.score)} |`));
  }
  out.push('', '### Your walk-away', '', e(walkIntro(c.walkAway.base)), '');
  for (const m of c.walkAway.meters) out.push(`- ${e(meterLine(m))}`);
  for (const a of c.walkAway.adds) out.push(`- ${e(addLine(a))}`);
  out.push('');
  return out;
}

/** The whole kit as Markdown (pure). */
export function renderMarkdown(s: Scenario): string {
  const d = kitDoc(s);
  const e = escapeMarkdown;
  const parts: string[][] = [];
  for (const c of d.cards) parts.push(cardMarkdown(c));

  const facts = ['## Worksheet: fact or hypothetical?', ''];
  for (const p of FACTS_INSTRUCTIONS) facts.push(e(p), '');
  facts.push('| # | From the game | Statement | Fact or hypothetical? | Which report / fact? |', '| --- | --- | --- | --- | --- |');
  for (const x of d.statements) facts.push(`| ${x.n} | ${cell(x.where)} | ${cell(x.text)} |  |  |`);
  facts.push('');
  parts.push(facts);

  const rep = ['## Worksheet: report A and report B on the designation', '', e(REPORTS_INTRO), ''];
  for (const r of d.reports) {
    rep.push(`### Report ${r.id}: ${e(r.title)}`, '', `*${e(r.outlet)}, ${e(r.date)}.*${r.note ? ` ${e(`The game's note on it: ${r.note}`)}` : ''}`, '');
    for (const f of r.facts) rep.push(`- **${f.id}**: ${e(f.text)}`);
    rep.push('');
  }
  rep.push('### Questions', '');
  d.questions.forEach((q, i) => rep.push(`${i + 1}. ${e(q.question)}`));
  rep.push('');
  parts.push(rep);

  if (d.glossary) {
    const g = ['## Glossary', '', '| Term | Meaning | Where it comes from |', '| --- | --- | --- |'];
    for (const t of d.glossary) g.push(`| **${cell(t.term)}** | ${cell(t.text)} | ${cell(t.grounding)} |`);
    g.push('');
    parts.push(g);
  }
  if (d.context) {
    const c = ['## Who sets these rules', '', `> **${e(CONTEXT_BANNER)}**`, ''];
    for (const x of d.context) c.push(`### ${e(x.title)}`, '', e(x.text), '', `*Where to check:* ${e(x.check)}`, '');
    parts.push(c);
  }

  const ans = ['## Model answers (for the teacher)', '', '### Fact or hypothetical?', '', '| # | Statement | Answer |', '| --- | --- | --- |'];
  for (const x of d.statements) ans.push(`| ${x.n} | ${cell(x.text)} | ${cell(statementAnswer(x, reportName))} |`);
  ans.push('', '### Report A and report B', '');
  d.questions.forEach((q, i) => ans.push(`${i + 1}. **${e(q.question)}** ${e(q.answer)}`));
  ans.push('', '### Reading the role cards', '');
  for (const n of d.cardNotes) ans.push(`- ${e(n)}`);
  ans.push('', '### The facts cited on this page', '');
  for (const f of d.cited) ans.push(`- **${f.id}** (${reportName(f.source)}): ${e(f.text)}`);
  ans.push('');
  parts.push(ans);

  const head = [
    `<!-- Generated from scenario ${d.header.id} (version ${d.header.version}) by scripts/class-kit.ts. Do not edit: run \`npm run kit\`. -->`,
    '',
    `# ${e(d.header.title)}: class kit`,
    '',
    `*${e(`Generated from scenario ${d.header.id}, version ${d.header.version} (facts as of ${d.header.asOf}), by`)} \`npm run kit\`. ${e(`For printing, docs/class-kit.html starts each part on a new page. Parts: ${partTitles(d).join('; ')}.`)}*`,
    '',
  ];
  return [...head, parts.map((p) => [...p, `*${e(footerText(d))}*`, ''].join('\n')).join('\n---\n\n')].join('\n');
}

// ---------------------------------------------------------------------------------------------
// HTML

const CSS = `
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11.5pt; line-height: 1.4; color: #111; background: #fff; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, .kit-head, th { font-family: Arial, Helvetica, sans-serif; }
h1 { font-size: 1.7rem; margin: 0.1rem 0 0.3rem; }
h2 { font-size: 1rem; margin: 0.9rem 0 0.3rem; border-bottom: 1px solid #999; padding-bottom: 0.1rem; }
h3 { font-size: 0.95rem; margin: 0.6rem 0 0.2rem; }
p { margin: 0.3rem 0; }
ul, ol { padding-left: 1.3rem; margin: 0.3rem 0; }
li { margin: 0.15rem 0; }
.kit-head { font-size: 0.75rem; letter-spacing: 0.02em; color: #444; border-bottom: 2px solid #111; padding-bottom: 0.2rem; margin: 0 0 0.4rem; }
.roles { margin: 0.2rem 0 0.4rem; }
.private { font-style: italic; color: #444; }
.note { font-size: 0.88em; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 0.3rem 0 0.5rem; }
th, td { border: 1px solid #777; padding: 0.15rem 0.35rem; vertical-align: top; text-align: left; }
th { background: #e8e8e8; font-size: 0.85em; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.values { font-size: 0.86em; table-layout: fixed; }
table.values th[scope=row] { width: 20%; background: #f4f4f4; }
table.values th, table.values td { padding: 0.1rem 0.3rem; }
.score { font-weight: bold; white-space: nowrap; font-family: Arial, Helvetica, sans-serif; }
.weight { font-weight: normal; white-space: nowrap; }
ul.walk { columns: 2; column-gap: 1.6rem; }
ul.walk li { break-inside: avoid; }
table.sheet td.write { width: 17%; }
table.sheet td { height: 3.3em; }
table.answers td:last-child { width: 30%; }
table.glossary { font-size: 0.92em; }
table.glossary th[scope=row] { width: 22%; }
table.glossary td.note { width: 20%; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0.8rem; }
.report { border: 1px solid #777; padding: 0.3rem 0.6rem 0.5rem; }
.report h3 { margin-top: 0.2rem; }
.report .meta { font-size: 0.85em; color: #333; }
.report li { margin: 0.3rem 0; }
ol.questions li { margin-bottom: 0.3rem; }
.write-line { display: block; border-bottom: 1px solid #777; height: 1.5rem; }
.banner { border: 2px solid #111; background: #f2f2f2; padding: 0.4rem 0.7rem; font-weight: bold; margin: 0.4rem 0 0.6rem; }
.check { font-size: 0.9em; color: #333; }
dl.answers dt { font-weight: bold; margin-top: 0.4rem; }
dl.answers dd { margin: 0.1rem 0 0 1rem; }
footer { margin-top: 0.8rem; font-size: 0.75rem; color: #444; border-top: 1px solid #999; padding-top: 0.2rem; }
section.part { margin-bottom: 3rem; }
section.new-page { break-before: page; page-break-before: always; }
section.card { font-size: 0.92em; }
section.card h1 { font-size: 1.45rem; }
@media screen {
  body { background: #eee; }
  section.part { background: #fff; border: 1px solid #bbb; box-shadow: 0 1px 4px rgb(0 0 0 / 0.15); padding: 1rem 1.5rem 0.8rem; }
}
@page { size: A4; margin: 1.2cm 1.3cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  section.part { margin-bottom: 0; }
  section.card { font-size: 9pt; line-height: 1.28; }
  h1, section.card h1 { font-size: 1.3rem; }
  section.card h2 { margin: 0.55rem 0 0.2rem; }
  ol.questions li { margin-bottom: 0.15rem; }
  section.card p { margin: 0.2rem 0; }
  .report li { margin: 0.15rem 0; }
  .write-line { height: 1.35rem; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, .report, .banner { break-inside: avoid; page-break-inside: avoid; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();

function sectionOpen(d: KitDoc, id: string, title: string, index: number, extra = ''): string[] {
  const total = partTitles(d).length;
  return [
    `<section class="part${extra}${index > 0 ? ' new-page' : ''}" id="${id}" aria-labelledby="${id}-title">`,
    `<p class="kit-head">${escapeHtml(headerLine(d))} · part ${index + 1} of ${total}</p>`,
    `<h1 id="${id}-title">${escapeHtml(title)}</h1>`,
  ];
}
const sectionClose = (d: KitDoc) => [`<footer>${escapeHtml(footerText(d))}</footer>`, '</section>'];

function cardHtml(d: KitDoc, c: RoleCardDoc, index: number): string {
  const h = escapeHtml;
  const out = sectionOpen(d, `card-${c.side}`, c.heading, index, ' card');
  out.push(`<p class="roles"><strong>You play:</strong> ${h(c.player)}. <strong>Across the table:</strong> ${h(c.counterpart)}. <span class="private">Keep this card to yourself.</span></p>`);
  out.push('<h2>Your case</h2>');
  for (const p of c.paragraphs) out.push(`<p>${h(p)}</p>`);
  out.push('<h2>Your goals</h2>', '<ul>');
  for (const g of c.goals) out.push(`<li>${h(g)}</li>`);
  out.push('</ul>');
  out.push('<h2>Your private values</h2>', `<p class="note">${h(VALUES_NOTE)}</p>`);
  const widest = Math.max(...c.values.map((v) => v.options.length));
  out.push('<table class="values">', `<thead><tr><th scope="col">Clause (weight)</th><th scope="col" colspan="${widest}">Wordings, from the lab's first choice to its last, each with your score</th></tr></thead>`, '<tbody>');
  for (const v of c.values) {
    const cells = v.options.map((o) => `<td>${h(o.label)} <span class="score">${h(range(o.score))}</span></td>`);
    for (let i = v.options.length; i < widest; i++) cells.push('<td></td>');
    out.push(`<tr><th scope="row">${h(v.title)} <span class="weight">(${h(range(v.weight))})</span></th>${cells.join('')}</tr>`);
  }
  out.push('</tbody>', '</table>');
  out.push('<h2>Your walk-away</h2>', `<p>${h(walkIntro(c.walkAway.base))}</p>`, '<ul class="walk">');
  for (const m of c.walkAway.meters) out.push(`<li>${h(meterLine(m))}</li>`);
  for (const a of c.walkAway.adds) out.push(`<li>${h(addLine(a))}</li>`);
  out.push('</ul>', ...sectionClose(d));
  return out.join('\n');
}

/** The whole kit as one self-contained HTML page (pure; every scenario text escaped). */
export function renderHtml(s: Scenario): string {
  const d = kitDoc(s);
  const h = escapeHtml;
  const sections: string[] = [];
  let index = 0;
  for (const c of d.cards) sections.push(cardHtml(d, c, index++));

  const facts = sectionOpen(d, 'facts', 'Worksheet: fact or hypothetical?', index++);
  for (const p of FACTS_INSTRUCTIONS) facts.push(`<p>${h(p)}</p>`);
  facts.push('<table class="sheet">', '<thead><tr><th scope="col">#</th><th scope="col">From the game</th><th scope="col">Statement</th><th scope="col">Fact or hypothetical?</th><th scope="col">Which report / fact?</th></tr></thead>', '<tbody>');
  for (const x of d.statements) facts.push(`<tr><td class="num">${x.n}</td><td class="note">${h(x.where)}</td><td>${h(x.text)}</td><td class="write"></td><td class="write"></td></tr>`);
  facts.push('</tbody>', '</table>', ...sectionClose(d));
  sections.push(facts.join('\n'));

  const rep = sectionOpen(d, 'reports', 'Worksheet: report A and report B on the designation', index++);
  rep.push(`<p>${h(REPORTS_INTRO)}</p>`, '<div class="columns">');
  for (const r of d.reports) {
    rep.push('<div class="report">', `<h3>Report ${h(r.id)}</h3>`, `<p class="meta"><em>${h(r.title)}</em>. ${h(r.outlet)}, ${h(r.date)}.</p>`);
    if (r.note) rep.push(`<p class="meta">${h(`The game's note on it: ${r.note}`)}</p>`);
    rep.push('<ul>');
    for (const f of r.facts) rep.push(`<li><strong>${h(f.id)}</strong>: ${h(f.text)}</li>`);
    rep.push('</ul>', '</div>');
  }
  rep.push('</div>', '<h2>Questions</h2>', '<ol class="questions">');
  for (const q of d.questions) rep.push(`<li>${h(q.question)}<span class="write-line"></span><span class="write-line"></span></li>`);
  rep.push('</ol>', ...sectionClose(d));
  sections.push(rep.join('\n'));

  if (d.glossary) {
    const g = sectionOpen(d, 'glossary', 'Glossary', index++);
    g.push('<table class="glossary">', '<thead><tr><th scope="col">Term</th><th scope="col">Meaning</th><th scope="col">Where it comes from</th></tr></thead>', '<tbody>');
    for (const t of d.glossary) g.push(`<tr><th scope="row">${h(t.term)}</th><td>${h(t.text)}</td><td class="note">${h(t.grounding)}</td></tr>`);
    g.push('</tbody>', '</table>', ...sectionClose(d));
    sections.push(g.join('\n'));
  }
  if (d.context) {
    const c = sectionOpen(d, 'context', 'Who sets these rules', index++);
    c.push(`<p class="banner">${h(CONTEXT_BANNER)}</p>`);
    for (const x of d.context) c.push(`<h2>${h(x.title)}</h2>`, `<p>${h(x.text)}</p>`, `<p class="check"><strong>Where to check:</strong> ${h(x.check)}</p>`);
    c.push(...sectionClose(d));
    sections.push(c.join('\n'));
  }

  const ans = sectionOpen(d, 'answers', 'Model answers (for the teacher)', index++);
  ans.push('<h2>Fact or hypothetical?</h2>', '<table class="answers">', '<thead><tr><th scope="col">#</th><th scope="col">Statement</th><th scope="col">Answer</th></tr></thead>', '<tbody>');
  for (const x of d.statements) ans.push(`<tr><td class="num">${x.n}</td><td>${h(x.text)}</td><td>${h(statementAnswer(x, reportName))}</td></tr>`);
  ans.push('</tbody>', '</table>', '<h2>Report A and report B</h2>', '<dl class="answers">');
  d.questions.forEach((q, i) => ans.push(`<dt>${i + 1}. ${h(q.question)}</dt>`, `<dd>${h(q.answer)}</dd>`));
  ans.push('</dl>', '<h2>Reading the role cards</h2>', '<ul>');
  for (const n of d.cardNotes) ans.push(`<li>${h(n)}</li>`);
  ans.push('</ul>', '<h2>The facts cited on this page</h2>', '<ul class="note">');
  for (const f of d.cited) ans.push(`<li><strong>${h(f.id)}</strong> (${h(reportName(f.source))}): ${h(f.text)}</li>`);
  ans.push('</ul>', ...sectionClose(d));
  sections.push(ans.join('\n'));

  return [
    '<!doctype html>',
    `<!-- Generated from scenario ${commentText(d.header.id)} (version ${d.header.version}) by scripts/class-kit.ts. Do not edit: run npm run kit. -->`,
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(`${d.header.title}: class kit`)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...sections,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Both files' contents for a scenario (pure). */
export function generate(scenario: Scenario): { markdown: string; html: string } {
  return { markdown: renderMarkdown(scenario), html: renderHtml(scenario) };
}

// ---------------------------------------------------------------------------------------------
// Command line

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const args = argv.filter((a) => a !== '--check');
  if (args.some((a) => a.startsWith('-')) || args.length > 1) {
    console.error('usage: node --import tsx scripts/class-kit.ts [scenario.yaml] [--check]');
    return 2;
  }
  let scenario: Scenario;
  try {
    if (args[0]) {
      // One named file, loaded with scenarios/ so that it may extend a shipped scenario.
      const file = resolve(args[0]);
      const files = scenarioFiles().filter((f) => resolve(f.file) !== file);
      const r = loadScenarioSet([...files, { file, text: readFileSync(file, 'utf8') }]).at(-1)!;
      if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
      scenario = r.scenario;
    } else {
      scenario = kitScenario();
    }
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
  let out: { markdown: string; html: string };
  try {
    out = generate(scenario);
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
  const targets: [string, string][] = [
    [MARKDOWN_PATH, out.markdown],
    [HTML_PATH, out.html],
  ];
  if (check) {
    const stale = targets.filter(([path, want]) => {
      try {
        return readFileSync(path, 'utf8') !== want;
      } catch {
        return true;
      }
    });
    if (stale.length) {
      console.error(`out of date: ${stale.map(([p]) => p).join(', ')}\nrun \`npm run kit\` to regenerate the class kit (from ${scenario.id} version ${scenario.version})`);
      return 1;
    }
    console.log(`class kit is up to date (${scenario.id} version ${scenario.version})`);
    return 0;
  }
  for (const [path, content] of targets) {
    writeFileSync(path, content);
    console.log(`wrote ${path}`);
  }
  console.log(`from ${scenario.id} version ${scenario.version}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
