/**
 * The canvas's glyphs and what they say in words. The canvas may draw "Trust ▲▲" where a screen
 * reader should hear "Trust up sharply": a text's DOM twin is its canvas text in words, made here
 * (punctuation such as "·" stays: screen readers pause on it),
 * and the browser tests' parity check reads the canvas with the same table. Pure; no DOM.
 */
const WORDS: [RegExp, string][] = [
  [/▲▲/g, ' up sharply'],
  [/▼▼/g, ' down sharply'],
  [/▲/g, ' up'],
  [/▼/g, ' down'],
  [/[▶◀▸•■]/g, ' '],
  [/\s→\s/g, ' to '],
];

/** A canvas text in words, as its DOM twin says it (pure). */
export function spoken(text: string): string {
  let s = text;
  for (const [glyph, words] of WORDS) s = s.replace(glyph, words);
  return s.replace(/[ \t]+/g, ' ').trim();
}

/** Whether a canvas text is only glyphs (a bullet, an arrow): decoration, with no words of its own (pure). */
export const isDecoration = (text: string): boolean => spoken(text).replace(/[,·\s]/g, '') === '';
