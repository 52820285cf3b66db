/** The palette's meaning of colours: meter and delta tones follow each meter's `good` end. */
import { describe, expect, it } from 'vitest';
import { color, deltaTone, deltaWords, meterTone, seriesColor, SERIES_COLORS, standing } from '../src/ui/theme.ts';

describe('meter and delta tones', () => {
  it('read a meter from its good end', () => {
    expect(standing(80, 'high')).toBe(80);
    expect(standing(80, 'low')).toBe(20);
    expect(meterTone(10, 'high')).toBe(color.barLow);
    expect(meterTone(10, 'low')).toBe(color.barFine);
    expect(meterTone(90, 'low')).toBe(color.barLow);
    expect(meterTone(40, 'high')).toBe(color.barMid);
    expect(meterTone(60, 'low')).toBe(color.barMid);
  });

  it('colour a rise green only where higher is better', () => {
    expect(deltaTone(5, 'high')).toBe(color.up);
    expect(deltaTone(-5, 'high')).toBe(color.down);
    expect(deltaTone(5, 'low')).toBe(color.down);
    expect(deltaTone(-5, 'low')).toBe(color.up);
    expect(deltaTone(0, 'low')).toBe(color.muted);
    expect(deltaTone(0, 'high', color.text)).toBe(color.text);
    expect(deltaWords(5, 'low')).toBe('up 5, worse for you');
    expect(deltaWords(-3, 'high')).toBe('down 3, worse for you');
    expect(deltaWords(0, 'high')).toBe('no change');
  });

  it('cycles series colours', () => {
    expect(seriesColor(0)).toBe(SERIES_COLORS[0]);
    expect(seriesColor(SERIES_COLORS.length + 1)).toBe(SERIES_COLORS[1]);
  });
});
