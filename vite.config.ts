import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs, so the built site works from any sub-path of any static host.
  base: './',
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
