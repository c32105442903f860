// Depot's lint: TypeScript rules plus the layer rules of the architecture (src/README.md, "Layers").
import tseslint from 'typescript-eslint';
import depot from './.eslint/depot-plugin.mjs';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test/**/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      // A feature's contract adds its methods to DepotMethods with `interface DepotMethods extends …Methods {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**'],
    plugins: { depot },
    rules: {
      'depot/layers': 'error',
      'depot/no-cycle': 'error',
      // One way to build a form: useDepotForm, which keeps focus where the person is typing.
      'no-restricted-imports': ['error', { paths: [{ name: 'react-hook-form', importNames: ['useForm'], message: 'Use useDepotForm from base/browser/form.ts.' }] }],
    },
  },
  { files: ['src/base/browser/form.ts'], rules: { 'no-restricted-imports': 'off' } },
);
