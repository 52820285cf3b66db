/**
 * axe-core in the page under test. Its source is evaluated through the DevTools protocol, which
 * the page's Content-Security-Policy (script-src 'self') does not govern, unlike a <script> tag
 * or eval() by the page; then axe.run() checks the whole document. The game has no frames.
 */
import axe, { type AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

export type { AxeResults };

export async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document));
}
