/**
 * Scenario loader: YAML text in, a typed Scenario out, or every error at once, each with the
 * file, line, column and field it is about. Pure: the caller reads the file.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { overlay } from './overlay.ts';
import { ScenarioSchema, type Condition, type Scenario } from './schema.ts';
import { BUILTIN_AGENT_NAMES } from './negotiation/agents.ts';

export interface LoadError {
  file: string;
  line: number;
  column: number;
  /** The field, as a dotted path, e.g. "phases[0].beats[2].choices[1].effects.meters.trust". */
  path: string;
  message: string;
}

export type LoadResult =
  /** `base`: the scenario the file `extends`, when it extends one. */
  | { ok: true; scenario: Scenario; base?: { id: string; version: number } }
  /** `needs`: the file extends a scenario that is not among the bases it was given. */
  | { ok: false; errors: LoadError[]; needs?: { id: string; version: number } };

/** What a scenario file may be checked against: the scenarios an `extends` file may build on. */
export interface LoadOptions {
  bases?: readonly Scenario[];
}

type Path = (string | number)[];

/** Formats an error as `file:line:column: path: message` (pure). */
export function formatError(e: LoadError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

export function pathText(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/**
 * The largest scenario file the loader reads, in bytes of UTF-8: 1 MiB, ten times march-2026.
 * A larger file is refused before it is parsed (the CLI checks the size before reading it).
 */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** How deep values may nest in a scenario file, the top mapping being level 1 (march-2026 reaches 12). */
export const MAX_DEPTH = 64;
/** How many YAML values a scenario may hold once its aliases are expanded (march-2026 has ~4,600). */
export const MAX_VALUES = 250_000;
/** The most errors listed for one file; one more line says how many were left out. */
export const MAX_ERRORS = 100;

/** Why a file of this many bytes is refused unread, or null if its size is fine (pure). */
export function sizeProblem(bytes: number): string | null {
  if (bytes <= MAX_SCENARIO_BYTES) return null;
  return `the file is ${(bytes / MAX_SCENARIO_BYTES).toFixed(1)} MiB; a scenario file may be at most 1 MiB (${MAX_SCENARIO_BYTES} bytes), so it was not read`;
}

/** The length of a text in bytes of UTF-8 (pure). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) (n += 4), i++;
    else n += 3;
  }
  return n;
}

/**
 * Parses and checks a scenario file's text (pure). Never throws: whatever the YAML parser, its
 * resource limits or the schema refuse comes back as errors with a line and column.
 */
export function loadScenario(text: string, file = '<scenario>', options: LoadOptions = {}): LoadResult {
  try {
    return load(text, file, options.bases ?? []);
  } catch (e) {
    // A last resort: no known input gets here, but a crash must still read as an error in the file.
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: `the loader failed on this file (${message}); this is a bug in red-lines, please report it` }] };
  }
}

/**
 * Loads a set of scenario files together, so a file that `extends` another scenario is built on
 * it, whichever order the files come in (pure). Each file's result comes back in the files' order.
 */
export function loadScenarioSet(files: readonly { text: string; file: string }[]): LoadResult[] {
  const results: LoadResult[] = [];
  const done = new Set<number>();
  const loaded: Scenario[] = [];
  for (let progress = true; progress; ) {
    progress = false;
    files.forEach((f, i) => {
      if (done.has(i)) return;
      const r = (results[i] = loadScenario(f.text, f.file, { bases: loaded }));
      // A file whose base is not loaded yet is tried again once more files are.
      if (!r.ok && r.needs) return;
      done.add(i);
      progress = true;
      if (r.ok) loaded.push(r.scenario);
    });
  }
  return results;
}

