/**
 * The glossary: the words a scenario explains where they appear (version 4 onwards), and where
 * they appear in a text. Pure: the page marks the spans this finds; the glossary screen, the
 * printed glossary and the class kit list the same entries.
 */
import type { ContextEntry, GlossaryEntry, Scenario } from './schema.ts';
import type { Level } from './view.ts';

export interface TermView {
  id: string;
  term: string;
  /** The definition at the reading level. */
  text: string;
  /** Fact ids the definition rests on (none for general background). */
  cites: string[];
  /** General background, not from the scenario's sources. */
  background: boolean;
  /** How its grounding is said: "From the reports: A3, B2" or "General background, not from the reports". */
  grounding: string;
}

export interface TermSpan {
  id: string;
  start: number;
  end: number;
}

/** A term's grounding in words (pure). */
export function groundingWords(e: Pick<GlossaryEntry, 'cites' | 'background'>, fictional = false): string {
  if (e.cites?.length) return `From the reports: ${e.cites.join(', ')}`;
  return fictional ? 'General background (this scenario is fictional)' : 'General background, not from the reports';
}

/** The scenario's glossary at a reading level, in A-Z order of the terms (pure). */
export function glossaryView(s: Scenario, level: Level): TermView[] {
  return (s.glossary ?? [])
    .map((e) => ({ id: e.id, term: e.term, text: e.text[level], cites: e.cites ?? [], background: !e.cites?.length, grounding: groundingWords(e, s.fictional) }))
    .sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
}

export interface ContextView {
  id: string;
  title: string;
  text: string;
  check: string;
}

/** The context beyond the reports at a reading level, in file order (pure). */
export function contextView(s: Scenario, level: Level): ContextView[] {
  return (s.context ?? []).map((c: ContextEntry) => ({ id: c.id, title: c.title, text: c.text[level], check: c.check }));
}

const WORD = /[\p{L}\p{N}]/u;

/** The forms to look for, longest first (so "walk-away value" wins over "walk-away"), each with its entry's id. */
function forms(glossary: readonly GlossaryEntry[]): { form: string; id: string }[] {
  return glossary.flatMap((e) => [e.term, ...(e.also ?? [])].map((form) => ({ form: form.toLowerCase(), id: e.id }))).sort((a, b) => b.form.length - a.form.length);
}

/**
 * Where the glossary's terms occur in a text: whole words only, case-insensitive, never
 * overlapping (the longest form wins), in text order. `skip` holds term ids already marked on the
 * screen; with `once`, only each term's first occurrence is returned (pure).
 */
export function findTerms(text: string, glossary: readonly GlossaryEntry[], options: { skip?: ReadonlySet<string>; once?: boolean } = {}): TermSpan[] {
  if (!glossary.length || !text) return [];
  const lower = text.toLowerCase();
  const taken: TermSpan[] = [];
  const seen = new Set(options.skip ?? []);
  for (const { form, id } of forms(glossary)) {
    for (let from = 0; ; ) {
      const at = lower.indexOf(form, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + form.length;
      const wordBefore = at > 0 && WORD.test(text[at - 1]!);
      const wordAfter = end < text.length && WORD.test(text[end]!);
      if (wordBefore || wordAfter) continue;
      if (taken.some((t) => at < t.end && end > t.start)) continue;
      taken.push({ id, start: at, end });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  const out: TermSpan[] = [];
  for (const t of taken) {
    if (seen.has(t.id)) continue;
    out.push(t);
    if (options.once !== false) seen.add(t.id);
  }
  return out;
}
