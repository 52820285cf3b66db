/**
 * The classroom, in real Chromium against the built site: a class link made on the "For teachers"
 * screen and played as a student (fixed reading level, odds shown, the soft timer, the hand-in
 * code), class results of a whole class (pasted codes, damaged ones, uploaded files, the replay
 * viewer, the CSV), the odds explorer (its counts against the core and `red-lines sim`, and
 * Cancel), the debrief as Markdown and as a printed PDF, and bad class links. Everything the page
 * shows is checked against the core run in Node.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { crc32, toBase64Url } from '../../src/core/record.ts';
import {
  briefingView,
  classResults,
  debriefMarkdown,
  decodeClass,
  decodeCode,
  encodeClass,
  endingView,
  engineOf,
  foldMoves,
  foldRecord,
  movesFrom,
  exportRunFile,
  indexOf,
  negotiationConfig,
  newsView,
  offered,
  playLive,
  recordToCode,
  resultsCsv,
  simulate,
  splitPasted,
  startRun,
  stepRun,
  strategiesOf,
  type ClassSettings,
  type RunRecord,
  type Submission,
} from '../../src/core/index.ts';
import { PROJECT_ROOT } from './support/build.ts';
import { BUILTIN_AGENT_NAMES, builtinAgent } from '../../src/core/negotiation/agents.ts';
import { tallyAgent, tallyMeans } from '../../src/core/tally.ts';
import { playAgent } from '../../src/core/agent-play.ts';
import { qrModules } from '../../src/ui/qr.ts';
import { recordOf } from '../../src/core/record.ts';
import { summarize } from '../../src/core/run.ts';
import { addDays } from '../../src/core/rules.ts';
import { DEFAULT_OPPONENT } from '../../src/core/department-side.ts';
import { buttonLayoutProblems, chooseFiles, shipped, clickAt, cliReplay, download, expectedAgentRun, expectedRun, expectEnding, march, marchNew, nextScreen, openTitle, playByMouse, playMoves, shot, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser();

const SETTINGS_KEY = 'red-lines:settings';

const app = (page: Page, name: string) => page.locator('#app').getAttribute(name);
const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);
const noPageErrors = () => expect(h.problems.filter((p) => p.startsWith('page error')), 'uncaught page errors').toEqual([]);

/** The title screen, then "For teachers". */
async function openClassroom(page: Page) {
  await openTitle(page, h.site.origin);
  await nextScreen(page, () => clickAt(page, '[data-action=teachers]'));
  await waitScreen(page, 'Classroom');
}

/** For teachers → Class results: pastes the codes, sets the class seed and counts them. */
async function countResults(page: Page, text: string, seed: string) {
  await openClassroom(page);
  await nextScreen(page, () => clickAt(page, '[data-action=results]'));
  await waitScreen(page, 'Results');
  await page.locator('#codes').fill(text);
  await page.locator('#results-seed').fill(seed);
  await nextScreen(page, () => clickAt(page, '[data-action=count]'));
  await page.locator('#app[data-counted]').waitFor({ state: 'attached' });
}

/** A class code made by hand with the layout of src/core/classroom.ts, for settings encodeClass refuses. */
function handMadeClass(fields: unknown[], format = 1): string {
  const body = new TextEncoder().encode(JSON.stringify(fields));
  const crc = crc32(new Uint8Array([format, ...body]));
  return `c${format}.${toBase64Url(new Uint8Array([...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]))}`;
}

/** The run context of a version 2 run after its first `n` moves (the core's engine). */
function contextAfter2(seed: string, moves: readonly string[], n: number) {
  const r = foldMoves(engineOf(marchNew()), seed, movesFrom(moves.slice(0, n)));
  if (!r.ok) throw new Error(`move ${r.problem.index + 1} refused`);
  return r.state.context;
}

/** Splits CSV text (RFC 4180, CRLF rows) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** mulberry32: a small fixed pseudo-random source for the students' choices. */
function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A student's run on the class seed: at each beat one of the offered choices, by the student's own rule; stops after `stop` choices if given. */
function studentRun(seed: string, student: number, stop = Infinity): string[] {
  const s = march();
  const config = negotiationConfig(s);
  const index = indexOf(s);
  const rand = mulberry32(7919 * (student + 1));
  let snap = startRun(config, { seed });
  const choices: string[] = [];
  while (snap.status === 'active' && choices.length < stop) {
    const table = offered(index, snap.context);
    if (!table.length) throw new Error(`no choice offered in ${snap.value}`);
    const c = table[Math.floor(rand() * table.length)]!.id;
    choices.push(c);
    snap = stepRun(config, snap, { type: 'choose', choice: c });
    if (choices.length > 40) throw new Error('the run does not end');
  }
  return choices;
}

