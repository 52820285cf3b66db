/**
 * src/core/negotiation is part of the pure core: it imports only itself and the core's dice, and
 * calls no clock, no Math.random and no browser or Node global. (test/purity.test.ts checks the
 * top level of src/core; this checks the negotiation folder the same way.) Every exported
 * function has a doc comment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../src/core/negotiation/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const raw = (f: string) => readFileSync(dir + f, 'utf8');
const source = (f: string) =>
  raw(f)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('src/core/negotiation source', () => {
  it('has its modules', () => {
    expect(files).toEqual(expect.arrayContaining(['types.ts', 'utility.ts', 'dealspace.ts', 'bidding.ts', 'opponent.ts', 'acceptance.ts', 'agents.ts', 'moves.ts']));
  });

  it.each(files)('%s imports only its siblings and the core\'s dice', (f) => {
    const imports = [...source(f).matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);
    expect(imports.filter((i) => !/^(\.\/[a-z-]+\.ts|\.\.\/dice\.ts)$/.test(i!))).toEqual([]);
  });

  it.each(files)('%s calls no clock, no Math.random and touches no browser or Node global', (f) => {
    const banned = /Math\.random|Date\.now|new Date\b|performance\.now|setTimeout|setInterval|requestAnimationFrame|\bprocess\.|\bwindow\b|\bdocument\b|localStorage|navigator|getRandomValues|\beval\(|new Function\(|\bphaser\b/gi;
    expect(source(f).match(banned) ?? []).toEqual([]);
  });

  it.each(files)('%s documents every exported function', (f) => {
    const lines = raw(f).split('\n');
    const undocumented = lines.flatMap((line, i) => {
      if (!/^export (async )?function /.test(line)) return [];
      const before = lines.slice(0, i).reverse().find((l) => l.trim() !== '');
      return before?.trim().endsWith('*/') ? [] : [line];
    });
    expect(undocumented).toEqual([]);
  });
});
