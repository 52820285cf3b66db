/** Several scenarios, and several versions of one: codes, class links and run files each find theirs. */
import { describe, expect, it } from 'vitest';
import { findScenario, latestVersions, versionsText } from '../src/core/catalogue.ts';
import { decodeClass, encodeClass } from '../src/core/classroom.ts';
import { recordToCode, resolveCode } from '../src/core/record.ts';
import { openCode } from '../src/core/replay.ts';
import { playFast } from '../src/core/run.ts';
import { exportRunFile, importRunFile } from '../src/core/runfile.ts';
import { stateHash } from '../src/core/hash.ts';
import { loadFixture, loadMarch, miniVariant } from './helpers.ts';

const mini3 = loadFixture('mini');
// A later version of mini whose first beat plays differently: the same choices give another run.
const mini4 = miniVariant((s) => {
  s.version = 4;
  s.phases[0]!.beats[0]!.choices[0]!.effects = { meters: { integrity: 30, trust: -30 } };
});
const march = loadMarch();
const all = [march, mini3, mini4];

describe('findScenario', () => {
  it('finds an id at a version, and says which versions exist when that one does not', () => {
    expect(findScenario(all, 'mini', 3)).toEqual({ ok: true, scenario: mini3 });
    expect(findScenario(all, 'mini', 4)).toEqual({ ok: true, scenario: mini4 });
    expect(findScenario(all, 'mini', 9)).toEqual({ ok: false, kind: 'other-version', versions: [3, 4] });
    expect(findScenario(all, 'nope', 1)).toEqual({ ok: false, kind: 'unknown-scenario', ids: ['march-2026', 'mini'] });
  });

  it('words versions and keeps the newest of each id', () => {
    expect(versionsText([2])).toBe('version 2');
    expect(versionsText([1, 2])).toBe('versions 1 and 2');
    expect(versionsText([1, 2, 3])).toBe('versions 1, 2 and 3');
    expect(latestVersions([mini4, march, mini3]).map((s) => `${s.id}@${s.version}`)).toEqual(['mini@4', 'march-2026@1']);
  });
});

describe('a game holding two versions of one scenario', () => {
  const run3 = playFast(mini3, 'two-versions', 'first').context.choices;
  const record3 = { scenario: 'mini', version: 3, seed: 'two-versions', choices: run3 };
  const run4 = playFast(mini4, 'two-versions', 'first');
  const record4 = { scenario: 'mini', version: 4, seed: 'two-versions', choices: run4.context.choices };

  it('opens each version\'s codes with its own rules, to its own hash', () => {
    for (const [record, scenario] of [
      [record3, mini3],
      [record4, mini4],
    ] as const) {
      const code = recordToCode(scenario, record);
      const opened = openCode(code, all);
      expect(opened.ok && opened.scenario).toBe(scenario);
      expect(opened.ok && opened.check.status).toBe('match');
    }
    // The two versions really differ for the same seed and choices.
    const h3 = openCode(recordToCode(mini3, record3), all);
    const h4 = openCode(recordToCode(mini4, record4), all);
    expect(h3.ok && h4.ok && h3.check.hash !== h4.check.hash).toBe(true);
  });

  it('refuses a code of a version it does not have, naming the versions it has', () => {
    const code = recordToCode(mini3, record3);
    const r = resolveCode(code, [march, mini4]);
    expect(!r.ok && r.error.message).toMatch(/version 3 of "mini"; this game has version 4/);
    const five = miniVariant((s) => (s.version = 5));
    const r2 = resolveCode(code, [mini4, five]);
    expect(!r2.ok && r2.error.message).toMatch(/this game has versions 4 and 5/);
  });

  it('reads run files and class links of either version', () => {
    for (const [record, scenario] of [
      [record3, mini3],
      [record4, mini4],
    ] as const) {
      const file = exportRunFile(scenario, record);
      const back = importRunFile(JSON.stringify(file), all);
      expect(back.ok && back.record).toEqual(record);
      const settings = { scenario: 'mini', version: scenario.version, seed: 'class', level: 'standard' as const, showOdds: false, timer: null, name: '', opponent: null };
      const link = decodeClass(encodeClass(settings, all), all);
      expect(link.ok && link.settings.version).toBe(scenario.version);
    }
    const file = exportRunFile(mini3, record3);
    const refused = importRunFile(JSON.stringify(file), [mini4]);
    expect(!refused.ok && refused.message).toMatch(/version 3 of "mini"; this game has version 4/);
    expect(stateHash(run4.value, run4.context)).toMatch(/^[0-9a-f]{16}$/);
  });
});
