// CSV imports of customers and memberships, one function per operation. The server keeps an
// uploaded file for an hour; nothing is written before `commitImport`, which writes every row or,
// if any fails its check, none.
import {
  AppError,
  type Backend,
  type ImportKind,
  type ImportPreview,
  type ImportProgress,
  type ImportReport,
  type OrganizerSummary,
} from '../../lib/backend/backend';
import { holdsAll } from '../../lib/permissions';
import type { Mapping } from './mapping';

/** How often a started import's progress is looked up. */
export const IMPORT_POLL_MS = 500;

/** Uploads the file's text as is; `validation` for a file that is no CSV, `too_large` over HTTP for a huge one. */
export function previewImport(backend: Backend, organizer: string, kind: ImportKind, csv: string): Promise<ImportPreview> {
  return backend.importPreview(organizer, kind, csv);
}

/** Checks every row and writes nothing; `not_found` once the upload expired. */
export function checkImport(backend: Backend, organizer: string, id: string, mapping: Mapping): Promise<ImportReport> {
  return backend.importValidate(organizer, id, mapping);
}

/** Starts the import; it answers at once, and `importProgress` tells how far it is. */
export function startImport(backend: Backend, organizer: string, id: string, mapping: Mapping): Promise<ImportProgress> {
  return backend.importCommit(organizer, id, mapping);
}

export function importProgress(backend: Backend, organizer: string, id: string): Promise<ImportProgress> {
  return backend.importProgress(organizer, id);
}

/** Who may import (the Import section); opening credit also needs `mayBookCredit`. */
export function mayImport(organizer: OrganizerSummary): boolean {
  return holdsAll(organizer, 'organizer.customers:write');
}

/** Whether a credit column may be imported: the server answers `forbidden` otherwise. */
export function mayBookCredit(organizer: OrganizerSummary): boolean {
  return holdsAll(organizer, 'organizer.giftcards:write');
}

/**
 * A refusal of the file (`validation` on `file`) or of the mapping (on `mapping`) as words about
 * the whole step, since the wizard has no input to mark: the server's messages, and that nothing
 * was changed.
 */
export function aboutTheStep(error: AppError): AppError {
  if (error.code !== 'validation') return error;
  const messages = Object.values(error.fields).flat();
  return messages.length === 0 ? error : new AppError('validation', messages.join(' '), { non_field_errors: messages });
}

/** An import that will not change any more. */
export function isFinished(progress: ImportProgress): boolean {
  return progress.state === 'done' || progress.state === 'failed';
}
