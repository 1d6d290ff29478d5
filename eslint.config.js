// ESLint flat config. Besides the usual checks, it enforces HOUSE-STYLE's dependency direction:
// a wrong import (ui reaching for Node code, core reaching for Electron or React...) fails `npm run lint`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'worker_threads',
  'zlib',
  'url',
  'stream',
  'util',
  'module',
  'events',
  'readline',
  'buffer',
];
const node = (names) => names.flatMap((n) => [n, `node:${n}`]);
const NODE_ONLY = [
  'better-sqlite3',
  'drizzle-orm',
  'drizzle-orm/*',
  'sqlite-vec',
  'onnxruntime-node',
  'iconv-lite',
  ...node(NODE_BUILTINS),
];
const DOMAINS = ['journal', 'papers', 'tracking', 'stamps', 'comments', 'search', 'io'];

/** A no-restricted-imports rule from plain `paths` (exact names, optional type-only allowance) and `patterns`. */
function restrict({ paths = [], patterns = [], typeOnly = [] }) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [
          ...paths.map((p) =>
            typeof p === 'string'
              ? { name: p, message: `${p} may not be imported here (see HOUSE-STYLE: dependency direction).` }
              : p,
          ),
          ...typeOnly.map((name) => ({
            name,
            allowTypeImports: true,
            message: `Only \`import type\` from ${name} is allowed here.`,
          })),
        ],
        patterns,
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-types/**',
      '**/.turbo/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'bench/.cache/**',
      'resources/models/**',
      'packages/core/drizzle/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      eqeqeq: ['error', 'smart'],
    },
  },
  // Browser code: the UI and the renderer.
  {
    files: ['packages/ui/**/*.{ts,tsx}', 'apps/desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // ui: React and `import type` from core; never Node code, never ml, never electron.
  {
    files: ['packages/ui/src/**/*.{ts,tsx}'],
    ignores: ['packages/ui/src/**/*.test.{ts,tsx}'],
    rules: restrict({
      paths: [...NODE_ONLY.filter((p) => !p.includes('*')), 'electron', '@folio/ml', '@folio/core/blobs'],
      patterns: [
        {
          group: ['drizzle-orm/*', '@folio/core/src/*', '@folio/ml/*', '**/packages/core/**', '**/packages/ml/**'],
          message: 'ui talks to the backend only through the injected FolioApi.',
        },
      ],
      typeOnly: ['@folio/core'],
    }),
  },
  // core: knows nothing of Electron, React, the UI or the ML package (models are injected).
  {
    files: ['packages/core/src/**/*.ts'],
    rules: restrict({
      paths: ['electron', 'react', 'react-dom', '@folio/ui', '@folio/ml', 'onnxruntime-node'],
      patterns: [
        { group: ['@tiptap/*', 'recharts', 'pdfjs-dist/web/*'], message: 'UI libraries belong in packages/ui.' },
        // Domains meet only through each other's index.ts.
        ...DOMAINS.map((d) => ({
          regex: `^(\\.\\./)+${d}/(?!index$|schema$)[^/]+`,
          message: `Import from '../${d}' (its index.ts), not its internals. Domains meet only through index.ts.`,
        })),
      ],
    }),
  },
  // The contract is browser-safe: zod and types only.
  {
    files: ['packages/core/src/contract/**/*.ts'],
    rules: restrict({
      paths: [...NODE_ONLY.filter((p) => !p.includes('*')), 'electron', 'react'],
      patterns: [{ group: ['../*', '!./*'], message: 'The contract imports only itself and zod: it runs in the browser.' }],
    }),
  },
  // ml: onnxruntime-node and contract types only.
  {
    files: ['packages/ml/src/**/*.ts'],
    rules: restrict({
      paths: ['electron', 'react', 'react-dom', '@folio/ui', 'better-sqlite3', 'drizzle-orm'],
      typeOnly: ['@folio/core', '@folio/core/contract'],
      patterns: [{ group: ['@folio/core/*', '!@folio/core/contract'], message: 'ml may use only contract types from core.' }],
    }),
  },
  // preload: only the contract (for the channel whitelist) and electron's renderer-side modules.
  {
    files: ['apps/desktop/src/preload/**/*.ts'],
    rules: restrict({ paths: ['@folio/core', '@folio/ml', '@folio/ui', 'better-sqlite3', 'onnxruntime-node'] }),
  },
  // Electron main stays thin: the database and models live in the backend process.
  {
    files: ['apps/desktop/src/main/**/*.ts'],
    rules: restrict({
      paths: [
        {
          name: '@folio/core',
          message: 'main forwards to the backend process; import @folio/core/contract or @folio/core/blobs only.',
        },
        '@folio/ml',
        'better-sqlite3',
        'onnxruntime-node',
        '@folio/ui',
      ],
    }),
  },
  // Tests may use anything.
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**', 'bench/**', '**/dev/**', '**/scripts/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
