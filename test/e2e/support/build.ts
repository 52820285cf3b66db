/** Builds the site with the project's own Vite config into a directory of our choice. */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function buildSite(outDir: string): Promise<void> {
  await build({
    root: PROJECT_ROOT,
    configFile: `${PROJECT_ROOT}vite.config.ts`,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}
