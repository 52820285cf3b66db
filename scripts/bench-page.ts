/**
 * Page figures for `npm run bench`, measured in the system Chromium (headless, software WebGL):
 * the gzipped JavaScript the built page loads, the time to its first interactive frame next to a
 * bare Phaser 4 page built in the same run, and the frame times while the meters animate.
 * Benchmarks, not tests: slow numbers are printed, never fatal; a missing browser is reported.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { chromiumPath, launchChromium } from '../test/e2e/support/browser.ts';
import { buildSite, PROJECT_ROOT } from '../test/e2e/support/build.ts';
import { serveStatic, type StaticServer } from '../test/e2e/support/server.ts';

const JS_TARGET_KB = 400;
const TTI_RATIO_TARGET = 1.3;
const FRAME_P95_TARGET_MS = 33;
const FRAME_P95_AIM_MS = 20;
/** Main-thread busy time on an idle screen, as a share of the wall time measured. */
const IDLE_BUSY_TARGET = 0.02;
const IDLE_MS = 10_000;
const LOADS = 5;
const ODDS_TARGET_MS = 2000;
const RESULTS_TARGET_MS = 1000;
const CLASS_SIZE = 200;
const MARK = 'red-lines:interactive';

// Page-side code with inner functions is passed as strings: tsx (esbuild keepNames) would wrap
// named functions in a helper that does not exist in the page. (waitForFunction takes a plain
// arrow: with a string it would need eval, which the page's Content-Security-Policy forbids.)
const markSeen = (mark: string) => performance.getEntriesByName(mark).length > 0;
const READ_MARK = `performance.getEntriesByName(${JSON.stringify(MARK)})[0].startTime`;

const BARE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Bare Phaser 4 scene</title>
    <style>html, body { margin: 0; height: 100%; background: #0e1623; } #game { position: absolute; inset: 0; }</style>
  </head>
  <body>
    <div id="game"></div>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

// The same game settings as src/ui/game.ts, one scene, one text, and the same mark as the title screen.
const BARE_MAIN = `import * as Phaser from 'phaser';

class Bare extends Phaser.Scene {
  constructor() {
    super('Bare');
  }
  create() {
    this.add.text(640, 360, 'Bare Phaser 4 scene', { fontFamily: 'system-ui, sans-serif', fontSize: '32px', color: '#e8edf4' }).setOrigin(0.5);
    this.game.events.once('postrender', () => requestAnimationFrame(() => performance.mark(${JSON.stringify(MARK)})));
  }
}

new Phaser.Game({
  type: Phaser.WEBGL,
  parent: document.getElementById('game'),
  width: 1280,
  height: 720,
  backgroundColor: '#0e1623',
  scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
  input: { keyboard: false, mouse: false, touch: false, gamepad: false },
  banner: false,
  audio: { noAudio: true },
  scene: [Bare],
});
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${Math.round(x)} ms`;
const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');

/** JavaScript files index.html loads (module scripts and modulepreloads), as paths relative to the site. */
function scriptsOf(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) out.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g)) out.add(m[1]!);
  return [...out].map((p) => p.replace(/^\.\//, ''));
}

async function buildBare(dir: string) {
  writeFileSync(join(dir, 'index.html'), BARE_HTML);
  writeFileSync(join(dir, 'main.js'), BARE_MAIN);
  await build({
    root: dir,
    configFile: false,
    base: './',
    logLevel: 'warn',
    publicDir: false,
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 5000 },
  });
}

const READ_FCP = `performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1`;

/** One fresh load (new page, HTTP cache off): milliseconds from navigation to the interactive mark (and to the first contentful paint, in `fcp`). */
async function loadTime(context: BrowserContext, url: string, seen?: Set<string>, fcp?: number[]): Promise<number> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (seen) page.on('request', (r) => seen.add(r.url()));
    await page.goto(url);
    await page.waitForFunction(markSeen, MARK, { timeout: 60_000, polling: 50 });
    fcp?.push((await page.evaluate(READ_FCP)) as number);
    return (await page.evaluate(READ_MARK)) as number;
  } finally {
    await page.close();
  }
}

