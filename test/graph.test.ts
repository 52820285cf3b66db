/** The machine as a graph (src/core/graph.ts): generated from the machine the game runs, valid Mermaid, deterministic. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { machineOf } from '../src/core/engine.ts';
import { conditionText, graphMermaid, machineGraph, machineMermaid, mermaidId, mermaidText } from '../src/core/graph.ts';
import { loadScenario, type Scenario } from '../src/core/index.ts';
import { negotiationConfig } from '../src/core/machine.ts';
import type { Condition } from '../src/core/schema.ts';
import { fixturePath, loadFixture, loadMarch, ROOT } from './helpers.ts';

const MINI_MERMAID = `stateDiagram-v2
    state "Talks" as talks
    state "Breakdown" as breakdown
    state "Designation" as designation
    state "Renegotiation" as renegotiation
    state "Compromise" as compromise
    state "Capitulation" as capitulation
    state "Standoff" as standoff
    [*] --> talks
    talks --> talks : choose#58; a choice on the table<br>more beats
    talks --> capitulation : choose#58; fold → goto
    talks --> renegotiation : exit#58; trust ≥ 75
    talks --> breakdown : then
    breakdown --> breakdown : choose#58; a choice on the table<br>more beats
    breakdown --> designation : then
    designation --> designation : choose#58; a choice on the table<br>more beats
    designation --> standoff : choose#58; refuse → goto
    designation --> renegotiation : then
    renegotiation --> renegotiation : choose#58; a choice on the table<br>more beats
    renegotiation --> capitulation : then#58; integrity #lt; 40
    renegotiation --> compromise : then#58; trust ≥ 50 and integrity ≥ 40
    renegotiation --> standoff : then
    compromise --> [*]
    capitulation --> [*]
    standoff --> [*]
`;

/** Mermaid's entity codes back to the characters they stand for, as Mermaid draws them. */
function decode(text: string): string {
  const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
  return text.replace(/#(\w+);/g, (_, e: string) => (/^\d+$/.test(e) ? String.fromCodePoint(Number(e)) : named[e]!));
}

const ID = '[A-Za-z0-9_]+';
/** Text Mermaid's stateDiagram lexer reads as plain text: one line, none of its syntax characters. */
const PLAIN = /^[^\n\r"#:;<>[\]{}%]*(#(\w+);[^\n\r"#:;<>[\]{}%]*)*$/;

/**
 * Checks Mermaid stateDiagram-v2 text by structure, against the rules of Mermaid's state diagram
 * grammar (stateDiagram.jison): a state id has no dash, colon, space or brace; a label (after
 * " : ") runs to the end of the line and holds no colon or semicolon; a quoted state description
 * holds no quote. A label's lines are joined by `<br>`; a state has at most one loop to itself
 * (Mermaid draws only one). Returns every problem found.
 */
function mermaidProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (lines[0] !== 'stateDiagram-v2') problems.push('the first line is not stateDiagram-v2');
  if (lines.at(-1) !== '') problems.push('the text does not end in a newline');
  const declared = new Set<string>();
  const used: string[] = [];
  const loops = new Set<string>();
  let initial = 0;
  for (const line of lines.slice(1, -1)) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(new RegExp(`^    state "([^"]*)" as (${ID})$`)))) {
      if (!PLAIN.test(m[1]!)) problems.push(`a title with Mermaid syntax in it: ${line}`);
      if (declared.has(m[2]!)) problems.push(`state ${m[2]} declared twice`);
      declared.add(m[2]!);
    } else if ((m = line.match(new RegExp(`^    \\[\\*\\] --> (${ID})$`)))) {
      initial++;
      used.push(m[1]!);
    } else if ((m = line.match(new RegExp(`^    (${ID}) --> \\[\\*\\]$`)))) used.push(m[1]!);
    else if ((m = line.match(new RegExp(`^    (${ID}) --> (${ID}) : (.+)$`)))) {
      used.push(m[1]!, m[2]!);
      if (m[3]!.split('<br>').some((part) => !PLAIN.test(part) || part.trim() !== part || !part)) problems.push(`a label with Mermaid syntax in it: ${line}`);
      if (m[1] === m[2] && loops.has(m[1]!)) problems.push(`a second loop on ${m[1]}, which Mermaid would not draw`);
      if (m[1] === m[2]) loops.add(m[1]!);
    } else problems.push(`not a statement: ${JSON.stringify(line)}`);
  }
  if (initial !== 1) problems.push(`${initial} initial transitions`);
  for (const id of used) if (!declared.has(id)) problems.push(`state ${id} used but not declared`);
  for (const id of [...declared, ...used]) {
    if (/^(default|state$|note$|class$|classdef$|scale$|direction$|acctitle$|accdescr$)/i.test(id)) problems.push(`state id ${id} reads as a keyword`);
  }
  if (/direction\s+(tb|bt|rl|lr)/i.test(text)) problems.push('"direction" followed by a direction reads as a statement');
  return problems;
}

