import { defineConfig } from 'vitest/config';

// The lab integration suite (npm run test:lab): brings the container lab up, runs, tears it down.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/lab/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 1_200_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