/** rAF intervals for `ms` milliseconds from now, measured in the page. */
function frameIntervals(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const out = [];
    const t0 = performance.now();
    let last = -1;
    const tick = (t) => {
      if (last >= 0) out.push(t - last);
      last = t;
      if (performance.now() - t0 < ${ms}) requestAnimationFrame(tick);
      else resolve(out);
    };
    requestAnimationFrame(tick);
  })`) as Promise<number[]>;
}

async function screen(page: Page, key: string) {
  await page.waitForSelector(`#app[data-screen="${key}"]`, { state: 'attached', timeout: 60_000 });
}

/** From the title screen through "For teachers" to one of the classroom's screens. */
async function teacherScreen(page: Page, origin: string, action: string, key: string) {
  await page.goto(origin);
  await screen(page, 'Title');
  await page.locator('[data-action=teachers]').click();
  await screen(page, 'Classroom');
  await page.locator(`[data-action=${action}]`).click();
  await screen(page, key);
}

/** The odds explorer at 10,000 seeds per row (each built-in agent, or each strategy): wall time for all rows, and per 10,000 runs. */
async function oddsExplorer(context: BrowserContext, origin: string, by: 'agent' | 'strategy'): Promise<{ ms: number; runs: number; workers: number }> {
  const page = await context.newPage();
  try {
    await teacherScreen(page, origin, 'odds', 'Odds');
    if (by === 'strategy') {
      await page.locator('[data-by="strategy"]').click();
      await page.waitForSelector('[data-by="strategy"][aria-pressed="true"]', { state: 'attached' });
    }
    await page.locator('[data-runs="10000"]').click();
    await page.locator('[data-action=run-odds]').click();
    await page.waitForSelector('[data-odds-status="done"]', { state: 'attached', timeout: 600_000 });
    const ms = Number(await page.locator('#app').getAttribute('data-odds-ms'));
    const workers = Number(await page.locator('#app').getAttribute('data-odds-workers'));
    const runs = (await page.locator(`[data-odds] tr[data-${by}]`).count()) * 10_000;
    return { ms, runs, workers };
  } finally {
    await page.close();
  }
}

/** Class results for CLASS_SIZE pasted codes: the time the page takes to check, replay and tally them. */
async function classResultsTime(context: BrowserContext, origin: string): Promise<{ ms: number; counted: number }> {
  const { loadMarch } = await import('../test/graph-helpers.ts');
  const { playFast, recordToCode } = await import('../src/core/index.ts');
  const s = loadMarch();
  const lines = Array.from({ length: CLASS_SIZE }, (_, i) => {
    const seed = `bench-class-${i}`;
    const choices = playFast(s, seed, 'random').context.choices;
    return `Student ${i + 1}: ${recordToCode(s, { scenario: s.id, version: s.version, seed, choices })}`;
  });
  const page = await context.newPage();
  try {
    await teacherScreen(page, origin, 'results', 'Results');
    await page.locator('#results-seed').fill('');
    await page.locator('#codes').fill(lines.join('\n'));
    await page.locator('[data-action=count]').click();
    await page.waitForSelector('#app[data-counted]', { state: 'attached', timeout: 60_000 });
    return { ms: Number(await page.locator('#app').getAttribute('data-results-ms')), counted: Number(await page.locator('#app').getAttribute('data-counted')) };
  } finally {
    await page.close();
  }
}

/**
 * Starts ?seed=bench-frames, walks away from the first negotiating table to the story's table
 * (the breakdown), commits a choice that moves meters, and times frames for 1.5 s.
 */