describe('a class link, made by the teacher and played by a student', () => {
  it('fixes the level (without touching the saved settings), shows the odds and the timer, and ends with the hand-in code of the core', async () => {
    const { page, site } = h;
    // A class of version 2 (the negotiation): the random agent's moves on the class seed reach
    // the story's tables between the negotiating tables, so both screens are checked.
    const s = marchNew();
    const cls: ClassSettings = { scenario: s.id, version: s.version, seed: 'class-e2e-2', level: 'simple', showOdds: true, timer: 30, name: 'Civics 10B · e2e', opponent: null };
    const link = `${site.origin}?class=${encodeClass(cls, [march(), s])}`;
    const want = expectedAgentRun(cls.seed, 'random');

    // The player's own settings: standard level, saved before any class.
    await openTitle(page, site.origin);
    await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ textSize: 'normal', reducedMotion: 'system', textView: 'auto', level: 'standard' })), SETTINGS_KEY);

    // The teacher's screen.
    await openClassroom(page);
    const linkText = () => page.locator('#a11y [data-class-link]').textContent();
    expect(await linkText(), 'a link for the default settings').toMatch(new RegExp(`^${site.origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\?class=c1\\.`));
    await page.locator('#class-name').fill(cls.name);
    await page.locator('#class-seed').fill(cls.seed);
    for (const [key, value] of [['level', 'simple'], ['odds', 'true'], ['timer', '30']] as const) {
      const sel = `#a11y [data-class-setting=${key}][data-value="${value}"]`;
      await clickAt(page, sel);
      expect(await page.locator(sel).getAttribute('aria-pressed'), `${key} ${value} is selected`).toBe('true');
    }
    await expect.poll(linkText, { timeout: 10_000 }).toBe(link);
    const decoded = decodeClass(new URL(link).searchParams.get('class')!, [march(), s]);
    expect(decoded).toEqual({ ok: true, settings: cls });

    // "Copy the link" puts exactly that link on the clipboard.
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin.slice(0, -1) });
    await clickAt(page, '[data-action=copy-class-link]');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // A student opens the link in another tab.
    const student = await h.context.newPage();
    try {
      await student.goto(link);
      await waitScreen(student, 'Briefing');
      expect(await student.locator('#a11y .class-banner').textContent()).toBe(`Briefing · class run: ${cls.name} · odds shown · 30 s per decision`);
      const simple = briefingView(s, 'simple').briefing;
      expect(simple).not.toBe(briefingView(s, 'standard').briefing);
      expect(await student.locator('#a11y p.prose').first().textContent(), 'the Briefing is at the class level (simple)').toBe(simple);
      expect(await student.locator('#a11y').textContent()).toContain(`Seed: ${cls.seed}`);
      const levels = student.locator('#a11y [aria-label="Reading level and start"] button[aria-pressed]');
      expect(await levels.count()).toBe(2);
      for (let i = 0; i < 2; i++) expect(await levels.nth(i).isDisabled(), 'the Briefing reading-level buttons are disabled').toBe(true);
      expect(await student.locator('#a11y [aria-label="Reading level and start"] button[aria-pressed=true]').textContent()).toContain('Simple');

      // Settings: the level is fixed; another setting can still change, and saving it keeps the player's own level.
      await student.keyboard.press('Escape');
      await student.locator('dialog[open]').waitFor();
      await nextScreen(student, () => clickAt(student, 'dialog[open] .hit:nth-of-type(2)'));
      await waitScreen(student, 'Settings');
      const levelButtons = student.locator('#a11y [data-setting=level]');
      expect(await levelButtons.count()).toBe(2);
      for (let i = 0; i < 2; i++) expect(await levelButtons.nth(i).isDisabled(), 'the Settings level buttons are disabled').toBe(true);
      expect(await student.locator('#a11y [data-setting=level][data-value=simple]').getAttribute('aria-pressed')).toBe('true');
      expect(await student.locator('#a11y').textContent()).toContain('Fixed by your class link.');
      await nextScreen(student, () => clickAt(student, '[data-setting=reducedMotion][data-value=on]'));
      await waitScreen(student, 'Settings');
      const saved = JSON.parse((await stored(student, SETTINGS_KEY))!) as Record<string, string>;
      expect(saved.reducedMotion, 'the changed setting is saved').toBe('on');
      expect(saved.level, "the class level is not saved as the player's own").toBe('standard');
      await nextScreen(student, () => clickAt(student, '[data-action=done]'));
      await waitScreen(student, 'Briefing');
      expect(await student.locator('#a11y p.prose').first().textContent()).toBe(simple);

      // The run: the timer on every table (the negotiating table and the story's), the odds in every news item.
      let timerSeen = false;
      let newsSeen = 0;
      await playMoves(student, want.choices, 'mouse', async (i, screen) => {
        const timer = student.locator('#a11y [data-timer]');
        expect(await timer.count(), `a decision timer on the ${screen} of move ${i + 1}`).toBe(1);
        if (i === 0) {
          // Counting down from 30 s ...
          const start = Number(await timer.getAttribute('data-timer'));
          expect(start).toBeGreaterThan(20);
          expect(start).toBeLessThanOrEqual(30);
          await student.waitForFunction((n) => Number(document.querySelector('#a11y [data-timer]')?.getAttribute('data-timer')) <= n, start - 2, { timeout: 30_000 });
          const mid = await timer.evaluate((el) => ({ left: Number(el.getAttribute('data-timer')), text: el.textContent }));
          expect.soft(mid.text, 'the timer text in the DOM layer (the text view) says the time left').toBe(`Decision timer: 0:${String(mid.left).padStart(2, '0')} left.`);
          // ... to "time's up", which chooses nothing.
          await student.locator('#a11y [data-timer="0"]').waitFor({ state: 'attached', timeout: 90_000 });
          await expect.poll(() => timer.textContent()).toBe("Time's up: decide now.");
          expect(await app(student, 'data-screen')).toBe('Talks');
          expect(await student.locator('#a11y [data-move][aria-pressed=true], #a11y [data-choice][aria-pressed=true]').count(), 'nothing is chosen for the student').toBe(0);
          timerSeen = true;
        } else {
          expect(Number(await timer.getAttribute('data-timer')), 'each table starts its own countdown').toBeGreaterThan(20);
        }
        // Every news item states its chance and roll, as the core has them, newest first (the
        // negotiating table shows the latest two).
        const news = newsView(s, contextAfter2(cls.seed, want.choices, i), 'simple').reverse();
        const items = await student.locator(screen === 'Talks' ? '#a11y [aria-label="Latest news"] li' : '#a11y ol.news li').allTextContents();
        const shown = screen === 'Talks' ? news.slice(0, 2) : news;
        if (screen === 'Talks' && news.length === 0) expect(items).toEqual(['Nothing yet.']);
        else expect(items.length, `news items on the ${screen} of move ${i + 1}`).toBe(shown.length);
        shown.forEach((n, k) => expect(items[k]).toContain(`(Chance ${Math.round(n.chance * 100)}%, rolled ${Math.round(n.roll * 100)}.)`));
        newsSeen += shown.length;
      });
      expect(timerSeen).toBe(true);
      expect(newsSeen, 'the run has news to check').toBeGreaterThan(0);

      // The Ending: the hand-in code and hash of the core and the command line; the dice shown.
      await expectEnding(student, want);
      const cli = cliReplay(want.code);
      expect(await app(student, 'data-hash')).toBe(cli.hash);
      expect(cli.seed).toBe(cls.seed);
      expect(await student.locator('#a11y h3', { hasText: 'Hand in this code' }).count()).toBe(1);
      expect(await student.locator('#a11y h3', { hasText: 'Replay code' }).count()).toBe(0);
      expect(await student.locator('#a11y [data-tab="The dice"]').count(), 'odds shown: "The dice" tab').toBe(1);
      expect(await student.locator('#a11y [aria-label="The dice"]').count()).toBe(1);
      const simpleEnding = endingView(s, contextAfter2(cls.seed, want.choices, want.choices.length), 'simple')!;
      expect(await student.locator('#a11y [aria-label="Debrief"] p').first().textContent(), 'the debrief at the class level').toBe(simpleEnding.debrief);

      const after = JSON.parse((await stored(student, SETTINGS_KEY))!) as Record<string, string>;
      expect(after.level, 'the saved level is still the player\'s own after the class run').toBe('standard');
      noPageErrors();
    } finally {
      await student.close();
    }
  });
});

