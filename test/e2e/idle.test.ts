/**
 * Render on demand (src/ui/render.ts): on an idle screen Phaser's loop sleeps and draws nothing;
 * input wakes it and the canvas changes; tweens run to their end before it sleeps again; the
 * replay viewer's playback timer advances with the loop asleep between its ticks. And the page's
 * own title screen (index.html, src/ui/boot.ts): painted and usable before the engine is loaded.
 * The page reports the loop on #app: data-render ("awake"/"asleep"), data-render-frames,
 * data-render-wakes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickAt, expectedRun, GOLDEN, nextScreen, openTitle, saveRun, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser();

interface Loop {
  render: string;
  frames: number;
  wakes: number;
}

const loop = (page: Page): Promise<Loop> =>
  page.evaluate(() => {
    const d = document.getElementById('app')!.dataset;
    return { render: d.render ?? '', frames: Number(d.renderFrames), wakes: Number(d.renderWakes) };
  });

/** Waits until the loop has woken more than `n` times in all (a wake is reported on the next task, not during the input event). */
const wokenAfter = (page: Page, n: number, timeout = 30_000) =>
  page.waitForFunction((k) => Number(document.getElementById('app')!.dataset.renderWakes) > k, n, { timeout });

/** Waits until the loop is asleep (after the screen's entry animations); returns its counters then. */
async function asleep(page: Page, timeout = 30_000): Promise<Loop> {
  await page.locator('#app[data-render="asleep"]').waitFor({ state: 'attached', timeout });
  return loop(page);
}

/** A screenshot of a part of the page, as bytes (to see whether the canvas changed there). */
const pixels = (page: Page, clip: { x: number; y: number; width: number; height: number }) => page.screenshot({ clip });

