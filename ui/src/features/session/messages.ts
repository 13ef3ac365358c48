// The login screen's texts, in English and German.
import { defineMessages } from '../../lib/i18n.svelte';

export const m = defineMessages({
  en: {
    title: 'Log in',
    subtitle: 'Box office desk',
    wrongCredentials: 'Wrong email or password.',
    wrongCredentialsHint: 'Check both and try again. Passwords are case-sensitive.',
    failed: 'Could not log in.',
    email: 'Email',
    password: 'Password',
    submit: 'Log in',
    busy: 'Logging in…',
  },
  de: {
    title: 'Anmelden',
    subtitle: 'Kasse',
    wrongCredentials: 'E-Mail-Adresse oder Passwort falsch.',
    wrongCredentialsHint: 'Prüfen Sie beides und versuchen Sie es erneut. Beim Passwort zählt Groß- und Kleinschreibung.',
    failed: 'Anmelden nicht möglich.',
    email: 'E-Mail',
    password: 'Passwort',
    submit: 'Anmelden',
    busy: 'Anmeldung läuft…',
  },
});
