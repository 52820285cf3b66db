/**
 * Two players (issue 11, items 2 and 3). On one device: a hand-over screen before every change of
 * side hides the last side's screen, each side reads its own briefing, and each table shows only
 * the values of the side to move (checked in the DOM at every move); the run ends with the core's
 * hash. On two devices (two browser profiles, so two separate storages): each turn travels as a
 * link, opening it shows the receiver's side, a tampered link and a stale one are refused with a
 * notice and the game goes on, and both devices reach the ending with the core's hash.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { draw } from '../../src/core/dice.ts';
import { engineOf, foldMoves, foldRecord, type MoveSource } from '../../src/core/engine.ts';
import { recordOf, type RunRecord } from '../../src/core/record.ts';
import { addDays } from '../../src/core/rules.ts';
import { summarize } from '../../src/core/run.ts';
import { hiddenValues } from '../../src/core/talks.ts';
import { sideToMove } from '../../src/core/turns.ts';
import { buttonLayoutProblems, cliReplay, clickAt, expectEnding, marchNew, nextScreen, openTitle, playMoves, screenOf, settle, shot, sidewaysOverflow, startSeeded, tabTo, waitScreen, type Expected } from './support/game.ts';
import { runAxe } from './support/axe.ts';
import { launchChromium } from './support/browser.ts';
import { useBrowser } from './support/harness.ts';

const h = useBrowser({ reducedMotion: 'reduce' });

/** A finished game of two players making random legal moves: the first seed from `seed` with at least `turns` turns at a table. */
function pairGame(seed: string, turns: number): { record: RunRecord; want: Expected; sides: ('lab' | 'department')[] } {
  const s = marchNew();
  for (let k = 0; ; k++) {
    const at = `${seed}-${k}`;
    const src: MoveSource = (i, _t, state, legal) => (state.status === 'done' || legal.length === 0 ? null : { position: Math.floor(draw(at, `pair/${i}`) * legal.length) });
    const r = foldMoves(engineOf(s), { seed: at, side: 'pair' }, src);
    if (!r.ok) continue;
    const sides: ('lab' | 'department')[] = [];
    foldMoves(engineOf(s), { seed: at, side: 'pair' }, src, ({ before }) => void sides.push(sideToMove(before)!));
    const changes = sides.filter((x, i) => i > 0 && x !== sides[i - 1]).length;
    if (changes < turns || r.moves.length > 24) continue;
    const record = recordOf(r.state.context);
    const f = foldRecord(s, record);
    if (!f.ok) throw f.error;
    const sum = summarize(s, f.state.value, f.state.context, (d) => addDays(s.start, d));
    return { record, sides, want: { seed: at, choices: record.choices, ending: sum.ending!, hash: sum.hash, code: sum.code } };
  }
}

/** The table on screen shows the values of `side` (its weights), never the other side's where they differ. */
async function expectOwnValues(page: Page, seed: string, side: 'lab' | 'department') {
  const text = (await page.locator('#a11y').textContent()) ?? '';
  const v = hiddenValues(marchNew().negotiation!, seed);
  const other = side === 'lab' ? 'department' : 'lab';
  // Each clause's row says the side's own weight of that clause, not the other side's.
  const rows = await page.locator('#a11y li.clause').allTextContents();
  marchNew().negotiation!.clauses.forEach((c, i) => {
    const own = Math.round(v[side].weights[c.id]! * 100);
    const theirs = Math.round(v[other].weights[c.id]! * 100);
    expect(rows[i], `${side}'s screen: its weight of ${c.id}`).toContain(`weighs ${own}% for you`);
    if (theirs !== own) expect(rows[i], `${side}'s screen: not the ${other}'s weight of ${c.id}`).not.toContain(`weighs ${theirs}% for you`);
  });
  // The score of the text in the builder is the side's own: it matches the option scores shown as "yours".
  const score = /Your text is worth ([\d.]+) of 100 to you/.exec(text);
  expect(score, 'the builder\'s score').not.toBeNull();
  const pkg = await page.locator('#a11y button[data-clause]').evaluateAll((bs) => Object.fromEntries(bs.map((b) => [b.getAttribute('data-clause'), b.getAttribute('data-option')])));
  let u = 0;
  for (const c of marchNew().negotiation!.clauses) u += v[side].weights[c.id]! * v[side].scores[c.id]![pkg[c.id]!]!;
  expect(Number(score![1])).toBeCloseTo(Math.round(u * 10) / 10, 1);
  expect(await page.locator('#app').getAttribute('data-screen')).toBe('Talks');
}

