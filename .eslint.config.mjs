// Depot's lint: TypeScript rules plus the layer rules of the architecture (DESIGN.md §5).
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'util', 'stream'];
const layer = (name) => [`**/${name}/**`, `**/${name}`];

const forbid = (...groups) => ({
  'no-restricted-imports': [
    'error',
    { patterns: groups.map(({ group, message }) => ({ group, message })) },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test/**/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: forbid(
      { group: [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', 'kysely', 'pg'], message: 'src/shared is pure TypeScript: no Node, Electron, DOM or database imports.' },
      { group: ['core', 'main', 'preload', 'renderer', 'host', 'cli'].flatMap(layer), message: 'src/shared imports nothing from the other layers.' },
    ),
  },
  {
    files: ['src/core/**', 'src/host/**', 'src/cli/**'],
    rules: forbid(
      { group: ['electron', 'react', 'react-dom'], message: 'Core services run in plain Node: no Electron, no UI.' },
      { group: ['main', 'preload', 'renderer'].flatMap(layer), message: 'Core services never import the Electron or UI layers.' },
    ),
  },
  {
    files: ['src/renderer/**'],
    rules: forbid(
      { group: [...nodeBuiltins, 'electron', 'better-sqlite3', 'kysely', 'pg', 'pdfmake'], message: 'The renderer talks to Depot through the API only.' },
      { group: ['core', 'main', 'preload', 'host', 'cli'].flatMap(layer), message: 'The renderer imports only from src/shared.' },
    ),
  },
);
