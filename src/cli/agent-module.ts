/**
 * Loading a user's agent: an ES module whose default export is `{ name, choose(view) }`. Whatever
 * is wrong (no such file, a syntax error, no default export, no `choose`) comes back as one line
 * naming the file and what is wrong, never a stack trace. The agent then plays through a guard
 * that hands it a fresh copy of each view, so it cannot change the game's own data.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Agent, AgentView } from '../core/negotiation/types.ts';

export type AgentLoad = { ok: true; agent: Agent } | { ok: false; error: string };

/** Imports an agent module by path (reads the file system). */
export async function loadAgentModule(file: string): Promise<AgentLoad> {
  const label = `agent ${basename(file)}`;
  if (!existsSync(file)) return { ok: false, error: `${label}: no such file (${file})` };
  if (statSync(file).isDirectory()) return { ok: false, error: `${label}: is a folder, not a module` };
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    return { ok: false, error: `${label}: the module did not load: ${message}` };
  }
  const x = mod.default as Partial<Agent> | undefined;
  if (x === undefined || x === null || typeof x !== 'object') return { ok: false, error: `${label}: the module has no default export; export default { name, choose(view) }` };
  if (typeof x.choose !== 'function') return { ok: false, error: `${label}: the default export has no choose(view) function` };
  const name = typeof x.name === 'string' && x.name.trim() !== '' ? x.name.trim() : basename(file).replace(/\.[cm]?js$/, '');
  const choose = x.choose.bind(x);
  return { ok: true, agent: { name, choose: (view: AgentView) => choose(structuredClone(view)) } };
}