/** The hand-over screen shows no number of either side: no weights, no scores, no offers. */
async function expectBlankHandover(page: Page, to: 'lab' | 'department') {
  expect(await page.locator('#app').getAttribute('data-handover')).toBe(to);
  const text = (await page.locator('#a11y').textContent()) ?? '';
  expect(text).not.toMatch(/weighs|yours \d|theirs \d|of 100/);
}

async function pickMode(page: Page, index: number) {
  await clickAt(page, '#a11y [data-action=side]');
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  await nextScreen(page, () => dialog.locator(`button[data-pick="${index}"]`).click());
}


describe('two players on one device', () => {
  it('a hand-over at every change of side; each side reads its own briefing and sees only its own values; the core\'s hash at the end', async () => {
    const { page } = h;
    const game = pairGame('pass', 4);
    await openTitle(page, h.site.origin);
    await pickMode(page, 2);
    expect(await page.locator('#a11y [data-action=side]').getAttribute('data-side')).toBe('pair');
    await startSeeded(page, game.want.seed);
    // The lab takes the device, reads its briefing; the Department takes it and reads its own.
    await waitScreen(page, 'Handover');
    await expectBlankHandover(page, 'lab');
    await settle(page, 900);
    await shot(page, 'two-players-handover');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y').textContent()).toContain(marchNew().role.briefing.standard.slice(0, 50));
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await expectBlankHandover(page, 'department');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    expect(await page.locator('#a11y').textContent()).toContain(marchNew().departmentRole!.briefing.standard.slice(0, 50));
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await expectBlankHandover(page, 'lab');
    await nextScreen(page, () => page.keyboard.press('Enter'));

    let handovers = 0;
    let deptShot = false;
    for (const [i, token] of game.record.choices.entries()) {
      const side = game.sides[i]!;
      // Past any phase screen, to the hand-over or the table.
      for (let k = 0; k < 5 && (await screenOf(page)) === 'Phase'; k++) await nextScreen(page, () => page.keyboard.press('Enter'));
      if ((await screenOf(page)) === 'Handover') {
        await expectBlankHandover(page, side);
        handovers++;
        await nextScreen(page, () => page.keyboard.press('Enter'));
        for (let k = 0; k < 5 && (await screenOf(page)) === 'Phase'; k++) await nextScreen(page, () => page.keyboard.press('Enter'));
      }
      if ((await screenOf(page)) === 'Talks') {
        await expectOwnValues(page, game.want.seed, side);
        if (side === 'department' && !deptShot) {
          deptShot = true;
          await settle(page, 600);
          await shot(page, 'two-players-department-table');
        }
      }
      await playMoves(page, [token], 'keys');
    }
    // One hand-over per change of side during play.
    expect(handovers).toBe(game.sides.filter((x, i) => i > 0 && x !== game.sides[i - 1]).length);
    await expectEnding(page, game.want);
  }, 600_000);
});

