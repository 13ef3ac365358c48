// First start: is there anything yet, and creating the first organizer and staff user.
import type { Backend, Session, SetupInput, SetupStatus } from '../../lib/backend/backend';
import { windowLocale, type Locale } from '../../lib/i18n.svelte';

export function fetchSetupStatus(backend: Backend): Promise<SetupStatus> {
  return backend.setupStatus();
}

/**
 * Creates the organizer and the first staff user; the returned session is logged in. The user keeps
 * `locale`, the language the setup was done in.
 */
export async function completeSetup(backend: Backend, input: SetupInput, locale: Locale): Promise<Session> {
  const session = await backend.setupComplete({
    organizer_name: input.organizer_name.trim(),
    organizer_slug: input.organizer_slug.trim(),
    email: input.email.trim(),
    password: input.password,
  });
  if (windowLocale(session.user.locale) === locale) return session;
  try {
    return await backend.sessionSetLocale(locale);
  } catch {
    // The setup is done and cannot be repeated; the language can be chosen again in the header.
    return session;
  }
}
