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

/** A link that opens the game as a student of a class, on this address and sub-path. */
export function classLink(code: string): string {
  const url = new URL(location.href);
  url.search = '';
  url.hash = '';
  url.searchParams.set('class', code);
  return url.toString();
}

/** A file name for a run: scenario, seed (letters and digits only) and length. */
export function runFileName(record: RunRecord): string {
  return `red-lines-${record.scenario}-${fileSafe(record.seed)}-${record.choices.length}.json`;
}

/** A seed as letters, digits and dashes, for file names. */
export const fileSafe = (seed: string) => seed.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'run';

/** Downloads a run as a run file. */
export function downloadRun(scenario: Scenario, record: RunRecord) {
  const file = exportRunFile(scenario, record);
  download(`${JSON.stringify(file, null, 2)}\n`, runFileName(record), 'application/json');
}

/** Downloads text as a file. */
export function download(text: string, name: string, type: string) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
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
