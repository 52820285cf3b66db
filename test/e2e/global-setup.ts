/**
 * Once per `vitest run` that includes browser tests: build the site into a temporary directory
 * and serve it on 127.0.0.1 (at / and under a sub-path). Test files get its address by inject().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBrowser } from './support/browser-path.ts';
import { buildSite } from './support/build.ts';
import { serveStatic, SUB_PATH } from './support/server.ts';

export interface Site {
  /** http://127.0.0.1:PORT/ */
  origin: string;
  port: number;
  /** The same site under a sub-path: http://127.0.0.1:PORT/some/sub/path/ */
  subOrigin: string;
  /** The built files. */
  dir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: Site;
  }
}

export default async function setup(project: TestProject) {
  // Find a browser, or install one where the machine allows (apt-get as root, or Playwright's
  // download); else say once how to get one (each test file looks again and fails too).
  try {
    console.log(`e2e: browser ${ensureBrowser((line) => console.log(`e2e: ${line}`))}`);
  } catch (e) {
    console.error(`\n${(e as Error).message}\n`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'red-lines-site-'));
  const t0 = performance.now();
  await buildSite(dir);
  const server = await serveStatic(dir);
  console.log(`e2e: built the site in ${((performance.now() - t0) / 1000).toFixed(1)} s; serving ${server.origin} and ${server.origin}${SUB_PATH.slice(1)}`);
  project.provide('site', { origin: server.origin, port: server.port, subOrigin: `${server.origin}${SUB_PATH.slice(1)}`, dir });
  return async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
