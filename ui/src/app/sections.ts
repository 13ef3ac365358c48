// The desk's sections, and which of them an organizer's permissions let the user open. The
// backend enforces the permissions; this only keeps out of sight what would answer "forbidden".
// User-level sections (the user's own API access, the installation's backups) belong to no
// organizer: every logged-in user has them (backups: every administrator), also without any organizer.
// The desk lands on the overview.
import type { OrganizerSummary } from '../lib/backend/backend';
import { holdsAny } from '../lib/permissions';
import { sectionNames } from './messages';

export type Section =
  | 'dashboard'
  | 'customers'
  | 'events'
  | 'membership-types'
  | 'devices'
  | 'teams'
  | 'outbox'
  | 'exports'
  | 'imports'
  | 'settings'
  | 'access'
  | 'backups';

interface SectionInfo {
  key: Section;
  /** In English; the header shows the name from the catalog (app/messages.ts) where it has one. */
  label: string;
  /** The organizer permissions any one of which opens the section; none for the desk's main work. */
  needsAny: string[];
  /** The user's own, shown whatever organizer is chosen (or none). */
  userLevel?: boolean;
  /** Only for installation administrators (session.user.is_admin). */
  adminOnly?: boolean;
}

const SETTINGS_WRITE = 'organizer.settings.general:write';

const SECTIONS: SectionInfo[] = [
  // Today's figures; anyone who may open the organizer.
  { key: 'dashboard', label: 'Overview', needsAny: [] },
  { key: 'customers', label: 'Customers', needsAny: [] },
  // The backend lists only the events the user may see, with event-level permissions of their own.
  { key: 'events', label: 'Events', needsAny: [] },
  { key: 'membership-types', label: 'Membership types', needsAny: [SETTINGS_WRITE] },
  { key: 'devices', label: 'Devices', needsAny: ['organizer.devices:read'] },
  { key: 'teams', label: 'Teams', needsAny: ['organizer.teams:write'] },
  // Whoever may change the mail settings may see whether mail goes out.
  { key: 'outbox', label: 'Outbox', needsAny: ['organizer.outgoingmails:read', SETTINGS_WRITE] },
  // CSV of customers and memberships, or of the credit ledger (waiting lists go with either).
  { key: 'exports', label: 'Exports', needsAny: ['organizer.customers:read', 'organizer.giftcards:read'] },
  // CSV of customers (with cards and opening credit) and memberships into the organizer.
  { key: 'imports', label: 'Imports', needsAny: ['organizer.customers:write'] },
  { key: 'settings', label: 'Settings', needsAny: [SETTINGS_WRITE] },
  // OAuth applications, the access the user gave them, reseller accounts.
  { key: 'access', label: 'Access', needsAny: [], userLevel: true },
  // The whole installation's database, whatever organizer is chosen.
  { key: 'backups', label: 'Backups', needsAny: [], userLevel: true, adminOnly: true },
];

/**
 * The sections to offer in `organizer` (only the user-level ones without one), in the header's
 * order; the administrators' ones only to `isAdmin`.
 */
export function sectionsFor(organizer: OrganizerSummary | null, isAdmin = false): SectionInfo[] {
  const offered = SECTIONS.filter((s) => isAdmin || !s.adminOnly);
  if (organizer === null) return offered.filter((s) => s.userLevel).map(translated);
  return offered.filter((s) => s.userLevel || s.needsAny.length === 0 || holdsAny(organizer, ...s.needsAny)).map(
    translated,
  );
}

/** The section with its name in the window's language. */
function translated(info: SectionInfo): SectionInfo {
  const names: Partial<Record<string, string>> = sectionNames();
  return { ...info, label: names[info.key] ?? info.label };
}

/** True for a section of the user's own, which needs no organizer. */
export function isUserLevel(section: Section): boolean {
  return SECTIONS.some((s) => s.key === section && s.userLevel);
}

/** `wanted` when the organizer offers it (to an administrator when `isAdmin`), else the overview. */
export function sectionShown(organizer: OrganizerSummary | null, wanted: Section, isAdmin = false): Section {
  return sectionsFor(organizer, isAdmin).some((s) => s.key === wanted) ? wanted : 'dashboard';
}

export function sectionLabel(section: Section): string {
  const info = SECTIONS.find((s) => s.key === section);
  return info ? translated(info).label : sectionNames().customers;
}
