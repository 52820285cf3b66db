/**
 * Finds the Chromium or Chrome the browser tests will use, installing one where the machine allows
 * (see test/e2e/support/browser-path.ts), and prints its path; exits 1 with one line of advice
 * when there is none. `.ci/run` calls it before the tests (the tests' global setup does the same).
 */
import { ensureBrowser } from '../test/e2e/support/browser-path.ts';

try {
  console.log(`browser: ${ensureBrowser()}`);
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
}
