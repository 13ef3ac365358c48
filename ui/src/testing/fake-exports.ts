// CSV exports as the fake backend makes them: the rows each kind would hold, counted from the same
// stores the other operations use, and where the file went (the window's Downloads folder, or
// nowhere the desk learns of when a browser downloads it). The files themselves are not written.
import { AppError, type ExportRequest, type SavedExport } from '../lib/backend/backend';
import type { FakeEntry } from './fake-credit';
import type { FakeEvent } from './fake-events';

export const DOWNLOADS = '/home/desk/Downloads';

/** What the rows are counted from; the fake backend gathers it for one organizer. */
export interface ExportSources {
  organizer: string;
  customers: number;
  memberships: number;
  entries: FakeEntry[];
  /** The events the user may see. */
  events: FakeEvent[];
  /** The backend's clock, for the file name. */
  now: string;
}

function invalid(fields: Record<string, string[]>): AppError {
  return new AppError('validation', 'Please correct the marked fields.', fields);
}

function time(field: 'from' | 'to', value: string | null, fields: Record<string, string[]>): number | null {
  if (value === null) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) fields[field] = ['Enter a valid date and time.'];
  return Number.isNaN(at) ? null : at;
}

/** The rows a kind holds: ledger entries in [from, to), their per day × terminal × type groups … */
function rowsOf(request: ExportRequest, sources: ExportSources): number {
  const fields: Record<string, string[]> = {};
  const from = time('from', request.from, fields);
  const to = time('to', request.to, fields);
  if (from !== null && to !== null && to < from) fields.to = ['The end must not be before the start.'];
  const events =
    request.event === null ? sources.events : sources.events.filter((e) => e.event.slug === request.event);
  if (request.kind === 'waiting_list' && request.event !== null && events.length === 0) {
    fields.event = ['This event does not exist.'];
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);

  const inRange = sources.entries.filter((e) => {
    const at = Date.parse(e.createdAt);
    return (from === null || at >= from) && (to === null || at < to);
  });
  switch (request.kind) {
    case 'customers':
      return sources.customers;
    case 'memberships':
      return sources.memberships;
    case 'ledger':
      return inRange.length;
    case 'ledger_summary':
      return new Set(inRange.map((e) => `${e.createdAt.slice(0, 10)} ${e.bookedBy ?? ''} ${e.kind}`)).size;
    case 'waiting_list':
      return events.reduce((n, e) => n + e.entries.length, 0);
  }
}

export class FakeExports {
  /** Where files go: the window saves them into Downloads, a browser downloads them itself. */
  savedBy: 'window' | 'browser';
  /** Every export made, oldest first. */
  saved: (SavedExport & { request: ExportRequest })[] = [];

  constructor(savedBy: 'window' | 'browser' = 'window') {
    this.savedBy = savedBy;
  }

  save(request: ExportRequest, sources: ExportSources): SavedExport {
    const rows = rowsOf(request, sources);
    const day = sources.now.slice(0, 10);
    const filename = `${sources.organizer}-${request.kind.replace(/_/g, '-')}-${day}.csv`;
    const saved: SavedExport = { path: this.savedBy === 'window' ? `${DOWNLOADS}/${filename}` : null, rows, filename };
    this.saved.push({ ...saved, request: { ...request } });
    return saved;
  }
}
