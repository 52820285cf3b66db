// Page bootstrap only: the game lives in src/ui, the rules in src/core.
import './ui/style.css';
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-600.css';
import '@fontsource/inter/latin-700.css';
import '@fontsource/source-serif-4/latin-400.css';
import '@fontsource/source-serif-4/latin-400-italic.css';
import { showBoot } from './ui/boot.ts';
import { prefetchScenarios } from './ui/scenarios.ts';
import { FACES } from './ui/theme.ts';

const root = document.getElementById('app')!;
// index.html has painted the title; its menu works from here on (presses wait for the engine).
showBoot(root);
// The scenarios and the canvas's fonts load while the engine does (the Preloader waits for them before the first screen).
prefetchScenarios();
for (const f of FACES) document.fonts?.load(f).catch(() => {});
// The engine (Phaser, the scenes, the rules) is a chunk of its own, loaded after the first paint.
import('./ui/game.ts')
  .then(({ startGame }) => startGame(root))
  .catch((e: unknown) => {
    const line = root.querySelector('.boot-status');
    if (line) line.textContent = `Red Lines could not load: ${(e as Error).message}. Reload the page to try again.`;
    root.querySelector('.boot-menu')?.remove();
  });
