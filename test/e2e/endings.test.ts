/**
 * The three endings, played with the mouse through the DOM layer: the browser reaches the same
 * ending, state hash and replay code as the core run in Node ("browser hash = command line hash").
 */
import { describe, expect, it } from 'vitest';
import { buttonLayoutProblems, expectedRun, expectEnding, GOLDEN, nextScreen, openTitle, playByMouse, readEnding, startSeededByMouse, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser();

describe('each ending, by mouse', () => {
  it.each(GOLDEN)('$seed ends in $ending with the core hash $hash', async (g) => {
    const want = expectedRun(g.seed, { choices: g.choices });
    expect(want.ending).toBe(g.ending);
    expect(want.hash).toBe(g.hash);
    const { page } = h;
    await openTitle(page, h.site.origin);
    expect(await buttonLayoutProblems(page)).toEqual([]);
    await startSeededByMouse(page, g.seed);
    await expect.poll(() => page.locator('#a11y').textContent()).toContain(`Seed: ${g.seed}`);
    const layout: string[] = [];
    await playByMouse(page, g.choices, async (i) => {
      for (const p of await buttonLayoutProblems(page)) layout.push(`Table before choice ${i + 1}: ${p}`);
    });
    await expectEnding(page, want);
    for (const p of await buttonLayoutProblems(page)) layout.push(`Ending: ${p}`);
    expect(layout).toEqual([]);
  });
});

describe('the ending screen', () => {
  it('copies the replay code, replays the same seed, starts a new seed and goes back to the title', async () => {
    const { page, context } = h;
    const g = GOLDEN[0];
    const want = expectedRun(g.seed, { choices: g.choices });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.site.origin.slice(0, -1) });
    await openTitle(page, h.site.origin);
    await startSeededByMouse(page, g.seed);
    await playByMouse(page, g.choices);
    await expectEnding(page, want);

    await page.locator('[data-action=copy-code]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(want.code);

    // Same seed: the Briefing of a fresh run with that seed, which replays to the same hash.
    await nextScreen(page, () => page.locator('[data-action=same-seed]').click());
    await waitScreen(page, 'Briefing');
    await expect.poll(() => page.locator('#a11y').textContent()).toContain(`Seed: ${g.seed}`);
    await playByMouse(page, g.choices);
    expect((await readEnding(page)).hash).toBe(want.hash);

    // New seed: a Briefing with some other seed.
    await nextScreen(page, () => page.locator('[data-action=new-seed]').click());
    await waitScreen(page, 'Briefing');
    const text = (await page.locator('#a11y').textContent()) ?? '';
    const seed = /Seed: (\S+)/.exec(text)?.[1];
    expect(seed).toMatch(/^[a-z0-9]{1,4}-[a-z0-9]{1,4}$/);
    expect(seed).not.toBe(g.seed);

    // The ending's title button, from a finished run.
    await playByMouse(page, ['accept-all-lawful-purposes']);
    await waitScreen(page, 'Ending');
    await nextScreen(page, () => page.locator('[data-action=title]').click());
    await waitScreen(page, 'Title');
  });
});
