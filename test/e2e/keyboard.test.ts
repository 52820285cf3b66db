/**
 * One whole run by keyboard alone: Tab to "Seeded run…", type the seed, Enter through the
 * briefing and phase screens, 1-4 or Tab to pick a choice and Enter to commit, Esc for the menu.
 * The page counts pointer events; there must be none.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectedRun, expectEnding, nextScreen, openTitle, screenOf, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser();

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return el ? { tag: el.tagName, choice: el.dataset.choice ?? null, action: el.dataset.action ?? null, pressed: el.getAttribute('aria-pressed') } : null;
});

describe('keyboard only', () => {
  it('plays a whole run with Tab, 1-4, Enter and Esc, to the core hash', async () => {
    const seed = 'keyboard-1';
    const want = expectedRun(seed, { strategy: 'principled' });
    const { page } = h;
    await page.addInitScript(() => {
      (window as unknown as { pointerEvents: number }).pointerEvents = 0;
      for (const t of ['pointerdown', 'mousedown', 'click', 'touchstart'])
        addEventListener(t, (e) => {
          // Clicks that keyboards make on buttons (Enter, Space) have no pointer position.
          if (t === 'click' && (e as MouseEvent).detail === 0) return;
          (window as unknown as { pointerEvents: number }).pointerEvents++;
        }, true);
    });
    await openTitle(page, h.site.origin);

    // Title: Tab to "Seeded run…", Enter opens the dialog with the input focused; type, Enter.
    await tabTo(page, '[data-action=seeded-run]');
    await page.keyboard.press('Enter');
    await page.locator('dialog[open] input').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.type(seed);
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y').textContent()).toContain(`Seed: ${seed}`);

    // Briefing and the first phase screen: Enter.
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Phase');

    for (const [i, id] of want.choices.entries()) {
      if ((await screenOf(page)) === 'Phase') await nextScreen(page, () => page.keyboard.press('Enter'));
      expect(await screenOf(page)).toBe('Table');
      const key = await page.locator(`#a11y [data-choice="${id}"]`).getAttribute('data-key');
      if (i === 1) {
        // Esc opens the menu over the table; Esc closes it again.
        await page.keyboard.press('Escape');
        await page.locator('dialog[open][aria-label=Menu]').waitFor();
        await page.keyboard.press('Escape');
        await page.locator('dialog[open]').waitFor({ state: 'detached' });
        expect(await screenOf(page)).toBe('Table');
      }
      if (i % 3 === 2) {
        // Tab to the choice, Enter selects it, Enter again commits it.
        await tabTo(page, `[data-choice="${id}"]`);
        await page.keyboard.press('Enter');
      } else {
        // Its number selects and focuses it; Enter commits it.
        await page.keyboard.press(key!);
      }
      await expect.poll(() => focused(page)).toEqual({ tag: 'BUTTON', choice: id, action: null, pressed: 'true' });
      await nextScreen(page, () => page.keyboard.press('Enter'));
    }
    await expectEnding(page, want);

    // The ending's buttons are reachable by Tab too.
    await tabTo(page, '[data-action=title]');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Title');
    expect(await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(0);
  });
});
