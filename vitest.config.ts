import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'scratch'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI asks for a JSON report to total every suite it runs.
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
});
