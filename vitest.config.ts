import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI and process tests run the production bundle: build it once, first.
    globalSetup: ['test/support/build.ts'],
    // End-to-end tests start real HTTP servers and child processes; give them room on a shared machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests must never depend on the machine's time zone: the product always uses the organisation's.
    env: { TZ: 'America/Los_Angeles' },
  },
});
