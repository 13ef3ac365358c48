// The membership and membership type forms' values, and how they become backend inputs.
import type {
  Customer,
  Membership,
  MembershipInput,
  MembershipType,
  MembershipTypeInput,
  OrganizerSummary,
  Standing,
} from '../../lib/backend/backend';
import { LOCALES, locale as windowLocale } from '../../lib/i18n.svelte';
import { fromLocalInput, toLocalInput } from '../../lib/local-time';
import { SCHEME_FIELDS } from '../../lib/name-fields';
import { m } from './messages';

/** Languages the type form offers a name input for, in order. */
export const TYPE_NAME_LOCALES = ['en', 'de'] as const;

/** The standings' words in the window's language. */
export function standingLabels(): Record<Standing, string> {
  const t = m();
  return { valid: t.standingValid, upcoming: t.standingUpcoming, expired: t.standingExpired, used_up: t.standingUsedUp };
}

/** The type's name in `locale` (the window's language unless told), else English, else whichever it has. */
export function typeName(type: MembershipType | undefined, locale: string = windowLocale()): string {
  if (!type) return m().unknownType;
  return type.name[locale] || type.name.en || Object.values(type.name).find((v) => v !== '') || m().typeNumber(type.id);
}

/** The type's name in the window's other language, where it has one that differs; else null. */
export function otherTypeName(type: MembershipType): string | null {
  const other = LOCALES.find((l) => l !== windowLocale());
  const name = other ? type.name[other] : undefined;
  return name && name !== typeName(type) ? name : null;
}

/** Today 00:00 local time, and the same moment one year later. */
export function defaultPeriod(now = new Date()): { start: string; end: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(start);
  end.setFullYear(end.getFullYear() + 1);
  return { start: toLocalInput(start), end: toLocalInput(end) };
}

export interface MembershipFormValues {
  membershipType: string;
  start: string;
  end: string;
  nameScheme: string;
  nameFields: string[];
  name: Record<string, string>;
}

function stringParts(parts: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parts ?? {})) if (typeof value === 'string') out[key] = value;
  return out;
}

/**
 * Selling: the customer's name in the organizer's scheme, today for a year. Editing: the
 * membership as it is, in the scheme its attendee name was saved with when the UI knows it.
 */
export function membershipFormValues(
  organizer: OrganizerSummary,
  customer: Customer,
  membership: Membership | null,
  types: MembershipType[],
): MembershipFormValues {
  const parts = stringParts(membership ? membership.attendee_name_parts : customer.name_parts);
  const stored = parts._scheme;
  const useStored = stored !== undefined && SCHEME_FIELDS[stored] !== undefined && stored !== organizer.name_scheme;
  const nameScheme = useStored ? stored : organizer.name_scheme;
  const nameFields = useStored ? [...SCHEME_FIELDS[stored]] : [...organizer.name_fields];
  const name: Record<string, string> = {};
  for (const field of nameFields) name[field] = parts[field] ?? '';
  const period = defaultPeriod();
  return {
    membershipType: String(membership?.membership_type ?? types[0]?.id ?? ''),
    start: membership ? toLocalInput(new Date(membership.date_start)) : period.start,
    end: membership ? toLocalInput(new Date(membership.date_end)) : period.end,
    nameScheme,
    nameFields,
    name,
  };
}

/** Field errors found before asking the backend. */
export function checkMembershipValues(values: MembershipFormValues): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  if (values.membershipType === '') fields.membership_type = [m().chooseType];
  const start = fromLocalInput(values.start);
  const end = fromLocalInput(values.end);
  if (start === null) fields.date_start = [m().enterDateTime];
  if (end === null) fields.date_end = [m().enterDateTime];
  else if (start !== null && Date.parse(end) < Date.parse(start)) {
    fields.date_end = [m().endNotBeforeStart];
  }
  return fields;
}

/** Call only when `checkMembershipValues` found nothing. `_scheme` only with a name. */
export function membershipInput(values: MembershipFormValues, testmode = false): MembershipInput {
  const parts: Record<string, string> = {};
  for (const field of values.nameFields) {
    const value = (values.name[field] ?? '').trim();
    if (value !== '') parts[field] = value;
  }
  return {
    membership_type: Number(values.membershipType),
    date_start: fromLocalInput(values.start) ?? '',
    date_end: fromLocalInput(values.end) ?? '',
    attendee_name_parts: Object.keys(parts).length === 0 ? {} : { ...parts, _scheme: values.nameScheme },
    testmode,
  };
}

/** The attendee's name for display, in the order of its scheme. */
export function attendeeName(parts: Record<string, string> | null): string {
  if (!parts) return '';
  const scheme = parts._scheme;
  const order = scheme && SCHEME_FIELDS[scheme] ? SCHEME_FIELDS[scheme] : Object.keys(parts);
  return order
    .filter((k) => !k.startsWith('_'))
    .map((k) => parts[k] ?? '')
    .filter((v) => v.trim() !== '')
    .join(' ');
}

export interface TypeFormValues {
  names: Record<string, string>;
  transferable: boolean;
  allowParallelUsage: boolean;
  maxUsages: string;
}

export function typeFormValues(type: MembershipType | null): TypeFormValues {
  const names: Record<string, string> = { ...(type?.name ?? {}) };
  for (const locale of TYPE_NAME_LOCALES) names[locale] ??= '';
  return {
    names,
    transferable: type?.transferable ?? false,
    allowParallelUsage: type?.allow_parallel_usage ?? false,
    maxUsages: type?.max_usages === null || type?.max_usages === undefined ? '' : String(type.max_usages),
  };
}

/** Empty max usages means unlimited (`null`); names that are blank are left out. */
export function typeInput(values: TypeFormValues): MembershipTypeInput {
  const name: Record<string, string> = {};
  for (const [locale, value] of Object.entries(values.names)) if (value.trim() !== '') name[locale] = value.trim();
  const max = values.maxUsages.trim();
  return {
    name,
    transferable: values.transferable,
    allow_parallel_usage: values.allowParallelUsage,
    max_usages: max === '' ? null : Number(max),
  };
}
