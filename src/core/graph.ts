/**
 * The negotiation machine as a graph: states and labelled transitions, read from the machine
 * description the game runs (`negotiationConfig`), never written by hand, and drawn as a Mermaid
 * `stateDiagram-v2` (`red-lines graph`, docs/machine.md).
 *
 * Pure and deterministic: the same scenario gives the same graph and the same text, byte for byte.
 */
import { negotiationConfig, type Ref, type TransitionConfig } from './machine.ts';
import { indexOf } from './rules.ts';
import type { Condition, Scenario } from './schema.ts';

export interface GraphState {
  id: string;
  /** A phase of the negotiation, a round of a table phase (or its deadline), or an ending (a final state). */
  kind: 'phase' | 'round' | 'ending';
  title: string;
  /** A round's table phase. */
  parent?: string;
}

export interface GraphTransition {
  from: string;
  /** The target state; a transition without a target (it stays in its phase) has `to === from`. */
  to: string;
  /** The lab's move (`choose`, and at a table `propose`, `accept`, `probe`, `walk-away`), or `always`: an eventless transition, taken as soon as its guard holds. */
  event: 'choose' | 'propose' | 'accept' | 'probe' | 'walk-away' | 'always';
  /** The machine's named guard and its parameters, as plain JSON. */
  guard: { type: string; params: Record<string, unknown> };
  /** The guard in plain words, e.g. `exit: trust ≥ 75`. */
  label: string;
}

export interface MachineGraph {
  initial: string;
  states: GraphState[];
  /** Per state in the order of `states`, the transitions in the order the machine tries them. */
  transitions: GraphTransition[];
}

const COMPARISONS = [
  ['gte', '≥'],
  ['gt', '>'],
  ['lte', '≤'],
  ['lt', '<'],
] as const;

/** A structured condition in plain words: `trust ≥ 45 and not flag walked`. */
export function conditionText(cond: Condition): string {
  return words(cond, null);
}

/**
 * A condition in words, in parentheses when it is an `and` or an `or` of several parts inside
 * another operator (`not (a or b)`, `(a or b) and c`); an `and` inside an `and` (or an `or`
 * inside an `or`) needs none.
 */
function words(cond: Condition, outer: 'and' | 'or' | 'not' | null): string {
  const join = (parts: string[], op: 'and' | 'or') => {
    const s = parts.join(` ${op} `);
    return parts.length > 1 && outer !== null && outer !== op ? `(${s})` : s;
  };
  if ('meter' in cond) return join(COMPARISONS.flatMap(([key, sign]) => (cond[key] === undefined ? [] : [`${cond.meter} ${sign} ${cond[key]}`])), 'and');
  if ('flag' in cond) return cond.is === false ? `not flag ${cond.flag}` : `flag ${cond.flag}`;
  if ('chose' in cond) return `chose ${cond.chose}`;
  if ('fired' in cond) return `fired ${cond.fired}`;
  if ('deal' in cond) return cond.deal ? 'a contract signed' : 'no contract signed';
  if ('phase' in cond) return `in ${cond.phase}`;
  if ('signed' in cond) return `signed ${cond.signed} in ${cond.in.join('|')}`;
  if ('all' in cond) return join(cond.all.map((c) => words(c, 'and')), 'and');
  if ('any' in cond) return join(cond.any.map((c) => words(c, 'or')), 'or');
  return `not ${words(cond.not, 'not')}`;
}

/** A deadline's extensions in words: " (+3 if fired negotiators-warm; -1 if …)". */
function extensionsText(x: unknown): string {
  const list = (x ?? []) as { when: Condition; days: number }[];
  if (list.length === 0) return '';
  return ` (${list.map((e) => `${e.days > 0 ? '+' : ''}${e.days} if ${conditionText(e.when)}`).join('; ')})`;
}

/** JSON-safe parameters: undefined values dropped, key order kept. */
function plainParams(params: Record<string, unknown> | undefined): Record<string, unknown> {
  return params === undefined ? {} : (JSON.parse(JSON.stringify(params)) as Record<string, unknown>);
}

/**
 * The machine's states and transitions, in the order the machine declares and tries them. Labels
 * name each guard in plain words: `choose: a choice on the table` (the player's move, which stays
 * in the phase), `choose: fold → goto` (a choice that leaves for another state), `exit: trust ≥ 75`
 * (checked after every beat), `more beats` (the phase plays its next beat), `then` / `then: …`
 * (checked in order when the beats run out).
 */
