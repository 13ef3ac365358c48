// Times as the desk shows and edits them: the backend speaks RFC 3339 in UTC, people read and type
// local time (a datetime-local input's `YYYY-MM-DDTHH:mm`). They show in the window's language (see
// i18n) and the computer's time zone; reading the language on every call re-renders on a change.
import { intlLocale } from './i18n.svelte';

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per language and style, made on first use (making them is not cheap). */
function format(style: 'dateTime' | 'time'): Intl.DateTimeFormat {
  const locale = intlLocale();
  const key = `${locale} ${style}`;
  let found = formats.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      style === 'time' ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
    found = new Intl.DateTimeFormat(locale, options);
    formats.set(key, found);
  }
  return found;
}

/** An RFC 3339 time (or a Date) for people, in their language and time zone; the text itself if it is no time. */
export function formatDateTime(value: string | Date): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : format('dateTime').format(date);
}

/** The time of day with seconds ("Updated 14:02:31"), in the window's language. */
export function formatClock(date: Date): string {
  return format('time').format(date);
}

/** `YYYY-MM-DDTHH:mm` in local time, the value of a datetime-local input. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (local time) as RFC 3339 in UTC, or null when it is not a date. */
export function fromLocalInput(value: string): string | null {
  if (value.trim() === '') return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