describe('class results', () => {
  const SEED = 'class-30';
  /** 28 real runs on the class seed (two of them unfinished) and 2 damaged codes, one line each. */
  const build = () => {
    const s = march();
    const lines: string[] = [];
    const damagedLines: number[] = [];
    let student = 0;
    for (let n = 1; n <= 30; n++) {
      const name = `Name ${n}`;
      if (n === 10 || n === 23) {
        const good = recordToCode(s, { scenario: s.id, version: s.version, seed: SEED, choices: studentRun(SEED, 100 + n) });
        let bad = n === 10 ? good.slice(0, -3) : good.slice(0, 24) + (good[24] === 'Q' ? 'R' : 'Q') + good.slice(25);
        if (decodeCode(bad).ok) bad = `${bad}!`;
        expect(decodeCode(bad).ok, `damaged code of line ${n}`).toBe(false);
        lines.push(`${name}: ${bad}`);
        damagedLines.push(n);
      } else {
        const choices = studentRun(SEED, student, student === 5 ? 3 : student === 17 ? 6 : Infinity);
        student++;
        lines.push(`${name}: ${recordToCode(s, { scenario: s.id, version: s.version, seed: SEED, choices })}`);
      }
    }
    return { text: lines.join('\n'), damagedLines };
  };

  it('counts 28 runs of 30 lines, lists the 2 damaged codes with reasons, replays an entry, exports the CSV and takes uploaded files', async () => {
    const { page } = h;
    const s = march();
    const { text, damagedLines } = build();
    const core = classResults(s, splitPasted(text), SEED);
    expect(core.entries.length).toBe(28);
    expect(core.rejected.map((r) => r.source)).toEqual(damagedLines.map((n) => `line ${n}`));
    expect(core.unfinished).toBe(2);
    expect(new Set(core.entries.map((e) => e.ending)).size, 'the class reached several endings').toBeGreaterThan(2);

    await countResults(page, text, SEED);
    expect(await app(page, 'data-counted')).toBe('28');
    expect(await app(page, 'data-refused')).toBe('2');

    // The refused entries: each with its line and the core's reason.
    const refused = await page.locator('#a11y ol.refused li[data-entry]').evaluateAll((els) => els.map((e) => ({ n: e.getAttribute('data-entry'), text: e.textContent })));
    expect(refused).toEqual(core.rejected.map((r) => ({ n: String(r.n), text: `${r.n}. ${r.source}: ${r.reason} (${r.excerpt})` })));
    for (const [k, r] of refused.entries()) {
      expect(r.text).toContain(`line ${damagedLines[k]}:`);
      expect(core.rejected[k]!.reason.length).toBeGreaterThan(10);
    }

    // The endings, as the core counts them.
    const endings = await page.locator('#a11y li[data-ending]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-ending'), e.textContent]));
    expect(endings).toEqual(core.endings.map((e) => [e.id, `${e.title}: ${e.count}`]));
    expect(await page.locator('#a11y li', { hasText: /^Unfinished: / }).textContent()).toBe(`Unfinished: ${core.unfinished}`);
    expect(core.endings.reduce((a, e) => a + e.count, 0) + core.unfinished).toBe(28);
    const entries = await page.locator('#a11y li[data-entry]').evaluateAll((els) => els.filter((e) => !e.closest('ol.refused')).map((e) => e.getAttribute('data-entry')));
    expect(entries).toEqual(core.entries.map((e) => String(e.n)));

    // Entry 1 in the replay viewer (by the visible Replay button of the Entries tab): the hash checks.
    const e1 = core.entries.find((e) => e.n === 1)!;
    await clickAt(page, '#a11y [data-tab=Entries]');
    const replay1 = '#a11y button.hit[data-action=replay-entry][data-entry="1"]:not(.text-only)';
    await page.locator(replay1).waitFor({ state: 'visible' });
    await nextScreen(page, () => clickAt(page, replay1));
    await waitScreen(page, 'Replay');
    expect(await app(page, 'data-hash-check')).toBe('match');
    await page.keyboard.press('End');
    await page.locator(`#app[data-replay-step="${e1.record.choices.length}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    expect(await app(page, 'data-hash')).toBe(e1.hash);
    expect(await app(page, 'data-ending')).toBe(e1.ending);
    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await waitScreen(page, 'Results');
    expect(await app(page, 'data-counted'), 'the results are kept while the viewer is open').toBe('28');

    // The CSV: one row per line handed in, as the core writes it.
    const csv = await download(page, () => clickAt(page, '[data-action=csv]'));
    expect(csv.name).toBe('red-lines-class-results.csv');
    expect(csv.text).toBe(resultsCsv(s, core));
    const rows = parseCsv(csv.text);
    expect(rows.length, 'a header and 30 rows').toBe(31);
    expect(rows[0]!.slice(0, 4)).toEqual(['entry', 'source', 'label', 'status']);
    expect(rows.filter((r) => r[3] === 'counted').length).toBe(28);
    expect(rows.filter((r) => r[3] === 'refused').map((r) => r[1])).toEqual(damagedLines.map((n) => `line ${n}`));
    expect(rows[1]![2], 'the name is kept as the label').toBe('Name 1');

    // Change the codes: add uploaded files (a run file, a list of codes, a broken file) and count again.
    await nextScreen(page, () => clickAt(page, '[data-action=edit]'));
    await waitScreen(page, 'Results');
    expect(await page.locator('#codes').inputValue(), 'the pasted codes are kept').toBe(text);
    const rec = (choices: string[], seed = SEED): RunRecord => ({ scenario: s.id, version: s.version, seed, choices });
    const runFile = `${JSON.stringify(exportRunFile(s, rec(studentRun(SEED, 500))), null, 2)}\n`;
    const list = [`Ada ${recordToCode(s, rec(studentRun(SEED, 501)))}`, `Bo: ${recordToCode(s, rec(studentRun('another-seed', 502), 'another-seed'))}`].join('\r\n');
    const broken = '{"format":"red-lines-run","seed":';
    const files = [
      { name: 'ada-run.json', mimeType: 'application/json', buffer: Buffer.from(runFile) },
      { name: 'more-codes.txt', mimeType: 'text/plain', buffer: Buffer.from(list) },
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) },
    ];
    await chooseFiles(page, '[data-action=upload]', 'input[data-results-files]', files);
    await waitScreen(page, 'Results');
    const added = (await page.locator('#a11y p.files').textContent()) ?? '';
    for (const f of files) expect(added, 'the files added are named').toContain(f.name);
    const subs: Submission[] = [...splitPasted(text), { source: 'ada-run.json', text: runFile }, ...splitPasted(list, 'more-codes.txt, line'), { source: 'broken.json', text: broken }];
    const core2 = classResults(s, subs, SEED);
    expect(core2.entries.length).toBe(30);
    expect(core2.rejected.length).toBe(4);
    await nextScreen(page, () => clickAt(page, '[data-action=count]'));
    await page.locator('#app[data-counted="30"]').waitFor({ state: 'attached' });
    expect(await app(page, 'data-refused')).toBe('4');
    const refused2 = await page.locator('#a11y ol.refused li[data-entry]').allTextContents();
    expect(refused2).toEqual(core2.rejected.map((r) => `${r.n}. ${r.source}: ${r.reason} (${r.excerpt})`));
    expect(refused2[2], 'a run on another seed is refused by the class seed').toContain('not the class seed "class-30"');
    const endings2 = await page.locator('#a11y li[data-ending]').allTextContents();
    expect(endings2).toEqual(core2.endings.map((e) => `${e.title}: ${e.count}`));
    noPageErrors();
  });
});

describe('a class that faces a built-in agent as the Department', () => {
  it('the teacher picks a hard Department; a student plays against it and hands in the code of the core and the command line', async () => {
    const { page, site } = h;
    const s = marchNew();
    const cls: ClassSettings = { scenario: s.id, version: s.version, seed: 'class-hard', level: 'standard', showOdds: false, timer: null, name: '', opponent: 'hardliner' };
    const link = `${site.origin}?class=${encodeClass(cls, [march(), s])}`;
    expect(link).toContain('?class=c2.');
    const want = expectedAgentRun(cls.seed, 'prober', 'hardliner');
    // The same moves against the scenario's own Department are another run.
    expect(want.hash).not.toBe(expectedAgentRun(cls.seed, 'prober').hash);

    await openClassroom(page);
    await page.locator('#class-seed').fill(cls.seed);
    const hard = '#a11y [data-class-setting=opponent][data-value=hardliner]';
    await clickAt(page, hard);
    expect(await page.locator(hard).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('#a11y [data-class-link]').textContent(), { timeout: 10_000 }).toBe(link);
    expect(await buttonLayoutProblems(page)).toEqual([]);
    await shot(page, 'Classroom-opponent');

    const student = await h.context.newPage();
    try {
      await student.goto(link);
      await waitScreen(student, 'Briefing');
      await playMoves(student, want.choices, 'keys');
      await expectEnding(student, want);
      expect(want.code.startsWith('rl4.'), 'the hand-in code names the Department agent').toBe(true);
      const cli = cliReplay(want.code);
      expect(await app(student, 'data-hash')).toBe(cli.hash);
      expect(await student.locator('#a11y').textContent()).toContain('The Department: the hardliner agent');
      await shot(student, 'Ending-opponent');
    } finally {
      await student.close();
    }

    // The teacher counts the code: refused against the scenario's own Department, counted against Hard.
    await openClassroom(page);
    await nextScreen(page, () => clickAt(page, '[data-action=results]'));
    await waitScreen(page, 'Results');
    expect(await page.locator('#a11y [data-results-opponent=null]').getAttribute('aria-pressed'), 'the default class faces its own Department').toBe('true');
    await page.locator('#codes').fill(want.code);
    await page.locator('#results-seed').fill(cls.seed);
    await nextScreen(page, () => clickAt(page, '[data-action=count]'));
    await page.locator('#app[data-counted]').waitFor({ state: 'attached' });
    expect(await app(page, 'data-refused')).toBe('1');
    await nextScreen(page, () => clickAt(page, '[data-action=edit]'));
    await waitScreen(page, 'Results');
    await clickAt(page, '#a11y [data-results-opponent=hardliner]');
    expect(await page.locator('#a11y [data-results-opponent=hardliner]').getAttribute('aria-pressed')).toBe('true');
    expect(await buttonLayoutProblems(page)).toEqual([]);
    await shot(page, 'Results-input-opponent');
    await nextScreen(page, () => clickAt(page, '[data-action=count]'));
    await page.locator('#app[data-counted="1"]').waitFor({ state: 'attached' });
    expect(await app(page, 'data-refused')).toBe('0');
  }, 300_000);
});

describe('class results of version 2 (the negotiation)', () => {
  it('counts codes of moves at the table against version 2, words the moves, replays an entry and puts each deal in the CSV', async () => {
    const { page } = h;
    const s = marchNew();
    const seed = 'class-v2';
    const runs = ['prober', 'random', 'conceder', 'prober'].map((a) => expectedAgentRun(seed, a));
    const text = runs.map((r, i) => `Student ${i + 1}: ${r.code}`).join('\n');
    const core = classResults(s, splitPasted(text), seed);
    expect(core.entries).toHaveLength(4);
    expect(core.rejected).toEqual([]);

    await countResults(page, text, seed);
    expect(await app(page, 'data-counted')).toBe('4');
    expect(await app(page, 'data-refused')).toBe('0');
    const endings = await page.locator('#a11y li[data-ending]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-ending'), e.textContent]));
    expect(endings).toEqual(core.endings.map((e) => [e.id, `${e.title}: ${e.count}`]));

    // The paths name the moves at the table in words.
    await clickAt(page, '#a11y [data-tab=Paths]');
    await expect.poll(() => page.locator('#a11y').textContent()).toContain('Propose a contract');
    expect((await page.locator('#a11y').textContent()) ?? '').not.toContain('propose:');

    // An entry in the viewer: the hash checks, at the table's moves.
    await clickAt(page, '#a11y [data-tab=Entries]');
    const replay1 = '#a11y button.hit[data-action=replay-entry][data-entry="1"]:not(.text-only)';
    await page.locator(replay1).waitFor({ state: 'visible' });
    await nextScreen(page, () => clickAt(page, replay1));
    await waitScreen(page, 'Replay');
    expect(await app(page, 'data-hash-check')).toBe('match');
    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await waitScreen(page, 'Results');

    // The CSV: the core's, with each run's deal in numbers.
    const csv = await download(page, () => clickAt(page, '[data-action=csv]'));
    expect(csv.text).toBe(resultsCsv(s, core));
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(expect.arrayContaining(['moves', "lab's value", "Department's value", 'value left', 'deal', ...s.negotiation!.clauses.map((c) => c.title)]));
    await shot(page, 'Results-v2');

    // The class on the deal map: one seed, so every run at its real values, the core's numbers.
    const map = core.map!;
    expect(map.mode).toBe('one-seed');
    await clickAt(page, '#a11y [data-tab="Deal map"]');
    const mapRows = page.locator('#a11y [role=tabpanel]:not([hidden]) li[data-entry]');
    await expect.poll(() => mapRows.count()).toBe(map.entries.length);
    const seen = await mapRows.allTextContents();
    map.entries.forEach((p, i) => {
      expect(seen[i]).toContain(`${p.n}. Student ${p.n}: ${p.endingTitle}`);
      expect(seen[i]).toContain(`lab ${p.lab}, Department ${p.department}; ${p.valueLeft} left`);
    });
    expect(await page.locator('#a11y [data-value-left]').getAttribute('data-value-left')).toBe(String(map.valueLeft!.mean));
    expect(await buttonLayoutProblems(page)).toEqual([]);
    await shot(page, 'Results-v2-deal-map');
    // The contracts signed, clause by clause: the core's counts.
    await clickAt(page, '#a11y [data-tab=Contracts]');
    const first = map.clauses[0]!;
    const firstRows = page.locator(`#a11y [role=tabpanel]:not([hidden]) [data-clause="${first.id}"] li`);
    await expect.poll(() => firstRows.allTextContents()).toEqual(first.options.map((o) => `${o.label}: ${o.count}`));
    await shot(page, 'Results-v2-contracts');
    noPageErrors();
  }, 300_000);
});

