// The desk's start screen, one function per operation, plus what the user may open from it. The
// backend computes the figures from the same services the other screens use; the desk only draws.
import type { Backend, Dashboard, OrganizerSummary } from '../../lib/backend/backend';
import { holdsAny } from '../../lib/permissions';

/** How often the open overview looks again while it is visible. */
export const DASHBOARD_REFRESH_MS = 30_000;

/** The organizer's figures from `since` (RFC 3339) on. */
export function loadDashboard(backend: Backend, organizer: string, since: string): Promise<Dashboard> {
  return backend.dashboard(organizer, since);
}

/** Whether the user may open the Outbox (as the Outbox section in app/sections.ts decides). */
export function mayOpenOutbox(organizer: OrganizerSummary): boolean {
  return holdsAny(organizer, 'organizer.outgoingmails:read', 'organizer.settings.general:write');
}
