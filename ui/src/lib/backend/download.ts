// Files the HTTP backend hands to the browser: a CSV export's query, its file name from the
// response, and the download itself (a Blob behind an <a download>), since a fetch cannot save.
import type { ExportRequest } from './backend';

/** The export's query: `from`, `to` and `event` where set, nothing else. */
export function exportQuery(request: ExportRequest): string {
  const params = new URLSearchParams();
  if (request.from) params.set('from', request.from);
  if (request.to) params.set('to', request.to);
  if (request.event) params.set('event', request.event);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/**
 * The file name a Content-Disposition header gives (RFC 6266: `filename*=UTF-8''…` before
 * `filename="…"`), without any folder part; `fallback` when it names none.
 */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  let name: string | null = null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim());
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
    if (plain) name = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
  }
  // Only the name: a header may not choose a folder.
  const base = name?.split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' ? fallback : base;
}

/** Data rows of a CSV text (lines after the header), for a response without `X-Rows`. */
export function countCsvRows(text: string): number {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return Math.max(lines.length - 1, 0);
}

/** Makes the browser save `blob` as `filename` (into its downloads, or asking where). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; give the browser a moment before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
