/**
 * Between the negotiating tables (version 2), the story's Table updates in place after a choice
 * that keeps the run in its phase: the same screen
 * (its DOM section and its meter list items are the same nodes), the turn counted on
 * #app[data-turn], the meters moved from where they stood to the core's values, a new beat on the
 * table; and canvas and DOM still say the same words.
 */
import { describe, expect, it } from 'vitest';
import { engineOf, foldMoves, movesFrom } from '../../src/core/index.ts';
import { clickAt, expectedAgentRun, marchNew, nextScreen, playMoves, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';
import { parity } from './support/parity.ts';

const h = useBrowser({ reducedMotion: 'reduce' });

describe('the Table after a choice within a phase', () => {
  it('updates in place, with the core\'s meters and the next beat', async () => {
    const { page } = h;
    // A run that walks away from the table into the story's phases (the random agent on end-78).
    const g = expectedAgentRun('end-78', 'random');
    const s = marchNew();
    const atTable = (phase: string) => s.phases.find((p) => p.id === phase)?.table !== undefined;
    // The first choice after which the run stays in the same story phase, by the core.
    const steps: { choice: string; samePhase: boolean; meters: Record<string, number>; beat: string | null }[] = [];
    foldMoves(engineOf(s), g.seed, movesFrom(g.choices), (st) =>
      steps.push({
        choice: st.token,
        samePhase: st.after.status === 'active' && st.after.context.phase === st.before.context.phase && !atTable(st.before.context.phase),
        meters: st.after.context.meters,
        beat: st.after.context.beat,
      }),
    );
    const k = steps.findIndex((st) => st.samePhase);
    expect(k).toBeGreaterThanOrEqual(0);

    await page.goto(`${h.site.origin}?seed=${encodeURIComponent(g.seed)}`);
    await waitScreen(page, 'Briefing');
    await playMoves(page, g.choices.slice(0, k), 'mouse');
    if ((await page.locator('#app').getAttribute('data-screen')) === 'Phase') await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await waitScreen(page, 'Table');

    const section = await page.locator('#a11y > section.screen').elementHandle();
    const meter = await page.locator('#a11y li.meter').first().elementHandle();
    const turn = Number(await page.locator('#app').getAttribute('data-turn'));
    const step = steps[k]!;
    await clickAt(page, `[data-choice="${step.choice}"]`);
    await clickAt(page, `[data-choice="${step.choice}"]`);
    await page.locator(`#app[data-turn="${turn + 1}"]`).waitFor({ state: 'attached' });

    // The same screen and the same meter items, not a new scene.
    expect(await section!.evaluate((el) => el.isConnected)).toBe(true);
    expect(await meter!.evaluate((el) => el.isConnected)).toBe(true);
    expect(await page.locator('#app').getAttribute('data-screen')).toBe('Table');
    // The meters the core says, and the next beat's choices.
    await page.waitForTimeout(400);
    const shown = await page.locator('#a11y li.meter').allTextContents();
    for (const m of s.meters) expect(shown.find((t) => t.startsWith(`${m.label}:`)), m.label).toContain(`${m.label}: ${step.meters[m.id]} of 100`);
    const next = s.phases.flatMap((p) => p.beats).find((b) => b.id === step.beat)!;
    const offered = await page.locator('#a11y [data-choice]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.choice));
    expect(next.choices.map((c) => c.id)).toEqual(expect.arrayContaining(offered));
    const r = await parity(page);
    expect([...r.canvasOnly, ...r.domOnly]).toEqual([]);
  }, 300_000);
});