function load(text: string, file: string, bases: readonly Scenario[]): LoadResult {
  const tooLarge = sizeProblem(text.length > MAX_SCENARIO_BYTES ? text.length : utf8Length(text));
  if (tooLarge) return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: tooLarge }] };
  const lineCounter = new LineCounter();
  // uniqueKeys is checked in toData: the parser's own check takes time quadratic in a mapping's size.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const errors: LoadError[] = [];
  const yamlErrors = [...doc.errors, ...doc.warnings];
  const exhausted = yamlErrors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    // The parser ran out of stack on deep nesting; point at the first node too deep instead.
    const deep = toData(doc.contents).problems.find((p) => p.fatal);
    const { offset, message } = deep ?? { offset: exhausted.pos[0], message: `the YAML nests too deeply to read; a scenario file may nest at most ${MAX_DEPTH} levels` };
    return { ok: false, errors: [{ file, ...at(offset), path: '', message }] };
  }
  for (const e of yamlErrors.slice(0, MAX_ERRORS)) {
    errors.push({ file, ...at(e.pos[0]), path: '', message: e.message.split('\n')[0]! });
  }
  if (errors.length) return { ok: false, errors: capped(dedupe(errors), yamlErrors.length - MAX_ERRORS) };

  const locate = (path: Path, message: string, key = false): LoadError => {
    const { node, keyNode } = findNode(doc, path);
    const target = key && keyNode ? keyNode : node;
    const offset = target?.range?.[0] ?? 0;
    return { file, ...at(offset), path: pathText(path), message };
  };

  const { data, problems } = toData(doc.contents);
  if (problems.length) {
    const shown = problems.slice(0, MAX_ERRORS).map((p) => ({ file, ...at(p.offset), path: '', message: p.message }));
    return { ok: false, errors: capped(dedupe(shown), problems.length - MAX_ERRORS) };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: 'a scenario file must be a YAML mapping' }] };
  }
  let input: unknown = data;
  let base: { id: string; version: number } | undefined;
  if ('extends' in data) {
    const built = extend(data as Record<string, unknown>, bases);
    if ('problem' in built) {
      const e = locate(['extends'], built.problem);
      return built.needs ? { ok: false, errors: [e], needs: built.needs } : { ok: false, errors: [e] };
    }
    input = built.data;
    base = built.base;
  }
  const parsed = ScenarioSchema.safeParse(input);
  if (!parsed.success) {
    let found = 0;
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        // Point at each unknown key itself, not at the mapping that holds it.
        for (const key of issue.keys) {
          if (found++ < MAX_ERRORS) errors.push({ ...locate([...path, key], `unknown field "${key}"`, true), path: pathText(path) });
        }
      } else if (found++ < MAX_ERRORS) errors.push(locate(path, describeIssue(issue)));
    }
    return { ok: false, errors: capped(dedupe(errors), found - MAX_ERRORS) };
  }
  const broken = checkReferences(parsed.data);
  for (const [path, message] of broken.slice(0, MAX_ERRORS)) errors.push(locate(path, message));
  if (errors.length) return { ok: false, errors: capped(dedupe(errors), broken.length - MAX_ERRORS) };
  return base ? { ok: true, scenario: parsed.data, base } : { ok: true, scenario: parsed.data };
}

/**
 * A file that `extends: {id, version}` another scenario is that scenario with the file's fields
 * laid over it: a mapping is merged key by key, a list of items with ids item by item (an item
 * with `drop: true` takes the base's item of that id out; an id the base lacks is added at the
 * end), and anything else replaces the base's value. The result is checked like any scenario.
 */
function extend(data: Record<string, unknown>, bases: readonly Scenario[]): { data: unknown; base: { id: string; version: number } } | { problem: string; needs?: { id: string; version: number } } {
  const { extends: from, ...patch } = data;
  const ref = from as { id?: unknown; version?: unknown } | null;
  if (!ref || typeof ref !== 'object' || typeof ref.id !== 'string' || typeof ref.version !== 'number') {
    return { problem: '`extends` names the scenario this file builds on, as {id: <scenario id>, version: <number>}' };
  }
  const base = bases.find((b) => b.id === ref.id && b.version === ref.version);
  if (!base) return { problem: `extends "${ref.id}" version ${ref.version}, which is not among the scenario files loaded with it`, needs: { id: ref.id, version: ref.version } };
  const problems: string[] = [];
  const merged = overlay(base, patch, 'the file', problems);
  return problems.length ? { problem: problems.join('; ') } : { data: merged, base: { id: base.id, version: base.version } };
}

/** The errors shown, then, if `more` were left out past MAX_ERRORS, a line saying so (pure). */
function capped(errors: LoadError[], more: number): LoadError[] {
  if (more <= 0 || !errors.length) return errors;
  return [...errors, { ...errors.at(-1)!, path: '', message: `and ${more} more error${more === 1 ? '' : 's'} (only the first ${MAX_ERRORS} are listed)` }];
}

interface Problem {
  offset: number;
  message: string;
  /** A limit was passed, so the walk stopped there. */
  fatal?: boolean;
}

