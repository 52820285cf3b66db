/**
 * Driving Red Lines through its DOM layer (the same elements screen readers and keyboards use),
 * and what the core in Node says the same run must end with.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { addDays, engineOf, foldMoves, movesFrom, playFast, playLive, summarize, type Scenario } from '../../../src/core/index.ts';
import { loadMarch2, loadMarch3, loadMarch4, loadMarch5, loadMarchShort, loadMarchShort2, loadTutorial, loadTutorial2 } from '../../helpers.ts';
import { playAgent } from '../../../src/core/agent-play.ts';
import { BUILTIN_AGENTS } from '../../../src/core/negotiation/agents.ts';
import { clauseSpecs, parseProposal } from '../../../src/core/talks.ts';
import { packageAt } from '../../../src/core/negotiation/utility.ts';
import { loadMarch } from '../../graph-helpers.ts';
import { PROJECT_ROOT } from './build.ts';

export const SCREENS_DIR = join(PROJECT_ROOT, 'test-results', 'screens');

let scenario: Scenario | null = null;
export const march = (): Scenario => (scenario ??= loadMarch());

let scenarioNew: Scenario | null = null;
/** march-2026's newest version (5: version 3's play from either side, with the glossary and the Department's own ending words): what new runs play. */
export const marchNew = (): Scenario => (scenarioNew ??= loadMarch5());
/** Every scenario (and version) the site ships: march-2026 versions 1 to 5, its 20-minute version's two versions and the tutorial's two. */
export const shipped = (): Scenario[] => [march(), loadMarch2(), loadMarch3(), loadMarch4(), marchNew(), loadMarchShort(), loadMarchShort2(), loadTutorial(), loadTutorial2()];

/** What the core says a new run (the newest version) played by a strategy (by default `first`) ends with. */
export function expectedRun2(seed: string, strategy = 'first'): Expected {
  const s = marchNew();
  const end = playFast(s, seed, strategy);
  const sum = summarize(s, end.value, end.context, (d) => addDays(s.start, d));
  if (!sum.ending) throw new Error(`the run of ${seed} did not end`);
  return { seed, choices: sum.choices, ending: sum.ending, hash: sum.hash, code: sum.code };
}

/** What the core says a new run of these moves (record tokens) ends with. */
export function expectedMoves2(seed: string, moves: readonly string[]): Expected {
  const s = marchNew();
  const r = foldMoves(engineOf(s), seed, movesFrom([...moves]));
  if (!r.ok) throw new Error(`the moves of ${seed} were refused at ${r.problem.index + 1}`);
  const sum = summarize(s, r.state.value, r.state.context, (d) => addDays(s.start, d));
  if (!sum.ending) throw new Error(`the run of ${seed} did not end`);
  return { seed, choices: sum.choices, ending: sum.ending, hash: sum.hash, code: sum.code };
}

/**
 * What the core says a new run played by a built-in agent (as the lab) ends with: its moves
 * are the choices. With `opponent`, a built-in agent plays the Department (a class can fix one).
 */
export function expectedAgentRun(seed: string, agent: string, opponent?: string): Expected {
  const s = marchNew();
  const { state } = playAgent(s, opponent === undefined ? seed : { seed, opponent }, BUILTIN_AGENTS[agent]!);
  const sum = summarize(s, state.value, state.context, (d) => addDays(s.start, d));
  if (!sum.ending) throw new Error(`the run of ${seed} did not end`);
  return { seed, choices: sum.choices, ending: sum.ending, hash: sum.hash, code: sum.code };
}

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

/** The number key of the k-th button (0-based) of a list: 1-9, then 0 for the tenth; null beyond. */
const keyOf = (k: number): string | null => (k < 9 ? String(k + 1) : k === 9 ? '0' : null);

/**
 * Plays moves (a record's tokens: story choices and moves at the table) from the Briefing or any
 * screen of a run under way, by keys alone (`keys`: number keys, Tab, the arrow keys and Enter),
 * or by mouse (`mouse`: a click selects, a second commits; a clause's button steps its wording).
 * A proposal first sets the package builder clause by clause, then proposes. Ends on the screen
 * the last move leads to. `onMove` runs before each move, on its screen. `s`: the scenario played
 * (by default march-2026's newest version).
 */
