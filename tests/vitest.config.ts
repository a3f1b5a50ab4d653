import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'tests',
    include: ['e2e/**/*.test.ts', 'integration/**/*.test.ts'],
    // Stories start real processes and run Argon2id several times: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
