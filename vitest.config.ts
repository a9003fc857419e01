import { configDefaults, defineConfig } from 'vitest/config';

const intPattern = '**/*.int.test.ts';

export default defineConfig({
  test: {
    coverage: {
      provider: 'v8',
      include: ['contracts/src/**/*.ts', 'services/*/src/**/*.ts'],
      exclude: ['**/main.ts', '**/*.test.ts', '**/*.d.ts'],
      reporter: ['text-summary', 'text', 'json-summary'],
      thresholds: { perFile: true, lines: 100, branches: 100, functions: 100, statements: 100 },
    },
    projects: [
      'web/vitest.config.ts',
      {
        test: {
          name: 'unit',
          include: ['contracts/**/*.test.ts', 'services/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, intPattern],
        },
      },
      {
        test: {
          name: 'int',
          include: [intPattern],
          exclude: [...configDefaults.exclude],
          globalSetup: ['tests/harness/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