export async function playMoves(page: Page, moves: readonly string[], how: 'keys' | 'mouse', onMove?: (i: number, screen: string) => Promise<void>, s: Scenario = marchNew()) {
  const clauses = clauseSpecs(s.negotiation!);
  const proceed = async () => {
    for (let k = 0; k < 10; k++) {
      const screen = await screenOf(page);
      if (screen !== 'Briefing' && screen !== 'Phase') return;
      if (how === 'keys') await nextScreen(page, () => page.keyboard.press('Enter'));
      else await nextScreen(page, () => clickAt(page, `#a11y [data-action=${screen === 'Briefing' ? 'begin' : 'continue'}]`));
    }
  };
  /** Selects a button by its number key (or Tab when it has none) or a click, then commits it the same way. */
  const take = async (selector: string, index: number) => {
    if (how === 'mouse') {
      await clickAt(page, selector);
      expect(await page.locator(selector).getAttribute('aria-pressed'), `${selector} is selected after one click`).toBe('true');
      await nextScreen(page, () => clickAt(page, selector));
      return;
    }
    const key = keyOf(index);
    if (key) await page.keyboard.press(key);
    else {
      await tabTo(page, selector);
      await page.keyboard.press('Enter');
    }
    expect(await page.locator(selector).getAttribute('aria-pressed'), `${selector} is selected`).toBe('true');
    await nextScreen(page, () => page.keyboard.press('Enter'));
  };
  for (const [i, token] of moves.entries()) {
    await proceed();
    const screen = (await screenOf(page)) ?? '';
    await onMove?.(i, screen);
    if (screen === 'Table') {
      const sel = `#a11y [data-choice="${token}"]`;
      const keys = await page.locator('#a11y [data-choice]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-choice')));
      expect(keys, `move ${i + 1} (${token}) is on the table`).toContain(token);
      await take(sel, keys.indexOf(token));
      continue;
    }
    expect(screen, `the screen of move ${i + 1} (${token})`).toBe('Talks');
    if (token.startsWith('propose:')) {
      const pkg = packageAt(clauses, parseProposal(clauses, token) as number);
      for (const c of clauses) {
        const sel = `#a11y button[data-clause="${c.id}"]`;
        const ids = c.options.map((o) => o.id);
        const now = (await page.locator(sel).getAttribute('data-option'))!;
        const steps = (ids.indexOf(pkg[c.id]!) - ids.indexOf(now) + ids.length) % ids.length;
        if (steps === 0) continue;
        if (how === 'mouse') for (let k = 0; k < steps; k++) await clickAt(page, sel);
        else {
          await tabTo(page, sel);
          for (let k = 0; k < steps; k++) await page.keyboard.press('ArrowRight');
        }
        expect(await page.locator(sel).getAttribute('data-option'), `clause ${c.id} of move ${i + 1}`).toBe(pkg[c.id]);
      }
    }
    const tokens = await page.locator('#a11y button[data-move]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-token')));
    const want = token.startsWith('propose:') ? 'propose' : token;
    expect(tokens, `move ${i + 1} (${token}) is among the moves`).toContain(want);
    await take(`#a11y button[data-token="${want}"]`, tokens.indexOf(want));
  }
}

/**
 * From the Briefing or any screen of a run under way, presses 1 then Enter at every table (and
 * Enter elsewhere) until the Ending: the moves of the `first` strategy. `onScreen` sees each
 * screen before its keys are pressed.
 */
export async function playFirstByKeys(page: Page, onScreen?: (screen: string, step: number) => Promise<void>) {
  for (let i = 0; i < 120; i++) {
    const screen = (await screenOf(page)) ?? '';
    if (screen === 'Ending') return;
    await onScreen?.(screen, i);
    if (screen === 'Talks' || screen === 'Table') await page.keyboard.press('1');
    await nextScreen(page, () => page.keyboard.press('Enter'));
  }
  throw new Error('no ending after 120 steps of 1 and Enter');
}

/** The three golden runs of test/golden.test.ts: one per ending. */
export { GOLDEN } from '../../golden-runs.ts';

export interface Expected {
  seed: string;
  choices: string[];
  ending: string;
  hash: string;
  code: string;
}

/** What the core, run in Node (the command line's code path), says a run ends with. */
export function expectedRun(seed: string, pick: { choices: readonly string[] } | { strategy: string }): Expected {
  const s = march();
  const live = playLive(s, seed, 'choices' in pick ? { choices: [...pick.choices] } : pick);
  if (!live.ok) throw new Error(live.message);
  const sum = summarize(s, live.value, live.context, (d) => addDays(s.start, d));
  if (!sum.ending) throw new Error(`the run of ${seed} did not end`);
  return { seed, choices: sum.choices, ending: sum.ending, hash: sum.hash, code: sum.code };
}

/** `npx red-lines replay <code> --json`, run as a child process: what the command line says of a code. */
export function cliReplay(code: string): { ending: string | null; hash: string; seed: string; choices: string[] } {
  const out = execFileSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'red-lines.js'), 'replay', code, '--json'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out) as { ending: string | null; hash: string; seed: string; choices: string[] };
}

