import type { Prose } from './schema.ts';

/** The text of a prose field at a reading level (pure). */
export function prose(p: Prose, level: 'standard' | 'simple' = 'standard'): string {
  return typeof p === 'string' ? p : p[level];
}
