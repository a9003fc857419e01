import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/coverage/**',
      '**/.data/**',
      '**/dist/**',
      '**/build/**',
      'web/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts', '**/main.ts', '**/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['services/*/src/**/*.ts', 'contracts/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@livegate/exchange-sim',
                '@livegate/arming',
                '@livegate/execution',
                '@livegate/reconciler',
                '@livegate/gateway',
                '@livegate/devrunner',
                '@livegate/web',
                '@livegate/test-harness',
                '../../*/src/*',
              ],
              message:
                'A service never imports another service: talk over NATS, share only contracts/bus/db/binance/runtime.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['services/**/*.ts', 'contracts/**/*.ts'],
    ignores: ['**/config.ts', '**/main.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read env only in config.ts / main.ts and pass config down.',
        },
      ],
    },
  },
);
