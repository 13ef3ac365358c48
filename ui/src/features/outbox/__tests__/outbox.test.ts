import { screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, type OutboxMail } from '../../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, makeOrganizer } from '../../../testing/fake-backend';
import { makeMail } from '../../../testing/fake-outbox';
import { renderApp } from '../../../testing/render';
import { kindLabel, OUTBOX_REFRESH_MS } from '../api';

const SMTP = {
  host: 'smtp.example.org',
  port: 587,
  tls: 'starttls' as const,
  username: null,
  password: null,
  sender: 'tickets@example.org',
};

/** Newest first: a mail waiting after a failed attempt, a refused one and a sent one. */
function seedMails(): OutboxMail[] {
  return [
    makeMail({
      recipient: 'waiting@example.org',
      subject: 'Your customer account at Demo Venue',
      state: 'queued',
      attempts: 2,
      sent_at: null,
      next_attempt_at: '2027-01-01T09:00:00Z',
      last_error: 'Connection refused',
      created_at: '2026-11-23T17:50:00Z',
    }),
    makeMail({
      recipient: 'nobody@example.org',
      state: 'failed',
      sent_at: null,
      last_error: '550 5.1.1 User unknown',
      created_at: '2026-11-23T17:40:00Z',
    }),
    makeMail({
      kind: 'test',
      recipient: 'admin@example.org',
      subject: 'Test message from Demo Venue',
      created_at: '2026-11-23T17:30:00Z',
      sent_at: '2026-11-23T17:30:02Z',
    }),
  ];
}

async function openOutbox(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole('button', { name: 'Outbox' }));
  await screen.findByTestId('outbox');
  await waitFor(() => expect(backend.callsTo('outboxList').length).toBeGreaterThan(0));
  return rendered;
}

function outboxBackend(mails: OutboxMail[] = seedMails(), organizers = [makeOrganizer()]) {
  return new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    organizers,
    mail: { demo: { mails, settings: SMTP } },
  });
}

function rows(): HTMLElement[] {
  return screen.queryAllByTestId('outbox-row');
}

