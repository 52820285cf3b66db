/** The canvas's glyph vocabulary: what a DOM twin says for a drawn arrow, bullet or separator. */
import { describe, expect, it } from 'vitest';
import { isDecoration, spoken } from '../src/ui/glyphs.ts';

describe('spoken', () => {
  it('says arrows and separators in words, and drops pure decoration', () => {
    expect(spoken('Trust ▲▲')).toBe('Trust up sharply');
    expect(spoken('Runway ▼')).toBe('Runway down');
    expect(spoken('Morale ▼▼  Support ▲')).toBe('Morale down sharply Support up');
    expect(spoken('Beat 2 of 5 · Phase 1: Talks · Thu 5 Mar 2026')).toBe('Beat 2 of 5 · Phase 1: Talks · Thu 5 Mar 2026');
    expect(spoken('◀  Back')).toBe('Back');
    expect(spoken('Forward  ▶')).toBe('Forward');
    expect(spoken('45 → 60')).toBe('45 to 60');
    expect(spoken('plain words')).toBe('plain words');
  });

  it('knows a text made only of glyphs', () => {
    expect(isDecoration('•')).toBe(true);
    expect(isDecoration(' ▸ ')).toBe(true);
    expect(isDecoration('▲')).toBe(false);
    expect(isDecoration('A4')).toBe(false);
  });
});
