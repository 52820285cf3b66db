/**
 * A stable hash of a run's state: canonical JSON (keys sorted) through 64-bit FNV-1a.
 * Equal for a live run, a replay of its record, and an actor restored mid-run.
 */
import type { RunContext } from './rules.ts';

/** JSON with object keys sorted at every level, so key order never changes a hash (pure). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('state holds a non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a over the UTF-8 bytes of a string, as 16 hex digits (pure). */
export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}

/** The hash of a run's state: its machine state value and its context (pure). */
export function stateHash(value: string, context: RunContext): string {
  return fnv1a64(canonicalJson({ value, context }));
}
