import { screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../lib/i18n.svelte';
import { formatDateTime } from '../../../lib/local-time';
import { DEFAULT_USER, FakeBackend, type FakeBackendOptions } from '../../../testing/fake-backend';
import { DEFAULT_FOLDER, makeBackup, SCHEMA_VERSION } from '../../../testing/fake-backups';
import { renderApp } from '../../../testing/render';

const STICK = '/media/usb';

/** Newest first: a scheduled backup on the stick, a manual one whose file is gone, one kept aside by a restore. */
function seedBackups() {
  return [
    makeBackup({ path: `${STICK}/tessera-2026-11-23T03-00-00.sqlite3`, created_at: '2026-11-23T03:00:00Z', kind: 'scheduled', size_bytes: 2_516_582 }),
    makeBackup({ path: `${DEFAULT_FOLDER}/tessera-2026-11-20T12-00-00.sqlite3`, created_at: '2026-11-20T12:00:00Z', kind: 'manual', present: false, size_bytes: 860_160 }),
    makeBackup({ path: `${DEFAULT_FOLDER}/tessera-before-restore-2026-11-01T09-00-00.sqlite3`, created_at: '2026-11-01T09:00:00Z', kind: 'before_restore', size_bytes: 1_048_576 }),
  ];
}

function backupsBackend(backups: FakeBackendOptions['backups'] = { backups: seedBackups() }, options: FakeBackendOptions = {}) {
  return new FakeBackend({ loggedInAs: DEFAULT_USER.email, backups, ...options });
}

async function openBackups(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole('button', { name: 'Backups' }));
  await screen.findByTestId('backup-now-form');
  return rendered;
}

function rows(): HTMLElement[] {
  return screen.queryAllByTestId('backup-row');
}

afterEach(() => {
  setLocale('en');
});

