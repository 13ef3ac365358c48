// The installation's backups as the fake backend keeps them, with the core's rules: newest first
// (at most 100 listed), a schedule of 1 to 168 hours keeping 1 to 365 backups, a backup on demand
// into a named folder, the schedule's folder or the default one, and a restore that checks the
// file, keeps the replaced database aside and migrates an older backup to the current schema.
import {
  AppError,
  type BackupInfo,
  type BackupKind,
  type BackupOverview,
  type BackupSettings,
  type RestoreOutcome,
} from '../lib/backend/backend';

/** The schema the fake's database is at; a backup made before it is migrated on restore. */
export const SCHEMA_VERSION = 13;
export const DEFAULT_FOLDER = '/var/lib/tessera/backups';

const LISTED = 100;
const HOUR_MS = 3_600_000;

let backupCounter = 0;

/** A checked manual backup of 2.4 MB made at 17:00 on 23 November 2026 in the default folder. */
export function makeBackup(overrides: Partial<BackupInfo> = {}): BackupInfo {
  backupCounter += 1;
  return {
    path: `${DEFAULT_FOLDER}/tessera-2026-11-23T17-00-${String(backupCounter).padStart(2, '0')}.sqlite3`,
    created_at: '2026-11-23T17:00:00Z',
    size_bytes: 2_516_582,
    kind: 'manual',
    present: true,
    ...overrides,
  };
}

/** A backup file elsewhere (not listed): where it is, and the schema it was made with. */
export interface FakeBackupFile {
  path: string;
  schema: number;
  /** Fails the integrity check. */
  damaged?: boolean;
}

function invalid(fields: Record<string, string[]>): AppError {
  return new AppError('validation', 'Please correct the marked fields.', fields);
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-11-23T17:00:00Z` → `2026-11-23T17-00-00`, as backup file names carry the time. */
function fileTime(at: string): string {
  return at.replace(/:/g, '-').replace(/Z$/, '');
}

export class FakeBackups {
  /** Newest first. */
  backups: BackupInfo[];
  settings: BackupSettings;
  defaultFolder: string;
  scheduleError: string | null;
  /** Backup files that are not listed (copied from elsewhere), by path. */
  files: FakeBackupFile[];
  /** Folders a backup cannot be written to (a stick that is not plugged in). */
  unwritable: string[];
  /** Where the last restore came from; null before any. */
  restoredFrom: string | null = null;

  constructor(
    options: {
      backups?: BackupInfo[];
      settings?: BackupSettings;
      defaultFolder?: string;
      scheduleError?: string | null;
      files?: FakeBackupFile[];
      unwritable?: string[];
    } = {},
  ) {
    this.backups = options.backups ?? [];
    this.settings = options.settings ?? { folder: null, every_hours: 24, keep: 14 };
    this.defaultFolder = options.defaultFolder ?? DEFAULT_FOLDER;
    this.scheduleError = options.scheduleError ?? null;
    this.files = options.files ?? [];
    this.unwritable = options.unwritable ?? [];
  }

  /** The newest backup, as the dashboard shows it. */
  last(): BackupInfo | null {
    return this.backups[0] ? { ...this.backups[0] } : null;
  }

  overview(now: string): BackupOverview {
    return {
      settings: { ...this.settings },
      default_folder: this.defaultFolder,
      backups: this.backups.slice(0, LISTED).map((b) => ({ ...b })),
      next_due: this.nextDue(now),
      schedule_error: this.scheduleError,
    };
  }

  /** An hour-multiple after the newest scheduled backup, or `now` when one is due. */
  private nextDue(now: string): string | null {
    if (this.settings.folder === null) return null;
    const last = this.backups.find((b) => b.kind === 'scheduled');
    if (!last) return now;
    return stamp(Math.max(Date.parse(last.created_at) + this.settings.every_hours * HOUR_MS, Date.parse(now)));
  }

  /** Backs up into `to` (a folder or a `.sqlite3` file), the schedule's folder, or the default one. */
  create(to: string | null, now: string, kind: BackupKind = 'manual'): BackupInfo {
    const target = to?.trim() || this.settings.folder || this.defaultFolder;
    const isFile = target.endsWith('.sqlite3');
    const folder = isFile ? target.slice(0, target.lastIndexOf('/')) : target.replace(/\/+$/, '');
    if (!target.startsWith('/') || this.unwritable.includes(folder)) {
      throw invalid({ to: [`Cannot write a backup into ${folder || target}.`] });
    }
    const path = isFile ? target : `${folder}/tessera-${fileTime(now)}.sqlite3`;
    const backup: BackupInfo = { path, created_at: now, size_bytes: 2_516_582, kind, present: true };
    this.backups = [backup, ...this.backups.filter((b) => b.path !== path)];
    return { ...backup };
  }

  saveSettings(input: BackupSettings, now: string): BackupOverview {
    const fields: Record<string, string[]> = {};
    const folder = input.folder === null ? null : input.folder.trim();
    if (folder !== null && !folder.startsWith('/')) fields.folder = ['Enter the full path of a folder.'];
    else if (folder !== null && this.unwritable.includes(folder.replace(/\/+$/, ''))) {
      fields.folder = [`Cannot write a backup into ${folder}.`];
    }
    if (!Number.isInteger(input.every_hours) || input.every_hours < 1 || input.every_hours > 168) {
      fields.every_hours = ['Ensure this value is between 1 and 168.'];
    }
    if (!Number.isInteger(input.keep) || input.keep < 1 || input.keep > 365) {
      fields.keep = ['Ensure this value is between 1 and 365.'];
    }
    if (Object.keys(fields).length > 0) throw invalid(fields);
    this.settings = { folder, every_hours: input.every_hours, keep: input.keep };
    this.scheduleError = null;
    return this.overview(now);
  }

  /**
   * Restores a listed backup or a known file: checked first, the current database kept aside as a
   * `before_restore` backup, an older schema migrated.
   */
  restore(path: string, now: string): RestoreOutcome {
    const wanted = path.trim();
    const listed = this.backups.find((b) => b.path === wanted);
    const file = this.files.find((f) => f.path === wanted);
    if (wanted === '') throw invalid({ path: ['This field may not be blank.'] });
    if ((listed && !listed.present) || (!listed && !file)) throw invalid({ path: [`No backup file at ${wanted}.`] });
    if (file?.damaged) {
      throw invalid({ path: ['This file failed the integrity check; it is no sound Tessera database.'] });
    }
    const keptAside = `${this.defaultFolder}/tessera-before-restore-${fileTime(now)}.sqlite3`;
    this.backups.unshift({ path: keptAside, created_at: now, size_bytes: 2_621_440, kind: 'before_restore', present: true });
    this.restoredFrom = wanted;
    return {
      restored_from: wanted,
      kept_aside: keptAside,
      schema_before: file?.schema ?? SCHEMA_VERSION,
      schema_after: SCHEMA_VERSION,
    };
  }
}
