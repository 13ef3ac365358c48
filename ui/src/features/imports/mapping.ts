// The column mapping of an import: per CSV column, the field it fills (a key of the preview's
// fields) or null (ignored). Invariants the desk keeps before asking the server to check the rows:
// a field comes from one column only, every required field has a column, a customer row can have an
// email address or a name, and a credit column needs the right to book credit.
import type { ImportField, ImportKind, ImportPreview } from '../../lib/backend/backend';
import { nameFieldLabel, SCHEME_FIELDS } from '../../lib/name-fields';
import { m } from './messages';

export type Mapping = (string | null)[];

/** Every person-name field of any pretix name scheme. */
const NAME_KEYS = new Set(Object.values(SCHEME_FIELDS).flat());

/** The key of the field that books opening credit (needs `organizer.giftcards:write`). */
export const CREDIT_FIELD = 'credit';

/** Whether `key` is a part of a person's name (given_name, full_name …). */
export function isNameField(key: string): boolean {
  return NAME_KEYS.has(key);
}

/** A field's name in the window's language; the server's English label for a field the desk does not know. */
export function fieldLabel(field: ImportField): string {
  const t = m();
  const known: Record<string, string> = {
    email: t.fieldEmail,
    external_identifier: t.fieldExternalIdentifier,
    phone: t.fieldPhone,
    locale: t.fieldLocale,
    notes: t.fieldNotes,
    card: t.fieldCard,
    credit: t.fieldCredit,
    customer: t.fieldCustomer,
    membership_type: t.fieldMembershipType,
    date_start: t.fieldDateStart,
    date_end: t.fieldDateEnd,
    attendee_name: t.fieldAttendeeName,
    testmode: t.fieldTestmode,
  };
  if (known[field.key]) return known[field.key];
  return isNameField(field.key) ? nameFieldLabel(field.key) : field.label;
}

/**
 * The server's suggestion as the desk starts from: a field the preview does not offer is ignored,
 * and a field suggested for several columns stays with the first.
 */
export function initialMapping(preview: ImportPreview): Mapping {
  const offered = new Set(preview.fields.map((f) => f.key));
  const taken = new Set<string>();
  return preview.columns.map((_, index) => {
    const key = preview.suggested[index] ?? null;
    if (key === null || !offered.has(key) || taken.has(key)) return null;
    taken.add(key);
    return key;
  });
}

/** What the previous file's mapping was made for. */
export interface EarlierMapping {
  kind: ImportKind;
  columns: string[];
  mapping: Mapping;
}

/**
 * The mapping for a new file: the one staff made for the previous file when the new one has the
 * same kind and columns (a corrected file), else the server's suggestion.
 */
export function mappingFor(preview: ImportPreview, earlier: EarlierMapping | null): Mapping {
  const same =
    earlier !== null &&
    earlier.kind === preview.kind &&
    earlier.columns.length === preview.columns.length &&
    earlier.columns.every((column, index) => column === preview.columns[index]);
  if (!same) return initialMapping(preview);
  const offered = new Set(preview.fields.map((f) => f.key));
  return earlier.mapping.map((key) => (key !== null && offered.has(key) ? key : null));
}

export interface Assignment {
  mapping: Mapping;
  /** The column that had the field before and is ignored now; null when none had it. */
  movedFrom: number | null;
}

/** `column` fills `key` (null: ignored); a field another column filled moves here, as one column fills it. */
export function assignField(mapping: Mapping, column: number, key: string | null): Assignment {
  const movedFrom = key === null ? -1 : mapping.findIndex((k, index) => index !== column && k === key);
  const next = mapping.map((k, index) => (index === movedFrom ? null : k));
  next[column] = key;
  return { mapping: next, movedFrom: movedFrom >= 0 ? movedFrom : null };
}

/** The column index that fills `key`, or -1. */
export function columnOf(mapping: Mapping, key: string): number {
  return mapping.indexOf(key);
}

export type MappingProblem =
  | { kind: 'required'; field: ImportField }
  | { kind: 'duplicate'; field: ImportField }
  | { kind: 'email_or_name' }
  | { kind: 'credit_forbidden'; column: string };

/**
 * What keeps the rows from being checked, in the order to fix it; empty when the mapping may go to
 * the server. `mayBookCredit`: the user holds `organizer.giftcards:write`.
 */
export function mappingProblems(preview: ImportPreview, mapping: Mapping, mayBookCredit: boolean): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const used = mapping.filter((key): key is string => key !== null);
  for (const field of preview.fields) {
    const count = used.filter((key) => key === field.key).length;
    if (count > 1) problems.push({ kind: 'duplicate', field });
    else if (count === 0 && field.required) problems.push({ kind: 'required', field });
  }
  if (preview.kind === 'customers') {
    const identifying = preview.fields.filter((f) => f.key === 'email' || isNameField(f.key)).map((f) => f.key);
    if (identifying.length > 0 && !used.some((key) => identifying.includes(key))) problems.push({ kind: 'email_or_name' });
  }
  const credit = columnOf(mapping, CREDIT_FIELD);
  if (credit >= 0 && !mayBookCredit) problems.push({ kind: 'credit_forbidden', column: preview.columns[credit] });
  return problems;
}

/** A problem in the window's language. */
export function describeMappingProblem(problem: MappingProblem): string {
  const t = m();
  switch (problem.kind) {
    case 'required':
      return t.missingRequired(fieldLabel(problem.field));
    case 'duplicate':
      return t.duplicateField(fieldLabel(problem.field));
    case 'email_or_name':
      return t.needsEmailOrName;
    case 'credit_forbidden':
      return t.creditForbidden(problem.column);
  }
}
