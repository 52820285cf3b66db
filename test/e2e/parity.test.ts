/**
 * The canvas/DOM parity tour: every screen, and the states within screens that change text in
 * place (a selected choice, each debrief tab, the replay viewer's first, middle and last frames,
 * each class results tab). On each, every canvas text must have a DOM twin with the same words,
 * and every DOM text must be drawn (test/e2e/support/parity.ts). All problems of the tour are
 * gathered and reported together.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordToCode } from '../../src/core/index.ts';
import { clickAt, expectedAgentRun, march, nextScreen, openTitle, playByMouse, playMoves, settle, startSeededByMouse, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';
import { parity } from './support/parity.ts';

const h = useBrowser({ reducedMotion: 'reduce' });

const SEED = 'whatif-1';
const ORIGINAL = ['hold-both-clauses', 'propose-joint-review-board', 'drop-bulk-data-clause', 'sign-late-offer'];
const BRANCHED = ['hold-both-clauses', 'accept-pentagon-legal-review', 'drop-bulk-data-clause', 'sign-late-offer'];

function code(seed: string, choices: string[]): string {
  const s = march();
  return recordToCode(s, { scenario: s.id, version: s.version, seed, choices });
}

describe('canvas and DOM', () => {
  it('say the same words on every screen', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 720 });
    const problems: string[] = [];
    const seen: string[] = [];
    const check = async (p: Page, name: string) => {
      await settle(p, 400);
      const r = await parity(p);
      seen.push(`${name} (${r.screen}): ${r.canvasCount} canvas texts, ${r.domCount} DOM texts`);
      expect(r.canvasCount, `${name}: the hook reads the canvas`).toBeGreaterThan(0);
      for (const t of r.canvasOnly) problems.push(`${name}: on the canvas only: "${t}"`);
      for (const t of r.domOnly) problems.push(`${name}: in the DOM only: "${t}"`);
    };

    // A negotiation (version 2): two probes and two proposals, signed (the prober on seed end-39).
    const g = expectedAgentRun('end-39', 'prober');
    await openTitle(page, h.site.origin);
    await check(page, 'Title');
    await startSeededByMouse(page, g.seed);
    await check(page, 'Briefing');
    await nextScreen(page, () => clickAt(page, '#a11y button[aria-pressed]:not([aria-pressed=true])'));
    await check(page, 'Briefing (simple)');
    await nextScreen(page, () => clickAt(page, '#a11y button[aria-pressed]:not([aria-pressed=true])'));
    await nextScreen(page, () => clickAt(page, '[data-action=begin]'));
    await check(page, 'Phase');
    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await waitScreen(page, 'Talks');
    await check(page, 'Talks');
    await clickAt(page, `#a11y button[data-token="${g.choices[0]}"]`);
    await check(page, 'Talks (a move selected)');
    await clickAt(page, '#a11y button[data-clause]');
    await check(page, 'Talks (a clause changed)');
    await page.keyboard.press('Escape');
    await nextScreen(page, () => clickAt(page, 'dialog[open] .hit:nth-of-type(2)'));
    await waitScreen(page, 'Settings');
    await check(page, 'Settings');
    await nextScreen(page, () => clickAt(page, '[data-action=done]'));
    await waitScreen(page, 'Talks');
    await page.keyboard.press('Escape');
    await nextScreen(page, () => clickAt(page, 'dialog[open] .hit:nth-of-type(3)'));
    await waitScreen(page, 'Sources');
    await check(page, 'Sources');
    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await waitScreen(page, 'Talks');
    await playMoves(page, g.choices, 'mouse', async (i) => {
      if (i === g.choices.length - 1) await check(page, 'Talks (late)');
    });
    await waitScreen(page, 'Ending');
    await check(page, 'Ending');
    const tabs = await page.locator('#a11y [data-tab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')!));
    expect(tabs).toEqual(expect.arrayContaining(['Contract', 'Deal map', 'Meters', 'Timeline', 'Trade-offs', 'What really happened', 'Discuss']));
    for (const tab of tabs.slice(1)) {
      await clickAt(page, `[data-tab="${tab}"]`);
      await check(page, `Ending: ${tab}`);
    }

    // A version 1 code: its replay, a what-if branch of it and the comparison, as they were.
    await page.goto(`${h.site.origin}?replay=${code(SEED, ORIGINAL)}`);
    await waitScreen(page, 'Replay');
    await check(page, 'Replay (first frame)');
    await page.keyboard.press('ArrowRight');
    await page.locator('#app[data-replay-step="1"]').waitFor({ state: 'attached' });
    await check(page, 'Replay (second frame)');
    await page.keyboard.press('End');
    await page.locator(`#app[data-replay-step="${ORIGINAL.length}"]`).waitFor({ state: 'attached' });
    await check(page, 'Replay (last frame)');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.locator('#app[data-replay-step="1"]').waitFor({ state: 'attached' });
    await nextScreen(page, () => clickAt(page, '[data-action=branch]'));
    await waitScreen(page, 'Table');
    await check(page, 'Table (what-if)');
    await playByMouse(page, BRANCHED.slice(1));
    await waitScreen(page, 'Ending');
    await nextScreen(page, () => clickAt(page, '[data-action=compare]'));
    await waitScreen(page, 'Compare');
    await check(page, 'Compare');

    await openTitle(page, h.site.origin);
    await nextScreen(page, () => clickAt(page, '[data-action=runs]'));
    await waitScreen(page, 'Runs');
    await check(page, 'Runs');

    await openTitle(page, h.site.origin);
    await nextScreen(page, () => clickAt(page, '[data-action=teachers]'));
    await waitScreen(page, 'Classroom');
    await check(page, 'Classroom');
    await nextScreen(page, () => clickAt(page, '[data-action=odds]'));
    await waitScreen(page, 'Odds');
    await check(page, 'Odds');
    await clickAt(page, '[data-runs="1000"]');
    await clickAt(page, '[data-action=run-odds]');
    await page.locator('[data-odds-status="done"]').waitFor({ state: 'attached', timeout: 120_000 });
    await check(page, 'Odds (counted)');
    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await nextScreen(page, () => clickAt(page, '[data-action=results]'));
    await waitScreen(page, 'Results');
    await check(page, 'Results (input)');
    await page.locator('#results-seed').fill('');
    await page.locator('#codes').fill([`Ada: ${code(SEED, ORIGINAL)}`, `Ben: ${code(SEED, BRANCHED)}`, 'Cy: rl2.broken'].join('\n'));
    await nextScreen(page, () => clickAt(page, '[data-action=count]'));
    await page.locator('#app[data-counted="2"][data-refused="1"]').waitFor({ state: 'attached' });
    await check(page, 'Results');
    for (const tab of ['Choices by beat', 'Meters', 'Paths', 'Entries', 'Refused']) {
      await clickAt(page, `[data-tab="${tab}"]`);
      await check(page, `Results: ${tab}`);
    }

    console.log(`parity tour:\n  ${seen.join('\n  ')}`);
    expect(problems, `canvas/DOM parity problems:\n${problems.join('\n')}`).toEqual([]);
  }, 900_000);
});
