/**
 * Canvas/DOM parity: every words-bearing text drawn on the canvas has a DOM twin with the same
 * words, and every text of the DOM layer is drawn on the canvas, except DOM text that the kit marks
 * as describing a drawing in words (`data-twin="describes"`: source badges, charts, bars).
 * Canvas texts come from the page's own hook (#app.canvasTexts(), src/ui/probe.ts), which reads
 * Phaser's display lists, so a text drawn outside the kit is found too.
 */
import type { Page } from 'playwright-core';

export interface ParityReport {
  screen: string;
  /** Canvas texts with no DOM twin. */
  canvasOnly: string[];
  /** DOM texts not drawn on the canvas. */
  domOnly: string[];
  canvasCount: number;
  domCount: number;
}

/** Compares what the canvas draws with what the DOM layer says, on the screen showing now. */
export async function parity(page: Page): Promise<ParityReport> {
  return page.evaluate(() => {
    const app = document.getElementById('app') as HTMLElement & { canvasTexts?: () => { text: string; words: string; decor: boolean }[] };
    const screen = app.dataset.screen ?? '?';
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
    if (!app.canvasTexts || app.classList.contains('text-view')) return { screen, canvasOnly: [], domOnly: [], canvasCount: 0, domCount: 0 };
    const canvas = app
      .canvasTexts()
      .filter((t) => !t.decor)
      // In words, as the twins say them: "Trust ▲" is read "Trust up" (src/ui/glyphs.ts).
      .map((t) => norm(t.words))
      .filter(Boolean);
    const root = document.querySelector('#a11y > section.screen');
    const els = root ? [...root.querySelectorAll<HTMLElement>('.t')] : [];
    const shown = els.filter((el) => el.checkVisibility() && !el.closest('[aria-hidden="true"]') && norm(el.textContent ?? '') !== '');
    // A DOM text whose own element holds other .t elements is their container, not a text.
    const leaves = shown.filter((el) => !el.querySelector('.t'));
    const dom = leaves.map((el) => ({ text: norm(el.textContent ?? ''), describes: el.closest('[data-twin="describes"]') !== null }));
    const cut = (c: string) => (c.endsWith('…') ? c.slice(0, -1).trimEnd() : c);
    const canvasOnly = canvas.filter((c) => !dom.some((d) => d.text.includes(cut(c))));
    const all = canvas.map(cut).join(' ');
    const domOnly = dom
      .filter((d) => !d.describes)
      .map((d) => d.text)
      .filter((d) => !all.includes(d) && !canvas.some((c) => c.endsWith('…') && cut(c).length >= 8 && d.startsWith(cut(c))));
    return { screen, canvasOnly, domOnly, canvasCount: canvas.length, domCount: dom.length };
  });
}