describe('class results with runs of both sides', () => {
  it('takes codes of the Department\'s side (played with `red-lines play --side department`) beside the lab\'s, splitting the endings by side', async () => {
    const { page } = h;
    const s = marchNew();
    const seed = 'class-sides';
    const lab = ['prober', 'conceder'].map((a) => expectedAgentRun(seed, a));
    // The Department's runs come from the command line, as a student playing that side hands them in.
    const cli = (args: string[]) => JSON.parse(execFileSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'red-lines.js'), 'play', '--scenario', `${s.id}@${s.version}`, '--seed', seed, ...args, '--json'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 })) as { code: string; hash: string };
    const dept = [cli(['--side', 'department', '--opponent', 'builtin:prober', '--agent', 'builtin:boulware']), cli(['--side', 'department', '--opponent', 'builtin:tit-for-tat', '--agent', 'builtin:hardliner'])];
    const text = [...lab.map((r, i) => `Lab ${i + 1}: ${r.code}`), ...dept.map((r, i) => `Dept ${i + 1}: ${r.code}`)].join('\n');
    const core = classResults(s, splitPasted(text), seed);
    expect(core.rejected).toEqual([]);
    expect(core.entries.map((e) => e.side)).toEqual(['lab', 'lab', 'department', 'department']);
    expect(core.entries.slice(2).map((e) => e.hash)).toEqual(dept.map((d) => d.hash));

    await countResults(page, text, seed);
    expect(await app(page, 'data-counted')).toBe('4');
    const endings = await page.locator('#a11y li[data-ending]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-ending'), e.textContent]));
    expect(endings).toEqual(core.endings.map((e) => [e.id, `${e.title}: ${e.count} (lab ${e.bySide!.lab} · Department ${e.bySide!.department})`]));
    await shot(page, 'Results-both-sides');
    // On the class's map, the Department's runs say so.
    await clickAt(page, '#a11y [data-tab="Deal map"]');
    const rows = page.locator('#a11y [role=tabpanel]:not([hidden]) li[data-entry]');
    await expect.poll(() => rows.count()).toBe(core.map!.entries.length);
    const seen = await rows.allTextContents();
    core.map!.entries.forEach((p, i) => expect(seen[i]!.includes('(as the Department)'), `entry ${p.n}`).toBe(p.side === 'department'));
    await shot(page, 'Results-both-sides-map');
    noPageErrors();
  }, 300_000);
});