export function machineGraph(scenario: Scenario): MachineGraph {
  const config = negotiationConfig(scenario);
  const index = indexOf(scenario);
  const endings = new Map(scenario.endings.map((e) => [e.id, e]));
  const states: GraphState[] = Object.entries(config.states).map(([id, s]): GraphState => {
    if (s.type === 'final') return { id, kind: 'ending', title: endings.get(id)?.title ?? id };
    if (s.parent) {
      const child = id.slice(s.parent.length + 1);
      const m = /^round-(\d+)$/.exec(child);
      return { id, kind: 'round', title: m ? `Round ${m[1]}` : 'Rounds run out', parent: s.parent };
    }
    return { id, kind: 'phase', title: index.phases.get(id)?.title ?? id };
  });

  const transitions: GraphTransition[] = [];
  for (const [from, s] of Object.entries(config.states)) {
    /** Which choices of this phase ask to leave for a target (the `goingTo` guard's choices). */
    const phase = index.phases.get(s.parent ?? from);
    const gotoChoices = (to: unknown) => (phase?.beats ?? []).flatMap((b) => b.choices.filter((c) => c.goto === to).map((c) => c.id));
    const add = (t: TransitionConfig, event: GraphTransition['event'], label: string) =>
      transitions.push({ from, to: t.target ?? from, event, guard: { type: t.guard.type, params: plainParams(t.guard.params) }, label });

    for (const [event, list] of Object.entries(s.on ?? {})) {
      for (const t of Array.isArray(list) ? list : [list]) add(t, event as GraphTransition['event'], guardLabel(t.guard, event, false, gotoChoices));
    }
    let beatsDone = false;
    for (const t of s.always ?? []) {
      add(t, 'always', guardLabel(t.guard, undefined, beatsDone, gotoChoices));
      if (t.guard.type === 'moreBeats') beatsDone = true;
    }
  }
  return { initial: config.initial, states, transitions };
}

/** A guard in plain words; `afterBeats` is true for exits tried once the phase's beats have run out. */
function guardLabel(guard: Ref, event: string | undefined, afterBeats: boolean, gotoChoices: (to: unknown) => string[]): string {
  const p = guard.params ?? {};
  switch (guard.type) {
    case 'offered':
      return 'choose: a choice on the table';
    case 'goingTo': {
      const ids = gotoChoices(p.to);
      const outcome = p.when === undefined ? '' : ` (${conditionText(p.when as Condition)})`;
      return ids.length ? `choose: ${ids.join(', ')} → goto${outcome}` : `goto ${String(p.to)}${outcome}`;
    }
    case 'exit': {
      const name = afterBeats ? 'then' : 'exit';
      const conds = [p.exit, p.when].filter((c) => c !== undefined).map((c) => conditionText(c as Condition));
      return conds.length === 0 ? name : `${name}: ${conds.join(' and ')}`;
    }
    case 'moreBeats':
      return 'more beats';
    case 'storyMove':
      return 'story move';
    case 'probeOpen':
      return 'probe';
    case 'validProposal':
      return 'propose';
    case 'offerOnTable':
      return 'accept their offer';
    case 'canWalkAway':
      return 'walk away';
    case 'signed':
      return p.when === undefined ? 'contract signed' : `contract signed: ${conditionText(p.when as Condition)}`;
    case 'walkedAway':
      return p.when === undefined ? 'walked away' : `walked away: ${conditionText(p.when as Condition)}`;
    case 'pastDeadline':
      return `past day ${String(p.deadline)}${extensionsText(p.extensions)}${p.when === undefined ? '' : `: ${conditionText(p.when as Condition)}`}`;
    case 'holds':
      return p.when === undefined ? 'then' : conditionText(p.when as Condition);
    case 'labToMove':
      return "playing the Department: the lab's agent moves";
    case 'pairStoryMove':
      return 'a pair: the lab\'s story move, then the Department answers';
    case 'pairProbe':
      return 'a pair: the lab\'s probe, then the Department answers';
    case 'pairProposal':
      return 'a pair: the lab\'s proposal, then the Department answers';
    default: {
      // A guard this drawing does not know yet: its name and parameters, as they are.
      const params = Object.entries(plainParams(p)).map(([k, v]) => `${k} ${JSON.stringify(v)}`);
      const named = params.length ? `${guard.type} (${params.join(', ')})` : guard.type;
      return event ? `${event}: ${named}` : named;
    }
  }
}

