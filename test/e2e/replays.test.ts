/**
 * The replay viewer, counterfactual branches, the comparison, the run history (replay, branch,
 * export, import, delete) and every kind of bad input (codes, links, saves, history, a full
 * storage, odd seeds), in real Chromium against the built site. Every hash is checked against
 * the core run in Node (and the command line for a replay code).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildReplay, compareRuns, decodeCode, encodeCode, openCode } from '../../src/core/index.ts';
import {
  chooseFiles,
  clickAt,
  cliReplay,
  download,
  expectedMoves2,
  expectedRun,
  expectEnding,
  GOLDEN,
  march,
  shipped,
  nextScreen,
  openTitle,
  playByMouse,
  playMoves,
  readEnding,
  shot,
  startSeededByMouse,
  waitScreen,
  type Expected,
} from './support/game.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser();

const codes = JSON.parse(readFileSync(new URL('../fixtures/codes.json', import.meta.url), 'utf8')) as {
  codes: { format: number; code: string; record: { seed: string; choices: string[] }; replayHash: string }[];
};

const SAVE_KEY = 'red-lines:run';
const HISTORY_KEY = 'red-lines:history';

/** The shortest run there is: it ends at the first choice, with a capitulation. */
const SHORT = { seed: 'classroom-1', choices: ['accept-all-lawful-purposes'] } as const;
/** The shortest new run (version 2): accept the Department's opening offer, in the first round. */
const SHORT2 = { seed: 'classroom-1', choices: ['accept'] } as const;

/**
 * A four-choice run and its what-if, branched at the second beat (frame index 1): both end in a
 * capitulation, and the changed choice moves every meter (the core's compareRuns, checked below).
 */
const WHATIF_SEED = 'whatif-1';
const ORIGINAL = ['hold-both-clauses', 'propose-joint-review-board', 'drop-bulk-data-clause', 'sign-late-offer'];
const BRANCHED = ['hold-both-clauses', 'accept-pentagon-legal-review', 'drop-bulk-data-clause', 'sign-late-offer'];

const app = (page: Page, name: string) => page.locator('#app').getAttribute(name);
const step = async (page: Page) => Number(await app(page, 'data-replay-step'));
const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

const routed = new WeakSet<Page>();

/**
 * Empties the origin's storage and puts `items` in it, before the game is loaded (from a static
 * file of the same origin, so the game never sees the old storage).
 */
async function resetStorage(page: Page, items: Record<string, string> = {}) {
  // A static file is not a page with its own icon: Chromium asks for /favicon.ico, which the site
  // (whose pages name their icon) does not have.
  if (!routed.has(page)) {
    routed.add(page);
    await page.route(`${h.site.origin}favicon.ico`, (r) => r.fulfill({ status: 204, body: '' }));
  }
  await page.goto(`${h.site.origin}img/favicon.svg`);
  await page.evaluate((all) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(all)) localStorage.setItem(k, v);
  }, items);
}

/** Opens the viewer by a ?replay= link. */
async function openReplay(page: Page, code: string, base = h.site.origin) {
  await page.goto(`${base}?replay=${encodeURIComponent(code)}`);
  await waitScreen(page, 'Replay');
}

/** Opens a ?replay= link that must fail: the title screen, with a notice naming the problem. */
async function expectBadReplayLink(page: Page, code: string, core: string) {
  await page.goto(`${h.site.origin}?replay=${encodeURIComponent(code)}`);
  await waitScreen(page, 'Title');
  const notice = page.locator('#a11y .notice');
  expect(await notice.count(), `one notice for ${code}`).toBe(1);
  expect(await notice.getAttribute('role')).toBe('alert');
  expect(await notice.textContent()).toBe(`The link's replay code cannot be opened: ${core}`);
}

/** Moves the replay viewer by a key and waits for the step it must reach. */
async function key(page: Page, name: string, want: number) {
  await page.keyboard.press(name);
  await page.locator(`#app[data-replay-step="${want}"]`).waitFor({ state: 'attached', timeout: 10_000 });
}

async function click(page: Page, selector: string, want: number) {
  await clickAt(page, selector);
  await page.locator(`#app[data-replay-step="${want}"]`).waitFor({ state: 'attached', timeout: 10_000 });
}

/** The hash check paragraph of the viewer: its status and its text. */
async function hashCheck(page: Page) {
  const p = page.locator('#a11y .hash-check');
  expect(await p.count()).toBe(1);
  return { status: await p.getAttribute('data-status'), text: (await p.textContent()) ?? '', role: await p.getAttribute('role') };
}

/** In the viewer: the end frame shows the run's ending and hash, and both match the core's. */
async function expectReplayEnd(page: Page, want: Expected) {
  await key(page, 'End', want.choices.length);
  expect(await app(page, 'data-ending')).toBe(want.ending);
  expect(await app(page, 'data-hash')).toBe(want.hash);
  expect(await page.locator('#a11y .hash').first().textContent()).toBe(`Final state hash: ${want.hash}`);
}