describe('two players on two devices', () => {
  it('each turn travels as a link to the other profile; a tampered and a stale link are refused; both reach the core\'s hash', async () => {
    const game = pairGame('duo', 3);
    const a = h.page;
    const other = await launchChromium({ reducedMotion: 'reduce' });
    try {
      const b = other.context.pages()[0] ?? (await other.context.newPage());
      const devices = { lab: a, department: b };
      await openTitle(a, h.site.origin);
      await pickMode(a, 3);
      await startSeeded(a, game.want.seed);
      await waitScreen(a, 'Briefing');
      const links: string[] = [];
      let i = 0;
      let first = true;
      let tampered = false;
      while (i < game.record.choices.length) {
        const side = game.sides[i]!;
        const page = devices[side];
        if (links.length) {
          const link = links.at(-1)!;
          if (!tampered && links.length === 2) {
            // A tampered link (one character of its code changed) is refused, and the game here is kept.
            tampered = true;
            const at = link.indexOf('turn=') + 30;
            const bad = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
            await page.goto(bad);
            await waitScreen(page, 'Title');
            expect(await page.locator('#a11y .notice').textContent()).toMatch(/The turn link cannot be opened \((damaged or changed|forged)\)/);
            await shot(page, 'two-devices-tampered');
            // A stale link: the one this device sent itself.
            await page.goto(links.at(-2)!);
            await waitScreen(page, 'Title');
            expect(await page.locator('#a11y .notice').textContent()).toContain('The turn link cannot be opened (stale)');
          }
          await page.goto(link);
          await waitScreen(page, first && side === 'department' ? 'Briefing' : 'Talks');
          if (first && side === 'department') {
            expect(await page.locator('#a11y').textContent()).toContain(marchNew().departmentRole!.briefing.standard.slice(0, 50));
            await nextScreen(page, () => page.keyboard.press('Enter'));
            first = false;
          }
        }
        // This device's turn: its moves, made in a row.
        while (i < game.record.choices.length && game.sides[i] === side) {
          for (let k = 0; k < 5 && (await screenOf(page)) === 'Phase'; k++) await nextScreen(page, () => page.keyboard.press('Enter'));
          if ((await screenOf(page)) === 'Talks') await expectOwnValues(page, game.want.seed, side);
          await playMoves(page, [game.record.choices[i]!], 'keys');
          i++;
        }
        await waitScreen(page, 'Send');
        if (links.length === 1) await shot(page, 'two-devices-send');
        links.push((await page.locator('#app').getAttribute('data-turn-link'))!);
        expect(links.at(-1)).toContain('?turn=rl5.');
      }
      // The device that ended the game sends the last link; both show the ending and the same hash.
      const last = devices[game.sides.at(-1)!];
      const receiver = last === a ? b : a;
      await nextScreen(last, () => clickAt(last, '#a11y [data-action=debrief]'));
      await expectEnding(last, game.want);
      await receiver.goto(links.at(-1)!);
      await expectEnding(receiver, game.want);
    } finally {
      await other.close();
    }
  }, 900_000);
});

describe('a game of two players in the replay viewer', () => {
  it('branches at the Department\'s move: a hand-over to the Department, a different answer, both players to the end, and the two runs compared', async () => {
    const { page } = h;
    const game = pairGame('whatif', 3);
    const at = game.sides.indexOf('department');
    expect(at).toBeGreaterThan(0);
    await page.goto(`${h.site.origin}?replay=${game.want.code}`);
    await waitScreen(page, 'Replay');
    expect(await page.locator('#a11y .seat').textContent()).toBe("Two players: the lab's moves and the Department's");
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowRight');
    await page.locator(`#app[data-replay-step="${at}"]`).waitFor({ state: 'attached' });
    await nextScreen(page, () => clickAt(page, '#a11y button[data-action="branch"]'));
    // The Department takes the device and answers otherwise: it accepts where it proposed, or proposes where it accepted.
    await waitScreen(page, 'Handover');
    expect(await page.locator('#app').getAttribute('data-handover')).toBe('department');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Talks');
    const original = game.record.choices[at]!;
    const tokens = await page.locator('#a11y button[data-move]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-move')));
    // Accept where it proposed (when the lab has an offer on the table); else propose another text.
    const pick = original !== 'accept' && tokens.includes('accept') ? 'accept' : 'propose';
    if (pick === 'propose') {
      const first = `#a11y button[data-clause="${marchNew().negotiation!.clauses[0]!.id}"]`;
      const before = await page.locator(first).getAttribute('data-option');
      await clickAt(page, first);
      expect(await page.locator(first).getAttribute('data-option')).not.toBe(before);
    }
    await clickAt(page, `#a11y button[data-move="${pick}"]`);
    await nextScreen(page, () => clickAt(page, `#a11y button[data-move="${pick}"]`));
    // Then 1 and Enter (Enter also takes each hand-over) to the end.
    for (let i = 0; i < 80 && (await screenOf(page)) !== 'Ending'; i++) {
      const screen = await screenOf(page);
      if (screen === 'Talks' || screen === 'Table') await page.keyboard.press('1');
      await nextScreen(page, () => page.keyboard.press('Enter'));
    }
    await waitScreen(page, 'Ending');
    const code = (await page.locator('#a11y .code').textContent())!.replace(/^Replay code:\s*/, '').trim();
    const cli = cliReplay(code);
    expect(cli.hash).toBe(await page.locator('#app').getAttribute('data-hash'));
    expect(cli.choices.slice(0, at)).toEqual(game.record.choices.slice(0, at));
    expect(cli.choices[at]).not.toBe(original);
    await nextScreen(page, () => clickAt(page, '#a11y button[data-action="compare"]'));
    await waitScreen(page, 'Compare');
    expect(await page.locator('#a11y').textContent()).toContain(`Move ${at + 1}:`);
  }, 600_000);
});

