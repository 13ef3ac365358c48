// The desk's sections, and which of them an organizer's permissions let the user open. The
// backend enforces the permissions; this only keeps out of sight what would answer "forbidden".
import type { OrganizerSummary } from '../lib/backend/backend';
import { holdsAll } from '../lib/permissions';

export type Section = 'customers' | 'membership-types' | 'devices' | 'teams' | 'settings';

interface SectionInfo {
  key: Section;
  label: string;
  /** The organizer permission the section needs; none for the desk's main work. */
  needs: string | null;
}

const SECTIONS: SectionInfo[] = [
  { key: 'customers', label: 'Customers', needs: null },
  { key: 'membership-types', label: 'Membership types', needs: 'organizer.settings.general:write' },
  { key: 'devices', label: 'Devices', needs: 'organizer.devices:read' },
  { key: 'teams', label: 'Teams', needs: 'organizer.teams:write' },
  { key: 'settings', label: 'Settings', needs: 'organizer.settings.general:write' },
];

/** The sections to offer in `organizer`, in the header's order. */
export function sectionsFor(organizer: OrganizerSummary | null): SectionInfo[] {
  return SECTIONS.filter((s) => s.needs === null || holdsAll(organizer, s.needs));
}

/** `wanted` when the organizer offers it, else the customers. */
export function sectionShown(organizer: OrganizerSummary | null, wanted: Section): Section {
  return sectionsFor(organizer).some((s) => s.key === wanted) ? wanted : 'customers';
}

export function sectionLabel(section: Section): string {
  return SECTIONS.find((s) => s.key === section)?.label ?? 'Customers';
}
