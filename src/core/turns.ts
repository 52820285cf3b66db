/**
 * A game of two players on two devices, with no server: each turn travels as a link. When a
 * player's turn ends (the side to move changes), their device shows a turn link: a format 5
 * replay code of the game so far (record.ts) that also names the turn it continues from (the
 * move count where this turn began and the state hash there). The receiver's device, holding the
 * game up to that point, checks that the link chains onto it and plays on from the receiver's
 * side. Links carry moves and hashes, never values: each device draws the hidden values from the
 * seed, and shows only its own side's until the end.
 *
 * What is checked, in order, each failure with its own message: the code's form and checksum (a
 * link damaged or changed by hand); that it is a game of two players (not a replay code); its
 * scenario and version; that its moves are legal and lead to the state hashes it names (a forged
 * link, whose moves were rewritten without its hashes); that it belongs to this device's game (the
 * same scenario, version and seed); that it is not older than the game here (stale) nor skips a
 * turn this device has not seen (out of order); and that its moves up to here are this game's.
 * What it cannot stop: a player who recomputes the hashes of a rewritten link (the scheme is
 * public), or who computes the other side's values from the seed (docs/formats.md).
 */
import { findScenario, versionsText } from './catalogue.ts';
import { engineOf, foldMoves, problemMessage, type EngineKind, type RunState } from './engine.ts';
import { stateHash } from './hash.ts';
import { decodeCode, recordToCode, streamFrom, type RunRecord } from './record.ts';
import { departmentToMove } from './bargain.ts';
import type { Scenario } from './schema.ts';
import type { Side } from './negotiation/types.ts';

export type TurnProblem = 'damaged' | 'not-a-turn' | 'unknown-game' | 'forged' | 'another-game' | 'stale' | 'out-of-order' | 'diverged';

export type TurnOpened =
  | {
      ok: true;
      scenario: Scenario;
      record: RunRecord;
      state: RunState;
      /** The side to move now (the receiver's), or null when the game has ended. */
      toMove: Side | null;
    }
  | { ok: false; kind: TurnProblem; message: string };

/** The side to move in a pair's state, or null when it has ended (pure). */
export function sideToMove(state: RunState): Side | null {
  if (state.status === 'done') return null;
  return departmentToMove(state.context) ? 'department' : 'lab';
}

/** The turn link's code for a pair's record, continuing from the turn that began at move `base` (pure). */
export function turnCode(scenario: Scenario, record: RunRecord, base: number): string {
  if (record.side !== 'pair') throw new RangeError('only a game of two players has turn links');
  return recordToCode(scenario, record, base);
}

const no = (kind: TurnProblem, message: string): TurnOpened => ({ ok: false, kind, message });

/**
 * Opens a turn link's code against the game this device holds (`local`, a pair's record, or null
 * for none: then only a game's first link opens), playing its moves once on `engine` (the browser
 * plays on from the XState state it returns) (pure).
 */
export function openTurn(input: string, scenarios: readonly Scenario[], local: RunRecord | null, engine: EngineKind = 'fast'): TurnOpened {
  const raw = decodeCode(input);
  if (!raw.ok) return no('damaged', raw.error.message);
  const code = raw.value;
  if (code.side !== 'pair' || !code.base || code.hash === null) return no('not-a-turn', 'This is a replay code, not a turn of a game of two players: open it with "Watch a replay…".');
  const found = findScenario(scenarios, code.scenario, code.version);
  if (!found.ok) {
    return no(
      'unknown-game',
      found.kind === 'unknown-scenario'
        ? `The turn link is for the scenario "${code.scenario}", which this game does not have.`
        : `The turn link was made with version ${code.version} of "${code.scenario}"; this game has ${versionsText(found.versions)}.`,
    );
  }
  const scenario = found.scenario;
  if (!scenario.negotiation) return no('forged', `The turn link is a game of two players, but "${code.scenario}" version ${code.version} has no negotiation: it was changed or forged.`);
  // Its moves, played once, and the hashes it names: where its turn began, and where it ends.
  let baseHash: string | null = null;
  const r = foldMoves(engineOf(scenario, engine), { seed: code.seed, side: 'pair' }, streamFrom(code.count, code.positions), (step) => {
    if (step.index === code.base!.count) baseHash = stateHash(step.before.value, step.before.context);
  });
  if (!r.ok) return no('forged', `The turn link's moves cannot be played (${problemMessage(r.problem, code.count)}): it was changed or forged.`);
  const record: RunRecord = { scenario: code.scenario, version: code.version, seed: code.seed, choices: r.moves, side: 'pair' };
  const end = stateHash(r.state.value, r.state.context);
  if ((baseHash ?? end) !== code.base.hash || end !== code.hash) return no('forged', 'The turn link\'s moves do not lead to the states it names: it was changed or forged.');

  const at = code.base.count;
  if (local === null) {
    if (at !== 0) return no('out-of-order', `This turn link continues a game from move ${at}, and this browser has not seen that game: open its links in order, from the first.`);
  } else {
    if (local.side !== 'pair' || local.scenario !== record.scenario || local.version !== record.version || local.seed !== record.seed) {
      return no('another-game', `This turn link is for another game (seed "${record.seed}"); the game of two players in this browser has seed "${local.seed}". Finish or leave that game first, or open the link on the device that plays it.`);
    }
    const have = local.choices.length;
    if (record.choices.length <= have || at < have) return no('stale', `This turn link is older than the game here: it continues from move ${at}, and this game is at move ${have}. Open the newest link.`);
    if (at > have) return no('out-of-order', `This turn link follows one this browser has not opened: it continues from move ${at}, and this game is at move ${have}. Open the links in the order they were sent.`);
    if (record.choices.slice(0, have).some((m, i) => m !== local.choices[i])) {
      return no('diverged', `This turn link does not follow this game: its moves up to move ${have} are not the ones played here.`);
    }
  }
  return { ok: true, scenario, record, state: r.state, toMove: sideToMove(r.state) };
}

/** What a turn link's problem kind is called in a notice: "stale", "out of order"… (pure). */
export const TURN_PROBLEM_NAMES: Record<TurnProblem, string> = {
  damaged: 'damaged or changed',
  'not-a-turn': 'not a turn link',
  'unknown-game': 'for another scenario or version',
  forged: 'forged',
  'another-game': 'from another game',
  stale: 'stale',
  'out-of-order': 'out of order',
  diverged: 'from a different game',
};
