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
import { Handover } from './scenes/Handover.ts';
import { Send } from './scenes/Send.ts';
import { Results } from './scenes/Results.ts';
import { PhaseScene } from './scenes/Phase.ts';
import { Replay } from './scenes/Replay.ts';
import { Runs } from './scenes/Runs.ts';
import { Preloader } from './scenes/Preloader.ts';
import { SettingsScene } from './scenes/Settings.ts';
import { Sources } from './scenes/Sources.ts';
import { Glossary } from './scenes/Glossary.ts';
import { Table } from './scenes/Table.ts';
import { Talks } from './scenes/Talks.ts';
import { Title } from './scenes/Title.ts';
import { H, W } from './theme.ts';

/** What WebGL the browser offers: none, or a renderer by name ('' when it does not say). */
function webglInfo(): { ok: boolean; renderer: string } {
  try {
    const c = document.createElement('canvas');
    const gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return { ok: false, renderer: '' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String((ext && gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) ?? gl.getParameter(gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { ok: true, renderer };
  } catch {
    return { ok: false, renderer: '' };
  }
}

/** A WebGL drawn by the processor, not a graphics card: school laptops with a blocked GPU, virtual machines, headless browsers. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

/**
 * Which renderer draws: WebGL on a graphics card; the canvas renderer without WebGL, and where
 * WebGL is software-rendered, since there it draws a meter animation 3 to 5 times faster (frame
 * p95 17-33 ms against 83-100 ms, headless Chromium's SwiftShader at 1280x720). `?renderer=webgl`
 * or `?renderer=canvas` forces one (for tests and comparisons).
 */
function chooseRenderer(gl: { ok: boolean; renderer: string }): { type: number; name: 'webgl' | 'canvas'; why: string } {
  const forced = new URLSearchParams(location.search).get('renderer');
  if (forced === 'canvas') return { type: Phaser.CANVAS, name: 'canvas', why: 'asked for by the address' };
  if (!gl.ok) return { type: Phaser.CANVAS, name: 'canvas', why: 'no WebGL' };
  if (forced === 'webgl') return { type: Phaser.WEBGL, name: 'webgl', why: 'asked for by the address' };
  if (SOFTWARE_GL.test(gl.renderer)) return { type: Phaser.CANVAS, name: 'canvas', why: `WebGL is software-rendered (${gl.renderer.slice(0, 60)})` };
  return { type: Phaser.WEBGL, name: 'webgl', why: 'a graphics card' };
}

export function startGame(root: HTMLElement): App {
  const dom = new DomLayer(root, root.querySelector<HTMLElement>('#a11y')!);
  // The table art (a CSS layer under the canvas, see Kit.backdrop) is in index.html: it is painted
  // with the page's own title, before the engine loads.
  const game = root.querySelector<HTMLElement>('#game')!;
  const gl = webglInfo();
  // Without WebGL the canvas renderer still draws, and the text view is the main view.
  const app = new App(dom, gl.ok);
  const renderer = chooseRenderer(gl);
  root.dataset.renderer = renderer.name;
  root.dataset.rendererWhy = renderer.why;
  const phaser = new Phaser.Game({
    type: renderer.type,
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
    scene: [Boot, Preloader, Title, Briefing, Table, Talks, PhaseScene, Ending, Sources, SettingsScene, Replay, Runs, Compare, Odds, Classroom, Results, Handover, Send, Glossary],
    callbacks: {
      preBoot: (g) => {
        g.registry.set('app', app);
        // Render on demand: the loop sleeps while nothing changes (src/ui/render.ts).
        new RenderScheduler(g, root);
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
