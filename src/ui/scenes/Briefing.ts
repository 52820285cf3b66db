import * as Phaser from 'phaser';
import { appOf } from '../app.ts';
import { fitWidth, Kit } from '../kit.ts';
import { longDate, SIDE_NAMES } from '../words.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import type { Side } from '../session.ts';
import { pieces } from '../table-widgets.ts';
import { color, meterTone, W } from '../theme.ts';

export interface BriefingData {
  /** A game of two players: the side whose briefing this is. */
  side?: Side;
  /** Where "Begin" goes (by default the first phase): in a game of two players, the other side's briefing or a hand-over. */
  begin?: { scene: SceneKey; data?: object };
}

/** The briefing: role, situation, goals and what each meter means, at either reading level. */
export class Briefing extends Phaser.Scene {
  constructor() {
    super(SceneKeys.Briefing);
  }

  create(data: BriefingData = {}) {
    const app = appOf(this);
    const session = app.session!;
    const level = app.settings.level;
    // In a game of two players each side reads its own briefing: the one named, else the side to move's.
    const side = data.side ?? session.side;
    const v = session.briefing(level, side);
    const begin = () => (data.begin ? app.go(data.begin.scene, data.begin.data) : app.go(SceneKeys.Phase));
    const kit = new Kit(this, app.dom, app.settings, SceneKeys.Briefing, 'Briefing');

    const cls = app.classMode;
    const dept = side === 'department';
    const two = session.pair ? ['two players', `you play ${SIDE_NAMES[side]}`] : null;
    const banner = cls
      ? ['Briefing', `class run${cls.name ? `: ${cls.name}` : ''}`, ...(two ?? (dept ? ['you play the Department'] : [])), cls.showOdds ? 'odds shown' : 'odds hidden', cls.timer ? `${cls.timer} s per decision` : 'no timer']
      : two
        ? ['Briefing', ...two]
        : dept
          ? ['Briefing', 'you play the Department', `the lab: the ${session.context.opponent} agent`]
          : ['Briefing'];
    // The shortened version and the tutorial say what they are, first thing.
    const kind = session.scenario.short ? `the ${session.scenario.short.minutes}-minute version` : session.scenario.fictional ? 'practice · fictional' : null;
    if (kind) banner.splice(1, 0, kind);
    pieces(kit, kit.root, 48, 34, banner, { size: 13, color: cls ? color.gold : color.redText, weight: 'bold', caps: true }, { tag: 'p', cls: cls ? 'class-banner' : '' });
    kit.text(kit.root, 48, 56, v.title, { size: 34, weight: 'bold' }, 'h1');
    fitWidth(kit.text(kit.root, 48, 104, `You: ${v.player}.  Across the table: ${v.counterpart}.  Seed: ${session.context.seed}`, { size: 14, color: color.muted }, 'p'), 1190);

    const situation = app.dom.group(kit.root, 'The situation');
    // The largest size (16 down to 12) at which the whole briefing fits its panel (at most 430 high).
    const bodyOf = (size: number) => kit.measure(v.briefing, { size, font: 'prose', width: 672, lineSpacing: 5 }).height;
    const size = [16, 15, 14, 13].find((z) => bodyOf(z) <= 430 - 104) ?? 12;
    const sitH = Math.min(430, 104 + bodyOf(size));
    kit.panel(40, 140, 720, sitH);
    kit.text(situation, 64, 158, 'The situation', { size: 18, weight: 'bold' }, 'h2');
    app.markTerms(kit, kit.text(situation, 64, 192, v.briefing, { size, font: 'prose', width: 672, lineSpacing: 5 }, 'p', 'prose'));
    kit.text(situation, 64, 140 + sitH - 30, session.scenario.fictional ? `A fictional scenario: nothing in it is a fact. The calendar starts on ${longDate(v.start)}.` : `Facts are as of ${longDate(v.asOf)}; the calendar starts on ${longDate(v.start)}.`, { size: 12, color: color.muted, width: 672 }, 'p', 'muted');

    const goals = app.dom.group(kit.root, 'Your goals', 'section');
    const gy = 140 + sitH + 14;
    kit.panel(40, gy, 720, 706 - gy);
    kit.text(goals, 64, gy + 14, 'Your goals', { size: 16, weight: 'bold' }, 'h2');
    const list = app.dom.group(goals, 'Goals', 'ul');
    let rowY = gy + 44;
    v.goals.slice(0, 6).forEach((g, i) => {
      const x = 64 + (i % 2) * 340;
      kit.text(null, x, rowY, '•', { size: 14, color: color.redText }, 'none');
      const t = kit.text(list, x + 14, rowY, g, { size: 13, width: 310 }, 'li');
      if (i % 2 === 1 || i === v.goals.length - 1) rowY += Math.max(t.height, 18) + 10;
    });

    const meters = app.dom.group(kit.root, 'The meters', 'section');
    kit.panel(784, 140, 456, 430);
    kit.text(meters, 808, 158, dept ? 'The lab\'s meters (0 to 100)' : 'The meters (0 to 100)', { size: 18, weight: 'bold' }, 'h2');
    let y = 196;
    // Each meter's description at 12 px, or 11 px with less space between meters when five do not fit the panel.
    const descOf = (size: number) => v.meters.reduce((h, m) => h + 30 + kit.measure(m.description, { size, width: 408 }).height, 0);
    const tight = 196 + descOf(12) + 10 * v.meters.length > 140 + 430 - 8;
    for (const m of v.meters) {
      kit.text(meters, 808, y, `${m.label}: starts at ${m.value}`, { size: 14, weight: 'bold' }, 'h3');
      const g = this.add.graphics();
      g.fillStyle(color.panel2, 1).fillRoundedRect(1108, y + 5, 108, 8, 4);
      g.fillStyle(meterTone(m.value, m.good), 1).fillRoundedRect(1108, y + 5, (108 * m.value) / 100, 8, 4);
      const d = kit.text(meters, 808, y + 22, m.description, { size: tight ? 11 : 12, color: color.muted, width: 408 }, 'p', 'muted');
      y += 30 + d.height + (tight ? 4 : 10);
    }

    const controls = app.dom.group(kit.root, 'Reading level and start', 'div');
    const levels = app.dom.group(controls, 'Reading level', 'div');
    kit.text(levels, 808, 592, cls ? 'Reading level (set by the class)' : 'Reading level', { size: 13, color: cls ? color.gold : color.muted }, 'p');
    const pick = (l: 'standard' | 'simple') => {
      app.settings.level = l;
      app.saveSettings();
      this.scene.restart(data);
    };
    kit.button(levels, 'Standard', { x: 808, y: 614, w: 104, h: 36 }, () => pick('standard'), 'tab', { pressed: level === 'standard', disabled: cls !== null });
    kit.button(levels, 'Simple', { x: 916, y: 614, w: 104, h: 36 }, () => pick('simple'), 'tab', { pressed: level === 'simple', disabled: cls !== null });
    kit.button(controls, 'Begin the talks', { x: 1040, y: 604, w: 200, h: 56 }, begin, 'primary', { data: { action: 'begin' } });
    kit.text(controls, W - 40, 676, 'Enter: begin', { size: 12, color: color.muted, align: 'right' }, 'p', 'hint');
    app.keys((e) => {
      if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        begin();
        return true;
      }
      return false;
    });
  }
}
