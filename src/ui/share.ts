/**
 * Getting runs in and out of the page: the clipboard, viewer links, and run files downloaded
 * and picked. Formats and checks are the core's; this is only the browser plumbing.
 */
import type { RunRecord } from '../core/record.ts';
import { exportRunFile } from '../core/runfile.ts';
import type { Scenario } from '../core/schema.ts';

/** The largest run file read: a real one is a few KB. */
export const MAX_RUN_FILE_BYTES = 1_000_000;

/** Copies text; returns false when the browser refuses (no permission, insecure context). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A link that opens the replay viewer on this code, wherever (on whichever sub-path) the page is served. */
export function replayLink(code: string): string {
  const url = new URL(location.href);
  url.search = '';
  url.hash = '';
  url.searchParams.set('replay', code);
  return url.toString();
}

/** A file name for a run: scenario, seed (letters and digits only) and length. */
export function runFileName(record: RunRecord): string {
  const seed = record.seed.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'run';
  return `red-lines-${record.scenario}-${seed}-${record.choices.length}.json`;
}

/** Downloads a run as a run file. */
export function downloadRun(scenario: Scenario, record: RunRecord) {
  const file = exportRunFile(scenario, record);
  const blob = new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = runFileName(record);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Lets the player pick a run file; resolves its text, a problem, or null when cancelled. */
export function pickRunFile(): Promise<{ text: string; name: string } | { problem: string } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.hidden = true;
    input.dataset.runFile = '';
    document.body.append(input);
    let settled = false;
    const done = (v: { text: string; name: string } | { problem: string } | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(v);
    };
    input.addEventListener('cancel', () => done(null));
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      if (!f) return done(null);
      if (f.size > MAX_RUN_FILE_BYTES) return done({ problem: `"${f.name}" is ${Math.round(f.size / 1000)} KB; a run file is a few KB (at most ${MAX_RUN_FILE_BYTES / 1000} KB), so this is not one.` });
      f.text().then(
        (text) => done({ text, name: f.name }),
        () => done({ problem: `"${f.name}" could not be read.` }),
      );
    });
    input.click();
  });
}
