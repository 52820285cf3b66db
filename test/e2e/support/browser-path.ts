/**
 * Where the browser tests and the page benchmark find Chromium or Chrome, and how a machine
 * without one gets one. The lookup is a pure function of what it is given (environment,
 * platform, and functions that check a file or search PATH), so its order is unit-tested
 * (test/browser-path.test.ts); `systemProbe()` and `ensureBrowser()` bind it to this machine.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, win32 } from 'node:path';

export interface Probe {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** Whether an executable file is at this path. */
  exists(path: string): boolean;
  /** The executable of this name on PATH, or null. */
  which(name: string): string | null;
  /** Where playwright-core keeps its own Chromium (installed or not), or null when unknown. */
  playwrightChromium?: () => string | null;
}

export interface Found {
  path: string;
  /** Where it came from, for messages: "CHROME_PATH", "Playwright", "PATH" or "standard location". */
  from: string;
}

/** The one line printed when no browser can be found or installed. */
export const NO_BROWSER =
  'No Chromium or Chrome found for the browser tests: set CHROME_PATH to a Chromium or Chrome executable, or install Chromium or Google Chrome ' +
  '(Debian/Ubuntu, as root: `apt-get install chromium`; anywhere with access to the Playwright CDN: `npx playwright-core install chromium`).';

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const LINUX_DIRS = ['/usr/bin'];
const MAC_APPS = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
const WINDOWS_BASES = ['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA'];
const WINDOWS_APPS = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe'];

/** An environment variable by name, ignoring case (Windows spells them ProgramFiles, LocalAppData, ...). */
function envVar(env: Probe['env'], name: string): string | undefined {
  if (env[name]) return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key ? env[key] || undefined : undefined;
}

/**
 * The places to look after CHROME_PATH and Playwright's own browser, in order, for a platform:
 * fixed paths, and names to look up on PATH (Linux only).
 */
export function standardPlaces(platform: NodeJS.Platform, env: Probe['env']): { paths: string[]; names: string[] } {
  if (platform === 'darwin') {
    const home = envVar(env, 'HOME');
    const roots = ['/Applications', ...(home ? [posix.join(home, 'Applications')] : [])];
    return { paths: roots.flatMap((root) => MAC_APPS.map((app) => posix.join(root, app))), names: [] };
  }
  if (platform === 'win32') {
    const bases = WINDOWS_BASES.map((v) => envVar(env, v)).filter((b): b is string => !!b);
    return { paths: WINDOWS_APPS.flatMap((app) => bases.map((base) => win32.join(base, app))), names: [] };
  }
  // Linux and the other Unix-likes.
  return {
    paths: [...LINUX_DIRS.flatMap((dir) => LINUX_NAMES.map((name) => posix.join(dir, name))), '/snap/bin/chromium'],
    names: LINUX_NAMES,
  };
}

/**
 * The browser to use: CHROME_PATH when set (and only it: a CHROME_PATH that names no file is an
 * error, not a reason to pick another browser), else Playwright's own Chromium when installed,
 * else the standard locations of the platform, else the names on PATH. An `error` says why none.
 */
export function findBrowser(probe: Probe): Found | { error: string } {
  const chromePath = probe.env.CHROME_PATH;
  if (chromePath) {
    return probe.exists(chromePath) ? { path: chromePath, from: 'CHROME_PATH' } : { error: `CHROME_PATH is ${chromePath}, and no executable is there. ${NO_BROWSER}` };
  }
  const own = probe.playwrightChromium?.() ?? null;
  if (own && probe.exists(own)) return { path: own, from: 'Playwright' };
  const { paths, names } = standardPlaces(probe.platform, probe.env);
  for (const path of paths) if (probe.exists(path)) return { path, from: 'standard location' };
  for (const name of names) {
    const path = probe.which(name);
    if (path) return { path, from: 'PATH' };
  }
  return { error: NO_BROWSER };
}

