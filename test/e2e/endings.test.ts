/**
 * Every ending of version 2 (the negotiation), played with the mouse through the DOM layer: each
 * run is a built-in agent's moves on a seed (its proposals set clause by clause in the package
 * builder), and the browser reaches the same ending, state hash and replay code as the core run
 * in Node; the replay code the page shows gives that hash in `npx red-lines replay` ("browser hash
 * = command line hash"). Reduced motion is on here (the other files play with motion). Every
 * screen before a move is checked for DOM buttons outside the canvas or overlapping; with
 * RED_LINES_E2E_BEATS=1 each one is also photographed into test-results/screens/beats/.
 */
import { describe, expect, it } from 'vitest';
import {
  buttonLayoutProblems,
  clickAt,
  cliReplay,
  expectedAgentRun,
  expectedRun2,
  expectEnding,
  nextScreen,
  openTitle,
  playFirstByKeys,
  playMoves,
  readEnding,
  shot,
  startSeededByMouse,
  waitScreen,
} from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser({ reducedMotion: 'reduce' });
const beats = process.env.RED_LINES_E2E_BEATS === '1';

/** One short run to each of the seven endings (found by playing the built-in agents over seeds end-0…end-299). */
export const ENDING_RUNS = [
  { ending: 'carve-out-deal', seed: 'end-144', agent: 'conceder' },
  { ending: 'binding-limits', seed: 'end-77', agent: 'conceder' },
  { ending: 'paper-limits', seed: 'end-6', agent: 'tit-for-tat' },
  { ending: 'lawful-purposes', seed: 'end-65', agent: 'random' },
  { ending: 'split-contract', seed: 'end-1', agent: 'tit-for-tat' },
  { ending: 'court-fight', seed: 'end-78', agent: 'random' },
  { ending: 'standoff', seed: 'end-32', agent: 'random' },
] as const;

describe('each ending of the negotiation, by mouse', () => {
  it.each(ENDING_RUNS)('$seed played by $agent ends in $ending with the core hash', async (r) => {
    const want = expectedAgentRun(r.seed, r.agent);
    expect(want.ending).toBe(r.ending);
    const { page } = h;
    await openTitle(page, h.site.origin);
    expect(await buttonLayoutProblems(page)).toEqual([]);
    await startSeededByMouse(page, r.seed);
    await expect.poll(() => page.locator('#a11y').textContent()).toContain(`Seed: ${r.seed}`);
    const layout: string[] = [];
    await playMoves(page, want.choices, 'mouse', async (i, screen) => {
      for (const p of await buttonLayoutProblems(page)) layout.push(`${screen} before move ${i + 1}: ${p}`);
      if (beats) await shot(page, `beats/${r.ending}-${String(i + 1).padStart(2, '0')}`);
    });
    await expectEnding(page, want);
    // The replay code shown in the browser, given to the command line, gives the same run and hash.
    const cli = cliReplay((await readEnding(page)).code);
    expect({ ending: cli.ending, hash: cli.hash, seed: cli.seed, choices: cli.choices }).toEqual({ ending: r.ending, hash: want.hash, seed: r.seed, choices: want.choices });
    if (beats) await shot(page, `beats/${r.ending}-ending`);
    for (const p of await buttonLayoutProblems(page)) layout.push(`Ending: ${p}`);
    expect(layout).toEqual([]);
  }, 300_000);
});

describe('the ending screen', () => {
  it('copies the replay code, replays the same seed, starts a new seed and goes back to the title', async () => {
    const { page, context } = h;
    const r = ENDING_RUNS[2];
    const want = expectedAgentRun(r.seed, r.agent);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.site.origin.slice(0, -1) });
    await openTitle(page, h.site.origin);
    await startSeededByMouse(page, r.seed);
    await playMoves(page, want.choices, 'mouse');
    await expectEnding(page, want);

    await clickAt(page, '[data-action=copy-code]');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(want.code);

    // Same seed: a fresh run with that seed, which the same moves replay to the same hash.
    await nextScreen(page, () => clickAt(page, '[data-action=same-seed]'));
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y').textContent()).toContain(`Seed: ${r.seed}`);
    await playMoves(page, want.choices, 'keys');
    expect((await readEnding(page)).hash).toBe(want.hash);

    // New seed: a Briefing with a fresh seed, shown to the player; 1 then Enter plays `first`.
    await nextScreen(page, () => clickAt(page, '[data-action=new-seed]'));
    await waitScreen(page, 'Briefing');
    const seed = /Seed: (\S+?)(?=The situation|$)/.exec((await page.locator('#a11y p').filter({ hasText: 'Seed:' }).first().textContent()) ?? '')?.[1];
    expect(seed).toMatch(/^[a-z0-9]{1,4}-[a-z0-9]{1,4}$/);
    expect(seed).not.toBe(r.seed);
    await playFirstByKeys(page);
    await expectEnding(page, expectedRun2(seed!, 'first'));

    await nextScreen(page, () => clickAt(page, '[data-action=title]'));
    await waitScreen(page, 'Title');
  }, 300_000);
});
