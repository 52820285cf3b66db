/**
 * What each screen shows, derived from the scenario and the run's context: plain data, all text
 * taken from the scenario at the chosen reading level. The UI draws these and decides nothing.
 */
import { prose } from './prose.ts';
import { dealMapView, signedContract } from './talk-view.ts';
import { answerText, moveText, packageText } from './talk-words.ts';
import { addDays, indexOf, offered, type RunContext } from './rules.ts';
import type { Ending, Prose, Scenario } from './schema.ts';

export type Level = 'standard' | 'simple';

export interface Grounding {
  cites: { id: string; source: string; text: string }[];
  hypothetical: boolean;
}

export interface MeterView {
  id: string;
  label: string;
  short: string;
  description: string;
  value: number;
  good: 'high' | 'low';
}

export interface ChoiceView extends Grounding {
  id: string;
  /** 1-4: the key that picks it. */
  key: number;
  label: string;
  text: string;
  tradeoffs: string[];
  /** Which meters the choice itself moves, and which way (reactions may add more). */
  preview: { meter: string; label: string; short: string; delta: number }[];
  /** Whether the choice ends the phase or the run at once. */
  exit: { to: string; title: string; kind: 'ending' | 'phase' } | null;
}

export interface NewsView extends Grounding {
  reaction: string;
  stakeholder: string;
  stakeholderName: string;
  headline: string;
  text: string;
  date: string;
  chance: number;
  roll: number;
}

export interface TimelineItem {
  date: string;
  kind: 'phase' | 'choice' | 'reaction' | 'ending' | 'move' | 'answer' | 'deal';
  label: string;
  detail: string;
}

export interface TableView {
  phase: { id: string; title: string; number: number; of: number };
  date: string;
  beat: ({ id: string; title: string; speaker: string | null; card: string } & Grounding) | null;
  choices: ChoiceView[];
  meters: MeterView[];
  news: NewsView[];
  timeline: TimelineItem[];
}

const groundingOf = (scenario: Scenario, x: { cites?: string[]; hypothetical?: boolean }): Grounding => {
  const facts = new Map(scenario.facts.map((f) => [f.id, f]));
  return {
    cites: (x.cites ?? []).map((id) => ({ id, source: facts.get(id)?.source ?? '?', text: facts.get(id)?.text ?? '' })),
    hypothetical: x.hypothetical === true,
  };
};

/** The calendar date of a run day (pure). */
export const dateOf = (scenario: Scenario, day: number) => addDays(scenario.start, day);

/** The meters, labelled, at the given values (pure). */
export function metersView(scenario: Scenario, values: Record<string, number>, level: Level = 'standard'): MeterView[] {
  return scenario.meters.map((m) => ({
    id: m.id,
    label: m.label,
    short: m.short ?? m.label,
    description: prose(m.description, level),
    value: values[m.id] ?? m.start,
    good: m.good,
  }));
}

/** The fired reactions of a run, oldest first (pure). */
export function newsView(scenario: Scenario, ctx: RunContext, level: Level = 'standard'): NewsView[] {
  const index = indexOf(scenario);
  const out: NewsView[] = [];
  for (const e of ctx.timeline) {
    if (e.kind !== 'roll' || !e.fired) continue;
    const { stakeholder, reaction } = index.reactions.get(e.reaction)!;
    out.push({
      reaction: reaction.id,
      stakeholder: stakeholder.id,
      stakeholderName: stakeholder.name,
      headline: reaction.headline,
      text: prose(reaction.text, level),
      date: dateOf(scenario, e.day),
      chance: e.chance,
      roll: e.roll,
      ...groundingOf(scenario, reaction),
    });
  }
  return out;
}

/** The run so far as a list of dated events (pure). */
export function timelineView(scenario: Scenario, ctx: RunContext): TimelineItem[] {
  const index = indexOf(scenario);
  const out: TimelineItem[] = [];
  for (const e of ctx.timeline) {
    const date = dateOf(scenario, e.day);
    if (e.kind === 'phase') out.push({ date, kind: 'phase', label: index.phases.get(e.phase)!.title, detail: '' });
    else if (e.kind === 'choice') {
      const { choice, beat } = index.choices.get(e.choice)!;
      out.push({ date, kind: 'choice', label: choice.label, detail: beat.title });
    } else if (e.kind === 'roll' && e.fired) {
      const { stakeholder, reaction } = index.reactions.get(e.reaction)!;
      out.push({ date, kind: 'reaction', label: reaction.headline, detail: stakeholder.name });
    } else if (e.kind === 'ending') {
      out.push({ date, kind: 'ending', label: scenario.endings.find((x) => x.id === e.ending)!.title, detail: '' });
    } else if (e.kind === 'move') {
      out.push({ date, kind: 'move', label: moveText(scenario, e.move), detail: '' });
    } else if (e.kind === 'answer') {
      out.push({ date, kind: 'answer', label: answerText(scenario, e.answer), detail: e.accepted ? '' : packageText(scenario, e.pkg) });
    } else if (e.kind === 'deal') {
      out.push({ date, kind: 'deal', label: prose(scenario.negotiation!.department.reasons.signed), detail: packageText(scenario, e.pkg) });
    }
  }
  return out;
}