/**
 * Mermaid text for a title or label: on one line, with every character Mermaid's state diagram
 * would read as syntax written as a Mermaid entity code (`#58;` for a colon, `#quot;` for a
 * double quote, ...), which Mermaid draws as the character itself.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[#":;<>[\]{}%]/g, (c) => MERMAID_ENTITIES[c]!)
    .replace(/(direction) (tb|bt|rl|lr)/gi, '$1#32;$2');
}

const MERMAID_ENTITIES: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  ':': '#58;',
  ';': '#59;',
  '<': '#lt;',
  '>': '#gt;',
  '[': '#91;',
  ']': '#93;',
  '{': '#123;',
  '}': '#125;',
  '%': '#37;',
};

/** Words Mermaid's state diagram lexer reads as keywords at the start of a state id. */
const RESERVED = /^(default|state$|note$|class$|classdef$|scale$|direction$|acctitle$|accdescr$|hide$|end$|statediagram|tb|bt|rl|lr)/i;

/**
 * A state id as Mermaid can read it: scenario ids are lower-case letters, digits and dashes, and a
 * dash is syntax in Mermaid, so dashes become underscores (no scenario id has one, so no two ids
 * meet). An id Mermaid would read as a keyword gets an `S_` prefix (no scenario id has a capital).
 */
export function mermaidId(id: string): string {
  const alias = id.replace(/[^A-Za-z0-9_]/g, '_');
  return RESERVED.test(alias) ? `S_${alias}` : alias;
}

/**
 * The scenario's negotiation machine as a Mermaid `stateDiagram-v2`: every phase and ending a
 * state (named by its title), `[*] -->` the initial state, every ending `--> [*]`, and every
 * transition of the machine labelled with its guard in plain words (see `graphMermaid`).
 */
export function machineMermaid(scenario: Scenario): string {
  return graphMermaid(machineGraph(scenario));
}

/**
 * A machine graph as Mermaid `stateDiagram-v2` text, one statement a line, ending in a newline.
 * Mermaid draws only one loop from a state to itself, so a state's transitions that stay in it
 * share one edge, their labels one a line (`<br>`), where the first of them would be.
 */
export function graphMermaid(graph: MachineGraph): string {
  const lines = ['stateDiagram-v2'];
  const parentOf = new Map(graph.states.filter((s) => s.parent).map((s) => [s.id, s.parent!]));
  for (const s of graph.states) {
    if (s.parent) continue;
    lines.push(`    state "${mermaidText(s.title)}" as ${mermaidId(s.id)}`);
    const rounds = graph.states.filter((r) => r.parent === s.id);
    if (rounds.length === 0) continue;
    // A table phase is a composite state: its rounds inside, its first round entered with it.
    lines.push(`    state ${mermaidId(s.id)} {`);
    for (const r of rounds) lines.push(`        state "${mermaidText(r.title)}" as ${mermaidId(r.id)}`);
    lines.push(`        [*] --> ${mermaidId(rounds[0]!.id)}`);
    const inner = new Map<string, string[]>();
    for (const t of graph.transitions) {
      if (parentOf.get(t.from) !== s.id || parentOf.get(t.to) !== s.id) continue;
      const key = `${t.from} ${t.to}`;
      inner.set(key, [...(inner.get(key) ?? []), mermaidText(t.label)]);
    }
    for (const [key, labels] of inner) {
      const [from, to] = key.split(' ');
      lines.push(`        ${mermaidId(from!)} --> ${mermaidId(to!)} : ${labels.join('<br>')}`);
    }
    lines.push('    }');
  }
  lines.push(`    [*] --> ${mermaidId(graph.initial)}`);
  const loops = new Map<string, string[]>();
  for (const t of graph.transitions) if (t.to === t.from) loops.set(t.from, [...(loops.get(t.from) ?? []), mermaidText(t.label)]);
  // The edges out of a table phase are the same from every round: drawn once, from the phase.
  const drawn = new Set<string>();
  for (const t of graph.transitions) {
    const parent = parentOf.get(t.from);
    if (parent !== undefined && parentOf.get(t.to) === parent) continue;
    const from = mermaidId(parent ?? t.from);
    const to = mermaidId(t.to);
    if (t.to !== t.from) {
      const line = `    ${from} --> ${to} : ${mermaidText(t.label)}`;
      if (!drawn.has(line)) lines.push(line);
      drawn.add(line);
    } else if (loops.has(t.from)) {
      lines.push(`    ${from} --> ${to} : ${loops.get(t.from)!.join('<br>')}`);
      loops.delete(t.from);
    }
  }
  for (const s of graph.states) if (s.kind === 'ending') lines.push(`    ${mermaidId(s.id)} --> [*]`);
  return `${lines.join('\n')}\n`;
}
