/**
 * How a scenario file that `extends` another is laid over it (the loader, src/core/loader.ts), and
 * the reverse: the patch that turns one built scenario into another, so the site can ship a
 * version built on another as only what differs (vite.config.ts) and the page lay it over its
 * base again (src/ui/scenarios.ts). Pure, and free of the YAML parser and the schema library, so
 * the page can use it.
 *
 * The rules: a mapping is merged key by key; a list of items with ids item by item (an item with
 * `drop: true` takes the base's item of that id out; an id the base lacks is added at the end);
 * anything else replaces the base's value.
 */
import { canonicalJson } from './hash.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasId = (v: unknown): v is Record<string, unknown> & { id: string } => isRecord(v) && typeof v.id === 'string';
const isItemList = (v: unknown): v is (Record<string, unknown> & { id: string })[] => Array.isArray(v) && v.length > 0 && v.every(hasId);

/** `patch` laid over `base` (pure: neither is changed; the base's untouched parts are shared). Problems found are pushed to `problems`. */
export function overlay(base: unknown, patch: unknown, where: string, problems: string[]): unknown {
  if (isRecord(base) && isRecord(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) out[k] = k in base ? overlay(base[k], v, `${where}.${k}`, problems) : v;
    return out;
  }
  if (isItemList(base) && Array.isArray(patch) && patch.every(hasId)) {
    let out: unknown[] = [...base];
    for (const item of patch) {
      const i = out.findIndex((x) => (x as { id: string }).id === item.id);
      if (item.drop === true) {
        if (i < 0) problems.push(`${where} drops "${item.id}", which the scenario it extends does not have`);
        else out = out.filter((_, j) => j !== i);
      } else if (i < 0) out.push(item);
      else out[i] = overlay(out[i], item, `${where}[${item.id}]`, problems);
    }
    return out;
  }
  return patch;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** The patch for one value, or `undefined` when nothing differs (pure; the caller checks the result). */
function diff(base: unknown, target: unknown): unknown {
  if (same(base, target)) return undefined;
  if (isRecord(base) && isRecord(target)) {
    // A key the target lacks cannot be taken out by a patch: patchFor's check then finds the
    // result differs, and the whole scenario is sent.
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(target)) {
      if (!(k in base)) out[k] = v;
      else {
        const d = diff(base[k], v);
        if (d !== undefined) out[k] = d;
      }
    }
    return out;
  }
  if (isItemList(base) && isItemList(target)) {
    const ids = new Set(target.map((t) => t.id));
    const out: unknown[] = base.filter((b) => !ids.has(b.id)).map((b) => ({ id: b.id, drop: true }));
    for (const t of target) {
      const b = base.find((x) => x.id === t.id);
      if (!b) out.push(t);
      else {
        const d = diff(b, t);
        if (d !== undefined) out.push({ ...(d as Record<string, unknown>), id: t.id });
      }
    }
    return out;
  }
  return target;
}

/**
 * The patch that turns `base` into `target` when laid over it, or null when no patch can (an item
 * list reordered, a key taken out): then the whole target must be sent (pure). Both are plain JSON
 * data; the patch is checked by laying it over `base` again, which must give `target` exactly.
 */