/** Everything the negotiation table shows (pure). */
export function tableView(scenario: Scenario, ctx: RunContext, level: Level = 'standard'): TableView {
  const index = indexOf(scenario);
  const phaseNo = scenario.phases.findIndex((p) => p.id === ctx.phase);
  const phase = index.phases.get(ctx.phase);
  const at = ctx.beat ? index.beats.get(ctx.beat) : undefined;
  const meterOf = new Map(scenario.meters.map((m) => [m.id, m]));
  const exitTitle = (to: string) => scenario.endings.find((e) => e.id === to)?.title ?? index.phases.get(to)?.title ?? to;
  return {
    phase: { id: ctx.phase, title: phase?.title ?? exitTitle(ctx.phase), number: phaseNo + 1, of: scenario.phases.length },
    date: dateOf(scenario, ctx.day),
    beat: at
      ? {
          id: at.beat.id,
          title: at.beat.title,
          speaker: at.beat.speaker ?? null,
          card: prose(at.beat.card, level),
          ...groundingOf(scenario, at.beat),
        }
      : null,
    choices: offered(index, ctx).map((c, i) => ({
      id: c.id,
      key: i + 1,
      label: c.label,
      text: prose(c.text, level),
      tradeoffs: c.tradeoffs,
      preview: Object.entries(c.effects?.meters ?? {})
        .filter(([, d]) => d !== 0)
        .map(([meter, delta]) => ({ meter, label: meterOf.get(meter)?.label ?? meter, short: meterOf.get(meter)?.short ?? meter, delta })),
      exit: c.goto ? { to: c.goto, title: exitTitle(c.goto), kind: index.endings.has(c.goto) ? ('ending' as const) : ('phase' as const) } : null,
      ...groundingOf(scenario, c),
    })),
    meters: metersView(scenario, ctx.meters, level),
    news: newsView(scenario, ctx, level),
    timeline: timelineView(scenario, ctx),
  };
}

export interface PhaseView extends Grounding {
  id: string;
  title: string;
  number: number;
  of: number;
  banner: string;
  date: string;
}

/** The moment a phase begins (pure). */
export function phaseView(scenario: Scenario, phaseId: string, day: number, level: Level = 'standard'): PhaseView {
  const i = scenario.phases.findIndex((p) => p.id === phaseId);
  const p = scenario.phases[i]!;
  return {
    id: p.id,
    title: p.title,
    number: i + 1,
    of: scenario.phases.length,
    banner: prose(p.banner, level),
    date: dateOf(scenario, day),
    ...groundingOf(scenario, p),
  };
}

export interface BriefingView {
  title: string;
  subtitle: string;
  player: string;
  counterpart: string;
  briefing: string;
  goals: string[];
  meters: MeterView[];
  start: string;
  asOf: string;
}

/** The briefing before a run (pure). */
/** A side's role: the lab's, or the Department's own when the scenario has one (version 3) (pure). */
export function roleOf(scenario: Scenario, side: 'lab' | 'department'): Scenario['role'] {
  return side === 'department' && scenario.departmentRole ? scenario.departmentRole : scenario.role;
}

export function briefingView(scenario: Scenario, level: Level = 'standard', side: 'lab' | 'department' = 'lab'): BriefingView {
  const role = roleOf(scenario, side);
  return {
    title: scenario.title,
    subtitle: scenario.subtitle ?? '',
    player: role.player,
    counterpart: role.counterpart,
    briefing: role.briefing[level],
    goals: role.goals.map((g) => prose(g, level)),
    meters: metersView(scenario, {}, level),
    start: scenario.start,
    asOf: scenario.asOf,
  };
}

export interface EndingView extends Grounding {
  id: string;
  title: string;
  summary: string;
  why: string;
  debrief: string;
  reports: string;
  questions: string[];
  /** Meter values at the start and after every beat. */
  series: { id: string; label: string; good: 'high' | 'low'; values: number[] }[];
  /** Labels of the points in `series`: "Start", then each beat's title. */
  points: string[];
  tradeoffs: { tag: string; count: number }[];
  choices: { beat: string; label: string; tradeoffs: string[]; date: string }[];
  timeline: TimelineItem[];
  news: NewsView[];
  meters: MeterView[];
  date: string;
  /** Version 2: the signed contract clause by clause; null with no contract (or in version 1). */
  contract: { title: string; label: string; text: string }[] | null;
}

