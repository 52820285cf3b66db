import * as Phaser from 'phaser';
import { appOf } from '../app.ts';
import { Kit } from '../kit.ts';
import { SceneKeys, type SceneKey } from '../keys.ts';
import { Pager, type PagedEntry } from '../table-widgets.ts';
import { color, W } from '../theme.ts';

/** The reports the scenario rests on, the facts taken from each, and the credits. */
export class Sources extends Phaser.Scene {
  constructor() {
    super(SceneKeys.Sources);
  }

  create(data: { back?: SceneKey; page?: number } = {}) {
    const app = appOf(this);
    const back = data.back ?? SceneKeys.Title;
    const v = app.session!.sources();
    const kit = new Kit(this, app.dom, app.settings, SceneKeys.Sources, 'Sources and credits');
    kit.text(kit.root, 60, 36, 'Sources and credits', { size: 32, weight: 'bold' }, 'h1');
    const fictional = app.session!.scenario.fictional === true;
    kit.text(kit.root, 60, 82, fictional ? `${app.session!.scenario.title} is fictional: it rests on no reports, and every card in it is marked hypothetical. The real scenario's reports are listed when you play it.` : `Facts as of ${v.asOf}. Cards cite these fact ids; anything else in the game is marked hypothetical.`, { size: 14, color: color.muted, width: 1100 }, 'p');
    let y = 120;
    const colW = (W - 150) / 2;
    v.sources.forEach((s, i) => {
      const x = 60 + i * (colW + 30);
      const region = app.dom.group(kit.root, `Report ${s.id}`);
      kit.panel(x, y, colW, 430);
      kit.text(region, x + 20, y + 16, `Report ${s.id}`, { size: 12, color: color.redText, weight: 'bold', caps: true }, 'h2');
      const t = kit.text(region, x + 20, y + 38, s.title, { size: 17, weight: 'bold', width: colW - 40 }, 'h3');
      const outlet = kit.text(region, x + 20, y + 44 + t.height, s.outlet, { size: 13, color: color.muted, width: colW - 40 }, 'p');
      const date = kit.text(region, x + 20, y + 44 + t.height + outlet.height, s.date, { size: 13, color: color.muted }, 'p');
      const o = { height: outlet.height + date.height };
      const n = kit.text(region, x + 20, y + 54 + t.height + o.height, s.note, { size: 13, font: 'prose', width: colW - 40 }, 'p', 'prose');
      const fy = y + 70 + t.height + o.height + n.height;
      kit.text(region, x + 20, fy, `Facts taken from it (${s.facts.length})`, { size: 12, color: color.redText, weight: 'bold', caps: true }, 'h3');
      // The facts, a page at a time: those that fit the column are drawn, and "More facts" turns the page.
      const list = app.dom.group(region, `Facts from report ${s.id}`, 'ul');
      const style = { size: 11, color: color.small, width: colW - 40 };
      const entries: PagedEntry[] = s.facts.map((f) => {
        const fact = kit.text(list, x + 20, 0, `${f.id}  ${f.text}`, style, 'li');
        return { objects: [fact], el: fact.twin!, height: fact.height };
      });
      const pager = new Pager(entries, fy + 22, y + 392 - (fy + 22), 4);
      if (pager.count > 1) {
        const where = kit.text(region, x + 20, y + 398, '', { size: 11, color: color.muted, italic: true }, 'p', 'muted');
        const say = () => {
          const shown = pager.pages[pager.current]!;
          where.setText(`Facts ${shown[0]! + 1} to ${shown.at(-1)! + 1} of ${s.facts.length}`);
        };
        say();
        pager.withButton(
          (onPress) =>
            kit.button(region, 'More facts', { x: x + colW - 150, y: y + 390, w: 130, h: 30 }, () => {
              onPress();
              say();
            }, 'quiet', { data: { action: `facts-${s.id}` } }),
          (p, count) => (p + 1 < count ? 'More facts' : 'First facts'),
        );
      }
    });
    y += 446;
    const credits = app.dom.group(kit.root, 'Credits');
    kit.text(credits, 60, y, 'Credits', { size: 12, color: color.redText, weight: 'bold', caps: true }, 'h2');
    kit.text(credits, 60, y + 22, 'Built with Phaser, XState, seedrandom, qrcode-generator (Kazuhiko Arase, MIT licence; QR Code is a registered trademark of DENSO WAVE), Vite and Vitest. Fonts: Inter and Source Serif 4 (SIL Open Font License). Art drawn for this project. Facts paraphrased from the two reports above; every one is listed above (More facts) and in the scenario file.', { size: 13, color: color.muted, width: 640 }, 'p');
    kit.button(kit.root, 'Back', { x: W - 280, y: y + 14, w: 220, h: 52 }, () => app.go(back), 'primary', { data: { action: 'back' } });
    // The glossary and the context beyond the reports (version 4 onwards), on their own screen.
    const s = app.session!.scenario;
    const here = { back: SceneKeys.Sources, backData: { back } };
    if (s.glossary?.length) kit.button(kit.root, 'Glossary', { x: W - 280, y: y + 78, w: 220, h: 48 }, () => app.go(SceneKeys.Glossary, { ...here, kind: 'glossary' }), 'secondary', { data: { action: 'glossary' } });
    if (s.context?.length) kit.button(kit.root, 'Who sets the rules', { x: W - 520, y: y + 78, w: 220, h: 48 }, () => app.go(SceneKeys.Glossary, { ...here, kind: 'context' }), 'secondary', { data: { action: 'context' }, sub: 'general background' });
    app.keys((e) => {
      if (e.key === 'Escape') {
        app.go(back);
        return true;
      }
      return false;
    });
  }
}
