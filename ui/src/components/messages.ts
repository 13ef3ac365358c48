// The shared components' texts, in English and German.
import { defineMessages } from '../lib/i18n.svelte';

export const m = defineMessages({
  en: {
    cancel: 'Cancel',
    working: 'Working…',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy; select it and copy it by hand.',
    tryAgain: 'Try again',
    language: 'Language',
  },
  de: {
    cancel: 'Abbrechen',
    working: 'Wird ausgeführt…',
    copy: 'Kopieren',
    copied: 'Kopiert',
    copyFailed: 'Kopieren nicht möglich; markieren Sie den Text und kopieren Sie ihn von Hand.',
    tryAgain: 'Erneut versuchen',
    language: 'Sprache',
  },
});
