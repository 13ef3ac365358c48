// Vite, Svelte and Vitest configuration for the desk UI.
// Run from the repo root with `--config ui/vite.config.ts`; the root is this folder, the
// build goes to ui/dist (Tauri's frontendDist and `tessera serve --ui-dir`).
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
// Where `npm run dev` sends /api requests in a plain browser (a `tessera serve` listener).
const apiTarget = process.env.TESSERA_API_URL ?? 'http://127.0.0.1:8421';

export default defineConfig({
  root,
  // Keep Vite's caches in the root node_modules rather than creating ui/node_modules.
  cacheDir: '../node_modules/.vite',
  plugins: [svelte(), svelteTesting()],
  // Tauri shows its own messages in the terminal; keep them visible.
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    port: 4173,
    strictPort: true,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/__tests__/**/*.test.ts'],
    setupFiles: ['src/testing/setup.ts'],
  },
});
