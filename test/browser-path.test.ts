/**
 * Where the browser tests look for Chromium or Chrome, in order, on each platform, and how a machine
 * without one gets one: test/e2e/support/browser-path.ts against a made-up file system and PATH.
 */
import { describe, expect, it } from 'vitest';
import { acquirePlan, findBrowser, NO_BROWSER, standardPlaces, whichOnPath, type Probe } from './e2e/support/browser-path.ts';

const PW = '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

/** A probe whose file system holds exactly `files`, and whose PATH lookups go through the same files. */
function probe(platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}, playwright: string | null = PW): Probe & { looked: string[] } {
  const have = new Set(files);
  const looked: string[] = [];
  const exists = (path: string) => {
    looked.push(path);
    return have.has(path);
  };
  return {
    env,
    platform,
    exists,
    which: (name) => whichOnPath(name, env, platform, (p) => have.has(p)),
    playwrightChromium: () => playwright,
    looked,
  };
}

const pathOf = (r: ReturnType<typeof findBrowser>) => ('path' in r ? r.path : r.error);

describe('findBrowser', () => {
  it('takes CHROME_PATH first, over every other browser on the machine', () => {
    const p = probe('linux', ['/opt/my/chrome', PW, '/usr/bin/chromium'], { CHROME_PATH: '/opt/my/chrome' });
    expect(findBrowser(p)).toEqual({ path: '/opt/my/chrome', from: 'CHROME_PATH' });
  });

  it('stops at a CHROME_PATH that names no file, with the advice, rather than picking another browser', () => {
    const r = findBrowser(probe('linux', [PW, '/usr/bin/chromium'], { CHROME_PATH: '/nowhere/chrome' }));
    expect('error' in r && r.error).toContain('CHROME_PATH is /nowhere/chrome');
    expect('error' in r && r.error).toContain(NO_BROWSER);
  });

  it("then Playwright's own Chromium when it is installed", () => {
    expect(findBrowser(probe('linux', [PW, '/usr/bin/chromium']))).toEqual({ path: PW, from: 'Playwright' });
    expect(findBrowser(probe('darwin', [PW, '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']))).toEqual({ path: PW, from: 'Playwright' });
    // Not installed (the path Playwright names is missing), or playwright-core not loadable.
    expect(pathOf(findBrowser(probe('linux', ['/usr/bin/chromium'])))).toBe('/usr/bin/chromium');
    expect(pathOf(findBrowser(probe('linux', ['/usr/bin/chromium'], {}, null)))).toBe('/usr/bin/chromium');
  });

  it('on Linux: /usr/bin/chromium, chromium-browser, google-chrome, google-chrome-stable, /snap/bin/chromium, then PATH', () => {
    const order = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
    const p = probe('linux', []);
    expect(findBrowser(p)).toEqual({ error: NO_BROWSER });
    expect(p.looked).toEqual([PW, ...order]);
    // Each one wins over the ones after it.
    for (let i = 0; i < order.length; i++) {
      expect(pathOf(findBrowser(probe('linux', order.slice(i), { PATH: '/usr/local/bin' })))).toBe(order[i]);
    }
    expect(standardPlaces('linux', {}).paths).toEqual(order);
  });

  it('on Linux: the names on PATH, in the same order of names, after the fixed places', () => {
    const env = { PATH: '/usr/local/bin:/home/me/bin:' };
    expect(findBrowser(probe('linux', ['/home/me/bin/chromium', '/usr/local/bin/google-chrome'], env))).toEqual({ path: '/home/me/bin/chromium', from: 'PATH' });
    expect(pathOf(findBrowser(probe('linux', ['/home/me/bin/google-chrome-stable'], env)))).toBe('/home/me/bin/google-chrome-stable');
    expect(pathOf(findBrowser(probe('linux', ['/usr/local/bin/chromium-browser', '/home/me/bin/chromium-browser'], env)))).toBe('/usr/local/bin/chromium-browser');
    expect(pathOf(findBrowser(probe('linux', ['/home/me/bin/chromium', '/usr/bin/google-chrome'], env)))).toBe('/usr/bin/google-chrome');
    expect(findBrowser(probe('linux', ['/home/me/bin/firefox'], env))).toEqual({ error: NO_BROWSER });
  });

  it('on macOS: Chrome, then Chromium, in /Applications, then in ~/Applications', () => {
    const order = [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Users/me/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/me/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
    const env = { HOME: '/Users/me', PATH: '/usr/bin' };
    const p = probe('darwin', [], env);
    expect(findBrowser(p)).toEqual({ error: NO_BROWSER });
    expect(p.looked).toEqual([PW, ...order]);
    for (let i = 0; i < order.length; i++) expect(pathOf(findBrowser(probe('darwin', order.slice(i), env)))).toBe(order[i]);
    // Linux places mean nothing there.
    expect(findBrowser(probe('darwin', ['/usr/bin/chromium'], env))).toEqual({ error: NO_BROWSER });
  });

  it('on Windows: Chrome, then Chromium, under Program Files, Program Files (x86) and LocalAppData, whatever the case of the variables', () => {
    const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' };
    const order = [
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Chromium\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Chromium\\Application\\chrome.exe',
      'C:\\Users\\me\\AppData\\Local\\Chromium\\Application\\chrome.exe',
    ];
    const pw = 'C:\\Users\\me\\AppData\\Local\\ms-playwright\\chromium-1255\\chrome-win64\\chrome.exe';
    const p = probe('win32', [], env, pw);
    expect(findBrowser(p)).toEqual({ error: NO_BROWSER });
    expect(p.looked).toEqual([pw, ...order]);
    for (let i = 0; i < order.length; i++) expect(pathOf(findBrowser(probe('win32', order.slice(i), env, pw)))).toBe(order[i]);
    expect(pathOf(findBrowser(probe('win32', [pw, order[0]!], env, pw)))).toBe(pw);
    // A variable that is not set adds no place.
    expect(standardPlaces('win32', { LOCALAPPDATA: 'D:\\L' }).paths).toEqual(['D:\\L\\Google\\Chrome\\Application\\chrome.exe', 'D:\\L\\Chromium\\Application\\chrome.exe']);
  });

  it('gives one line of advice when nothing is found', () => {
    expect(NO_BROWSER).not.toContain('\n');
    expect(NO_BROWSER).toContain('CHROME_PATH');
  });
});

describe('whichOnPath', () => {
  it('finds the first directory on PATH that has the name, and on Windows tries PATHEXT', () => {
    const have = new Set(['/b/chromium', '/c/chromium', 'C:\\tools\\chromium.EXE']);
    const exists = (p: string) => have.has(p);
    expect(whichOnPath('chromium', { PATH: '/a:/b:/c' }, 'linux', exists)).toBe('/b/chromium');
    expect(whichOnPath('chromium', { PATH: '/a' }, 'linux', exists)).toBeNull();
    expect(whichOnPath('chromium', {}, 'linux', exists)).toBeNull();
    expect(whichOnPath('chromium', { Path: 'C:\\x;C:\\tools', PATHEXT: '.COM;.EXE' }, 'win32', exists)).toBe('C:\\tools\\chromium.EXE');
  });
});

describe('acquirePlan', () => {
  const base = { node: '/usr/bin/node', playwrightCli: '/p/node_modules/playwright-core/cli.js' };
  it("on Linux as root with apt-get: Debian's Chromium first, then Playwright's download", () => {
    const plan = acquirePlan({ ...base, platform: 'linux', isRoot: true, hasAptGet: true });
    expect(plan.map((s) => s.kind)).toEqual(['apt', 'playwright']);
    expect(plan[0]!.commands).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'chromium'],
    ]);
    expect(plan[1]!.commands).toEqual([['/usr/bin/node', '/p/node_modules/playwright-core/cli.js', 'install', 'chromium']]);
  });

  it("otherwise only Playwright's download, and nothing when playwright-core is missing", () => {
    expect(acquirePlan({ ...base, platform: 'linux', isRoot: false, hasAptGet: true }).map((s) => s.kind)).toEqual(['playwright']);
    expect(acquirePlan({ ...base, platform: 'linux', isRoot: true, hasAptGet: false }).map((s) => s.kind)).toEqual(['playwright']);
    expect(acquirePlan({ ...base, platform: 'darwin', isRoot: true, hasAptGet: true }).map((s) => s.kind)).toEqual(['playwright']);
    expect(acquirePlan({ ...base, platform: 'win32', isRoot: false, hasAptGet: false, playwrightCli: null })).toEqual([]);
  });
});