describe('a class that plays the Department, and a class of pairs', () => {
  it('the teacher fixes the Department\'s side; a student plays it in the browser to the command line\'s hash; a pair\'s code counts beside both sides', async () => {
    const { page, site } = h;
    const s = marchNew();
    const cls: ClassSettings = { scenario: s.id, version: s.version, seed: 'class-dept', level: 'standard', showOdds: false, timer: null, name: '', opponent: null, side: 'department' };
    const link = `${site.origin}?class=${encodeClass(cls, shipped())}`;
    expect(link).toContain('?class=c3.');
    // The student's moves: the conceder's, as the Department against the scenario's lab agent.
    const played = playAgent(s, { seed: cls.seed, side: 'department' }, builtinAgent('conceder')!);
    const dept = expectedRecord(s, recordOf(played.state.context));

    await openClassroom(page);
    await page.locator('#class-seed').fill(cls.seed);
    await nextScreen(page, () => clickAt(page, '#a11y [data-class-setting=side][data-value=department]'));
    expect(await page.locator('#a11y [data-class-setting=side][data-value=department]').getAttribute('aria-pressed')).toBe('true');
    // The other chair's row names the lab.
    expect(await page.locator('#a11y h2').allTextContents()).toContain('The lab');
    await expect.poll(() => page.locator('#a11y [data-class-link]').textContent(), { timeout: 10_000 }).toBe(link);
    expect(await buttonLayoutProblems(page)).toEqual([]);
    await shot(page, 'Classroom-side');

    const student = await h.context.newPage();
    try {
      await student.goto(link);
      await waitScreen(student, 'Briefing');
      expect(await student.locator('#a11y').textContent()).toContain('you play the Department');
      await playMoves(student, dept.choices, 'keys');
      await expectEnding(student, dept);
      expect(cliReplay(dept.code).hash).toBe(dept.hash);
    } finally {
      await student.close();
    }

    // A pair on the same seed, and the lab against its own Department: all three counted, split by side.
    const pairRun = foldMoves(engineOf(s), { seed: cls.seed, side: 'pair' }, (i, _t, state, legal) => (state.status === 'done' || legal.length === 0 ? null : { position: (i * 7) % legal.length }));
    expect(pairRun.ok).toBe(true);
    const pair = expectedRecord(s, recordOf(pairRun.state.context));
    const lab = expectedAgentRun(cls.seed, 'prober');
    const text = [`Lab: ${lab.code}`, `Dept: ${dept.code}`, `Pair: ${pair.code}`].join('\n');
    const core = classResults(s, splitPasted(text), cls.seed);
    expect(core.rejected).toEqual([]);
    expect(core.entries.map((e) => e.side)).toEqual(['lab', 'department', 'pair']);
    await countResults(page, text, cls.seed);
    expect(await app(page, 'data-counted')).toBe('3');
    await clickAt(page, '#a11y [data-tab="Deal map"]');
    const rows = page.locator('#a11y [role=tabpanel]:not([hidden]) li[data-entry]');
    await expect.poll(() => rows.count()).toBe(3);
    const seen = await rows.allTextContents();
    expect(seen[1]).toContain('(as the Department)');
    expect(seen[2]).toContain('(two players)');
    await shot(page, 'Results-sides-and-pairs-map');
    noPageErrors();
  }, 300_000);
});

/** What the core says a record ends with: its ending, hash and replay code. */
function expectedRecord(s: ReturnType<typeof marchNew>, record: RunRecord) {
  const r = foldRecord(s, record);
  if (!r.ok) throw r.error;
  const sum = summarize(s, r.state.value, r.state.context, (d) => addDays(s.start, d));
  return { seed: record.seed, choices: record.choices, ending: sum.ending!, hash: sum.hash, code: sum.code };
}

