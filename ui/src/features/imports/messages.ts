// The import wizard's texts, in English and German.
import { defineMessages, intlLocale } from '../../lib/i18n.svelte';

/** A count as people read it in the window's language: 1,234 or 1.234. */
function num(n: number): string {
  return new Intl.NumberFormat(intlLocale()).format(n);
}

export const m = defineMessages({
  en: {
    title: 'Import',
    intro: (organizer: string) =>
      `Bring customers (with their cards and opening credit) or memberships into ${organizer} from a CSV file. Every row is checked before anything is written, and an import writes all of its rows or none.`,
    steps: 'Steps',
    stepFile: 'File',
    stepMapping: 'Columns',
    stepCheck: 'Check',
    stepImport: 'Import',

    // Step 1 (FileStep.svelte).
    fileTitle: 'What to import, and from which file',
    whatLegend: 'What to import',
    kindCustomers: 'Customers',
    kindCustomersHint: 'with cards and opening credit',
    kindMemberships: 'Memberships',
    kindMembershipsHint: 'of existing customers',
    columnsTitle: 'Columns the file can have',
    columnsIntro:
      'A header row, then one row per record. Columns with these names are recognised; you can assign any column in the next step.',
    columnsIntroMemberships:
      'A header row, then one row per membership. Columns with these names are recognised; you can assign any column in the next step.',
    colEmail: 'Email address; each address only once in the file.',
    colName: 'The name. Every row needs an email address or a name.',
    colPhone: 'Phone number.',
    colLocale: 'Language for mails, e.g. de or en.',
    colExternal: 'An ID from another system, e.g. your CRM.',
    colNotes: 'Notes for staff.',
    colCard: 'The serial number of a card the customer gets.',
    colCredit: 'Opening credit, e.g. 12.50 or 12,50.',
    colCustomer: 'Required: the identifier, external ID or email address of an existing customer.',
    colMembershipType: 'Required: the ID or name of a membership type.',
    colDateStart: 'Required: first day, as YYYY-MM-DD.',
    colDateEnd: 'Required: last day, as YYYY-MM-DD.',
    colAttendee: 'Who uses the membership, if not the customer.',
    colTestmode: 'yes or no (also true/false, 1/0); no when empty.',
    sample: 'Download a sample CSV',
    fileLabel: 'CSV file',
    dropHint: 'Drop a CSV file here, or choose one:',
    dropping: 'Drop the file to choose it.',
    chosen: (name: string, size: string) => `${name} (${size})`,
    notCsv: (name: string) => `“${name}” is not a CSV file.`,
    notCsvHint: 'Choose a file ending in .csv (text with the values separated by commas).',
    spreadsheet: (name: string) => `“${name}” is a spreadsheet, not a CSV file.`,
    spreadsheetHint:
      'Open it in your spreadsheet program, save it as “CSV (comma-separated)”, and choose that file here.',
    emptyFile: (name: string) => `“${name}” is empty.`,
    emptyFileHint: 'Choose a file with a header row and at least one row below it.',
    oneFile: 'Drop one file at a time.',
    readFailed: (name: string) => `“${name}” could not be read.`,
    readFailedHint: 'Choose it again. If it is on a network drive or USB stick, copy it to this computer first.',
    chooseFileFirst: 'Choose a CSV file first.',
    showPreview: 'Show preview',
    reading: 'Reading…',
    previewFailed: 'The file could not be read for the import.',
    tooLarge: 'The file is larger than the server accepts.',
    tooLargeHint: 'Split it into several files and import them one after the other.',

    // Step 2 (MappingStep.svelte).
    mappingTitle: 'Assign the columns',
    mappingIntro: (file: string) =>
      `Choose above each column of ${file} which field it fills, or “Ignore”. Each field can come from one column only.`,
    previewCaption: (shown: number, total: number) =>
      shown >= total
        ? `All ${num(total)} ${total === 1 ? 'row' : 'rows'} of the file`
        : `The first ${num(shown)} of ${num(total)} rows of the file`,
    fieldFor: (column: string) => `Field for column “${column}”`,
    ignore: 'Ignore',
    requiredField: (label: string) => `${label} (required)`,
    usedBy: (label: string, column: string) => `${label} (now from “${column}”)`,
    moved: (field: string, from: string, to: string) =>
      `“${field}” now comes from column “${to}”; column “${from}” is ignored.`,
    missingRequired: (field: string) => `Assign a column to “${field}”: it is required.`,
    duplicateField: (field: string) => `“${field}” is assigned to more than one column; choose one.`,
    needsEmailOrName: 'Assign a column to the email address or to the name: every customer needs one of them.',
    creditForbidden: (column: string) =>
      `Your account may not book credit, so column “${column}” cannot be imported as opening credit. Ignore it, or ask an administrator for the permission to change gift cards.`,
    blockedTitle: 'Before the rows can be checked:',
    back: 'Back',
    checkAll: 'Check all rows',
    checking: 'Checking…',
    checkFailed: 'The rows could not be checked.',
    expired: 'This file was uploaded more than an hour ago and has expired.',
    expiredHint: 'Choose the file again; nothing was imported.',

    // Step 3 (CheckStep.svelte).
    checkTitle: 'Result of the check',
    rowsFine: (valid: number, total: number) => `${num(valid)} of ${num(total)} ${total === 1 ? 'row is' : 'rows are'} fine.`,
    readyHint: 'Nothing has been written yet. The import writes all rows at once.',
    noRows: 'The file has no rows below its header.',
    noRowsHint: 'Choose a file with at least one row to import.',
    problemsHint:
      'Nothing is imported while any row has a problem: an import writes all rows or none. Correct these rows in the file and choose it again, or change the assignment of the columns.',
    problemsCaption: (total: number) => (total === 1 ? '1 problem' : `${num(total)} problems`),
    columnLine: 'Line',
    columnColumn: 'Column',
    columnProblem: 'Problem',
    wholeRow: 'whole row',
    moreProblems: (count: number) =>
      count === 1 ? '1 more problem is not shown.' : `${num(count)} more problems are not shown.`,
    downloadProblems: 'Download the problems (CSV)',
    backToMapping: 'Back to the columns',
    chooseAnother: 'Choose another file',
    importRows: (count: number) => (count === 1 ? 'Import 1 row' : `Import ${num(count)} rows`),
    starting: 'Starting…',
    commitFailed: 'The import could not be started.',

    // Step 4 (ProgressStep.svelte).
    importTitle: 'Import the rows',
    progressLabel: 'Import progress',
    stateValidating: 'Checking the rows…',
    stateWriting: 'Writing…',
    doneOf: (done: number, total: number) => `${num(done)} of ${num(total)} rows`,
    keepsRunning: 'The import continues on the server if you leave this screen.',
    importedCustomers: (count: number) =>
      count === 1 ? '1 customer imported.' : `${num(count)} customers imported.`,
    importedMemberships: (count: number) =>
      count === 1 ? '1 membership imported.' : `${num(count)} memberships imported.`,
    importedCustomersHint: 'They are under Customers, with their cards and opening credit.',
    importedMembershipsHint: 'They show with their customers under Customers.',
    another: 'Start another import',
    failed: 'The import failed; nothing was written.',
    failedHint:
      'These rows no longer pass the check (someone may have changed the data in the meantime). Correct them in the file and import it again.',
    pollFailed: 'Could not look up how far the import is; trying again.',
    lost: 'The server no longer knows this import.',
    lostHint: 'Look under Customers whether its rows arrived before you import the file again.',

    // Field names (mapping.ts); a field the desk does not know shows in the server's words.
    fieldEmail: 'Email',
    fieldExternalIdentifier: 'External identifier',
    fieldPhone: 'Phone',
    fieldLocale: 'Language',
    fieldNotes: 'Notes',
    fieldCard: 'Card serial',
    fieldCredit: 'Opening credit',
    fieldCustomer: 'Customer',
    fieldMembershipType: 'Membership type',
    fieldDateStart: 'Start date',
    fieldDateEnd: 'End date',
    fieldAttendeeName: 'Attendee name',
    fieldTestmode: 'Test mode',
    problemsFile: 'import-problems.csv',
  },
  de: {
    title: 'Import',
    intro: (organizer: string) =>
      `Übernehmen Sie Kunden (mit ihren Karten und ihrem Anfangsguthaben) oder Mitgliedschaften aus einer CSV-Datei in ${organizer}. Jede Zeile wird geprüft, bevor etwas gespeichert wird, und ein Import speichert alle seine Zeilen oder keine.`,
    steps: 'Schritte',
    stepFile: 'Datei',
    stepMapping: 'Spalten',
    stepCheck: 'Prüfung',
    stepImport: 'Import',

    fileTitle: 'Was Sie importieren, und aus welcher Datei',
    whatLegend: 'Was importiert wird',
    kindCustomers: 'Kunden',
    kindCustomersHint: 'mit Karten und Anfangsguthaben',
    kindMemberships: 'Mitgliedschaften',
    kindMembershipsHint: 'bestehender Kunden',
    columnsTitle: 'Spalten, die die Datei haben kann',
    columnsIntro:
      'Eine Kopfzeile, dann eine Zeile je Datensatz. Spalten mit diesen Namen werden erkannt; im nächsten Schritt können Sie jede Spalte zuordnen.',
    columnsIntroMemberships:
      'Eine Kopfzeile, dann eine Zeile je Mitgliedschaft. Spalten mit diesen Namen werden erkannt; im nächsten Schritt können Sie jede Spalte zuordnen.',
    colEmail: 'E-Mail-Adresse; jede Adresse nur einmal in der Datei.',
    colName: 'Der Name. Jede Zeile braucht eine E-Mail-Adresse oder einen Namen.',
    colPhone: 'Telefonnummer.',
    colLocale: 'Sprache für E-Mails, z. B. de oder en.',
    colExternal: 'Eine Kennung aus einem anderen System, z. B. Ihrem CRM.',
    colNotes: 'Notizen für das Personal.',
    colCard: 'Die Seriennummer einer Karte, die der Kunde erhält.',
    colCredit: 'Anfangsguthaben, z. B. 12,50 oder 12.50.',
    colCustomer: 'Pflicht: Kennung, externe Kennung oder E-Mail-Adresse eines bestehenden Kunden.',
    colMembershipType: 'Pflicht: ID oder Name einer Mitgliedschaftsart.',
    colDateStart: 'Pflicht: erster Tag, als JJJJ-MM-TT.',
    colDateEnd: 'Pflicht: letzter Tag, als JJJJ-MM-TT.',
    colAttendee: 'Wer die Mitgliedschaft nutzt, falls nicht der Kunde selbst.',
    colTestmode: 'yes oder no (auch true/false, 1/0); leer bedeutet no.',
    sample: 'Beispiel-CSV herunterladen',
    fileLabel: 'CSV-Datei',
    dropHint: 'Ziehen Sie eine CSV-Datei hierher, oder wählen Sie eine aus:',
    dropping: 'Lassen Sie die Datei los, um sie zu wählen.',
    chosen: (name: string, size: string) => `${name} (${size})`,
    notCsv: (name: string) => `„${name}“ ist keine CSV-Datei.`,
    notCsvHint: 'Wählen Sie eine Datei mit der Endung .csv (Text, dessen Werte durch Kommas getrennt sind).',
    spreadsheet: (name: string) => `„${name}“ ist eine Tabellenkalkulationsdatei, keine CSV-Datei.`,
    spreadsheetHint:
      'Öffnen Sie sie in Ihrer Tabellenkalkulation, speichern Sie sie als „CSV (Trennzeichen-getrennt)“ und wählen Sie dann diese Datei.',
    emptyFile: (name: string) => `„${name}“ ist leer.`,
    emptyFileHint: 'Wählen Sie eine Datei mit einer Kopfzeile und mindestens einer Zeile darunter.',
    oneFile: 'Ziehen Sie jeweils nur eine Datei hierher.',
    readFailed: (name: string) => `„${name}“ konnte nicht gelesen werden.`,
    readFailedHint:
      'Wählen Sie sie erneut. Liegt sie auf einem Netzlaufwerk oder USB-Stick, kopieren Sie sie zuerst auf diesen Computer.',
    chooseFileFirst: 'Wählen Sie zuerst eine CSV-Datei.',
    showPreview: 'Vorschau anzeigen',
    reading: 'Wird gelesen…',
    previewFailed: 'Die Datei konnte nicht für den Import gelesen werden.',
    tooLarge: 'Die Datei ist größer, als der Server annimmt.',
    tooLargeHint: 'Teilen Sie sie in mehrere Dateien auf und importieren Sie diese nacheinander.',

    mappingTitle: 'Spalten zuordnen',
    mappingIntro: (file: string) =>
      `Wählen Sie über jeder Spalte von ${file}, welches Feld sie füllt, oder „Ignorieren“. Jedes Feld kann nur aus einer Spalte kommen.`,
    previewCaption: (shown: number, total: number) =>
      shown >= total
        ? `${total === 1 ? 'Die einzige Zeile' : `Alle ${num(total)} Zeilen`} der Datei`
        : `Die ersten ${num(shown)} von ${num(total)} Zeilen der Datei`,
    fieldFor: (column: string) => `Feld für Spalte „${column}“`,
    ignore: 'Ignorieren',
    requiredField: (label: string) => `${label} (Pflicht)`,
    usedBy: (label: string, column: string) => `${label} (bisher aus „${column}“)`,
    moved: (field: string, from: string, to: string) =>
      `„${field}“ kommt jetzt aus Spalte „${to}“; Spalte „${from}“ wird ignoriert.`,
    missingRequired: (field: string) => `Ordnen Sie „${field}“ eine Spalte zu: Das Feld ist Pflicht.`,
    duplicateField: (field: string) => `„${field}“ ist mehreren Spalten zugeordnet; wählen Sie eine.`,
    needsEmailOrName:
      'Ordnen Sie der E-Mail-Adresse oder dem Namen eine Spalte zu: Jeder Kunde braucht eines von beiden.',
    creditForbidden: (column: string) =>
      `Ihr Konto darf kein Guthaben buchen, daher kann Spalte „${column}“ nicht als Anfangsguthaben importiert werden. Ignorieren Sie sie, oder bitten Sie einen Administrator um die Berechtigung, Geschenkgutscheine zu ändern.`,
    blockedTitle: 'Bevor die Zeilen geprüft werden können:',
    back: 'Zurück',
    checkAll: 'Alle Zeilen prüfen',
    checking: 'Wird geprüft…',
    checkFailed: 'Die Zeilen konnten nicht geprüft werden.',
    expired: 'Diese Datei wurde vor mehr als einer Stunde hochgeladen und ist abgelaufen.',
    expiredHint: 'Wählen Sie die Datei erneut; es wurde nichts importiert.',

    checkTitle: 'Ergebnis der Prüfung',
    rowsFine: (valid: number, total: number) =>
      `${num(valid)} von ${num(total)} ${total === 1 ? 'Zeile ist' : 'Zeilen sind'} in Ordnung.`,
    readyHint: 'Es wurde noch nichts gespeichert. Der Import speichert alle Zeilen auf einmal.',
    noRows: 'Die Datei hat keine Zeilen unter ihrer Kopfzeile.',
    noRowsHint: 'Wählen Sie eine Datei mit mindestens einer Zeile zum Importieren.',
    problemsHint:
      'Solange eine Zeile ein Problem hat, wird nichts importiert: Ein Import speichert alle Zeilen oder keine. Korrigieren Sie diese Zeilen in der Datei und wählen Sie sie erneut, oder ändern Sie die Zuordnung der Spalten.',
    problemsCaption: (total: number) => (total === 1 ? '1 Problem' : `${num(total)} Probleme`),
    columnLine: 'Zeile',
    columnColumn: 'Spalte',
    columnProblem: 'Problem',
    wholeRow: 'ganze Zeile',
    moreProblems: (count: number) =>
      count === 1 ? '1 weiteres Problem wird nicht angezeigt.' : `${num(count)} weitere Probleme werden nicht angezeigt.`,
    downloadProblems: 'Probleme herunterladen (CSV)',
    backToMapping: 'Zurück zu den Spalten',
    chooseAnother: 'Andere Datei wählen',
    importRows: (count: number) => (count === 1 ? '1 Zeile importieren' : `${num(count)} Zeilen importieren`),
    starting: 'Wird gestartet…',
    commitFailed: 'Der Import konnte nicht gestartet werden.',

    importTitle: 'Zeilen importieren',
    progressLabel: 'Fortschritt des Imports',
    stateValidating: 'Die Zeilen werden geprüft…',
    stateWriting: 'Wird gespeichert…',
    doneOf: (done: number, total: number) => `${num(done)} von ${num(total)} Zeilen`,
    keepsRunning: 'Der Import läuft auf dem Server weiter, auch wenn Sie diese Ansicht verlassen.',
    importedCustomers: (count: number) => (count === 1 ? '1 Kunde importiert.' : `${num(count)} Kunden importiert.`),
    importedMemberships: (count: number) =>
      count === 1 ? '1 Mitgliedschaft importiert.' : `${num(count)} Mitgliedschaften importiert.`,
    importedCustomersHint: 'Sie finden sie unter Kunden, mit ihren Karten und ihrem Anfangsguthaben.',
    importedMembershipsHint: 'Sie erscheinen bei ihren Kunden unter Kunden.',
    another: 'Weiteren Import starten',
    failed: 'Der Import ist fehlgeschlagen; es wurde nichts gespeichert.',
    failedHint:
      'Diese Zeilen bestehen die Prüfung nicht mehr (vielleicht hat jemand die Daten inzwischen geändert). Korrigieren Sie sie in der Datei und importieren Sie sie erneut.',
    pollFailed: 'Der Stand des Imports konnte nicht abgefragt werden; es wird erneut versucht.',
    lost: 'Der Server kennt diesen Import nicht mehr.',
    lostHint: 'Prüfen Sie unter Kunden, ob seine Zeilen angekommen sind, bevor Sie die Datei erneut importieren.',

    fieldEmail: 'E-Mail',
    fieldExternalIdentifier: 'Externe Kennung',
    fieldPhone: 'Telefon',
    fieldLocale: 'Sprache',
    fieldNotes: 'Notizen',
    fieldCard: 'Kartennummer',
    fieldCredit: 'Anfangsguthaben',
    fieldCustomer: 'Kunde',
    fieldMembershipType: 'Mitgliedschaftsart',
    fieldDateStart: 'Beginn',
    fieldDateEnd: 'Ende',
    fieldAttendeeName: 'Name der nutzenden Person',
    fieldTestmode: 'Testmodus',
    problemsFile: 'import-probleme.csv',
  },
});
