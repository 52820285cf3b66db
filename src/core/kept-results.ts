/**
 * Class results kept in the teacher's browser, only when the teacher asks (localStorage
 * `red-lines:class-results`): what was pasted and uploaded, the class seed and the Department
 * checked, so a reload finds them; never the counted results, which are counted again from these.
 * Versioned JSON: a newer format is refused and left alone, a damaged one reported. Pure.
 *
 * Format 1: {format: 1, keptAt, text, seed, opponent, files: [{source, text}]}; `opponent` is a
 * built-in agent's name, null for the scenario's own Department, or absent for no check.
 */
import type { Submission } from './results.ts';
import { builtinAgent } from './negotiation/agents.ts';

export const KEPT_FORMAT = 1;
/** The most the kept results may hold, in characters: well inside a browser's storage. */
export const MAX_KEPT_CHARS = 2_000_000;

export interface Kept {
  keptAt: string;
  text: string;
  seed: string;
  opponent?: string | null;
  /** The files uploaded, as submissions (their names and texts). */
  files: Submission[];
}

export type KeptRead = { kind: 'none' } | { kind: 'ok'; value: Kept } | { kind: 'problem'; message: string };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The text of kept results, or why they are too big to keep (pure). */
export function writeKept(k: Kept): { ok: true; text: string } | { ok: false; message: string } {
  const text = JSON.stringify({ format: KEPT_FORMAT, keptAt: k.keptAt, text: k.text, seed: k.seed, ...(k.opponent !== undefined ? { opponent: k.opponent } : {}), files: k.files.map((f) => ({ source: f.source, text: f.text })) });
  if (text.length > MAX_KEPT_CHARS) return { ok: false, message: `These results are too big to keep in the browser (${Math.round(text.length / 1000)} thousand characters; at most ${MAX_KEPT_CHARS / 1000} thousand). Export the CSV to keep them.` };
  return { ok: true, text };
}

/** Reads kept results' text (null when none are kept) (pure). */
export function readKept(raw: string | null): KeptRead {
  if (raw === null) return { kind: 'none' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'problem', message: 'The class results kept in this browser are damaged: they are not valid JSON.' };
  }
  if (!isObj(data) || !Number.isInteger(data.format) || (data.format as number) < 1) return { kind: 'problem', message: 'The class results kept in this browser are damaged: they have no format number.' };
  if ((data.format as number) > KEPT_FORMAT) return { kind: 'problem', message: `The class results kept in this browser were kept by a newer Red Lines (format ${data.format}); this game reads format ${KEPT_FORMAT}. They are left as they are.` };
  const bad = (what: string): KeptRead => ({ kind: 'problem', message: `The class results kept in this browser are damaged: ${what}.` });
  if (typeof data.keptAt !== 'string') return bad('"keptAt" must be a date');
  if (typeof data.text !== 'string') return bad('"text" must be text');
  if (typeof data.seed !== 'string') return bad('"seed" must be text');
  if (data.opponent !== undefined && data.opponent !== null && (typeof data.opponent !== 'string' || !builtinAgent(data.opponent))) return bad('"opponent" must be a built-in agent, null or absent');
  if (!Array.isArray(data.files) || !data.files.every((f) => isObj(f) && typeof f.source === 'string' && typeof f.text === 'string')) return bad('"files" must be a list of {source, text}');
  return {
    kind: 'ok',
    value: {
      keptAt: data.keptAt,
      text: data.text,
      seed: data.seed,
      ...(data.opponent !== undefined ? { opponent: data.opponent as string | null } : {}),
      files: (data.files as Submission[]).map((f) => ({ source: f.source, text: f.text })),
    },
  };
}
