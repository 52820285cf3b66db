/**
 * Seeded dice. seedrandom is the only source of randomness in the game.
 *
 * Every draw is keyed by what it decides ("r/press/leak/opening"), never by how many draws
 * came before, so two runs with one seed roll identical dice for every key they share, however
 * their choices differ (common random numbers).
 */
// Only seedrandom's alea generator: the package's index also bundles five other generators and ARC4.
import alea from 'seedrandom/lib/alea.js';

/** The PRNG algorithm and keying scheme, named in every run record. */
export const DICE_ALGORITHM = 'alea-keyed-1';

// alea's seeding cost grows with the seed's length (about 80 ns a character), and a run rolls
// many keys for one seed. So each side is first digested by alea itself into a short tag of
// 16-bit code units (alea's mash reads charCodeAt), memoised, and each draw seeds alea with the
// two tags: six characters, about 0.6 µs a draw instead of 3 µs.
const digest = (text: string, words: number): string => {
  const rng = alea(text);
  let out = '';
  for (let i = 0; i < words; i++) {
    const w = rng.int32() >>> 0;
    out += String.fromCharCode(w >>> 16, w & 0xffff);
  }
  return out;
};

let lastSeed: string | null = null;
let lastSeedTag = '';
const keyTags = new Map<string, string>();

/** A number in [0, 1) determined only by the seed and the key (pure; memoised internally). */
export function draw(seed: string, key: string): number {
  if (seed !== lastSeed) {
    // 64 bits: two seeds share dice with odds of about 1 in 4 billion for a million seeds.
    lastSeedTag = digest(seed, 2);
    lastSeed = seed;
  }
  let keyTag = keyTags.get(key);
  if (keyTag === undefined) {
    keyTag = digest(key, 1);
    if (keyTags.size > 10_000) keyTags.clear();
    keyTags.set(key, keyTag);
  }
  return alea(lastSeedTag + keyTag)();
}