interface Built {
  value: unknown;
  /** How many values the node holds with its aliases expanded, itself included. */
  size: number;
  /** How many levels deep the node nests with its aliases expanded (a scalar: 1). */
  height: number;
}

interface Frame {
  node: YAMLMap | YAMLSeq;
  depth: number;
  out: Record<string, unknown> | unknown[];
  next: number;
  keys: Set<string>;
  /** The key the child being built goes under (maps). */
  key: string;
  size: number;
  height: number;
}

const offsetOf = (node: Node | null | undefined): number => node?.range?.[0] ?? 0;

/**
 * Turns the YAML tree into plain data in one pass without recursion, refusing what would make
 * the schema check slow or throw: nesting deeper than MAX_DEPTH, more than MAX_VALUES values once
 * aliases are expanded (alias bombs), aliases to no anchor or to a node that holds them (cycles),
 * keys that are lists or mappings, and duplicate keys. An alias shares its anchor's data (pure).
 */
function toData(root: Node | null | undefined): { data: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const anchors = new Map<string, Node>();
  const built = new Map<Node, Built>();
  const open = new Set<Node>();
  const stack: Frame[] = [];
  let total = 0;
  let data: unknown = null;
  /** Records a passed limit; the walk ends there. */
  const stop = (node: Node | null | undefined, message: string) => (problems.push({ offset: offsetOf(node), message, fatal: true }), 'stop' as const);
  const tooDeep = `the YAML nests more than ${MAX_DEPTH} levels deep here; a scenario file may nest at most ${MAX_DEPTH}`;
  const tooMany = `the file holds more than ${MAX_VALUES} values; a scenario may hold at most ${MAX_VALUES}`;

  /** Starts building a node: a collection is pushed on the stack, anything else is built at once. */
  const enter = (node: Node | null | undefined, depth: number): Built | 'pushed' | 'stop' => {
    if (depth > MAX_DEPTH) return stop(node, tooDeep);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) problems.push({ offset: offsetOf(node), message: `the alias "*${node.source}" names no anchor "&${node.source}" before it` });
      else if (open.has(target)) problems.push({ offset: offsetOf(node), message: `the alias "*${node.source}" is inside the node it names, so it would repeat forever` });
      else {
        const b = built.get(target)!;
        total += b.size;
        if (total > MAX_VALUES) return stop(node, `the aliases expand the file to more than ${MAX_VALUES} values; a scenario may hold at most ${MAX_VALUES}`);
        if (depth + b.height - 1 > MAX_DEPTH) return stop(node, tooDeep);
        return b;
      }
      return { value: null, size: 1, height: 1 };
    }
    if (++total > MAX_VALUES) return stop(node, tooMany);
    const anchor = (node as { anchor?: string } | null | undefined)?.anchor;
    if (node && anchor) anchors.set(anchor, node);
    if (isMap(node) || isSeq(node)) {
      stack.push({ node, depth, out: isMap(node) ? {} : [], next: 0, keys: new Set(), key: '', size: 1, height: 1 });
      if (anchor) open.add(node);
      return 'pushed';
    }
    const value = isScalar(node) ? (typeof node.value === 'bigint' ? Number(node.value) : node.value) : null;
    const b = { value, size: 1, height: 1 };
    if (node && anchor) built.set(node, b);
    return b;
  };

  /** Puts a built child into the frame on top of the stack, or makes it the result. */
  const give = (b: Built) => {
    const f = stack.at(-1);
    if (!f) return void (data = b.value);
    f.size += b.size;
    f.height = Math.max(f.height, b.height + 1);
    if (Array.isArray(f.out)) f.out.push(b.value);
    // "__proto__" is an ordinary key here, as in YAML; a plain assignment would set the prototype.
    else Object.defineProperty(f.out, f.key, { value: b.value, writable: true, enumerable: true, configurable: true });
  };

  let r = enter(root, 1);
  if (r === 'stop') return { data: null, problems };
  if (r !== 'pushed') give(r);
  while (stack.length) {
    const f = stack.at(-1)!;
    if (f.next >= f.node.items.length) {
      stack.pop();
      const b = { value: f.out, size: f.size, height: f.height };
      if (f.node.anchor) (open.delete(f.node), built.set(f.node, b));
      give(b);
      continue;
    }
    const item = f.node.items[f.next++];
    let child: unknown = item;
    if (isMap(f.node)) {
      const { key, value } = item as { key: unknown; value: unknown };
      if (key !== null && !isScalar(key)) {
        problems.push({ offset: offsetOf(key as Node), message: 'a key must be a plain value, not a list, a mapping or an alias' });
        continue;
      }
      const k = key === null || key.value === null || key.value === undefined ? '' : String(key.value);
      if (++total > MAX_VALUES) return (stop(key, tooMany), { data: null, problems });
      if (key?.anchor) (anchors.set(key.anchor, key), built.set(key, { value: key.value, size: 1, height: 1 }));
      if (f.keys.has(k)) problems.push({ offset: offsetOf(key), message: `the key "${k}" appears twice in this mapping: map keys must be unique` });
      f.keys.add(k);
      f.key = k;
      f.size += 1;
      child = value;
    }
    r = enter(child as Node | null, f.depth + 1);
    if (r === 'stop') return { data: null, problems };
    if (r !== 'pushed') give(r);
  }
  return { data, problems };
}

