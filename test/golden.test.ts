/**
 * Golden runs of march-2026: fixed seeds and choices whose final hash is pinned. A change here
 * means play changed: bump the scenario's version (old replay codes then say so) and re-pin.
 */
import { describe, expect, it } from 'vitest';
import { addDays, playLive, replayRecord, stateHash, summarize } from '../src/core/index.ts';
import { loadMarch } from './graph-helpers.ts';
import { GOLDEN } from './golden-runs.ts';


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
