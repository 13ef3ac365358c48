// The backups screen's rules: the schedule form ↔ the settings the backend takes, where a backup
// goes, and how a backup is named for people.
import type { BackupInfo, BackupKind, BackupOverview, BackupSettings } from '../../lib/backend/backend';
import { invalidFields } from '../../lib/errors';
import { m } from './messages';

export const EVERY_HOURS = { min: 1, max: 168 };
export const KEEP = { min: 1, max: 365 };

export interface ScheduleValues {
  /** Scheduled backups are on (a folder is set). */
  enabled: boolean;
  folder: string;
  everyHours: string;
  keep: string;
}

/** The form for the stored schedule; an empty folder while it is off. */
export function scheduleValuesFrom(settings: BackupSettings): ScheduleValues {
  return {
    enabled: settings.folder !== null,
    folder: settings.folder ?? '',
    everyHours: String(settings.every_hours),
    keep: String(settings.keep),
  };
}

/** A whole number in `range` as typed, or null. */
function wholeIn(typed: string, range: { min: number; max: number }): number | null {
  const trimmed = typed.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= range.min && value <= range.max ? value : null;
}

/**
 * The settings to save; `validation` on `folder` (on without a folder), `every_hours` and `keep`
 * (whole numbers in range). Turning the schedule off keeps the numbers for the next time.
 */
export function scheduleInput(values: ScheduleValues): BackupSettings {
  const fields: Record<string, string[]> = {};
  const folder = values.folder.trim();
  if (values.enabled && folder === '') fields.folder = [m().folderRequired];
  const everyHours = wholeIn(values.everyHours, EVERY_HOURS);
  if (everyHours === null) fields.every_hours = [m().everyHoursRange];
  const keep = wholeIn(values.keep, KEEP);
  if (keep === null) fields.keep = [m().keepRange];
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return { folder: values.enabled ? folder : null, every_hours: everyHours as number, keep: keep as number };
}

/** Where "Back up now" writes without another folder: the schedule's folder, else the default one. */
export function backupFolder(overview: BackupOverview): string {
  return overview.settings.folder ?? overview.default_folder;
}

export function kindLabel(kind: BackupKind | string): string {
  if (kind === 'manual') return m().kindManual;
  if (kind === 'scheduled') return m().kindScheduled;
  if (kind === 'before_restore') return m().kindBeforeRestore;
  return kind;
}

/** Whether a backup can be restored: only while its file is there. */
export function canRestore(backup: BackupInfo): boolean {
  return backup.present;
}