function rowTo(recipient: string): HTMLElement {
  const row = rows().find((r) => within(r).queryByTestId('mail-recipient')?.textContent === recipient);
  if (!row) throw new Error(`no outbox row for ${recipient}`);
  return row;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('outbox', () => {
  it('lists every mail, newest first, with its state, times, attempts and last error', async () => {
    await openOutbox(outboxBackend());
    await waitFor(() => expect(rows()).toHaveLength(3));
    await waitFor(() => expect(document.title).toMatch(/^Outbox/));
    expect(rows().map((r) => within(r).getByTestId('mail-recipient').textContent)).toEqual([
      'waiting@example.org',
      'nobody@example.org',
      'admin@example.org',
    ]);

    const waiting = rowTo('waiting@example.org');
    expect(within(waiting).getByTestId('mail-state')).toHaveTextContent('Queued');
    expect(within(waiting).getByTestId('mail-subject')).toHaveTextContent('Your customer account at Demo Venue');
    expect(within(waiting).getByTestId('mail-kind')).toHaveTextContent('Customer registration');
    expect(within(waiting).getByTestId('mail-attempts')).toHaveTextContent('2');
    expect(within(waiting).getByTestId('mail-error')).toHaveTextContent('Last attempt failed: Connection refused');
    expect(within(waiting).getByTestId('mail-next-attempt')).toHaveTextContent(/^Next attempt: .*2027/);
    expect(within(waiting).getByTestId('mail-created')).toHaveTextContent('2026');

    const failed = rowTo('nobody@example.org');
    expect(within(failed).getByTestId('mail-state')).toHaveTextContent('Failed');
    expect(within(failed).getByTestId('mail-error')).toHaveTextContent('Refused: 550 5.1.1 User unknown');
    expect(within(failed).getByTestId('mail-sent')).toHaveTextContent('—');

    const sent = rowTo('admin@example.org');
    expect(within(sent).getByTestId('mail-state')).toHaveTextContent('Sent');
    expect(within(sent).getByTestId('mail-kind')).toHaveTextContent('Test mail');
    // Times in local time, as people read them, not the backend's UTC text.
    const sentAt = within(sent).getByTestId('mail-sent').textContent ?? '';
    expect(sentAt).toContain('2026');
    expect(sentAt).not.toContain('T17:30');
    expect(within(sent).queryByTestId('mail-error')).not.toBeInTheDocument();
    expect(within(sent).queryByTestId('retry-mail')).not.toBeInTheDocument();
  });

  it('filters by state, with the count of each', async () => {
    const { user } = await openOutbox(outboxBackend());
    await waitFor(() => expect(rows()).toHaveLength(3));
    const filter = screen.getByRole('group', { name: 'Show' });
    expect(within(filter).getByRole('radio', { name: 'All 3' })).toBeChecked();
    expect(within(filter).getByRole('radio', { name: 'Queued 1' })).not.toBeChecked();

    await user.click(within(filter).getByRole('radio', { name: /^Failed/ }));
    expect(rows().map((r) => within(r).getByTestId('mail-recipient').textContent)).toEqual(['nobody@example.org']);

    // Arrow keys move through the states, as in any radio group.
    await user.keyboard('{ArrowLeft}');
    expect(within(filter).getByRole('radio', { name: /^Sent/ })).toBeChecked();
    expect(rows().map((r) => within(r).getByTestId('mail-state').textContent)).toEqual(['Sent']);

    await user.click(within(filter).getByRole('radio', { name: /^All/ }));
    expect(rows()).toHaveLength(3);
  });

  it('says so when no mail is in the chosen state', async () => {
    const { user } = await openOutbox(outboxBackend([makeMail({ recipient: 'a@example.org' })]));
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.click(screen.getByRole('radio', { name: /^Failed/ }));
    expect(screen.getByTestId('no-mails')).toHaveTextContent('No failed mails.');
    expect(rows()).toHaveLength(0);
  });

  it('shows an empty outbox', async () => {
    await openOutbox(outboxBackend([]));
    expect(await screen.findByTestId('no-mails')).toHaveTextContent('No mails yet.');
  });

  it('retries a failed mail now and shows it sent once the sender took it', async () => {
    const backend = outboxBackend();
    const { user } = await openOutbox(backend);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const failed = rowTo('nobody@example.org');
    const id = Number(failed.dataset.mailId);
    await user.click(within(failed).getByRole('button', { name: 'Retry now: mail to nobody@example.org' }));

    expect(backend.callsTo('outboxRetry')).toEqual([['demo', id]]);
    expect(await screen.findByTestId('notice')).toHaveTextContent(
      'The mail to nobody@example.org is queued for an attempt now.',
    );
    const row = rowTo('nobody@example.org');
    await waitFor(() => expect(within(row).getByTestId('mail-state')).toHaveTextContent('Sent'));
    expect(within(row).getByTestId('mail-attempts')).toHaveTextContent('2');
    expect(within(row).queryByTestId('mail-error')).not.toBeInTheDocument();
    expect(within(row).queryByTestId('retry-mail')).not.toBeInTheDocument();
    expect(screen.getByTestId('refresh-outbox')).toHaveFocus();
  });

  it('shows the new error when a retried mail is refused again', async () => {
    const backend = outboxBackend();
    backend.outbox('demo').failure = { message: '554 5.7.1 Relay access denied', permanent: true };
    const { user } = await openOutbox(backend);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await user.click(within(rowTo('waiting@example.org')).getByTestId('retry-mail'));

    const row = rowTo('waiting@example.org');
    await waitFor(() => expect(within(row).getByTestId('mail-state')).toHaveTextContent('Failed'));
    expect(within(row).getByTestId('mail-error')).toHaveTextContent('Refused: 554 5.7.1 Relay access denied');
    expect(within(row).getByTestId('mail-attempts')).toHaveTextContent('3');
    expect(within(row).getByTestId('retry-mail')).toBeInTheDocument();
  });

  it('explains a retry of a mail that was sent in the meantime', async () => {
    const backend = outboxBackend();
    backend.failNext('outboxRetry', new AppError('not_found', 'Mail not found.'));
    const { user } = await openOutbox(backend);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await user.click(within(rowTo('nobody@example.org')).getByTestId('retry-mail'));
    expect(await screen.findByTestId('outbox-action-error')).toHaveTextContent(
      'Could not send the mail to nobody@example.org again.',
    );
    expect(screen.getByTestId('outbox-action-error')).toHaveTextContent('sent in the meantime');
  });

  it('offers no retry to who may only read the outbox', async () => {
    const reader = makeOrganizer({ permissions: ['organizer.customers:read', 'organizer.outgoingmails:read'] });
    await openOutbox(outboxBackend(seedMails(), [reader]));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.queryAllByTestId('retry-mail')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Settings' })).not.toBeInTheDocument();
  });

  it('refreshes on R and with the button', async () => {
    const backend = outboxBackend();
    const { user } = await openOutbox(backend);
    await waitFor(() => expect(rows()).toHaveLength(3));
    backend.outbox('demo').queue({ kind: 'test', recipient: 'new@example.org', subject: 'Test', now: '2026-11-23T17:55:00Z' });

    await user.keyboard('r');
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(within(rows()[0]).getByTestId('mail-recipient')).toHaveTextContent('new@example.org');
    // The fake's sender took the new mail on that look.
    expect(within(rows()[0]).getByTestId('mail-state')).toHaveTextContent('Sent');

    backend.outbox('demo').queue({ kind: 'test', recipient: 'newer@example.org', subject: 'Test', now: '2026-11-23T17:56:00Z' });
    await user.click(screen.getByTestId('refresh-outbox'));
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getByTestId('outbox-updated')).toHaveTextContent(/^Updated /);
  });

  it('looks again every few seconds while open, and stops once left', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const backend = outboxBackend();
    const { user } = await openOutbox(backend);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const looks = backend.callsTo('outboxList').length;
    backend.outbox('demo').queue({ kind: 'test', recipient: 'new@example.org', subject: 'Test', now: '2026-11-23T17:55:00Z' });

    await vi.advanceTimersByTimeAsync(OUTBOX_REFRESH_MS);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(backend.callsTo('outboxList').length).toBe(looks + 1);

    await user.click(screen.getByRole('button', { name: 'Customers' }));
    await vi.advanceTimersByTimeAsync(OUTBOX_REFRESH_MS * 3);
    expect(backend.callsTo('outboxList').length).toBe(looks + 1);
  });

  it('shows why the outbox could not be loaded', async () => {
    const backend = outboxBackend();
    backend.failNext('outboxList', new AppError('network', 'Failed to fetch'));
    await openOutbox(backend);
    expect(await screen.findByTestId('outbox-load-error')).toHaveTextContent('Could not load the outbox.');
  });

  it('names unknown kinds readably', () => {
    expect(kindLabel('customer_registration')).toBe('Customer registration');
    expect(kindLabel('order_confirmation')).toBe('Order confirmation');
  });
});
