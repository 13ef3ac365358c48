// Quotas as the desk edits them: a size (empty for unlimited), how many were sold elsewhere, and
// whether the quota is closed; and what is left, as the core computes it (sold tickets, places held
// by vouchers and people on the waiting list all count as taken).
import type { AppError, Item, Quota, QuotaInput } from '../../lib/backend/backend';
import { invalidFields } from '../../lib/errors';
import { m } from './messages';

export type AvailabilityTone = 'success' | 'info' | 'error' | 'muted';

export interface AvailabilityView {
  /** "2 left", "sold out", "unlimited", "closed", in the window's language. */
  label: string;
  tone: AvailabilityTone;
}

/** What is left in a quota, for people. */
export function availabilityOf(quota: Pick<Quota, 'closed' | 'size' | 'available' | 'available_number'>): AvailabilityView {
  if (quota.closed) return { label: m().closed, tone: 'muted' };
  if (quota.size === null) return { label: m().unlimited, tone: 'success' };
  const left = quota.available_number ?? 0;
  if (quota.available === false || left <= 0) return { label: m().soldOut, tone: 'error' };
  return { label: m().left(left), tone: left <= 2 ? 'info' : 'success' };
}

/** The typed values of a quota's inline fields. */
export interface QuotaCounts {
  size: string;
  sold: string;
  closed: boolean;
}

export function countsOf(quota: Pick<Quota, 'size' | 'sold' | 'closed'>): QuotaCounts {
  return { size: quota.size === null ? '' : String(quota.size), sold: String(quota.sold), closed: quota.closed };
}

export function sameCounts(a: QuotaCounts, b: QuotaCounts): boolean {
  return a.size.trim() === b.size.trim() && a.sold.trim() === b.sold.trim() && a.closed === b.closed;
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  return Number(trimmed);
}

/**
 * The size (null: unlimited) and sold count people typed, or the fields to correct. An empty sold
 * count is none.
 */
export function parseCounts(counts: QuotaCounts): { size: number | null; sold: number } {
  const fields: Record<string, string[]> = {};
  const size = counts.size.trim() === '' ? null : wholeNumber(counts.size);
  if (counts.size.trim() !== '' && size === null) {
    fields.size = [m().sizeInvalid];
  }
  const sold = counts.sold.trim() === '' ? 0 : wholeNumber(counts.sold);
  if (sold === null) fields.sold = [m().soldInvalid];
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return { size, sold: sold ?? 0 };
}

/** The whole quota as saved, with the counts people changed. */
export function quotaWithCounts(quota: Quota, counts: QuotaCounts): QuotaInput {
  const { size, sold } = parseCounts(counts);
  return {
    name: quota.name,
    size,
    sold,
    closed: counts.closed,
    items: [...quota.items],
    variations: [...quota.variations],
    subevent: quota.subevent,
  };
}

/** A ticked product (`i:<id>`, one without variations) or variation (`v:<id>`) in the new-quota form. */
export type Ticked = string[];

export const itemKey = (id: number) => `i:${id}`;
export const variationKey = (id: number) => `v:${id}`;

/** The products and variations a new quota counts: a product is in it through any ticked variation. */
export function quotaSelection(items: Item[], ticked: Ticked): { items: number[]; variations: number[] } {
  const chosenItems: number[] = [];
  const chosenVariations: number[] = [];
  for (const item of items) {
    if (item.variations.length === 0) {
      if (ticked.includes(itemKey(item.id))) chosenItems.push(item.id);
      continue;
    }
    const held = item.variations.filter((v) => ticked.includes(variationKey(v.id))).map((v) => v.id);
    if (held.length > 0) {
      chosenItems.push(item.id);
      chosenVariations.push(...held);
    }
  }
  return { items: chosenItems, variations: chosenVariations };
}

export interface NewQuotaValues {
  name: string;
  size: string;
  ticked: Ticked;
  /** The date's id as a select value; '' for none. */
  subevent: string;
}

export function newQuotaInput(values: NewQuotaValues, items: Item[], series: boolean): QuotaInput {
  const fields: Record<string, string[]> = {};
  if (values.name.trim() === '') fields.name = [m().quotaNameMissing];
  let size: number | null = null;
  try {
    size = parseCounts({ size: values.size, sold: '0', closed: false }).size;
  } catch (error) {
    Object.assign(fields, (error as AppError).fields);
  }
  const selection = quotaSelection(items, values.ticked);
  if (selection.items.length === 0) fields.items = [m().quotaProductsMissing];
  if (series && values.subevent === '') fields.subevent = [m().quotaDateMissing];
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return {
    name: values.name.trim(),
    size,
    sold: 0,
    closed: false,
    ...selection,
    subevent: values.subevent === '' ? null : Number(values.subevent),
  };
}