describe('joining and gathering faster', () => {
  it('shows the class link as a QR code whose every module is the core\'s, and keeps class results across a reload until the teacher forgets them', async () => {
    const { page } = h;
    await openTitle(page, h.site.origin);
    await page.evaluate(() => localStorage.removeItem('red-lines:class-results'));
    await openClassroom(page);
    await page.locator('#class-seed').fill('class-qr');
    await expect.poll(() => page.locator('#a11y [data-class-link]').textContent(), { timeout: 10_000 }).toContain('?class=c1.');
    const link = (await page.locator('#a11y [data-class-link]').textContent())!.trim();
    await clickAt(page, '#a11y [data-action=class-qr]');
    const canvas = page.locator('dialog[open] canvas[data-qr]');
    await canvas.waitFor();
    expect(await canvas.getAttribute('data-qr')).toBe(link);
    expect(await page.locator('dialog[open] .qr-text').textContent()).toBe(link);
    // Read the drawn code back, module by module, and compare it with the core's matrix.
    const want = qrModules(link);
    const seen = await canvas.evaluate((c, n) => {
      const el = c as HTMLCanvasElement;
      const g = el.getContext('2d')!;
      const cells = n + 8;
      const cell = el.width / cells;
      return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, k) => g.getImageData(Math.floor((k + 4.5) * cell), Math.floor((r + 4.5) * cell), 1, 1).data[0]! < 128));
    }, want.length);
    expect(seen).toEqual(want);
    await shot(page, 'Classroom-qr');
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });

    // Class results, kept only when asked: they come back after a reload, counted again, until forgotten.
    const runs = ['prober', 'conceder'].map((a) => expectedAgentRun('class-qr', a));
    const text = runs.map((r, i) => `Student ${i + 1}: ${r.code}`).join('\n');
    await countResults(page, text, 'class-qr');
    expect(await app(page, 'data-counted')).toBe('2');
    expect(await page.evaluate(() => localStorage.getItem('red-lines:class-results'))).toBeNull();
    await nextScreen(page, () => clickAt(page, '#a11y [data-action=keep]'));
    expect(await page.locator('#a11y .kept').textContent()).toContain('Kept in this browser since');
    await page.reload();
    await openClassroom(page);
    await nextScreen(page, () => clickAt(page, '[data-action=results]'));
    await waitScreen(page, 'Results');
    await page.locator('#app[data-counted="2"]').waitFor({ state: 'attached' });
    await nextScreen(page, () => clickAt(page, '#a11y [data-action=forget-kept]'));
    expect(await page.evaluate(() => localStorage.getItem('red-lines:class-results'))).toBeNull();
    await page.reload();
    await openClassroom(page);
    await nextScreen(page, () => clickAt(page, '[data-action=results]'));
    await waitScreen(page, 'Results');
    expect(await page.locator('#codes').inputValue()).toBe('');
    noPageErrors();
  }, 300_000);

  it('a student\'s debrief shows the code to hand in as a QR code too', async () => {
    const { page, site } = h;
    const s = marchNew();
    const cls: ClassSettings = { scenario: s.id, version: s.version, seed: 'class-qr-2', level: 'standard', showOdds: false, timer: null, name: '', opponent: null };
    const want = expectedAgentRun(cls.seed, 'conceder');
    await page.goto(`${site.origin}?class=${encodeClass(cls, shipped())}`);
    await waitScreen(page, 'Briefing');
    await playMoves(page, want.choices, 'keys');
    await expectEnding(page, want);
    await clickAt(page, '#a11y [data-action=code-qr]');
    const canvas = page.locator('dialog[open] canvas[data-qr]');
    await canvas.waitFor();
    expect(await canvas.getAttribute('data-qr')).toBe(want.code);
    expect(await buttonLayoutProblems(page)).toEqual([]);
    await shot(page, 'Ending-qr');
    await page.keyboard.press('Escape');
    noPageErrors();
  }, 300_000);
});

describe('the class on the deal map, across seeds', () => {
  it('normalises each run within its own range, pages the runs and keeps every row the core counts', async () => {
    const { page } = h;
    const s = marchNew();
    const agents = ['hardliner', 'conceder', 'boulware', 'tit-for-tat', 'prober', 'random'];
    const runs = agents.flatMap((a) => [1, 2].map((k) => ({ name: `${a} ${k}`, run: expectedAgentRun(`pairs-${a}-${k}`, a) })));
    const text = runs.map((r) => `${r.name}: ${r.run.code}`).join('\n');
    const core = classResults(s, splitPasted(text), null);
    const map = core.map!;
    expect(map.mode).toBe('normalised');
    expect(map.entries).toHaveLength(12);

    await countResults(page, text, '');
    await clickAt(page, '#a11y [data-tab="Deal map"]');
    await expect.poll(() => page.locator('#a11y [role=tabpanel]:not([hidden])').textContent()).toContain('normalised within its own run');
    // Every run is a row in the DOM; the canvas shows them a page at a time.
    const rows = page.locator('#a11y [role=tabpanel]:not([hidden]) li[data-entry]');
    expect(await rows.count()).toBe(12);
    const texts = await rows.allTextContents();
    map.entries.forEach((p, i) => expect(texts[i]).toContain(`lab ${p.lab} (${p.x}%), Department ${p.department} (${p.y}%); ${p.valueLeft} left`));
    const visible = await rows.evaluateAll((els) => els.filter((e) => !(e as HTMLElement).hidden).length);
    expect(visible).toBeLessThan(12);
    expect(await buttonLayoutProblems(page)).toEqual([]);
    await shot(page, 'Results-v2-deal-map-seeds');
    await clickAt(page, '#a11y [data-action=page-next]');
    await expect.poll(() => rows.evaluateAll((els) => els.filter((e) => !(e as HTMLElement).hidden).length)).toBe(12 - visible);
    noPageErrors();
  }, 300_000);
});

