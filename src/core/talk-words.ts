/**
 * The negotiation in words, from the scenario's own text: a contract clause by clause, a lab move,
 * the Department's answer. Shared by the command line and the browser's views (pure).
 */
import type { Answer } from './talks.ts';
import { clauseSpecs, parseProposal } from './talks.ts';
import { prose } from './prose.ts';

type Level = 'standard' | 'simple';
import type { Scenario } from './schema.ts';
import type { Package } from './negotiation/types.ts';
import { packageAt, packageIndex } from './negotiation/utility.ts';

/** The package index of a contract (pure). */
export function packageIndexOf(scenario: Scenario, pkg: Package): number {
  return packageIndex(clauseSpecs(scenario.negotiation!), pkg);
}

/** Each clause's title and the chosen option's label, for a package index (pure). */
export function contractLines(scenario: Scenario, index: number): { clause: string; title: string; option: string; label: string }[] {
  const neg = scenario.negotiation!;
  const pkg = packageAt(clauseSpecs(neg), index);
  return neg.clauses.map((c) => {
    const o = c.options.find((x) => x.id === pkg[c.id])!;
    return { clause: c.id, title: c.title, option: o.id, label: o.label };
  });
}

/** A contract on one line: "Domestic surveillance: Ban, including bulk-data analysis; …" (pure). */
export function packageText(scenario: Scenario, index: number): string {
  return contractLines(scenario, index)
    .map((l) => `${l.title}: ${l.label}`)
    .join('; ');
}

/** A lab move at the table in words (pure). */
/** A move in a few words, for lists of moves (class results' paths): a choice's label, "Accept the offer", "Propose a contract"… (pure). */
export function moveLabel(scenario: Scenario, token: string, choiceLabel?: string): string {
  if (choiceLabel !== undefined) return choiceLabel;
  if (token === 'accept') return 'Accept the offer';
  if (token === 'walk-away') return 'Walk away';
  if (token.startsWith('probe:')) return scenario.negotiation?.probes.find((p) => `probe:${p.id}` === token)?.label ?? token;
  if (token.startsWith('propose:')) return 'Propose a contract';
  return token;
}

export function moveText(scenario: Scenario, token: string): string {
  const neg = scenario.negotiation!;
  if (token === 'accept') return 'The lab accepts the Department\'s offer.';
  if (token === 'walk-away') return 'The lab walks away from the table.';
  if (token.startsWith('probe:')) {
    const probe = neg.probes.find((p) => `probe:${p.id}` === token);
    return `The lab asks: ${probe?.label ?? token}.`;
  }
  if (token.startsWith('propose:')) {
    const index = parseProposal(clauseSpecs(neg), token);
    return typeof index === 'number' ? `The lab proposes: ${packageText(scenario, index)}` : token;
  }
  return token;
}

const TEMPLATE: Record<Answer['kind'], keyof NonNullable<Scenario['negotiation']>['department']['reasons']> = {
  opening: 'opening',
  accept: 'accept',
  'accept-deadline': 'acceptDeadline',
  counter: 'counter',
  'below-walk-away': 'belowWalkAway',
  renewed: 'renewed',
  holds: 'holds',
};

/** The Department's answer in the scenario's words, {clause} filled in (pure). */
export function answerText(scenario: Scenario, answer: Answer, level: Level = 'standard'): string {
  const neg = scenario.negotiation!;
  const template = prose(neg.department.reasons[TEMPLATE[answer.kind]], level);
  const clause = neg.clauses.find((c) => c.id === answer.clause);
  return template.replaceAll('{clause}', clause ? clause.title.toLowerCase() : 'the text as a whole');
}
