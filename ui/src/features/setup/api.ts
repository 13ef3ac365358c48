// First start: is there anything yet, and creating the first organizer and staff user.
import type { Backend, Session, SetupInput, SetupStatus } from '../../lib/backend/backend';

export function fetchSetupStatus(backend: Backend): Promise<SetupStatus> {
  return backend.setupStatus();
}

/** Creates the organizer and the first staff user; the returned session is logged in. */
export function completeSetup(backend: Backend, input: SetupInput): Promise<Session> {
  return backend.setupComplete({
    organizer_name: input.organizer_name.trim(),
    organizer_slug: input.organizer_slug.trim(),
    email: input.email.trim(),
    password: input.password,
  });
}
