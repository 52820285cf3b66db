/**
 * Writes test/fixtures/source-shingles.json: hashes of every run of 7 words in the source reports
 * and FACTS.md (../shared/sources). test/scenarios.test.ts checks that no scenario text repeats
 * one, so the content rule "facts in our own words" is tested without shipping the reports.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shingles } from '../test/shingles.ts';

const dir = fileURLToPath(new URL('../../shared/sources/', import.meta.url));
const all = new Set<string>();
for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt') || f === 'FACTS.md').sort()) {
  for (const h of shingles(readFileSync(dir + f, 'utf8'))) all.add(h);
}
const target = fileURLToPath(new URL('../test/fixtures/source-shingles.json', import.meta.url));
writeFileSync(target, `${JSON.stringify({ words: 7, hashes: [...all].sort() })}\n`);
console.log(`wrote ${all.size} shingles to ${target}`);
