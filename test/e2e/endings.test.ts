/**
 * The three endings, played with the mouse through the DOM layer: the browser reaches the same
 * ending, state hash and replay code as the core run in Node, and the replay code the page shows
 * gives that hash in `npx red-lines replay` ("browser hash = command line hash").
 * Reduced motion is on here (the other files play with motion). Every table is checked for DOM
 * buttons outside the canvas or overlapping; with RED_LINES_E2E_BEATS=1 each one is also
 * photographed into test-results/screens/beats/ (about 1 s per shot on software WebGL).
 */
import { describe, expect, it } from 'vitest';
import { buttonLayoutProblems, clickAt, cliReplay, expectedRun, expectEnding, GOLDEN, nextScreen, openTitle, playByMouse, readEnding, shot, startSeededByMouse, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser({ reducedMotion: 'reduce' });
const beats = process.env.RED_LINES_E2E_BEATS === '1';

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
      if (beats) await shot(page, `beats/${g.ending}-${String(i + 1).padStart(2, '0')}-${g.choices[i]}`);
    });
    await expectEnding(page, want);
    // The replay code shown in the browser, given to the command line, gives the same run and hash.
    const cli = cliReplay((await readEnding(page)).code);
    expect({ ending: cli.ending, hash: cli.hash, seed: cli.seed, choices: cli.choices }).toEqual({ ending: g.ending, hash: g.hash, seed: g.seed, choices: [...g.choices] });
    if (beats) await shot(page, `beats/${g.ending}-ending`);
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

    await clickAt(page, '[data-action=copy-code]');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(want.code);

    // Same seed: a fresh run with that seed, which the same choices replay to the same hash.
    await nextScreen(page, () => clickAt(page, '[data-action=same-seed]'));
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y').textContent()).toContain(`Seed: ${g.seed}`);
    await playByMouse(page, g.choices);
    expect((await readEnding(page)).hash).toBe(want.hash);

    // New seed: a Briefing with a fresh seed, shown to the player.
    await nextScreen(page, () => clickAt(page, '[data-action=new-seed]'));
    await waitScreen(page, 'Briefing');
    const seed = /Seed: (\S+?)(?=The situation|$)/.exec((await page.locator('#a11y p').filter({ hasText: 'Seed:' }).first().textContent()) ?? '')?.[1];
    expect(seed).toMatch(/^[a-z0-9]{1,4}-[a-z0-9]{1,4}$/);
    expect(seed).not.toBe(g.seed);
    const fresh = expectedRun(seed!, { choices: ['accept-all-lawful-purposes'] });
    await playByMouse(page, ['accept-all-lawful-purposes']);
    await expectEnding(page, fresh);

    await nextScreen(page, () => clickAt(page, '[data-action=title]'));
    await waitScreen(page, 'Title');
  });
});
