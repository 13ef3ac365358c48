// File sizes for people: "840 KB", "2.4 MB" ("2,4 MB" in German), in binary units as file
// managers show them.
import { intlLocale } from './i18n.svelte';

const KB = 1024;
const MB = KB * 1024;

/** `bytes` in KB below a megabyte (at least 1 KB for a file that is not empty), else MB or GB with one place. */
export function formatFileSize(bytes: number, locale: string = intlLocale()): string {
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const onePlace = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (!Number.isFinite(bytes) || bytes <= 0) return `${whole.format(0)} KB`;
  // Decided on the rounded figure, so that 1,048,575 bytes read "1.0 MB", never "1,024 KB".
  const kilobytes = Math.max(1, Math.round(bytes / KB));
  if (kilobytes < 1024) return `${whole.format(kilobytes)} KB`;
  const megabytes = Math.round((bytes / MB) * 10) / 10;
  if (megabytes < 1024) return `${onePlace.format(megabytes)} MB`;
  return `${onePlace.format(bytes / (MB * 1024))} GB`;
}
