import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { makeBackup } from '../../../testing/fake-backups';
import { backupFolder, canRestore, kindLabel, scheduleInput, scheduleValuesFrom } from '../backups';

function fieldsOf(run: () => unknown): Record<string, string[]> {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fields;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('the backup schedule form', () => {
  it('shows a schedule that is off with an empty folder, and keeps its numbers', () => {
    expect(scheduleValuesFrom({ folder: null, every_hours: 24, keep: 14 })).toEqual({
      enabled: false,
      folder: '',
      everyHours: '24',
      keep: '14',
    });
  });

  it('sends the folder trimmed while on, and none while off', () => {
    const on = { enabled: true, folder: ' /media/usb ', everyHours: '6', keep: ' 30 ' };
    expect(scheduleInput(on)).toEqual({ folder: '/media/usb', every_hours: 6, keep: 30 });
    expect(scheduleInput({ ...on, enabled: false })).toEqual({ folder: null, every_hours: 6, keep: 30 });
  });

  it('asks for a folder while on, and whole numbers in range', () => {
    expect(fieldsOf(() => scheduleInput({ enabled: true, folder: ' ', everyHours: '0', keep: '366' }))).toEqual({
      folder: ['Enter the folder, or turn the schedule off.'],
      every_hours: ['Enter a whole number from 1 to 168.'],
      keep: ['Enter a whole number from 1 to 365.'],
    });
    expect(Object.keys(fieldsOf(() => scheduleInput({ enabled: false, folder: '', everyHours: '1.5', keep: 'x' })))).toEqual([
      'every_hours',
      'keep',
    ]);
    expect(scheduleInput({ enabled: false, folder: '', everyHours: '168', keep: '1' })).toEqual({
      folder: null,
      every_hours: 168,
      keep: 1,
    });
  });

  it('backs up into the schedule’s folder, else the default one', () => {
    const overview = {
      settings: { folder: null, every_hours: 24, keep: 14 },
      default_folder: '/var/lib/tessera/backups',
      backups: [],
      next_due: null,
      schedule_error: null,
    };
    expect(backupFolder(overview)).toBe('/var/lib/tessera/backups');
    expect(backupFolder({ ...overview, settings: { ...overview.settings, folder: '/media/usb' } })).toBe('/media/usb');
  });

  it('names the kinds, and restores only backups whose file is there', () => {
    expect(kindLabel('before_restore')).toBe('Before a restore');
    expect(kindLabel('imported')).toBe('imported');
    expect(canRestore(makeBackup())).toBe(true);
    expect(canRestore(makeBackup({ present: false }))).toBe(false);
  });
});
