/**
 * Several scenarios in one site: a site built with a second, small scenario (the mini fixture,
 * added by RED_LINES_EXTRA_SCENARIOS) opens it by link and plays it to an ending with the
 * command line's hash; its replay code opens in the viewer of the same site, and march-2026 still
 * plays there as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, playLive, summarize, type Scenario } from '../../src/core/index.ts';
import { fixturePath, loadFixture } from '../helpers.ts';
import { buildSiteWith } from './support/build.ts';
import { expectEnding, expectedAgentRun, playByMouse, playMoves, readEnding, shot, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';
import { serveStatic, type StaticServer } from './support/server.ts';

const h = useBrowser({ reducedMotion: 'reduce' });
let dir = '';
let server: StaticServer | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'red-lines-two-scenarios-'));
  await buildSiteWith(dir, { RED_LINES_EXTRA_SCENARIOS: fixturePath('mini') });
  server = await serveStatic(dir);
  // This file's own site is as local as the shared one.
  const own = server.origin;
  const shared = h.isLocal;
  h.isLocal = (url) => shared(url) || url.startsWith(own) || url.startsWith(`blob:${own.slice(0, -1)}/`);
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the core says a run of the mini scenario ends with. */
function miniRun(seed: string, choices: string[]) {
  const s: Scenario = loadFixture('mini');
  const live = playLive(s, seed, { choices });
  if (!live.ok) throw new Error(live.message);
  return summarize(s, live.value, live.context, (d) => addDays(s.start, d));
}

describe('a site with two scenarios', () => {
  it('plays the second one by link to its ending, with the command line hash, and replays its code', async () => {
    const { page } = h;
    // Reach the ending of mini through the breakdown and the label, returning to the table.
    const choices = ['hold', 'walk', 'go-public', 'return', 'apologise', 'carve-outs'];
    const want = miniRun('two-scenarios', choices);
    expect(want.ending).not.toBeNull();
    await page.goto(`${server!.origin}?scenario=mini&seed=two-scenarios`);
    await waitScreen(page, 'Briefing');
    await playByMouse(page, choices);
    const seen = await readEnding(page);
    expect(seen.ending).toBe(want.ending);
    expect(seen.hash).toBe(want.hash);
    expect(seen.code).toBe(want.code);

    // The code opens in the viewer, with mini's own rules, and reaches the same hash.
    await page.goto(`${server!.origin}?replay=${want.code}`);
    await waitScreen(page, 'Replay');
    expect(await page.locator('#app').getAttribute('data-hash-check')).toBe('match');
    await page.keyboard.press('End');
    await page.locator(`#app[data-replay-step="${choices.length}"]`).waitFor({ state: 'attached' });

    // march-2026 (its newest version, the negotiation) still plays in the same site.
    const march = expectedAgentRun('two-scenarios-march', 'conceder');
    await page.goto(`${server!.origin}?seed=${march.seed}`);
    await waitScreen(page, 'Briefing');
    await playMoves(page, march.choices, 'mouse');
    await expectEnding(page, march);
  }, 300_000);

  it('lets the player pick the scenario on the title screen', async () => {
    const { page } = h;
    await page.goto(server!.origin);
    await waitScreen(page, 'Title');
    expect(await page.locator('#a11y h1').textContent()).toBe('Red Lines');
    await page.locator('[data-action=scenario]').click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    // The main scenarios first, then the tutorial and the 20-minute version.
    expect(await dialog.locator('[data-pick]').allTextContents()).toEqual([
      expect.stringContaining('Red Lines'),
      expect.stringContaining('Mini negotiation'),
      expect.stringContaining('Practice: the bus timetable deal'),
      expect.stringMatching(/Red Lines.*20-minute version/),
    ]);
    await dialog.locator('[data-pick="1"]').click();
    await page.waitForFunction(() => document.querySelector('#a11y h1')?.textContent === 'Mini negotiation');
    await shot(page, 'Title-two-scenarios');
    await page.locator('[data-action=new-run]').click();
    await waitScreen(page, 'Briefing');
    await page.keyboard.press('Enter');
    await waitScreen(page, 'Phase');
    expect(await page.locator('#a11y').textContent()).toContain('Talks begin.');
  }, 120_000);

  it('refuses a link to a scenario it does not have, on the title screen', async () => {
    const { page } = h;
    await page.goto(`${server!.origin}?scenario=nope&seed=x`);
    await waitScreen(page, 'Title');
    await expect.poll(() => page.locator('#a11y').textContent()).toContain('This game has no scenario "nope"');
  }, 120_000);
});
