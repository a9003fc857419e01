import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/coverage/**', '**/.data/**', '**/dist/**', '**/build/**', 'web/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts', '**/main.ts', '**/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['services/**/*.ts', 'contracts/**/*.ts'],
    ignores: ['**/config.ts', '**/main.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read env only in config.ts / main.ts and pass config down.' }],
    },
  },
);
