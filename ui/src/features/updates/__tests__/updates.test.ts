import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER, FakeBackend, type FakeBackendOptions } from '../../../testing/fake-backend';
import { personClock, renderApp } from '../../../testing/render';
import { noticeShows } from '../updates';

const RELEASE = { version: '0.2.0', notes: 'Faster search at the desk.', date: '2026-11-20T10:00:00Z' };
const ENDPOINT = 'https://updates.example.org/tessera/latest.json';

function desk(options: FakeBackendOptions & { admin?: boolean; locale?: string } = {}) {
  const { admin = true, locale = 'en', ...rest } = options;
  return new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    users: [{ ...DEFAULT_USER, is_admin: admin, locale }],
    ...rest,
  });
}

/** The desk at Settings, with the updates panel loaded. */
async function openSettings(backend: FakeBackend) {
  const rendered = renderApp(backend, personClock(), 'settings');
  const panel = await screen.findByTestId('update-settings');
  await within(panel).findByTestId('update-check');
  return { ...rendered, panel };
}

describe('the update notice', () => {
  it('offers an administrator to install a newer version, then to restart', async () => {
    const backend = desk({ updates: { settings: { endpoint: ENDPOINT, check_on_start: true }, offered: RELEASE } });
    const { user } = renderApp(backend);
    await screen.findByTestId('nav-settings');
    await waitFor(() => expect(backend.updates.listening).toBe(1));

    backend.updates.announce('start');
    const notice = await screen.findByTestId('update-notice');
    expect(notice).toHaveTextContent('Tessera 0.2.0 is available');
    expect(notice).toHaveTextContent('Faster search at the desk.');

    await user.click(within(notice).getByRole('button', { name: 'Install and restart' }));
    expect(await within(notice).findByText('Tessera 0.2.0 is installed')).toBeInTheDocument();
    expect(backend.callsTo('updatesInstall')).toHaveLength(1);

    await user.click(within(notice).getByRole('button', { name: 'Restart now' }));
    await waitFor(() => expect(backend.updates.restarts).toBe(1));
  });

  it('says why an update was not installed, and that nothing changed', async () => {
    const backend = desk({
      updates: {
        settings: { endpoint: ENDPOINT, check_on_start: true },
        offered: RELEASE,
        installFailure: 'signature verification failed',
      },
    });
    backend.updates.announce('start');
    const { user } = renderApp(backend);
    const notice = await screen.findByTestId('update-notice');
    await user.click(within(notice).getByRole('button', { name: 'Install and restart' }));

    expect(await within(notice).findByText('The update was not installed.')).toBeInTheDocument();
    expect(notice).toHaveTextContent('signature verification failed');
    expect(notice).toHaveTextContent('Nothing was changed; Tessera runs as before.');
    expect(within(notice).queryByTestId('update-restart')).not.toBeInTheDocument();
  });

  it('tells staff who are no administrators to ask one, without an install button', async () => {
    const backend = desk({
      admin: false,
      updates: { settings: { endpoint: ENDPOINT, check_on_start: true }, offered: RELEASE },
    });
    renderApp(backend);
    await waitFor(() => expect(backend.updates.listening).toBe(1));
    backend.updates.announce('start');

    const notice = await screen.findByTestId('update-notice');
    expect(notice).toHaveTextContent('Ask an administrator to install it.');
    expect(within(notice).queryByTestId('update-install')).not.toBeInTheDocument();
  });

  it('shows an update the check on start found before anyone logged in', async () => {
    const backend = desk({ updates: { settings: { endpoint: ENDPOINT, check_on_start: true }, offered: RELEASE } });
    backend.updates.announce('start');
    renderApp(backend);
    expect(await screen.findByTestId('update-notice')).toHaveTextContent('Tessera 0.2.0 is available');
  });

  it('stays quiet when the check on start finds nothing or no network, but answers the menu', async () => {
    const backend = desk({ updates: { settings: { endpoint: ENDPOINT, check_on_start: true }, server: 'offline' } });
    const { user } = renderApp(backend);
    await waitFor(() => expect(backend.updates.listening).toBe(1));

    backend.updates.announce('start');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('update-notice')).not.toBeInTheDocument();

    backend.updates.announce('menu');
    const notice = await screen.findByTestId('update-notice');
    expect(notice).toHaveTextContent('The update server cannot be reached.');
    expect(notice).toHaveTextContent('Tessera works on as it is.');
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('update-notice')).not.toBeInTheDocument();
  });

  it('speaks German to a German user', async () => {
    const backend = desk({
      locale: 'de',
      updates: { settings: { endpoint: ENDPOINT, check_on_start: true }, offered: RELEASE },
    });
    renderApp(backend);
    await waitFor(() => expect(backend.updates.listening).toBe(1));
    backend.updates.announce('start');
    const notice = await screen.findByTestId('update-notice');
    expect(notice).toHaveTextContent('Tessera 0.2.0 ist verfügbar');
    expect(within(notice).getByRole('button', { name: 'Installieren und neu starten' })).toBeInTheDocument();
  });

  it('shows only news from the start-up check, and anything asked for', () => {
    const check = { current_version: '0.1.0', version: null, notes: null, date: null, message: null };
    expect(noticeShows({ reason: 'start', check: { ...check, state: 'offline' } })).toBe(false);
    expect(noticeShows({ reason: 'start', check: { ...check, state: 'up_to_date' } })).toBe(false);
    expect(noticeShows({ reason: 'start', check: { ...check, state: 'available' } })).toBe(true);
    expect(noticeShows({ reason: 'menu', check: { ...check, state: 'not_configured' } })).toBe(true);
    expect(noticeShows({ reason: 'menu', check: { ...check, state: 'unsupported' } })).toBe(false);
  });
});