describe('the odds explorer', () => {
  it("1,000 seeds per agent and per strategy: the counts of the core and of `red-lines tournament` and `sim`; a 50,000 run cancels", async () => {
    const { page } = h;
    const s = marchNew();
    const agents = [...BUILTIN_AGENT_NAMES];
    const strategies = strategiesOf(s);
    expect(strategies).toEqual(['random', 'first', 'limits-first', 'relationship-first']);
    const wantAgents = Object.fromEntries(agents.map((a) => [a, tallyAgent(s, builtinAgent(a)!, { runs: 1000, seedPrefix: 'sim-' })]));
    const wantStrategies = Object.fromEntries(strategies.map((st) => [st, simulate(s, { runs: 1000, strategy: st, seedPrefix: 'sim-' }).endings]));
    const cli = (args: string[]) => JSON.parse(execFileSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'red-lines.js'), ...args, '--json'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 }));
    const tour = cli(['tournament', '--scenario', `${s.id}@${s.version}`, '--runs', '1000', '--agents', 'builtin:prober']) as { agents: { name: string; endings: Record<string, number>; meanValueLeft: number }[] };
    expect(tour.agents[0]!.endings).toEqual(wantAgents.prober!.endings);
    const sim = cli(['sim', '--scenario', `${s.id}@${s.version}`, '--runs', '1000', '--strategy', 'random']) as { runs: number; endings: Record<string, number> };
    expect(sim.endings).toEqual(wantStrategies.random);

    await openClassroom(page);
    await nextScreen(page, () => clickAt(page, '[data-action=odds]'));
    await waitScreen(page, 'Odds');
    const status = page.locator('#a11y [data-odds-status]');
    const run = page.locator('#a11y [data-action=run-odds]');
    const cancel = page.locator('#a11y [data-action=cancel-odds]');
    expect(await status.getAttribute('data-odds-status')).toBe('idle');
    expect(await cancel.isDisabled()).toBe(true);
    // A negotiation's explorer starts with the agents, at 1,000 seeds each.
    expect(await page.locator('#a11y [data-by="agent"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#a11y [data-runs="1000"]').getAttribute('aria-pressed')).toBe('true');

    /** The table: row → ending → count, the means (agents) and the Runs column. */
    const table = (attr: 'data-agent' | 'data-strategy') =>
      page.locator(`#a11y [data-odds] tr[${attr}]`).evaluateAll(
        (trs, a) =>
          trs.map((tr) => ({
            name: tr.getAttribute(a)!,
            endings: Object.fromEntries([...tr.querySelectorAll('td[data-ending]')].map((td) => [td.getAttribute('data-ending')!, Number(td.textContent)])),
            means: [...tr.querySelectorAll('td[data-mean]')].map((td) => Number(td.textContent)),
            runs: tr.querySelector('td:last-child')?.textContent ?? '',
          })),
        attr,
      );
    const play = async (total: number) => {
      await clickAt(page, '#a11y [data-action=run-odds]');
      await page.locator('#a11y [data-odds-status=done]').waitFor({ state: 'attached', timeout: 300_000 });
      expect(await status.textContent()).toMatch(new RegExp(`^Done: ${total.toLocaleString('en-US')} runs in [\\d.]+ s, on \\d worker`));
    };
    await play(6000);
    const seenAgents = await table('data-agent');
    expect(seenAgents.map((r) => r.name)).toEqual(agents);
    for (const r of seenAgents) {
      const t = wantAgents[r.name]!;
      const m = tallyMeans(t);
      expect(r.endings, `endings of ${r.name} over sim-0..sim-999`).toEqual(t.endings);
      expect(r.means, `means of ${r.name}`).toEqual([m.lab, m.department, m.valueLeft]);
      expect(r.runs).toBe('1000');
    }
    expect(seenAgents.find((r) => r.name === 'prober')!.means[2], 'the explorer and `red-lines tournament` agree').toBe(tour.agents[0]!.meanValueLeft);
    await shot(page, 'Odds-agents');

    // The same agents playing the Department against the default lab agent: the core's numbers
    // and those of `red-lines tournament --side department`.
    const wantDept = Object.fromEntries(agents.map((a) => [a, tallyAgent(s, builtinAgent(a)!, { runs: 1000, seedPrefix: 'sim-', side: 'department', opponent: DEFAULT_OPPONENT })]));
    const tourDept = cli(['tournament', '--scenario', `${s.id}@${s.version}`, '--runs', '1000', '--agents', 'builtin:hardliner', '--side', 'department']) as { opponent: string; agents: { endings: Record<string, number>; meanValueLeft: number }[] };
    expect(tourDept.opponent).toBe(DEFAULT_OPPONENT);
    expect(tourDept.agents[0]!.endings).toEqual(wantDept.hardliner!.endings);
    await nextScreen(page, () => clickAt(page, '#a11y [data-by="department"]'));
    await waitScreen(page, 'Odds');
    expect(await page.locator('#a11y [data-by="department"]').getAttribute('aria-pressed')).toBe('true');
    await play(6000);
    const seenDept = await table('data-agent');
    expect(seenDept.map((r) => r.name)).toEqual(agents);
    for (const r of seenDept) {
      const t = wantDept[r.name]!;
      const m = tallyMeans(t);
      expect(r.endings, `endings of ${r.name} playing the Department`).toEqual(t.endings);
      expect(r.means, `means of ${r.name} playing the Department`).toEqual([m.lab, m.department, m.valueLeft]);
    }
    expect(seenDept.find((r) => r.name === 'hardliner')!.means[2]).toBe(tourDept.agents[0]!.meanValueLeft);
    expect(await buttonLayoutProblems(page)).toEqual([]);
    await shot(page, 'Odds-department');

    // The strategies, by the switch: the same seeds, `red-lines sim`'s counts.
    await nextScreen(page, () => clickAt(page, '#a11y [data-by="strategy"]'));
    await waitScreen(page, 'Odds');
    expect(await page.locator('#a11y [data-by="strategy"]').getAttribute('aria-pressed')).toBe('true');
    const runThousand = async () => {
      await clickAt(page, '#a11y [data-runs="1000"]');
      expect(await page.locator('#a11y [data-runs="1000"]').getAttribute('aria-pressed')).toBe('true');
      await play(4000);
      const seen = await table('data-strategy');
      expect(seen.map((r) => r.name)).toEqual(strategies);
      for (const r of seen) {
        expect(r.endings, `endings of ${r.name} over sim-0..sim-999`).toEqual(wantStrategies[r.name]);
        expect(r.runs).toBe('1000');
      }
      expect(await run.isDisabled()).toBe(false);
      expect(await cancel.isDisabled()).toBe(true);
    };
    await runThousand();

    // 50,000 seeds, cancelled after the first progress: the workers stop and Run works again.
    await clickAt(page, '#a11y [data-runs="50000"]');
    await clickAt(page, '#a11y [data-action=run-odds]');
    await page.locator('#a11y [data-odds-status=running]').waitFor({ state: 'attached' });
    expect(await status.textContent()).toBe('Playing 50,000 seeds with each of 4 strategies…');
    expect(await run.isDisabled()).toBe(true);
    await page.waitForFunction(() => (document.querySelector<HTMLProgressElement>('#a11y progress')?.value ?? 0) > 0, undefined, { timeout: 60_000 });
    await clickAt(page, '#a11y [data-action=cancel-odds]');
    await page.locator('#a11y [data-odds-status=cancelled]').waitFor({ state: 'attached' });
    expect(await status.textContent()).toMatch(/^Cancelled\. /);
    expect(await run.isDisabled(), 'Run is enabled again').toBe(false);
    expect(await cancel.isDisabled()).toBe(true);
    const at = await page.evaluate(() => document.querySelector<HTMLProgressElement>('#a11y progress')!.value);
    expect(at).toBeLessThan(1);
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => document.querySelector<HTMLProgressElement>('#a11y progress')!.value), 'no progress after Cancel: the workers are stopped').toBe(at);
    expect(await status.getAttribute('data-odds-status')).toBe('cancelled');
    const partial = await table('data-strategy');
    expect(partial.filter((r) => r.runs !== '0').every((r) => r.runs === '50000'), 'only strategies that finished all 50,000 seeds are shown').toBe(true);

    // And again, 1,000 seeds: the same counts.
    await runThousand();
    noPageErrors();
  }, 600_000);
});

