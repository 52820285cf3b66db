/**
 * A class in 20 or 45 minutes (issue 12), in real Chromium against the built site: a first-time
 * player is offered the tutorial and plays it to its end by keys (the command line's ending and
 * hash), then goes on to the real negotiation; the tutorial played as the Department, with that
 * side's own lessons; a glossary term opened by keyboard and read in the
 * screen-reader tree, the glossary screen, its printout and the context beyond the reports; and a
 * 20-minute class link made on the teachers' screen and played to an ending.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, decodeClass, engineOf, foldMoves, movesFrom, summarize, type Scenario } from '../../src/core/index.ts';
import { playAgent } from '../../src/core/agent-play.ts';
import { BUILTIN_AGENTS } from '../../src/core/negotiation/agents.ts';
import { glossaryView } from '../../src/core/glossary.ts';
import { prose } from '../../src/core/prose.ts';
import { loadMarchShort2, loadTutorial2 } from '../helpers.ts';
import { clickAt, expectEnding, marchNew, nextScreen, openTitle, playMoves, settle, shipped, shot, tabTo, waitScreen, type Expected } from './support/game.ts';
import { useBrowser } from './support/harness.ts';
import { runAxe } from './support/axe.ts';

const h = useBrowser();
/** The tutorial the title offers: its newest version. */
const tutorial = loadTutorial2();
/** What a 20-minute class plays: the shortening of the newest version. */
const short = loadMarchShort2();
/** axe-core's serious and critical violations on the page as it stands, one line each. */
async function axeProblems(page: Page, label: string): Promise<string[]> {
  const r = await runAxe(page);
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${label}: ${v.impact} ${v.id} on ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

const noPageErrors = () => expect(h.problems.filter((p) => p.startsWith('page error')), 'uncaught page errors').toEqual([]);

/** What the core says these moves (cut where the run ends) end with, for a scenario and seed (and the side played). */
function expected(s: Scenario, start: string | { seed: string; side: 'department'; opponent: string }, wanted: readonly string[]): Expected {
  const seed = typeof start === 'string' ? start : start.seed;
  let moves = [...wanted];
  for (let n = 1; n <= wanted.length; n++) {
    const r = foldMoves(engineOf(s), start, movesFrom(wanted.slice(0, n)));
    if (r.ok && r.state.status === 'done') {
      moves = wanted.slice(0, n);
      break;
    }
  }
  const r = foldMoves(engineOf(s), start, movesFrom(moves));
  if (!r.ok) throw new Error(`the moves of ${seed} were refused at ${r.problem.index + 1}`);
  const sum = summarize(s, r.state.value, r.state.context, (d) => addDays(s.start, d));
  if (!sum.ending) throw new Error(`the run of ${seed} did not end`);
  return { seed, choices: sum.choices, ending: sum.ending, hash: sum.hash, code: sum.code };
}

/** The seed the Briefing shows ("Seed: x" at the end of its "You: ..." line). */
async function briefingSeed(page: Page): Promise<string> {
  const line = await page.locator('#a11y p.t', { hasText: 'Seed: ' }).first().textContent();
  return /Seed: (.+)$/.exec(line ?? '')![1]!.trim();
}

describe('the tutorial', () => {
  it('is offered to a first-time player, plays to its end by keys as the command line does, and leads on to the real negotiation', async () => {
    const { page } = h;
    await openTitle(page, h.site.origin);
    await page.evaluate(() => localStorage.clear());
    await openTitle(page, h.site.origin);
    const offer = page.locator('#a11y [data-action=tutorial]');
    expect(await offer.count(), 'a first-time player is offered the tutorial').toBe(1);
    await shot(page, 'Title-first-time');
    await nextScreen(page, () => clickAt(page, '#a11y [data-action=tutorial]'));
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y h1').first().textContent()).toBe(tutorial.title);
    // It says it is fictional, in the briefing and under it.
    expect(await page.locator('#a11y').textContent()).toContain('A fictional scenario: nothing in it is a fact.');
    const seed = await briefingSeed(page);
    await settle(page);
    await shot(page, 'Tutorial-briefing');

    // A player who follows the lessons: a package, a question, a better package, then accept.
    const want = expected(tutorial, seed, ['propose:002', 'probe:ask-what-matters', 'propose:012', 'accept']);
    let lessons = 0;
    await playMoves(
      page,
      want.choices,
      'keys',
      async (i, screen) => {
        expect(screen).toBe('Talks');
        // Each round's card is its lesson, shown whole (the canvas does not trim it).
        const text = prose(tutorial.phases[0]!.beats[i]!.card);
        const twin = (await page.locator('#a11y section[aria-label="This round"] .prose').allTextContents()).join(' ');
        if (twin.includes(text.slice(0, 40))) lessons++;
        if (i === 0) {
          await settle(page);
          await shot(page, 'Tutorial-lesson-1');
          expect(await axeProblems(page, 'Tutorial table')).toEqual([]);
        }
      },
      tutorial,
    );
    expect(lessons, 'every round showed its lesson').toBe(want.choices.length);
    await expectEnding(page, want);
    await settle(page);
    await shot(page, 'Tutorial-ending');
    // The deal map's own words are glossary terms, marked in its tab and shown and hidden with it.
    await clickAt(page, '#a11y [role=tab][data-tab="Deal map"]');
    const shown = page.locator('#a11y [role=tabpanel]:not([hidden])');
    await expect.poll(() => shown.locator('.term').allTextContents()).toEqual(expect.arrayContaining(['Value left on the table', 'Pareto frontier']));
    const areas = await page.locator('#a11y .term-hit').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.closest('[role=tabpanel]')?.hasAttribute('hidden') ?? null));
    expect(areas.length, 'the shown terms have their areas on the canvas').toBeGreaterThanOrEqual(2);
    expect(areas.filter((hiddenTab) => hiddenTab === true), 'no term area of a hidden tab is shown').toEqual([]);
    await shown.locator('.term', { hasText: 'Pareto frontier' }).focus();
    await expect.poll(() => page.locator('#a11y [role=dialog].term-pop').getAttribute('aria-label')).toBe('Glossary: Pareto frontier');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => localStorage.getItem('red-lines:tutorial'))).toBe('done');

    // On to the real negotiation: its title screen, with no tutorial offered any more.
    await nextScreen(page, () => clickAt(page, '#a11y [data-action=real]'));
    await waitScreen(page, 'Title');
    expect(await page.locator('#a11y h1').first().textContent()).toBe(marchNew().title);
    expect(await page.locator('#a11y [data-action=tutorial]').count()).toBe(0);
    expect(await page.locator('#a11y [data-action=scenario]').textContent()).toContain(marchNew().title);
    noPageErrors();
  });

  it('played as the Department, each round shows the Department\'s own lesson, and it plays to the command line\'s ending', async () => {
    const { page } = h;
    const seed = 'tut-dept-e2e';
    await page.goto(`${h.site.origin}/?scenario=tutorial&side=department&seed=${seed}`);
    await waitScreen(page, 'Briefing', 60_000);
    expect(await briefingSeed(page)).toBe(seed);
    const start = { seed, side: 'department' as const, opponent: tutorial.departmentRole!.opponent };
    // Three texts that give ground clause by clause, then the lab's last offer accepted.
    const want = expected(tutorial, start, ['propose:200', 'propose:210', 'propose:211', 'accept']);
    const beats = tutorial.phases[0]!.beats;
    const seen: string[] = [];
    await playMoves(
      page,
      want.choices,
      'keys',
      async (i, screen) => {
        expect(screen).toBe('Talks');
        const card = beats[i]!.departmentCard!;
        const text = prose(card.card);
        const moves = page.locator('#a11y section[aria-label="This round"]');
        expect(await moves.locator('h2').first().textContent()).toBe(card.title);
        // The card is shown whole, terms and all, in the text twin; the lab's lesson is not.
        expect((await moves.locator('.prose').first().textContent())!.replace(/\s+/g, ' ')).toBe(text);
        expect(await page.locator('#a11y').textContent()).not.toContain(prose(beats[i]!.card));
        seen.push(card.title);
        if (i === 2) {
          await settle(page);
          await shot(page, 'Tutorial-department-lesson-3');
        }
      },
      tutorial,
    );
    expect(seen).toEqual(beats.map((b) => b.departmentCard!.title));
    await expectEnding(page, want);
    noPageErrors();
  });
});