/**
 * An ending's summary, debrief and reason at a reading level, for the side played (pure): a person
 * who played the Department reads the ending's `department` texts where it gives them (version 5),
 * so "you" is always the reader; the lab, and two players, read the ending's own.
 */
export function endingWords(ending: Ending, side: RunContext['side'], reasonId: string | null | undefined, level: Level = 'standard'): { summary: string; debrief: string; why: string } {
  const dept = side === 'department' ? ending.department : undefined;
  const pick = (own: Prose, theirs: { standard?: string; simple?: string } | undefined) => theirs?.[level] ?? prose(own, level);
  const reason = ending.reasons.find((r) => r.id === reasonId);
  return {
    summary: pick(ending.summary, dept?.summary),
    debrief: pick(ending.debrief, dept?.debrief),
    why: reason ? pick(reason.text, dept?.reasons?.[reason.id]) : '',
  };
}

/** The debrief of a finished run (pure; null while the run is not over). */
export function endingView(scenario: Scenario, ctx: RunContext, level: Level = 'standard'): EndingView | null {
  const ending = scenario.endings.find((e) => e.id === ctx.ending);
  if (!ending) return null;
  const index = indexOf(scenario);
  const words = endingWords(ending, ctx.side, ctx.reason, level);
  const steps = ctx.timeline.filter((e) => e.kind === 'choice');
  // The meters after every move: story choices and, at a table, proposals, probes and the rest.
  const moves = ctx.timeline.filter((e) => e.kind === 'choice' || e.kind === 'move');
  const tags = new Map<string, number>();
  const choices = steps.map((e) => {
    const { choice, beat } = index.choices.get(e.choice)!;
    for (const t of choice.tradeoffs) tags.set(t, (tags.get(t) ?? 0) + 1);
    return { beat: beat.title, label: choice.label, tradeoffs: choice.tradeoffs, date: dateOf(scenario, e.day) };
  });
  return {
    id: ending.id,
    title: ending.title,
    summary: words.summary,
    why: words.why,
    debrief: words.debrief,
    reports: ending.reports,
    questions: [...ending.questions, ...scenario.questions],
    series: scenario.meters.map((m) => ({
      id: m.id,
      label: m.label,
      good: m.good,
      values: [m.start, ...moves.map((e) => e.meters[m.id] ?? m.start)],
    })),
    points: ['Start', ...moves.map((e) => (e.kind === 'choice' ? index.beats.get(e.beat)!.beat.title : MOVE_POINT(e.move)))],
    tradeoffs: [...tags].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
    choices,
    timeline: timelineView(scenario, ctx),
    news: newsView(scenario, ctx, level),
    meters: metersView(scenario, ctx.meters, level),
    date: dateOf(scenario, ctx.day),
    contract: signedContract(scenario, ctx, level),
    ...groundingOf(scenario, ending),
  };
}

/** A table move as a point on the meter chart. */
const MOVE_POINT = (token: string): string =>
  token === 'accept' ? 'Accepted their offer' : token === 'walk-away' ? 'Walked away' : token.startsWith('probe:') ? 'Asked a question' : 'Made an offer';

export interface SourcesView {
  sources: { id: string; title: string; outlet: string; date: string; note: string; facts: { id: string; text: string }[] }[];
  asOf: string;
}

/** The sources and the facts taken from each (pure). */
export function sourcesView(scenario: Scenario): SourcesView {
  return {
    asOf: scenario.asOf,
    sources: scenario.sources.map((s) => ({
      id: s.id,
      title: s.title,
      outlet: s.outlet,
      date: s.date,
      note: s.note ?? '',
      facts: scenario.facts.filter((f) => f.source === s.id).map((f) => ({ id: f.id, text: f.text })),
    })),
  };
}

export interface DiceRoll {
  date: string;
  stakeholder: string;
  headline: string;
  /** The chance the state gave the reaction, and the seeded roll it had to beat (both 0-1). */
  chance: number;
  roll: number;
  fired: boolean;
}

/** Every roll of a run's dice, fired or not, oldest first: "show the dice" (pure). */
export function diceView(scenario: Scenario, ctx: RunContext): DiceRoll[] {
  const index = indexOf(scenario);
  return ctx.timeline.flatMap((e) => {
    if (e.kind !== 'roll') return [];
    const { stakeholder, reaction } = index.reactions.get(e.reaction)!;
    return [{ date: dateOf(scenario, e.day), stakeholder: stakeholder.name, headline: reaction.headline, chance: e.chance, roll: e.roll, fired: e.fired }];
  });
}