describe('the new screens for every reader', () => {
  it('the hand-over, the Department\'s table and the turn link to send: no serious axe violation, keyboard only, buttons in place, and at phone size the text view with nothing wider than the screen', async () => {
    const { page } = h;
    const game = pairGame('a11y', 2);
    // Two players on one device, by keyboard alone: the title's picker, the seed, the briefings.
    await openTitle(page, h.site.origin);
    await pickMode(page, 2);
    await startSeeded(page, game.want.seed);
    const found: string[] = [];
    const check = async (label: string) => {
      const r = await runAxe(page);
      found.push(...r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${label}: ${v.id} (${v.help})`));
      expect(await buttonLayoutProblems(page), label).toEqual([]);
    };
    await waitScreen(page, 'Handover');
    await check('Handover');
    // Tab reaches the hand-over's button, and Enter takes it.
    await tabTo(page, '#a11y [data-action=take-device]');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    for (let k = 0; k < 8 && (await screenOf(page)) !== 'Talks'; k++) await nextScreen(page, () => page.keyboard.press('Enter'));
    // Play until the Department's table.
    let i = 0;
    while (game.sides[i] === 'lab') await playMoves(page, [game.record.choices[i++]!], 'keys');
    await waitScreen(page, 'Handover');
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Talks');
    await settle(page, 600);
    await check('the Department\'s table');
    // At phone size: the text view, nothing wider than the screen, the Department's values still its own.
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page, 600);
    expect(await page.locator('#app').getAttribute('class')).toContain('text-view');
    expect(await sidewaysOverflow(page), 'sideways overflow on the Department\'s table').toBeLessThanOrEqual(0);
    await expectOwnValues(page, game.want.seed, 'department');
    await playMoves(page, [game.record.choices[i++]!], 'keys');
    await waitScreen(page, 'Handover');
    expect(await sidewaysOverflow(page), 'sideways overflow on the hand-over').toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 720 });

    // The turn link to send, on two devices: as the Department, the first link after the briefing.
    await openTitle(page, h.site.origin);
    await pickMode(page, 4);
    await startSeeded(page, 'a11y-send');
    await waitScreen(page, 'Briefing');
    expect(await page.locator('#a11y').textContent()).toContain(marchNew().departmentRole!.briefing.standard.slice(0, 50));
    await nextScreen(page, () => page.keyboard.press('Enter'));
    await waitScreen(page, 'Send');
    await settle(page, 600);
    await check('Send');
    expect(await page.locator('#app').getAttribute('data-turn-link')).toContain('?turn=rl5.');
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page, 600);
    expect(await sidewaysOverflow(page), 'sideways overflow on the turn link').toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(found, 'serious or critical axe violations').toEqual([]);
  }, 600_000);
});
