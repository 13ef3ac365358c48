// ESLint flat config for the UI (TypeScript + Svelte) and the browser tests.
// Import boundaries (STYLE.md "UI"): only ui/src/lib/backend/ talks to Tauri or the generated
// bindings; features do not import each other; shared code does not import features or app/.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const features = readdirSync(new URL('./ui/src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const backendOnly = {
  regex: '^@tauri-apps/api(/.*)?$|(^|/)bindings(\\.ts|\\.js)?$',
  message: 'Only ui/src/lib/backend/ may import @tauri-apps/api or the generated bindings; use the Backend interface.',
};

function restrictImports(...patterns) {
  return { 'no-restricted-imports': ['error', { patterns: [backendOnly, ...patterns] }] };
}

export default ts.config(
  {
    ignores: ['ui/dist/', 'node_modules/', 'target/', 'src-tauri/', 'ui/src/bindings.ts'],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
      },
    },
  },
  {
    files: ['ui/src/**/*.ts', 'ui/src/**/*.svelte'],
    rules: {
      ...restrictImports(),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'svelte/no-at-html-tags': 'error',
    },
  },
  // Shared layers must not reach up into features or the app.
  {
    files: ['ui/src/components/**', 'ui/src/lib/**'],
    ignores: ['ui/src/lib/backend/**'],
    rules: restrictImports({
      regex: '(^|/)(features|app)/',
      message: 'Shared code (components/, lib/) must not import features/ or app/.',
    }),
  },
  // A feature imports shared code, never another feature nor the app.
  ...features.map((feature) => ({
    files: [`ui/src/features/${feature}/**`],
    rules: restrictImports({
      regex: `^(\\.\\./)+(app|${features.filter((f) => f !== feature).join('|') || '__none__'})(/|$)`,
      message: `features/${feature} must not import other features or app/; compose them in app/.`,
    }),
  })),
  {
    files: ['ui/src/lib/backend/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['ui/vite.config.ts', 'ui/svelte.config.js', 'eslint.config.js', 'tests/**/*.{js,mjs,ts}'],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
);