describe('the glossary', () => {
  it('opens a term by keyboard: its definition is in the screen-reader tree, named by the term, with its grounding; Escape closes it', async () => {
    const { page } = h;
    await openTitle(page, h.site.origin);
    await nextScreen(page, () => clickAt(page, '#a11y [data-action=new-run]'));
    await waitScreen(page, 'Briefing');
    await settle(page);
    const terms = glossaryView(marchNew(), 'standard');
    // Tab to the first marked term: a button inside the briefing's sentence.
    await tabTo(page, '#a11y .term');
    const id = (await page.evaluate(() => (document.activeElement as HTMLElement).dataset.term))!;
    const term = terms.find((t) => t.id === id)!;
    expect(term, `the focused term ${id} is in the glossary`).toBeDefined();
    const pop = page.locator('#a11y [role=dialog].term-pop');
    await pop.waitFor({ state: 'visible' });
    // Keyboard focus is visible on the canvas too: the term's area is ringed.
    expect(await page.locator(`#a11y .term-hit.focus[data-term="${id}"]`).count()).toBe(1);
    await shot(page, 'Glossary-popup');
    expect(await axeProblems(page, 'Briefing with a definition open')).toEqual([]);
    const tree = await pop.ariaSnapshot();
    expect(tree).toContain(`dialog "Glossary: ${term.term}"`);
    expect(tree).toContain(term.text.slice(0, 60));
    expect(tree).toContain(term.grounding);
    // The term reads in place, in its sentence, as a button that says it opens the definition.
    const para = page.locator('#a11y .term[aria-expanded=true]').locator('xpath=..');
    expect(await para.ariaSnapshot()).toContain(`button "${await page.locator('#a11y .term[aria-expanded=true]').textContent()}"`);
    await page.keyboard.press('Enter');
    expect(await page.locator(`#a11y .term[data-term="${id}"]`).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await pop.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.term)).toBe(id);
    // Escape on the term closed the definition, not the game's menu.
    expect(await page.locator('dialog[open]').count()).toBe(0);

    // A pointer over the term's dots shows the same definition.
    await page.locator(`#a11y .term-hit[data-term="${id}"]`).hover();
    await pop.waitFor({ state: 'visible' });
    expect(await pop.getAttribute('aria-label')).toBe(`Glossary: ${term.term}`);
    noPageErrors();
  });

  it('has its own screen (every term, a page at a time), a printout, and the context beyond the reports labelled as background', async () => {
    const { page } = h;
    await openTitle(page, h.site.origin);
    await nextScreen(page, () => clickAt(page, '#a11y [data-action=sources]'));
    await nextScreen(page, () => clickAt(page, '#a11y [data-action=glossary]'));
    await waitScreen(page, 'Glossary');
    const terms = glossaryView(marchNew(), 'standard');
    expect(await page.locator('#a11y li.term-entry').count()).toBe(terms.length);
    expect(await page.locator('#a11y li.term-entry h2').allTextContents()).toEqual(terms.map((t) => t.term));
    await settle(page);
    await shot(page, 'Glossary');
    expect(await axeProblems(page, 'Glossary')).toEqual([]);
    // Printed: every term with its definition and grounding, and the background after them.
    await clickAt(page, '#a11y [data-action=print]').catch(() => {});
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('#print').textContent();
    await page.emulateMedia({ media: 'screen' });
    for (const t of terms) expect(printed).toContain(`${t.text} (${t.grounding}.)`);
    expect(printed).toContain('Who sets such rules: general background, not from the two reports');
    await nextScreen(page, () => clickAt(page, '#a11y [data-action=context]'));
    const note = await page.locator('#a11y .background-note').textContent();
    expect(note).toMatch(/^General background, not from the two reports/);
    const context = marchNew().context!;
    expect(await page.locator('#a11y h2').allTextContents()).toEqual(expect.arrayContaining(context.map((c) => c.title)));
    await settle(page);
    await shot(page, 'Glossary-context');
    noPageErrors();
  });
});

