/**
 * Writes a printable student briefing for a scenario, at both reading levels:
 * docs/student-briefing.md (Markdown, one part per level) and docs/student-briefing.html
 * (self-contained and print-friendly: no scripts, no external resources, each level on its own
 * printed page). All scenario text comes through src/core/view.ts, so the reading level applies
 * exactly as in the game.
 *
 *   node --import tsx scripts/student-briefing.ts [scenarios/march-2026-v2.yaml] [--check]
 *
 * Without --check it writes both files; with --check it exits 1 when either differs from what
 * would be generated (test/student-briefing.test.ts makes the same check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatError, loadScenario } from '../src/core/loader.ts';
import type { Scenario } from '../src/core/schema.ts';
import { briefingView, type Level, type MeterView } from '../src/core/view.ts';

export const LEVELS: readonly Level[] = ['standard', 'simple'];
export const LEVEL_NAMES: Record<Level, string> = { standard: 'Standard reading level', simple: 'Simpler reading level' };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_SCENARIO = resolve(ROOT, 'scenarios/march-2026-v2.yaml');
export const MARKDOWN_PATH = resolve(ROOT, 'docs/student-briefing.md');
export const HTML_PATH = resolve(ROOT, 'docs/student-briefing.html');

/** One reading level's briefing, as plain data: everything both renderers print. */
export interface BriefingDoc {
  level: Level;
  levelName: string;
  title: string;
  subtitle: string;
  player: string;
  counterpart: string;
  /** The briefing text, one entry per paragraph. */
  paragraphs: string[];
  goals: string[];
  meters: MeterView[];
  /** Exactly five short lines on how the game works. */
  howItWorks: string[];
  /** Exactly three questions to think about before playing. */
  questions: string[];
  footer: { id: string; version: number; asOf: string };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "a, b or c" (pure). */
function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The five lines on how the game works, at a reading level (pure). */
function howItWorks(scenario: Scenario, level: Level): string[] {
  const phases = scenario.phases.map((p) => p.title);
  const endings = scenario.endings.map((e) => e.title);
  const factId = scenario.facts[0]?.id ?? 'A1';
  const neg = scenario.negotiation;
  if (neg) {
    // A scenario whose contract is the game (march-2026 version 2).
    const clauses = neg.clauses.map((c) => c.title);
    const tables = scenario.phases.filter((p) => p.table).length;
    if (level === 'simple') {
      return [
        `The game has ${phases.length} parts. At the negotiating table you write a contract of ${clauses.length} parts, called clauses, and trade offers with ${scenario.role.counterpart}. Between the tables you read a card and pick one of 2 to 4 choices.`,
        `A card with a code like ${factId} comes from a news report. A card marked HYPOTHETICAL is made up for the game.`,
        'Each side cares about some clauses more than others, and neither side sees the other side\'s scores. You can ask questions to learn some of them, but asking costs something.',
        'Dice decide how other people react, and so what "no deal" is worth to each side. With the same seed (a code word), everyone gets the same dice.',
        `The game ends in one of ${endings.length} ways, decided by the contract you sign or by how the talks fail. At the end you see the contract, a map of every deal you could have made, and what the news reports say.`,
      ];
    }
    return [
      `The run goes through ${phases.length} phases (${phases.join(', ')}). At the ${numberWord(tables)} negotiating tables you bargain over a contract of ${clauses.length} clauses (${clauses.join('; ')}), each with several wordings: propose a text, accept the other side's offer, ask a question that reveals part of its priorities (at a cost), make one of the day's moves, or walk away. Between the tables, each step shows a situation card and 2-4 choices.`,
      `Every card either cites the facts it rests on, with ids such as ${factId} from the news reports, or is marked HYPOTHETICAL: an invention for the game.`,
      `Each side has private values: how much each clause and each wording matters to it. ${cap(scenario.role.counterpart)}, played by the computer, answers every move with a counter-offer and its reason. Deadlines are real, and none of the moves is marked as the right one.`,
      'Stakeholders react to what you do. Seeded dice decide which reactions happen, and they move what no deal is worth to each side: the same seed gives the same dice, so a class on one seed faces the same luck.',
      `Every run ends in one of ${endings.length} endings (${endings.join("; ")}), decided by the text signed or, with no contract, by how the talks failed. The debrief shows the contract clause by clause and a deal map: every possible contract scored by both sides, and the value left on the table.`,
    ];
  }
  if (level === 'simple') {
    return [
      `The game has ${phases.length} parts. In each part you read a card and pick one of 2 to 4 choices.`,
      `A card with a code like ${factId} comes from a news report. A card marked HYPOTHETICAL is made up for the game.`,
      'Every choice costs something. Arrows show which meters go up and which go down.',
      'Dice decide how other people react. With the same seed (a code word), everyone gets the same dice.',
      `The game ends in one of ${endings.length} ways: ${orList(endings)}. At the end you see why, and what the news reports say.`,
    ];
  }
  return [
    `The run goes through ${phases.length} phases (${phases.join(', ')}). Each step shows a situation card and 2-4 choices.`,
    `Every card either cites the facts it rests on, with ids such as ${factId} from the news reports, or is marked HYPOTHETICAL: an invention for the game.`,
    'Choices come with trade-offs: tags name what you give up, and arrows show which meters the choice moves. None is marked as the right one.',
    'Stakeholders react to what you do. Seeded dice decide which reactions happen: the same seed gives the same dice, so a class on one seed faces the same luck.',
    `Every run ends as ${orList(endings)}. The debrief explains why, charts your meters over time and sets your run beside what the reports say happened.`,
  ];
}

/** Three questions before play, written to favour neither side (pure). */
function questions(scenario: Scenario, level: Level): string[] {
  const { player, counterpart } = scenario.role;
  if (level === 'simple') {
    return [
      'Who should decide how a tool may be used after it is sold: the company that made it, the buyer, or someone else, like judges or lawmakers?',
      'Would you keep a promise if keeping it cost you a lot? Would it matter who was asking you to break it?',
      `What do you think ${counterpart} wants most? What does ${player} want most? Is there anything both want?`,
    ];
  }
  return [
    'Once a powerful technology has been sold, who should decide what it may be used for: the company that built it, the government that buys it, or someone else, such as courts or lawmakers? What would each choice risk?',
    'Think of a commitment an organization makes on principle. What should it take for that commitment to give way: money, pressure, a better argument? Does it matter who is asking?',
    `Before you see the first card: what do you expect ${counterpart} to care about most? And ${player}? Where might their interests overlap?`,
  ];
}

/** One reading level's briefing as data, built from briefingView (pure). */
export function briefingDoc(scenario: Scenario, level: Level): BriefingDoc {
  const v = briefingView(scenario, level);
  return {
    level,
    levelName: LEVEL_NAMES[level],
    title: v.title,
    subtitle: v.subtitle,
    player: v.player,
    counterpart: v.counterpart,
    paragraphs: v.briefing
      .split(/\n+/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
    goals: v.goals,
    meters: v.meters,
    howItWorks: howItWorks(scenario, level),
    questions: questions(scenario, level),
    footer: { id: scenario.id, version: scenario.version, asOf: v.asOf },
  };
}

const meterNote = (m: MeterView, level: Level) =>
  level === 'simple' ? `starts at ${m.value}${m.good === 'low' ? '; lower is better' : ''}` : `starts at ${m.value} of 100${m.good === 'low' ? '; lower is better' : ''}`;

const metersIntro = (n: number, level: Level) =>
  level === 'simple'
    ? `${cap(numberWord(n))} meters show how you are doing. Each goes from 0 to 100. Higher is better unless it says otherwise.`
    : `${cap(numberWord(n))} meters, each from 0 to 100, track the state of the negotiation; higher is better unless marked otherwise. Your choices and the stakeholders' reactions move them.`;

function numberWord(n: number): string {
  return ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][n] ?? String(n);
}

const footerText = (d: BriefingDoc) =>
  `Scenario ${d.footer.id}, version ${d.footer.version}. Facts as of ${d.footer.asOf}. ${d.levelName}.`;

const QUESTIONS_NOTE: Record<Level, string> = {
  standard: 'There is no right answer. Write down what you think now; you will come back to it after the game.',
  simple: 'There is no right answer. Write what you think now. You will look at it again after the game.',
};

// ---------------------------------------------------------------------------------------------
// Markdown

/**
 * Escapes text for Markdown so that scenario text is shown as written, never read as markup or
 * raw HTML (pure): `<` and `>` become entities, `&` only where it would start one, and the
 * emphasis, code and link characters get a backslash.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/[\\`*_[\]]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** One level's part of the Markdown briefing (pure). */
export function levelMarkdown(d: BriefingDoc): string {
  const e = escapeMarkdown;
  const out: string[] = [];
  out.push(`# ${e(d.title)}`, '');
  out.push(`**Student briefing · ${d.levelName}**`, '');
  if (d.subtitle) out.push(`*${e(d.subtitle)}*`, '');
  out.push(`**You play:** ${e(d.player)}. **Across the table:** ${e(d.counterpart)}.`, '');
  out.push(d.level === 'simple' ? '## What is going on' : '## Your briefing', '');
  for (const p of d.paragraphs) out.push(e(p), '');
  out.push('## Your goals', '');
  for (const g of d.goals) out.push(`- ${e(g)}`);
  out.push('');
  out.push(d.level === 'simple' ? '## The meters' : `## The ${numberWord(d.meters.length)} meters`, '');
  out.push(metersIntro(d.meters.length, d.level), '');
  for (const m of d.meters) out.push(`- **${e(m.label)}** (${meterNote(m, d.level)}): ${e(m.description)}`);
  out.push('');
  out.push('## How the game works', '');
  for (const h of d.howItWorks) out.push(`- ${e(h)}`);
  out.push('');
  out.push('## Before you play', '');
  out.push(`> ${QUESTIONS_NOTE[d.level]}`, '>');
  d.questions.forEach((q, i) => out.push(`> ${i + 1}. ${e(q)}`, '>'));
  out.pop();
  out.push('');
  out.push(`*${e(footerText(d))}*`, '');
  return out.join('\n');
}

/** The whole Markdown briefing: both levels, the simpler one after a rule and a page note (pure). */
export function renderMarkdown(scenario: Scenario): string {
  const [standard, simple] = LEVELS.map((l) => briefingDoc(scenario, l)) as [BriefingDoc, BriefingDoc];
  return [
    `<!-- Generated from scenario ${scenario.id} (version ${scenario.version}) by scripts/student-briefing.ts. Do not edit: run \`npm run briefing\`. -->`,
    '',
    `*Student briefing in two versions: the standard reading level first, then a simpler one. Hand out one of them. For printing, docs/student-briefing.html starts each version on its own page.*`,
    '',
    levelMarkdown(standard),
    '---',
    '',
    '*Print the simpler reading level below on a new page. (Markdown has no page breaks; docs/student-briefing.html starts it on a new page by itself.)*',
    '',
    levelMarkdown(simple),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// HTML

/** Escapes text for HTML content and attribute values (pure). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 12pt; line-height: 1.45; color: #111; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; margin: 0 0 0.2rem; }
p.level-name { font-family: Arial, Helvetica, sans-serif; font-weight: bold; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.08em; color: #444; margin: 0 0 0.4rem; }
h2 { font-family: Arial, Helvetica, sans-serif; font-size: 1.05rem; margin: 1.3rem 0 0.4rem; border-bottom: 1px solid #999; padding-bottom: 0.15rem; }
.subtitle { font-style: italic; margin: 0 0 0.8rem; }
.roles { margin: 0.6rem 0; }
ul { padding-left: 1.3rem; margin: 0.3rem 0; }
li { margin: 0.2rem 0; }
.meter-note { color: #444; font-size: 0.9em; }
.questions { border: 2px solid #111; padding: 0.6rem 1rem 0.8rem; margin-top: 1.2rem; break-inside: avoid; page-break-inside: avoid; }
.questions h2 { border: 0; margin-top: 0.2rem; }
.questions ol { padding-left: 1.3rem; }
.questions li { margin-bottom: 0.6rem; }
.write { display: block; border-bottom: 1px solid #777; height: 1.6rem; }
.note { font-size: 0.9em; font-style: italic; }
footer { margin-top: 1.2rem; font-size: 0.8rem; color: #444; border-top: 1px solid #999; padding-top: 0.3rem; }
hr.between { margin: 3rem 0 1rem; border: 0; border-top: 3px double #555; }
.page-note { text-align: center; font-style: italic; color: #444; }
section.new-page { break-before: page; page-break-before: always; }
@page { margin: 1.6cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  hr.between, .page-note { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
`.trim();

/** One level's section of the HTML briefing (pure; every scenario text escaped). */
export function levelHtml(d: BriefingDoc, newPage = false): string {
  const h = escapeHtml;
  const out: string[] = [];
  out.push(`<section class="level${newPage ? ' new-page' : ''}" id="${d.level}" aria-labelledby="${d.level}-title">`);
  out.push(`<h1 id="${d.level}-title">${h(d.title)}</h1>`);
  out.push(`<p class="level-name">Student briefing · ${h(d.levelName)}</p>`);
  if (d.subtitle) out.push(`<p class="subtitle">${h(d.subtitle)}</p>`);
  out.push(`<p class="roles"><strong>You play:</strong> ${h(d.player)}. <strong>Across the table:</strong> ${h(d.counterpart)}.</p>`);
  out.push(`<h2>${d.level === 'simple' ? 'What is going on' : 'Your briefing'}</h2>`);
  for (const p of d.paragraphs) out.push(`<p>${h(p)}</p>`);
  out.push('<h2>Your goals</h2>', '<ul>');
  for (const g of d.goals) out.push(`<li>${h(g)}</li>`);
  out.push('</ul>');
  out.push(`<h2>${d.level === 'simple' ? 'The meters' : `The ${numberWord(d.meters.length)} meters`}</h2>`);
  out.push(`<p>${h(metersIntro(d.meters.length, d.level))}</p>`, '<ul>');
  for (const m of d.meters) out.push(`<li><strong>${h(m.label)}</strong> <span class="meter-note">(${h(meterNote(m, d.level))})</span>: ${h(m.description)}</li>`);
  out.push('</ul>');
  out.push('<h2>How the game works</h2>', '<ul>');
  for (const x of d.howItWorks) out.push(`<li>${h(x)}</li>`);
  out.push('</ul>');
  out.push('<div class="questions">', '<h2>Before you play</h2>', `<p class="note">${h(QUESTIONS_NOTE[d.level])}</p>`, '<ol>');
  for (const q of d.questions) out.push(`<li>${h(q)}<span class="write"></span><span class="write"></span></li>`);
  out.push('</ol>', '</div>');
  out.push(`<footer>${h(footerText(d))}</footer>`);
  out.push('</section>');
  return out.join('\n');
}

/** The whole HTML briefing: self-contained, no scripts, each level on its own printed page (pure). */
export function renderHtml(scenario: Scenario): string {
  const [standard, simple] = LEVELS.map((l) => briefingDoc(scenario, l)) as [BriefingDoc, BriefingDoc];
  return [
    '<!doctype html>',
    `<!-- Generated from scenario ${commentText(scenario.id)} (version ${scenario.version}) by scripts/student-briefing.ts. Do not edit: run npm run briefing. -->`,
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${standard.title}: student briefing`)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    levelHtml(standard),
    '<hr class="between">',
    '<p class="page-note">The simpler reading level follows. When printed, it starts on a new page.</p>',
    levelHtml(simple, true),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Text safe inside an HTML comment. */
export function commentText(text: string): string {
  return escapeHtml(text).replace(/--/g, '- -');
}

/** Both files' contents for a scenario (pure). */
export function generate(scenario: Scenario): { markdown: string; html: string } {
  return { markdown: renderMarkdown(scenario), html: renderHtml(scenario) };
}

// ---------------------------------------------------------------------------------------------
// Command line

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const files = argv.filter((a) => a !== '--check');
  const unknown = files.filter((a) => a.startsWith('-'));
  if (unknown.length || files.length > 1) {
    console.error('usage: node --import tsx scripts/student-briefing.ts [scenario.yaml] [--check]');
    return 2;
  }
  const file = files[0] ? resolve(files[0]) : DEFAULT_SCENARIO;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    return 1;
  }
  const loaded = loadScenario(text, file);
  if (!loaded.ok) {
    console.error(loaded.errors.map(formatError).join('\n'));
    return 1;
  }
  const { markdown, html } = generate(loaded.scenario);
  const targets: [string, string][] = [
    [MARKDOWN_PATH, markdown],
    [HTML_PATH, html],
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
      console.error(`out of date: ${stale.map(([p]) => p).join(', ')}\nrun \`npm run briefing\` to regenerate the student briefing`);
      return 1;
    }
    console.log('student briefing is up to date');
    return 0;
  }
  for (const [path, content] of targets) {
    writeFileSync(path, content);
    console.log(`wrote ${path}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
