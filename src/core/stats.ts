/** Counts that describe a scenario's size and grounding, for `validate` and the sources screen. */
import type { Scenario } from './schema.ts';

export interface ScenarioStats {
  phases: number;
  beats: number;
  choices: number;
  meters: number;
  stakeholders: number;
  reactions: number;
  endings: number;
  questions: number;
  /** Cards (beats, choices, reactions, banners, endings) that cite facts, and that are hypothetical. */
  cardsCited: number;
  cardsHypothetical: number;
}

/** The stats of a valid scenario (pure). */
export function scenarioStats(s: Scenario): ScenarioStats {
  const cards: { cites?: string[]; hypothetical?: boolean }[] = [
    ...s.phases,
    ...s.phases.flatMap((p) => p.beats),
    ...s.phases.flatMap((p) => p.beats.flatMap((b) => b.choices)),
    ...s.stakeholders.flatMap((x) => x.reactions),
    ...s.endings,
  ];
  return {
    phases: s.phases.length,
    beats: s.phases.reduce((n, p) => n + p.beats.length, 0),
    choices: s.phases.reduce((n, p) => n + p.beats.reduce((m, b) => m + b.choices.length, 0), 0),
    meters: s.meters.length,
    stakeholders: s.stakeholders.length,
    reactions: s.stakeholders.reduce((n, x) => n + x.reactions.length, 0),
    endings: s.endings.length,
    questions: s.questions.length + s.endings.reduce((n, e) => n + e.questions.length, 0),
    cardsCited: cards.filter((c) => (c.cites?.length ?? 0) > 0).length,
    cardsHypothetical: cards.filter((c) => c.hypothetical === true).length,
  };
}
