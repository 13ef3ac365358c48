// The export screen's rules: which kinds the user may export, and the date range as people pick it
// (whole local days) ↔ the RFC 3339 bounds the backend takes (from the first day's midnight to the
// midnight after the last day).
import type { ExportKind, ExportRequest, OrganizerSummary } from '../../lib/backend/backend';
import { invalidFields } from '../../lib/errors';
import { holdsAll } from '../../lib/permissions';
import { m } from './messages';

/** In the order offered. */
export const EXPORT_KINDS: ExportKind[] = ['customers', 'memberships', 'ledger', 'ledger_summary', 'waiting_list'];

/** The ledger kinds cover a range of days; the others are as they are now. */
export function takesRange(kind: ExportKind): boolean {
  return kind === 'ledger' || kind === 'ledger_summary';
}

/**
 * Whether the user may export `kind`, as the backend decides: customers and memberships need
 * `organizer.customers:read`, the ledger kinds `organizer.giftcards:read`, and the waiting lists
 * `event.orders:read` in the events (offered when the user sees any event).
 */
export function mayExport(organizer: OrganizerSummary, kind: ExportKind, seesEvents: boolean): boolean {
  if (kind === 'customers' || kind === 'memberships') return holdsAll(organizer, 'organizer.customers:read');
  if (takesRange(kind)) return holdsAll(organizer, 'organizer.giftcards:read');
  return seesEvents;
}

/** A range of whole days, as date inputs hold them (`YYYY-MM-DD`, local); empty: open-ended. */
export interface DayRange {
  from: string;
  to: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD` of `date` in local time. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** This month so far: from its first day up to and including today. */
export function thisMonth(now: Date): DayRange {
  return { from: localDay(new Date(now.getFullYear(), now.getMonth(), 1)), to: localDay(now) };
}

/** Local midnight at the start of `day` (+ `offset` days) as RFC 3339 in UTC; null when no date. */
export function dayStart(day: string, offset = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date + offset);
  // Rejects 2026-02-31 and the like, which Date would roll over into the next month.
  const check = new Date(year, month - 1, date);
  if (check.getFullYear() !== year || check.getMonth() !== month - 1 || check.getDate() !== date) return null;
  return start.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The backend's bounds for a range of days: `from` at the first day's midnight, `to` at the
 * midnight after the last (so the last day counts in full); either may be left empty.
 * `validation` on `from` and `to` for no date, or an end before the start.
 */
export function rangeBounds(range: DayRange): { from: string | null; to: string | null } {
  const fields: Record<string, string[]> = {};
  const from = range.from.trim() === '' ? null : dayStart(range.from);
  const to = range.to.trim() === '' ? null : dayStart(range.to, 1);
  if (range.from.trim() !== '' && from === null) fields.from = [m().dateInvalid];
  if (range.to.trim() !== '' && to === null) fields.to = [m().dateInvalid];
  if (from !== null && to !== null && Date.parse(to) <= Date.parse(from)) fields.to = [m().toBeforeFrom];
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return { from, to };
}

/** What to ask the backend for: the range only for the ledger kinds, the event only for waiting lists. */
export function exportRequest(kind: ExportKind, range: DayRange, event: string): ExportRequest {
  const bounds = takesRange(kind) ? rangeBounds(range) : { from: null, to: null };
  return { kind, ...bounds, event: kind === 'waiting_list' && event !== '' ? event : null };
}
