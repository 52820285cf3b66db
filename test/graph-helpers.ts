import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatError, loadScenario, type Scenario } from '../src/core/index.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export function loadFixtureFile(name: string): Scenario {
  return loadOrThrow(here(`./fixtures/${name}.yaml`));
}
export function loadMarch(): Scenario {
  return loadOrThrow(here('../scenarios/march-2026.yaml'));
}
function loadOrThrow(file: string): Scenario {
  const r = loadScenario(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return r.scenario;
}
