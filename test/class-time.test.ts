/**
 * Issue 12's core: scenario files that extend another (`extends`), march-2026 version 4 (version
 * 3's play with a glossary and the context beyond the reports), the 20-minute version
 * (march-2026-short), the glossary's term finder and checks, fictional scenarios, and which
 * scenario a game opens on.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playAgent } from '../src/core/agent-play.ts';
import { isMain, scenarioChoices, shortOf, tutorialOf } from '../src/core/catalogue.ts';
import { findTerms, glossaryView } from '../src/core/glossary.ts';
import { formatError, loadScenario, loadScenarioSet } from '../src/core/loader.ts';
import { BUILTIN_AGENT_NAMES, BUILTIN_AGENTS } from '../src/core/negotiation/agents.ts';
import type { GlossaryEntry } from '../src/core/schema.ts';
import { engineOf, foldMoves, movesFrom } from '../src/core/engine.ts';
import { talkView } from '../src/core/talk-view.ts';
import { endingView } from '../src/core/view.ts';
import { prose } from '../src/core/prose.ts';
import { expectSamePlay, fixturePath, loadMarch3, loadMarch4, loadMarch5, loadMarchShort, loadMarchShort2, loadShipped, loadTutorial, loadTutorial2, MARCH3_PATH, TUTORIAL_PATH } from './helpers.ts';

const v3 = loadMarch3();
const v4 = loadMarch4();
const v5 = loadMarch5();
const short = loadMarchShort();
const short2 = loadMarchShort2();
const mini = readFileSync(fixturePath('mini'), 'utf8');

const errorsOf = (text: string, bases = [v3]) => {
  const r = loadScenario(text, 'x.yaml', { bases });
  return r.ok ? [] : r.errors.map(formatError);
};

describe('a file that extends another scenario', () => {
  it('is the base with its fields laid over it: mappings by key, lists of items by id, a dropped item taken out', () => {
    const r = loadScenario(
      ['extends: {id: march-2026, version: 3}', 'version: 9', 'subtitle: Another', 'phases:', '  - id: talks', '    table: {rounds: 2}', '    beats:', '      - {id: who-decides, drop: true}'].join('\n'),
      'x.yaml',
      { bases: [v3] },
    );
    expect(r.ok, r.ok ? '' : r.errors.map(formatError).join('\n')).toBe(true);
    if (!r.ok) return;
    const s = r.scenario;
    expect([s.id, s.version, s.subtitle]).toEqual(['march-2026', 9, 'Another']);
    const talks = s.phases.find((p) => p.id === 'talks')!;
    const base = v3.phases.find((p) => p.id === 'talks')!;
    expect(talks.table!.rounds).toBe(2);
    // The rest of the table is the base's.
    expect(talks.table!.deadline).toBe(base.table!.deadline);
    expect(talks.beats.map((b) => b.id)).toEqual(base.beats.map((b) => b.id).filter((id) => id !== 'who-decides'));
    // The base itself is untouched.
    expect(base.beats.some((b) => b.id === 'who-decides')).toBe(true);
    expect(base.table!.rounds).toBe(5);
  });

  it('says when its base is missing, names a bad `extends`, and refuses to drop what the base lacks', () => {
    const missing = loadScenario('extends: {id: march-2026, version: 7}\nversion: 8\n', 'x.yaml', { bases: [v3] });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.needs).toEqual({ id: 'march-2026', version: 7 });
      expect(formatError(missing.errors[0]!)).toMatch(/x\.yaml:1:\d+: extends: extends "march-2026" version 7, which is not among the scenario files/);
    }
    expect(errorsOf('extends: march-2026\nversion: 8\n').join()).toMatch(/`extends` names the scenario this file builds on/);
    expect(errorsOf('extends: {id: march-2026, version: 3}\nphases:\n  - id: talks\n    beats:\n      - {id: no-such-beat, drop: true}\n').join()).toMatch(/drops "no-such-beat", which the scenario it extends does not have/);
  });

  it('is checked like any scenario: a dangling reference after a drop is an error with its path', () => {
    // The press's reaction may fire after label-warning: dropping it without moving the reaction is refused.
    const e = errorsOf('extends: {id: march-2026, version: 3}\nversion: 8\nphases:\n  - id: talks\n    beats:\n      - {id: label-warning, drop: true}\n');
    expect(e.join('\n')).toMatch(/stakeholders\[\d+\]\.reactions\[\d+\]\.after\[0\]: "label-warning" is neither a beat nor a phase/);
  });

  it('loads in any order as a set; a chain whose root is missing keeps its error', () => {
    const v3Text = readFileSync(MARCH3_PATH, 'utf8');
    const child = 'extends: {id: march-2026, version: 3}\nversion: 8\n';
    const grandchild = 'extends: {id: march-2026, version: 8}\nid: march-2026-x\nversion: 1\n';
    const rs = loadScenarioSet([
      { text: grandchild, file: 'c.yaml' },
      { text: child, file: 'b.yaml' },
      { text: v3Text, file: 'a.yaml' },
    ]);
    expect(rs.map((r) => r.ok && `${r.scenario.id}@${r.scenario.version}`)).toEqual(['march-2026-x@1', 'march-2026@8', 'march-2026@3']);
    const orphan = loadScenarioSet([{ text: grandchild, file: 'c.yaml' }]);
    expect(orphan[0]!.ok).toBe(false);
  });
});

describe('march-2026 version 4', () => {
  it('plays exactly as version 3: every built-in agent, on either side, makes the same moves to the same state', () => {
    expectSamePlay(v3, v4, 'v4', 40);
  });

  it('adds only the glossary and the context: everything else is version 3', () => {
    const { version: a, glossary, context, ...rest4 } = v4;
    const { version: b, ...rest3 } = v3;
    expect([a, b]).toEqual([4, 3]);
    expect(rest4).toEqual(rest3);
    expect(glossary!.length).toBeGreaterThanOrEqual(15);
    expect(context!.length).toBeGreaterThanOrEqual(4);
  });

  it('grounds every definition: a term from the reports cites facts the scenario has; the rest say background', () => {
    const facts = new Set(v4.facts.map((f) => f.id));
    for (const g of v4.glossary!) {
      expect(Boolean(g.cites?.length) !== Boolean(g.background), g.id).toBe(true);
      for (const id of g.cites ?? []) expect(facts.has(id), `${g.id}: ${id}`).toBe(true);
      expect(g.text.simple.length, g.id).toBeLessThanOrEqual(g.text.standard.length + 40);
    }
    const byId = new Map(v4.glossary!.map((g) => [g.id, g]));
    // The reports' own words cite them; the negotiation's words are background.
    expect(byId.get('supply-chain-risk')?.cites).toContain('A3');
    expect(byId.get('pareto-frontier')?.background).toBe(true);
  });

  it('marks terms that the game\'s texts really use (each term is found in some card, banner, briefing or option)', () => {
    // The scenario's texts and facts, and the words the table and the debrief's deal map show.
    const ui = ['src/core/talk-view.ts', 'src/ui/scenes/Ending.ts', 'src/ui/scenes/Talks.ts', 'src/ui/table-widgets.ts', 'src/core/views.ts'].map((f) => readFileSync(f, 'utf8'));
    const texts = JSON.stringify([v4.phases, v4.role, v4.departmentRole, v4.negotiation, v4.endings, v4.facts, ui]).toLowerCase();
    const unused = v4.glossary!.filter((g) => ![g.term, ...(g.also ?? [])].some((f) => texts.includes(f.toLowerCase())));
    expect(unused.map((g) => g.term)).toEqual([]);
  });
});

describe('terms at both reading levels', () => {
  const textsAt = (s: typeof v4, level: 'standard' | 'simple') => [
    s.role.briefing[level],
    ...s.phases.map((p) => (typeof p.banner === 'string' ? p.banner : p.banner[level])),
    ...s.phases.flatMap((p) => p.beats.map((b) => (typeof b.card === 'string' ? b.card : b.card[level]))),
  ];
  it('the briefing, banners and cards mark several glossary terms at the standard and at the simpler level', () => {
    for (const level of ['standard', 'simple'] as const) {
      const found = new Set(textsAt(v4, level).flatMap((t) => findTerms(t, v4.glossary!).map((x) => x.id)));
      expect(found.size, level).toBeGreaterThanOrEqual(8);
      // The label at the heart of the dispute is explained at both levels (the simpler texts call it a blacklist).
      expect(found.has('supply-chain-risk'), level).toBe(true);
    }
  });
});

describe('the 20-minute version (march-2026-short)', () => {
  it('is a shortened version 4: fewer rounds and story decisions, the same clauses, values, Department and endings', () => {
    expect(short.short).toEqual({ of: { id: 'march-2026', version: 4 }, minutes: 20 });
    expect(short.negotiation).toEqual(v4.negotiation);
    expect(short.endings).toEqual(v4.endings);
    expect(short.glossary).toEqual(v4.glossary);
    const rounds = (s: typeof v4) => s.phases.map((p) => p.table?.rounds ?? 0);
    expect(rounds(short)).toEqual([3, 0, 0, 4]);
    expect(rounds(v4)).toEqual([5, 0, 0, 6]);
    const beats = (s: typeof v4) => s.phases.reduce((n, p) => n + p.beats.length, 0);
    expect(beats(short)).toBeLessThan(beats(v4) - 5);
  });

  it('ends in fewer moves, and its agents still reach several endings', () => {
    let movesShort = 0;
    let movesFull = 0;
    const endings = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const agent = BUILTIN_AGENTS[BUILTIN_AGENT_NAMES[i % BUILTIN_AGENT_NAMES.length]!]!;
      const a = playAgent(short, `short-${i}`, agent);
      const b = playAgent(v4, `short-${i}`, agent);
      movesShort += a.moves.length;
      movesFull += b.moves.length;
      expect(a.state.status).toBe('done');
      endings.add(a.state.context.ending!);
    }
    expect(movesShort).toBeLessThan(movesFull * 0.8);
    expect(endings.size).toBeGreaterThanOrEqual(4);
  });
});

describe('the glossary\'s term finder', () => {
  const g = (id: string, term: string, also?: string[]): GlossaryEntry => ({ id, term, also, text: { standard: 'x', simple: 'x' }, background: true });
  const glossary = [g('walk-away', 'walk-away'), g('walk-away-value', 'walk-away value', ['BATNA']), g('red-line', 'red line', ['red lines'])];

  it('finds whole words, case-insensitive, the longest form first, each term once', () => {
    const text = 'Your Walk-away value is your BATNA. Red lines hold; a red line is a walk-away point. Redlines and bred lines do not count.';
    const spans = findTerms(text, glossary);
    expect(spans.map((s) => [s.id, text.slice(s.start, s.end)])).toEqual([
      ['walk-away-value', 'Walk-away value'],
      ['red-line', 'Red lines'],
      ['walk-away', 'walk-away'],
    ]);
  });

  it('skips terms already marked on the screen, and with once: false returns every occurrence', () => {
    expect(findTerms('a red line, a red line', glossary, { skip: new Set(['red-line']) })).toEqual([]);
    expect(findTerms('a red line, a red line', glossary, { once: false }).length).toBe(2);
    expect(findTerms('', glossary)).toEqual([]);
  });

  it('lists the glossary A-Z at the reading level, with its grounding in words', () => {
    const view = glossaryView(v4, 'simple');
    expect(view.map((t) => t.term)).toEqual([...view.map((t) => t.term)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const scr = view.find((t) => t.id === 'supply-chain-risk')!;
    expect(scr.text).toBe(v4.glossary!.find((x) => x.id === 'supply-chain-risk')!.text.simple);
    expect(scr.grounding).toMatch(/^From the reports: .*A3/);
    expect(view.find((t) => t.background)!.grounding).toBe('General background, not from the reports');
  });
});

describe('glossary, context and fiction checks in the loader', () => {
  const base = mini;
  it('refuses a term with neither cites nor background, or both, an unknown fact, and a form used twice', () => {
    const e = errorsOf(
      `${base}\nglossary:\n  - {id: a, term: alpha, text: {standard: s, simple: s}}\n  - {id: b, term: beta, text: {standard: s, simple: s}, cites: [Z9], background: true}\n  - {id: c, term: Alpha, text: {standard: s, simple: s}, background: true}\n`,
      [],
    ).join('\n');
    expect(e).toMatch(/glossary\[0\]: the term "alpha" must cite fact ids \(cites: \[\.\.\.\]\) or say background: true/);
    expect(e).toMatch(/glossary\[1\]\.cites\[0\]: unknown fact id "Z9"/);
    expect(e).toMatch(/glossary\[1\]: the term "beta" cites facts, so it is not general background/);
    expect(e).toMatch(/glossary\[2\]\.term: "Alpha" is already a glossary term \(at glossary\[0\]\.term\)/);
  });

  it('a scenario about real events needs sources and facts; a fictional one may have none', () => {
    const noSources = base.replace(/^sources:[\s\S]*?(?=^facts:)/m, 'sources: []\n').replace(/^facts:[\s\S]*?(?=^role:)/m, 'facts: []\n');
    expect(noSources).not.toBe(base);
    const e = errorsOf(noSources, []).join('\n');
    expect(e).toMatch(/sources: a scenario about real events needs at least one source/);
    expect(errorsOf(`fictional: true\n${noSources}`, []).join('\n')).not.toMatch(/needs at least one (source|fact)/);
  });
});

describe('which scenario a game opens on', () => {
  const shipped = loadShipped();
  it('opens on the newest main scenario; the tutorial and the short version come after it', () => {
    const choices = scenarioChoices(shipped);
    expect(choices[0]).toMatchObject({ id: 'march-2026', version: 5 });
    expect(choices.filter(isMain).map((s) => s.id)).toEqual(['march-2026']);
    expect(tutorialOf(shipped)).toMatchObject({ id: 'tutorial', version: 2 });
    // A 20-minute class plays the shortening of the newest version.
    expect(shortOf(shipped, v5)).toMatchObject({ id: 'march-2026-short', version: 2 });
    expect(shortOf(shipped, v4)).toBeNull();
    expect(shortOf(shipped, v3)).toBeNull();
  });
});

describe('the tutorial, version 2: lessons for the Department\'s side', () => {
  const t1 = loadTutorial();
  const t2 = loadTutorial2();
  const beats = (s: typeof t1) => s.phases.flatMap((p) => p.beats);

  it('plays exactly as version 1: every built-in agent, on either side, makes the same moves to the same state', () => {
    expectSamePlay(t1, t2, 't2', 40);
  });

  it('adds a Department card to each beat and changes only cards\' words, short enough to show whole (at most 42 words)', () => {
    const strip = (s: typeof t1) => ({ ...s, version: 0, phases: s.phases.map((p) => ({ ...p, beats: p.beats.map(({ departmentCard: _, card: __, ...b }) => b) })) });
    expect(strip(t2)).toEqual(strip(t1));
    expect(beats(t1).filter((b) => b.departmentCard)).toEqual([]);
    // A phone shows the table as one column: no lesson says where on the screen something is.
    const words = (p: Parameters<typeof prose>[0]) => [prose(p, 'standard'), prose(p, 'simple')];
    for (const b of beats(t2)) for (const text of [...words(b.card), ...words(b.departmentCard!.card)]) expect(text, b.id).not.toMatch(/on the (left|right)|top right/);
    for (const b of beats(t2)) {
      const c = b.departmentCard;
      expect(c, b.id).toBeDefined();
      const lab = prose(b.card);
      for (const level of ['standard', 'simple'] as const) {
        const text = prose(c!.card, level);
        expect(text.split(/\s+/).length, `${b.id} (${level})`).toBeLessThanOrEqual(42);
        // Written for the Department's chair: not the lab's lesson again, and never "the city's" hidden scores.
        expect(text).not.toBe(lab);
        expect(text, b.id).not.toMatch(/the city's (are|scores are) hidden/);
      }
    }
  });

  it('shows a person playing the Department the card of the lab\'s beat each round; the lab sees its own cards', () => {
    const moves = ['propose:200', 'propose:210', 'propose:211', 'accept'];
    const start = { seed: 'tut-dept-e2e', side: 'department' as const, opponent: t2.departmentRole!.opponent };
    const titles: string[] = [];
    const r = foldMoves(engineOf(t2), start, (i, _t, state) => {
      if (state.status === 'done' || i >= moves.length) return null;
      const v = talkView(t2, state, 'simple');
      expect(v.side).toBe('department');
      titles.push(v.card!.title);
      const beat = beats(t2).find((b) => b.id === state.context.beat)!;
      const want = beat.departmentCard!.card;
      expect(v.card!.text).toBe(prose(want, 'simple'));
      return movesFrom(moves)(i, _t, state, []);
    });
    expect(r.ok).toBe(true);
    expect(titles).toEqual(beats(t2).map((b) => b.departmentCard!.title));
    // The lab's own view has no Department card.
    const lab = foldMoves(engineOf(t2), 'tut-lab', (i, _t, state) => {
      if (i === 0) expect(talkView(t2, state).card).toBeNull();
      return null;
    });
    expect(lab.ok).toBe(true);
  });

  it('the loader refuses a Department card with no departmentRole, or in a phase with no table, naming where', () => {
    const text = readFileSync(TUTORIAL_PATH, 'utf8');
    const card = '        departmentCard: {title: A lesson, card: Some words.}\n';
    const withCard = text.replace(/^(      - id: first-package\n)/m, `$1${card}`);
    expect(withCard).not.toBe(text);
    expect(errorsOf(withCard, [])).toEqual([]);
    const noRole = withCard.replace(/^departmentRole:\n(?:  .*\n|\n)*/m, '');
    expect(noRole).not.toBe(withCard);
    expect(errorsOf(noRole, []).join('\n')).toMatch(/phases\[0\]\.beats\[0\]\.departmentCard: a card for the Department needs departmentRole/);
    const noTable = withCard.replace(/^    table:\n(?:      .*\n)+/m, '');
    expect(noTable).not.toBe(withCard);
    expect(errorsOf(noTable, []).join('\n')).toMatch(/phases\[0\]\.beats\[0\]\.departmentCard: phase "practice" has no table/);
  });
});