describe('the 20-minute class', () => {
  it('is a lesson length on the teachers\' screen; its link plays the short version to the command line\'s ending', async () => {
    const { page } = h;
    await openTitle(page, h.site.origin);
    await nextScreen(page, () => clickAt(page, '[data-action=teachers]'));
    await waitScreen(page, 'Classroom');
    await nextScreen(page, () => clickAt(page, '#a11y [data-class-setting=length][data-value=short]'));
    expect(await page.locator('#a11y [data-class-setting=length][data-value=short]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('#class-seed').fill('class-20');
    await expect.poll(() => page.locator('#a11y [data-class-link]').textContent(), { timeout: 10_000 }).toContain('?class=');
    const link = (await page.locator('#a11y [data-class-link]').textContent())!.trim();
    const c = decodeClass(new URL(link).searchParams.get('class')!, shipped());
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect([c.settings.scenario, c.settings.version, c.settings.seed]).toEqual([short.id, short.version, 'class-20']);
    await settle(page);
    await shot(page, 'Classroom-20-minutes');

    // A student opens the link and plays it to the end (as the boulware agent would).
    await page.goto(link);
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y .class-banner').textContent()).toContain('the 20-minute version');
    const moves = playAgent(short, 'class-20', BUILTIN_AGENTS.boulware!).moves;
    const want = expected(short, 'class-20', moves);
    await playMoves(page, want.choices, 'mouse', undefined, short);
    await expectEnding(page, want);
    expect(want.choices.length, 'a short game: few moves').toBeLessThanOrEqual(11);
    noPageErrors();
  });
});
