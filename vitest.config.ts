import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'drivers/**/*.test.ts', 'checks/**/*.test.ts', 'sims/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['tests/lab/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
