// CSV exports of an organizer's data, one function per operation. The window saves the file into
// the Downloads folder; a browser downloads it. Both answer how many rows it held.
import type { Backend, EventSummary, ExportRequest, SavedExport } from '../../lib/backend/backend';

/** `forbidden` without the kind's read permission; `validation` on `from`, `to` and `event`. */
export function saveExport(backend: Backend, organizer: string, request: ExportRequest): Promise<SavedExport> {
  return backend.exportCsv(organizer, request);
}

/** The events the user may see, for the waiting list's choice. */
export function listEvents(backend: Backend, organizer: string): Promise<EventSummary[]> {
  return backend.eventsList(organizer);
}
