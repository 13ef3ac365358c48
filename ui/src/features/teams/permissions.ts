// The permissions a team can hold, as the desk shows them: labels staff can read (the raw pretix
// name stays visible beside each), and pretix's rule that "change" needs "view" in the groups that
// have both, so the form never offers a combination the server refuses.
import type { TeamDetail, TeamInput } from '../../lib/backend/backend';
import { m, permissionNames } from './messages';

/** For a new team, before the backend has listed what a team can hold. */
export const KNOWN_ORGANIZER_PERMISSIONS = Object.keys(permissionNames()).filter((name) => name.startsWith('organizer.'));
export const KNOWN_EVENT_PERMISSIONS = Object.keys(permissionNames()).filter((name) => name.startsWith('event'));

/** The label staff read, in the window's language; the raw name for a permission this desk does not know yet. */
export function permissionLabel(name: string): string {
  const labels: Partial<Record<string, string>> = permissionNames();
  return labels[name] ?? name;
}

/** The name as a `data-testid` suffix: `organizer.customers:read` → `organizer-customers-read`. */
export function permissionSlug(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '-');
}

/** Groups whose "write" pretix only offers together with "read". */
const READ_WRITE_GROUPS = [
  'organizer.customers',
  'organizer.devices',
  'organizer.giftcards',
  'organizer.reusablemedia',
  'event.vouchers',
  'event.orders',
];

/** pretix offers orders as check-in, view, view and check-in, or view and change; never all three. */
const ORDERS_CHECKIN = 'event.orders:checkin';
const ORDERS_WRITE = 'event.orders:write';

/**
 * `selected` with `name` ticked or unticked, plus what pretix's combinations then require: ticking
 * "change" ticks "view", unticking "view" unticks "change", and orders are either changed or
 * checked in.
 */
export function togglePermission(selected: readonly string[], name: string, on: boolean): string[] {
  const result = new Set(selected);
  const [group, action] = splitName(name);
  const coupled = READ_WRITE_GROUPS.includes(group);
  if (on) {
    result.add(name);
    if (coupled && action === 'write') result.add(`${group}:read`);
    if (name === ORDERS_WRITE) result.delete(ORDERS_CHECKIN);
    if (name === ORDERS_CHECKIN) result.delete(ORDERS_WRITE);
  } else {
    result.delete(name);
    if (coupled && action === 'read') result.delete(`${group}:write`);
  }
  return [...result];
}

function splitName(name: string): [string, string] {
  const colon = name.lastIndexOf(':');
  return colon < 0 ? [name, ''] : [name.slice(0, colon), name.slice(colon + 1)];
}

/** What the team form starts with; its lists are kept while "all" is on, for switching back. */
export function teamFormValues(detail: TeamDetail | null): TeamInput {
  const team = detail?.team;
  return {
    name: team?.name ?? '',
    all_events: team?.all_events ?? false,
    all_organizer_permissions: team?.all_organizer_permissions ?? false,
    organizer_permissions: [...(team?.organizer_permissions ?? [])],
    all_event_permissions: team?.all_event_permissions ?? false,
    event_permissions: [...(team?.event_permissions ?? [])],
  };
}

/** The form as the backend takes it: a trimmed name, no list beside "all", lists in `known` order. */
export function teamInput(values: TeamInput, known: { organizer: string[]; event: string[] }): TeamInput {
  const ordered = (selected: string[], order: string[]) =>
    [...selected].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  return {
    name: values.name.trim(),
    all_events: values.all_events,
    all_organizer_permissions: values.all_organizer_permissions,
    organizer_permissions: values.all_organizer_permissions ? [] : ordered(values.organizer_permissions, known.organizer),
    all_event_permissions: values.all_event_permissions,
    event_permissions: values.all_event_permissions ? [] : ordered(values.event_permissions, known.event),
  };
}

function rank(order: string[], name: string): number {
  const index = order.indexOf(name);
  return index < 0 ? order.length : index;
}

/** A short description of what a team may do, for the list. */
export function permissionSummary(team: {
  all_organizer_permissions: boolean;
  organizer_permissions: string[];
}): string {
  if (team.all_organizer_permissions) return m().allOrganizerPermissions;
  if (team.organizer_permissions.length === 0) return m().noOrganizerPermissions;
  return team.organizer_permissions.map(permissionLabel).join(', ');
}
