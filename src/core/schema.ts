/**
 * The scenario file format: one zod schema that validates YAML input, gives the TypeScript
 * types, and is exported as scenarios/scenario.schema.json for editors.
 *
 * Everything a scenario can make the game do is structured data: conditions are trees of
 * comparisons, effects are meter deltas and flag changes. Nothing is ever evaluated as code.
 */
import { z } from 'zod';

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes, e.g. "hold-the-line"');
const FactId = z.string().regex(/^[A-Z][0-9]+$/, 'fact ids are a source letter and a number, e.g. "A4"');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');

/** A text for the player, either one string or a standard and a simplified reading level. */
export const Prose = z.union([
  z.string().min(1),
  z.strictObject({
    standard: z.string().min(1).describe('The standard reading level.'),
    simple: z.string().min(1).describe('The simplified reading level (short sentences, plain words).'),
  }),
]);

/** A structured condition over the run's state. */
export type Condition =
  | { meter: string; gte?: number; lte?: number; gt?: number; lt?: number }
  | { flag: string; is?: boolean }
  | { chose: string }
  | { fired: string }
  | { deal: boolean }
  | { phase: string }
  | { signed: string; in: string[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const MeterCondition = z
  .strictObject({
    meter: Id.describe('A meter id.'),
    gte: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    lt: z.number().optional(),
  })
  .refine((c) => c.gte !== undefined || c.lte !== undefined || c.gt !== undefined || c.lt !== undefined, {
    message: 'a meter condition needs at least one of gte, lte, gt, lt',
  });

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    MeterCondition,
    z.strictObject({ flag: Id.describe('A flag id.'), is: z.boolean().optional() }),
    z.strictObject({ chose: Id.describe('A choice id the player has made in this run.') }),
    z.strictObject({ fired: Id.describe('A reaction id that has fired in this run.') }),
    z.strictObject({ deal: z.boolean().describe('True once a contract is signed; false while none is.') }),
    z.strictObject({ phase: Id.describe('A phase id: holds while the run is in that phase.') }),
    z
      .strictObject({
        signed: Id.describe('A clause id of the negotiation.'),
        in: z.array(Id).min(1).describe('Option ids: holds when the signed contract has one of them for this clause.'),
      })
      .describe('A condition on the signed contract (false while none is signed).'),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

export const Effects = z.strictObject({
  meters: z.record(Id, z.number().int().min(-100).max(100)).optional().describe('Meter id to change, e.g. {trust: -10}.'),
  set: z.array(Id).optional().describe('Flags to set.'),
  clear: z.array(Id).optional().describe('Flags to clear.'),
  days: z.number().int().min(0).max(60).optional().describe('Extra calendar days this takes.'),
});

/** Either cites fact ids from the sources, or is explicitly a hypothetical. */
const Grounding = {
  cites: z.array(FactId).optional().describe('Fact ids from the sources this text rests on.'),
  hypothetical: z.boolean().optional().describe('True when the text is not in the sources.'),
};

const Choice = z.strictObject({
  id: Id,
  label: z.string().min(1).max(60).describe('Short label on the choice card.'),
  text: Prose.describe('What the player commits to.'),
  tradeoffs: z.array(z.string().min(1)).min(1).describe('The trade-offs this choice makes, as short tags.'),
  when: Condition.optional().describe('The choice is offered only when this holds; a beat must keep at least 2.'),
  effects: Effects.optional(),
  goto: Id.optional().describe('An ending or phase this choice leads to at once (an early exit).'),
  reason: Id.optional().describe('With goto: the id of the ending reason it gives.'),
  ...Grounding,
});

const Beat = z.strictObject({
  id: Id,
  title: z.string().min(1),
  days: z.number().int().min(0).max(60).describe('Calendar days between this beat and the one before.'),
  when: Condition.optional().describe('The beat is played only when this holds.'),
  speaker: z.string().optional().describe('Who frames the situation, by role, e.g. "Pentagon negotiators".'),
  card: Prose.describe('The situation card.'),
  ...Grounding,
  choices: z.array(Choice).min(2).max(6).describe('At most 4 may be offered at once; `when` picks among more.'),
  departmentCard: z
    .strictObject({ title: z.string().min(1).max(60), card: Prose })
    .optional()
    .describe('At a table, the card a person playing the Department reads while the lab is at this beat (a tutorial\'s lesson for that side); needs departmentRole.'),
});

const Exit = z.strictObject({
  when: Condition.optional().describe('Omitted: always.'),
  to: Id.describe('A phase or ending id, or "outcome": the first ending whose `when` holds.'),
  reason: Id.optional().describe('An ending-reason id explaining why this exit was taken.'),
});

/** A phase where the two sides bargain over the contract, in rounds, against a deadline. */
const Table = z.strictObject({
  rounds: z.number().int().min(1).max(12).describe('How many moves the lab may make in this phase; each round plays the next beat.'),
  deadline: z.number().int().min(0).max(365).describe('The last day (days since the start) on which a move may be made; a move that ends past it misses the deadline.'),
  extensions: z
    .array(z.strictObject({ when: Condition, days: z.number().int().min(-30).max(30) }))
    .optional()
    .describe('Days added to the deadline (or taken away, if negative) while a condition holds: events move deadlines.'),
  walkAway: z.strictObject({ to: Id, reason: Id.optional() }).describe('Where the story goes when the lab walks away (a phase, an ending or "outcome").'),
  deadlineReason: Id.optional().describe('The ending reason given when the deadline or the rounds run out (for exits into an ending).'),
});

const Phase = z.strictObject({
  id: Id,
  title: z.string().min(1),
  banner: Prose.describe('The moment the phase begins, shown full-screen.'),
  ...Grounding,
  table: Table.optional().describe('Set when the two sides bargain in this phase; its beats are then the story moves offered alongside.'),
  beats: z.array(Beat).min(1),
  exits: z.array(Exit).optional().describe('Checked in order after every beat; the first that holds is taken.'),
  then: z.array(Exit).min(1).describe('Checked in order when the beats run out; the last should have no condition.'),
});

const Chance = z.strictObject({
  base: z.number().min(0).max(1),
  add: z
    .array(z.strictObject({ when: Condition, value: z.number().min(-1).max(1) }))
    .optional()
    .describe('Added to the chance while the condition holds.'),
  meter: z
    .strictObject({ id: Id, per10: z.number().min(-1).max(1) })
    .optional()
    .describe('Added per 10 points the meter stands above 50 (subtracted below).'),
});

const Reaction = z.strictObject({
  id: Id,
  headline: z.string().min(1).max(120),
  text: Prose,
  after: z.array(Id).min(1).describe('Beat ids (after the choice) or phase ids (on entry) where it may fire.'),
  when: Condition.optional(),
  chance: Chance,
  effects: Effects.optional(),
  ...Grounding,
});

const Stakeholder = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: z.enum(['government', 'company', 'industry', 'finance', 'people', 'press', 'legislature']),
  description: Prose,
  ...Grounding,
  reactions: z.array(Reaction).min(1),
});

