/**
 * The renderer: WebGL on a graphics card, the canvas renderer where WebGL is missing or drawn in
 * software (as in this headless Chromium), where it is 3 to 5 times faster; `?renderer=` forces
 * one. Both draw the same game: a negotiation played with each reaches the command line's hash.
 */
import { describe, expect, it } from 'vitest';
import { expectEnding, expectedAgentRun, playMoves, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';
import { parity } from './support/parity.ts';

const h = useBrowser({ reducedMotion: 'reduce' });

describe('the renderer', () => {
  it('is chosen by what WebGL the browser has, and says why', async () => {
    const { page } = h;
    await page.goto(h.site.origin);
    await waitScreen(page, 'Title');
    const name = await page.locator('#app').getAttribute('data-renderer');
    const why = (await page.locator('#app').getAttribute('data-renderer-why')) ?? '';
    expect(why.length).toBeGreaterThan(0);
    expect(name).toBe(/software|no WebGL/.test(why) ? 'canvas' : 'webgl');
  });

  for (const renderer of ['webgl', 'canvas'] as const) {
    it(`?renderer=${renderer} draws the same game to the same ending and hash`, async () => {
      const { page } = h;
      const want = expectedAgentRun('end-2', 'conceder');
      await page.goto(`${h.site.origin}?renderer=${renderer}&seed=${encodeURIComponent(want.seed)}`);
      await waitScreen(page, 'Briefing');
      expect(await page.locator('#app').getAttribute('data-renderer')).toBe(renderer);
      await playMoves(page, want.choices, 'mouse', async (i) => {
        if (i > 0) return;
        const r = await parity(page);
        expect(r.canvasCount).toBeGreaterThan(20);
        expect([...r.canvasOnly, ...r.domOnly]).toEqual([]);
      });
      await expectEnding(page, want);
    }, 300_000);
  }
});