export const screenOf = (page: Page) => page.locator('#app').getAttribute('data-screen');

export async function waitScreen(page: Page, key: string, timeout = 60_000) {
  await page.locator(`#app[data-screen="${key}"]`).waitFor({ state: 'attached', timeout });
}

/**
 * Runs an action that makes the game show its next screen, and waits until it has: the DOM
 * layer's current section is replaced on every scene start, and the Table, which updates in
 * place after a choice within a phase, counts its turns on #app[data-turn].
 */
export async function nextScreen(page: Page, action: () => Promise<unknown>, timeout = 60_000) {
  const old = await page.locator('#a11y > section.screen').elementHandle();
  const turn = await page.locator('#app').getAttribute('data-turn');
  await action();
  if (old) {
    await page.waitForFunction(
      ([el, t]) => !(el as Element).isConnected || document.getElementById('app')!.getAttribute('data-turn') !== t,
      [old, turn] as const,
      { timeout },
    );
  }
  await page.locator('#a11y > section.screen').waitFor({ state: 'attached', timeout });
  await old?.dispose();
}

/**
 * A real mouse click at the centre of the element, after checking that the element is what the
 * page has at that point (what a player's click would hit). Faster than locator.click(), whose
 * waits for several animation frames cost seconds on a software-rendered WebGL page.
 */
export async function clickAt(page: Page, selector: string, timeout = 60_000) {
  // In the page: scroll the element into view if it is outside it, and check what its centre hits.
  // Returns false while it cannot be clicked if `wait` is set, else why not.
  const probe = ([sel, wait]: readonly [string, boolean]) => {
    const no = (why: string) => (wait ? false : { ok: false, x: 0, y: 0, why });
    const el = document.querySelector(sel);
    if (!el) return no('it is not in the page');
    let r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return no('it has no size');
    if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      r = el.getBoundingClientRect();
    }
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const target = document.elementFromPoint(x, y);
    if (!target || !el.contains(target)) return no(`a click at its centre (${Math.round(x)}, ${Math.round(y)}) would hit ${target?.outerHTML.slice(0, 160) ?? 'nothing'}`);
    return { ok: true, x, y, why: '' };
  };
  let at: { ok: boolean; x: number; y: number; why: string };
  try {
    at = (await (await page.waitForFunction(probe, [selector, true] as const, { timeout })).jsonValue()) as typeof at;
  } catch {
    at = (await page.evaluate(probe, [selector, false] as const)) as typeof at;
  }
  if (!at.ok) throw new Error(`cannot click ${selector}: ${at.why}`);
  await page.mouse.click(at.x, at.y);
}

/** Opens the page (optionally with a query) and waits for the title screen. */
export async function openTitle(page: Page, base: string) {
  await page.goto(base);
  await waitScreen(page, 'Title', 60_000);
}

/** Title → "Seeded run…" → type the seed → Start, by mouse; ends on the run's first screen (a briefing, or for two players a hand-over). */
export async function startSeeded(page: Page, seed: string) {
  await waitScreen(page, 'Title');
  await clickAt(page, '[data-action=seeded-run]');
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  await dialog.locator('input').fill(seed);
  expect(await dialog.getByRole('button', { name: 'Start' }).count()).toBe(1);
  await nextScreen(page, () => clickAt(page, 'dialog[open] button[type=submit]'));
}

/** Title → "Seeded run…" → type the seed → Start, by mouse; waits for the Briefing. */
export async function startSeededByMouse(page: Page, seed: string) {
  await startSeeded(page, seed);
  await waitScreen(page, 'Briefing');
}

/** How far the page can scroll sideways, in CSS pixels (0 when nothing overflows the screen). */
export const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const app = document.getElementById('app')!;
    return Math.max(app.scrollWidth - app.clientWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth);
  });

/**
 * From the Briefing (or a Phase or Table screen of a run under way), plays the choices by clicking
 * (select, then click again to commit); ends on the screen the last choice leads to.
 */
export async function playByMouse(page: Page, choices: readonly string[], onTable?: (i: number) => Promise<void>) {
  if ((await screenOf(page)) === 'Briefing') await nextScreen(page, () => clickAt(page, '[data-action=begin]'));
  for (const [i, id] of choices.entries()) {
    if ((await screenOf(page)) === 'Phase') await nextScreen(page, () => clickAt(page, '[data-action=continue]'));
    expect(await screenOf(page), `screen before choice ${i + 1} (${id})`).toBe('Table');
    await onTable?.(i);
    const sel = `#a11y [data-choice="${id}"]`;
    await clickAt(page, sel);
    expect(await page.locator(sel).getAttribute('aria-pressed'), `${id} is selected after one click`).toBe('true');
    await nextScreen(page, () => clickAt(page, sel));
  }
}