/** An executable file on PATH (or with a PATHEXT extension on Windows), without starting a process. */
export function whichOnPath(name: string, env: Probe['env'], platform: NodeJS.Platform, exists: (path: string) => boolean): string | null {
  const join_ = platform === 'win32' ? win32.join : posix.join;
  const exts = platform === 'win32' ? ['', ...(envVar(env, 'PATHEXT') ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of (envVar(env, 'PATH') ?? '').split(platform === 'win32' ? ';' : ':')) {
    if (!dir) continue;
    for (const ext of exts) {
      const path = join_(dir, name + ext);
      if (exists(path)) return path;
    }
  }
  return null;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const require = createRequire(import.meta.url);

/** Playwright's Chromium path for this machine (under ~/.cache/ms-playwright or PLAYWRIGHT_BROWSERS_PATH). */
function playwrightChromium(): string | null {
  try {
    return (require('playwright-core') as typeof import('playwright-core')).chromium.executablePath() || null;
  } catch {
    return null;
  }
}

/** The probe for this machine. */
export function systemProbe(): Probe {
  const env = process.env;
  return {
    env,
    platform: process.platform,
    exists: isExecutableFile,
    which: (name) => whichOnPath(name, env, process.platform, isExecutableFile),
    playwrightChromium,
  };
}

/** The ways a machine without a browser may get one, in the order they are tried. */
export interface Acquire {
  kind: 'apt' | 'playwright';
  commands: string[][];
}

/**
 * Linux as root with apt-get (Debian, Ubuntu): Chromium from the distribution. Then, anywhere:
 * Playwright's download of its own Chromium (which needs its CDN, so it may well fail).
 */
export function acquirePlan(opts: { platform: NodeJS.Platform; isRoot: boolean; hasAptGet: boolean; node: string; playwrightCli: string | null }): Acquire[] {
  const plan: Acquire[] = [];
  if (opts.platform === 'linux' && opts.isRoot && opts.hasAptGet) {
    plan.push({ kind: 'apt', commands: [['apt-get', 'update'], ['apt-get', 'install', '-y', 'chromium']] });
  }
  if (opts.playwrightCli) plan.push({ kind: 'playwright', commands: [[opts.node, opts.playwrightCli, 'install', 'chromium']] });
  return plan;
}

/** Bounds for each command: apt may fetch ~100 MB of packages; a download that cannot start fails in seconds. */
const TIMEOUT_MS = { apt: 15 * 60_000, playwright: 5 * 60_000 } as const;

function playwrightCli(): string | null {
  try {
    return join(dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  } catch {
    return null;
  }
}

/**
 * The browser for this machine, installing one when none is found and the machine allows it.
 * Returns its path, or throws with one line ({@link NO_BROWSER}) saying how to get one.
 */
export function ensureBrowser(log: (line: string) => void = (l) => console.log(l)): string {
  const probe = systemProbe();
  const first = findBrowser(probe);
  if ('path' in first) return first.path;
  if (probe.env.CHROME_PATH) throw new Error(first.error);
  const plan = acquirePlan({
    platform: process.platform,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: probe.which('apt-get') !== null,
    node: process.execPath,
    playwrightCli: playwrightCli(),
  });
  for (const step of plan) {
    log(`browser: none found; trying ${step.commands.map((c) => c.join(' ')).join(' && ')}`);
    let ok = true;
    for (const [cmd, ...args] of step.commands) {
      // apt's progress is worth seeing; Playwright's retries print a stack trace each, so only
      // its first error line is shown.
      const quiet = step.kind === 'playwright';
      const r = spawnSync(cmd!, args, {
        stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
        encoding: 'utf8',
        timeout: TIMEOUT_MS[step.kind],
        killSignal: 'SIGKILL',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (r.status !== 0) {
        const said = quiet ? `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').find((l) => l.startsWith('Error:')) : undefined;
        const why = r.error?.message ?? (r.signal ? `stopped after ${TIMEOUT_MS[step.kind] / 1000} s` : `exit ${r.status}`);
        log(`browser: \`${[cmd, ...args].join(' ')}\` failed (${why})${said ? `: ${said}` : ''}`);
        ok = false;
        break;
      }
    }
    const found = ok ? findBrowser(systemProbe()) : null;
    if (found && 'path' in found) {
      log(`browser: using ${found.path}`);
      return found.path;
    }
  }
  throw new Error(NO_BROWSER);
}

