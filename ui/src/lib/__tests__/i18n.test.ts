import { describe, expect, it } from 'vitest';
import { AppError } from '../backend/backend';
import { describeError } from '../errors';
import { intlLocale, locale, preLoginLocale, rememberLocale, setLocale, windowLocale } from '../i18n.svelte';
import { formatDateTime } from '../local-time';
import { localeLabel } from '../locales';
import { formatMoney, parseMoneyInput } from '../money';
import { nameFieldLabel, salutationLabel } from '../name-fields';

type Catalog = () => Record<string, unknown>;

/** Every catalog of every messages.ts in the UI, by file and export name. */
const catalogs: [string, Catalog][] = Object.entries(
  import.meta.glob<Record<string, unknown>>('/src/**/messages.ts', { eager: true }),
).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, Catalog] => typeof entry[1] === 'function')
    .map(([name, catalog]): [string, Catalog] => [`${file} ${name}`, catalog]),
);

/** The catalog's texts in `wanted`. */
function texts(catalog: Catalog, wanted: 'en' | 'de'): Record<string, unknown> {
  setLocale(wanted);
  return catalog();
}

describe('the catalogs', () => {
  it('are found in the shared helpers, the components, the app and every feature', () => {
    const files = new Set(catalogs.map(([name]) => name.split(' ')[0]));
    for (const folder of ['lib', 'components', 'app', 'features/customers', 'features/events', 'features/teams']) {
      expect(files.has(`/src/${folder}/messages.ts`), folder).toBe(true);
    }
  });

  it.each(catalogs)('%s has German for every English text, and nothing else', (_, catalog) => {
    const en = texts(catalog, 'en');
    const de = texts(catalog, 'de');
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en)) {
      const german = de[key];
      expect(typeof german, key).toBe(typeof english);
      if (typeof english === 'function' && typeof german === 'function') {
        expect(german.length, `${key} takes the same parameters`).toBe(english.length);
      } else {
        expect(german, `${key} is not empty`).not.toBe('');
      }
    }
  });
});

describe('the window language', () => {
  it('reads a user locale as one of the two languages', () => {
    expect(windowLocale('de')).toBe('de');
    expect(windowLocale('de-informal')).toBe('de');
    expect(windowLocale('DE-AT')).toBe('de');
    expect(windowLocale('nl')).toBe('en');
    expect(windowLocale(null)).toBe('en');
  });

  it('sets the document language and the Intl locale', () => {
    setLocale('de');
    expect(locale()).toBe('de');
    expect(intlLocale()).toBe('de-DE');
    expect(document.documentElement.lang).toBe('de');
    setLocale('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('remembers the language before login on this computer, English at first', () => {
    expect(preLoginLocale()).toBe('en');
    rememberLocale('de-informal');
    expect(preLoginLocale()).toBe('de');
    expect(localStorage.getItem('tessera.locale')).toBe('de');
  });
});

describe('the shared helpers in German', () => {
  it('format money and times in the window language, not the browser’s', () => {
    expect(formatMoney('12.50', 'EUR')).toBe('€12.50');
    expect(formatDateTime('2026-12-24T18:30:00Z')).toMatch(/24 Dec 2026/);
    setLocale('de');
    expect(formatMoney('12.50', 'EUR')).toBe('12,50\u00a0€');
    expect(formatMoney('1234.05', 'EUR', { signed: true })).toBe('+1.234,05\u00a0€');
    expect(formatDateTime('2026-12-24T18:30:00Z')).toMatch(/^24\.12\.2026, \d{2}:30$/);
  });

  it('read typed amounts either way, and say what is wrong in German', () => {
    setLocale('de');
    expect(parseMoneyInput('12,50', 2)).toEqual({ ok: true, value: '12.50' });
    expect(parseMoneyInput('12.50', 2)).toEqual({ ok: true, value: '12.50' });
    expect(parseMoneyInput('12,505', 2)).toEqual({ ok: false, error: 'Geben Sie höchstens 2 Nachkommastellen ein.' });
    expect(parseMoneyInput('', 2)).toEqual({ ok: false, error: 'Geben Sie einen Betrag ein, zum Beispiel 12,50.' });
  });

  it('name languages, name fields and salutations in German', () => {
    expect(localeLabel('de-informal')).toBe('German (informal “Du”)');
    setLocale('de');
    expect(localeLabel('de')).toBe('Deutsch');
    expect(localeLabel('en')).toBe('Englisch');
    expect(localeLabel('de-informal')).toBe('Deutsch (informell, „Du“)');
    expect(localeLabel('pt-br')).toBe('Portugiesisch (Brasilien)');
    expect(localeLabel('no such tag!')).toBe('no such tag!');
    expect(nameFieldLabel('given_name')).toBe('Vorname');
    expect(salutationLabel('Ms')).toBe('Frau');
  });

  it('say what to do next in German, with the server’s own message as it was sent', () => {
    setLocale('de');
    const described = describeError(new AppError('not_found', 'This customer does not exist.'));
    expect(described).toEqual({
      message: 'This customer does not exist.',
      action: 'Es wurde inzwischen vielleicht entfernt. Suchen Sie erneut.',
    });
    expect(describeError(new AppError('network', 'Failed to fetch')).message).toBe('Tessera ist nicht erreichbar.');
  });
});
