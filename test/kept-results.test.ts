/**
 * Class results kept in the teacher's browser (src/core/kept-results.ts), and the QR codes of
 * links and codes (src/ui/qr.ts): kept inputs round-trip and are refused, with a message, when
 * damaged, newer or too big; a QR code's matrix has the standard's size and finder patterns.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_FORMAT, MAX_KEPT_CHARS, readKept, writeKept, type Kept } from '../src/core/kept-results.ts';
import { keptOf, restoreKept, resultsState, type ResultsState } from '../src/ui/results-state.ts';
import { qrModules } from '../src/ui/qr.ts';

const KEPT: Kept = { keptAt: '2026-12-02T09:00:00.000Z', text: 'Ada: rl3.Cm1hcm…\nrl4.Cm1hcm…', seed: 'class-7B', opponent: 'hardliner', files: [{ source: 'ben.json', text: '{"format":"red-lines-run"}' }] };

describe('kept class results', () => {
  it('round-trip, with and without a Department checked', () => {
    for (const k of [KEPT, { ...KEPT, opponent: null }, { ...KEPT, opponent: undefined }]) {
      const w = writeKept(k);
      if (!w.ok) throw new Error(w.message);
      expect(JSON.parse(w.text).format).toBe(KEPT_FORMAT);
      const r = readKept(w.text);
      expect(r).toEqual({ kind: 'ok', value: Object.fromEntries(Object.entries(k).filter(([, v]) => v !== undefined)) });
    }
    expect(readKept(null)).toEqual({ kind: 'none' });
  });

  it('refuses damaged, newer and too-big kept results, each with its message', () => {
    const text = (over: object) => JSON.stringify({ ...JSON.parse((writeKept(KEPT) as { text: string }).text), ...over });
    const message = (raw: string) => {
      const r = readKept(raw);
      return r.kind === 'problem' ? r.message : `not refused: ${r.kind}`;
    };
    expect(message('{')).toMatch(/damaged: they are not valid JSON/);
    expect(message('[]')).toMatch(/no format number/);
    expect(message(text({ format: 2 }))).toMatch(/newer Red Lines \(format 2\); this game reads format 1\. They are left as they are\./);
    expect(message(text({ seed: 7 }))).toMatch(/"seed" must be text/);
    expect(message(text({ opponent: 'deep-blue' }))).toMatch(/"opponent" must be a built-in agent/);
    expect(message(text({ files: [{ name: 'x' }] }))).toMatch(/"files" must be a list/);
    const big = writeKept({ ...KEPT, text: 'x'.repeat(MAX_KEPT_CHARS) });
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.message).toMatch(/too big to keep in the browser/);
  });

  it('come back only into a screen that has not begun', () => {
    const fresh = (): ResultsState => ({ ...resultsState, text: '', seed: '', files: [], results: null, keptAt: null });
    const st = fresh();
    expect(restoreKept(st, KEPT)).toBe(true);
    expect(keptOf(st, KEPT.keptAt)).toEqual(KEPT);
    const begun = { ...fresh(), text: 'rl3.x' };
    expect(restoreKept(begun, KEPT)).toBe(false);
    expect(begun.text).toBe('rl3.x');
  });
});

describe('QR codes', () => {
  /** A finder pattern at (r, c): a dark 7x7 ring, a light ring, a dark 3x3 centre. */
  const finder = (m: boolean[][], r: number, c: number) => {
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) {
        const ring = Math.max(Math.abs(i - 3), Math.abs(j - 3));
        expect(m[r + i]![c + j], `module ${r + i},${c + j}`).toBe(ring !== 2);
      }
    }
  };

  it('has the standard size (17 + 4 per version) and three finder patterns, for a class link and a code', () => {
    for (const text of ['http://127.0.0.1:5173/?class=c3.WyJtYXJjaC0yMDI2IiwzLCJjbGFzcy1kZXB0Iiwic3RhbmRhcmQiLDAsMCwiIixudWxsLCJkZXBhcnRtZW50Il2wmh6t', 'rl4.Cm1hcmNoLTIwMjYDCTEwdGEtMGo5YgEIYm91bHdhcmUIDwD_FwC_EwC_EwD_FAD_FAC_FgC_FgF2yOzjARr4KG5guh0', 'é']) {
      const m = qrModules(text);
      const n = m.length;
      expect((n - 17) % 4, text).toBe(0);
      expect(m.every((row) => row.length === n)).toBe(true);
      finder(m, 0, 0);
      finder(m, 0, n - 7);
      finder(m, n - 7, 0);
      expect(qrModules(text)).toEqual(m);
    }
    expect(qrModules('rl4.a')).not.toEqual(qrModules('rl4.b'));
  });
});