/** The mini fixture with ids that are Mermaid keywords and titles full of Mermaid syntax. */
function hostileMini(): Scenario {
  const text = readFileSync(fixturePath('mini'), 'utf8')
    .replace(/\btalks\b/g, 'state')
    .replace(/\brenegotiation\b/g, 'default-deal')
    .replace(/\bbreakdown\b/g, 'tb-fall')
    .replace(/\bstandoff\b/g, 'class')
    .replace('title: Talks', `title: 'Talks: "the [*] --> end"; #1 %% {x} <b>direction LR</b> a#58;b'`)
    .replace('title: Breakdown', 'title: "Break\\ndown --> x\\r\\n  direction\\ttb"')
    .replace(
      '{when: {meter: trust, gte: 75}, to: default-deal}',
      '{when: {any: [{not: {flag: walked}}, {all: [{meter: trust, gte: 10, lt: 90}, {chose: hold}]}, {fired: leak}, {flag: walked, is: false}]}, to: default-deal}',
    );
  const r = loadScenario(text, 'hostile-mini.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

/** Every transition negotiationConfig declares, in its order: [from, to, event, guard type]. */
function configTransitions(scenario: Scenario): [string, string, string, string][] {
  return Object.entries(negotiationConfig(scenario).states).flatMap(([from, s]) => [
    ...Object.entries(s.on ?? {}).flatMap(([event, list]) => (Array.isArray(list) ? list : [list]).map((t): [string, string, string, string] => [from, t.target ?? from, event, t.guard.type])),
    ...(s.always ?? []).map((t): [string, string, string, string] => [from, t.target ?? from, 'always', t.guard.type]),
  ]);
}

describe('machineMermaid', () => {
  it('draws the mini fixture exactly so', () => {
    expect(machineMermaid(loadFixture('mini'))).toBe(MINI_MERMAID);
  });

  it('(the structure check itself finds what Mermaid would not read)', () => {
    const bad = `stateDiagram-v2
    state "Talks" as talks
    state "A "quoted" title" as b
    [*] --> talks
    talks --> talks : one
    talks --> talks : two
    talks --> hold-out : exit: trust ≥ 75
    talks --> b : a; b
    talks --> nowhere : x<br>
`;
    expect(mermaidProblems(bad)).toEqual([
      'not a statement: "    state \\"A \\"quoted\\" title\\" as b"',
      'a second loop on talks, which Mermaid would not draw',
      'not a statement: "    talks --> hold-out : exit: trust ≥ 75"',
      'a label with Mermaid syntax in it:     talks --> b : a; b',
      'a label with Mermaid syntax in it:     talks --> nowhere : x<br>',
      'state b used but not declared',
      'state nowhere used but not declared',
    ]);
    expect(mermaidProblems('stateDiagram-v2\n    state "S" as state\n    [*] --> state\n    state --> state : direction LR\n')).toEqual([
      'state id state reads as a keyword',
      'state id state reads as a keyword',
      'state id state reads as a keyword',
      'state id state reads as a keyword',
      '"direction" followed by a direction reads as a statement',
    ]);
  });

  it('is valid Mermaid by structure, for the mini fixture and march-2026', () => {
    expect(mermaidProblems(MINI_MERMAID)).toEqual([]);
    expect(mermaidProblems(machineMermaid(loadMarch()))).toEqual([]);
  });

  it('draws every phase, ending and transition of march-2026\'s negotiationConfig', () => {
    const march = loadMarch();
    const config = negotiationConfig(march);
    const text = machineMermaid(march);
    const lines = text.split('\n');
    for (const p of march.phases) expect(lines).toContain(`    state "${mermaidText(p.title)}" as ${mermaidId(p.id)}`);
    for (const e of march.endings) {
      expect(lines).toContain(`    state "${mermaidText(e.title)}" as ${mermaidId(e.id)}`);
      expect(lines).toContain(`    ${mermaidId(e.id)} --> [*]`);
    }
    expect(lines).toContain(`    [*] --> ${mermaidId(config.initial)}`);
    const states = Object.keys(config.states);
    expect(states).toHaveLength(march.phases.length + march.endings.length);
    expect(lines.filter((l) => l.startsWith('    state '))).toHaveLength(states.length);

    const expected = configTransitions(march);
    // Per phase: the choose move, each goto target, each exit, the next beat, each `then`.
    const count = march.phases.reduce((n, p) => {
      const gotos = new Set(p.beats.flatMap((b) => b.choices.flatMap((c) => (c.goto ? [c.goto] : []))));
      return n + 1 + gotos.size + (p.exits?.length ?? 0) + 1 + p.then.length;
    }, 0);
    expect(expected).toHaveLength(count);
    const graph = machineGraph(march);
    expect(graph.transitions.map((t) => [t.from, t.to, t.event, t.guard.type])).toEqual(expected);
    // One line a transition, but a phase's transitions that stay in it share one loop, one label a line.
    const drawn = lines
      .filter((l) => / --> /.test(l) && !l.includes('[*]'))
      .flatMap((l) => {
        const [, edge, labels] = l.match(/^( {4}\S+ --> \S+) : (.*)$/)!;
        return labels!.split('<br>').map((label) => `${edge} : ${label}`);
      });
    const loopsFirst = (ts: typeof graph.transitions) =>
      graph.states.flatMap((s) => {
        const from = ts.filter((t) => t.from === s.id);
        const i = from.findIndex((t) => t.to === t.from);
        return i < 0 ? from : [...from.slice(0, i), ...from.filter((t) => t.to === t.from), ...from.slice(i).filter((t) => t.to !== t.from)];
      });
    expect(drawn).toEqual(loopsFirst(graph.transitions).map((t) => `    ${mermaidId(t.from)} --> ${mermaidId(t.to)} : ${mermaidText(t.label)}`));
    expect(drawn).toHaveLength(count);
  });

  it('agrees with the XState machine the game plays (machineOf)', () => {
    for (const scenario of [loadFixture('mini'), loadMarch()]) {
      const graph = machineGraph(scenario);
      const root = machineOf(scenario).root;
      expect(graph.initial).toBe(root.initial.target[0]!.key);
      expect(graph.states.map((s) => [s.id, s.kind])).toEqual(Object.values(root.states).map((n) => [n.key, n.type === 'final' ? 'ending' : 'phase']));
      const fromXState = Object.values(root.states).flatMap((n) =>
        [...[...n.transitions.entries()].flatMap(([event, ts]) => ts.map((t) => ({ t, event }))), ...(n.always ?? []).map((t) => ({ t, event: 'always' }))].map(({ t, event }) => ({
          from: n.key,
          to: t.target?.[0]?.key ?? n.key,
          event,
          guard: JSON.parse(JSON.stringify(t.guard)) as unknown,
        })),
      );
      expect(graph.transitions.map(({ from, to, event, guard }) => ({ from, to, event, guard: { type: guard.type, ...(Object.keys(guard.params).length ? { params: guard.params } : {}) } }))).toEqual(
        fromXState.map((t) => ({ ...t, guard: normalGuard(t.guard) })),
      );
    }
  });

  it('gives the same text, byte for byte, for the same scenario, loaded again or copied', () => {
    const march = loadMarch();
    const once = machineMermaid(march);
    expect(machineMermaid(march)).toBe(once);
    expect(machineMermaid(structuredClone(march))).toBe(once);
    const again = loadScenario(readFileSync(join(ROOT, 'scenarios', 'march-2026.yaml'), 'utf8'), 'march-2026.yaml');
    expect(again.ok && machineMermaid(again.scenario)).toBe(once);
    expect(graphMermaid(machineGraph(march))).toBe(once);
  });

  it('keeps Mermaid syntax in titles and ids from breaking the diagram, and says the same thing', () => {
    const hostile = hostileMini();
    const text = machineMermaid(hostile);
    expect(mermaidProblems(text)).toEqual([]);
    expect(text).toContain('    state "Talks#58; #quot;the #91;*#93; --#gt; end#quot;#59; #35;1 #37;#37; #123;x#125; #lt;b#gt;direction#32;LR#lt;/b#gt; a#35;58#59;b" as S_state');
    expect(decode(text)).toContain('state "Talks: "the [*] --> end"; #1 %% {x} <b>direction LR</b> a#58;b" as S_state');
    expect(text).toContain('    state "Break down --#gt; x direction#32;tb" as S_tb_fall');
    expect(text).toContain('    state "Renegotiation" as S_default_deal');
    expect(text).toContain('    state "Standoff" as S_class');
    expect(text).toContain(
      '    S_state --> S_default_deal : exit#58; not flag walked or (trust ≥ 10 and trust #lt; 90 and chose hold) or fired leak or not flag walked',
    );
    // Each state keeps its own Mermaid id.
    const ids = machineGraph(hostile).states.map((s) => mermaidId(s.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('machineGraph (the JSON form)', () => {
  it('lists the mini fixture\'s states and labelled transitions', () => {
    const graph = machineGraph(loadFixture('mini'));
    expect(graph.initial).toBe('talks');
    expect(graph.states).toEqual([
      { id: 'talks', kind: 'phase', title: 'Talks' },
      { id: 'breakdown', kind: 'phase', title: 'Breakdown' },
      { id: 'designation', kind: 'phase', title: 'Designation' },
      { id: 'renegotiation', kind: 'phase', title: 'Renegotiation' },
      { id: 'compromise', kind: 'ending', title: 'Compromise' },
      { id: 'capitulation', kind: 'ending', title: 'Capitulation' },
      { id: 'standoff', kind: 'ending', title: 'Standoff' },
    ]);
    expect(graph.transitions.slice(0, 5)).toEqual([
      { from: 'talks', to: 'talks', event: 'choose', guard: { type: 'offered', params: {} }, label: 'choose: a choice on the table' },
      { from: 'talks', to: 'capitulation', event: 'always', guard: { type: 'goingTo', params: { to: 'capitulation' } }, label: 'choose: fold → goto' },
      { from: 'talks', to: 'renegotiation', event: 'always', guard: { type: 'exit', params: { when: { meter: 'trust', gte: 75 } } }, label: 'exit: trust ≥ 75' },
      { from: 'talks', to: 'talks', event: 'always', guard: { type: 'moreBeats', params: {} }, label: 'more beats' },
      { from: 'talks', to: 'breakdown', event: 'always', guard: { type: 'exit', params: {} }, label: 'then' },
    ]);
    expect(graph.transitions).toHaveLength(configTransitions(loadFixture('mini')).length);
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph);
  });
});

describe('conditionText', () => {
  const cases: [Condition, string][] = [
    [{ meter: 'trust', gte: 75 }, 'trust ≥ 75'],
    [{ meter: 'trust', gt: 5, lte: 50 }, 'trust > 5 and trust ≤ 50'],
    [{ meter: 'runway', lt: 10 }, 'runway < 10'],
    [{ flag: 'walked' }, 'flag walked'],
    [{ flag: 'walked', is: true }, 'flag walked'],
    [{ flag: 'walked', is: false }, 'not flag walked'],
    [{ chose: 'hold' }, 'chose hold'],
    [{ fired: 'leak' }, 'fired leak'],
    [{ all: [{ meter: 'trust', gte: 50 }, { meter: 'integrity', gte: 40 }] }, 'trust ≥ 50 and integrity ≥ 40'],
    [{ any: [{ chose: 'hold' }, { fired: 'leak' }] }, 'chose hold or fired leak'],
    [{ not: { chose: 'hold' } }, 'not chose hold'],
    [{ not: { any: [{ chose: 'hold' }, { fired: 'leak' }] } }, 'not (chose hold or fired leak)'],
    [{ all: [{ any: [{ chose: 'a' }, { chose: 'b' }] }, { meter: 'm', gte: 1, lt: 9 }, { all: [{ flag: 'f' }] }] }, '(chose a or chose b) and m ≥ 1 and m < 9 and flag f'],
    [{ any: [{ meter: 'm', gte: 1, lt: 9 }, { any: [{ chose: 'a' }, { chose: 'b' }] }] }, '(m ≥ 1 and m < 9) or chose a or chose b'],
    [{ not: { meter: 'm', gte: 1, lt: 9 } }, 'not (m ≥ 1 and m < 9)'],
    [{ not: { not: { flag: 'f', is: false } } }, 'not not not flag f'],
  ];
  for (const [cond, text] of cases) it(text, () => expect(conditionText(cond)).toBe(text));
});

describe('docs/machine.md', () => {
  it('shows the diagram `npx red-lines graph` prints today', async () => {
    const out: string[] = [];
    expect(await main(['graph'], { out: (s) => out.push(s), err: () => {} })).toBe(0);
    const doc = readFileSync(join(ROOT, 'docs', 'machine.md'), 'utf8');
    const blocks = [...doc.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    expect(blocks, 'docs/machine.md should hold exactly one ```mermaid block').toHaveLength(1);
    expect(
      blocks[0],
      'docs/machine.md\'s diagram differs from the machine the game runs: regenerate it as docs/machine.md says ("Regenerating the diagram"), from `npx red-lines graph`',
    ).toBe(`${out.join('\n')}\n`);
  });
});

/** XState's guard object as the graph's: its type, and its params when it has any. */
function normalGuard(guard: unknown): unknown {
  const g = guard as { type: string; params?: Record<string, unknown> };
  return g.params && Object.keys(g.params).length ? { type: g.type, params: g.params } : { type: g.type };
}
