/**
 * What the canvas shows, in words, for the browser tests' canvas/DOM parity check: every text
 * object drawn on the canvas now (in the running scenes, visible, not transparent, at least partly
 * inside the canvas). Set on #app as `canvasTexts()`, like the page's other test hooks there.
 * Text the kit marks as decoration (a bullet, an arrow, a chart's axis numbers that the DOM gives
 * as a table) is reported with `decor: true`, so the check can skip it.
 */
import * as Phaser from 'phaser';
import { spoken } from './glyphs.ts';
import { H, W } from './theme.ts';

export interface CanvasText {
  text: string;
  /** The text in words, as a DOM twin says it (glyphs.ts). */
  words: string;
  scene: string;
  x: number;
  y: number;
  decor: boolean;
}

/** Marks a canvas text as decoration: it has no words of its own for the DOM to repeat. */
export const markDecor = <T extends Phaser.GameObjects.GameObject>(o: T): T => o.setData('decor', true);

function visibleAlpha(o: Phaser.GameObjects.GameObject): boolean {
  for (let p: Phaser.GameObjects.GameObject | null = o; p; p = p.parentContainer) {
    const v = p as unknown as { visible?: boolean; alpha?: number };
    if (v.visible === false || v.alpha === 0) return false;
  }
  return true;
}

/** Every text the running scenes draw now (pure reading of the display lists). */
export function canvasTexts(game: Phaser.Game): CanvasText[] {
  const out: CanvasText[] = [];
  const walk = (scene: Phaser.Scene, list: Phaser.GameObjects.GameObject[]) => {
    for (const o of list) {
      // By type name: the page's Phaser is a core build without some classes (containers among them).
      const list = (o as { list?: unknown }).list;
      if (Array.isArray(list)) walk(scene, list as Phaser.GameObjects.GameObject[]);
      if (o.type !== 'Text' || !o.active || !visibleAlpha(o)) continue;
      const t = o as Phaser.GameObjects.Text;
      const b = t.getBounds();
      if (b.right <= 0 || b.bottom <= 0 || b.left >= W || b.top >= H || b.width < 1) continue;
      if (t.text.trim() === '') continue;
      out.push({ text: t.text, words: spoken(t.text), scene: scene.scene.key, x: Math.round(b.x), y: Math.round(b.y), decor: t.getData('decor') === true });
    }
  };
  for (const scene of game.scene.getScenes(true)) walk(scene, scene.children.list);
  return out;
}

/** Sets the hook on the page's root element. */
export function exposeCanvasTexts(root: HTMLElement, game: Phaser.Game) {
  (root as HTMLElement & { canvasTexts?: () => CanvasText[] }).canvasTexts = () => canvasTexts(game);
}
