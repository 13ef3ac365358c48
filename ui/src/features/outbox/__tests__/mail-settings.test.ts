import { screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_USER, FakeBackend } from '../../../testing/fake-backend';
import type { FakeMailSettings, FakeSmtpFailure } from '../../../testing/fake-outbox';
import { renderApp } from '../../../testing/render';
import { TEST_MAIL_POLL_MS } from '../api';
import { mailSettingsInput, portAfterTlsChange, valuesFrom } from '../mail-settings';

const STORED: FakeMailSettings = {
  host: 'smtp.example.org',
  port: 465,
  tls: 'tls',
  username: 'tickets@example.org',
  password: 'stored-secret',
  sender: 'tickets@example.org',
};

async function openMailSettings(
  options: { settings?: FakeMailSettings | null; failure?: FakeSmtpFailure | null; locale?: string } = {},
) {
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    users: [{ ...DEFAULT_USER, locale: options.locale ?? 'en' }],
    mail: { demo: { settings: options.settings ?? null, failure: options.failure ?? null } },
  });
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByTestId('nav-settings'));
  const panel = await screen.findByTestId('mail-settings');
  const form = await within(panel).findByTestId('mail-settings-form');
  return { ...rendered, backend, panel, form };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('mail settings', () => {
  it('sets up a first server: the port follows the encryption, nothing else is sent but what was typed', async () => {
    const { backend, user, panel, form } = await openMailSettings();
    expect(within(panel).getByTestId('mail-settings-none')).toHaveTextContent('No mail server is set up yet.');
    const port = within(form).getByLabelText('Port');
    expect(within(form).getByLabelText('Encryption')).toHaveValue('starttls');
    expect(port).toHaveValue('587');

    await user.selectOptions(within(form).getByLabelText('Encryption'), 'tls');
    expect(port).toHaveValue('465');
    expect(within(form).getByLabelText('Encryption')).toHaveAccessibleDescription('Usually port 465.');
    await user.selectOptions(within(form).getByLabelText('Encryption'), 'none');
    expect(port).toHaveValue('25');
    await user.clear(port);
    await user.type(port, '2525');
    await user.selectOptions(within(form).getByLabelText('Encryption'), 'starttls');
    expect(port, 'a port typed by hand stays').toHaveValue('2525');

    await user.type(within(form).getByLabelText('Host'), ' mail.example.org ');
    await user.type(within(form).getByLabelText('Sender address'), 'Tickets@Example.org');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(panel).findByTestId('mail-settings-notice')).toHaveTextContent('Mail settings saved.');
    expect(within(panel).getByTestId('mail-settings-notice')).toHaveTextContent(
      'Mails go out through mail.example.org:2525 from tickets@example.org.',
    );
    expect(backend.callsTo('mailSettingsSave')).toEqual([
      [
        'demo',
        {
          host: 'mail.example.org',
          port: 2525,
          tls: 'starttls',
          username: null,
          password: null,
          sender: 'Tickets@Example.org',
        },
      ],
    ]);
    expect(within(panel).queryByTestId('mail-settings-none')).not.toBeInTheDocument();
  });

  it('shows the backend’s messages at their fields', async () => {
    const { backend, user, form } = await openMailSettings();
    await user.type(within(form).getByLabelText('Host'), 'smtp example');
    await user.type(within(form).getByLabelText('Sender address'), 'not-an-address{Enter}');

    const host = within(form).getByLabelText('Host');
    await waitFor(() => expect(host).toHaveAttribute('aria-invalid', 'true'));
    expect(host).toHaveAccessibleDescription(expect.stringContaining("Enter the SMTP server's host name or address."));
    expect(host).toHaveFocus();
    const sender = within(form).getByLabelText('Sender address');
    expect(sender).toHaveAttribute('aria-invalid', 'true');
    expect(sender).toHaveAccessibleDescription(expect.stringContaining('Enter a valid email address.'));
    expect(within(form).getByLabelText('Port')).toHaveAttribute('aria-invalid', 'false');
    expect(within(form).queryByTestId('mail-settings-form-error')).not.toBeInTheDocument();
    expect(screen.queryByTestId('mail-settings-notice')).not.toBeInTheDocument();
    expect(backend.callsTo('mailSettingsSave')).toHaveLength(1);
  });

  it('refuses a port that is no port without asking the backend', async () => {
    const { backend, user, form } = await openMailSettings();
    const port = within(form).getByLabelText('Port');
    await user.clear(port);
    await user.type(port, '70000{Enter}');
    await waitFor(() => expect(port).toHaveAttribute('aria-invalid', 'true'));
    expect(port).toHaveAccessibleDescription(expect.stringContaining('Enter a port from 1 to 65535.'));
    expect(port).toHaveFocus();
    expect(backend.callsTo('mailSettingsSave')).toHaveLength(0);
  });

  it('never shows the stored password, keeps it unless a new one is typed, and empties the field after saving', async () => {
    const { backend, user, panel, form } = await openMailSettings({ settings: STORED });
    const password = within(form).getByLabelText('Password');
    expect(password).toHaveAttribute('type', 'password');
    expect(password).toHaveAttribute('autocomplete', 'new-password');
    expect(password).toHaveValue('');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('A password is stored.'));
    expect(within(form).getByLabelText('Host')).toHaveValue('smtp.example.org');
    expect(within(form).getByLabelText('Encryption')).toHaveValue('tls');
    expect(within(form).getByLabelText('Port')).toHaveValue('465');
    expect(within(form).getByLabelText('Username')).toHaveValue('tickets@example.org');
    expect(panel.innerHTML).not.toContain('stored-secret');

    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await within(panel).findByTestId('mail-settings-notice');
    expect(backend.callsTo('mailSettingsSave').at(-1)?.[1]).toMatchObject({ password: null });
    expect(backend.outbox('demo').settings?.password).toBe('stored-secret');

    await user.type(password, 'new secret{Enter}');
    await waitFor(() => expect(backend.callsTo('mailSettingsSave')).toHaveLength(2));
    expect(backend.callsTo('mailSettingsSave').at(-1)?.[1]).toMatchObject({ password: 'new secret' });
    await waitFor(() => expect(password).toHaveValue(''));
    expect(backend.outbox('demo').settings?.password).toBe('new secret');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('A password is stored.'));
  });

  it('removes the stored password only when asked', async () => {
    const { backend, user, panel, form } = await openMailSettings({ settings: STORED });
    const password = within(form).getByLabelText('Password');
    await user.type(password, 'typed');
    await user.click(within(form).getByRole('checkbox', { name: 'Remove the stored password' }));
    expect(password).toBeDisabled();
    expect(password).toHaveValue('');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('removed when you save'));

    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await within(panel).findByTestId('mail-settings-notice');
    expect(backend.callsTo('mailSettingsSave').at(-1)?.[1]).toMatchObject({ password: '' });
    expect(backend.outbox('demo').settings?.password).toBeNull();
    expect(within(form).queryByRole('checkbox', { name: 'Remove the stored password' })).not.toBeInTheDocument();
    expect(password).toBeEnabled();
    expect(password).toHaveAccessibleDescription(expect.stringContaining('None is stored.'));
  });
});

