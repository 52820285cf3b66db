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
});

const Exit = z.strictObject({
  when: Condition.optional().describe('Omitted: always.'),
  to: Id.describe('A phase or ending id.'),
  reason: Id.optional().describe('An ending-reason id explaining why this exit was taken.'),
});

const Phase = z.strictObject({
  id: Id,
  title: z.string().min(1),
  banner: Prose.describe('The moment the phase begins, shown full-screen.'),
  ...Grounding,
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
  ...Grounding,
});

const Source = z.strictObject({
  id: z.string().regex(/^[A-Z]$/),
  title: z.string().min(1),
  outlet: z.string().min(1),
  date: z.string().min(1),
  file: z.string().optional(),
  note: z.string().optional(),
});

const Fact = z.strictObject({ id: FactId, source: z.string().regex(/^[A-Z]$/), text: z.string().min(1) });

export const ScenarioSchema = z.strictObject({
  id: Id,
  title: z.string().min(1),
  subtitle: z.string().optional(),
  version: z.number().int().min(1).max(65535).describe('Bump when play changes: old replay codes then say so.'),
  asOf: IsoDate.describe('The date the facts are current to.'),
  start: IsoDate.describe('The calendar date of the first beat.'),
  sources: z.array(Source).min(1),
  facts: z.array(Fact).min(1),
  role: z.strictObject({
    player: z.string().min(1),
    counterpart: z.string().min(1),
    briefing: z.strictObject({ standard: z.string().min(1), simple: z.string().min(1) }),
    goals: z.array(Prose).min(1),
  }),
  meters: z.array(Meter).min(1),
  flags: z.array(z.strictObject({ id: Id, description: z.string().min(1) })).default([]),
  strategies: z
    .record(z.string(), z.record(Id, z.number()))
    .describe('Named strategies as weights on meter changes, e.g. principled: {integrity: 1}.'),
  phases: z.array(Phase).min(1),
  stakeholders: z.array(Stakeholder).min(1),
  endings: z.array(Ending).min(1),
  questions: z.array(z.string().min(1)).default([]).describe('Discussion questions for the whole scenario.'),
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
