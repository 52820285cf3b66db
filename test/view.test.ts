/** The screens' view model: everything a screen shows comes from the scenario and the context. */
import { describe, expect, it } from 'vitest';
import { briefingView, endingView, indexOf, phaseView, playFast, sourcesView, startRun, tableView, negotiationConfig } from '../src/core/index.ts';
import { loadMarch } from './graph-helpers.ts';

const s = loadMarch();

describe('tableView', () => {
  const start = startRun(negotiationConfig(s), { seed: 'view' });
  const v = tableView(s, start.context);

  it('shows the first phase, the first beat and its choices keyed 1..n', () => {
    expect(v.phase).toEqual({ id: 'talks', title: s.phases[0]!.title, number: 1, of: 4 });
    expect(v.beat?.id).toBe(s.phases[0]!.beats[0]!.id);
    expect(v.choices.map((c) => c.key)).toEqual(v.choices.map((_, i) => i + 1));
    expect(v.date).toBe(s.start);
  });

  it('previews exactly the non-zero meter effects of each choice, with labels', () => {
    const index = indexOf(s);
    for (const c of v.choices) {
      const effects = Object.entries(index.choices.get(c.id)!.choice.effects?.meters ?? {}).filter(([, d]) => d !== 0);
      expect(c.preview.map((p) => [p.meter, p.delta])).toEqual(effects);
      for (const p of c.preview) expect(p.label).toBe(s.meters.find((m) => m.id === p.meter)!.label);
    }
  });

  it('marks early exits as endings and resolves cited facts to their text', () => {
    const exit = v.choices.find((c) => c.exit);
    expect(exit?.exit).toEqual({ to: 'capitulation', title: 'Capitulation', kind: 'ending' });
    const cited = v.choices.flatMap((c) => c.cites);
    expect(cited.length).toBeGreaterThan(0);
    for (const f of cited) expect(f.text).toBe(s.facts.find((x) => x.id === f.id)!.text);
  });

  it('gives the simple reading level when asked', () => {
    const simple = tableView(s, start.context, 'simple');
    expect(simple.beat!.card).not.toBe(v.beat!.card);
    expect(simple.choices.map((c) => c.id)).toEqual(v.choices.map((c) => c.id));
  });
});

describe('endingView', () => {
  it('is null while the run is not over', () => {
    expect(endingView(s, startRun(negotiationConfig(s), { seed: 'x' }).context)).toBeNull();
  });

  it('charts one point per choice plus the start, and tallies every trade-off tag', () => {
    const run = playFast(s, 'view-end', 'first');
    const v = endingView(s, run.context)!;
    expect(v.id).toBe(run.context.ending);
    expect(v.points).toHaveLength(run.context.choices.length + 1);
    for (const series of v.series) {
      expect(series.values).toHaveLength(run.context.choices.length + 1);
      expect(series.values.at(-1)).toBe(run.context.meters[series.id]);
    }
    const index = indexOf(s);
    const tags = run.context.choices.flatMap((c) => index.choices.get(c)!.choice.tradeoffs);
    expect(v.tradeoffs.reduce((n, t) => n + t.count, 0)).toBe(tags.length);
    expect(v.why.length).toBeGreaterThan(0);
    expect(v.questions.length).toBeGreaterThanOrEqual(3);
  });
});

describe('briefing, phase and sources views', () => {
  it('briefs at both levels, with every meter at its start value', () => {
    expect(briefingView(s, 'standard').briefing).toBe(s.role.briefing.standard);
    expect(briefingView(s, 'simple').briefing).toBe(s.role.briefing.simple);
    expect(briefingView(s).meters.map((m) => m.value)).toEqual(s.meters.map((m) => m.start));
  });

  it('numbers phases and dates them', () => {
    const p = phaseView(s, 'designation', 10);
    expect([p.number, p.of]).toEqual([3, 4]);
    expect(p.date).toBe('2026-03-05');
  });

  it('lists every fact under its source', () => {
    const v = sourcesView(s);
    expect(v.sources.reduce((n, x) => n + x.facts.length, 0)).toBe(s.facts.length);
  });
});
