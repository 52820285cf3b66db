/**
 * The type checker as a test: `tsc --noEmit -p tsconfig.json` (TypeScript 7's native tsc, the
 * same as `npm run typecheck`) over src, test, scripts and the configs. It fails only when tsc
 * reports errors (or cannot run), with tsc's own output; it is slow, so its timeout is generous.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

// node_modules/.bin/tsc is a link to this file (started through node so it also works on Windows).
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

it('tsc --noEmit reports no type errors', { timeout: 180_000 }, async () => {
  let output = '';
  let failed = false;
  try {
    const r = await promisify(execFile)(process.execPath, [TSC, '--noEmit', '-p', 'tsconfig.json'], { cwd: ROOT, timeout: 170_000, maxBuffer: 64 * 1024 * 1024 });
    output = `${r.stdout}${r.stderr}`;
  } catch (e) {
    const err = e as Error & { stdout?: string; stderr?: string };
    failed = true;
    output = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || err.message;
  }
  expect(failed ? output : '', 'tsc --noEmit -p tsconfig.json').toBe('');
});