describe('the debrief, exported', () => {
  it('downloads as the Markdown of the core and prints to a PDF with the timeline, the meter chart and the questions', async () => {
    const { page, site } = h;
    // A negotiation (version 2): the random agent's moves on this seed, story choices and moves at the table.
    const s = marchNew();
    const seed = 'print-e2e';
    const want = expectedAgentRun(seed, 'random');
    const live = { context: contextAfter2(seed, want.choices, want.choices.length) };
    const v = endingView(s, live.context, 'standard')!;

    await page.goto(`${site.origin}?seed=${seed}`);
    await waitScreen(page, 'Briefing');
    await playMoves(page, want.choices, 'mouse');
    await expectEnding(page, want);
    expect(await page.locator('#a11y [data-tab="The dice"]').count(), 'outside a class, "The dice" tab is there').toBe(1);

    // Markdown: exactly the core's debrief.
    const md = await download(page, () => clickAt(page, '[data-action=markdown]'));
    expect(md.name).toBe(`red-lines-debrief-${seed}.md`);
    expect(md.text).toBe(debriefMarkdown(s, live.context, { code: want.code, hash: want.hash, level: 'standard', dice: true }));
    expect(md.text).toContain(`: ${v.title}`);
    for (const part of ['## Timeline', '## Questions to discuss', '## The dice', `Replay code: \`${want.code}\``, want.hash]) expect(md.text).toContain(part);

    // Print: the print-only debrief is built and the print dialog asked for.
    await page.evaluate(() => {
      const w = window as unknown as { __printed: number; print: () => void };
      w.__printed = 0;
      w.print = () => void w.__printed++;
    });
    await clickAt(page, '[data-action=print]');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
    const doc = page.locator('#print');
    expect(await doc.count()).toBe(1);
    expect(await doc.evaluate((el) => getComputedStyle(el).display), 'hidden on screen').toBe('none');

    await page.emulateMedia({ media: 'print' });
    try {
      const seen = await page.evaluate(() => {
        const d = document.getElementById('print')!;
        const shown = (el: Element | null) => !!el && getComputedStyle(el).display !== 'none';
        const after = (title: string) => [...d.querySelectorAll('h2')].find((x) => x.textContent === title)?.nextElementSibling ?? null;
        return {
          printShown: shown(d) && d.getBoundingClientRect().height > 500,
          appShown: shown(document.getElementById('app')),
          h1: d.querySelector('h1')?.textContent,
          heads: [...d.querySelectorAll('h2')].map((x) => x.textContent),
          svg: shown(d.querySelector('svg')) ? d.querySelectorAll('svg polyline').length : -1,
          timeline: [...d.querySelectorAll('ol.timeline li')].map((li) => li.textContent),
          questions: [...(after('Questions to discuss')?.querySelectorAll('li') ?? [])].map((li) => li.textContent),
          dice: after('The dice')?.nextElementSibling?.querySelectorAll('tr').length ?? 0,
          code: [...d.querySelectorAll('.code')].map((p) => p.textContent),
        };
      });
      expect(seen.printShown, '#print is displayed under print media').toBe(true);
      expect(seen.appShown, 'the game is not printed').toBe(false);
      expect(seen.h1).toBe(v.title);
      expect(seen.heads).toEqual(expect.arrayContaining(['Debrief', 'The deal space', 'Meters over the run', 'Timeline', 'The dice', 'Questions to discuss']));
      expect(seen.svg, 'the meter chart: one line per meter').toBe(s.meters.length);
      expect(seen.timeline.length).toBe(v.timeline.length);
      // Every move is in the printed timeline: a story choice as "chose: …", a move at the table in its words.
      const moves = v.timeline.filter((t) => t.kind === 'choice' || t.kind === 'move');
      expect(moves.length).toBe(want.choices.length);
      for (const t of moves) expect(seen.timeline.some((x) => x?.includes(t.kind === 'choice' ? `chose: ${t.label}` : t.label)), `timeline has "${t.label}"`).toBe(true);
      expect(seen.questions).toEqual(v.questions);
      expect(seen.dice, 'the dice table: a header and one row per roll').toBe(1 + live.context.timeline.filter((e) => e.kind === 'roll').length);
      expect(seen.code).toEqual([`Replay code: ${want.code}`, `Final state hash: ${want.hash}`]);

      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      expect(pages, 'the debrief fills more than one page').toBeGreaterThan(1);
    } finally {
      await page.emulateMedia({ media: null });
    }
    noPageErrors();
  });

  it('in a class with the odds hidden: no "The dice" tab, no timer, and the Markdown and print leave the dice out', async () => {
    const { page, site } = h;
    const s = march();
    const cls: ClassSettings = { scenario: s.id, version: s.version, seed: 'class-odds-off', level: 'simple', showOdds: false, timer: null, name: '', opponent: null };
    const want = expectedRun(cls.seed, { choices: ['accept-all-lawful-purposes'] });
    const live = playLive(s, cls.seed, { choices: want.choices });
    if (!live.ok) throw new Error(live.message);

    await page.goto(`${site.origin}?class=${encodeClass(cls, [s])}`);
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y .class-banner').textContent()).toBe('Briefing · class run · odds hidden · no timer');
    await playByMouse(page, want.choices, async () => {
      expect(await page.locator('#a11y [data-timer]').count(), 'no timer without one in the class').toBe(0);
    });
    await expectEnding(page, want);
    expect(await page.locator('#a11y h3', { hasText: 'Hand in this code' }).count()).toBe(1);
    expect(await page.locator('#a11y [data-tab]').count(), 'the other debrief tabs are there').toBeGreaterThan(4);
    expect(await page.locator('#a11y [data-tab="The dice"]').count(), 'odds hidden: no "The dice" tab').toBe(0);
    expect(await page.locator('#a11y [aria-label="The dice"]').count()).toBe(0);

    const md = await download(page, () => clickAt(page, '[data-action=markdown]'));
    expect(md.text).toBe(debriefMarkdown(s, live.context, { code: want.code, hash: want.hash, level: 'simple', dice: false }));
    expect(md.text).not.toContain('## The dice');

    await page.evaluate(() => ((window as unknown as { print: () => void }).print = () => {}));
    await clickAt(page, '[data-action=print]');
    await page.locator('#print').waitFor({ state: 'attached' });
    const heads = await page.locator('#print h2').allTextContents();
    expect(heads).toContain('Questions to discuss');
    expect(heads).not.toContain('The dice');
    noPageErrors();
  });
});

describe('bad class links', () => {
  /** Opens a ?class= link that must fail: the title screen, with the core's reason. */
  async function expectBadClassLink(page: Page, code: string) {
    const core = decodeClass(code, shipped());
    expect(core.ok, `${code} must be refused by the core`).toBe(false);
    await page.goto(`${h.site.origin}?class=${encodeURIComponent(code)}`);
    await waitScreen(page, 'Title');
    const notice = page.locator('#a11y .notice');
    expect(await notice.count()).toBe(1);
    expect(await notice.getAttribute('role')).toBe('alert');
    const text = (await notice.textContent()) ?? '';
    expect(text).toBe(`The class link cannot be opened: ${core.ok ? '' : core.message}`);
    expect(await page.locator('#a11y .class-banner').count()).toBe(0);
    return text;
  }

  it('a damaged link, a link for another scenario version and one from a newer game: the title screen says why', async () => {
    const { page } = h;
    const s = march();
    const good = encodeClass({ scenario: s.id, version: s.version, seed: 'class-bad', level: 'standard', showOdds: false, timer: 60, name: 'x', opponent: null }, [s]);

    expect(await expectBadClassLink(page, 'not-a-class-code')).toContain('This is not a Red Lines class link');
    const changed = good.slice(0, 12) + (good[12] === 'A' ? 'B' : 'A') + good.slice(13);
    expect(await expectBadClassLink(page, changed)).toContain('damaged');

    const v99 = handMadeClass([s.id, 99, 'class-bad', 'standard', 0, 60, 'x']);
    expect(() => encodeClass({ scenario: s.id, version: 99, seed: 'class-bad', level: 'standard', showOdds: false, timer: 60, name: 'x', opponent: null }, [s])).toThrow();
    const notice = await expectBadClassLink(page, v99);
    expect(notice).toContain('version 99');
    expect(notice).toContain('versions 1, 2, 3, 4 and 5');

    expect(await expectBadClassLink(page, handMadeClass([s.id, s.version, 'class-bad', 'standard', 0, 60, 'x'], 4))).toContain('newer Red Lines');

    // The title screen still works after a bad link: For teachers opens.
    await nextScreen(page, () => clickAt(page, '[data-action=teachers]'));
    await waitScreen(page, 'Classroom');

    // A class link made for version 1 before version 2 shipped still opens its class, in version 1's story.
    await page.goto(`${h.site.origin}?class=${encodeURIComponent(good)}`);
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y .class-banner').count()).toBe(1);
    await nextScreen(page, () => clickAt(page, '[data-action=begin]'));
    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await waitScreen(page, 'Table');
    noPageErrors();
  });
});
