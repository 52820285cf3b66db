/** Creates the game in a factory, so importing a module starts nothing. */
import * as Phaser from 'phaser';
import { App } from './app.ts';
import { DomLayer } from './dom.ts';
import { exposeCanvasTexts } from './probe.ts';
import { RenderScheduler } from './render.ts';
import { Boot } from './scenes/Boot.ts';
import { Briefing } from './scenes/Briefing.ts';
import { Compare } from './scenes/Compare.ts';
import { Ending } from './scenes/Ending.ts';
import { Classroom } from './scenes/Classroom.ts';
import { Odds } from './scenes/Odds.ts';
import { Results } from './scenes/Results.ts';
import { PhaseScene } from './scenes/Phase.ts';
import { Replay } from './scenes/Replay.ts';
import { Runs } from './scenes/Runs.ts';
import { Preloader } from './scenes/Preloader.ts';
import { SettingsScene } from './scenes/Settings.ts';
import { Sources } from './scenes/Sources.ts';
import { Table } from './scenes/Table.ts';
import { Title } from './scenes/Title.ts';
import { H, W } from './theme.ts';

function hasWebGL(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

export function startGame(root: HTMLElement): App {
  const dom = new DomLayer(root, root.querySelector<HTMLElement>('#a11y')!);
  // The table art (a CSS layer under the canvas, see Kit.backdrop) is in index.html: it is painted
  // with the page's own title, before the engine loads.
  const game = root.querySelector<HTMLElement>('#game')!;
  const webgl = hasWebGL();
  const app = new App(dom, webgl);
  const phaser = new Phaser.Game({
    // Without WebGL the canvas renderer still draws, and the text view is the main view.
    type: webgl ? Phaser.WEBGL : Phaser.CANVAS,
    parent: game,
    width: W,
    height: H,
    // Transparent: the page's background colour and the table art (a CSS layer) show through.
    transparent: true,
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    // The DOM layer takes all input; Phaser only draws.
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    banner: false,
    audio: { noAudio: true },
    scene: [Boot, Preloader, Title, Briefing, Table, PhaseScene, Ending, Sources, SettingsScene, Replay, Runs, Compare, Odds, Classroom, Results],
    callbacks: {
      preBoot: (g) => {
        g.registry.set('app', app);
        // Render on demand: the loop sleeps while nothing changes (src/ui/render.ts).
        app.render = new RenderScheduler(g, root);
      },
    },
  });
  app.game = phaser;
  exposeCanvasTexts(root, phaser);
  phaser.scale.on('resize', () => dom.fit());
  // Scale.FIT settles after the first frame; fit the layer once it has.
  phaser.events.once('poststep', () => dom.fit());
  addEventListener('load', () => dom.fit());
  return app;
}