async function meterFrames(context: BrowserContext, origin: string, query = ''): Promise<{ intervals: number[]; choice: string; renderer: string }> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${origin}?seed=bench-frames${query}`);
    await screen(page, 'Briefing');
    await page.keyboard.press('Enter');
    await screen(page, 'Phase');
    await page.keyboard.press('Enter');
    await screen(page, 'Talks');
    await page.locator('#a11y button[data-token="walk-away"]').click();
    await page.locator('#a11y button[data-token="walk-away"]').click();
    await screen(page, 'Phase');
    await page.keyboard.press('Enter');
    await screen(page, 'Table');
    await page.waitForTimeout(1500);
    // A choice whose own effects move meters and which does not end the phase or the run.
    const pick = (await page.evaluate(`(() => {
      for (const b of document.querySelectorAll('#a11y [data-choice]')) {
        const d = document.getElementById(b.getAttribute('aria-describedby') || '')?.textContent || '';
        if (d.includes('Moves:') && !d.includes('This ends')) return { id: b.dataset.choice, key: b.dataset.key };
      }
      return null;
    })()`)) as { id: string; key: string } | null;
    if (!pick) throw new Error('no choice on the first table moves a meter');
    await page.keyboard.press(pick.key);
    await page.waitForTimeout(300);
    const frames = frameIntervals(page, 1500);
    // Enter on the focused choice commits it; the table is re-created and its meters animate.
    await page.keyboard.press('Enter');
    const intervals = await frames;
    const renderer = `${await page.locator('#app').getAttribute('data-renderer')} (${await page.locator('#app').getAttribute('data-renderer-why')})`;
    return { intervals, choice: pick.id, renderer };
  } finally {
    await page.close();
  }
}

/**
 * Main-thread busy time while a screen sits idle: the renderer's TaskDuration (CDP
 * Performance.getMetrics) over IDLE_MS, after the screen's entry animations have settled.
 */
async function idleBusy(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const task = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
  const t0 = await task();
  const w0 = performance.now();
  await page.waitForTimeout(IDLE_MS);
  const t1 = await task();
  const wall = (performance.now() - w0) / 1000;
  await cdp.detach();
  return (t1 - t0) / wall;
}

/** The idle title screen and the idle negotiating table (the first round of ?seed=bench-idle), each measured for IDLE_MS. */
async function idleScreens(context: BrowserContext, origin: string): Promise<{ title: number; table: number }> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(origin);
    await page.waitForFunction(markSeen, MARK, { timeout: 60_000 });
    await page.waitForTimeout(2500);
    const title = await idleBusy(context, page);
    await page.goto(`${origin}?seed=bench-idle`);
    await screen(page, 'Briefing');
    await page.keyboard.press('Enter');
    await screen(page, 'Phase');
    await page.keyboard.press('Enter');
    await screen(page, 'Talks');
    await page.waitForTimeout(3000);
    const table = await idleBusy(context, page);
    return { title, table };
  } finally {
    await page.close();
  }
}

async function idleFrames(context: BrowserContext, url: string): Promise<number[]> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(markSeen, MARK, { timeout: 60_000 });
    await page.waitForTimeout(500);
    return await frameIntervals(page, 1500);
  } finally {
    await page.close();
  }
}

export async function benchPage(row: (name: string, value: string) => void): Promise<void> {
  console.log('\nPage (built with Vite, headless Chromium with software WebGL; medians of fresh loads)\n');
  let browserPath: string;
  try {
    browserPath = chromiumPath();

  } catch (e) {
    row('page benchmarks', `not run: ${(e as Error).message}`);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'red-lines-bench-'));
  // The bare page must resolve 'phaser' from this project's node_modules, so it is built inside it.
  const cache = join(PROJECT_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const bareDir = mkdtempSync(join(cache, 'red-lines-bench-bare-'));
  const servers: StaticServer[] = [];
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    const siteDir = join(work, 'site');
    await buildSite(siteDir);
    await buildBare(bareDir);

    const html = readFileSync(join(siteDir, 'index.html'), 'utf8');
    const referenced = scriptsOf(html);
    const size = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(join(siteDir, f))).length, 0);
    const site = await serveStatic(siteDir, []);
    const bare = await serveStatic(join(bareDir, 'dist'), []);
    servers.push(site, bare);

    browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
    const { context } = browser;
    console.log(`(browser: ${browserPath})`);

    // Warm-up loads (not counted), then alternate the two pages so drift hits both alike.
    const requested = new Set<string>();
    await loadTime(context, site.origin, requested);
    await loadTime(context, bare.origin);
    const game: number[] = [];
    const base: number[] = [];
    const paint: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      game.push(await loadTime(context, site.origin, undefined, paint));
      base.push(await loadTime(context, bare.origin));
    }

    // Every script the page actually fetched, in case a chunk is loaded without index.html naming it.
    const fetched = [...requested].filter((u) => u.startsWith(site.origin) && /\.js(\?|$)/.test(u)).map((u) => u.slice(site.origin.length).split('?')[0]!);
    const extra = fetched.filter((f) => !referenced.includes(f));
    const jsBytes = size([...referenced, ...extra]);
    row('JavaScript loaded, gzipped', `${kb(jsBytes)} in ${referenced.length + extra.length} file${referenced.length + extra.length === 1 ? '' : 's'} (target <= ${JS_TARGET_KB} KB: ${verdict(jsBytes <= JS_TARGET_KB * 1024)})`);
    if (extra.length) row('  of which not named in index.html', extra.join(', '));
    const bareHtml = readFileSync(join(bareDir, 'dist', 'index.html'), 'utf8');
    const bareJs = scriptsOf(bareHtml).reduce((sum, f) => sum + gzipSync(readFileSync(join(bareDir, 'dist', f))).length, 0);
    row('  for scale: bare Phaser 4 page, gzipped', kb(bareJs));

    const g = median(game);
    const b = median(base);
    row('first interactive frame, Red Lines title', `${ms(g)} (median of ${LOADS}: ${game.map(Math.round).join(', ')})`);
    row('first interactive frame, bare Phaser 4 scene', `${ms(b)} (median of ${LOADS}: ${base.map(Math.round).join(', ')})`);
    row('  ratio Red Lines / bare Phaser', `${(g / b).toFixed(2)} (target <= ${TTI_RATIO_TARGET}: ${verdict(g / b <= TTI_RATIO_TARGET)})`);
    row('  the page\'s own title painted, menu usable', `${ms(median(paint))} (median of ${LOADS}; first contentful paint: index.html's title, the menu's presses carried out once the engine is ready)`);

    const { intervals, choice, renderer } = await meterFrames(context, site.origin);
    const p95 = percentile(intervals, 95);
    row('frame time p95, meters animating (1280x720)', `${p95.toFixed(1)} ms over ${intervals.length} frames in 1.5 s after "${choice}" (median ${median(intervals).toFixed(1)} ms; target <= ${FRAME_P95_TARGET_MS} ms, aiming for ${FRAME_P95_AIM_MS}: ${verdict(p95 <= FRAME_P95_TARGET_MS)})`);
    row('  renderer the page chose', renderer);
    const gl = await meterFrames(context, site.origin, '&renderer=webgl');
    row('  for scale: the same with ?renderer=webgl', `p95 ${percentile(gl.intervals, 95).toFixed(1)} ms, median ${median(gl.intervals).toFixed(1)} ms over ${gl.intervals.length} frames`);
    const idle = await idleFrames(context, bare.origin);
    row('  for scale: bare Phaser scene, idle', `p95 ${percentile(idle, 95).toFixed(1)} ms, median ${median(idle).toFixed(1)} ms over ${idle.length} frames`);

    const busy = await idleScreens(context, site.origin);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const secs = IDLE_MS / 1000;
    row('main thread busy, idle title (1280x720)', `${pct(busy.title)} of ${secs} s (target <= ${pct(IDLE_BUSY_TARGET)}: ${verdict(busy.title <= IDLE_BUSY_TARGET)})`);
    row('main thread busy, idle table (1280x720)', `${pct(busy.table)} of ${secs} s (target <= ${pct(IDLE_BUSY_TARGET)}: ${verdict(busy.table <= IDLE_BUSY_TARGET)})`);

    for (const by of ['agent', 'strategy'] as const) {
      const odds = await oddsExplorer(context, site.origin, by);
      const per10k = (odds.ms * 10_000) / Math.max(1, odds.runs);
      row(`odds explorer, 10,000 seeds per ${by}`, `${ms(odds.ms)} for ${odds.runs.toLocaleString('en-US')} runs on ${odds.workers} workers: ${ms(per10k)} per 10,000 runs (target <= ${ODDS_TARGET_MS} ms: ${verdict(per10k <= ODDS_TARGET_MS)})`);
    }
    const cls = await classResultsTime(context, site.origin);
    row(`class results, ${CLASS_SIZE} pasted codes`, `${ms(cls.ms)} to check, replay and tally ${cls.counted} runs (target <= ${RESULTS_TARGET_MS} ms: ${verdict(cls.ms <= RESULTS_TARGET_MS && cls.counted === CLASS_SIZE)})`);
  } catch (e) {
    row('page benchmarks', `failed: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    await browser?.close();
    for (const s of servers) await s.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(bareDir, { recursive: true, force: true });
  }
}
