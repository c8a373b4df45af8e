// Flat config: @eslint/js and typescript-eslint recommended rules over src/, test/, bench/
// and scripts/. Formatting is Prettier's (npm run format:check), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'coverage/', 'node_modules/', '.omni-tmp-*/', 'test/fixtures/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      // Node's globals (the `globals` package is not a dependency).
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'Buffer',
          'TextEncoder',
          'TextDecoder',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'performance',
          'structuredClone',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: {
      // `_name` marks a value taken apart on purpose (e.g. a destructured field left out).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Non-null assertions follow a check the compiler cannot see (noUncheckedIndexedAccess).
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Sanitising hostile names matches control characters on purpose (escape.ts, terminal-text.ts…).
      'no-control-regex': 'off',
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } } },
  // The VS Code extension is CommonJS by necessity (its package.json has no "type": "module" and
  // VS Code loads extensions with require()), so require() is its import statement there.
  {
    files: ['editors/vscode/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', exports: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