export function patchFor(base: unknown, target: unknown): Record<string, unknown> | null {
  if (!isRecord(base) || !isRecord(target)) return null;
  const patch = (diff(base, target) ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const built = overlay(base, patch, 'patch', problems);
  // Byte for byte, key order too: the page gets exactly the scenario the build checked.
  return problems.length === 0 && JSON.stringify(built) === JSON.stringify(target) ? patch : null;
}

/** A scenario as the site sends it: whole, or as a patch over another scenario the site sends. */
export type ShippedScenario = Record<string, unknown> | { extends: { id: string; version: number }; patch: Record<string, unknown> };

type Plain = Record<string, unknown> & { id: string; version: number };
const keyOf = (s: { id: string; version: number }) => `${s.id}@${s.version}`;

/**
 * What the site sends for each scenario (pure): a patch over a base when that is under half the
 * size, else the whole scenario. A scenario's candidate bases are the one its file `extends` and
 * the previous version of its id; the smallest patch wins. Every patch's base is sent too, and the
 * chain of bases never loops (a scenario in a loop is sent whole).
 */
export function shippingForms(items: readonly { scenario: Plain; extends?: { id: string; version: number } }[]): ShippedScenario[] {
  const byKey = new Map(items.map((x) => [keyOf(x.scenario), x.scenario]));
  const chosen: ({ base: string; patch: Record<string, unknown> } | null)[] = items.map(({ scenario: s, extends: from }) => {
    const earlier = items.map((x) => x.scenario).filter((x) => x.id === s.id && x.version < s.version);
    const previous = earlier.sort((a, b) => b.version - a.version)[0];
    const bases = [...new Set([from && keyOf(from), previous && keyOf(previous)].filter((k): k is string => !!k && byKey.has(k)))];
    let best: { base: string; patch: Record<string, unknown>; size: number } | null = null;
    for (const base of bases) {
      const patch = patchFor(byKey.get(base), s);
      const size = patch ? JSON.stringify(patch).length : Infinity;
      if (patch && size < (best?.size ?? JSON.stringify(s).length / 2)) best = { base, patch, size };
    }
    return best && { base: best.base, patch: best.patch };
  });
  // Sent whole, or resolvable from what is: a loop of bases is broken by sending one of it whole.
  const resolved = new Set(items.filter((_, i) => !chosen[i]).map((x) => keyOf(x.scenario)));
  for (;;) {
    let progress = false;
    items.forEach((x, i) => {
      const c = chosen[i];
      if (c && !resolved.has(keyOf(x.scenario)) && resolved.has(c.base)) resolved.add(keyOf(x.scenario)), (progress = true);
    });
    if (resolved.size === items.length) break;
    if (!progress) {
      const stuck = items.findIndex((x) => !resolved.has(keyOf(x.scenario)));
      chosen[stuck] = null;
      resolved.add(keyOf(items[stuck]!.scenario));
    }
  }
  return items.map((x, i) => {
    const c = chosen[i];
    if (!c) return x.scenario;
    const base = byKey.get(c.base)!;
    return { extends: { id: base.id, version: base.version }, patch: c.patch };
  });
}

/**
 * The scenarios the page received, with each patch laid over its base (pure): in the order they
 * came, and a sentence for each that could not be built.
 */
export function unpackScenarios(received: readonly { url: string; data: unknown }[]): { scenarios: Plain[]; problems: string[] } {
  const out: (Plain | null)[] = received.map(({ data }) => (isRecord(data) && !('patch' in data) && Array.isArray(data.phases) ? (data as Plain) : null));
  const problems: string[] = [];
  const failed = new Set<number>();
  for (let progress = true; progress; ) {
    progress = false;
    received.forEach(({ url, data }, i) => {
      if (out[i] || failed.has(i) || !isRecord(data) || !isRecord(data.patch) || !isRecord(data.extends)) return;
      const from = data.extends as { id: string; version: number };
      const base = out.find((s) => s && s.id === from.id && s.version === from.version);
      if (!base) return;
      const found: string[] = [];
      const built = overlay(base, data.patch, url, found);
      if (found.length) {
        problems.push(`The scenario file ${url} could not be built: ${found.join('; ')}.`);
        failed.add(i);
      } else out[i] = built as Plain;
      progress = true;
    });
  }
  received.forEach(({ url, data }, i) => {
    if (out[i] || failed.has(i)) return;
    const d = data as { errors?: string[]; extends?: { id?: string; version?: number } } | null;
    if (d?.errors) problems.push(...d.errors);
    else if (isRecord(d) && isRecord(d.extends)) problems.push(`The scenario file ${url} is built on ${String(d.extends.id)} version ${String(d.extends.version)}, which the site did not send.`);
    else problems.push(`The scenario file ${url} could not be loaded.`);
  });
  return { scenarios: out.filter((s): s is Plain => s !== null), problems };
}