const Meter = z.strictObject({
  id: Id,
  label: z.string().min(1).max(32),
  short: z.string().min(1).max(12).optional().describe('A short label for tight spaces, e.g. "Trust".'),
  description: Prose,
  start: z.number().int().min(0).max(100),
  good: z.enum(['high', 'low']).default('high').describe('Which end of the meter the lab wants.'),
});

/** A text at either reading level or both, replacing only the levels it gives. */
const EitherLevel = z
  .strictObject({ standard: z.string().min(1).optional(), simple: z.string().min(1).optional() })
  .refine((t) => t.standard !== undefined || t.simple !== undefined, 'give the text at the standard level, the simple level, or both');

const Ending = z.strictObject({
  id: Id,
  title: z.string().min(1),
  summary: Prose,
  debrief: Prose,
  reasons: z
    .array(z.strictObject({ id: Id, text: Prose }))
    .min(1)
    .describe('Why a run ended here; exits and choices name one by id.'),
  reports: z.string().min(1).describe('What the source reports say really happened.'),
  questions: z.array(z.string().min(1)).min(3),
  when: Condition.optional().describe('For "outcome" exits: the run ends here when this holds (endings are tried in file order).'),
  ...Grounding,
  department: z
    .strictObject({
      summary: EitherLevel.optional(),
      debrief: EitherLevel.optional(),
      reasons: z.record(Id, EitherLevel).optional().describe('By reason id.'),
    })
    .optional()
    .describe('Version 5: the words a person who played the Department reads where the lab\'s would address the lab ("you signed", "your AI"); each text given replaces that level of the lab\'s.'),
});

// ---- the negotiation (version 2): the contract is the game ----

const Option = z.strictObject({
  id: Id,
  label: z.string().min(1).max(48).describe('Short label in the package builder.'),
  text: Prose.describe('The wording, in plain words.'),
  ...Grounding,
});

const Clause = z.strictObject({
  id: Id,
  title: z.string().min(1).max(40),
  text: Prose.describe('What the clause is about.'),
  ...Grounding,
  options: z.array(Option).min(3).max(5).describe('From the wording the lab wants most to the one it wants least.'),
});

const Range = z.tuple([z.number().min(0).max(100), z.number().min(0).max(100)]);
const SideValues = z.strictObject({
  weights: z.record(Id, Range).describe('Clause id to the range its raw weight is drawn from (normalised to sum 1).'),
  scores: z.record(Id, z.record(Id, Range)).describe('Clause id, option id to the range its score (0-100) is drawn from.'),
});

