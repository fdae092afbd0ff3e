import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      eqeqeq: 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='style']", message: 'The CSP forbids inline styles.' },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never inject raw HTML.',
        },
      ],
    },
  },
  // Layering: app -> features -> {components, api, domain}; nothing imports upwards.
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/api/**', '**/components/**', '**/features/**', '**/app/**', 'preact*'] },
      ],
    },
  },
  {
    files: ['src/api/**', 'src/components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/features/**', '**/app/**'] }],
    },
  },
  {
    files: ['src/features/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/app/**'] }] },
  },
  // A feature's tests may render it with the real English catalogue (never bundled).
  {
    files: ['src/features/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)app/(?!messages/en$)' }] }],
    },
  },
  {
    files: ['vite.config.ts', 'vitest.config.ts'],
    extends: [...tseslint.configs.strict],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  // Callbacks passed to page.evaluate() run in the browser.
  {
    files: ['e2e/**/*.test.mjs', 'e2e/harness.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
