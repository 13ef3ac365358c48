// The window's language: English or German (pretix's two main languages), chosen per staff user
// and kept on the user (session.user.locale). Every screen's words come from a catalog of its own
// with both languages; the type makes a missing German text a compile error.
//
//   const m = defineMessages({ en: { save: 'Save', rows: (n: number) => `${n} rows` },
//                              de: { save: 'Speichern', rows: (n: number) => `${n} Zeilen` } });
//   {m().save}   {m().rows(3)}
//
// Dates, times, numbers and money follow the same language (see `intlLocale`).

export type Locale = 'en' | 'de';

export const LOCALES: readonly Locale[] = ['en', 'de'];

/** Each language in its own words, for the language menu. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

const state = $state<{ locale: Locale }>({ locale: 'en' });

/** A user's stored locale as one of the window's languages: "de", "de-informal", "de-AT" → de. */
export function windowLocale(code: string | null | undefined): Locale {
  return (code ?? '').toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The window's language now; reading it in a template or effect re-renders on a change. */
export function locale(): Locale {
  return state.locale;
}

/** Switches the window's language (after login, or when the user picks another). */
export function setLocale(code: string | null | undefined): void {
  state.locale = windowLocale(code);
  if (typeof document !== 'undefined') document.documentElement.lang = state.locale;
}

const STORAGE_KEY = 'tessera.locale';

/**
 * The language before anyone is logged in (login, first setup): the last one chosen or used on this
 * computer, English at first. After login the user's own stored language wins.
 */
export function preLoginLocale(): Locale {
  try {
    return windowLocale(localStorage.getItem(STORAGE_KEY) ?? 'en');
  } catch {
    return 'en';
  }
}

/** Remembers the window's language on this computer for the next login screen (not a secret). */
export function rememberLocale(code: string | null | undefined): void {
  try {
    localStorage.setItem(STORAGE_KEY, windowLocale(code));
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this window only.
  }
}

/** The BCP 47 tag for Intl: dates, times and money as the user reads them. */
export function intlLocale(): string {
  return state.locale === 'de' ? 'de-DE' : 'en-GB';
}

// A catalog entry: a text, or a function of its parameters returning one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Entry = string | ((...args: any[]) => string);

/** A screen's texts in both languages; the returned function gives the current language's. */
export function defineMessages<T extends Record<string, Entry>>(catalog: { en: T; de: NoInfer<T> }): () => T {
  return () => catalog[state.locale];
}