describe('backups', () => {
  it('is a section for administrators whatever the organizer, and for nobody else', async () => {
    renderApp({ loggedInAs: DEFAULT_USER.email, organizers: [] });
    expect(await screen.findByRole('button', { name: 'Backups' })).toBeInTheDocument();
  });

  it('is not offered to staff who are no administrators', async () => {
    renderApp({ loggedInAs: DEFAULT_USER.email, users: [{ ...DEFAULT_USER, is_admin: false }] });
    await screen.findByRole('button', { name: 'Access' });
    expect(screen.queryByRole('button', { name: 'Backups' })).not.toBeInTheDocument();
  });

  it('lists the backups newest first with time, kind and size, and marks a missing file', async () => {
    await openBackups(backupsBackend());

    expect(rows()).toHaveLength(3);
    const cells = (row: HTMLElement, testid: string) => within(row).getByTestId(testid).textContent?.trim();
    expect(rows().map((r) => cells(r, 'backup-kind'))).toEqual(['Scheduled', 'Manual', 'Before a restore']);
    expect(rows().map((r) => cells(r, 'backup-size'))).toEqual(['2.4 MB', '840 KB', '1.0 MB']);
    expect(cells(rows()[0], 'backup-made-at')).toBe(formatDateTime('2026-11-23T03:00:00Z'));
    expect(cells(rows()[0], 'backup-path')).toBe(`${STICK}/tessera-2026-11-23T03-00-00.sqlite3`);

    expect(within(rows()[1]).getByTestId('backup-missing')).toHaveTextContent('Missing');
    expect(within(rows()[1]).queryByTestId('restore-backup')).not.toBeInTheDocument();
    expect(within(rows()[0]).queryByTestId('backup-missing')).not.toBeInTheDocument();
    expect(
      within(rows()[0]).getByRole('button', { name: `Restore the backup from ${formatDateTime('2026-11-23T03:00:00Z')}` }),
    ).toBeInTheDocument();
  });

  it('says how to start when there is no backup yet', async () => {
    await openBackups(backupsBackend({}));
    expect(screen.getByTestId('no-backups')).toHaveTextContent('There is no backup yet.');
    expect(screen.getByTestId('backup-goes-to')).toHaveTextContent(`The backup goes to ${DEFAULT_FOLDER}`);
  });

  it('backs up now into the schedule’s folder, or into another folder typed', async () => {
    const backend = backupsBackend({ backups: seedBackups(), settings: { folder: STICK, every_hours: 24, keep: 14 } });
    const { user } = await openBackups(backend);
    expect(screen.getByTestId('backup-goes-to')).toHaveTextContent(`The backup goes to ${STICK}`);

    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    const made = await screen.findByTestId('backup-made');
    expect(made).toHaveTextContent('Backup made and checked.');
    expect(made).toHaveTextContent(`${STICK}/tessera-`);
    expect(backend.callsTo('backupsCreate')).toEqual([[null]]);
    await waitFor(() => expect(rows()).toHaveLength(4));

    await user.type(screen.getByLabelText('To another folder (optional)'), '/mnt/archive{Enter}');
    await waitFor(() => expect(backend.callsTo('backupsCreate')).toEqual([[null], ['/mnt/archive']]));
    await waitFor(() => expect(screen.getByTestId('backup-made')).toHaveTextContent('/mnt/archive/tessera-'));
    expect(screen.getByLabelText('To another folder (optional)')).toHaveValue('');
  });

  it('shows at the field why a folder cannot be written, and makes no backup', async () => {
    const backend = backupsBackend({ backups: [], unwritable: ['/media/stick-not-plugged'] });
    const { user } = await openBackups(backend);

    const to = screen.getByLabelText('To another folder (optional)');
    await user.type(to, '/media/stick-not-plugged{Enter}');
    await waitFor(() => expect(to).toHaveAttribute('aria-invalid', 'true'));
    expect(to).toHaveAccessibleDescription(expect.stringContaining('Cannot write a backup into /media/stick-not-plugged.'));
    expect(screen.queryByTestId('backup-made')).not.toBeInTheDocument();
    expect(backend.backups.backups).toHaveLength(0);
  });

  it('turns the schedule on with a folder, says when it is due, and turns it off again', async () => {
    const backend = backupsBackend({});
    const { user } = await openBackups(backend);
    const schedule = screen.getByTestId('backup-schedule');
    expect(within(schedule).getByTestId('schedule-status')).toHaveTextContent('Scheduled backups are off.');

    await user.click(within(schedule).getByLabelText('Back up on a schedule'));
    await user.type(within(schedule).getByLabelText('Folder'), STICK);
    await user.clear(within(schedule).getByLabelText('Every … hours'));
    await user.type(within(schedule).getByLabelText('Every … hours'), '12');
    await user.clear(within(schedule).getByLabelText('Keep the last'));
    await user.type(within(schedule).getByLabelText('Keep the last'), '7');
    await user.click(within(schedule).getByRole('button', { name: 'Save schedule' }));

    expect(await within(schedule).findByTestId('schedule-saved')).toHaveTextContent('Schedule saved.');
    expect(backend.callsTo('backupsSaveSettings')).toEqual([[{ folder: STICK, every_hours: 12, keep: 7 }]]);
    expect(within(schedule).getByTestId('schedule-status')).toHaveTextContent('Next scheduled backup:');
    expect(screen.getByTestId('backup-goes-to')).toHaveTextContent(`The backup goes to ${STICK}`);

    await user.click(within(schedule).getByLabelText('Back up on a schedule'));
    await user.click(within(schedule).getByRole('button', { name: 'Save schedule' }));
    await waitFor(() => expect(backend.callsTo('backupsSaveSettings')).toHaveLength(2));
    expect(backend.callsTo('backupsSaveSettings')[1]).toEqual([{ folder: null, every_hours: 12, keep: 7 }]);
    await waitFor(() => expect(within(schedule).getByTestId('schedule-status')).toHaveTextContent('Scheduled backups are off.'));
  });

  it('checks the schedule before asking the backend, with the messages under the fields', async () => {
    const backend = backupsBackend({});
    const { user } = await openBackups(backend);
    const schedule = screen.getByTestId('backup-schedule');

    await user.click(within(schedule).getByLabelText('Back up on a schedule'));
    await user.clear(within(schedule).getByLabelText('Every … hours'));
    await user.type(within(schedule).getByLabelText('Every … hours'), '200');
    await user.clear(within(schedule).getByLabelText('Keep the last'));
    await user.type(within(schedule).getByLabelText('Keep the last'), 'all');
    await user.click(within(schedule).getByRole('button', { name: 'Save schedule' }));

    await waitFor(() => expect(within(schedule).getByLabelText('Folder')).toHaveAttribute('aria-invalid', 'true'));
    expect(within(schedule).getByLabelText('Folder')).toHaveAccessibleDescription(
      expect.stringContaining('Enter the folder, or turn the schedule off.'),
    );
    expect(within(schedule).getByLabelText('Every … hours')).toHaveAccessibleDescription(
      expect.stringContaining('Enter a whole number from 1 to 168.'),
    );
    expect(within(schedule).getByLabelText('Keep the last')).toHaveAccessibleDescription(
      expect.stringContaining('Enter a whole number from 1 to 365.'),
    );
    expect(within(schedule).getByLabelText('Folder')).toHaveFocus();
    expect(backend.callsTo('backupsSaveSettings')).toHaveLength(0);
  });

  it('shows why the last scheduled backup failed', async () => {
    await openBackups(
      backupsBackend({
        settings: { folder: STICK, every_hours: 24, keep: 14 },
        scheduleError: `Cannot write a backup into ${STICK}: no such directory`,
      }),
    );
    const alert = screen.getByTestId('schedule-error');
    expect(alert).toHaveTextContent('The last scheduled backup failed.');
    expect(alert).toHaveTextContent('no such directory');
  });

  it('restores a backup after saying plainly what happens, then leads to the login', async () => {
    const backend = backupsBackend();
    const { user } = await openBackups(backend);

    await user.click(within(rows()[0]).getByTestId('restore-backup'));
    const dialog = screen.getByRole('alertdialog', { name: 'Restore this backup?' });
    expect(dialog).toHaveTextContent(`From ${STICK}/tessera-2026-11-23T03-00-00.sqlite3.`);
    expect(dialog).toHaveTextContent('the current data is copied aside and replaced');
    expect(dialog).toHaveTextContent(`Anything booked after ${formatDateTime('2026-11-23T03:00:00Z')} is not in the restored data.`);
    expect(dialog).toHaveTextContent('Everyone must log in again afterwards, you too.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    const outcome = await screen.findByTestId('restore-outcome');
    expect(within(outcome).getByTestId('restored-from')).toHaveTextContent(`${STICK}/tessera-2026-11-23T03-00-00.sqlite3`);
    expect(within(outcome).getByTestId('kept-aside')).toHaveTextContent(`${DEFAULT_FOLDER}/tessera-before-restore-`);
    expect(within(outcome).getByTestId('restored-schema')).toHaveTextContent(String(SCHEMA_VERSION));
    expect(backend.callsTo('backupsRestore')).toEqual([[`${STICK}/tessera-2026-11-23T03-00-00.sqlite3`]]);
    expect(screen.getByRole('button', { name: 'Log in again' })).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('Your session has ended.');
    expect(screen.queryByTestId('backups')).not.toBeInTheDocument();
  });

  it('changes nothing when the question is cancelled with Esc', async () => {
    const backend = backupsBackend();
    const { user } = await openBackups(backend);

    await user.click(within(rows()[0]).getByTestId('restore-backup'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsTo('backupsRestore')).toHaveLength(0);
    expect(within(rows()[0]).getByTestId('restore-backup')).toHaveFocus();
  });

  it('restores a file from elsewhere, bringing an older one up to date', async () => {
    const file = '/media/usb/from-the-old-pc.sqlite3';
    const backend = backupsBackend({ backups: [], files: [{ path: file, schema: 11 }] });
    const { user } = await openBackups(backend);

    await user.type(screen.getByLabelText('Backup file'), `${file}{Enter}`);
    const dialog = await screen.findByRole('alertdialog', { name: 'Restore this backup?' });
    expect(dialog).toHaveTextContent(`From ${file}.`);
    expect(dialog).not.toHaveTextContent('Anything booked after');
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));

    const outcome = await screen.findByTestId('restore-outcome');
    expect(within(outcome).getByTestId('restored-schema')).toHaveTextContent(`11 → ${SCHEMA_VERSION} (brought up to date)`);
  });

  it('asks for a path before asking whether to restore', async () => {
    const backend = backupsBackend({});
    const { user } = await openBackups(backend);

    await user.click(screen.getByRole('button', { name: 'Restore…' }));
    await waitFor(() => expect(screen.getByLabelText('Backup file')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Backup file')).toHaveAccessibleDescription(
      expect.stringContaining('Enter the path of a backup file.'),
    );
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('keeps the question open with the reason when the file fails the check, and the session with it', async () => {
    const file = '/media/usb/broken.sqlite3';
    const backend = backupsBackend({ backups: [], files: [{ path: file, schema: SCHEMA_VERSION, damaged: true }] });
    const { user } = await openBackups(backend);

    await user.type(screen.getByLabelText('Backup file'), `${file}{Enter}`);
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));

    const error = await within(dialog).findByTestId('restore-error');
    expect(error).toHaveTextContent('The backup was not restored.');
    expect(error).toHaveTextContent('failed the integrity check');
    expect(backend.loggedInAs).toBe(DEFAULT_USER.email);
    expect(screen.queryByTestId('restore-outcome')).not.toBeInTheDocument();
  });

  it('speaks German, with German sizes', async () => {
    const backend = backupsBackend({ backups: seedBackups() }, { users: [{ ...DEFAULT_USER, locale: 'de' }] });
    const { user } = renderApp(backend);
    await user.click(await screen.findByRole('button', { name: 'Sicherungen' }));

    expect(await screen.findByRole('heading', { name: 'Sicherungen' })).toBeInTheDocument();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(within(rows()[0]).getByTestId('backup-size')).toHaveTextContent('2,4 MB');
    expect(within(rows()[0]).getByTestId('backup-kind')).toHaveTextContent('Geplant');
    expect(screen.getByRole('button', { name: 'Jetzt sichern' })).toBeInTheDocument();
  });
});
