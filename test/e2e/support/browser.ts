/**
 * Chromium for the e2e tests and the page benchmark: the system browser (never a download),
 * started headless through playwright-core with a fresh temporary profile.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The browser to use: $CHROME_PATH, else /usr/bin/chromium; throws with install advice when missing. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}${process.env.CHROME_PATH ? ' (from CHROME_PATH)' : ''}. The browser tests need one: ` +
        'install it with `apt-get install chromium` (Debian/Ubuntu, as root), or set CHROME_PATH to a Chromium or Chrome executable. ' +
        'No browser is ever downloaded.',
    );
  }
  return path;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  reducedMotion?: 'reduce' | 'no-preference';
}

export interface Launched {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** One headless Chromium with a fresh profile in a temporary directory. */
export async function launchChromium(opts: LaunchOptions = {}): Promise<Launched> {
  const executablePath = chromiumPath();
  const profile = mkdtempSync(join(tmpdir(), 'red-lines-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: opts.viewport ?? { width: 1280, height: 720 },
      deviceScaleFactor: 1,
      reducedMotion: opts.reducedMotion ?? 'no-preference',
      locale: 'en-US',
      timezoneId: 'UTC',
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
