import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'web/src/api/schema.d.ts', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Modules talk to each other only through their index.ts (tables may reference another module's schema.ts for foreign keys).
              regex: '^\\.\\./(?!\\.\\./)[a-z-]+/(?!(index|schema)\\.js$).+',
              message: 'Import another module only through its index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main.ts', 'web/**', 'test/**', 'bench/**', 'seed/**', 'scripts/**', 'src/platform/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
