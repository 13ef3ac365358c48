// The updates notice's and settings' texts, in English and German.
import { defineMessages } from '../../lib/i18n.svelte';

export const m = defineMessages({
  en: {
    // The notice at the top of the window.
    available: (version: string) => `Tessera ${version} is available`,
    published: (date: string) => `Published ${date}.`,
    install: 'Install and restart',
    installing: 'Installing…',
    installHint: 'Tessera downloads it, checks its signature and installs it; the computer may ask for its password.',
    askAdmin: 'Ask an administrator to install it.',
    installed: (version: string) => `Tessera ${version} is installed`,
    restartHint: 'Restart Tessera to use it. Save what you are typing first.',
    restartLater: 'It runs the next time Tessera starts.',
    restart: 'Restart now',
    restarting: 'Restarting…',
    later: 'Later',
    dismiss: 'Dismiss',
    notInstalled: 'The update was not installed.',
    notInstalledHint: 'Nothing was changed; Tessera runs as before. Try again later, or install the package by hand.',
    restartFailed: 'Tessera could not restart.',

    // Any answer, as a title.
    upToDate: (version: string) => `Tessera ${version} is up to date.`,
    offline: 'The update server cannot be reached.',
    offlineHint: 'Tessera works on as it is. Check for updates again when this computer is online.',
    notConfigured: 'No update server is set.',
    notConfiguredHint: 'An administrator sets one under Settings → Updates.',
    failed: 'The update check failed.',
    failedHint: 'Check the update server’s address under Settings → Updates, or try again later.',

    // Settings → Updates.
    title: 'Updates',
    intro: 'New versions of Tessera come from the update server your venue uses; each one is signed, and Tessera installs only what the signature proves.',
    loading: 'Loading…',
    loadFailed: 'Could not load the update settings.',
    tryAgain: 'Try again',
    check: 'Check for updates',
    checking: 'Checking…',
    checkFailed: 'Could not check for updates.',
    formTitle: 'Update server',
    endpoint: 'Update server address',
    endpointHint:
      'The address of the update manifest (latest.json), http:// or https://. {{target}}, {{arch}} and {{current_version}} are filled in. Leave it empty to turn update checks off.',
    checkOnStart: 'Look for updates whenever Tessera starts',
    save: 'Save',
    saving: 'Saving…',
    saveFailed: 'The update settings were not saved.',
    saved: 'Update settings saved.',
    from: (endpoint: string) => `Updates come from ${endpoint}.`,
    none: 'No update server is set; an administrator sets one here.',
  },
  de: {
    available: (version: string) => `Tessera ${version} ist verfügbar`,
    published: (date: string) => `Veröffentlicht am ${date}.`,
    install: 'Installieren und neu starten',
    installing: 'Wird installiert…',
    installHint:
      'Tessera lädt die Version herunter, prüft ihre Signatur und installiert sie; der Computer fragt eventuell nach seinem Passwort.',
    askAdmin: 'Bitten Sie einen Administrator, sie zu installieren.',
    installed: (version: string) => `Tessera ${version} ist installiert`,
    restartHint: 'Starten Sie Tessera neu, um sie zu verwenden. Speichern Sie vorher, was Sie gerade eingeben.',
    restartLater: 'Sie läuft beim nächsten Start von Tessera.',
    restart: 'Jetzt neu starten',
    restarting: 'Wird neu gestartet…',
    later: 'Später',
    dismiss: 'Schließen',
    notInstalled: 'Das Update wurde nicht installiert.',
    notInstalledHint:
      'Es wurde nichts geändert; Tessera läuft wie bisher. Versuchen Sie es später erneut, oder installieren Sie das Paket von Hand.',
    restartFailed: 'Tessera konnte nicht neu starten.',

    upToDate: (version: string) => `Tessera ${version} ist aktuell.`,
    offline: 'Der Update-Server ist nicht erreichbar.',
    offlineHint:
      'Tessera arbeitet unverändert weiter. Suchen Sie erneut nach Updates, wenn dieser Computer online ist.',
    notConfigured: 'Es ist kein Update-Server eingestellt.',
    notConfiguredHint: 'Ein Administrator stellt ihn unter Einstellungen → Updates ein.',
    failed: 'Die Suche nach Updates ist fehlgeschlagen.',
    failedHint:
      'Prüfen Sie die Adresse des Update-Servers unter Einstellungen → Updates, oder versuchen Sie es später erneut.',

    title: 'Updates',
    intro:
      'Neue Versionen von Tessera kommen vom Update-Server Ihres Hauses; jede ist signiert, und Tessera installiert nur, was die Signatur belegt.',
    loading: 'Wird geladen…',
    loadFailed: 'Die Update-Einstellungen konnten nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
    check: 'Nach Updates suchen',
    checking: 'Wird gesucht…',
    checkFailed: 'Die Suche nach Updates war nicht möglich.',
    formTitle: 'Update-Server',
    endpoint: 'Adresse des Update-Servers',
    endpointHint:
      'Die Adresse des Update-Manifests (latest.json), http:// oder https://. {{target}}, {{arch}} und {{current_version}} werden ausgefüllt. Leer lassen, um die Suche nach Updates abzuschalten.',
    checkOnStart: 'Bei jedem Start von Tessera nach Updates suchen',
    save: 'Speichern',
    saving: 'Wird gespeichert…',
    saveFailed: 'Die Update-Einstellungen wurden nicht gespeichert.',
    saved: 'Update-Einstellungen gespeichert.',
    from: (endpoint: string) => `Updates kommen von ${endpoint}.`,
    none: 'Es ist kein Update-Server eingestellt; ein Administrator stellt ihn hier ein.',
  },
});