function dedupe(errors: LoadError[]): LoadError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const k = formatError(e);
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

function describeIssue(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_union') return 'is not any of the allowed forms (see scenarios/scenario.schema.json)';
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  return issue.message;
}

/** The deepest YAML node along a path, so a missing field points at its parent. */
function findNode(doc: Document, path: Path): { node: Node | null; keyNode: Node | null } {
  let node: unknown = doc.contents;
  let keyNode: Node | null = null;
  for (const p of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === p);
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof p === 'number' && node.items[p]) {
      keyNode = null;
      node = node.items[p];
    } else break;
  }
  return { node: (node as Node | null) ?? null, keyNode };
}

/** Every broken reference and unreachable ending in a schema-valid scenario (pure). */
export function checkReferences(s: Scenario): [Path, string][] {
  const out: [Path, string][] = [];
  const meters = new Set(s.meters.map((m) => m.id));
  const flags = new Set(s.flags.map((f) => f.id));
  const facts = new Set(s.facts.map((f) => f.id));
  const sources = new Set(s.sources.map((x) => x.id));
  const phases = new Set(s.phases.map((p) => p.id));
  const endings = new Map(s.endings.map((e) => [e.id, new Set(e.reasons.map((r) => r.id))]));
  const beats = new Set(s.phases.flatMap((p) => p.beats.map((b) => b.id)));
  const choices = new Set(s.phases.flatMap((p) => p.beats.flatMap((b) => b.choices.map((c) => c.id))));
  const reactions = new Set(s.stakeholders.flatMap((x) => x.reactions.map((r) => r.id)));

  const unique = (ids: [string, Path][], what: string) => {
    const seen = new Map<string, Path>();
    for (const [id, path] of ids) {
      if (seen.has(id)) out.push([path, `duplicate ${what} id "${id}" (first at ${pathText(seen.get(id)!)})`]);
      else seen.set(id, path);
    }
  };
  unique(s.meters.map((m, i) => [m.id, ['meters', i, 'id']]), 'meter');
  unique(s.flags.map((f, i) => [f.id, ['flags', i, 'id']]), 'flag');
  unique(s.facts.map((f, i) => [f.id, ['facts', i, 'id']]), 'fact');
  unique(s.stakeholders.map((x, i) => [x.id, ['stakeholders', i, 'id']]), 'stakeholder');
  unique(
    [...s.phases.map((p, i): [string, Path] => [p.id, ['phases', i, 'id']]), ...s.endings.map((e, i): [string, Path] => [e.id, ['endings', i, 'id']])],
    'phase or ending',
  );
  unique(s.phases.flatMap((p, i) => p.beats.map((b, j): [string, Path] => [b.id, ['phases', i, 'beats', j, 'id']])), 'beat');
  unique(
    s.phases.flatMap((p, i) => p.beats.flatMap((b, j) => b.choices.map((c, k): [string, Path] => [c.id, ['phases', i, 'beats', j, 'choices', k, 'id']]))),
    'choice',
  );
  unique(s.stakeholders.flatMap((x, i) => x.reactions.map((r, j): [string, Path] => [r.id, ['stakeholders', i, 'reactions', j, 'id']])), 'reaction');
  s.endings.forEach((e, i) => unique(e.reasons.map((r, j) => [r.id, ['endings', i, 'reasons', j, 'id']]), `reason (in ending ${e.id})`));

  if (!s.fictional) {
    if (!s.sources.length) out.push([['sources'], 'a scenario about real events needs at least one source (a made-up one says fictional: true)']);
    if (!s.facts.length) out.push([['facts'], 'a scenario about real events needs at least one fact (a made-up one says fictional: true)']);
  }
  const terms = new Map<string, Path>();
  s.glossary?.forEach((g, i) => {
    const gp: Path = ['glossary', i];
    g.cites?.forEach((id, j) => facts.has(id) || out.push([[...gp, 'cites', j], `unknown fact id "${id}"`]));
    if (!g.cites?.length && !g.background) out.push([gp, `the term "${g.term}" must cite fact ids (cites: [...]) or say background: true`]);
    if (g.cites?.length && g.background) out.push([gp, `the term "${g.term}" cites facts, so it is not general background; keep one of cites and background`]);
    for (const [j, form] of [g.term, ...(g.also ?? [])].entries()) {
      const key = form.toLowerCase();
      const at: Path = j === 0 ? [...gp, 'term'] : [...gp, 'also', j - 1];
      if (terms.has(key)) out.push([at, `"${form}" is already a glossary term (at ${pathText(terms.get(key)!)})`]);
      else terms.set(key, at);
    }
  });
  unique((s.glossary ?? []).map((g, i) => [g.id, ['glossary', i, 'id']]), 'glossary');
  unique((s.context ?? []).map((c, i) => [c.id, ['context', i, 'id']]), 'context');
  for (const [i, f] of s.facts.entries()) if (!sources.has(f.source)) out.push([['facts', i, 'source'], `unknown source "${f.source}"`]);

  const condition = (c: Condition, path: Path): void => {
    if ('meter' in c) {
      if (!meters.has(c.meter)) out.push([[...path, 'meter'], `unknown meter "${c.meter}"`]);
      for (const op of ['gte', 'lte', 'gt', 'lt'] as const) {
        const v = c[op];
        if (v !== undefined && (v < 0 || v > 100)) out.push([[...path, op], `${v} is outside the meter range 0-100, so this never changes`]);
      }
    } else if ('flag' in c) {
      if (!flags.has(c.flag)) out.push([[...path, 'flag'], `unknown flag "${c.flag}"`]);
    } else if ('chose' in c) {
      if (!choices.has(c.chose)) out.push([[...path, 'chose'], `unknown choice "${c.chose}"`]);
    } else if ('fired' in c) {
      if (!reactions.has(c.fired)) out.push([[...path, 'fired'], `unknown reaction "${c.fired}"`]);
    } else if ('phase' in c) {
      if (!phases.has(c.phase)) out.push([[...path, 'phase'], `unknown phase "${c.phase}"`]);
    } else if ('deal' in c) {
      if (!s.negotiation) out.push([[...path, 'deal'], 'a "deal" condition needs a negotiation section (version 2 scenarios)']);
    } else if ('signed' in c) {
      const clause = s.negotiation?.clauses.find((x) => x.id === c.signed);
      if (!s.negotiation) out.push([[...path, 'signed'], 'a "signed" condition needs a negotiation section (version 2 scenarios)']);
      else if (!clause) out.push([[...path, 'signed'], `unknown clause "${c.signed}"`]);
      else c.in.forEach((o, i) => clause.options.some((x) => x.id === o) || out.push([[...path, 'in', i], `clause "${c.signed}" has no option "${o}"`]));
    } else if ('all' in c) c.all.forEach((x, i) => condition(x, [...path, 'all', i]));
    else if ('any' in c) c.any.forEach((x, i) => condition(x, [...path, 'any', i]));
    else condition(c.not, [...path, 'not']);
  };
  const effects = (e: { meters?: Record<string, number>; set?: string[]; clear?: string[] } | undefined, path: Path) => {
    if (!e) return;
    for (const id of Object.keys(e.meters ?? {})) if (!meters.has(id)) out.push([[...path, 'meters', id], `unknown meter "${id}"`]);
    e.set?.forEach((f, i) => flags.has(f) || out.push([[...path, 'set', i], `unknown flag "${f}"`]));
    e.clear?.forEach((f, i) => flags.has(f) || out.push([[...path, 'clear', i], `unknown flag "${f}"`]));
  };
  const grounded = (x: { cites?: string[]; hypothetical?: boolean }, path: Path, what: string) => {
    x.cites?.forEach((id, i) => facts.has(id) || out.push([[...path, 'cites', i], `unknown fact id "${id}"`]));
    if (!x.cites?.length && !x.hypothetical) out.push([path, `${what} must cite fact ids (cites: [...]) or say hypothetical: true`]);
  };
  const withWhen = s.endings.filter((e) => e.when);
  const target = (to: string, reason: string | undefined, path: Path, field: 'to' | 'goto') => {
    if (to === 'outcome') {
      if (withWhen.length === 0) out.push([[...path, field], '"outcome" picks the first ending whose `when` holds, but no ending has a `when`']);
      else if (reason && !withWhen.some((e) => e.reasons.some((r) => r.id === reason))) out.push([path, `no ending with a \`when\` has the reason "${reason}"`]);
      return;
    }
    if (!phases.has(to) && !endings.has(to)) out.push([[...path, field], `"${to}" is neither a phase nor an ending`]);
    else if (endings.has(to)) {
      if (!reason) out.push([path, `an exit into the ending "${to}" must name a reason`]);
      else if (!endings.get(to)!.has(reason)) out.push([path, `the ending "${to}" has no reason "${reason}"`]);
    } else if (reason) out.push([path, `a reason is only for exits into an ending; "${to}" is a phase`]);
  };

  s.phases.forEach((p, i) => {
    const pp: Path = ['phases', i];
    grounded(p, pp, `phase "${p.id}"`);
    p.beats.forEach((b, j) => {
      const bp: Path = [...pp, 'beats', j];
      grounded(b, bp, `beat "${b.id}"`);
      if (b.when) condition(b.when, [...bp, 'when']);
      if (b.choices.filter((c) => !c.when).length < 2) out.push([[...bp, 'choices'], 'a beat needs at least 2 choices without a `when`, so it always offers a real choice']);
      b.choices.forEach((c, k) => {
        const cp: Path = [...bp, 'choices', k];
        grounded(c, cp, `choice "${c.id}"`);
        if (c.when) condition(c.when, [...cp, 'when']);
        effects(c.effects, [...cp, 'effects']);
        if (c.goto) target(c.goto, c.reason, cp, 'goto');
        else if (c.reason) out.push([[...cp, 'reason'], 'a reason only goes with goto']);
      });
    });
    for (const key of ['exits', 'then'] as const) {
      (p[key] ?? []).forEach((x, j) => {
        if (x.when) condition(x.when, [...pp, key, j, 'when']);
        target(x.to, x.reason, [...pp, key, j], 'to');
      });
    }
    const last = p.then.at(-1);
    if (last?.when) out.push([[...pp, 'then', p.then.length - 1], 'the last "then" entry must have no condition, so a phase always has a way out']);
  });

  s.stakeholders.forEach((x, i) => {
    grounded(x, ['stakeholders', i], `stakeholder "${x.id}"`);
    x.reactions.forEach((r, j) => {
      const rp: Path = ['stakeholders', i, 'reactions', j];
      grounded(r, rp, `reaction "${r.id}"`);
      r.after.forEach((a, k) => beats.has(a) || phases.has(a) || out.push([[...rp, 'after', k], `"${a}" is neither a beat nor a phase`]));
      if (r.when) condition(r.when, [...rp, 'when']);
      r.chance.add?.forEach((a, k) => condition(a.when, [...rp, 'chance', 'add', k, 'when']));
      if (r.chance.meter && !meters.has(r.chance.meter.id)) out.push([[...rp, 'chance', 'meter', 'id'], `unknown meter "${r.chance.meter.id}"`]);
      effects(r.effects, [...rp, 'effects']);
    });
  });
  if (!s.negotiation) s.phases.forEach((p, i) => p.table && out.push([['phases', i, 'table'], 'a table phase needs a negotiation section (version 2 scenarios)']));
  s.endings.forEach((e, i) => {
    grounded(e, ['endings', i], `ending "${e.id}"`);
    if (e.when) condition(e.when, ['endings', i, 'when']);
    if (e.department && !s.departmentRole) out.push([['endings', i, 'department'], 'texts for the Department need departmentRole (no one can play the Department without it)']);
    for (const id of Object.keys(e.department?.reasons ?? {})) {
      if (!e.reasons.some((r) => r.id === id)) out.push([['endings', i, 'department', 'reasons', id], `ending "${e.id}" has no reason "${id}"`]);
    }
  });
  if (s.negotiation) negotiationReferences(s, out, { condition, effects, grounded, target });
  if (s.departmentRole) {
    const dp: Path = ['departmentRole'];
    if (!s.negotiation) out.push([dp, 'playing the Department needs a negotiation section (version 2 scenarios)']);
    if (!BUILTIN_AGENT_NAMES.includes(s.departmentRole.opponent)) out.push([[...dp, 'opponent'], `"${s.departmentRole.opponent}" is not a built-in agent (${BUILTIN_AGENT_NAMES.join(', ')})`]);
  }
  // A Department's card is read only at a table, by a person playing the Department.
  s.phases.forEach((p, i) =>
    p.beats.forEach((b, j) => {
      if (!b.departmentCard) return;
      const at: Path = ['phases', i, 'beats', j, 'departmentCard'];
      if (!s.departmentRole) out.push([at, 'a card for the Department needs departmentRole (no one can play the Department without it)']);
      else if (!p.table) out.push([at, `phase "${p.id}" has no table, and the Department plays only at a table`]);
    }),
  );
  for (const [name, weights] of Object.entries(s.strategies)) {
    for (const id of Object.keys(weights)) if (!meters.has(id)) out.push([['strategies', name, id], `unknown meter "${id}"`]);
  }

  // Which endings can any path reach? Walk the phase graph from the first phase.
  const reached = new Set<string>();
  const queue = [s.phases[0]!.id];
  while (queue.length) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    const p = s.phases.find((x) => x.id === id);
    if (!p) continue;
    for (const b of p.beats) for (const c of b.choices) if (c.goto) queue.push(c.goto);
    for (const x of [...(p.exits ?? []), ...p.then]) queue.push(x.to);
    if (p.table) queue.push(p.table.walkAway.to);
  }
  // "outcome" reaches every ending with a `when`.
  if (reached.has('outcome') || s.phases.some((p) => p.table)) for (const e of withWhen) reached.add(e.id);
  s.endings.forEach((e, i) => reached.has(e.id) || out.push([['endings', i, 'id'], `no path reaches the ending "${e.id}"`]));
  s.phases.forEach((p, i) => reached.has(p.id) || out.push([['phases', i, 'id'], `no path reaches the phase "${p.id}"`]));
  return out;
}

