/**
 * The text view: turned on in Settings, the canvas is hidden and the DOM layer is the game, with
 * visible headings, text and buttons. A whole run played there ends with the core's hash.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickAt, expectedAgentRun, expectEnding, nextScreen, openTitle, playMoves, startSeededByMouse, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser();

/** Text view is on, the canvas is not shown, and every button and heading of the screen is. */
async function expectTextView(page: Page) {
  expect(await page.locator('#app').getAttribute('class')).toContain('text-view');
  expect(await page.locator('#game canvas').isVisible(), 'the canvas is hidden').toBe(false);
  const hidden = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#a11y .hit, #a11y h1, #a11y h2')]
      .filter((el) => getComputedStyle(el.closest('.canvas-only') ?? el).display !== 'none')
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return r.width < 20 || r.height < 10 || s.visibility === 'hidden' || s.opacity === '0' || s.color === 'rgba(0, 0, 0, 0)';
      })
      .map((el) => el.textContent),
  );
  expect(hidden, 'buttons and headings that are not visible in the text view').toEqual([]);
}

describe('text view', () => {
  it('is turned on in Settings, saved, and plays a run to the core hash', async () => {
    const { page } = h;
    const seed = 'text-view-1';
    const want = expectedAgentRun(seed, 'prober');
    await openTitle(page, h.site.origin);
    expect(await page.locator('#app').getAttribute('class')).toContain('canvas-view');

    await nextScreen(page, () => clickAt(page, '[data-action=settings]'));
    await waitScreen(page, 'Settings');
    await nextScreen(page, () => clickAt(page, '[data-setting=textView][data-value=on]'));
    await waitScreen(page, 'Settings');
    expect(await page.locator('[data-setting=textView][data-value=on]').getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('red-lines:settings'))) ?? '{}')).toMatchObject({ textView: 'on' });
    await expectTextView(page);
    await nextScreen(page, () => clickAt(page, '[data-action=done]'));
    await waitScreen(page, 'Title');
    await expectTextView(page);

    // A reload keeps it.
    await openTitle(page, h.site.origin);
    await expectTextView(page);

    await startSeededByMouse(page, seed);
    await expectTextView(page);
    await playMoves(page, want.choices, 'mouse', async (i) => {
      if (i === 0 || i === want.choices.length - 1) await expectTextView(page);
      // Each move's screen (a new round, the story table's next beat drawn in place) is read from its top.
      if (i > 0) expect(await page.evaluate(() => scrollY), `move ${i + 1} starts at the top of the page`).toBe(0);
    });
    await expectEnding(page, want);
    await expectTextView(page);
    // The whole debrief is there as text: every section heading, the meters table, the timeline.
    for (const heading of ['Debrief', 'The contract, clause by clause', 'The deal space, with the hidden values revealed', 'Meters over time', 'Timeline of choices and reactions', 'The trade-offs you made', 'What the reports say really happened', 'Questions to discuss']) {
      expect(await page.getByRole('heading', { name: heading }).isVisible(), heading).toBe(true);
    }
    expect(await page.locator('#a11y table tr').count()).toBeGreaterThan(2);
    // The signed contract and the deal map are text too (every section is shown at once): the map's points are a list.
    expect(await page.locator('#a11y li').filter({ hasText: /^No deal \(walk-away values (at the end|when the contract was signed)\): you/ }).count(), 'the deal map in words').toBe(1);
    expect(await page.getByText(/^Value left on the table: [\d.]+ points$/).isVisible()).toBe(true);

    // Back to the canvas view.
    await nextScreen(page, () => clickAt(page, '[data-action=title]'));
    await nextScreen(page, () => clickAt(page, '[data-action=settings]'));
    await nextScreen(page, () => clickAt(page, '[data-setting=textView][data-value=off]'));
    expect(await page.locator('#app').getAttribute('class')).toContain('canvas-view');
    // Phaser re-measures its parent within half a second after it is shown again.
    await expect.poll(() => page.locator('#game canvas').isVisible(), { timeout: 3000 }).toBe(true);
    await expect.poll(() => page.evaluate(() => JSON.stringify([document.querySelector('#game canvas')!.getBoundingClientRect().width, document.querySelector<HTMLElement>('#a11y')!.style.transform])), { timeout: 3000 }).toBe(JSON.stringify([1280, 'translate(0px, 0px) scale(1)']));
  }, 300_000);
});
