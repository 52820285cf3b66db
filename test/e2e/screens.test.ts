/**
 * A screenshot of every screen at 1280x720 into test-results/screens/, for people to look at:
 * Title, seed dialog, Briefing (both reading levels), Phase, the negotiating table (Talks: plain,
 * a move selected, larger text, a late one), the story's Table between the tables, menu dialog,
 * Settings, Sources, Ending and each debrief tab (the contract and the deal map among them). "-hits"
 * shots outline the DOM buttons over the canvas, to see that each sits on its drawing. Title,
 * Table and Ending also at 1024x768 and at phone size 390x844, where the text view turns on by
 * itself. text-large/ and text-larger/ hold the screens at the two larger text sizes.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buttonLayoutProblems, clickAt, expectedAgentRun, expectEnding, marchNew, nextScreen, openTitle, playMoves, saveRun, SCREENS_DIR, screenOf, settle, shot, startSeededByMouse, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

// Reduced motion: every screen is in its final state at once (no fades to wait for), except that
// the "+n" labels of meters that moved stay visible.
const h = useBrowser({ reducedMotion: 'reduce' });
const DESKTOP = { width: 1280, height: 720 };
const SMALL = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

/** The same screen with every DOM button outlined (removed again afterwards). */
async function hitsShot(page: Page, name: string) {
  const style = await page.addStyleTag({ content: '#a11y .hit { outline: 2px dashed #00e5ff !important; outline-offset: -1px; background: rgb(0 229 255 / 0.12) !important; }' });
  await shot(page, `${name}-hits`);
  await style.evaluate((el) => (el as Element).remove());
}

async function resize(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  await settle(page, 900);
  expect(await page.locator('#app').getAttribute('class'), `text view at ${size.width}x${size.height}`).toContain(size.width < 700 ? 'text-view' : 'canvas-view');
}

