/**
 * The golden runs of march-2026, one per ending: fixed seeds and choices whose final hash is
 * pinned. test/golden.test.ts checks them; the replay and browser tests reuse them.
 */
export interface GoldenRun {
  seed: string;
  choices: string[];
  ending: string;
  hash: string;
}

export const GOLDEN: readonly [GoldenRun, GoldenRun, GoldenRun] = [
  { seed: 'classroom-1', choices: ['accept-all-lawful-purposes'], ending: 'capitulation', hash: '59a41fac5d7f012f' },
  {
    seed: 'golden-principled',
    choices: ['hold-both-clauses', 'demand-notification-rights', 'refuse-bulk-data-removal', 'let-talks-collapse', 'answer-on-substance', 'invite-common-standard', 'write-to-staff', 'challenge-designation-in-court', 'ask-how-models-are-used', 'return-with-both-clauses', 'restate-red-lines-first'],
    ending: 'standoff',
    hash: '978c5d10da220c2c',
  },
  {
    seed: 'golden-3',
    choices: ['hold-both-clauses', 'propose-joint-review-board', 'ask-for-use-cases', 'let-talks-collapse', 'cite-national-security-record', 'race-rival-to-deal', 'brief-partners-and-investors', 'seek-back-channel', 'point-out-mixed-signals', 'return-with-both-clauses', 'lead-with-carve-outs', 'give-up-bulk-clause', 'let-it-go', 'independent-inspector', 'accept-department-final-text'],
    ending: 'compromise',
    hash: '6ab02d8a53989a35',
  },
];