describe('update settings', () => {
  it('lets an administrator set the update server, trimmed, and check at once', async () => {
    const backend = desk({ updates: { offered: RELEASE } });
    const { user, panel } = await openSettings(backend);
    const form = within(panel).getByTestId('update-settings-form');

    await user.type(within(form).getByLabelText('Update server address'), `  ${ENDPOINT}  `);
    await user.click(within(form).getByLabelText('Look for updates whenever Tessera starts'));
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(panel).findByTestId('update-settings-saved')).toHaveTextContent('Update settings saved.');
    expect(backend.callsTo('updatesSaveSettings')).toEqual([[{ endpoint: ENDPOINT, check_on_start: false }]]);

    await user.click(within(panel).getByRole('button', { name: 'Check for updates' }));
    expect(await within(panel).findByTestId('update-answer')).toHaveTextContent('Tessera 0.2.0 is available');
    expect(await screen.findByTestId('update-notice'), 'the notice at the top offers it too').toHaveTextContent(
      'Install and restart',
    );
  });

  it('shows the server’s message at the address field', async () => {
    const backend = desk();
    const { user, panel } = await openSettings(backend);
    const form = within(panel).getByTestId('update-settings-form');
    await user.type(within(form).getByLabelText('Update server address'), 'ftp://updates.example.org/latest.json');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('The address must start with https:// or http://.')).toBeInTheDocument();
    expect(backend.updates.settings?.endpoint).toBeNull();
  });

  it('answers a check without a server, and tells staff who are no administrators where updates come from', async () => {
    const backend = desk({ admin: false, updates: { settings: { endpoint: null, check_on_start: true } } });
    const { user, panel } = await openSettings(backend);
    expect(within(panel).queryByTestId('update-settings-form')).not.toBeInTheDocument();
    expect(within(panel).getByTestId('update-endpoint-shown')).toHaveTextContent('No update server is set');
    await user.click(within(panel).getByRole('button', { name: 'Check for updates' }));
    expect(await within(panel).findByTestId('update-answer')).toHaveTextContent('No update server is set.');
  });

  it('is absent in a browser on the LAN, where updates do not apply', async () => {
    const backend = desk({ updates: { settings: null, offered: RELEASE } });
    renderApp(backend, personClock(), 'settings');
    await screen.findByTestId('settings');
    await waitFor(() => expect(backend.callsTo('updatesSettings')).toHaveLength(1));
    expect(screen.queryByTestId('update-settings')).not.toBeInTheDocument();
    backend.updates.announce('start');
    expect(screen.queryByTestId('update-notice')).not.toBeInTheDocument();
  });
});
