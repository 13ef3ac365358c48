// Vitest setup: DOM matchers, and a clean slate of browser storage and language for every test.
import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { setLocale } from '../lib/i18n.svelte';

beforeEach(() => {
  localStorage.clear();
  // English unless a test switches: the tests read the English texts.
  setLocale('en');
});

afterEach(() => {
  localStorage.clear();
});
