// The shared helpers' texts (errors, amounts, name fields, languages), in English and German.
import { defineMessages } from './i18n.svelte';

export const m = defineMessages({
  en: {
    // What to do next after a failure, by error code (lib/errors.ts).
    actionNetwork: 'Check that the Tessera server is running and this computer can reach it, then try again.',
    actionUnauthenticated: 'Your session has ended. Log in again to continue.',
    actionInvalidCredentials: 'Check the email address and password, then try again.',
    actionValidation: 'Correct the highlighted fields, then save again.',
    actionNotFound: 'It may have been removed in the meantime. Search again.',
    actionForbidden: 'Ask an administrator to give your account access to this organizer.',
    actionRefused: 'Nothing was changed.',
    actionMembershipRefused: 'Check the membership’s dates and uses; sell a new membership if needed.',
    actionConflict: 'Someone else changed this at the same time. Reload it, check your changes and save again.',
    actionInternal: 'Try again. If it keeps happening, restart Tessera and tell your administrator.',
    messageNetwork: 'Tessera cannot be reached.',
    messageInternal: 'Something went wrong inside Tessera.',
    somethingWentWrong: 'Something went wrong.',
    someFieldsInvalid: 'Some fields are not valid.',

    // Typed amounts (lib/money.ts).
    moneyEnter: 'Enter an amount, for example 12.50.',
    moneyEnterWhole: 'Enter an amount, for example 12.',
    moneyNoMinus: 'Enter the amount without a minus sign.',
    moneyNoPlaces: 'This currency has no decimal places.',
    moneyTooManyPlaces: (places: number) => `Ensure that there are no more than ${places} decimal places.`,
    moneyNotZero: 'Enter an amount other than 0.',
    moneyAboveZero: 'Enter an amount greater than 0.',
    moneyTooLarge: 'This amount is too large.',

    // Person-name fields (lib/name-fields.ts).
    nameSalutation: 'Salutation',
    nameTitle: 'Title',
    nameGiven: 'Given name',
    nameMiddle: 'Middle name',
    nameFamily: 'Family name',
    nameFull: 'Full name',
    nameCalling: 'Calling name',
    nameLatin: 'Name in Latin script',
    nameDegree: 'Degree (after name)',
    salutationMs: 'Ms',
    salutationMr: 'Mr',
    salutationMx: 'Mx',

    // Languages a customer may have (lib/locales.ts).
    informal: 'informal “Du”',
    informalShort: 'informal',
  },
  de: {
    actionNetwork:
      'Prüfen Sie, ob der Tessera-Server läuft und dieser Computer ihn erreicht, und versuchen Sie es dann erneut.',
    actionUnauthenticated: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um fortzufahren.',
    actionInvalidCredentials: 'Prüfen Sie E-Mail-Adresse und Passwort und versuchen Sie es dann erneut.',
    actionValidation: 'Korrigieren Sie die markierten Felder und speichern Sie dann erneut.',
    actionNotFound: 'Es wurde inzwischen vielleicht entfernt. Suchen Sie erneut.',
    actionForbidden: 'Bitten Sie einen Administrator, Ihrem Konto Zugriff auf diesen Veranstalter zu geben.',
    actionRefused: 'Es wurde nichts geändert.',
    actionMembershipRefused:
      'Prüfen Sie Laufzeit und Nutzungen der Mitgliedschaft; verkaufen Sie bei Bedarf eine neue Mitgliedschaft.',
    actionConflict:
      'Jemand anderes hat dies gleichzeitig geändert. Laden Sie es neu, prüfen Sie Ihre Änderungen und speichern Sie erneut.',
    actionInternal:
      'Versuchen Sie es erneut. Wenn es wieder passiert, starten Sie Tessera neu und informieren Sie Ihren Administrator.',
    messageNetwork: 'Tessera ist nicht erreichbar.',
    messageInternal: 'In Tessera ist etwas schiefgegangen.',
    somethingWentWrong: 'Etwas ist schiefgegangen.',
    someFieldsInvalid: 'Einige Felder sind ungültig.',

    moneyEnter: 'Geben Sie einen Betrag ein, zum Beispiel 12,50.',
    moneyEnterWhole: 'Geben Sie einen Betrag ein, zum Beispiel 12.',
    moneyNoMinus: 'Geben Sie den Betrag ohne Minuszeichen ein.',
    moneyNoPlaces: 'Diese Währung hat keine Nachkommastellen.',
    moneyTooManyPlaces: (places: number) =>
      `Geben Sie höchstens ${places} ${places === 1 ? 'Nachkommastelle' : 'Nachkommastellen'} ein.`,
    moneyNotZero: 'Geben Sie einen Betrag ungleich 0 ein.',
    moneyAboveZero: 'Geben Sie einen Betrag größer als 0 ein.',
    moneyTooLarge: 'Dieser Betrag ist zu groß.',

    nameSalutation: 'Anrede',
    nameTitle: 'Titel',
    nameGiven: 'Vorname',
    nameMiddle: 'Zweiter Vorname',
    nameFamily: 'Nachname',
    nameFull: 'Vollständiger Name',
    nameCalling: 'Rufname',
    nameLatin: 'Name in lateinischer Schrift',
    nameDegree: 'Akademischer Grad (nachgestellt)',
    salutationMs: 'Frau',
    salutationMr: 'Herr',
    salutationMx: 'Divers',

    informal: 'informell, „Du“',
    informalShort: 'informell',
  },
});
