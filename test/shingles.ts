import { fnv1a64 } from '../src/core/hash.ts';

export const SHINGLE_WORDS = 7;

/**
 * Terms that must appear word for word: the contract's and the parties' own phrases as the
 * sources report them, and proper names. They are masked before shingling, so repeating them
 * is never mistaken for copying a sentence.
 */
export const TERMS = [
  'mass domestic surveillance',
  'lethal autonomous weapons',
  'all lawful purposes',
  'analysis of bulk acquired data',
  'supply chain risk',
  'software & information industry association',
  'computer & communications industry association',
  'business software alliance',
  'technet',
  'under secretary of defense for research and engineering',
  'department of defense',
  'secretary of defense',
  'google deepmind',
];

/** Lower-case words, punctuation and quote marks dropped, the TERMS masked. */
export function words(text: string): string[] {
  let t = text.toLowerCase().replace(/[\u2018\u2019']/g, '');
  for (const term of TERMS) t = t.split(term).join(' \u0000 ');
  return t.split(/[^\p{L}\p{N}$\u0000]+/u).filter(Boolean);
}

/** Hashes of every run of SHINGLE_WORDS consecutive words. */
export function shingles(text: string): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) {
    const run = w.slice(i, i + SHINGLE_WORDS);
    if (!run.includes('\u0000')) out.push(fnv1a64(run.join(' ')));
  }
  return out;
}
