/**
 * Per test file: one persistent Chromium context with a fresh profile, and a watch on everything
 * the pages do. After every test, the test fails if any page logged a console error, threw, got
 * an HTTP error, or requested anything outside http://127.0.0.1:PORT/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import type { Site } from '../global-setup.ts';
import { launchChromium, type Launched, type LaunchOptions } from './browser.ts';

export interface Harness {
  site: Site;
  context: BrowserContext;
  /** The first page of the context (tests may open more). */
  page: Page;
  /** Every URL any page requested, in order. */
  requests: string[];
  /** Console errors, page errors, HTTP errors, failed and foreign requests since the last check. */
  problems: string[];
  /** Whether a URL stays on the test server (blob: and data: URLs made by the page itself included). */
  isLocal(url: string): boolean;
}

export function useBrowser(opts: LaunchOptions = {}): Harness {
  const h = { problems: [] as string[], requests: [] as string[] } as unknown as Harness;
  let launched: Launched | null = null;

  // A browser that cannot start fails every test of the file (a failing beforeAll would only
  // mark them skipped, and a missing browser must never look like a pass).
  let launchError: Error | null = null;
  beforeEach(() => {
    if (launchError) throw launchError;
  });

  beforeAll(async () => {
    h.site = inject('site');
    const origin = h.site.origin;
    h.isLocal = (url: string) => url.startsWith(origin) || url.startsWith(`blob:${origin.slice(0, -1)}/`) || url.startsWith('data:');
    try {
      launched = await launchChromium(opts);
    } catch (e) {
      launchError = e as Error;
      return;
    }
    const context = (h.context = launched.context);
    // Generous: on a shared 2-core machine one software-rendered frame can take a second or more.
    context.setDefaultTimeout(60_000);
    context.on('request', (r) => {
      const url = r.url();
      h.requests.push(url);
      if (!h.isLocal(url)) h.problems.push(`request outside ${origin}: ${r.method()} ${url}`);
    });
    context.on('response', (r) => {
      if (r.status() >= 400) h.problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    context.on('requestfailed', (r) => {
      const why = r.failure()?.errorText ?? '?';
      // ERR_ABORTED: cancelled because the test navigated away (e.g. the favicon of a page left at once).
      if (h.isLocal(r.url()) && why !== 'net::ERR_ABORTED') h.problems.push(`request failed: ${r.url()} (${why})`);
    });
    context.on('console', (m) => {
      if (m.type() === 'error') h.problems.push(`console error on ${m.page()?.url() ?? '?'}: ${m.text()}`);
    });
    context.on('weberror', (e) => h.problems.push(`page error: ${e.error().stack ?? e.error().message}`));
    h.page = context.pages()[0] ?? (await context.newPage());
  });

  afterEach(() => {
    if (launchError) return;
    const seen = h.problems.splice(0);
    expect(seen, 'console errors, page errors, HTTP errors or requests leaving the origin').toEqual([]);
  });

  afterAll(async () => {
    await launched?.close();
  });

  return h;
}
