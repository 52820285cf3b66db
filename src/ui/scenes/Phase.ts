import * as Phaser from 'phaser';
import { appOf } from '../app.ts';
import { Kit } from '../kit.ts';
import { longDate } from '../words.ts';
import { SceneKeys } from '../keys.ts';
import { color, W } from '../theme.ts';

/** A phase change as a moment of its own: the talks begin, collapse, the label lands, talks reopen. */
export class PhaseScene extends Phaser.Scene {
  constructor() {
    super(SceneKeys.Phase);
  }

  create(data: { fresh?: string[]; before?: Record<string, number> } = {}) {
    const app = appOf(this);
    const session = app.session!;
    const v = session.phase(app.settings.level);
    const kit = new Kit(this, app.dom, app.settings, SceneKeys.Phase, `Phase ${v.number}: ${v.title}`);
    kit.backdrop(0.15);
    const g = this.add.graphics();
    const lineW = kit.motion ? 0 : 900;
    g.fillStyle(color.red, 1).fillRect(W / 2 - lineW / 2, 300, lineW, 4);
    if (kit.motion) this.tweens.addCounter({ from: 0, to: 900, duration: 900, ease: 'Cubic.easeOut', onUpdate: (t) => g.clear().fillStyle(color.red, 1).fillRect(W / 2 - (t.getValue() ?? 0) / 2, 300, t.getValue() ?? 0, 4) });

    const a = kit.text(kit.root, W / 2, 150, `Phase ${v.number} of ${v.of}`, { size: 15, color: color.redText, weight: 'bold', caps: true, align: 'center' }, 'p');
    const b = kit.text(kit.root, W / 2, 184, v.title, { size: 64, weight: 'bold', align: 'center' }, 'h1');
    const c = kit.text(kit.root, W / 2, 262, longDate(v.date), { size: 16, color: color.muted, align: 'center' }, 'p');
    const d = kit.text(kit.root, W / 2, 330, v.banner, { size: 21, font: 'prose', width: 860, align: 'center' }, 'p', 'prose');
    app.markTerms(kit, d);
    kit.grounding(kit.root, W / 2, 340 + d.height + 14, v, 600, 'center');
    kit.fadeIn([a, b, c], 100, 12);
    kit.fadeIn([d], 500, 12);
    const go = () => app.go(SceneKeys.Table, data);
    kit.button(kit.root, 'Continue', { x: W / 2 - 110, y: 600, w: 220, h: 56 }, go, 'primary', { sub: 'or press Enter', data: { action: 'continue' } });
    app.keys((e) => {
      if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        go();
        return true;
      }
      return false;
    });
    app.dom.announce(`Phase ${v.number} of ${v.of}: ${v.title}.`);
  }
}
