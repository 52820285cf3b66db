import { readdirSync, readFileSync } from 'node:fs';
import { basename, delimiter, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { formatError, loadScenarioSet } from './src/core/loader.ts';
import { shippingForms, type ShippedScenario } from './src/core/overlay.ts';
import type { Scenario } from './src/core/schema.ts';

const SCENARIOS = fileURLToPath(new URL('./scenarios/', import.meta.url));

/**
 * The scenario files the site ships: every scenarios/*.yaml, plus (for tests that build a site
 * with more than one scenario) the files named in RED_LINES_EXTRA_SCENARIOS, separated by the
 * system's path delimiter. Each is served as scenarios/<file name>.json.
 */
function scenarioFiles(): { name: string; path: string; shown: string }[] {
  const own = readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ''), path: SCENARIOS + f, shown: `scenarios/${f}` }));
  const extra = (process.env.RED_LINES_EXTRA_SCENARIOS ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((p) => ({ name: basename(p).replace(/\.yaml$/, ''), path: resolve(p), shown: p }));
  return [...own, ...extra];
}

/**
 * Scenarios reach the page as JSON, validated here by the same loader the CLI uses: the page
 * ships neither the YAML parser nor the schema library, and an invalid scenario fails the build
 * (or, in development, shows its errors in the game) with file:line:column.
 */
function scenarios(): Plugin {
  // Loaded together: a file that `extends` another scenario is built on it.
  const load = (): { name: string; scenario?: Scenario; base?: { id: string; version: number }; errors: string[] }[] => {
    const files = scenarioFiles();
    return loadScenarioSet(files.map(({ path, shown }) => ({ text: readFileSync(path, 'utf8'), file: shown }))).map((r, i) =>
      r.ok ? { name: files[i]!.name, scenario: r.scenario, ...(r.base ? { base: r.base } : {}), errors: [] } : { name: files[i]!.name, errors: r.errors.map(formatError) },
    );
  };
  /**
   * What each file is sent as: the scenario, or only what differs from another scenario the site
   * sends (the one its file extends, or its id's previous version), which the page lays over it
   * again (src/core/overlay.ts checks each patch gives the scenario exactly).
   */
  const shipped = (): { name: string; body?: ShippedScenario; errors: string[] }[] => {
    const loaded = load();
    const ok = loaded.filter((x) => x.scenario);
    const forms = shippingForms(ok.map(({ scenario, base }) => ({ scenario: JSON.parse(JSON.stringify(scenario)), ...(base ? { extends: base } : {}) })));
    return loaded.map((x) => (x.scenario ? { name: x.name, body: forms[ok.indexOf(x)]!, errors: [] } : { name: x.name, errors: x.errors }));
  };
  const list = () =>
    load().map(({ name, scenario }) => ({
      id: scenario?.id ?? name,
      title: scenario?.title ?? name,
      version: scenario?.version ?? 0,
      url: `scenarios/${name}.json`,
    }));
  return {
    name: 'red-lines-scenarios',
    resolveId: (id) => (id === 'virtual:scenarios' ? '\0virtual:scenarios' : null),
    load(id) {
      if (id !== '\0virtual:scenarios') return null;
      for (const f of scenarioFiles()) this.addWatchFile(f.path);
      return `export default ${JSON.stringify(list())};`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /\/scenarios\/([a-z0-9-]+)\.json$/.exec(req.url?.split('?')[0] ?? '');
        if (!m) return next();
        const found = shipped().find((x) => x.name === m[1]);
        res.setHeader('Content-Type', 'application/json');
        if (!found) res.writeHead(404).end(JSON.stringify({ errors: [`no scenario ${m[1]}`] }));
        else if (!found.body) res.writeHead(422).end(JSON.stringify({ errors: found.errors }));
        else res.end(JSON.stringify(found.body));
      });
    },
    generateBundle() {
      for (const { name, body, errors } of shipped()) {
        if (!body) this.error(`invalid scenario:\n${errors.join('\n')}`);
        this.emitFile({ type: 'asset', fileName: `scenarios/${name}.json`, source: JSON.stringify(body) });
      }
    },
  };
}

export default defineConfig(({ command }) => ({
  // Relative asset URLs, so the built site works from any sub-path of any static host.
  base: './',
  publicDir: 'assets',
  plugins: [scenarios()],
  // The built page's Phaser is its core build (src/vendor/phaser.cjs), 150 KB gzipped lighter
  // than the full one; its feature flags are fixed here as Phaser's own build fixes them. The dev
  // server keeps the full, prebuilt Phaser (a superset), since it does not bundle CommonJS sources.
  ...(command === 'build'
    ? {
        resolve: { alias: [{ find: /^phaser$/, replacement: fileURLToPath(new URL('./src/vendor/phaser.cjs', import.meta.url)) }] },
        define: {
          'typeof CANVAS_RENDERER': JSON.stringify(true),
          'typeof WEBGL_RENDERER': JSON.stringify(true),
          'typeof WEBGL_DEBUG': JSON.stringify(false),
          'typeof FEATURE_SOUND': JSON.stringify(false),
          // Phaser's sources assign `global.Phaser`, as webpack's Node-style globals allowed.
          global: 'globalThis',
        },
      }
    : {}),
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
}));