type Checks = {
  condition: (c: Condition, path: Path) => void;
  effects: (e: { meters?: Record<string, number>; set?: string[]; clear?: string[] } | undefined, path: Path) => void;
  grounded: (x: { cites?: string[]; hypothetical?: boolean }, path: Path, what: string) => void;
  target: (to: string, reason: string | undefined, path: Path, field: 'to' | 'goto') => void;
};

/** The move tokens a record uses at a table; no story choice may take one of these ids. */
const RESERVED = new Set(['accept', 'walk-away', 'outcome']);

/** The checks of a version 2 scenario's negotiation section (pure; pushes onto `out`). */
function negotiationReferences(s: Scenario, out: [Path, string][], c: Checks): void {
  const n = s.negotiation!;
  const np: Path = ['negotiation'];
  const clauses = new Map(n.clauses.map((x) => [x.id, new Set(x.options.map((o) => o.id))]));
  const seen = new Set<string>();
  n.clauses.forEach((clause, i) => {
    const cp: Path = [...np, 'clauses', i];
    if (seen.has(clause.id)) out.push([[...cp, 'id'], `duplicate clause id "${clause.id}"`]);
    seen.add(clause.id);
    c.grounded(clause, cp, `clause "${clause.id}"`);
    const opts = new Set<string>();
    clause.options.forEach((o, j) => {
      if (opts.has(o.id)) out.push([[...cp, 'options', j, 'id'], `duplicate option id "${o.id}" in clause "${clause.id}"`]);
      opts.add(o.id);
      c.grounded(o, [...cp, 'options', j], `option "${o.id}"`);
    });
  });
  for (const side of ['lab', 'department'] as const) {
    const v = n.values[side];
    const vp: Path = [...np, 'values', side];
    for (const [id, options] of clauses) {
      const w = v.weights[id];
      if (!w) out.push([[...vp, 'weights'], `no weight range for clause "${id}"`]);
      else if (w[0] > w[1]) out.push([[...vp, 'weights', id], `the range [${w[0]}, ${w[1]}] runs backwards`]);
      for (const o of options) {
        const r = v.scores[id]?.[o];
        if (!r) out.push([[...vp, 'scores', id], `no score range for option "${o}" of clause "${id}"`]);
        else if (r[0] > r[1]) out.push([[...vp, 'scores', id, o], `the range [${r[0]}, ${r[1]}] runs backwards`]);
      }
    }
    for (const id of Object.keys(v.weights)) if (!clauses.has(id)) out.push([[...vp, 'weights', id], `unknown clause "${id}"`]);
    for (const [id, options] of Object.entries(v.scores)) {
      if (!clauses.has(id)) out.push([[...vp, 'scores', id], `unknown clause "${id}"`]);
      else for (const o of Object.keys(options)) if (!clauses.get(id)!.has(o)) out.push([[...vp, 'scores', id, o], `clause "${id}" has no option "${o}"`]);
    }
    const w = n.walkAway[side];
    for (const id of Object.keys(w.meters ?? {})) if (!s.meters.some((m) => m.id === id)) out.push([[...np, 'walkAway', side, 'meters', id], `unknown meter "${id}"`]);
    w.add?.forEach((a, i) => c.condition(a.when, [...np, 'walkAway', side, 'add', i, 'when']));
  }
  const d = n.department;
  for (const [id, options] of clauses) {
    const o = d.opening[id];
    if (o === undefined) out.push([[...np, 'department', 'opening'], `the opening offer has no option for clause "${id}"`]);
    else if (!options.has(o)) out.push([[...np, 'department', 'opening', id], `clause "${id}" has no option "${o}"`]);
  }
  for (const id of Object.keys(d.opening)) if (!clauses.has(id)) out.push([[...np, 'department', 'opening', id], `unknown clause "${id}"`]);
  if (d.concession[0] <= 0 || d.concession[0] > d.concession[1]) out.push([[...np, 'department', 'concession'], 'the range must be positive and run upwards, e.g. [20, 120]']);
  d.moves?.forEach((m, i) => c.condition(m.when, [...np, 'department', 'moves', i, 'when']));
  c.grounded(d, [...np, 'department'], 'the Department agent');
  const probes = new Set<string>();
  n.probes.forEach((p, i) => {
    const pp: Path = [...np, 'probes', i];
    if (probes.has(p.id)) out.push([[...pp, 'id'], `duplicate probe id "${p.id}"`]);
    probes.add(p.id);
    c.grounded(p, pp, `probe "${p.id}"`);
    if (p.when) c.condition(p.when, [...pp, 'when']);
    c.effects(p.effects, [...pp, 'effects']);
    const r = p.reveals;
    const clause = 'weight' in r ? r.weight : 'scores' in r ? r.scores : null;
    if (clause !== null && !clauses.has(clause)) out.push([[...pp, 'reveals'], `unknown clause "${clause}"`]);
  });
  s.phases.forEach((p, i) => {
    if (p.table) {
      c.target(p.table.walkAway.to, p.table.walkAway.reason, ['phases', i, 'table', 'walkAway'], 'to');
      p.table.extensions?.forEach((x, j) => c.condition(x.when, ['phases', i, 'table', 'extensions', j, 'when']));
    }
    p.beats.forEach((b, j) =>
      b.choices.forEach((ch, k) => {
        if (RESERVED.has(ch.id)) out.push([['phases', i, 'beats', j, 'choices', k, 'id'], `"${ch.id}" is a move at the table; a story choice needs another id`]);
      }),
    );
  });
  for (const [name, agent] of Object.entries(n.strategyAgents ?? {})) {
    const at: Path = [...np, 'strategyAgents', name];
    if (!Object.hasOwn(s.strategies, name)) out.push([at, `"${name}" is not one of the scenario's strategies (${Object.keys(s.strategies).join(', ') || 'none'})`]);
    if (!BUILTIN_AGENT_NAMES.includes(agent)) out.push([at, `"${agent}" is not a built-in agent (${BUILTIN_AGENT_NAMES.join(', ')})`]);
  }
  const withWhen = s.endings.filter((e) => e.when);
  for (const deal of [true, false]) {
    if (!withWhen.some((e) => e.when && 'deal' in e.when && e.when.deal === deal))
      out.push([['endings'], `a negotiation needs an ending with \`when: {deal: ${deal}}\` as the last resort for runs that end ${deal ? 'with' : 'without'} a contract`]);
  }
}
