/**
 * The screens' state holders and wording, which hold no Phaser and no DOM: the Table's selection
 * rules, the replay viewer's playback, the debrief's tabs, class results' state, and how dates,
 * counts and timeline entries are worded.
 */
import { describe, expect, it } from 'vitest';
import { EndingState } from '../src/ui/ending-state.ts';
import { ReplayState } from '../src/ui/replay-state.ts';
import { addFiles, count, edit, filesSummary, forClass, resultsState, selectTab, setPage, summary, tabLabel, tabsOf, type ResultsState } from '../src/ui/results-state.ts';
import { TableState } from '../src/ui/table-state.ts';
import { TalksState } from '../src/ui/talks-state.ts';
import { engineOf, foldMoves } from '../src/core/engine.ts';
import { stateHash } from '../src/core/hash.ts';
import { packageIndexOf } from '../src/core/talk-words.ts';

import { choiceActor, longDate, plural, shortDate, timelineLine } from '../src/ui/words.ts';
import { playFast, recordToCode } from '../src/core/index.ts';
import { recordMoves } from '../src/core/rules.ts';
import { loadMarch, loadMarch2 } from './helpers.ts';

describe('TableState', () => {
  const choices = [
    { id: 'a', key: 1 },
    { id: 'b', key: 2 },
    { id: 'c', key: 3 },
  ];

  it('selects on a first press and commits on a second press of the same choice, once', () => {
    const t = new TableState(choices);
    expect(t.press('a')).toEqual({ kind: 'select', id: 'a' });
    expect(t.select('a')).toBe(true);
    expect(t.press('b')).toEqual({ kind: 'select', id: 'b' });
    expect(t.press('a')).toEqual({ kind: 'commit', id: 'a' });
    expect(t.commit('a')).toBe(true);
    expect(t.busy).toBe(true);
    // While a choice is being committed, nothing else is taken.
    expect(t.press('b')).toEqual({ kind: 'none' });
    expect(t.select('b')).toBe(false);
    expect(t.commit('b')).toBe(false);
    expect(t.selected).toBe('a');
  });

  it('picks by number key, never the original run\'s choice on a what-if branch, nor an unknown one', () => {
    const t = new TableState(choices, 'b');
    expect(t.byKey(1)).toBe('a');
    expect(t.byKey(2)).toBeNull();
    expect(t.byKey(4)).toBeNull();
    expect(t.press('b')).toEqual({ kind: 'none' });
    expect(t.select('zz')).toBe(false);
  });
});

describe('ReplayState', () => {
  it('steps within the run, and a step by hand pauses playback', () => {
    const r = new ReplayState(4, 9);
    expect(r.step).toBe(4);
    expect(r.atEnd).toBe(true);
    expect(r.go(-3)).toEqual({ step: true, playing: false, speed: false });
    expect(r.atStart).toBe(true);
    r.toggle();
    expect(r.playing).toBe(true);
    expect(r.go(2)).toEqual({ step: true, playing: true, speed: false });
    expect(r.playing).toBe(false);
    expect(r.go(2)).toEqual({ step: false, playing: false, speed: false });
  });

  it('plays to the end and stops there; playing from the end starts over', () => {
    const r = new ReplayState(2);
    r.toggle();
    expect(r.tick()).toEqual({ step: true, playing: false, speed: false });
    expect(r.tick()).toEqual({ step: true, playing: true, speed: false });
    expect(r.playing).toBe(false);
    expect(r.tick()).toEqual({ step: false, playing: false, speed: false });
    expect(r.toggle()).toEqual({ step: true, playing: true, speed: false });
    expect(r.step).toBe(0);
  });

  it('shows a frame for less time at a higher speed', () => {
    const r = new ReplayState(3);
    const slow = r.frameMs;
    expect(r.setSpeed(4)).toEqual({ step: false, playing: false, speed: true });
    expect(r.frameMs).toBe(slow / 4);
    expect(r.setSpeed(4).speed).toBe(false);
  });
});

