// What the start screen works out itself: where "today" starts, how long ago a terminal was seen,
// and whether the last backup is recent enough.
import type { BackupInfo } from '../../lib/backend/backend';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A backup older than this many days is flagged. */
export const BACKUP_STALE_DAYS = 7;

/** Local midnight of the day `now` falls in, as RFC 3339 in UTC (`since` for today's figures). */
export function startOfToday(now: Date): string {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  return midnight.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Whole minutes from `then` (RFC 3339) to `now`; 0 for a time in the future or no time at all. */
export function minutesSince(then: string, now: Date): number {
  const at = Date.parse(then);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.floor((now.getTime() - at) / MINUTE_MS));
}

/** Whole days from `then` (RFC 3339) to `now`. */
export function daysSince(then: string, now: Date): number {
  const at = Date.parse(then);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
}

export type BackupState = 'none' | 'missing' | 'stale' | 'recent';

/**
 * How the last backup stands: none at all, its file gone, older than a week (all three warned
 * about), or recent.
 */
export function backupState(last: BackupInfo | null, now: Date): BackupState {
  if (last === null) return 'none';
  if (!last.present) return 'missing';
  return daysSince(last.created_at, now) >= BACKUP_STALE_DAYS ? 'stale' : 'recent';
}
