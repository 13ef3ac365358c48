// The start screen's texts, in English and German.
import { defineMessages } from '../../lib/i18n.svelte';

/** A count as the language writes it (1,250 / 1.250). */
function n(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export const m = defineMessages({
  en: {
    title: 'Overview',
    intro: (organizer: string, day: string) => `${organizer} today, ${day}: credit since midnight, and what needs attention.`,
    updated: (time: string) => `Updated ${time}`,
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
    loading: 'Loading…',
    loadFailed: 'Could not load the overview.',
    tryAgain: 'Try again',

    topups: 'Top-ups today',
    charges: 'Charges today',
    refunds: 'Refunds today',
    topupCount: (count: number) => (count === 1 ? '1 top-up' : `${n(count, 'en-GB')} top-ups`),
    chargeCount: (count: number) => (count === 1 ? '1 charge' : `${n(count, 'en-GB')} charges`),
    refundCount: (count: number) => (count === 1 ? '1 refund' : `${n(count, 'en-GB')} refunds`),

    perHour: 'Credit per hour',
    legendTopups: 'Top-ups',
    legendCharges: 'Charges',
    chartLabel: (topups: string, charges: string) =>
      `Bar chart of top-ups and charges per hour today: ${topups} topped up and ${charges} charged in all. The figures per hour follow in a table.`,
    tableCaption: 'Top-ups and charges per hour today',
    hour: 'Hour',

    memberships: 'Active memberships',
    noMemberships: 'No membership is valid today.',
    membershipsTotal: (count: number) => (count === 1 ? '1 in all' : `${n(count, 'en-GB')} in all`),

    waitingLists: 'Waiting lists',
    noWaiting: 'Nobody is waiting.',
    waiting: (count: number) => `${n(count, 'en-GB')} waiting`,
    withVoucher: (count: number) => (count === 1 ? '1 has a voucher' : `${n(count, 'en-GB')} have a voucher`),

    terminals: 'Terminals',
    terminalsHint: 'Seen in the last 10 minutes.',
    noTerminals: 'No terminal was seen in the last 10 minutes.',
    minutesAgo: (minutes: number) => (minutes < 1 ? 'just now' : `${n(minutes, 'en-GB')} min ago`),

    outbox: 'Outbox',
    queued: 'Queued',
    failed: 'Failed',
    sentToday: 'Sent today',
    oldestQueued: (time: string) => `Oldest queued mail from ${time}.`,
    openOutbox: 'Open the Outbox',

    lastBackup: 'Last backup',
    noBackup: 'There is no backup yet.',
    staleBackup: (days: number) => `The last backup is ${n(days, 'en-GB')} days old.`,
    missingBackup: 'The last backup file is missing.',
    backupAdvice: 'Back up now, and set a schedule so that it happens by itself.',
    openBackups: 'Open Backups',
  },
  de: {
    title: 'Übersicht',
    intro: (organizer: string, day: string) =>
      `${organizer} heute, ${day}: Guthaben seit Mitternacht und was Aufmerksamkeit braucht.`,
    updated: (time: string) => `Aktualisiert ${time}`,
    refresh: 'Aktualisieren',
    refreshing: 'Wird aktualisiert…',
    loading: 'Wird geladen…',
    loadFailed: 'Die Übersicht konnte nicht geladen werden.',
    tryAgain: 'Erneut versuchen',

    topups: 'Aufladungen heute',
    charges: 'Abbuchungen heute',
    refunds: 'Erstattungen heute',
    topupCount: (count: number) => (count === 1 ? '1 Aufladung' : `${n(count, 'de-DE')} Aufladungen`),
    chargeCount: (count: number) => (count === 1 ? '1 Abbuchung' : `${n(count, 'de-DE')} Abbuchungen`),
    refundCount: (count: number) => (count === 1 ? '1 Erstattung' : `${n(count, 'de-DE')} Erstattungen`),

    perHour: 'Guthaben pro Stunde',
    legendTopups: 'Aufladungen',
    legendCharges: 'Abbuchungen',
    chartLabel: (topups: string, charges: string) =>
      `Balkendiagramm der Aufladungen und Abbuchungen pro Stunde heute: insgesamt ${topups} aufgeladen und ${charges} abgebucht. Die Zahlen pro Stunde folgen in einer Tabelle.`,
    tableCaption: 'Aufladungen und Abbuchungen pro Stunde heute',
    hour: 'Stunde',

    memberships: 'Aktive Mitgliedschaften',
    noMemberships: 'Heute ist keine Mitgliedschaft gültig.',
    membershipsTotal: (count: number) => `${n(count, 'de-DE')} insgesamt`,

    waitingLists: 'Wartelisten',
    noWaiting: 'Niemand wartet.',
    waiting: (count: number) => `${n(count, 'de-DE')} wartend`,
    withVoucher: (count: number) => (count === 1 ? '1 hat einen Gutschein' : `${n(count, 'de-DE')} haben einen Gutschein`),

    terminals: 'Terminals',
    terminalsHint: 'In den letzten 10 Minuten gesehen.',
    noTerminals: 'In den letzten 10 Minuten wurde kein Terminal gesehen.',
    minutesAgo: (minutes: number) => (minutes < 1 ? 'gerade eben' : `vor ${n(minutes, 'de-DE')} Min.`),

    outbox: 'Postausgang',
    queued: 'Wartend',
    failed: 'Fehlgeschlagen',
    sentToday: 'Heute gesendet',
    oldestQueued: (time: string) => `Älteste wartende E-Mail vom ${time}.`,
    openOutbox: 'Postausgang öffnen',

    lastBackup: 'Letzte Sicherung',
    noBackup: 'Es gibt noch keine Sicherung.',
    staleBackup: (days: number) => `Die letzte Sicherung ist ${n(days, 'de-DE')} Tage alt.`,
    missingBackup: 'Die Datei der letzten Sicherung fehlt.',
    backupAdvice: 'Sichern Sie jetzt und richten Sie einen Zeitplan ein, damit es von selbst geschieht.',
    openBackups: 'Sicherungen öffnen',
  },
});
