/**
 * Golden runs of march-2026: fixed seeds and choices whose final hash is pinned. A change here
 * means play changed: bump the scenario's version (old replay codes then say so) and re-pin.
 */
import { describe, expect, it } from 'vitest';
import { addDays, playLive, replayRecord, stateHash, summarize } from '../src/core/index.ts';
import { loadMarch } from './graph-helpers.ts';

const GOLDEN = [
  {
    seed: 'classroom-1',
    choices: ['accept-all-lawful-purposes'],
    ending: 'capitulation',
    hash: '59a41fac5d7f012f',
  },
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

describe('golden runs of march-2026', () => {
  const scenario = loadMarch();
  it.each(GOLDEN)('$seed ends in $ending with hash $hash, live and replayed', ({ seed, choices, ending, hash }) => {
    const live = playLive(scenario, seed, { choices });
    expect(live.ok).toBe(true);
    if (!live.ok) return;
    expect(live.context.ending).toBe(ending);
    expect(stateHash(live.value, live.context)).toBe(hash);
    const replayed = replayRecord(scenario, { scenario: scenario.id, version: scenario.version, seed, choices });
    expect(replayed.ok && stateHash(replayed.snapshot.value as string, replayed.snapshot.context)).toBe(hash);
    const summary = summarize(scenario, live.value, live.context, (d) => addDays(scenario.start, d));
    expect(summary.code.length).toBeLessThanOrEqual(120);
  });
});
