/**
 * The Lighthouse figure for `npm run bench`: Lighthouse 12 (mobile preset: emulated mid-range
 * phone, simulated slow 4G and 4x CPU slowdown) on the built site, served on 127.0.0.1 as a
 * production static host would (brotli/gzip, long-lived caching of hashed assets; see
 * test/e2e/support/server.ts), in the same Chromium the browser tests use.
 *
 * Lighthouse is not a dependency of the project (it is large): on first use it is installed, at
 * the exact version below, into node_modules/.cache/. When it cannot be had (offline, no npm),
 * or there is no browser, one line says so and the benchmark goes on. The full JSON report is
 * saved under test-results/lighthouse/.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../test/e2e/support/browser.ts';
import { buildSite, PROJECT_ROOT } from '../test/e2e/support/build.ts';
import { serveStatic } from '../test/e2e/support/server.ts';

export const LIGHTHOUSE_VERSION = '12.8.2';
const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', `red-lines-lighthouse-${LIGHTHOUSE_VERSION}`);
const REPORT_DIR = join(PROJECT_ROOT, 'test-results', 'lighthouse');
// Lighthouse's desktop preset crashes in its trace engine on Node 20; the default (mobile) works.
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu';
const INSTALL_TIMEOUT_MS = 5 * 60_000;
const RUN_TIMEOUT_MS = 3 * 60_000;

/** Category targets (scores 0-100). */
const TARGETS = { performance: 90, accessibility: 100, 'best-practices': 100 } as const;
/** Lighthouse's own "good" (green) bounds for the metrics of its performance score, on mobile (ms; CLS unitless). */
const METRICS = [
  { id: 'first-contentful-paint', name: 'first contentful paint', good: 1800 },
  { id: 'largest-contentful-paint', name: 'largest contentful paint', good: 2500 },
  { id: 'total-blocking-time', name: 'total blocking time', good: 200 },
  { id: 'cumulative-layout-shift', name: 'cumulative layout shift', good: 0.1 },
  { id: 'speed-index', name: 'speed index', good: 3400 },
] as const;
/** How many of the performance findings with the largest estimated savings to name. */
const TOP_FINDINGS = 4;

type Row = (name: string, value: string) => void;

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  numericValue?: number;
  displayValue?: string;
  metricSavings?: Record<string, number>;
}
interface Report {
  lighthouseVersion: string;
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
  environment?: { benchmarkIndex?: number };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
}

interface Ran {
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

/** Runs a command to completion (killing just that process after `timeoutMs`), keeping the end of its stderr. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'], shell: process.platform === 'win32' && !cmd.endsWith('.exe') });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stderr: e.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

const lastLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1) ?? '';

/** The gist of npm's error output: its error code and first error message, e.g. "ECONNREFUSED: FetchError: request to ... failed". */
function npmError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.replace(/^npm (?:error|ERR!)\s*/, '').trim());
  const code = lines.map((l) => /^code (\S+)$/.exec(l)?.[1]).find(Boolean);
  const message = lines.find((l) => /\b\w*Error\b|reason:|^40\d|^E[A-Z0-9]+\b/.test(l) && !/^code /.test(l));
  return [code, message].filter(Boolean).join(': ').slice(0, 240) || lastLine(stderr);
}

