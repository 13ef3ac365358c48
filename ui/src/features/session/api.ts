// Logging in and out, and who is logged in.
import type { Backend, LoginInput, Session } from '../../lib/backend/backend';
import type { Locale } from '../../lib/i18n.svelte';

export function login(backend: Backend, input: LoginInput): Promise<Session> {
  return backend.sessionLogin({ email: input.email.trim(), password: input.password });
}

export function logout(backend: Backend): Promise<void> {
  return backend.sessionLogout();
}

/** The current session, or null when nobody is logged in. */
export function currentSession(backend: Backend): Promise<Session | null> {
  return backend.sessionCurrent();
}

/** Stores the window's language on the logged-in user; resolves with the session as it is now. */
export function setSessionLocale(backend: Backend, locale: Locale): Promise<Session> {
  return backend.sessionSetLocale(locale);
}