describe('render on demand', () => {
  it('the idle title sleeps, draws nothing while idle, and wakes on a key and on a click', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 720 });
    await openTitle(page, h.site.origin);
    const idle = await asleep(page);
    await page.waitForTimeout(1500);
    expect(await loop(page), 'nothing drawn while idle').toEqual(idle);

    // Tab focuses "New run" (the first button): its drawing lights up. Inside the button (clear of
    // the DOM focus ring), only the canvas can have changed.
    const button = (await page.locator('#a11y [data-action=new-run]').boundingBox())!;
    const inside = { x: button.x + 8, y: button.y + 8, width: button.width - 16, height: button.height - 16 };
    const before = await pixels(page, inside);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('new-run');
    await wokenAfter(page, idle.wakes);
    const woken = await asleep(page);
    expect(woken.wakes, 'a key press wakes the loop').toBeGreaterThan(idle.wakes);
    expect(woken.frames, 'and it draws').toBeGreaterThan(idle.frames);
    expect((await pixels(page, inside)).equals(before), 'the focused button is drawn lit').toBe(false);

    // A click switches the screen (the scene manager does that on the loop's next step).
    await nextScreen(page, () => page.locator('#a11y [data-action=settings]').click());
    await waitScreen(page, 'Settings');
    await wokenAfter(page, woken.wakes);
    const settings = await asleep(page);
    expect(settings.frames).toBeGreaterThan(woken.frames);
  });

  it('the idle negotiating table sleeps, and a move wakes it to draw the next round', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${h.site.origin}?seed=idle-talks`);
    await waitScreen(page, 'Briefing');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Talks');
    const idle = await asleep(page);
    await page.waitForTimeout(1000);
    expect(await loop(page), 'nothing drawn while idle').toEqual(idle);
    // A wording changed in the builder is drawn at once.
    await clickAt(page, '#a11y button[data-clause]');
    await wokenAfter(page, idle.wakes);
    const stepped = await asleep(page);
    expect(stepped.frames).toBeGreaterThan(idle.frames);
    // A probe (a move that keeps the round going) draws the next state of the table.
    await page.locator('#a11y button[data-move="probe"]').first().click();
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Talks');
    await wokenAfter(page, stepped.wakes);
    const after = await asleep(page);
    expect(after.frames).toBeGreaterThan(stepped.frames);
  });

  it('the idle story table sleeps; after a choice the meters animate to their end before it sleeps again', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 720 });
    // A version 1 run (its story table animates meters), continued from its save.
    await openTitle(page, h.site.origin);
    await saveRun(page, 'idle-1', []);
    await openTitle(page, h.site.origin);
    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await waitScreen(page, 'Table');
    const idle = await asleep(page);
    await page.waitForTimeout(1000);
    expect(await loop(page), 'nothing drawn while idle').toEqual(idle);

    // A choice whose own effects move meters and which does not end the phase or the run.
    const pick = await page.evaluate(() => {
      for (const b of document.querySelectorAll<HTMLElement>('#a11y [data-choice]')) {
        const d = document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
        if (d.includes('Moves:') && !d.includes('This ends')) return { id: b.dataset.choice!, key: b.dataset.key! };
      }
      return null;
    });
    expect(pick, 'a choice on the first table that moves a meter').not.toBeNull();
    await page.keyboard.press(pick!.key);
    expect(await page.locator(`#a11y [data-choice="${pick!.id}"]`).getAttribute('aria-pressed')).toBe('true');
    const chosen = await asleep(page);
    const t0 = Date.now();
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Table');
    await wokenAfter(page, chosen.wakes);
    const after = await asleep(page);
    // The meters take 0.25 s + 0.9 s and the "+n" labels fade out from 1.6 s to 2.3 s: the loop
    // stays awake through them.
    expect(Date.now() - t0, 'awake until the last tween ended').toBeGreaterThanOrEqual(2000);
    expect(after.frames - idle.frames).toBeGreaterThan(10);
  });

  it('replay playback advances with the loop asleep between its steps', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 720 });
    const g = GOLDEN[1];
    const want = expectedRun(g.seed, { choices: g.choices });
    await page.goto(`${h.site.origin}?replay=${encodeURIComponent(want.code)}`);
    await waitScreen(page, 'Replay');
    await asleep(page);
    const step = async () => Number(await page.locator('#app').getAttribute('data-replay-step'));
    expect(await step()).toBe(0);

    await page.keyboard.press(' ');
    await page.locator('#a11y [data-action=pause]').waitFor({ state: 'attached' });
    const t0 = Date.now();
    await page.locator('#app[data-replay-step="1"]').waitFor({ state: 'attached', timeout: 30_000 });
    const t1 = Date.now();
    // Playing, between two steps: the loop sleeps until the next step is due.
    const between = await asleep(page, 10_000);
    expect(await page.locator('#a11y [data-action=pause]').count(), 'still playing').toBe(1);
    await page.locator('#app[data-replay-step="2"]').waitFor({ state: 'attached', timeout: 30_000 });
    const t2 = Date.now();
    const woken = await loop(page);
    expect(woken.wakes, 'the next step woke the loop').toBeGreaterThan(between.wakes);
    // One step per 2.6 s at 1x (give or take a slow frame).
    for (const dt of [t1 - t0, t2 - t1]) {
      expect(dt).toBeGreaterThan(1800);
      expect(dt).toBeLessThan(8000);
    }
    await page.keyboard.press(' ');
    await page.locator('#a11y [data-action=play]').waitFor({ state: 'attached' });
    const paused = await asleep(page);
    await page.waitForTimeout(3000);
    expect(await step(), 'paused: no step taken').toBe(2);
    expect(await loop(page), 'paused: nothing drawn').toEqual(paused);
  });

  it('the page paints its own title before the engine loads, and a press made then is carried out', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 720 });
    // Hold the engine's script back, as a slow network would.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/assets\/game-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(h.site.origin);
      const boot = page.locator('#a11y > .boot');
      await boot.waitFor();
      expect(await boot.locator('h1').textContent()).toBe('Red Lines');
      expect(await boot.locator('.boot-status').textContent()).toContain('Loading');
      expect(await page.locator('#app').getAttribute('data-screen')).toBe('Boot');
      const labels = await boot.locator('button .label').allTextContents();
      expect(labels).toEqual(['New run', 'Seeded run…', 'Watch a replay…', 'Your runs', 'Sources', 'Settings', 'For teachers']);
      await boot.locator('[data-action=teachers]').click();
      expect(await boot.locator('.boot-note').textContent()).toContain('For teachers');
      release();
      await waitScreen(page, 'Classroom');
      expect(await page.locator('#a11y > .boot').count()).toBe(0);
    } finally {
      release();
      await page.unroute(/\/assets\/game-[^/]*\.js$/);
    }
    // Without a press, the title screen takes over where the page's title was.
    await openTitle(page, h.site.origin);
    expect(await page.locator('#a11y > .boot').count()).toBe(0);
    expect(await page.locator('#a11y [data-action=new-run] .desc').textContent()).toMatch(/^seed: /);
  });
});
