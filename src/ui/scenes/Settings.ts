import * as Phaser from 'phaser';
import { appOf } from '../app.ts';
import { Kit } from '../kit.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import type { Settings } from '../settings.ts';
import { color, W } from '../theme.ts';

type Row<K extends keyof Settings> = { key: K; title: string; help: string; options: [Settings[K], string][] };

/** Settings: text size, reduced motion, text view, reading level. */
export class SettingsScene extends Phaser.Scene {
  constructor() {
    super(SceneKeys.Settings);
  }

  create(data: { back?: SceneKey } = {}) {
    const app = appOf(this);
    const back = data.back ?? SceneKeys.Title;
    const kit = new Kit(this, app.dom, app.settings, SceneKeys.Settings, 'Settings');
    kit.text(kit.root, 80, 48, 'Settings', { size: 34, weight: 'bold' }, 'h1');
    kit.text(kit.root, 80, 96, 'Saved in this browser only.', { size: 14, color: color.muted }, 'p');
    const rows: Row<keyof Settings>[] = [
      { key: 'textSize', title: 'Text size', help: 'Larger text on the table and in the text view.', options: [['normal', 'Normal'], ['large', 'Large'], ['larger', 'Larger']] },
      { key: 'reducedMotion', title: 'Reduced motion', help: 'No sliding or animated meters. "System" follows your device.', options: [['system', 'System'], ['on', 'On'], ['off', 'Off']] },
      { key: 'textView', title: 'Text view', help: 'The whole game as a page of text and buttons: for screen readers, phones and browsers without WebGL. "Auto" turns it on for narrow screens.', options: [['auto', 'Auto'], ['on', 'On'], ['off', 'Off']] },
      { key: 'level', title: 'Reading level', help: 'Simple uses short sentences and plain words.', options: [['standard', 'Standard'], ['simple', 'Simple']] },
    ] as Row<keyof Settings>[];
    let y = 150;
    for (const row of rows) {
      const group = app.dom.group(kit.root, row.title, 'div');
      kit.panel(80, y, W - 160, 104);
      kit.text(group, 104, y + 16, row.title, { size: 18, weight: 'bold' }, 'h2');
      kit.text(group, 104, y + 46, row.help, { size: 13, color: color.muted, width: 520 }, 'p', 'muted');
      const fixed = row.key === 'level' && app.classMode !== null;
      if (fixed) kit.text(group, 700, y + 80, "Fixed by your class link.", { size: 12, color: color.gold }, 'p');
      row.options.forEach(([value, label], i) => {
        const on = app.settings[row.key] === value;
        kit.button(group, label, { x: 700 + i * 152, y: y + 30, w: 140, h: 44 }, () => {
          (app.settings as unknown as Record<string, unknown>)[row.key] = value;
          app.saveSettings();
          this.scene.restart({ back });
        }, 'tab', { pressed: on, description: row.title, data: { setting: row.key, value: String(value) }, disabled: fixed });
      });
      y += 118;
    }
    kit.button(kit.root, 'Done', { x: W - 300, y: 630, w: 220, h: 52 }, () => app.go(back), 'primary', { data: { action: 'done' } });
    app.keys((e) => {
      if (e.key === 'Escape') {
        app.go(back);
        return true;
      }
      return false;
    });
  }
}
