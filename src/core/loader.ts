/**
 * Scenario loader: YAML text in, a typed Scenario out, or every error at once, each with the
 * file, line, column and field it is about. Pure: the caller reads the file.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ScenarioSchema, type Condition, type Scenario } from './schema.ts';

export interface LoadError {
  file: string;
  line: number;
  column: number;
  /** The field, as a dotted path, e.g. "phases[0].beats[2].choices[1].effects.meters.trust". */
  path: string;
  message: string;
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: LoadError[] };

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

/** Parses and checks a scenario file's text (pure). */
export function loadScenario(text: string, file = '<scenario>'): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const errors: LoadError[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    errors.push({ file, ...at(e.pos[0]), path: '', message: e.message.split('\n')[0]! });
  }
  if (errors.length) return { ok: false, errors };

  const locate = (path: Path, message: string, key = false): LoadError => {
    const { node, keyNode } = findNode(doc, path);
    const target = key && keyNode ? keyNode : node;
    const offset = target?.range?.[0] ?? 0;
    return { file, ...at(offset), path: pathText(path), message };
  };

  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: 'a scenario file must be a YAML mapping' }] };
  }
  const parsed = ScenarioSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        // Point at each unknown key itself, not at the mapping that holds it.
        for (const key of issue.keys) errors.push({ ...locate([...path, key], `unknown field "${key}"`, true), path: pathText(path) });
      } else errors.push(locate(path, describeIssue(issue)));
    }
    return { ok: false, errors: dedupe(errors) };
  }
  for (const [path, message] of checkReferences(parsed.data)) errors.push(locate(path, message));
  return errors.length ? { ok: false, errors: dedupe(errors) } : { ok: true, scenario: parsed.data };
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
  const target = (to: string, reason: string | undefined, path: Path, field: 'to' | 'goto') => {
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
  s.endings.forEach((e, i) => grounded(e, ['endings', i], `ending "${e.id}"`));
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
  }
  s.endings.forEach((e, i) => reached.has(e.id) || out.push([['endings', i, 'id'], `no path reaches the ending "${e.id}"`]));
  s.phases.forEach((p, i) => reached.has(p.id) || out.push([['phases', i, 'id'], `no path reaches the phase "${p.id}"`]));
  return out;
}
