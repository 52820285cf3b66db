/**
 * The site served under a sub-path: a ?seed= link opens that run's Briefing (version 2, the
 * negotiation) and the run ends with the core's hash; every request stays on the origin and under
 * the sub-path; the Content-Security-Policy is in the page and enforced; a saved run continues to
 * the same hash, and so does a version 1 run saved before version 2 shipped, as it was.
 */
import { describe, expect, it } from 'vitest';
import { clickAt, expectedAgentRun, expectedRun, expectEnding, march, nextScreen, openTitle, playByMouse, playMoves, saveRun, waitScreen } from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser();

describe('served under a sub-path', () => {
  it('a ?seed= link starts that run at the Briefing, and it ends with the core hash', async () => {
    const { page, site } = h;
    const seed = 'link test/ü';
    const want = expectedAgentRun(seed, 'conceder');
    const first = h.requests.length;
    await page.goto(`${site.subOrigin}?seed=${encodeURIComponent(seed)}`);
    await waitScreen(page, 'Briefing', 60_000);
    expect(await page.locator('#a11y').textContent()).toContain(`Seed: ${seed}`);
    await playMoves(page, want.choices, 'mouse');
    await expectEnding(page, want);

    const requests = h.requests.slice(first);
    const outside = requests.filter((u) => !u.startsWith(site.subOrigin) && !u.startsWith(`blob:${site.origin.slice(0, -1)}/`));
    expect(outside, 'requests outside the sub-path').toEqual([]);
    for (const kind of ['assets/index-', 'scenarios/march-2026.json', 'scenarios/march-2026-v2.json', 'scenarios/march-2026-v3.json', 'img/table.svg', '.woff2']) {
      expect(requests.some((u) => u.startsWith(site.subOrigin) && u.includes(kind)), `${kind} is loaded from the sub-path`).toBe(true);
    }
  });

  it('a bad ?seed= link opens the title screen with a notice', async () => {
    const { page, site } = h;
    await page.goto(`${site.subOrigin}?seed=${'x'.repeat(201)}`);
    await waitScreen(page, 'Title', 60_000);
    expect(await page.locator('#a11y .notice').textContent()).toContain("The link's seed cannot be used");
  });

  it('continues a saved run from the title screen to the same hash', async () => {
    const { page, site } = h;
    const seed = 'resume-1';
    const want = expectedAgentRun(seed, 'prober');
    expect(want.choices.length).toBeGreaterThan(3);
    await page.goto(`${site.subOrigin}?seed=${seed}`);
    await waitScreen(page, 'Briefing', 60_000);
    await playMoves(page, want.choices.slice(0, 2), 'mouse');
    await openTitle(page, site.subOrigin);
    expect(await page.locator('[data-action=continue]').textContent()).toContain(`seed ${seed} · 2 moves made`);
    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await playMoves(page, want.choices.slice(2), 'mouse');
    await expectEnding(page, want);
  }, 300_000);

  it('a version 1 run in progress, saved before version 2 shipped, is finished as it was', async () => {
    const { page, site } = h;
    const seed = 'resume-v1';
    const want = expectedRun(seed, { strategy: 'pragmatic' });
    await openTitle(page, site.subOrigin);
    await saveRun(page, seed, want.choices.slice(0, 2));
    await openTitle(page, site.subOrigin);
    expect(await page.locator('[data-action=continue]').textContent()).toContain(`seed ${seed} · 2 choices made · v1 (earlier version)`);
    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await waitScreen(page, 'Table');
    await playByMouse(page, want.choices.slice(2));
    await expectEnding(page, want);
    expect(march().version).toBe(1);
  }, 300_000);
});

describe('origin and Content-Security-Policy', () => {
  it('has the CSP meta, enforces it, and nothing leaves 127.0.0.1:PORT', async () => {
    const { page, site } = h;
    await openTitle(page, site.origin);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");

    // The policy is enforced: a request to another origin is refused before it leaves the page
    // (and the refusal is logged as a console error, which this test then clears).
    const result = await page.evaluate(() => fetch('http://127.0.0.2:9/').then(() => 'sent', (e: Error) => `refused: ${e.message}`));
    expect(result).toMatch(/^refused/);
    await expect.poll(() => h.problems.some((p) => /Content Security Policy/i.test(p))).toBe(true);
    expect(h.requests.filter((u) => u.startsWith('http://127.0.0.2'))).toEqual([]);
    h.problems.splice(0);

    // The watch itself works: a page that does request another origin is caught.
    const other = await h.context.newPage();
    await other.goto('http://127.0.0.2:9/').catch(() => {});
    await other.close();
    expect(h.problems.some((p) => p.startsWith('request outside') && p.includes('127.0.0.2'))).toBe(true);
    h.problems.splice(0);

    // Every request of this file so far went to the origin.
    expect(h.requests.filter((u) => !h.isLocal(u) && !u.startsWith('http://127.0.0.2'))).toEqual([]);
    expect(h.requests.length).toBeGreaterThan(10);
  });
});
