/**
 * The negotiating table (march-2026 version 2, what new runs play) in the browser: pressing 1
 * then Enter at every step plays the command line's `first` strategy to the same ending and hash;
 * the package builder changes the proposal by mouse, and the run's code replays in the command
 * line to the hash the page shows; a what-if branches at a move and compares.
 */
import { describe, expect, it } from 'vitest';
import { addDays, playFast, recordToCode, summarize } from '../../src/core/index.ts';
import { playAgent } from '../../src/core/agent-play.ts';
import { BUILTIN_AGENTS } from '../../src/core/negotiation/agents.ts';
import { loadMarch2, loadMarch5 } from '../helpers.ts';
import { clickAt, cliReplay, nextScreen, readEnding, screenOf, settle, shot, waitScreen } from './support/game.ts';
import { runAxe } from './support/axe.ts';
import { parity } from './support/parity.ts';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/harness.ts';

const h = useBrowser({ reducedMotion: 'reduce' });
/** The shared site (global-setup): it ships version 2. */
const server = {
  get origin() {
    return h.site.origin;
  },
};

/** Canvas and DOM say the same words, and axe finds nothing serious; the problems, as lines. */
async function checkScreen(page: Page, name: string): Promise<string[]> {
  await settle(page, 400);
  const problems: string[] = [];
  const r = await parity(page);
  expect(r.canvasCount, `${name}: the hook reads the canvas`).toBeGreaterThan(0);
  for (const t of r.canvasOnly) problems.push(`${name}: on the canvas only: "${t}"`);
  for (const t of r.domOnly) problems.push(`${name}: in the DOM only: "${t}"`);
  const a = await runAxe(page);
  for (const v of a.violations) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${name}: axe ${v.impact} ${v.id} on ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  return problems;
}

