// Page bootstrap only: the game lives in src/ui, the rules in src/core.
import './ui/style.css';
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-600.css';
import '@fontsource/inter/latin-700.css';
import '@fontsource/source-serif-4/latin-400.css';
import '@fontsource/source-serif-4/latin-400-italic.css';
import { startGame } from './ui/game.ts';

startGame(document.getElementById('app')!);
