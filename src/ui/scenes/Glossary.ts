import * as Phaser from 'phaser';
import { contextView, glossaryView } from '../../core/glossary.ts';
import { appOf } from '../app.ts';
import { Kit } from '../kit.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import { printGlossary } from '../print.ts';
import { Pager, type PagedEntry } from '../table-widgets.ts';
import { color, W } from '../theme.ts';

type Kind = 'glossary' | 'context';

/**
 * The scenario's glossary (every term, its definition at the reading level and its grounding), or
 * the context beyond the reports (who sets such rules in general, labelled as background); both a
 * page at a time, and printable.
 */
export class Glossary extends Phaser.Scene {
  constructor() {
    super(SceneKeys.Glossary);
  }

  create(data: { back?: SceneKey; backData?: object; kind?: Kind } = {}) {
    const app = appOf(this);
    const back = () => app.go(data.back ?? SceneKeys.Sources, data.backData ?? { back: SceneKeys.Title });
    const s = app.session!.scenario;
    const level = app.settings.level;
    const kind: Kind = data.kind === 'context' && s.context?.length ? 'context' : 'glossary';
    const terms = glossaryView(s, level);
    const context = contextView(s, level);
    const heading = kind === 'glossary' ? 'Glossary' : 'Who sets such rules';
    const kit = new Kit(this, app.dom, app.settings, SceneKeys.Glossary, heading);
    kit.text(kit.root, 60, 36, heading, { size: 32, weight: 'bold' }, 'h1');
    const intro =
      kind === 'glossary'
        ? terms.length
          ? `${terms.length} terms of ${s.title}${s.fictional ? ' (fictional)' : ''}. In the game each is marked with dots where it first appears on a screen: point at it, tap it or move the keyboard focus to it to read it here. Terms from the reports cite their facts; general ones say they are background.`
          : `${s.title} version ${s.version} has no glossary; version 4 and later explain their terms.`
        : 'General background, not from the two reports: who makes and checks such rules in the United States in general. It says nothing of what the two reports say happened; check each point where it says.';
    kit.text(kit.root, 60, 82, intro, { size: 14, color: kind === 'context' ? color.gold : color.muted, width: 1100 }, 'p', kind === 'context' ? 'background-note' : '');

    const top = 154;
    const list = app.dom.group(kit.root, kind === 'glossary' ? 'Terms' : 'Who sets such rules (general background)', kind === 'glossary' ? 'ul' : 'div');
    const entries: PagedEntry[] =
      kind === 'glossary'
        ? terms.map((t) => {
            const li = app.dom.make('li', { class: 'term-entry', 'data-term': t.id });
            list.append(li);
            const name = kit.text(li, 60, 0, t.term, { size: 16, weight: 'bold', color: color.gold, width: 250 }, 'h2');
            const def = kit.text(li, 330, 0, t.text, { size: 15, font: 'prose', width: 880 }, 'p', 'prose');
            const src = kit.text(li, 330, def.height + 4, t.grounding, { size: 12, color: color.muted, italic: true, width: 880 }, 'p', 'muted');
            return { objects: [name, def, src], el: li, height: Math.max(name.height, def.height + 4 + src.height) };
          })
        : context.map((c) => {
            const sec = app.dom.make('section', { 'aria-label': c.title });
            list.append(sec);
            const name = kit.text(sec, 60, 0, c.title, { size: 16, weight: 'bold', color: color.gold, width: 250 }, 'h2');
            const def = kit.text(sec, 330, 0, c.text, { size: 15, font: 'prose', width: 880 }, 'p', 'prose');
            const src = kit.text(sec, 330, def.height + 4, `Check it: ${c.check}`, { size: 12, color: color.muted, italic: true, width: 880 }, 'p', 'muted');
            return { objects: [name, def, src], el: sec, height: Math.max(name.height, def.height + 4 + src.height) };
          });
    const pager = new Pager(entries, top, 610 - top, 16);
    if (pager.count > 1) {
      pager.withButton(
        (onPress) => kit.button(kit.root, 'More', { x: 60, y: 640, w: 200, h: 52 }, onPress, 'secondary', { data: { action: 'more' } }),
        (p, count) => (p + 1 < count ? `More (page ${p + 2} of ${count})` : 'Back to page 1'),
      );
    }
    let x = W - 280;
    kit.button(kit.root, 'Back', { x, y: 640, w: 220, h: 52 }, back, 'primary', { data: { action: 'back' } });
    if (terms.length || context.length) {
      x -= 240;
      kit.button(kit.root, 'Print', { x, y: 640, w: 220, h: 52 }, () => {
        printGlossary(s.title, terms, context);
        this.events.once('shutdown', () => document.getElementById('print')?.remove());
        try {
          print();
        } catch {
          app.dom.announce('This browser cannot print from here.');
        }
      }, 'secondary', { data: { action: 'print' }, description: 'The glossary and the background on one handout (choose "Save as PDF" to keep it)' });
    }
    if (context.length) {
      x -= 240;
      const other: Kind = kind === 'glossary' ? 'context' : 'glossary';
      kit.button(kit.root, other === 'context' ? 'Who sets the rules' : 'Glossary', { x, y: 640, w: 220, h: 52 }, () => app.go(SceneKeys.Glossary, { ...data, kind: other }), 'quiet', { data: { action: other } });
    }
    app.keys((e) => {
      if (e.key === 'Escape') {
        back();
        return true;
      }
      return false;
    });
  }
}