const WalkAway = z.strictObject({
  base: z.number().min(0).max(100).describe('The value of no deal, 0-100, before the state moves it.'),
  meters: z.record(Id, z.number().min(-5).max(5)).optional().describe('Added per point a meter stands above 50 (subtracted below).'),
  add: z.array(z.strictObject({ when: Condition, value: z.number().min(-100).max(100) })).optional().describe('Added while the condition holds.'),
});

const Probe = z.strictObject({
  id: Id,
  label: z.string().min(1).max(60),
  text: Prose.describe('What the lab asks, and how.'),
  reveals: z
    .union([
      z.strictObject({ top: z.literal(true) }).describe('Which clause matters most to the Department.'),
      z.strictObject({ weight: Id }).describe('How much one clause weighs for the Department (within 0.05).'),
      z.strictObject({ scores: Id }).describe('How the Department scores each option of one clause (within 5).'),
    ])
    .describe('What the answer reveals of the Department\'s values.'),
  when: Condition.optional(),
  effects: Effects.optional().describe('What asking costs.'),
  ...Grounding,
});

const Reasons = z.strictObject({
  opening: Prose,
  accept: Prose,
  acceptDeadline: Prose,
  counter: Prose,
  belowWalkAway: Prose,
  renewed: Prose,
  holds: Prose.describe('After a move that is not a proposal, when its offer stays as it was.'),
  signed: Prose,
});

const Negotiation = z.strictObject({
  clauses: z.array(Clause).min(2).max(8),
  values: z.strictObject({ lab: SideValues, department: SideValues }),
  walkAway: z.strictObject({ lab: WalkAway, department: WalkAway }),
  department: z
    .strictObject({
      opening: z.record(Id, Id).describe('Its first offer: clause id to option id.'),
      concession: z.tuple([z.number().min(1).max(1000), z.number().min(1).max(1000)]).describe('The range its concession exponent e is drawn from, times 100 (20 = 0.2, Boulware; 200 = 2, Conceder).'),
      moves: z
        .array(z.strictObject({ when: Condition, factor: z.number().min(0.1).max(10) }))
        .optional()
        .describe('While a condition holds, e is multiplied by the factor (above 1: it concedes sooner).'),
      acceptAfter: z.number().min(0).max(1).describe('From this negotiation time on, it accepts any offer worth more than no deal.'),
      patience: z
        .strictObject({
          meter: Id,
          per: z.number().min(1).max(100),
          down: z.number().int().min(0).max(20),
          up: z.number().int().min(0).max(20),
        })
        .optional()
        .describe('Each lab offer moves this meter by (its utility of the offer − what it asks) / per, at most `down` points down or `up` up.'),
      reasons: Reasons.describe('Its answers in plain words; {clause} is filled in with the title of the clause in question. `signed` is the timeline\'s line for a contract signed.'),
      ...Grounding,
    })
    .describe('The Department as an agent: a concession curve, an acceptance rule and an opponent model.'),
  probes: z.array(Probe).max(8).default([]),
  strategyAgents: z
    .record(Id, Id)
    .optional()
    .describe('At a negotiating table, each named strategy (a key of `strategies`) bargains like this built-in agent (hardliner, conceder, boulware, tit-for-tat, prober, random); between the tables it picks story choices by its meter weights. A strategy not named here takes the first legal move at a table with no story move on it.'),
});

export type Negotiation = z.infer<typeof Negotiation>;
export type Clause = z.infer<typeof Clause>;
export type ClauseOption = z.infer<typeof Option>;
export type Probe = z.infer<typeof Probe>;
export type Table = z.infer<typeof Table>;

const Source = z.strictObject({
  id: z.string().regex(/^[A-Z]$/),
  title: z.string().min(1),
  outlet: z.string().min(1),
  date: z.string().min(1),
  file: z.string().optional(),
  note: z.string().optional(),
});

const Fact = z.strictObject({ id: FactId, source: z.string().regex(/^[A-Z]$/), text: z.string().min(1) });

const Role = z.strictObject({
  player: z.string().min(1),
  counterpart: z.string().min(1),
  briefing: z.strictObject({ standard: z.string().min(1), simple: z.string().min(1) }),
  goals: z.array(Prose).min(1),
});

const Level2 = z.strictObject({ standard: z.string().min(1), simple: z.string().min(1) });

/**
 * Playing the Department: its briefing and goals, the built-in agent that plays the lab when none
 * is named, and how the lab's moves read from the Department's chair ({probe}, {choice} and
 * {clause} are filled in).
 */
