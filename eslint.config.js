import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Layers (README, "Architecture"): ui → store → db → security → engine. Each folder may import only
 * the layers below it; `src/store` is the only door to `src/db`. The engine folders (pure TypeScript
 * that runs in workers, Node and the CLI) import no app layer, no i18n, and use no DOM global.
 */
export const ENGINE_FOLDERS = ['radiomics', 'imaging', 'roi', 'qpcr', 'model', 'util', 'demo'];

/** An import of the folder `name` under src (relative or not), as a regular expression. */
const folder = (...names) => `(^|/)(src/)?(${names.join('|')})(/|$)`;
const layer = (files, forbidden, message, allowTypeImports = false) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: folder(...forbidden), message, ...(allowTypeImports ? { allowTypeImports } : {}) },
        ],
      },
    ],
  },
});

/** Globals that exist only in a page (or a page-like worker), never in the engine. */
export const ENGINE_FORBIDDEN_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'fetch',
  'XMLHttpRequest',
  'HTMLElement',
  'HTMLCanvasElement',
  'OffscreenCanvas',
  'CanvasRenderingContext2D',
  'Image',
  'ImageData',
  'createImageBitmap',
  'alert',
  'requestAnimationFrame',
  'BroadcastChannel',
].map((name) => ({ name, message: 'The engine folders run in workers, Node and the CLI: no DOM globals.' }));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'screenshots', 'bench-results', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  layer(['src/ui/**'], ['db', 'security'], 'The UI reaches the databases and the lock through src/store.'),
  layer(['src/store/**'], ['ui'], 'src/store must not import the UI.'),
  layer(['src/db/**'], ['ui', 'store'], 'src/db is below src/store: it must not import it or the UI.'),
  layer(
    ['src/security/**'],
    ['ui', 'store', 'db'],
    'src/security is below src/db (db seals records with it): only type imports of src/db/types.',
    true,
  ),
  layer(
    ['src/i18n/**', 'src/cli/**'],
    ['ui', 'store', 'db', 'security'],
    'The language resources and the CLI use only the engine folders.',
  ),
  layer(
    [...ENGINE_FOLDERS.map((f) => `src/${f}/**`), 'workers/**'],
    ['ui', 'store', 'db', 'security', 'cli', 'i18n'],
    'The engine folders import no app layer and no language resources (messages are codes).',
  ),
  {
    files: ENGINE_FOLDERS.map((f) => `src/${f}/**`),
    rules: { 'no-restricted-globals': ['error', ...ENGINE_FORBIDDEN_GLOBALS] },
  },
);