async function sizes(page: Page, name: string) {
  await resize(page, SMALL);
  await shot(page, `${name}-1024x768`);
  expect(await buttonLayoutProblems(page), `${name} at 1024x768`).toEqual([]);
  await resize(page, PHONE);
  await shot(page, `${name}-390x844`);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}-390x844-full.png`), fullPage: true });
  await resize(page, DESKTOP);
}

describe('screenshots', () => {
  it('of every screen at 1280x720, and Title, Talks and Ending at 1024x768 and 390x844', async () => {
    const { page } = h;
    // A negotiation that walks away from the first talks into the story, and ends in court.
    const want = expectedAgentRun('end-78', 'random');
    const g = { seed: want.seed, choices: want.choices };
    await page.setViewportSize(DESKTOP);

    await openTitle(page, h.site.origin);
    await settle(page, 400);
    await shot(page, 'Title');
    await hitsShot(page, 'Title');
    await sizes(page, 'Title');

    await clickAt(page, '[data-action=seeded-run]');
    await page.locator('dialog[open] input').fill(g.seed);
    await shot(page, 'seed-dialog');
    await page.locator('dialog[open] input').fill('');
    await page.locator('dialog[open] button[type=submit]').click();
    await shot(page, 'seed-dialog-empty-seed-error');
    await page.keyboard.press('Escape');

    await startSeededByMouse(page, g.seed);
    await settle(page, 400);
    await shot(page, 'Briefing');
    await hitsShot(page, 'Briefing');
    await nextScreen(page, () => clickAt(page, '#a11y button[aria-pressed]:not([aria-pressed=true])'));
    await settle(page, 400);
    await shot(page, 'Briefing-simple');
    await nextScreen(page, () => clickAt(page, '#a11y button[aria-pressed]:not([aria-pressed=true])'));

    await nextScreen(page, () => clickAt(page, '[data-action=begin]'));
    await settle(page, 400);
    await shot(page, 'Phase');
    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await waitScreen(page, 'Talks');
    await settle(page, 400);
    await shot(page, 'Talks');
    await hitsShot(page, 'Talks');
    await clickAt(page, '#a11y button[data-move="walk-away"]');
    await settle(page, 300);
    await shot(page, 'Talks-selected');
    await sizes(page, 'Talks');

    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor();
    await shot(page, 'menu-dialog');
    await nextScreen(page, () => clickAt(page, 'dialog[open] .hit:nth-of-type(2)'));
    await waitScreen(page, 'Settings');
    await settle(page, 400);
    await shot(page, 'Settings');
    await hitsShot(page, 'Settings');
    await nextScreen(page, () => clickAt(page, '[data-setting=textSize][data-value=larger]'));
    await nextScreen(page, () => clickAt(page, '[data-action=done]'));
    await waitScreen(page, 'Talks');
    await settle(page, 400);
    await shot(page, 'Talks-larger-text');
    await page.keyboard.press('Escape');
    await nextScreen(page, () => clickAt(page, 'dialog[open] .hit:nth-of-type(2)'));
    await nextScreen(page, () => clickAt(page, '[data-setting=textSize][data-value=normal]'));
    await nextScreen(page, () => clickAt(page, '[data-action=done]'));

    await page.keyboard.press('Escape');
    await nextScreen(page, () => clickAt(page, 'dialog[open] .hit:nth-of-type(3)'));
    await waitScreen(page, 'Sources');
    await settle(page, 400);
    await shot(page, 'Sources');
    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await waitScreen(page, 'Talks');

    // Walking away from the talks: the breakdown, and the story's Table between the tables.
    const walk = g.choices.indexOf('walk-away');
    expect(walk).toBeGreaterThan(0);
    await playMoves(page, g.choices.slice(0, walk + 1), 'mouse');
    await waitScreen(page, 'Phase');
    await settle(page, 400);
    await shot(page, 'Phase-breakdown');
    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await waitScreen(page, 'Table');
    await settle(page, 400);
    await shot(page, 'Table');
    await hitsShot(page, 'Table');
    await clickAt(page, `[data-choice="${g.choices[walk + 1]}"]`);
    await settle(page, 300);
    await shot(page, 'Table-selected');
    await sizes(page, 'Table');

    // To the last move through the game's own save and "Continue", then the last move by mouse.
    await saveRun(page, g.seed, g.choices.slice(0, -1), marchNew());
    await page.keyboard.press('Escape');
    await nextScreen(page, () => clickAt(page, 'dialog[open] .hit:nth-of-type(4)'));
    await waitScreen(page, 'Title');
    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    if ((await screenOf(page)) === 'Phase') await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await settle(page, 400);
    await shot(page, 'Table-late');
    await playMoves(page, g.choices.slice(-1), 'mouse');
    await expectEnding(page, want);
    await settle(page, 400);
    await shot(page, 'Ending');
    await hitsShot(page, 'Ending');
    for (const tab of ['Contract', 'Deal map', 'Meters', 'Timeline', 'Trade-offs', 'What really happened', 'Discuss']) {
      await clickAt(page, `[data-tab="${tab}"]`);
      await settle(page, 300);
      await shot(page, `Ending-tab-${tab.replace(/\s+/g, '-')}`);
    }
    await clickAt(page, '[data-tab="Debrief"]');
    await sizes(page, 'Ending');

    // A link with a seed the game refuses: the title screen with its notice.
    await openTitle(page, `${h.site.origin}?seed=${'x'.repeat(201)}`);
    await settle(page, 400);
    await shot(page, 'Title-notice');

    // Phone size from the first load: the text view is on before anything is drawn.
    await page.setViewportSize(PHONE);
    await openTitle(page, h.site.origin);
    expect(await page.locator('#app').getAttribute('class')).toContain('text-view');
    await startSeededByMouse(page, 'phone-1');
    await shot(page, 'Briefing-390x844');
    await nextScreen(page, () => clickAt(page, '[data-action=begin]'));
    await shot(page, 'Phase-390x844');
    await page.setViewportSize(DESKTOP);
    // A tour of some forty screens in software-rendered WebGL: minutes on a 2-core machine.
  }, 600_000);

  it('at text sizes Large and Larger (canvas view, 1280x720)', async () => {
    const { page } = h;
    await page.setViewportSize(DESKTOP);
    for (const size of ['large', 'larger'] as const) {
      await page.goto(h.site.origin);
      await page.evaluate((v) => localStorage.setItem('red-lines:settings', JSON.stringify({ textSize: v })), size);
      const want = expectedAgentRun(`text-${size}`, 'prober');
      await openTitle(page, h.site.origin);
      await settle(page, 400);
      if (size === 'larger') await shot(page, `text-${size}/Title`);
      await startSeededByMouse(page, want.seed);
      await settle(page, 400);
      await shot(page, `text-${size}/Briefing`);
      await nextScreen(page, () => clickAt(page, '[data-action=begin]'));
      await settle(page, 400);
      if (size === 'larger') await shot(page, `text-${size}/Phase`);
      if (size === 'large') {
        await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
        await settle(page, 400);
        await shot(page, `text-${size}/Talks-1`);
        continue;
      }
      await playMoves(page, want.choices, 'mouse', async (i, screen) => {
        await settle(page, 400);
        await shot(page, `text-${size}/${screen}-${i + 1}`);
      });
      await expectEnding(page, want);
      await settle(page, 400);
      await shot(page, `text-${size}/Ending`);
      for (const tab of ['Contract', 'Deal map']) {
        await clickAt(page, `[data-tab="${tab}"]`);
        await settle(page, 300);
        await shot(page, `text-${size}/Ending-${tab.replace(/\s+/g, '-')}`);
      }
      // A late table, with news and a long run so far.
      const late = expectedAgentRun('end-78', 'random');
      await saveRun(page, late.seed, late.choices.slice(0, -1), marchNew());
      await nextScreen(page, () => clickAt(page, '[data-action=title]'));
      await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
      if ((await screenOf(page)) === 'Phase') await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
      await settle(page, 400);
      await shot(page, `text-${size}/Table-late`);
    }
    await page.goto(h.site.origin);
    await page.evaluate(() => localStorage.removeItem('red-lines:settings'));
  }, 300_000);
});
