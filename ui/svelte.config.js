// Svelte compiler options for the UI (read by vite-plugin-svelte and svelte-check).
// TypeScript in components needs no preprocessor with Svelte 5.
/** @type {import('svelte/compiler').CompileOptions & Record<string, unknown>} */
export default {
  compilerOptions: {
    runes: true,
  },
};
