/**
 * What the class results screen holds, without Phaser: the codes pasted, the class seed, the
 * files added, the results counted, the tab shown and its page. It outlives the screen (the
 * teacher goes to the replay viewer and back), so it is one object for the session of the page.
 * The view (scenes/Results.ts) draws it through the kit.
 */
import { classResults, splitPasted, submissionsScenario, type ClassResults, type Submission } from '../core/results.ts';
import type { Scenario } from '../core/schema.ts';
import type { Kept } from '../core/kept-results.ts';
import { plural } from './words.ts';

export const TABS = ['Endings', 'Deal map', 'Contracts', 'Choices by beat', 'Meters', 'Paths', 'Entries', 'Refused'] as const;
export type Tab = (typeof TABS)[number];

/** The tabs results have: the deal map and the contracts signed only for runs at a negotiating table. */
export function tabsOf(r: Pick<ClassResults, 'map'>): Tab[] {
  return TABS.filter((t) => r.map !== null || (t !== 'Deal map' && t !== 'Contracts'));
}

export interface ResultsState {
  text: string;
  seed: string;
  /**
   * The class's Department when the screen was opened from a class link's settings (a built-in
   * agent's name, or null for the scenario's own): lab runs that faced another are refused.
   * Undefined when no class set it: nothing is checked.
   */
  opponent?: string | null;
  files: Submission[];
  results: ClassResults | null;
  tab: Tab;
  page: number;
  /** Set while the teacher keeps the results in this browser: when they were first kept. */
  keptAt: string | null;
}

export const resultsState: ResultsState = { text: '', seed: '', files: [], results: null, tab: 'Endings', page: 0, keptAt: null };

/** What is kept of the screen: its inputs (the results are counted again from them). */
export function keptOf(st: ResultsState, keptAt: string): Kept {
  return { keptAt, text: st.text, seed: st.seed, ...(st.opponent !== undefined ? { opponent: st.opponent } : {}), files: st.files.map((f) => ({ ...f })) };
}

/** Takes kept inputs into a screen that has not begun (nothing pasted, uploaded or counted); false otherwise. */
export function restoreKept(st: ResultsState, k: Kept): boolean {
  if (st.text || st.files.length || st.results) return false;
  st.text = k.text;
  st.seed = k.seed;
  st.opponent = k.opponent;
  st.files = k.files.map((f) => ({ ...f }));
  st.keptAt = k.keptAt;
  return true;
}

/** Opens the screen for a class: its seed fills the field and its Department is checked, unless the teacher has begun. */
export function forClass(st: ResultsState, classSeed: string | undefined, classOpponent?: string | null) {
  if (classSeed !== undefined && !st.results && !st.text) {
    st.seed = classSeed;
    st.opponent = classOpponent;
  }
}

/** The class seed the results are counted with, or null for none. */
export const seedOf = (st: ResultsState): string | null => (st.seed.trim() ? st.seed.trim() : null);

/**
 * Counts what was pasted and added, against the scenario version the submissions were played in
 * (of those in `catalogue`; else `fallback`); returns the scenario counted against, or a problem
 * when there is nothing to count.
 */
export function count(st: ResultsState, catalogue: readonly Scenario[], fallback: Scenario): { scenario: Scenario } | string {
  const subs = [...splitPasted(st.text), ...st.files];
  if (!subs.length) return 'Nothing to count yet: paste codes or upload files first.';
  const scenario = submissionsScenario(catalogue, subs) ?? fallback;
  st.results = classResults(scenario, subs, seedOf(st), st.opponent);
  st.tab = 'Endings';
  st.page = 0;
  return { scenario };
}

/** Back to the codes, to change them. */
export function edit(st: ResultsState) {
  st.results = null;
}

export function selectTab(st: ResultsState, tab: Tab) {
  st.tab = tab;
  st.page = 0;
}

export function setPage(st: ResultsState, page: number, pages: number) {
  st.page = Math.max(0, Math.min(pages - 1, page));
}

/** Adds the files picked: run files whole, text files as lines of codes. */
export function addFiles(st: ResultsState, files: { name: string; text: string }[]) {
  for (const f of files) {
    if (f.text.trim().startsWith('{')) st.files.push({ source: f.name, text: f.text });
    else st.files.push(...splitPasted(f.text, `${f.name}, line`));
  }
}

export function clearFiles(st: ResultsState) {
  st.files = [];
}

/** What files were added, in a line. */
export function filesSummary(st: ResultsState): string {
  const names = [...new Set(st.files.map((f) => f.source.replace(/, line \d+.*$/, '')))];
  return names.length ? `${plural(names.length, 'file')} added (${st.files.length} ${st.files.length === 1 ? 'entry' : 'entries'}): ${names.join(', ')}` : 'No files added.';
}

/** The line that sums up the results. */
export function summary(st: ResultsState, r: ClassResults): string {
  const seed = seedOf(st);
  return `${plural(r.entries.length, 'run')} counted, ${r.rejected.length} refused${r.rejected.length ? ' (see Refused for the reasons)' : ''}${seed ? `; class seed "${seed}"` : ''}.`;
}

/** A tab's label: the lists say how long they are. */
export function tabLabel(t: Tab, r: ClassResults): string {
  return t === 'Refused' ? `Refused (${r.rejected.length})` : t === 'Entries' ? `Entries (${r.entries.length})` : t;
}
