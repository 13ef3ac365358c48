// The desk's sections, and which of them an organizer's permissions let the user open. The
// backend enforces the permissions; this only keeps out of sight what would answer "forbidden".
import type { OrganizerSummary } from '../lib/backend/backend';
import { holdsAny } from '../lib/permissions';

export type Section = 'customers' | 'events' | 'membership-types' | 'devices' | 'teams' | 'outbox' | 'settings';

interface SectionInfo {
  key: Section;
  label: string;
  /** The organizer permissions any one of which opens the section; none for the desk's main work. */
  needsAny: string[];
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
];

/** The sections to offer in `organizer`, in the header's order. */
export function sectionsFor(organizer: OrganizerSummary | null): SectionInfo[] {
  return SECTIONS.filter((s) => s.needsAny.length === 0 || holdsAny(organizer, ...s.needsAny));
}

/** `wanted` when the organizer offers it, else the customers. */
export function sectionShown(organizer: OrganizerSummary | null, wanted: Section): Section {
  return sectionsFor(organizer).some((s) => s.key === wanted) ? wanted : 'customers';
}

export function sectionLabel(section: Section): string {
  return SECTIONS.find((s) => s.key === section)?.label ?? 'Customers';
}
