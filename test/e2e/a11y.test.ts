/**
 * axe-core on every screen, in the canvas view (the DOM layer over the canvas) and in the text
 * view. Violations of impact serious or critical fail the test; every violation is printed, and
 * so are the checks axe could not finish ("incomplete": for a person to look at).
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runAxe } from './support/axe.ts';
import { clickAt, expectedAgentRun, nextScreen, openTitle, playMoves, settle, startSeededByMouse, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser();
const notes: string[] = [];

async function axe(page: Page, label: string): Promise<string[]> {
  const r = await runAxe(page);
  const lines = (v: (typeof r.violations)[number]) =>
    `${label}: ${v.impact} ${v.id} (${v.help}) on ${v.nodes.length} element(s):\n${v.nodes
      .slice(0, 5)
      .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
      .join('\n')}`;
  for (const v of r.violations) console.log(`axe violation, ${lines(v)}`);
  for (const v of r.incomplete) notes.push(`axe incomplete, ${lines(v)}`);
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(lines);
}

afterAll(() => {
  if (notes.length) console.log(`axe could not decide these (check by hand):\n${notes.join('\n')}`);
});

describe.each(['canvas', 'text'] as const)('axe-core, %s view', (view) => {
  it('finds no serious or critical violation on the Title, Talks and Ending screens (canvas view: on every screen)', async () => {
    const { page } = h;
    await page.goto(h.site.origin);
    await page.evaluate((v) => localStorage.setItem('red-lines:settings', JSON.stringify({ textView: v === 'text' ? 'on' : 'off' })), view);
    await openTitle(page, h.site.origin);
    expect(await page.locator('#app').getAttribute('class')).toContain(`${view}-view`);
    const found: string[] = [];
    await settle(page, 800);
    found.push(...(await axe(page, `${view} view, Title`)));

    // Every screen in the canvas view; the text view shares the markup, so there only the three.
    const all = view === 'canvas';
    if (all) {
      await clickAt(page, '[data-action=seeded-run]');
      await page.locator('dialog[open]').waitFor();
      found.push(...(await axe(page, `${view} view, seed dialog`)));
      await page.keyboard.press('Escape');
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
    }

    // A short negotiation (two probes, then the Department's offer accepted): seed end-50, the random agent's moves.
    const run = expectedAgentRun('end-50', 'random');
    expect(run.choices[0]!.startsWith('probe:')).toBe(true);
    await startSeededByMouse(page, run.seed);
    if (all) found.push(...(await axe(page, `${view} view, Briefing`)));
    await nextScreen(page, () => clickAt(page, '[data-action=begin]'));
    if (all) found.push(...(await axe(page, `${view} view, Phase`)));
    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await waitScreen(page, 'Talks');
    await settle(page, 800);
    found.push(...(await axe(page, `${view} view, Talks`)));
    const probe = `#a11y button[data-token="${run.choices[0]}"]`;
    await clickAt(page, probe);
    if (all) {
      found.push(...(await axe(page, `${view} view, Talks with a move selected`)));
      await page.keyboard.press('Escape');
      await page.locator('dialog[open]').waitFor();
      found.push(...(await axe(page, `${view} view, menu dialog`)));
      await page.keyboard.press('Escape');
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
    }
    await nextScreen(page, () => clickAt(page, probe));
    await waitScreen(page, 'Talks');
    if (all) found.push(...(await axe(page, `${view} view, Talks after a probe`)));
    await playMoves(page, run.choices.slice(1), 'mouse');
    await waitScreen(page, 'Ending');
    await settle(page, 800);
    found.push(...(await axe(page, `${view} view, Ending`)));
    // The canvas view shows one tab at a time; the text view shows every section at once.
    for (const tab of all ? ['Contract', 'Deal map'] : []) {
      await clickAt(page, `#a11y [data-tab="${tab}"]`);
      await settle(page, 400);
      found.push(...(await axe(page, `${view} view, Ending: ${tab}`)));
    }

    if (all) {
      await nextScreen(page, () => clickAt(page, '[data-action=title]'));
      await nextScreen(page, () => clickAt(page, '[data-action=settings]'));
      found.push(...(await axe(page, `${view} view, Settings`)));
      await nextScreen(page, () => clickAt(page, '[data-action=done]'));
      await nextScreen(page, () => clickAt(page, '[data-action=sources]'));
      found.push(...(await axe(page, `${view} view, Sources`)));
    }

    expect(found, 'serious or critical axe violations').toEqual([]);
  });
});
