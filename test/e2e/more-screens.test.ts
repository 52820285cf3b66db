/**
 * The screens of replays, run history, what-if comparison and the classroom: a screenshot of each
 * into test-results/screens/ (with the "-hits" outline of its DOM buttons), every DOM button lying
 * over its drawing, and axe-core finding no serious or critical violation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, playLive, recordToCode, summarize } from '../../src/core/index.ts';
import { runAxe } from './support/axe.ts';
import { buttonLayoutProblems, clickAt, march, nextScreen, openTitle, playByMouse, settle, shot, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser({ reducedMotion: 'reduce' });

// A four-choice run and its what-if at the second beat (the pair test/e2e/replays.test.ts checks).
const SEED = 'whatif-1';
const ORIGINAL = ['hold-both-clauses', 'propose-joint-review-board', 'drop-bulk-data-clause', 'sign-late-offer'];
const BRANCHED = ['hold-both-clauses', 'accept-pentagon-legal-review', 'drop-bulk-data-clause', 'sign-late-offer'];

async function check(page: Page, name: string) {
  await settle(page, 500);
  await shot(page, name);
  const style = await page.addStyleTag({ content: '#a11y .hit { outline: 2px dashed #00e5ff !important; outline-offset: -1px; background: rgb(0 229 255 / 0.12) !important; }' });
  await shot(page, `${name}-hits`);
  await style.evaluate((el) => (el as Element).remove());
  expect(await buttonLayoutProblems(page), `${name}: buttons over their drawings`).toEqual([]);
  const r = await runAxe(page);
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${name}: ${v.id} on ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `${name}: serious or critical axe violations`).toEqual([]);
}

function code(seed: string, choices: string[]): string {
  const s = march();
  return recordToCode(s, { scenario: s.id, version: s.version, seed, choices });
}

describe('the replay, history, what-if and classroom screens', () => {
  it('are laid out, accessible and photographed at 1280x720', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 720 });

    // The viewer, at a beat with reactions and at the end.
    await page.goto(`${h.site.origin}?replay=${code(SEED, ORIGINAL)}`);
    await waitScreen(page, 'Replay');
    await check(page, 'Replay');
    await page.keyboard.press('End');
    await page.locator(`#app[data-replay-step="${ORIGINAL.length}"]`).waitFor({ state: 'attached' });
    await check(page, 'Replay-end');

    // Branch at the second beat, play the what-if by mouse, compare.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.locator('#app[data-replay-step="1"]').waitFor({ state: 'attached' });
    await nextScreen(page, () => clickAt(page, '[data-action=branch]'));
    await waitScreen(page, 'Table');
    await check(page, 'Table-what-if');
    await playByMouse(page, BRANCHED.slice(1));
    await waitScreen(page, 'Ending');
    const live = playLive(march(), SEED, { choices: BRANCHED });
    if (!live.ok) throw new Error(live.message);
    expect(await page.locator('#app').getAttribute('data-hash')).toBe(summarize(march(), live.value, live.context, (d) => addDays(march().start, d)).hash);
    await check(page, 'Ending-what-if');
    await nextScreen(page, () => clickAt(page, '[data-action=compare]'));
    await waitScreen(page, 'Compare');
    expect(Number(await page.locator('#app').getAttribute('data-differences'))).toBeGreaterThan(0);
    await check(page, 'Compare');

    // The history, with the what-if in it.
    await openTitle(page, h.site.origin);
    await nextScreen(page, () => clickAt(page, '[data-action=runs]'));
    await waitScreen(page, 'Runs');
    await check(page, 'Runs');

    // The classroom screens.
    await openTitle(page, h.site.origin);
    await nextScreen(page, () => clickAt(page, '[data-action=teachers]'));
    await waitScreen(page, 'Classroom');
    await check(page, 'Classroom');
    await nextScreen(page, () => clickAt(page, '[data-action=odds]'));
    await waitScreen(page, 'Odds');
    await clickAt(page, '[data-runs="1000"]');
    await clickAt(page, '[data-action=run-odds]');
    await page.locator('[data-odds-status="done"]').waitFor({ state: 'attached', timeout: 120_000 });
    await check(page, 'Odds');
    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await nextScreen(page, () => clickAt(page, '[data-action=results]'));
    await waitScreen(page, 'Results');
    await page.locator('#results-seed').fill('');
    await page.locator('#codes').fill([`Ada: ${code(SEED, ORIGINAL)}`, `Ben: ${code(SEED, BRANCHED)}`, 'Cy: rl2.broken'].join('\n'));
    await check(page, 'Results-input');
    await nextScreen(page, () => clickAt(page, '[data-action=count]'));
    await page.locator('#app[data-counted="2"][data-refused="1"]').waitFor({ state: 'attached' });
    await check(page, 'Results');
    for (const tab of ['Choices by beat', 'Meters', 'Paths', 'Entries', 'Refused']) {
      await clickAt(page, `[data-tab="${tab}"]`);
      await settle(page, 300);
      await shot(page, `Results-tab-${tab.replace(/\s+/g, '-')}`);
    }
  }, 600_000);
});
