// The export screen's texts, in English and German.
import { defineMessages } from '../../lib/i18n.svelte';

function n(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export const m = defineMessages({
  en: {
    title: 'Exports',
    intro: (organizer: string) =>
      `${organizer}’s data as CSV files, for a spreadsheet or the accountant. Each export shows only what you may see.`,
    nothing: 'There is nothing here you may export.',
    nothingHint: 'Ask an administrator for the permission to view customers or gift cards.',

    customers: 'Customers',
    customersHint: 'Every customer account with its contact details.',
    memberships: 'Memberships',
    membershipsHint: 'Every membership with its customer, type, validity and uses.',
    ledger: 'Credit ledger',
    ledgerHint:
      'One line per credit entry: date, time, terminal or staff user, type, amount, customer and the balance after it.',
    ledgerSummary: 'Credit summary for the accountant',
    ledgerSummaryHint: 'Per day, terminal and type: how many entries and their sum.',
    waitingList: 'Waiting lists',
    waitingListHint: 'Everyone on a waiting list, with the product, their place and any voucher.',

    from: 'From',
    to: 'To (inclusive)',
    rangeHint: 'Whole days in your local time; leave a date empty for no limit.',
    event: 'Event',
    allEvents: 'All events',
    eventsLoadFailed: 'Could not load the events.',
    tryAgain: 'Try again',

    download: 'Download CSV',
    downloading: 'Exporting…',
    failed: 'The export was not made.',
    savedTo: (path: string) => `Saved to ${path}`,
    downloaded: (filename: string) => `Downloaded as ${filename}`,
    rows: (count: number) => (count === 1 ? '1 row' : `${n(count, 'en-GB')} rows`),

    dateInvalid: 'Enter a date.',
    toBeforeFrom: 'The last day must not be before the first.',
  },
  de: {
    title: 'Exporte',
    intro: (organizer: string) =>
      `Die Daten von ${organizer} als CSV-Dateien, für eine Tabellenkalkulation oder die Buchhaltung. Jeder Export enthält nur, was Sie sehen dürfen.`,
    nothing: 'Hier gibt es nichts, was Sie exportieren dürfen.',
    nothingHint: 'Bitten Sie einen Administrator um die Berechtigung, Kunden oder Gutscheinkarten anzusehen.',

    customers: 'Kunden',
    customersHint: 'Alle Kundenkonten mit ihren Kontaktdaten.',
    memberships: 'Mitgliedschaften',
    membershipsHint: 'Alle Mitgliedschaften mit Kunde, Art, Gültigkeit und Nutzungen.',
    ledger: 'Guthabenbuchungen',
    ledgerHint:
      'Eine Zeile pro Guthabenbuchung: Datum, Uhrzeit, Terminal oder Mitarbeiter, Art, Betrag, Kunde und Kontostand danach.',
    ledgerSummary: 'Guthabenübersicht für die Buchhaltung',
    ledgerSummaryHint: 'Pro Tag, Terminal und Art: Anzahl der Buchungen und ihre Summe.',
    waitingList: 'Wartelisten',
    waitingListHint: 'Alle Personen auf einer Warteliste, mit Produkt, Platz und gegebenenfalls Gutschein.',

    from: 'Von',
    to: 'Bis (einschließlich)',
    rangeHint: 'Ganze Tage in Ihrer Ortszeit; lassen Sie ein Datum leer, um nicht zu begrenzen.',
    event: 'Veranstaltung',
    allEvents: 'Alle Veranstaltungen',
    eventsLoadFailed: 'Die Veranstaltungen konnten nicht geladen werden.',
    tryAgain: 'Erneut versuchen',

    download: 'CSV herunterladen',
    downloading: 'Wird exportiert…',
    failed: 'Der Export wurde nicht erstellt.',
    savedTo: (path: string) => `Gespeichert unter ${path}`,
    downloaded: (filename: string) => `Heruntergeladen als ${filename}`,
    rows: (count: number) => (count === 1 ? '1 Zeile' : `${n(count, 'de-DE')} Zeilen`),

    dateInvalid: 'Geben Sie ein Datum ein.',
    toBeforeFrom: 'Der letzte Tag darf nicht vor dem ersten liegen.',
  },
});
