// The customer form's values, and how they become the CustomerInput the backend takes.
import type { Customer, CustomerInput, OrganizerSummary } from '../../lib/backend/backend';
import { SCHEME_FIELDS } from '../../lib/name-fields';

export interface CustomerFormValues {
  /** The scheme written as `_scheme`, and the name fields shown for it, in order. */
  nameScheme: string;
  nameFields: string[];
  name: Record<string, string>;
  email: string;
  phone: string;
  locale: string;
  externalIdentifier: string;
  notes: string;
  isActive: boolean;
  isVerified: boolean;
  /** Stored name parts that no shown field covers; sent back unchanged. */
  keptNameParts: Record<string, string>;
}

function storedParts(customer: Customer | null): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const [key, value] of Object.entries(customer?.name_parts ?? {})) {
    if (typeof value === 'string') parts[key] = value;
  }
  return parts;
}

/**
 * A new customer gets the organizer's scheme. A stored name keeps its own `_scheme` when the UI
 * knows that scheme, so that editing a name saved under another scheme does not drop it.
 */
export function formValues(
  customer: Customer | null,
  organizer: OrganizerSummary,
  defaultLocale: string,
): CustomerFormValues {
  const parts = storedParts(customer);
  const stored = parts._scheme;
  const useStored = stored !== undefined && stored !== organizer.name_scheme && SCHEME_FIELDS[stored] !== undefined;
  const nameScheme = useStored ? stored : organizer.name_scheme;
  const nameFields = useStored ? [...SCHEME_FIELDS[stored]] : [...organizer.name_fields];

  const name: Record<string, string> = {};
  for (const field of nameFields) name[field] = parts[field] ?? '';
  // Names migrated from before pretix had schemes: offer the old text in the main field.
  const legacy = parts._legacy;
  if (legacy !== undefined && nameFields.every((f) => name[f] === '')) {
    const target = nameFields.includes('full_name')
      ? 'full_name'
      : (nameFields.find((f) => f !== 'salutation' && f !== 'title') ?? nameFields[0]);
    if (target !== undefined) name[target] = legacy;
  }

  const keptNameParts: Record<string, string> = {};
  for (const [key, value] of Object.entries(parts)) {
    if (key.startsWith('_') || nameFields.includes(key)) continue;
    keptNameParts[key] = value;
  }

  return {
    nameScheme,
    nameFields,
    name,
    email: customer?.email ?? '',
    phone: customer?.phone ?? '',
    locale: customer?.locale ?? defaultLocale,
    externalIdentifier: customer?.external_identifier ?? '',
    notes: customer?.notes ?? '',
    isActive: customer?.is_active ?? true,
    isVerified: customer?.is_verified ?? true,
    keptNameParts,
  };
}

function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** `name_parts` carries `_scheme` whenever any part is filled in, and is `{}` otherwise. */
export function customerInput(values: CustomerFormValues): CustomerInput {
  const parts: Record<string, string> = {};
  for (const [key, value] of Object.entries(values.keptNameParts)) {
    if (value.trim() !== '') parts[key] = value;
  }
  for (const field of values.nameFields) {
    const value = (values.name[field] ?? '').trim();
    if (value !== '') parts[field] = value;
  }
  const name_parts = Object.keys(parts).length === 0 ? {} : { ...parts, _scheme: values.nameScheme };
  return {
    external_identifier: orNull(values.externalIdentifier),
    email: orNull(values.email),
    phone: orNull(values.phone),
    name_parts,
    is_active: values.isActive,
    is_verified: values.isVerified,
    locale: values.locale,
    // Notes keep their inner line breaks; only an all-blank note becomes null.
    notes: values.notes.trim() === '' ? null : values.notes,
  };
}
