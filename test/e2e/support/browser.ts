/**
 * Chromium for the e2e tests and the page benchmark: the first browser found where
 * ./browser-path.ts looks (CHROME_PATH, Playwright's own, the system's), started headless
 * through playwright-core with a fresh temporary profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { findBrowser, systemProbe } from './browser-path.ts';

/** The browser to use (see ./browser-path.ts); throws one line saying how to get one when none is found. */
export function chromiumPath(): string {
  const found = findBrowser(systemProbe());
  if ('error' in found) throw new Error(found.error);
  return found.path;
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
