/**
 * One whole run of version 2 by keyboard alone: Tab to "Seeded run…", type the seed, Enter
 * through the briefing and phase screens; at the table, Tab and the arrow keys set the contract
 * clause by clause, a number key picks a move and Enter commits it; Esc opens the menu. The moves
 * are the `prober` agent's on this seed (probes, proposals and story moves), and the run ends
 * on the core's hash. The page counts pointer events; there must be none.
 */
import { describe, expect, it } from 'vitest';
import { expectedAgentRun, expectEnding, nextScreen, openTitle, playMoves, screenOf, tabTo, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser();

describe('keyboard only', () => {
  it('plays a whole negotiation with Tab, the arrow keys, number keys, Enter and Esc, to the core hash', async () => {
    const seed = 'keyboard-1';
    const want = expectedAgentRun(seed, 'prober');
    expect(want.choices.some((t) => t.startsWith('propose:')), 'the run proposes').toBe(true);
    expect(want.choices.some((t) => t.startsWith('probe:')), 'the run probes').toBe(true);
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

    await playMoves(page, want.choices, 'keys', async (i, screen) => {
      if (i !== 1) return;
      // Esc opens the menu over the table; Esc closes it again.
      await page.keyboard.press('Escape');
      await page.locator('dialog[open][aria-label=Menu]').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
      expect(await screenOf(page)).toBe(screen);
    });
    await expectEnding(page, want);

    // The ending's buttons are reachable by Tab too.
    await tabTo(page, '[data-action=title]');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Title');
    expect(await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(0);
  }, 300_000);
});