/** The Lighthouse CLI entry point, installed on first use; or the reason it cannot be had. */
async function lighthouseCli(): Promise<{ cli: string } | { error: string }> {
  const pkg = join(CACHE_DIR, 'node_modules', 'lighthouse', 'package.json');
  const cli = join(CACHE_DIR, 'node_modules', 'lighthouse', 'cli', 'index.js');
  const installed = () => {
    try {
      return JSON.parse(readFileSync(pkg, 'utf8')).version === LIGHTHOUSE_VERSION && existsSync(cli);
    } catch {
      return false;
    }
  };
  if (installed()) return { cli };
  console.log(`Lighthouse: installing lighthouse@${LIGHTHOUSE_VERSION} into ${CACHE_DIR} (first use only)...`);
  mkdirSync(CACHE_DIR, { recursive: true });
  // Its own package.json, so npm treats this directory as the project and never climbs to ours.
  writeFileSync(join(CACHE_DIR, 'package.json'), '{ "private": true }\n');
  // Under `npm run`, npm_execpath is npm's own script: run it with this Node (else npm from PATH).
  const npmScript = process.env.npm_execpath;
  const [cmd, pre] = npmScript && /npm-cli\.[cm]?js$/.test(npmScript) ? [process.execPath, [npmScript]] : ['npm', []];
  const args = [...pre, 'install', '--prefix', CACHE_DIR, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error', '--fetch-retries=1', `lighthouse@${LIGHTHOUSE_VERSION}`];
  const r = await run(cmd, args, process.env, INSTALL_TIMEOUT_MS);
  if (installed()) return { cli };
  const why = r.timedOut ? `timed out after ${INSTALL_TIMEOUT_MS / 60_000} min` : npmError(r.stderr) || `npm exited with ${r.code}`;
  return { error: `could not install lighthouse@${LIGHTHOUSE_VERSION} with npm (${why})` };
}

const score = (s: number | null | undefined) => (s == null ? NaN : Math.round(s * 100));
const verdict = (ok: boolean) => (ok ? 'within target' : 'BELOW TARGET');
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** Ids of the audits that count towards a category's score and did not pass. */
function failing(report: Report, category: string): string[] {
  return (report.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => report.audits[ref.id])
    .filter((a): a is Audit => !!a && a.scoreDisplayMode !== 'notApplicable' && a.score !== null && a.score < 1)
    .map((a) => a.id);
}

/**
 * The performance opportunities and diagnostics (unweighted audits that did not pass) with the
 * largest estimated savings on the paint and blocking metrics, as "id (what, est. savings)".
 */
function findings(report: Report): string[] {
  const saved = (a: Audit) => Math.max(0, ...['FCP', 'LCP', 'TBT'].map((k) => a.metricSavings?.[k] ?? 0));
  return (report.categories.performance?.auditRefs ?? [])
    .filter((ref) => ref.weight === 0 && !ref.id.endsWith('-insight'))
    .map((ref) => report.audits[ref.id])
    .filter((a): a is Audit => !!a && a.score !== null && a.score < 1 && saved(a) > 0)
    .sort((a, b) => saved(b) - saved(a))
    .slice(0, TOP_FINDINGS)
    .map((a) => {
      const by = Object.entries(a.metricSavings ?? {})
        .filter(([k, v]) => k !== 'CLS' && v > 0)
        .map(([k, v]) => `${k} -${Math.round(v)} ms`)
        .join(', ');
      return `${a.id} (${[a.displayValue, by].filter(Boolean).join('; ')})`;
    });
}

/** Prints the Lighthouse rows; never throws. */
export async function benchLighthouse(row: Row): Promise<void> {
  let browser: string;
  try {
    browser = chromiumPath();
  } catch (e) {
    row('Lighthouse (mobile)', `not run: ${(e as Error).message}`);
    return;
  }
  const got = await lighthouseCli().catch((e: Error) => ({ error: e.message }));
  if ('error' in got) {
    row('Lighthouse (mobile)', `not run: ${got.error}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'red-lines-lighthouse-'));
  try {
    const site = join(dir, 'site');
    await buildSite(site);
    const server = await serveStatic(site, [], { production: true });
    const out = join(dir, 'report.json');
    let r: Ran;
    try {
      r = await run(
        process.execPath,
        [
          got.cli,
          server.origin,
          '--output=json',
          `--output-path=${out}`,
          `--chrome-flags=${CHROME_FLAGS}`,
          '--only-categories=performance,accessibility,best-practices',
          '--quiet',
          '--no-enable-error-reporting',
        ],
        { ...process.env, CHROME_PATH: browser },
        RUN_TIMEOUT_MS,
      );
    } finally {
      await server.close();
    }
    if (!existsSync(out)) {
      const why = r.timedOut ? `timed out after ${RUN_TIMEOUT_MS / 60_000} min` : lastLine(r.stderr) || `exited with ${r.code}`;
      row('Lighthouse (mobile)', `failed: ${why}`);
      return;
    }
    const json = readFileSync(out, 'utf8');
    mkdirSync(REPORT_DIR, { recursive: true });
    const saved = join(REPORT_DIR, `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(saved, json);
    const report = JSON.parse(json) as Report;
    if (report.runtimeError) {
      row('Lighthouse (mobile)', `failed: ${report.runtimeError.code}: ${report.runtimeError.message}`);
      return;
    }
    const bench = report.environment?.benchmarkIndex;
    row('Lighthouse (mobile preset)', `lighthouse ${report.lighthouseVersion}, simulated slow 4G + 4x CPU slowdown${bench ? `, host benchmark index ${Math.round(bench)}` : ''}`);
    const names = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'best practices' } as const;
    for (const [id, target] of Object.entries(TARGETS) as [keyof typeof TARGETS, number][]) {
      const s = score(report.categories[id]?.score);
      const cmp = id === 'performance' ? '>=' : '=';
      const ok = s >= target;
      const fails = ok || id === 'performance' ? [] : failing(report, id);
      row(`  ${names[id]} score`, `${s} (target ${cmp} ${target}: ${verdict(ok)})${fails.length ? `; failing: ${fails.join(', ')}` : ''}`);
    }
    for (const m of METRICS) {
      const a = report.audits[m.id];
      if (a?.numericValue === undefined) continue;
      const show = m.id === 'cumulative-layout-shift' ? (x: number) => x.toFixed(3) : seconds;
      row(`  ${m.name}`, `${show(a.numericValue)} (Lighthouse "good" <= ${show(m.good)}: ${a.numericValue <= m.good ? 'good' : 'NOT GOOD'})`);
    }
    const top = findings(report);
    if (top.length) row('  top performance findings', top.join('; '));
    for (const w of report.runWarnings) row('  Lighthouse warning', w.replace(/\s+/g, ' ').slice(0, 200));
    row('  Lighthouse report', saved);
  } catch (e) {
    row('Lighthouse (mobile)', `failed: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