/** A timeline item as a Markdown list entry's text. */
function timelineMarkdown(t: TimelineItem, md: (s: string) => string): string {
  switch (t.kind) {
    case 'choice':
      return `chose **${md(t.label)}** (${md(t.detail)})`;
    case 'reaction':
      return `${md(t.detail)}: ${md(t.label)}`;
    case 'phase':
      return `*${md(t.label)}*`;
    case 'ending':
      return `**ending: ${md(t.label)}**`;
    case 'move':
      return md(t.label);
    case 'answer':
      return `the Department: ${md(t.label)}${t.detail ? ` Its offer: ${md(t.detail)}` : ''}`;
    case 'deal':
      return `**${md(t.label)}:** ${md(t.detail)}`;
  }
}

/** A debrief as Markdown, to keep or hand in (pure). Text is the scenario's; Markdown's own characters are escaped. */
export function debriefMarkdown(scenario: Scenario, ctx: RunContext, extra: { code: string; hash: string; level?: Level; dice?: boolean }): string {
  const v = endingView(scenario, ctx, extra.level ?? 'standard');
  if (!v) throw new RangeError('the run has not ended');
  const md = (s: string) => s.replace(/([\\`*_[\]#<>|])/g, '\\$1');
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const lines: string[] = [
    `# ${md(scenario.title)}: ${md(v.title)}`,
    '',
    `Seed \`${ctx.seed.replace(/`/g, "'")}\` · ${v.choices.length} choices · ${v.news.length} reactions · ended ${v.date} · ${scenario.id} version ${scenario.version}`,
    '',
    `**Why:** ${md(v.why)}`,
    '',
    md(v.summary),
    '',
    '## Debrief',
    '',
    md(v.debrief),
    '',
    '## Meters over time',
    '',
    `| Meter | ${v.points.map((_p, i) => (i === 0 ? 'Start' : String(i))).join(' | ')} |`,
    `| --- | ${v.points.map(() => '---:').join(' | ')} |`,
    ...v.series.map((s) => `| ${md(s.label)} | ${s.values.join(' | ')} |`),
    '',
    ...v.points.slice(1).map((p, i) => `${i + 1}. ${md(p)}`),
    '',
    '## Timeline',
    '',
    ...v.timeline.map((t) => `- ${t.date}: ${timelineMarkdown(t, md)}`),
    '',
    '## The trade-offs you made',
    '',
    ...v.choices.map((c) => `- ${c.date}, ${md(c.beat)}: **${md(c.label)}**: ${c.tradeoffs.map(md).join('; ')}`),
    '',
  ];
  if (scenario.negotiation) {
    lines.push('## The contract', '');
    if (v.contract) for (const c of v.contract) lines.push(`- **${md(c.title)}:** ${md(c.label)}. ${md(c.text)}`);
    else lines.push('No contract was signed.');
    const map = dealMapView(scenario, { context: ctx });
    lines.push(
      '',
      '## The deal space',
      '',
      `Every possible contract scored by both sides, with this run's hidden values revealed: ${map.points.length} contracts, ${map.frontier.length} on the Pareto frontier, ${map.zone} that both sides prefer to no deal. Value left on the table: **${map.valueLeft}** points.`,
      '',
      '| Point | Lab | Department |',
      '| --- | ---: | ---: |',
      ...map.rows.map((r) => `| ${md(r.label)} | ${r.lab} | ${r.department} |`),
      '',
      'Offers exchanged, in order:',
      '',
      ...map.path.map((p, i) => `${i + 1}. ${p.date}, ${p.by === 'lab' ? 'the lab' : 'the Department'}: lab ${p.lab}, Department ${p.department}`),
      '',
    );
  }
  if (extra.dice) {
    lines.push('## The dice', '', '| Date | Reaction | Chance | Roll | Fired |', '| --- | --- | ---: | ---: | --- |');
    for (const d of diceView(scenario, ctx)) lines.push(`| ${d.date} | ${md(d.stakeholder)}: ${md(d.headline)} | ${pct(d.chance)} | ${Math.round(d.roll * 100)} | ${d.fired ? 'yes' : 'no'} |`);
    lines.push('', 'A reaction fires when its roll is below its chance.', '');
  }
  lines.push('## What the reports say', '', md(v.reports), '', '## Questions to discuss', '', ...v.questions.map((q, i) => `${i + 1}. ${md(q)}`), '');
  lines.push('## Replay', '', `Replay code: \`${extra.code}\``, '', `Final state hash: \`${extra.hash}\` (\`npx red-lines replay <code>\` gives the same).`, '');
  return lines.join('\n');
}
