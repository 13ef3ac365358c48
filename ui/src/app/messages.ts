// The application frame's texts (start, header, scans, sections), in English and German.
import { defineMessages } from '../lib/i18n.svelte';

export const m = defineMessages({
  en: {
    starting: 'Starting Tessera…',
    couldNotStart: 'Tessera could not start.',
    tryAgain: 'Try again',
    logoutFailed: 'Could not log out.',
    localeFailed: 'Could not change the language.',
    dismiss: 'Dismiss',
    noOrganizer: 'Your account has no organizer yet.',
    noOrganizerHint: 'Ask an administrator to add you to a team of an organizer, then log in again.',
    sessionEnded: 'Your session has ended. Log in again to continue.',
    loggedOut: 'You have been logged out.',
    scanRefused: (card: string, refusal: string) => `Card ${card}: ${refusal}`,
    scanRefusedHint: 'Its customer is open.',
    scanUnknown: (serial: string) => `No card with serial ${serial}.`,
    scanUnknownHint: 'Scan it again, or issue it to a customer under Cards in their details.',
    scanFailed: (serial: string) => `Could not look up card ${serial}.`,
    organizer: 'Organizer',
    sections: 'Sections',
    logOut: 'Log out',
    loggingOut: 'Logging out…',
  },
  de: {
    starting: 'Tessera wird gestartet…',
    couldNotStart: 'Tessera konnte nicht starten.',
    tryAgain: 'Erneut versuchen',
    logoutFailed: 'Abmelden nicht möglich.',
    localeFailed: 'Die Sprache konnte nicht geändert werden.',
    dismiss: 'Schließen',
    noOrganizer: 'Ihr Konto gehört noch zu keinem Veranstalter.',
    noOrganizerHint:
      'Bitten Sie einen Administrator, Sie einem Team eines Veranstalters hinzuzufügen, und melden Sie sich dann erneut an.',
    sessionEnded: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um fortzufahren.',
    loggedOut: 'Sie wurden abgemeldet.',
    scanRefused: (card: string, refusal: string) => `Karte ${card}: ${refusal}`,
    scanRefusedHint: 'Der zugehörige Kunde ist geöffnet.',
    scanUnknown: (serial: string) => `Keine Karte mit der Seriennummer ${serial}.`,
    scanUnknownHint: 'Scannen Sie sie erneut oder geben Sie sie in den Kundendetails unter „Karten“ an einen Kunden aus.',
    scanFailed: (serial: string) => `Karte ${serial} konnte nicht gesucht werden.`,
    organizer: 'Veranstalter',
    sections: 'Bereiche',
    logOut: 'Abmelden',
    loggingOut: 'Abmeldung läuft…',
  },
});

/**
 * The sections' names by key. A section missing here (one just added) shows its English label from
 * sections.ts until it gets its German name.
 */
export const sectionNames = defineMessages({
  en: {
    customers: 'Customers',
    events: 'Events',
    'membership-types': 'Membership types',
    devices: 'Devices',
    teams: 'Teams',
    outbox: 'Outbox',
    settings: 'Settings',
    access: 'Access',
    dashboard: 'Overview',
    backups: 'Backups',
    exports: 'Exports',
    imports: 'Imports',
    updates: 'Updates',
  },
  de: {
    customers: 'Kunden',
    events: 'Veranstaltungen',
    'membership-types': 'Mitgliedschaftsarten',
    devices: 'Geräte',
    teams: 'Teams',
    outbox: 'Postausgang',
    settings: 'Einstellungen',
    access: 'Zugriff',
    dashboard: 'Übersicht',
    backups: 'Sicherungen',
    exports: 'Exporte',
    imports: 'Importe',
    updates: 'Aktualisierungen',
  },
});
