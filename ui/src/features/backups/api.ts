// Backups of the installation for administrators, one function per operation. The core makes,
// checks, schedules and restores them; the desk asks and shows.
import type { Backend, BackupInfo, BackupOverview, BackupSettings, RestoreOutcome } from '../../lib/backend/backend';

export function backupsOverview(backend: Backend): Promise<BackupOverview> {
  return backend.backupsOverview();
}

/** Backs up now into `to` (a folder or file) when typed, else the schedule's or the default folder. */
export function backUpNow(backend: Backend, to: string): Promise<BackupInfo> {
  const typed = to.trim();
  return backend.backupsCreate(typed === '' ? null : typed);
}

/** `validation` on `folder`, `every_hours` and `keep`. */
export function saveSchedule(backend: Backend, settings: BackupSettings): Promise<BackupOverview> {
  return backend.backupsSaveSettings(settings);
}

/** Replaces the data with the backup's; the desk session ends with it. */
export function restoreBackup(backend: Backend, path: string): Promise<RestoreOutcome> {
  return backend.backupsRestore(path.trim());
}
