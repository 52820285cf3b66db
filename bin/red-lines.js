#!/usr/bin/env node
// Runs the command line on the current TypeScript source (no build step): tsx compiles on load.
// Whatever goes wrong, it prints one line and never a stack trace (exit 3: a bug in red-lines).
import { register } from 'tsx/esm/api';

const bug = (e) => {
  const message = String(e instanceof Error ? e.message : e).split('\n')[0].replace(/\.$/, '');
  process.stderr.write(`red-lines: internal error: ${message}. This is a bug in red-lines; please report it with the command you ran.\n`);
  process.exit(3);
};
process.on('uncaughtException', bug);
process.on('unhandledRejection', bug);
// A reader that stops early (`red-lines sim ... | head -1`) is not an error.
process.stdout.on('error', (e) => (e.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : bug(e)));

try {
  register();
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  bug(e);
}