describe('march-2026 version 5: the endings in the Department\'s words', () => {
  it('plays exactly as version 4, and its 20-minute version as the first 20-minute version', () => {
    expectSamePlay(v4, v5, 'v5', 30);
    expectSamePlay(short, short2, 'short2', 30);
  });

  it('adds only the endings\' Department texts; the 20-minute version 2 is version 1 laid over version 5', () => {
    const strip = (s: typeof v4) => ({ ...s, version: 0, short: undefined, endings: s.endings.map(({ department: _, ...e }) => e) });
    expect(strip(v5)).toEqual(strip(v4));
    expect(strip(short2)).toEqual(strip(short));
    expect(short2.short).toEqual({ of: { id: 'march-2026', version: 5 }, minutes: 20 });
    expect(short2.endings).toEqual(v5.endings);
    expect(v4.endings.filter((e) => e.department)).toEqual([]);
  });

  it('a Department player reads every ending in its own words: never "your AI", "your limits", "the military" as someone else, "You walked away"', () => {
    for (const e of v5.endings) {
      for (const reason of e.reasons) {
        for (const level of ['standard', 'simple'] as const) {
          const ctx = { ...playAgent(v5, { seed: 'words', side: 'department', opponent: 'boulware' }, BUILTIN_AGENTS[BUILTIN_AGENT_NAMES[0]!]!).state.context, ending: e.id, reason: reason.id };
          const dept = endingView(v5, ctx, level)!;
          const lab = endingView(v5, { ...ctx, side: undefined }, level)!;
          const words = `${dept.summary} ${dept.debrief} ${dept.why}`;
          expect(words, `${e.id}/${reason.id} (${level})`).not.toMatch(/\byour (AI|limits)\b|\bthe military\b|You (walked away|would not go back|take the military|keep your|kept the business)/);
          // The lab's own words are version 4's.
          const old = endingView(v4, { ...ctx, side: undefined, version: 4 }, level)!;
          expect([lab.summary, lab.debrief, lab.why]).toEqual([old.summary, old.debrief, old.why]);
          // Where the Department has no text of its own, it reads the lab's.
          if (!e.department?.summary?.[level]) expect(dept.summary).toBe(lab.summary);
        }
      }
    }
    // Some texts really change, at both levels.
    const at = (level: 'standard' | 'simple') => v5.endings.filter((e) => e.department?.summary?.[level] || e.department?.debrief?.[level]).length;
    expect(at('simple')).toBeGreaterThanOrEqual(6);
    expect(at('standard')).toBeGreaterThanOrEqual(2);
  });

  it('the command line tells a Department player its ending in the Department\'s words, and the lab in its own', async () => {
    const { main } = await import('../src/cli/main.ts');
    // A scenario file built on version 5 whose Department words are easy to find at the standard level.
    const dir = mkdtempSync(join(tmpdir(), 'red-lines-words-'));
    const file = join(dir, 'words.yaml');
    writeFileSync(file, ['extends: {id: march-2026, version: 5}', 'version: 99', 'endings:', ...v5.endings.map((e) => `  - {id: ${e.id}, department: {summary: {standard: Department words for ${e.id}.}}}`)].join('\n'));
    const run = async (side: string[]) => {
      const out: string[] = [];
      const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
      expect(await main(['play', '--scenario', file, '--seed', 'cli-words', '--strategy', 'first', ...side], io)).toBe(0);
      return out.join('\n');
    };
    const dept = await run(['--side', 'department']);
    const ended = v5.endings.find((e) => dept.includes(`== ENDING: ${e.title.toUpperCase()}`))!;
    expect(dept).toContain(`Department words for ${ended.id}.`);
    const lab = await run([]);
    expect(lab).not.toContain('Department words for');
  });

  it('the loader refuses Department texts without departmentRole, for a reason the ending lacks, or with no text at all', () => {
    const withDept = mini.replace(/^(endings:\n  - id: [a-z-]+\n)/m, '$1    department: {summary: {}, reasons: {nowhere: {simple: x}}}\n');
    expect(withDept).not.toBe(mini);
    const e = errorsOf(withDept, []).join('\n');
    expect(e).toMatch(/endings\[0\]\.department\.summary: give the text at the standard level, the simple level, or both/);
    const fixed = withDept.replace('summary: {}, ', '');
    const e2 = errorsOf(fixed, []).join('\n');
    expect(e2).toMatch(/endings\[0\]\.department: texts for the Department need departmentRole/);
    expect(e2).toMatch(/endings\[0\]\.department\.reasons\.nowhere: ending "[a-z-]+" has no reason "nowhere"/);
  });
});
