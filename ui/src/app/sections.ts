// The desk's sections, and which of them an organizer's permissions let the user open. The
// backend enforces the permissions; this only keeps out of sight what would answer "forbidden".
// User-level sections (the user's own API access) belong to no organizer: every logged-in user
// has them, also without any organizer.
import type { OrganizerSummary } from '../lib/backend/backend';
import { holdsAny } from '../lib/permissions';

export type Section =
  | 'customers'
  | 'events'
  | 'membership-types'
  | 'devices'
  | 'teams'
  | 'outbox'
  | 'settings'
  | 'access';

interface SectionInfo {
  key: Section;
  label: string;
  /** The organizer permissions any one of which opens the section; none for the desk's main work. */
  needsAny: string[];
  /** The user's own, shown whatever organizer is chosen (or none). */
  userLevel?: boolean;
}

const SETTINGS_WRITE = 'organizer.settings.general:write';

const SECTIONS: SectionInfo[] = [
  { key: 'customers', label: 'Customers', needsAny: [] },
  // The backend lists only the events the user may see, with event-level permissions of their own.
  { key: 'events', label: 'Events', needsAny: [] },
  { key: 'membership-types', label: 'Membership types', needsAny: [SETTINGS_WRITE] },
  { key: 'devices', label: 'Devices', needsAny: ['organizer.devices:read'] },
  { key: 'teams', label: 'Teams', needsAny: ['organizer.teams:write'] },
  // Whoever may change the mail settings may see whether mail goes out.
  { key: 'outbox', label: 'Outbox', needsAny: ['organizer.outgoingmails:read', SETTINGS_WRITE] },
  { key: 'settings', label: 'Settings', needsAny: [SETTINGS_WRITE] },
  // OAuth applications, the access the user gave them, reseller accounts.
  { key: 'access', label: 'Access', needsAny: [], userLevel: true },
];

/** The sections to offer in `organizer` (only the user-level ones without one), in the header's order. */
export function sectionsFor(organizer: OrganizerSummary | null): SectionInfo[] {
  if (organizer === null) return SECTIONS.filter((s) => s.userLevel);
  return SECTIONS.filter((s) => s.userLevel || s.needsAny.length === 0 || holdsAny(organizer, ...s.needsAny));
}

/** True for a section of the user's own, which needs no organizer. */
export function isUserLevel(section: Section): boolean {
  return SECTIONS.some((s) => s.key === section && s.userLevel);
}

/** `wanted` when the organizer offers it, else the customers. */
export function sectionShown(organizer: OrganizerSummary | null, wanted: Section): Section {
  return sectionsFor(organizer).some((s) => s.key === wanted) ? wanted : 'customers';
}

export function sectionLabel(section: Section): string {
  return SECTIONS.find((s) => s.key === section)?.label ?? 'Customers';
}
