// The desk's forms for an event, a date of a series and a product: what people type, and the input
// the backend takes. Times are typed in local time and sent as RFC 3339 in UTC.
import type { NewEvent, NewItem, NewSubEvent } from '../../lib/backend/backend';
import { invalidFields } from '../../lib/errors';
import { fromLocalInput } from '../../lib/local-time';
import { m } from './messages';

/** pretix's longest event slug. */
const SLUG_MAX = 50;

/**
 * A slug for an event called `name`: lower-case letters and digits joined by dashes, accents
 * dropped ("Sommerfest Köln 2027" → "sommerfest-koln-2027"), at most 50 characters.
 */
export function suggestSlug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase();
  const joined = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return joined.slice(0, SLUG_MAX).replace(/-+$/, '');
}

export interface EventValues {
  name: string;
  slug: string;
  /** datetime-local values. */
  from: string;
  to: string;
  series: boolean;
  location: string;
}

export function emptyEventValues(): EventValues {
  return { name: '', slug: '', from: '', to: '', series: false, location: '' };
}

/** A time the form needs: RFC 3339, or the field's message. */
function required(value: string, field: string, fields: Record<string, string[]>): string {
  const at = fromLocalInput(value);
  if (at === null) fields[field] = [m().enterDateTime];
  return at ?? '';
}

function optional(value: string, field: string, fields: Record<string, string[]>): string | null {
  if (value.trim() === '') return null;
  return required(value, field, fields);
}

/** The event to create, or the fields to correct before asking the backend. */
export function eventInput(values: EventValues): NewEvent {
  const fields: Record<string, string[]> = {};
  if (values.name.trim() === '') fields.name = [m().eventNameMissing];
  if (values.slug.trim() === '') fields.slug = [m().slugMissing];
  const from = required(values.from, 'date_from', fields);
  const to = optional(values.to, 'date_to', fields);
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return {
    name: values.name.trim(),
    slug: values.slug.trim(),
    date_from: from,
    date_to: to,
    has_subevents: values.series,
    location: values.location.trim() || null,
  };
}

export interface DateValues {
  name: string;
  from: string;
  to: string;
}

export function dateInput(values: DateValues): NewSubEvent {
  const fields: Record<string, string[]> = {};
  if (values.name.trim() === '') fields.name = [m().dateNameMissing];
  const from = required(values.from, 'date_from', fields);
  const to = optional(values.to, 'date_to', fields);
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return { name: values.name.trim(), date_from: from, date_to: to };
}

export interface ProductValues {
  name: string;
  price: string;
  admission: boolean;
  /** Comma-separated names. */
  variations: string;
}

export function emptyProductValues(): ProductValues {
  return { name: '', price: '', admission: true, variations: '' };
}

/** The product to add; the price goes as typed, for the backend to read in the event's currency. */
export function productInput(values: ProductValues): NewItem {
  const fields: Record<string, string[]> = {};
  if (values.name.trim() === '') fields.name = [m().productNameMissing];
  if (values.price.trim() === '') fields.price = [m().priceMissing];
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return {
    name: values.name.trim(),
    price: values.price.trim(),
    admission: values.admission,
    variations: values.variations
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  };
}