/** From the Ending, through the title screen, to the run history. */
async function runsFromEnding(page: Page) {
  await nextScreen(page, () => clickAt(page, '[data-action=title]'));
  await waitScreen(page, 'Title');
  await nextScreen(page, () => clickAt(page, '[data-action=runs]'));
  await waitScreen(page, 'Runs');
}

/** Picks a file in the Runs screen's import chooser; waits for the screen it leads to. */
async function importFile(page: Page, name: string, text: string) {
  await chooseFiles(page, '[data-action=import]', 'input[data-run-file]', [{ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') }]);
}

/** What the page's live region (role=status) has said since `watchAnnouncements` was installed. */
const announced = (page: Page) => page.evaluate(() => (window as unknown as { __said?: string[] }).__said ?? []);

/** Records every text the live region is given (installed before the page's own scripts). */
async function watchAnnouncements(page: Page) {
  await page.addInitScript(() => {
    const said: string[] = [];
    (window as unknown as { __said: string[] }).__said = said;
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        const live = el?.closest('[role=status][aria-live]');
        if (live && live.textContent) said.push(live.textContent);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

const noPageErrors = () => expect(h.problems.filter((p) => p.startsWith('page error')), 'uncaught page errors').toEqual([]);

describe('the replay viewer', () => {
  it('opens the fixture code of every format to its hash; version 1 and 2 codes say they are earlier versions', async () => {
    const { page } = h;
    await resetStorage(page);
    for (const c of codes.codes) {
      await openReplay(page, c.code);
      expect(await app(page, 'data-hash-check'), `format ${c.format}`).toBe(c.format === 1 ? 'unchecked' : 'match');
      const about = (await page.locator('#a11y .about').first().textContent()) ?? '';
      const version = (c.record as { version?: number }).version;
      // Versions 1 to 4 are earlier versions now that version 5 ships.
      if (version !== undefined && version < 5) expect(about, `format ${c.format}: marked as an earlier version`).toContain(`v${version} (earlier version)`);
      else expect(about).not.toContain('earlier version');
      await page.keyboard.press('End');
      await page.locator(`#app[data-replay-step="${c.record.choices.length}"]`).waitFor({ state: 'attached' });
      expect(await app(page, 'data-hash'), `format ${c.format}`).toBe(c.replayHash);
      const side = (c.record as { side?: string }).side;
      if (side === 'department' || side === 'pair') {
        // The viewer says who played what; at the ending there is no move left to change.
        expect(await page.locator('#a11y .seat').textContent()).toBe(side === 'pair' ? "Two players: the lab's moves and the Department's" : "The Department's moves; the lab: the tit-for-tat agent");
        expect(await page.locator('#a11y [data-action=branch]').isDisabled()).toBe(true);
        await shot(page, `Replay-format-${c.format}`);
      }
    }
    noPageErrors();
  });

  it('a replay link of a golden run reaches the ending and hash of the command line', async () => {
    const { page, site } = h;
    const g = GOLDEN[2];
    const want = expectedRun(g.seed, { choices: g.choices });
    expect(want.hash).toBe(g.hash);
    const cli = cliReplay(want.code);
    expect(cli.hash).toBe(g.hash);
    expect(cli.ending).toBe(g.ending);

    await resetStorage(page);
    await openReplay(page, want.code);
    expect(await step(page)).toBe(0);
    expect(await app(page, 'data-hash-check')).toBe('match');
    expect(await app(page, 'data-ending'), 'no ending before the end frame').toBeNull();
    expect(await page.locator('#a11y .seed').textContent()).toBe(`Seed: ${g.seed}`);
    expect(await page.locator('#a11y [data-action=scrub]').getAttribute('max')).toBe(String(g.choices.length));
    // Frame 0 shows the first beat with the run's first choice marked.
    expect(await page.locator('#a11y [data-chosen]').getAttribute('data-chosen')).toBe(g.choices[0]);

    const check = await hashCheck(page);
    expect(check.status).toBe('match');
    expect(check.text).toContain(g.hash);

    await expectReplayEnd(page, want);
    expect(await app(page, 'data-ending')).toBe(cli.ending);
    expect(await app(page, 'data-hash')).toBe(cli.hash);
    expect(await app(page, 'data-hash-check')).toBe('match');
    expect(await page.locator('[data-action=branch]').isDisabled(), 'no choice to change at the ending').toBe(true);

    // The code and the link it offers are this run's (the clipboard is allowed for the origin).
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin.slice(0, -1) });
    expect(await page.locator('#a11y .code').first().textContent()).toBe(`Replay code: ${want.code}`);
    await clickAt(page, '[data-action=copy-code]');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(want.code);
    await clickAt(page, '[data-action=copy-link]');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${site.origin}?replay=${want.code}`);

    // Export from the viewer: the run file of this run.
    const file = await download(page, () => clickAt(page, '[data-action=export]'));
    const json = JSON.parse(file.text) as { format: string; hash: string; seed: string; choices: string[]; ending: string };
    expect(json).toMatchObject({ format: 'red-lines-run', hash: g.hash, seed: g.seed, choices: [...g.choices], ending: g.ending });

    // Back goes to the title screen, which a link opened the viewer from.
    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await waitScreen(page, 'Title');
    expect(await app(page, 'data-hash-check'), 'the viewer cleans up its attributes').toBeNull();
    noPageErrors();
  });

  it('steps back and forth by buttons, arrow keys, Home/End, play/pause at 4x and the scrubber', async () => {
    const { page } = h;
    const g = GOLDEN[1];
    const want = expectedRun(g.seed, { choices: g.choices });
    const n = g.choices.length;
    await openReplay(page, want.code);
    const back = page.locator('#a11y [data-action=step-back]');
    const fwd = page.locator('#a11y [data-action=step-forward]');
    expect(await step(page)).toBe(0);
    expect(await back.isDisabled(), 'Back is disabled at frame 0').toBe(true);
    expect(await fwd.isDisabled()).toBe(false);

    await click(page, '[data-action=step-forward]', 1);
    expect(await back.isDisabled()).toBe(false);
    expect(await page.locator('#a11y [data-chosen]').getAttribute('data-chosen'), 'frame 1 marks the second choice').toBe(g.choices[1]);
    await click(page, '[data-action=step-forward]', 2);
    await click(page, '[data-action=step-back]', 1);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await key(page, 'ArrowRight', 2);
    await key(page, 'ArrowRight', 3);
    await key(page, 'ArrowLeft', 2);
    await key(page, 'End', n);
    expect(await fwd.isDisabled(), 'Forward is disabled at the end').toBe(true);
    expect(await app(page, 'data-ending')).toBe(g.ending);
    expect(await app(page, 'data-hash')).toBe(g.hash);
    await key(page, 'ArrowRight', n);
    await key(page, 'Home', 0);
    expect(await back.isDisabled()).toBe(true);
    expect(await app(page, 'data-ending'), 'the ending leaves with the end frame').toBeNull();
    expect(await app(page, 'data-hash')).toBeNull();
    await key(page, 'ArrowLeft', 0);

    // Play at 4x: the frames advance by themselves; Pause stops them.
    await clickAt(page, '[data-speed="4"]');
    expect(await page.locator('#a11y [data-speed="4"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#a11y [data-speed="1"]').getAttribute('aria-pressed')).toBe('false');
    await clickAt(page, '[data-action=play]');
    await page.locator('#a11y [data-action=pause]').waitFor({ state: 'attached', timeout: 5_000 });
    const seen = [await step(page)];
    await expect
      .poll(
        async () => {
          seen.push(await step(page));
          return seen.at(-1)!;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBeGreaterThanOrEqual(3);
    expect(seen, 'frames only move forward while playing').toEqual([...seen].sort((a, b) => a - b));
    await clickAt(page, '[data-action=pause]');
    await page.locator('#a11y [data-action=play]').waitFor({ state: 'attached', timeout: 5_000 });
    const paused = await step(page);
    expect(paused).toBeLessThan(n);
    await page.waitForTimeout(2_000); // three frames' time at 4x
    expect(await step(page), 'paused: no frame moves').toBe(paused);

    // Space toggles play (outside a button), and a step by hand pauses.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await page.locator('#a11y [data-action=pause]').waitFor({ state: 'attached', timeout: 5_000 });
    await page.keyboard.press('Space');
    await page.locator('#a11y [data-action=play]').waitFor({ state: 'attached', timeout: 5_000 });

    // The scrubber jumps straight to a frame, and shows where the viewer is.
    const scrub = page.locator('#a11y [data-action=scrub]');
    await scrub.evaluate((el: HTMLInputElement) => {
      el.value = '7';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.locator('#app[data-replay-step="7"]').waitFor({ state: 'attached', timeout: 10_000 });
    expect(await page.locator('#a11y [data-chosen]').getAttribute('data-chosen')).toBe(g.choices[7]);
    expect(await scrub.getAttribute('aria-valuetext')).toBe(`Beat 8 of ${n}`);
    await scrub.evaluate((el: HTMLInputElement) => {
      el.value = String(el.max);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.locator(`#app[data-replay-step="${n}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    expect(await app(page, 'data-hash')).toBe(g.hash);
    await click(page, '[data-action=step-back]', n - 1);
    expect(await scrub.inputValue()).toBe(String(n - 1));
    noPageErrors();
  });

  it('a code with an edited hash opens with a mismatch naming both hashes; a format 1 code opens unchecked', async () => {
    const { page } = h;
    const want = expectedRun(GOLDEN[2].seed, { choices: GOLDEN[2].choices });
    const raw = decodeCode(want.code);
    if (!raw.ok) throw raw.error;
    const wrong = '0123456789abcdef';
    const tampered = encodeCode(raw.value.scenario, raw.value.version, raw.value.seed, raw.value.positions, wrong);
    const core = openCode(tampered, [march()]);
    expect(core.ok && core.check.status).toBe('mismatch');

    await openReplay(page, tampered);
    expect(await app(page, 'data-hash-check')).toBe('mismatch');
    const check = await hashCheck(page);
    expect(check.status).toBe('mismatch');
    expect(check.role).toBe('alert');
    expect(check.text).toContain(want.hash);
    expect(check.text).toContain(wrong);
    await expectReplayEnd(page, want);

    // Format 1 (no hash), opened through the title screen's dialog.
    const v1 = codes.codes.find((c) => c.format === 1)!;
    await openTitle(page, h.site.origin);
    await clickAt(page, '[data-action=open-code]');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    await dialog.locator('input').fill(v1.code);
    expect(await dialog.locator('button[type=submit]').textContent()).toBe('Watch the replay');
    await nextScreen(page, () => clickAt(page, 'dialog[open] button[type=submit]'));
    await waitScreen(page, 'Replay');
    expect(await app(page, 'data-hash-check')).toBe('unchecked');
    const c1 = await hashCheck(page);
    expect(c1.status).toBe('unchecked');
    expect(c1.text).toContain(v1.replayHash);
    await expectReplayEnd(page, expectedRun(v1.record.seed, { choices: v1.record.choices }));
    expect(await app(page, 'data-hash')).toBe(v1.replayHash);
    noPageErrors();
  });
});

describe('what-if branches', () => {
  const original = () => expectedRun(WHATIF_SEED, { choices: ORIGINAL });
  const branched = () => expectedRun(WHATIF_SEED, { choices: BRANCHED });

  it('the core says the chosen branch changes something (the premise of the next tests)', () => {
    const s = march();
    const a = buildReplay(s, { scenario: s.id, version: s.version, seed: WHATIF_SEED, choices: ORIGINAL });
    const b = buildReplay(s, { scenario: s.id, version: s.version, seed: WHATIF_SEED, choices: BRANCHED });
    expect(a.ending && b.ending).toBeTruthy();
    const cmp = compareRuns(s, a.context, b.context);
    expect(cmp.divergeAt).toBe(1);
    expect(cmp.meters.filter((m) => m.delta !== 0).length).toBeGreaterThan(0);
    expect(original().hash).not.toBe(branched().hash);
  });

  it('continues a branch after a reload mid-run: the save says what-if, and the ending offers Compare', async () => {
    const { page, site } = h;
    const a = original();
    const b = branched();
    await resetStorage(page);
    await openReplay(page, a.code);
    await click(page, '[data-action=step-forward]', 1);
    await nextScreen(page, () => clickAt(page, '[data-action=branch]'));
    await waitScreen(page, 'Table');
    await playByMouse(page, [BRANCHED[1]!]);

    // Reload: the title screen offers to continue the what-if branch.
    await openTitle(page, site.origin);
    const cont = page.locator('#a11y [data-action=continue]');
    expect(await cont.textContent()).toContain(`seed ${WHATIF_SEED} · 2 choices made · v1 (earlier version) · a what-if branch`);
    const save = JSON.parse((await stored(page, SAVE_KEY))!) as { record: { choices: string[] }; branch: { at: number; from: { choices: string[] } } };
    expect(save.record.choices).toEqual(BRANCHED.slice(0, 2));
    expect(save.branch).toMatchObject({ at: 1, from: { choices: ORIGINAL } });

    await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    await waitScreen(page, 'Table');
    expect(await page.locator('#a11y .branch-note').textContent()).toBe('What if · branched at beat 2');
    await playByMouse(page, BRANCHED.slice(2));
    await expectEnding(page, b);
    expect(await page.locator('#a11y [data-action=compare]').count(), 'a finished branch offers the comparison').toBe(1);
    expect(await page.locator('#a11y [data-action=export]').count()).toBe(1);
    await nextScreen(page, () => clickAt(page, '[data-action=compare]'));
    await waitScreen(page, 'Compare');
    expect(Number(await app(page, 'data-differences'))).toBeGreaterThan(0);
    noPageErrors();
  });

  it('"Change this choice" at the second beat: the original choice is disabled, and the comparison shows the differences', async () => {
    const { page } = h;
    const a = original();
    const b = branched();
    const s = march();
    const ra = buildReplay(s, { scenario: s.id, version: s.version, seed: WHATIF_SEED, choices: ORIGINAL });
    const rb = buildReplay(s, { scenario: s.id, version: s.version, seed: WHATIF_SEED, choices: BRANCHED });
    const cmp = compareRuns(s, ra.context, rb.context);
    const differences = cmp.reactions.length + cmp.meters.filter((m) => m.delta !== 0).length + (cmp.endings.a !== cmp.endings.b ? 1 : 0);

    await resetStorage(page);
    await openReplay(page, a.code);
    await key(page, 'ArrowRight', 1);
    expect(await page.locator('#a11y [data-action=branch] .label').textContent()).toBe('Change this choice');
    await nextScreen(page, () => clickAt(page, '[data-action=branch]'));
    await waitScreen(page, 'Table');

    // The table of beat 2 with the first choice kept; the original's second choice cannot be taken again.
    const orig = page.locator(`#a11y [data-choice="${ORIGINAL[1]}"]`);
    expect(await orig.getAttribute('data-original')).toBe('true');
    expect(await orig.isDisabled()).toBe(true);
    const others = page.locator('#a11y [data-choice]:not([data-original])');
    expect(await others.count()).toBeGreaterThan(0);
    for (const el of await others.all()) expect(await el.isDisabled()).toBe(false);
    expect(await page.locator(`#a11y [data-choice="${BRANCHED[1]}"]`).count()).toBe(1);
    // The number key of the original choice does not select it.
    const origKey = await orig.getAttribute('data-key');
    await page.keyboard.press(origKey!);
    expect(await orig.getAttribute('aria-pressed')).not.toBe('true');

    await playByMouse(page, BRANCHED.slice(1));
    await expectEnding(page, b);
    expect(await page.locator('#a11y [data-action=watch]').count()).toBe(1);
    await nextScreen(page, () => clickAt(page, '[data-action=compare]'));
    await waitScreen(page, 'Compare');
    expect(Number(await app(page, 'data-differences'))).toBe(differences);
    expect(differences).toBeGreaterThan(0);
    const runA = page.locator('#a11y [data-run=a]');
    const runB = page.locator('#a11y [data-run=b]');
    expect(await runA.count()).toBe(1);
    expect(await runB.count()).toBe(1);
    expect(await runA.locator('.ending').textContent()).toBe(ra.ending!.title);
    expect(await runB.locator('.ending').textContent()).toBe(rb.ending!.title);
    expect(await page.locator('#a11y [data-count]').getAttribute('data-count')).toBe(String(cmp.reactions.length));
    const text = (await page.locator('#a11y').textContent()) ?? '';
    expect(text).toContain('Beat 2:');
    // Each meter that moved is listed with both values.
    for (const m of cmp.meters.filter((x) => x.delta !== 0)) expect(text).toContain(`${m.label}: ${m.a} in the original, ${m.b} in the what-if`);

    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await waitScreen(page, 'Ending');
    expect(await app(page, 'data-hash')).toBe(b.hash);
    noPageErrors();
  });
});

describe('run history', () => {
  it('a finished run is listed; replayed, exported, imported back (bad files refused) and deleted', async () => {
    const { page, site } = h;
    const want = expectedMoves2(SHORT2.seed, SHORT2.choices);
    await resetStorage(page);
    await page.goto(`${site.origin}?seed=${SHORT2.seed}`);
    await waitScreen(page, 'Briefing');
    await playMoves(page, SHORT2.choices, 'mouse');
    await expectEnding(page, want);
    await runsFromEnding(page);
    const row = page.locator(`#a11y li.run[data-seed="${SHORT.seed}"]`);
    expect(await page.locator('#a11y li.run').count()).toBe(1);
    expect(await row.locator('h2').textContent()).toBe(`Seed: ${SHORT.seed}`);
    expect(await row.locator('.hash').textContent()).toBe(`hash ${want.hash}`);
    const history = JSON.parse((await stored(page, HISTORY_KEY))!) as { format: number; runs: { hash: string; record: { seed: string } }[] };
    expect(history.format).toBe(1);
    expect(history.runs.map((r) => [r.record.seed, r.hash])).toEqual([[SHORT.seed, want.hash]]);

    // Replay from the history: the same hash, checked.
    await nextScreen(page, () => clickAt(page, `[data-action=replay][data-seed="${SHORT.seed}"]`));
    await waitScreen(page, 'Replay');
    expect(await app(page, 'data-hash-check')).toBe('match');
    await expectReplayEnd(page, want);
    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await waitScreen(page, 'Runs');

    // Export: a run file with this run's hash.
    const file = await download(page, () => clickAt(page, `[data-action=export][data-seed="${SHORT.seed}"]`));
    expect(file.name).toMatch(/\.json$/);
    const json = JSON.parse(file.text) as Record<string, unknown>;
    expect(json).toMatchObject({ format: 'red-lines-run', hash: want.hash, seed: SHORT2.seed, choices: [...SHORT2.choices], ending: want.ending });

    // Bad files: a notice each, and the screen keeps working.
    await importFile(page, 'broken.json', file.text.slice(0, 40));
    await waitScreen(page, 'Runs');
    expect(await page.locator('#a11y .notice').textContent()).toMatch(/^"broken\.json" cannot be imported\. This is not a run file: it is not valid JSON/);
    const edited = JSON.stringify({ ...json, hash: '0000000000000000' });
    await importFile(page, 'edited.json', edited);
    await waitScreen(page, 'Runs');
    const notice = (await page.locator('#a11y .notice').textContent()) ?? '';
    expect(notice).toContain('"edited.json" cannot be imported.');
    expect(notice).toContain('0000000000000000');
    expect(notice).toContain(want.hash);
    expect(await page.locator('#a11y li.run').count(), 'nothing was added by the bad files').toBe(1);
    expect(await stored(page, HISTORY_KEY)).toBe(JSON.stringify(history));

    // Import the exported file: the viewer, with the hash checked.
    await importFile(page, file.name, file.text);
    await waitScreen(page, 'Replay');
    expect(await app(page, 'data-hash-check')).toBe('match');
    await expectReplayEnd(page, want);
    await nextScreen(page, () => clickAt(page, '[data-action=back]'));
    await waitScreen(page, 'Runs');
    expect(await page.locator('#a11y li.run').count(), 'an imported run already there is not listed twice').toBe(1);

    // Delete, after a confirmation (Cancel first keeps it).
    await clickAt(page, `[data-action=delete][data-seed="${SHORT.seed}"]`);
    await page.locator('dialog[open] [data-confirm=no]').waitFor();
    await clickAt(page, 'dialog[open] [data-confirm=no]');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await row.count()).toBe(1);
    await clickAt(page, `[data-action=delete][data-seed="${SHORT.seed}"]`);
    await page.locator('dialog[open] [data-confirm=yes]').waitFor();
    await nextScreen(page, () => clickAt(page, 'dialog[open] [data-confirm=yes]'));
    await waitScreen(page, 'Runs');
    expect(await row.count()).toBe(0);
    expect(await page.locator('#a11y li.run').count()).toBe(0);
    expect((JSON.parse((await stored(page, HISTORY_KEY))!) as { runs: unknown[] }).runs).toEqual([]);
    noPageErrors();
  });

  it('"Branch…" in the history asks for the beat and opens its table with the original choice disabled', async () => {
    const { page } = h;
    const g = GOLDEN[1];
    const entry = { record: { scenario: march().id, version: march().version, seed: g.seed, choices: [...g.choices] }, ending: g.ending, endingTitle: 'Standoff', hash: g.hash, finishedAt: '2026-03-05T15:02:11.530Z', branch: null };
    await resetStorage(page, { [HISTORY_KEY]: JSON.stringify({ format: 1, runs: [entry] }) });
    await openTitle(page, h.site.origin);
    expect(await page.locator('#a11y [data-action=runs]').textContent()).toContain('1 finished run');
    await nextScreen(page, () => clickAt(page, '[data-action=runs]'));
    await waitScreen(page, 'Runs');
    // A version 1 run in the history says it was played in the earlier version.
    expect(await page.locator(`#a11y li.run[data-seed="${g.seed}"] .about`).textContent()).toContain(`v1 (earlier version)`);
    await clickAt(page, `[data-action=branch][data-seed="${g.seed}"]`);
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-pick]').count()).toBe(g.choices.length);
    await nextScreen(page, () => clickAt(page, 'dialog[open] [data-pick="1"]'));
    await waitScreen(page, 'Table');
    const orig = page.locator(`#a11y [data-choice="${g.choices[1]}"]`);
    expect(await orig.getAttribute('data-original')).toBe('true');
    expect(await orig.isDisabled()).toBe(true);
    const save = JSON.parse((await stored(page, SAVE_KEY))!) as { record: { choices: string[] }; branch: { at: number } };
    expect(save.record.choices).toEqual(g.choices.slice(0, 1));
    expect(save.branch.at).toBe(1);
    noPageErrors();
  });
});

describe('bad input', () => {
  const short = () => expectedRun(SHORT.seed, { choices: SHORT.choices });
  const short2 = () => expectedMoves2(SHORT2.seed, SHORT2.choices);
  const positions = () => {
    const raw = decodeCode(short().code);
    if (!raw.ok) throw raw.error;
    return raw.value;
  };

  it('a damaged code typed in the dialog: the message in the dialog, which stays open; Cancel leaves a working title screen', async () => {
    const { page } = h;
    await resetStorage(page);
    await openTitle(page, h.site.origin);
    await clickAt(page, '[data-action=open-code]');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    const bad = `${short().code.slice(0, 12)}X${short().code.slice(13)}`;
    const core = openCode(bad, [march()]);
    expect(core.ok).toBe(false);
    await dialog.locator('input').fill(bad);
    await clickAt(page, 'dialog[open] button[type=submit]');
    await expect.poll(() => dialog.locator('p.error').textContent()).toBe(core.ok ? '' : core.message);
    expect(await page.locator('dialog[open]').count(), 'the dialog stays open').toBe(1);
    expect(await dialog.locator('input').getAttribute('aria-invalid')).toBe('true');
    expect(await app(page, 'data-screen')).toBe('Title');
    await clickAt(page, 'dialog[open] button[type=button]');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await app(page, 'data-screen')).toBe('Title');

    // The title screen still works: the same dialog opens a good code.
    await clickAt(page, '[data-action=open-code]');
    await dialog.waitFor();
    await dialog.locator('input').fill(short().code);
    await nextScreen(page, () => clickAt(page, 'dialog[open] button[type=submit]'));
    await waitScreen(page, 'Replay');
    expect(await app(page, 'data-hash-check')).toBe('match');
    noPageErrors();
  });

  it('a truncated code in a link: the title screen says why', async () => {
    const code = short().code.slice(0, -5);
    const core = openCode(code, [march()]);
    expect(core.ok).toBe(false);
    await expectBadReplayLink(h.page, code, core.ok ? '' : core.message);
    noPageErrors();
  });

  it('a code of an unknown scenario and a code of another scenario version: each named in the notice', async () => {
    const p = positions();
    const unknown = encodeCode('no-such', p.version, p.seed, p.positions, p.hash!);
    const c1 = openCode(unknown, shipped());
    expect(!c1.ok && c1.kind).toBe('unknown-scenario');
    await expectBadReplayLink(h.page, unknown, c1.ok ? '' : c1.message);
    expect(await h.page.locator('#a11y .notice').textContent()).toContain('"no-such"');

    // A version past the newest this game has.
    const newest = Math.max(...shipped().filter((s) => s.id === p.scenario).map((s) => s.version));
    const other = encodeCode(p.scenario, newest + 1, p.seed, p.positions, p.hash!);
    const c2 = openCode(other, shipped());
    expect(!c2.ok && c2.kind).toBe('other-version');
    await expectBadReplayLink(h.page, other, c2.ok ? '' : c2.message);
    expect(await h.page.locator('#a11y .notice').textContent()).toContain(`version ${newest + 1}`);
    noPageErrors();
  });

  it('a damaged save: a notice on the title screen, the save left as it was, and kept aside when a new run starts', async () => {
    const { page } = h;
    const damaged = '{"format":2,"record":{"scenario":"march-2026","vers';
    await resetStorage(page, { [SAVE_KEY]: damaged });
    await openTitle(page, h.site.origin);
    expect(await page.locator('#a11y .notice').textContent()).toContain('The saved run is damaged');
    expect(await page.locator('#a11y [data-action=continue]').count()).toBe(0);
    // Around the menu and back: still untouched.
    await nextScreen(page, () => clickAt(page, '[data-action=runs]'));
    await waitScreen(page, 'Runs');
    await nextScreen(page, () => clickAt(page, '[data-action=title]'));
    await waitScreen(page, 'Title');
    expect(await stored(page, SAVE_KEY)).toBe(damaged);
    // A new run takes the slot, but the damaged save is kept aside under a key of its own.
    await nextScreen(page, () => clickAt(page, '[data-action=new-run]'));
    await waitScreen(page, 'Briefing');
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('red-lines:run:damaged:')).map((k) => localStorage.getItem(k)));
    expect(kept).toEqual([damaged]);
    noPageErrors();
  });

  it('a save of a newer format: a notice, and a whole new run leaves it as it was', async () => {
    const { page } = h;
    const want = short2();
    const future = JSON.stringify({ format: 99, record: { scenario: 'march-2026', version: 1, seed: 'from-the-future', choices: ['hold-both-clauses'] }, ended: false, hologram: true });
    await resetStorage(page, { [SAVE_KEY]: future });
    await openTitle(page, h.site.origin);
    const notice = (await page.locator('#a11y .notice').textContent()) ?? '';
    expect(notice).toContain('newer Red Lines');
    expect(notice).toContain('99');
    await startSeededByMouse(page, want.seed);
    await playMoves(page, want.choices, 'mouse');
    await expectEnding(page, want);
    expect(await stored(page, SAVE_KEY), 'the newer save is never written over').toBe(future);
    // The finished run still reached the history.
    const history = JSON.parse((await stored(page, HISTORY_KEY))!) as { runs: { hash: string }[] };
    expect(history.runs.map((r) => r.hash)).toEqual([want.hash]);
    noPageErrors();
  });

  it('a damaged history: the Runs screen says so and offers to clear it; a finished run never writes over it', async () => {
    const { page, site } = h;
    const want = short2();
    const damaged = '{"format":1,"runs":[{"record":{"scenario":"march-2026"},"hash":"nope"}]}';
    await resetStorage(page, { [HISTORY_KEY]: damaged });
    await openTitle(page, site.origin);
    expect(await page.locator('#a11y [data-action=runs]').textContent()).toContain('the history needs attention');
    await nextScreen(page, () => clickAt(page, '[data-action=runs]'));
    await waitScreen(page, 'Runs');
    expect(await page.locator('#a11y .notice').textContent()).toContain('The run history is damaged');
    expect(await page.locator('#a11y [data-action=clear-history]').count()).toBe(1);
    expect(await page.locator('#a11y li.run').count()).toBe(0);

    await page.goto(`${site.origin}?seed=${want.seed}`);
    await waitScreen(page, 'Briefing');
    await playMoves(page, want.choices, 'mouse');
    await expectEnding(page, want);
    expect(await stored(page, HISTORY_KEY), 'the damaged history is left as it was').toBe(damaged);

    // Cleared only on request.
    await runsFromEnding(page);
    expect(await page.locator('#a11y .notice').textContent()).toContain('The run history is damaged');
    await clickAt(page, '[data-action=clear-history]');
    await page.locator('dialog[open] [data-confirm=yes]').waitFor();
    await nextScreen(page, () => clickAt(page, 'dialog[open] [data-confirm=yes]'));
    await waitScreen(page, 'Runs');
    expect(await page.locator('#a11y .notice').count()).toBe(0);
    expect(await page.locator('#a11y [data-action=clear-history]').count()).toBe(0);
    expect(JSON.parse((await stored(page, HISTORY_KEY))!)).toEqual({ format: 1, runs: [] });
    noPageErrors();
  });

  it('full storage: the run plays to its ending and the problem is announced', async () => {
    const want = short2();
    await resetStorage(h.page);
    const page = await h.context.newPage();
    try {
      await watchAnnouncements(page);
      await page.addInitScript(() => {
        Storage.prototype.setItem = function setItem() {
          throw new DOMException("Failed to execute 'setItem' on 'Storage': the quota has been exceeded.", 'QuotaExceededError');
        };
      });
      await page.goto(`${h.site.origin}?seed=${want.seed}`);
      await waitScreen(page, 'Briefing');
      await playMoves(page, want.choices, 'mouse');
      await expectEnding(page, want);
      expect(await stored(page, SAVE_KEY)).toBeNull();
      expect(await stored(page, HISTORY_KEY)).toBeNull();
      // The problem reaches the player through the accessible layer: announced, and still there to
      // read once the ending screen has finished announcing itself.
      await page.waitForTimeout(500);
      expect((await announced(page)).some((t) => /storage is full/.test(t)), 'the storage problem was announced').toBe(true);
      const now = await page.evaluate(() => ({
        layer: document.querySelector('#a11y')!.textContent!.includes('storage is full'),
        live: document.querySelector('[role=status][aria-live]')!.textContent ?? '',
      }));
      expect(
        now.layer || now.live.includes('storage is full'),
        `the Ending states the storage problem in its DOM layer or live region (the live region now says "${now.live}")`,
      ).toBe(true);
      noPageErrors();
    } finally {
      await page.close();
    }
  });

  it('odd seeds: an empty or 10,000-character ?seed= gives a notice; emoji and right-to-left seeds start and end like the core', async () => {
    const { page, site } = h;
    await resetStorage(page);
    for (const [seed, why] of [
      ['', 'The seed is empty'],
      ['x'.repeat(10_000), 'The seed is 10000 characters long'],
    ] as const) {
      await page.goto(`${site.origin}?seed=${encodeURIComponent(seed)}`);
      await waitScreen(page, 'Title');
      const notice = (await page.locator('#a11y .notice').textContent()) ?? '';
      expect(notice).toContain("The link's seed cannot be used");
      expect(notice).toContain(why);
    }
    for (const seed of ['שלום עולם', 'مرحبا بالعالم 42', '🎲 dés 🦊👩🏽‍🚀']) {
      await page.goto(`${site.origin}?seed=${encodeURIComponent(seed)}`);
      await waitScreen(page, 'Briefing');
      expect(await page.locator('#a11y').textContent()).toContain(`Seed: ${seed}`);
    }
    // The last (emoji) run, played to its end: the core's hash, and a code that carries the seed intact.
    const seed = '🎲 dés 🦊👩🏽‍🚀';
    const want = expectedMoves2(seed, SHORT2.choices);
    await playMoves(page, SHORT2.choices, 'mouse');
    await expectEnding(page, want);
    const seen = await readEnding(page);
    expect(cliReplay(seen.code).seed).toBe(seed);
    noPageErrors();
  });
});
