// How an event's products, dates and texts read at the desk: pretix keeps names per language, and
// a waiting-list entry or a quota points at a product, a variation of it, and (in a series) a date.
import type { EventDetail, EventSummary, Item, SubEvent } from '../../lib/backend/backend';
import { locale as windowLocale } from '../../lib/i18n.svelte';
import { formatDateTime } from '../../lib/local-time';
import { m } from './messages';

type I18n = Record<string, string> | null | undefined;

/** A multilingual text in `locale` (the window's language unless told), else English, else any it has. */
export function textOf(value: I18n, locale: string = windowLocale()): string {
  if (!value) return '';
  return value[locale] || value.en || Object.values(value).find((v) => v !== '') || '';
}

/** "12 Dec 2026, 19:30 – 13 Dec 2026, 01:00" in local time; the start alone without an end. */
export function dateRange(from: string, to: string | null): string {
  return to ? `${formatDateTime(from)} – ${formatDateTime(to)}` : formatDateTime(from);
}

export function eventDates(event: Pick<EventSummary, 'date_from' | 'date_to'>): string {
  return dateRange(event.date_from, event.date_to);
}

export function dateLabel(subevent: SubEvent): string {
  const name = textOf(subevent.name);
  const when = formatDateTime(subevent.date_from);
  return name ? `${name} (${when})` : when;
}

/** One thing a person can wait for: a product without variations, or one variation of a product. */
export interface ProductChoice {
  /** `item` or `item:variation`: the value of a select. */
  key: string;
  item: number;
  variation: number | null;
  label: string;
}

export function choiceKey(item: number, variation: number | null): string {
  return variation === null ? String(item) : `${item}:${variation}`;
}

/** Every product and variation, in the event's order; a product with variations only through them. */
export function productChoices(items: Item[]): ProductChoice[] {
  return items.flatMap((item): ProductChoice[] => {
    const name = textOf(item.name);
    if (item.variations.length === 0) return [{ key: choiceKey(item.id, null), item: item.id, variation: null, label: name }];
    return item.variations.map((v) => ({
      key: choiceKey(item.id, v.id),
      item: item.id,
      variation: v.id,
      label: `${name} – ${textOf(v.value)}`,
    }));
  });
}

/** What a quota counts: its products, each with the variations it holds ("Ticket (Adult, Child)"). */
export function quotaProducts(detail: Pick<EventDetail, 'items'>, items: number[], variations: number[]): string {
  const names = detail.items
    .filter((item) => items.includes(item.id))
    .map((item) => {
      const held = item.variations.filter((v) => variations.includes(v.id));
      const name = textOf(item.name);
      return held.length === 0 ? name : `${name} (${held.map((v) => textOf(v.value)).join(', ')})`;
    });
  return names.length === 0 ? m().noProducts : names.join(', ');
}

export function subeventName(detail: Pick<EventDetail, 'subevents'>, id: number | null): string {
  if (id === null) return '';
  const subevent = detail.subevents.find((s) => s.id === id);
  return subevent ? dateLabel(subevent) : m().dateNumber(id);
}
