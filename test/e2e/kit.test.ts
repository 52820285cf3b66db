/**
 * The printable class kit in real Chromium: docs/class-kit.html opens with no request and no
 * console error, its role cards are visible, each role card prints on one A4 page, and the whole
 * kit prints as a PDF with at least one page per part. A screenshot of the lab's role card goes
 * to test-results/screens/kit-role-card.png for people to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTML_PATH, kitDoc, kitScenario, partTitles } from '../../scripts/class-kit.ts';
import { PROJECT_ROOT } from './support/build.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser({ viewport: { width: 1000, height: 900 } });
const SCREENS_DIR = join(PROJECT_ROOT, 'test-results', 'screens');
const html = readFileSync(HTML_PATH, 'utf8');
const parts = partTitles(kitDoc(kitScenario()));

/** How many pages a PDF has: its page objects, `/Type /Page` not followed by `s`. */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;

describe('class kit in the browser', () => {
  it('shows the role cards, and prints every part on pages of its own', async () => {
    const { page } = h;
    // The page as a file would show it: setContent makes no request, so any request it made
    // (a font, an image, a script) would fail the test through the harness.
    await page.setContent(html, { waitUntil: 'load' });
    expect(h.requests).toEqual([]);

    for (const title of ['Role card: the lab', 'Role card: the Department']) {
      await expect.poll(() => page.getByRole('heading', { level: 1, name: title }).isVisible(), { message: title }).toBe(true);
    }
    const headings = await page.locator('section.part > h1').allTextContents();
    expect(headings).toEqual(parts);

    mkdirSync(SCREENS_DIR, { recursive: true });
    const card = page.locator('#card-lab');
    await card.screenshot({ path: join(SCREENS_DIR, 'kit-role-card.png') });
    const box = (await card.boundingBox())!;
    expect(box.width).toBeGreaterThan(500);
    expect(box.height).toBeGreaterThan(500);

    // In print, every part after the first starts a new page.
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.$$eval('section.part', (els) => els.map((e) => getComputedStyle(e).breakBefore));
    expect(breaks).toEqual(parts.map((_, i) => (i === 0 ? 'auto' : 'page')));

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pageCount(pdf);
    expect(pages, `${pages} pages for ${parts.length} parts`).toBeGreaterThanOrEqual(parts.length);

    // Each role card alone fits on one printed page.
    for (const id of ['card-lab', 'card-department']) {
      const only = await page.addStyleTag({ content: `section.part:not(#${id}) { display: none !important; } #${id} { break-before: auto !important; }` });
      const cardPdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pageCount(cardPdf), `${id} prints on one A4 page`).toBe(1);
      await only.evaluate((el) => (el as Element).remove());
    }
  });
});
