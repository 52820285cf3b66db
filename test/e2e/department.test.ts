/**
 * Playing the Department in the browser (issue 11, item 1): the title screen's side switch and a
 * ?side=department link start a run in the Department's chair, with its own briefing; the table
 * shows the Department's values and the lab's moves; the run ends with the command line's hash
 * for the same moves (`red-lines play --side department`), and its code replays there.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiddenValues } from '../../src/core/talks.ts';
import { addDays, encodeClass, engineOf, foldMoves, movesFrom, summarize, type ClassSettings } from '../../src/core/index.ts';
import { prose } from '../../src/core/prose.ts';
import { endingView } from '../../src/core/view.ts';
import { cliReplay, clickAt, download, expectEnding, marchNew, nextScreen, openTitle, playMoves, screenOf, settle, shot, startSeededByMouse, waitScreen, type Expected } from './support/game.ts';
import { PROJECT_ROOT } from './support/build.ts';
import { useBrowser } from './support/harness.ts';
import { PLAY_MODES } from '../../src/ui/words.ts';

const h = useBrowser({ reducedMotion: 'reduce' });

/** `npx red-lines play --side department --agent builtin:<agent> --json`: the command line's run of the Department. */
function cliDepartment(seed: string, agent: string): Expected & { opponent: string; side: string } {
  const out = execFileSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'red-lines.js'), 'play', '--scenario', 'march-2026', '--seed', seed, '--side', 'department', '--agent', `builtin:${agent}`, '--json'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const r = JSON.parse(out) as Expected & { opponent: string; side: string; ending: string };
  return { seed, choices: r.choices, ending: r.ending, hash: r.hash, code: r.code, opponent: r.opponent, side: r.side };
}

describe('playing the Department', () => {
  it('from the title screen: the Department\'s briefing and table, to an ending with the command line\'s hash', async () => {
    const { page } = h;
    const seed = 'dept-e2e';
    // The hardliner as the Department against the scenario's lab agent: two tables, ten moves, the last an accept.
    const want = cliDepartment(seed, 'hardliner');
    expect(want.side).toBe('department');
    expect(want.opponent).toBe(marchNew().departmentRole!.opponent);
    expect(want.choices.at(-1)).toBe('accept');

    await openTitle(page, h.site.origin);
    // "You play": a picker of who plays; the Department chosen, the title is drawn again.
    await clickAt(page, '#a11y [data-action=side]');
    const picker = page.locator('dialog[open]');
    await picker.waitFor();
    expect(await picker.locator('button[data-pick]').allTextContents()).toEqual(PLAY_MODES.map(([, label, detail]) => `${label}${detail}`));
    await nextScreen(page, () => picker.locator('button[data-pick="1"]').click());
    expect(await page.locator('#a11y [data-action=side]').getAttribute('data-side')).toBe('department');
    expect(await page.locator('#a11y').textContent()).toContain('You negotiate as the Department of Defense\'s negotiating team');
    await shot(page, 'department-title');
    await startSeededByMouse(page, seed);
    const briefing = (await page.locator('#a11y').textContent()) ?? '';
    expect(briefing).toContain('You play the Department');
    expect(briefing).toContain(marchNew().departmentRole!.briefing.standard.slice(0, 60));
    expect(briefing).not.toContain(marchNew().role.briefing.standard.slice(0, 60));
    await settle(page);
    await shot(page, 'department-briefing');

    // The Department's own values on its table: its weights, never the lab's.
    const values = hiddenValues(marchNew().negotiation!, seed);
    let tableSeen = false;
    await playMoves(page, want.choices, 'mouse', async (_i, screen) => {
      if (screen !== 'Talks' || tableSeen) return;
      tableSeen = true;
      const text = (await page.locator('#a11y').textContent()) ?? '';
      expect(text).toContain('The lab');
      expect(text).toContain('What the lab did outside the room');
      for (const c of marchNew().negotiation!.clauses) expect(text).toContain(`weighs ${Math.round(values.department.weights[c.id]! * 100)}% for you`);
      await settle(page, 800);
      await shot(page, 'department-table');
    });
    expect(tableSeen).toBe(true);
    await expectEnding(page, want);
    const ending = (await page.locator('#a11y').textContent()) ?? '';
    expect(ending).toContain(`As the Department · the lab: ${want.opponent} agent`);
    await shot(page, 'department-ending');
    // The code shown replays on the command line to the same run.
    const cli = cliReplay(want.code);
    expect({ hash: cli.hash, choices: cli.choices }).toEqual({ hash: want.hash, choices: want.choices });
  }, 300_000);

  it('a Department class at the simpler level reads its ending in the Department\'s words (version 5), its Markdown too', async () => {
    const { page } = h;
    const s = marchNew();
    const cls: ClassSettings = { scenario: s.id, version: s.version, seed: 'dept-words-1', level: 'simple', showOdds: true, timer: null, name: '', opponent: null, side: 'department' };
    // The Department accepts the lab's first text: both limits, with checks.
    const start = { seed: cls.seed, side: 'department' as const, opponent: s.departmentRole!.opponent };
    const r = foldMoves(engineOf(s), start, movesFrom(['accept']));
    if (!r.ok) throw new Error('the move was refused');
    const sum = summarize(s, r.state.value, r.state.context, (d) => addDays(s.start, d));
    const words = endingView(s, r.state.context, 'simple')!;
    const ending = s.endings.find((e) => e.id === sum.ending)!;
    expect(ending.department?.summary?.simple, 'this ending has Department words').toBeDefined();
    expect(words.summary).toBe(ending.department!.summary!.simple);

    await page.goto(`${h.site.origin}?class=${encodeClass(cls, [s])}`);
    await waitScreen(page, 'Briefing', 60_000);
    await playMoves(page, sum.choices, 'keys');
    await expectEnding(page, { seed: cls.seed, choices: sum.choices, ending: sum.ending!, hash: sum.hash, code: sum.code });
    const head = (await page.locator('#a11y section[aria-label="How it ended"]').textContent()) ?? '';
    expect(head).toContain(words.summary);
    expect(head).not.toContain(prose(ending.summary, 'simple'));
    expect(await page.locator('#a11y [role=tabpanel]:not([hidden]) .prose').first().textContent()).toBe(words.debrief);
    await settle(page);
    await shot(page, 'department-ending-simple');
    const md = await download(page, () => clickAt(page, '[data-action=markdown]'));
    expect(md.text).toContain(words.summary);
    expect(md.text).not.toContain(prose(ending.summary, 'simple'));
  }, 120_000);

  it('a ?side=department link with a seed opens the Department\'s briefing; a bad side is refused with a notice', async () => {
    const { page } = h;
    const seed = 'dept-link';
    const want = cliDepartment(seed, 'conceder');
    await page.goto(`${h.site.origin}?side=department&seed=${seed}`);
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y').textContent()).toContain('You play the Department');
    await playMoves(page, want.choices, 'keys');
    await expectEnding(page, want);

    await page.goto(`${h.site.origin}?side=pentagon&seed=${seed}`);
    await waitScreen(page, 'Title');
    expect(await page.locator('#a11y').textContent()).toContain('The link\'s side cannot be used: it is "lab" or "department", not "pentagon".');
    expect(await screenOf(page)).toBe('Title');
  }, 300_000);
});