const DepartmentRole = Role.extend({
  opponent: z.string().min(1).describe('The built-in agent that plays the lab when a person plays the Department and names none.'),
  moves: z.strictObject({
    opening: Level2.describe('Before the lab has moved at a table.'),
    proposes: Level2.describe('The lab puts a new text on the table; {clause} is the clause weighing most for the Department where the two texts differ.'),
    holds: Level2.describe('The lab puts the same text back on the table.'),
    probes: Level2.describe('The lab asks a question; {probe} is what it asks.'),
    choice: Level2.describe('The lab acts outside the room; {choice} is what it did.'),
    accepts: Level2,
    walks: Level2,
  }),
});

/**
 * A word the game explains where it appears (version 4): marked in the texts, listed on the glossary
 * screen and printed. A term from the reports cites its facts; a general one says it is background.
 */
const GlossaryEntry = z.strictObject({
  id: Id,
  term: z.string().min(1).max(48).describe('The term as the texts write it, e.g. "supply chain risk".'),
  also: z.array(z.string().min(1).max(48)).optional().describe('Other forms marked as the same term, e.g. plurals or an abbreviation.'),
  text: Level2.describe('The definition at both reading levels.'),
  cites: z.array(FactId).optional().describe('Fact ids from the sources the definition rests on.'),
  background: z.boolean().optional().describe('True for general background, not from the sources.'),
});

/** Context beyond the reports (version 4): who sets such rules in general, always labelled as general background. */
const ContextEntry = z.strictObject({
  id: Id,
  title: z.string().min(1).max(60),
  text: Level2,
  check: z.string().min(1).describe('Where a reader can check it (a law, a court, a public policy), named in plain words.'),
});

export type GlossaryEntry = z.infer<typeof GlossaryEntry>;
export type ContextEntry = z.infer<typeof ContextEntry>;

export const ScenarioSchema = z.strictObject({
  id: Id,
  title: z.string().min(1),
  subtitle: z.string().optional(),
  version: z.number().int().min(1).max(65535).describe('Bump when play changes: old replay codes then say so.'),
  asOf: IsoDate.describe('The date the facts are current to.'),
  start: IsoDate.describe('The calendar date of the first beat.'),
  fictional: z.boolean().optional().describe('A made-up scenario, such as the tutorial: it needs no sources, and the game says it is fictional.'),
  sources: z.array(Source).default([]).describe('At least one unless the scenario is fictional.'),
  facts: z.array(Fact).default([]).describe('At least one unless the scenario is fictional.'),
  role: Role.describe('The lab\'s side: who the player is, its briefing and its goals.'),
  departmentRole: DepartmentRole.optional().describe('Version 3: the Department\'s side, for a person who plays it (needs a negotiation).'),
  meters: z.array(Meter).min(1),
  flags: z.array(z.strictObject({ id: Id, description: z.string().min(1) })).default([]),
  strategies: z
    .record(z.string(), z.record(Id, z.number()))
    .describe('Named strategies as weights on meter changes, e.g. principled: {integrity: 1}.'),
  phases: z.array(Phase).min(1),
  stakeholders: z.array(Stakeholder).min(1),
  endings: z.array(Ending).min(1),
  questions: z.array(z.string().min(1)).default([]).describe('Discussion questions for the whole scenario.'),
  negotiation: Negotiation.optional().describe('Version 2: the contract as the game. Without it, the scenario is a story of choices.'),
  glossary: z.array(GlossaryEntry).optional().describe('Version 4: the words the game explains where they appear.'),
  context: z.array(ContextEntry).optional().describe('Version 4: general background beyond the sources, shown apart from them.'),
  short: z
    .strictObject({ of: z.strictObject({ id: Id, version: z.number().int().min(1) }), minutes: z.number().int().min(5).max(60) })
    .optional()
    .describe('Set by `extends` files that make a shorter version of another scenario, for a class with less time.'),
});

export type Prose = z.infer<typeof Prose>;
export type Effects = z.infer<typeof Effects>;
export type Choice = z.infer<typeof Choice>;
export type Beat = z.infer<typeof Beat>;
export type Exit = z.infer<typeof Exit>;
export type Phase = z.infer<typeof Phase>;
export type Chance = z.infer<typeof Chance>;
export type Reaction = z.infer<typeof Reaction>;
export type Stakeholder = z.infer<typeof Stakeholder>;
export type Meter = z.infer<typeof Meter>;
export type Ending = z.infer<typeof Ending>;
export type Scenario = z.infer<typeof ScenarioSchema>;

/** The JSON Schema of a scenario file, for editors (pure). */
export function scenarioJsonSchema(): object {
  return {
    ...z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://red-lines.invalid/scenario.schema.json',
    title: 'Red Lines scenario',
  };
}