describe('test mail', () => {
  it('queues a test mail to the logged-in user, in their language (the window’s too), and shows it sent', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { backend, user, panel } = await openMailSettings({ settings: STORED, locale: 'de' });
    const form = within(panel).getByTestId('test-mail-form');
    expect(within(form).getByLabelText('Empfänger')).toHaveValue(DEFAULT_USER.email);
    await user.click(within(form).getByRole('button', { name: 'Testmail senden' }));

    const status = await within(panel).findByTestId('test-mail-status');
    expect(backend.callsTo('mailSettingsTest')).toEqual([['demo', { to: DEFAULT_USER.email, locale: 'de' }]]);
    expect(within(status).getByTestId('test-mail-state')).toHaveTextContent('Wartend');
    expect(within(status).getByTestId('test-mail-waiting')).toHaveTextContent('Wartet auf den Versand');

    await vi.advanceTimersByTimeAsync(TEST_MAIL_POLL_MS);
    await waitFor(() => expect(within(status).getByTestId('test-mail-state')).toHaveTextContent('Gesendet'));
    expect(within(status).getByTestId('test-mail-result')).toHaveTextContent('Die Testmail wurde gesendet.');
    expect(backend.outbox('demo').mails[0]).toMatchObject({ kind: 'test', subject: 'Testnachricht von Demo Venue' });

    // Sent is final: no more looks.
    const looks = backend.callsTo('outboxList').length;
    await vi.advanceTimersByTimeAsync(TEST_MAIL_POLL_MS * 3);
    expect(backend.callsTo('outboxList')).toHaveLength(looks);
  });

  it('shows what the server said when it refuses the test mail, and leads to the Outbox', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const failure = { message: '535 5.7.8 Authentication credentials invalid', permanent: true };
    const { user, panel } = await openMailSettings({ settings: STORED, failure });
    const form = within(panel).getByTestId('test-mail-form');
    const to = within(form).getByLabelText('Recipient');
    await user.clear(to);
    await user.type(to, 'ops@example.org{Enter}');

    const status = await within(panel).findByTestId('test-mail-status');
    await vi.advanceTimersByTimeAsync(TEST_MAIL_POLL_MS);
    await waitFor(() => expect(within(status).getByTestId('test-mail-state')).toHaveTextContent('Failed'));
    expect(within(status).getByTestId('test-mail-result')).toHaveTextContent('The test mail could not be sent.');
    expect(within(status).getByTestId('test-mail-error')).toHaveTextContent('535 5.7.8 Authentication credentials invalid');
    expect(status).toHaveTextContent('ops@example.org');

    await user.click(within(status).getByRole('button', { name: 'Open the Outbox' }));
    await screen.findByTestId('outbox');
    expect(screen.getByRole('button', { name: 'Outbox' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(screen.getAllByTestId('outbox-row')).toHaveLength(1));
    expect(screen.getByTestId('mail-error')).toHaveTextContent('535 5.7.8 Authentication credentials invalid');
  });

  it('keeps looking while the server cannot be reached, saying why the mail waits', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const failure = { message: 'Connection refused (os error 111)', permanent: false };
    const { backend, user, panel } = await openMailSettings({ settings: STORED, failure });
    await user.click(within(panel).getByRole('button', { name: 'Send test mail' }));
    const status = await within(panel).findByTestId('test-mail-status');

    await vi.advanceTimersByTimeAsync(TEST_MAIL_POLL_MS);
    await waitFor(() => expect(within(status).getByTestId('test-mail-error')).toHaveTextContent('Connection refused'));
    expect(within(status).getByTestId('test-mail-state')).toHaveTextContent('Queued');
    expect(within(status).getByTestId('test-mail-result')).toHaveTextContent('The test mail has not gone out yet.');
    expect(within(status).getByTestId('test-mail-result')).toHaveTextContent('Tessera tries again at');

    // The server comes back; the sender's next attempt gets through.
    backend.outbox('demo').failure = null;
    backend.outbox('demo').mails[0].next_attempt_at = '2026-11-23T17:00:00Z';
    await vi.advanceTimersByTimeAsync(TEST_MAIL_POLL_MS);
    await waitFor(() => expect(within(status).getByTestId('test-mail-state')).toHaveTextContent('Sent'));
  });

  it('shows a wrong address at the recipient field', async () => {
    const { backend, user, panel } = await openMailSettings({ settings: STORED });
    const form = within(panel).getByTestId('test-mail-form');
    const to = within(form).getByLabelText('Recipient');
    await user.clear(to);
    await user.type(to, 'nobody{Enter}');
    await waitFor(() => expect(to).toHaveAttribute('aria-invalid', 'true'));
    expect(to).toHaveAccessibleDescription(expect.stringContaining('Enter a valid email address.'));
    expect(within(panel).queryByTestId('test-mail-status')).not.toBeInTheDocument();
    expect(backend.outbox('demo').mails).toHaveLength(0);
  });
});

describe('mail settings form', () => {
  it('sends a password only when typed, and "" to remove it', () => {
    const values = valuesFrom({ ...STORED, has_password: true });
    expect(values.password).toBe('');
    expect(mailSettingsInput(values).password).toBeNull();
    expect(mailSettingsInput({ ...values, password: ' spaced ' }).password).toBe(' spaced ');
    expect(mailSettingsInput({ ...values, password: 'x', removePassword: true }).password).toBe('');
  });

  it('moves the port with the encryption only while it is a usual one', () => {
    expect(portAfterTlsChange('587', 'tls')).toBe('465');
    expect(portAfterTlsChange('', 'none')).toBe('25');
    expect(portAfterTlsChange('2525', 'tls')).toBe('2525');
  });
});
