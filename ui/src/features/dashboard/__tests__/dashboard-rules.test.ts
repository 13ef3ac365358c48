import { describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../../lib/backend/backend';
import { backupState, daysSince, minutesSince, startOfToday } from '../dashboard';

const backup = (overrides: Partial<BackupInfo> = {}): BackupInfo => ({
  path: '/var/lib/tessera/backups/tessera.sqlite3',
  created_at: '2026-11-20T02:00:00Z',
  size_bytes: 1000,
  kind: 'scheduled',
  present: true,
  ...overrides,
});

describe('the start screen’s rules', () => {
  it('starts today at local midnight, written in UTC', () => {
    const now = new Date(2026, 10, 23, 14, 37, 12);
    const since = startOfToday(now);
    expect(since).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const start = new Date(since);
    expect([start.getFullYear(), start.getMonth(), start.getDate()]).toEqual([2026, 10, 23]);
    expect([start.getHours(), start.getMinutes(), start.getSeconds()]).toEqual([0, 0, 0]);
  });

  it('starts the day at its own midnight just after it', () => {
    const since = new Date(startOfToday(new Date(2026, 10, 24, 0, 0, 5)));
    expect([since.getDate(), since.getHours()]).toEqual([24, 0]);
  });

  it('counts whole minutes since a terminal was seen, never below zero', () => {
    const now = new Date('2026-11-23T18:10:30Z');
    expect(minutesSince('2026-11-23T18:07:00Z', now)).toBe(3);
    expect(minutesSince('2026-11-23T18:10:10Z', now)).toBe(0);
    expect(minutesSince('2026-11-23T18:12:00Z', now)).toBe(0);
    expect(minutesSince('not a time', now)).toBe(0);
  });

  it('flags no backup, a missing file and one a week old, and not a recent one', () => {
    const now = new Date('2026-11-27T09:00:00Z');
    expect(backupState(null, now)).toBe('none');
    expect(backupState(backup({ present: false }), now)).toBe('missing');
    expect(backupState(backup({ created_at: '2026-11-20T09:00:00Z' }), now)).toBe('stale');
    expect(backupState(backup({ created_at: '2026-11-20T09:00:01Z' }), now)).toBe('recent');
    expect(daysSince('2026-11-17T09:00:00Z', now)).toBe(10);
  });
});