describe('the negotiating table (version 2)', () => {
  it('1 then Enter at every step plays the first strategy, to the command line\'s ending and hash', async () => {
    const { page } = h;
    const seed = 'talks-keys';
    const newest = loadMarch5();
    const end = playFast(newest, seed, 'first');
    const want = summarize(newest, end.value, end.context, (d) => addDays(newest.start, d));
    await page.goto(`${server.origin}?seed=${seed}`);
    await waitScreen(page, 'Briefing');
    let shotTaken = false;
    for (let i = 0; i < 80; i++) {
      const screen = await screenOf(page);
      if (screen === 'Ending') break;
      if (screen === 'Talks' && !shotTaken) {
        await shot(page, 'talks-table');
        shotTaken = true;
      }
      if (screen === 'Talks' || screen === 'Table') await page.keyboard.press('1');
      await nextScreen(page, () => page.keyboard.press('Enter'));
    }
    expect(shotTaken).toBe(true);
    const seen = await readEnding(page);
    expect(seen.ending).toBe(want.ending);
    expect(seen.hash).toBe(want.hash);
    expect(seen.code).toBe(want.code);
    await shot(page, 'talks-ending');

    // The run's code opens in the replay viewer, which steps through its moves to the same hash.
    await page.goto(`${server.origin}?replay=${want.code}`);
    await waitScreen(page, 'Replay');
    expect(await page.locator('#app').getAttribute('data-hash-check')).toBe('match');
    await page.keyboard.press('End');
    await page.locator(`#app[data-replay-step="${want.choices.length}"]`).waitFor({ state: 'attached' });
    await shot(page, 'talks-replay');
  }, 300_000);

  it('0 picks the tenth move (walk away, in the first round), and Enter walks away', async () => {
    const { page } = h;
    await page.goto(`${server.origin}?seed=talks-zero`);
    await waitScreen(page, 'Briefing');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    if ((await screenOf(page)) === 'Phase') await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Talks');
    expect(await page.locator('#a11y button[data-move]').count()).toBe(10);
    await page.keyboard.press('0');
    expect(await page.locator('#a11y button[data-move="walk-away"]').getAttribute('aria-pressed')).toBe('true');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    // Walking away from the first talks moves the story on to the breakdown.
    await waitScreen(page, 'Phase');
    expect((await page.locator('#a11y').textContent()) ?? '').toContain('Breakdown');
  }, 120_000);

  it('the package builder changes the proposal by mouse; the code replays to the page\'s hash', async () => {
    const { page } = h;
    await page.goto(`${server.origin}?seed=talks-mouse`);
    await waitScreen(page, 'Briefing');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    if ((await screenOf(page)) === 'Phase') await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Talks');
    expect(await checkScreen(page, 'Talks')).toEqual([]);
    // A control's accessible name is its short label; the longer text is its description.
    // (The name comes from the button's content, which is its label; the description is after it.)
    const names = await page.evaluate(() =>
      [...document.querySelectorAll('#a11y button[data-move], #a11y button[data-clause]')].map((b) => {
        const described = document.getElementById(b.getAttribute('aria-describedby') ?? '');
        if (!described || b.contains(described)) return `no description outside: ${b.textContent}`;
        return b.textContent ?? '';
      }),
    );
    expect(names.length).toBeGreaterThan(8);
    for (const n of names) expect(n.length, n).toBeLessThanOrEqual(70);
    // Change the surveillance clause's wording twice, then propose the text (press twice).
    const clause = '#a11y button[data-clause="surveillance"]';
    const before = await page.locator(clause).textContent();
    await clickAt(page, clause);
    await clickAt(page, clause);
    expect(await page.locator(clause).textContent()).not.toBe(before);
    await clickAt(page, '#a11y button[data-move="propose"]');
    await nextScreen(page, () => clickAt(page, '#a11y button[data-move="propose"]'));
    // Then walk away at every table and take the first story move elsewhere, to an ending.
    for (let i = 0; i < 60; i++) {
      const screen = await screenOf(page);
      if (screen === 'Ending') break;
      if (screen === 'Talks') {
        await clickAt(page, '#a11y button[data-move="walk-away"]');
        await nextScreen(page, () => clickAt(page, '#a11y button[data-move="walk-away"]'));
      } else {
        if (screen === 'Table') await page.keyboard.press('1');
        await nextScreen(page, () => page.keyboard.press('Enter'));
      }
    }
    const seen = await readEnding(page);
    expect(seen.ending).not.toBeNull();
    const problems = await checkScreen(page, 'Ending');
    for (const tab of ['Contract', 'Deal map']) {
      await clickAt(page, `[data-tab="${tab}"]`);
      problems.push(...(await checkScreen(page, `Ending: ${tab}`)));
    }
    expect(problems).toEqual([]);
    const cli = cliReplay(seen.code);
    expect(cli.hash).toBe(seen.hash);
    expect(cli.choices[0]!.startsWith('propose:')).toBe(true);
    expect(cli.choices).toContain('walk-away');

    // In the viewer, the first frame is the proposal, in words, with the Department's answer.
    await page.goto(`${server.origin}?replay=${seen.code}`);
    await waitScreen(page, 'Replay');
    expect(await page.locator('#app').getAttribute('data-hash-check')).toBe('match');
    await settle(page, 400);
    const text = (await page.locator('#a11y').textContent()) ?? '';
    expect(text).toContain('Proposed a contract');
    expect(text).toContain('The lab proposes: Domestic surveillance:');
    await shot(page, 'talks-replay-proposal');
    expect(await checkScreen(page, 'Replay (a proposal)')).toEqual([]);
  }, 300_000);

  it('a what-if at a table: branch at a move in the viewer, choose again, and compare the two runs', async () => {
    const { page } = h;
    const v2 = loadMarch2();
    const original = playAgent(v2, 'talks-branch', BUILTIN_AGENTS.prober!);
    const at = original.moves.findIndex((m) => m.startsWith('propose:'));
    expect(at).toBeGreaterThan(0);
    const code = recordToCode(v2, { scenario: v2.id, version: v2.version, seed: 'talks-branch', choices: original.moves });
    await page.goto(`${server.origin}?replay=${code}`);
    await waitScreen(page, 'Replay');
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowRight');
    await page.locator(`#app[data-replay-step="${at}"]`).waitFor({ state: 'attached' });
    await nextScreen(page, () => clickAt(page, '#a11y button[data-action="branch"]'));
    await waitScreen(page, 'Talks');
    // Choose again: walk away here instead of proposing, then the first move to the end.
    await clickAt(page, '#a11y button[data-move="walk-away"]');
    await nextScreen(page, () => clickAt(page, '#a11y button[data-move="walk-away"]'));
    for (let i = 0; i < 60 && (await screenOf(page)) !== 'Ending'; i++) {
      if ((await screenOf(page)) !== 'Phase') await page.keyboard.press('1');
      await nextScreen(page, () => page.keyboard.press('Enter'));
    }
    const seen = await readEnding(page);
    const cli = cliReplay(seen.code);
    expect(cli.hash).toBe(seen.hash);
    expect(cli.choices.slice(0, at)).toEqual(original.moves.slice(0, at));
    expect(cli.choices[at]).toBe('walk-away');
    await nextScreen(page, () => clickAt(page, '#a11y button[data-action="compare"]'));
    await waitScreen(page, 'Compare');
    const text = (await page.locator('#a11y').textContent()) ?? '';
    expect(text).toContain(`Move ${at + 1}:`);
    expect(text).toContain('Original: Proposed a contract');
    expect(text).toContain('What-if: Walked away');
    await shot(page, 'talks-compare');
    expect(await checkScreen(page, 'Compare (a table move)')).toEqual([]);
  }, 300_000);
});

