import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each project sets its own `include` (with `extends: true` a root `include` would be added to
    // the e2e project's, and the unit tests would run twice).
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CI reads the JSON report to print its "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], sequence: { groupOrder: 0 } },
      },
      {
        // Real Chromium against the built site. One browser at a time, after the unit tests:
        // a software-rendered WebGL page takes most of a 2-core machine by itself.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          // Generous: a frame takes ~0.1-0.2 s in software WebGL, more when the machine is shared.
          testTimeout: 300_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