describe('EndingState', () => {
  it('has the dice tab only when the odds are shown, and wraps the arrow keys', () => {
    expect(new EndingState({ dice: false }).tabs).not.toContain('The dice');
    const e = new EndingState({ dice: true });
    expect(e.tabs).toContain('The dice');
    expect(e.selected).toBe('Debrief');
    expect(e.neighbour(-1)).toBe(e.tabs.at(-1));
    expect(e.select('Meters')).toBe(true);
    expect(e.select('Meters')).toBe(false);
    expect(e.neighbour(1)).toBe('Timeline');
    expect(new EndingState({ dice: false }).select('The dice')).toBe(false);
  });
});

describe('class results state', () => {
  const march = loadMarch();
  const fresh = (): ResultsState => ({ ...resultsState, files: [], results: null, text: '', seed: '' });
  const code = (seed: string) => recordToCode(march, { scenario: march.id, version: march.version, seed, choices: playFast(march, seed, 'random').context.choices });

  it('takes the class seed (and its Department) until the teacher has begun', () => {
    const st = fresh();
    forClass(st, 'class-1', 'hardliner');
    expect(st.seed).toBe('class-1');
    expect(st.opponent).toBe('hardliner');
    st.text = 'x';
    forClass(st, 'class-2', null);
    expect(st.seed).toBe('class-1');
    expect(st.opponent).toBe('hardliner');
    // Opened with no class: nothing about the Department is checked.
    const other = fresh();
    forClass(other, undefined);
    expect(other.opponent).toBeUndefined();
  });

  it('counts pasted codes and files, by the core\'s classResults, and says so', () => {
    const st = fresh();
    expect(count(st, [march], march)).toMatch(/Nothing to count/);
    st.text = `Ada: ${code('r-1')}\nBen: ${code('r-2')}`;
    addFiles(st, [{ name: 'late.txt', text: `Cy: ${code('r-3')}\nrl2.broken` }]);
    expect(filesSummary(st)).toBe('1 file added (2 entries): late.txt');
    expect(count(st, [march, loadMarch2()], loadMarch2())).toEqual({ scenario: march });
    const r = st.results!;
    expect(r.entries).toHaveLength(3);
    expect(r.rejected).toHaveLength(1);
    expect(summary(st, r)).toBe('3 runs counted, 1 refused (see Refused for the reasons).');
    expect(tabLabel('Entries', r)).toBe('Entries (3)');
    // A story scenario's runs have no deal map and no contracts.
    expect(r.map).toBeNull();
    expect(tabsOf(r)).toEqual(['Endings', 'Choices by beat', 'Meters', 'Paths', 'Entries', 'Refused']);
    expect(tabsOf({ map: {} as NonNullable<typeof r.map> })).toEqual(['Endings', 'Deal map', 'Contracts', 'Choices by beat', 'Meters', 'Paths', 'Entries', 'Refused']);
    selectTab(st, 'Paths');
    setPage(st, 7, 3);
    expect([st.tab, st.page]).toEqual(['Paths', 2]);
    edit(st);
    expect(st.results).toBeNull();
  });

  it('counts a class\'s codes against the version they were played in, whichever the game plays now', () => {
    const v2 = loadMarch2();
    const st = fresh();
    const p = playFast(v2, 'r-v2', 'first');
    const v2code = recordToCode(v2, { scenario: v2.id, version: v2.version, seed: 'r-v2', choices: recordMoves(p.context) });
    st.text = `Ada: ${v2code}`;
    expect(count(st, [march, v2], march)).toEqual({ scenario: v2 });
    expect(st.results!.entries).toHaveLength(1);
    expect(st.results!.rejected).toEqual([]);
    st.text = `Ada: ${code('r-1')}\nBen: ${code('r-2')}\nCy: ${v2code}`;
    expect(count(st, [march, v2], v2)).toEqual({ scenario: march });
    expect(st.results!.entries).toHaveLength(2);
    expect(st.results!.rejected[0]!.reason).toMatch(/version/);
  });
});

