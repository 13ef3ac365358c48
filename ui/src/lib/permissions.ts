// What the user may do in an organizer, from the session's organizer permissions. The backend
// enforces them; the desk only hides or disables what would answer "forbidden".
import type { OrganizerSummary } from './backend/backend';

/** The user holds every one of `permissions` in the organizer. */
export function holdsAll(organizer: OrganizerSummary | null, ...permissions: string[]): boolean {
  return organizer !== null && permissions.every((p) => organizer.permissions.includes(p));
}

/** The user holds at least one of `permissions` in the organizer. */
export function holdsAny(organizer: OrganizerSummary | null, ...permissions: string[]): boolean {
  return organizer !== null && permissions.some((p) => organizer.permissions.includes(p));
}
