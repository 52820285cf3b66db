import * as Phaser from 'phaser';
import { appOf } from '../app.ts';
import { Kit } from '../kit.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import { SIDE_NAMES } from '../words.ts';
import { color, W } from '../theme.ts';

export interface HandoverData {
  /** The side that takes the device. */
  to: 'lab' | 'department';
  /** Where the game goes once that side says it holds the device, and with what. */
  next: SceneKey;
  nextData?: object;
}

/**
 * Two players on one device: between their turns, a screen that hides everything of the side that
 * just moved (its values, its offer in progress) and asks the other side to take the device. It
 * shows no number and no move: only whose turn it is.
 */
export class Handover extends Phaser.Scene {
  constructor() {
    super(SceneKeys.Handover);
  }

  create(data: HandoverData) {
    const app = appOf(this);
    const session = app.session!;
    const kit = new Kit(this, app.dom, app.settings, SceneKeys.Handover, `Pass the device to ${SIDE_NAMES[data.to]}`);
    kit.backdrop(0.05);
    const other = data.to === 'lab' ? 'department' : 'lab';
    app.dom.app.dataset.handover = data.to;
    this.events.once('shutdown', () => delete app.dom.app.dataset.handover);
    const a = kit.text(kit.root, W / 2, 150, `Two players · seed ${session.context.seed}`, { size: 15, color: color.redText, weight: 'bold', caps: true, align: 'center' }, 'p');
    const b = kit.text(kit.root, W / 2, 200, `Pass the device to ${SIDE_NAMES[data.to]}`, { size: 48, weight: 'bold', align: 'center' }, 'h1');
    const c = kit.text(
      kit.root,
      W / 2,
      290,
      `The player of ${SIDE_NAMES[other]}: look away now. Each side's values are private: the screen shows them only to the side whose turn it is, and both sides' values only at the end.`,
      { size: 19, font: 'prose', width: 820, align: 'center' },
      'p',
      'prose',
    );
    kit.fadeIn([a, b, c], 0, 10);
    const go = () => app.go(data.next, data.nextData);
    const label = data.to === 'lab' ? 'I play the lab: show my screen' : 'I play the Department: show my screen';
    kit.button(kit.root, label, { x: W / 2 - 210, y: 470, w: 420, h: 64 }, go, 'primary', { sub: 'or press Enter', data: { action: 'take-device', side: data.to } });
    app.keys((e) => {
      if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        go();
        return true;
      }
      return false;
    });
    app.dom.announce(`Pass the device to ${SIDE_NAMES[data.to]}.`);
  }
}
