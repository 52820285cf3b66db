/**
 * Getting runs in and out of the page: the clipboard, viewer links, and run files downloaded
 * and picked. Formats and checks are the core's; this is only the browser plumbing. The share
 * actions the debrief and the replay viewer both offer (copy the code, copy a link, export the run
 * file) are here once, with the status line that says how each went (`shareStatus`).
 */
import type { RunRecord } from '../core/record.ts';
import { exportRunFile } from '../core/runfile.ts';
import type { Scenario } from '../core/schema.ts';
import { fitWidth, type Kit, type TwinText } from './kit.ts';
import { color, css } from './theme.ts';

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

/** This page (on whichever address and sub-path it is served) with one parameter: `?<name>=<code>`. */
function pageLink(name: 'replay' | 'class' | 'turn', code: string): string {
  const url = new URL(location.href);
  url.search = '';
  url.hash = '';
  url.searchParams.set(name, code);
  return url.toString();
}

/** A link that opens the replay viewer on this code. */
export const replayLink = (code: string): string => pageLink('replay', code);

/** A link that opens the game as a student of a class. */
export const classLink = (code: string): string => pageLink('class', code);

/** The link of a turn of a game on two devices: ?turn=<code>. */
export const turnLinkOf = (code: string): string => pageLink('turn', code);

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

/** The line under a screen's share buttons that says how the last action went. */
export interface ShareStatus {
  readonly line: TwinText;
  /** Shows a message (trimmed to one line on the canvas, whole in its DOM twin) and announces it. */
  say(text: string, problem: boolean): void;
}

/** A status line at (x, y), one line of `width` on the canvas; its DOM twin goes in `parent`. Empty until something is said. */
export function shareStatus(kit: Kit, parent: HTMLElement, x: number, y: number, width: number): ShareStatus {
  const line = kit.text(parent, x, y, '', { size: 12, color: color.up }, 'p', 'status');
  return {
    line,
    say(text, problem) {
      fitWidth(line.setText(text), width);
      line.setColor(css(problem ? color.redText : color.up));
      kit.dom.announce(text);
    },
  };
}

/** What copying needs of the app: its copy, which offers the text in a dialog when the browser refuses. */
export interface Copier {
  copy(text: string, what: string): Promise<boolean>;
}

/** Copies a replay code, or a viewer link to it, and says how it went. */
export async function copyReplay(app: Copier, status: ShareStatus, code: string, what: 'code' | 'link'): Promise<boolean> {
  const ok = await app.copy(what === 'code' ? code : replayLink(code), `Replay ${what}`);
  if (ok) status.say(`The replay ${what} is copied.`, false);
  else status.say('The browser blocked copying: copy it from the box.', true);
  return ok;
}

/** Downloads a run as a run file and says so, or says why it could not be made. */
export function exportRun(status: ShareStatus, scenario: Scenario, record: RunRecord): boolean {
  try {
    downloadRun(scenario, record);
    status.say('The run file is downloading.', false);
    return true;
  } catch (e) {
    status.say(`The run file could not be made: ${(e as Error).message}`, true);
    return false;
  }
}