export interface EndingSeen {
  ending: string | null;
  hash: string | null;
  hashText: string;
  code: string;
}

export async function readEnding(page: Page): Promise<EndingSeen> {
  await waitScreen(page, 'Ending');
  const app = page.locator('#app');
  const code = (await page.locator('#a11y .code').textContent()) ?? '';
  return {
    ending: await app.getAttribute('data-ending'),
    hash: await app.getAttribute('data-hash'),
    hashText: ((await page.locator('#a11y .hash').textContent()) ?? '').trim(),
    code: code.replace(/^Replay code:\s*/, '').trim(),
  };
}

/** The browser's ending, hash and replay code equal the core's for the same seed and choices. */
export async function expectEnding(page: Page, want: Expected) {
  const seen = await readEnding(page);
  expect(seen.ending, `ending of ${want.seed}`).toBe(want.ending);
  expect(seen.hash, `browser hash of ${want.seed} = command line hash`).toBe(want.hash);
  expect(seen.hashText).toBe(want.hash);
  expect(seen.code, `replay code of ${want.seed}`).toBe(want.code);
}

/**
 * Stores an unfinished run as the game's own save (src/ui/session.ts: localStorage "red-lines:run",
 * save format 1), so the title screen offers "Continue" and the game replays it to its table.
 * Used to reach late screens without clicking through every beat again.
 */
export async function saveRun(page: Page, seed: string, choices: readonly string[], s: Scenario = march()) {
  await page.evaluate(
    (run) => localStorage.setItem('red-lines:run', JSON.stringify(run)),
    { format: 1, scenario: s.id, version: s.version, seed, choices: [...choices], ended: false },
  );
}

/**
 * Clicks a button that opens a file chooser (the page makes a hidden `<input type=file>` matching
 * `input`), gives it the files, and waits for the screen the files lead to. Under load Chromium
 * has once let a chooser's files go unreported; then the same input, still waiting, is given the
 * files directly (which fires its change event), so the page sees the files once.
 */
export async function chooseFiles(page: Page, button: string, input: string, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const old = await page.locator('#a11y > section.screen').elementHandle();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 30_000 }), clickAt(page, button)]);
  await chooser.setFiles(files);
  const changed = () => page.waitForFunction((el) => !(el as Element).isConnected, old, { timeout: 20_000 });
  try {
    await changed();
  } catch {
    if ((await page.locator(input).count()) === 0) throw new Error(`the files chosen with ${button} led nowhere`);
    await page.locator(input).setInputFiles(files);
    await changed();
  }
  await page.locator('#a11y > section.screen').waitFor({ state: 'attached' });
  await old?.dispose();
}

/** Lets entry animations finish (fades ~0.9 s, meters 1.15 s) before a screenshot. */
export const settle = (page: Page, ms = 1600) => page.waitForTimeout(ms);

export async function shot(page: Page, name: string) {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

/**
 * Canvas view: every DOM button must lie inside the canvas and no two may overlap, or a click
 * meant for one drawing would land on another button. Returns the problems found.
 */
export async function buttonLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const canvas = document.querySelector('#game canvas');
    if (!canvas || document.getElementById('app')!.classList.contains('text-view')) return out;
    const c = canvas.getBoundingClientRect();
    const name = (b: Element) => (b.querySelector('.label')?.textContent ?? b.textContent ?? '').trim();
    // Buttons the canvas view hides (display: none, for the text view only) cannot be clicked there.
    const bs = [...document.querySelectorAll<HTMLElement>('#a11y .hit')].filter((b) => b.checkVisibility()).map((b) => ({ b, r: b.getBoundingClientRect() }));
    for (const { b, r } of bs) {
      if (r.width < 1 || r.height < 1) out.push(`button "${name(b)}" has no size`);
      if (r.left < c.left - 1 || r.top < c.top - 1 || r.right > c.right + 1 || r.bottom > c.bottom + 1) out.push(`button "${name(b)}" reaches outside the canvas`);
    }
    for (let i = 0; i < bs.length; i++)
      for (let j = i + 1; j < bs.length; j++) {
        const a = bs[i]!.r;
        const b = bs[j]!.r;
        const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (ox > 1 && oy > 1) out.push(`buttons "${name(bs[i]!.b)}" and "${name(bs[j]!.b)}" overlap`);
      }
    return out;
  });
}

/** Reads a download started by `action`: its suggested name, its text and its bytes. */
export async function download(page: Page, action: () => Promise<unknown>): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), action()]);
  const bytes = await readFile(await d.path());
  return { name: d.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}