describe('words', () => {
  it('dates, counts and timeline lines', () => {
    expect(longDate('2026-03-05')).toBe('Thu 5 Mar 2026');
    expect(shortDate('2026-02-25')).toBe('25 Feb');
    expect(plural(1, 'choice')).toBe('1 choice');
    expect(plural(0, 'run')).toBe('0 runs');
    expect(timelineLine({ date: '2026-02-25', kind: 'choice', label: 'Hold', detail: 'x' })).toEqual({ mark: '▸', text: '25 Feb  You: Hold' });
    // When the Department or two players played, the story's choices are the lab's.
    expect(timelineLine({ date: '2026-02-25', kind: 'choice', label: 'Hold', detail: 'x' }, choiceActor('department')).text).toBe('25 Feb  The lab: Hold');
    expect(choiceActor('pair')).toBe('The lab');
    expect(choiceActor(undefined)).toBe('You');
    expect(timelineLine({ date: '2026-02-26', kind: 'reaction', label: 'A memo leaks', detail: 'The press' }).text).toBe('26 Feb  The press: A memo leaks');
    expect(timelineLine({ date: '2026-03-05', kind: 'ending', label: 'Standoff', detail: '' })).toEqual({ mark: '■', text: '5 Mar  Ending: Standoff' });
  });
});

describe('TalksState (the negotiating table, version 2)', () => {
  const v2 = loadMarch2();
  const clauses = v2.negotiation!.clauses.map((c) => ({ id: c.id, options: c.options.map((o) => o.id) }));

  it('pressing 1 then Enter at every step plays exactly the first strategy, to the same hash', () => {
    for (const seed of ['keys-1', 'keys-2', 'class-7']) {
      const e = engineOf(v2, 'xstate');
      const r = foldMoves(e, seed, (_i, _t, s, legal) => {
        if (s.status === 'done') return null;
        const t = new TalksState(legal.map((m) => ({ kind: m.kind, token: m.token })), clauses);
        t.pick(1);
        return { id: t.commit()! };
      });
      const first = playFast(v2, seed, 'first');
      expect(stateHash(r.state.value, r.state.context)).toBe(stateHash(first.value, first.context));
    }
  });

  it('the builder starts at the core\'s default proposal, changes by clause, and proposes what it holds', () => {
    const e = engineOf(v2);
    const s = e.start('builder');
    const legal = e.moves(s).map((m) => ({ kind: m.kind, token: m.token }));
    const t = new TalksState(legal, clauses);
    const propose = legal.find((m) => m.kind === 'propose')!;
    expect(t.proposal).toBe(propose.token);
    expect(t.unchanged).toBe(true);
    const key = t.keyOf('propose:000000')!;
    expect(t.pick(key)!.kind).toBe('propose');
    expect(t.set('surveillance', 'lawful-only')).toBe(true);
    expect(t.set('surveillance', 'no-such-option')).toBe(false);
    expect(t.package.surveillance).toBe('lawful-only');
    expect(t.unchanged).toBe(false);
    expect(t.commit()).toBe(t.proposal);
    expect(t.commit()).not.toBe(propose.token);
    // The committed proposal is a legal move the core plays.
    const after = e.apply(s, { type: 'propose', package: packageIndexOf(v2, t.package) });
    expect(after.context.talk!.offers.lab).toBe(packageIndexOf(v2, t.package));
    t.reset();
    expect(t.proposal).toBe(propose.token);
    const n = clauses[0]!.options.length;
    for (let i = 0; i < n; i++) t.step('surveillance', 1);
    expect(t.proposal).toBe(propose.token);
    expect(t.pick(0)).toBeNull();
    expect(t.pick(legal.length + 1)).toBeNull();
  });
});
