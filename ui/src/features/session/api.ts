// Logging in and out, and who is logged in.
import type { Backend, LoginInput, Session } from '../../lib/backend/backend';

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
