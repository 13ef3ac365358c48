import { screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { WAITING_LIST_REFRESH_MS } from '../api';
import { galaBackend, openEvent, openWaitingList, voucherRowOf, waitingEmails, waitingRowOf } from './helpers';

afterEach(() => {
  vi.useRealTimers();
});

describe('waiting list', () => {
  it('lists the people waiting in serving order, with position, product, language and priority', async () => {
    const { backend, seat } = galaBackend();
    backend.events('demo').addEntry('gala', {
      email: 'vip@example.org',
      name: null,
      phone: '+49 30 1234567',
      item: seat,
      variation: null,
      subevent: null,
      locale: 'de',
      priority: 5,
    });
    await openWaitingList(backend);
    expect(waitingEmails()).toEqual(['vip@example.org', 'ada@example.org', 'grace@example.org']);
    const vip = waitingRowOf('vip@example.org');
    expect(within(vip).getByTestId('entry-position')).toHaveTextContent('1');
    expect(within(vip).getByTestId('entry-person')).toHaveTextContent('vip@example.org');
    expect(vip).toHaveTextContent('+49 30 1234567');
    expect(vip).toHaveTextContent('German');
    expect(within(vip).getByTestId('entry-priority')).toHaveTextContent('5');
    expect(within(waitingRowOf('ada@example.org')).getByTestId('entry-person')).toHaveTextContent('Ada Lovelace');
    expect(within(waitingRowOf('ada@example.org')).getByTestId('entry-product')).toHaveTextContent('Seat');
    expect(screen.getByTestId('waiting-count')).toHaveTextContent('3');
    expect(screen.getByTestId('no-vouchers')).toBeInTheDocument();
    expect(screen.getByTestId('waiting-list-mode')).toHaveTextContent('Automatic assignment is off');
  });

  it('adds someone, with the language and product from the event', async () => {
    const { backend, seat } = galaBackend();
    const { user } = await openWaitingList(backend);
    await user.keyboard('n');
    const form = await screen.findByTestId('entry-form');
    expect(within(form).getByLabelText('Email')).toHaveFocus();
    await user.type(within(form).getByLabelText('Email'), 'alan@example.org');
    await user.type(within(form).getByLabelText('Name'), 'Alan Turing');
    await user.selectOptions(within(form).getByLabelText('Product'), String(seat));
    await user.selectOptions(within(form).getByLabelText('Language of the mail'), 'de');
    await user.clear(within(form).getByLabelText('Priority'));
    await user.type(within(form).getByLabelText('Priority'), '3{Enter}');

    expect(backend.callsTo('waitingListAdd')).toEqual([
      [
        'demo',
        'gala',
        { email: 'alan@example.org', name: 'Alan Turing', phone: null, item: seat, variation: null, subevent: null, locale: 'de', priority: 3 },
      ],
    ]);
    expect(await screen.findByTestId('waiting-notice')).toHaveTextContent('alan@example.org is on the waiting list.');
    expect(waitingEmails()).toEqual(['alan@example.org', 'ada@example.org', 'grace@example.org']);
    expect(screen.queryByTestId('entry-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('add-entry')).toHaveFocus();
  });

  it('says why nobody was added while the product is available, in the backend’s words', async () => {
    const { backend, standing } = galaBackend();
    const { user } = await openWaitingList(backend);
    await user.click(screen.getByTestId('add-entry'));
    const form = screen.getByTestId('entry-form');
    await user.click(within(form).getByRole('button', { name: 'Add to waiting list' }));
    expect(within(form).getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText('Product')).toHaveAttribute('aria-invalid', 'true');
    expect(backend.callsTo('waitingListAdd')).toHaveLength(0);

    await user.type(within(form).getByLabelText('Email'), 'alan@example.org');
    await user.selectOptions(within(form).getByLabelText('Product'), String(standing));
    await user.click(within(form).getByRole('button', { name: 'Add to waiting list' }));
    expect(await within(form).findByTestId('entry-form-error')).toHaveTextContent(
      /Nobody was added to the waiting list\.\s*This product is currently available\./,
    );
    expect(waitingEmails()).toEqual(['ada@example.org', 'grace@example.org']);
  });

  it('changes an entry, and shows messages about its fields under them', async () => {
    const { backend, seat } = galaBackend();
    const { user } = await openWaitingList(backend);
    await user.click(within(waitingRowOf('grace@example.org')).getByTestId('edit-entry'));
    const form = screen.getByTestId('entry-form');
    expect(within(form).getByLabelText('Email')).toHaveValue('grace@example.org');
    expect(within(form).getByLabelText('Name')).toHaveValue('Grace Hopper');
    expect(within(form).getByLabelText('Product')).toHaveValue(String(seat));
    await user.type(within(form).getByLabelText('Phone'), 'call me');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(within(form).getByLabelText('Phone')).toHaveAttribute('aria-invalid', 'true'));
    expect(form).toHaveTextContent('Enter a valid phone number.');

    await user.clear(within(form).getByLabelText('Phone'));
    await user.type(within(form).getByLabelText('Phone'), '+49 30 7654321{Enter}');
    expect(await screen.findByTestId('waiting-notice')).toHaveTextContent('Entry of grace@example.org saved.');
    expect(waitingRowOf('grace@example.org')).toHaveTextContent('+49 30 7654321');
  });

  it('explains an edit refused because a voucher was sent in the meantime', async () => {
    const { backend } = galaBackend();
    const { user } = await openWaitingList(backend);
    await user.click(within(waitingRowOf('ada@example.org')).getByTestId('edit-entry'));
    backend.failNext(
      'waitingListEdit',
      new AppError('refused', 'This entry can not be changed as it has already been assigned a voucher.'),
    );
    await user.click(within(screen.getByTestId('entry-form')).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByTestId('entry-form-error')).toHaveTextContent(
      'This entry can not be changed as it has already been assigned a voucher.',
    );
  });

  it('removes someone only after confirmation', async () => {
    const { backend, ada } = galaBackend();
    const { user } = await openWaitingList(backend);
    await user.click(within(waitingRowOf('ada@example.org')).getByTestId('remove-entry'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByTestId('remove-entry-name')).toHaveTextContent('Ada Lovelace (ada@example.org)');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsTo('waitingListRemove')).toHaveLength(0);
    // Esc closed the dialog only, not the event.
    expect(screen.getByTestId('event-screen')).toBeInTheDocument();

    await user.click(within(waitingRowOf('ada@example.org')).getByTestId('remove-entry'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(waitingEmails()).toEqual(['grace@example.org']));
    expect(backend.callsTo('waitingListRemove')).toEqual([['demo', 'gala', ada]]);
    expect(screen.getByTestId('waiting-notice')).toHaveTextContent('Ada Lovelace (ada@example.org) is off the waiting list.');
  });

  it('moves someone up and down by changing priorities relative to the neighbours', async () => {
    const { backend, grace, ada } = galaBackend();
    const { user } = await openWaitingList(backend);
    expect(within(waitingRowOf('ada@example.org')).getByTestId('move-up')).toBeDisabled();
    expect(within(waitingRowOf('grace@example.org')).getByTestId('move-down')).toBeDisabled();

    await user.click(within(waitingRowOf('grace@example.org')).getByRole('button', { name: 'Move up: Grace Hopper (grace@example.org)' }));
    await waitFor(() => expect(waitingEmails()).toEqual(['grace@example.org', 'ada@example.org']));
    expect(backend.callsTo('waitingListEdit')).toEqual([
      [
        'demo',
        'gala',
        grace,
        expect.objectContaining({ email: 'grace@example.org', name: 'Grace Hopper', priority: 1 }),
      ],
    ]);
    expect(within(waitingRowOf('grace@example.org')).getByTestId('entry-priority')).toHaveTextContent('1');
    expect(within(waitingRowOf('grace@example.org')).getByTestId('entry-position')).toHaveTextContent('1');

    await user.click(within(waitingRowOf('grace@example.org')).getByTestId('move-down'));
    await waitFor(() => expect(waitingEmails()).toEqual(['ada@example.org', 'grace@example.org']));
    expect(backend.callsTo('waitingListEdit').at(-1)).toEqual([
      'demo',
      'gala',
      ada,
      // Equal priorities are served by who came first: Ada did.
      expect.objectContaining({ email: 'ada@example.org', priority: 1 }),
    ]);
  });

  it('shows the reason a move failed under the row', async () => {
    const { backend } = galaBackend();
    const { user } = await openWaitingList(backend);
    backend.failNext(
      'waitingListEdit',
      new AppError('validation', 'Please correct the marked fields.', { non_field_errors: ['This product is currently available.'] }),
    );
    await user.click(within(waitingRowOf('grace@example.org')).getByTestId('move-up'));
    expect(await screen.findByTestId('row-error')).toHaveTextContent(
      /Grace Hopper \(grace@example.org\) was not moved up\.\s*This product is currently available\./,
    );
    expect(waitingEmails()).toEqual(['ada@example.org', 'grace@example.org']);
  });

  it('sends a voucher when a place is free, and shows its code, validity and state', async () => {
    const { backend, quota, seats } = galaBackend();
    backend.events('demo').saveQuota('gala', quota.id, { ...seats, sold: 1 });
    const { user } = await openWaitingList(backend);
    await user.click(within(waitingRowOf('ada@example.org')).getByRole('button', { name: 'Send voucher: Ada Lovelace (ada@example.org)' }));

    const notice = await screen.findByTestId('waiting-notice');
    expect(notice).toHaveTextContent(/^Voucher [A-Z0-9]{16} sent to ada@example.org\.$/);
    expect(waitingEmails()).toEqual(['grace@example.org']);
    const row = voucherRowOf('ada@example.org');
    const code = within(row).getByTestId('voucher-code').textContent ?? '';
    expect(notice).toHaveTextContent(code);
    expect(within(row).getByTestId('voucher-state')).toHaveTextContent('Not used yet');
    const validUntil = within(row).getByTestId('voucher-valid-until').textContent ?? '';
    expect(validUntil).toContain('2026');
    expect(validUntil).not.toMatch(/T\d\d:/);
    expect(screen.getByTestId('vouchers-count')).toHaveTextContent('1');
    expect(screen.getByTestId('refresh-waiting-list')).toHaveFocus();
  });

  it('shows the backend’s refusal when no place is free', async () => {
    const { backend } = galaBackend();
    const { user } = await openWaitingList(backend);
    await user.click(within(waitingRowOf('ada@example.org')).getByTestId('send-voucher'));
    const error = await within(screen.getByTestId('waiting-table')).findByTestId('row-error');
    expect(error).toHaveTextContent(
      /^No voucher was sent to Ada Lovelace \(ada@example.org\)\.\s*This product is currently not available\.\s*Nothing was changed\.$/,
    );
    expect(waitingEmails()).toEqual(['ada@example.org', 'grace@example.org']);
  });

  it('marks a voucher redeemed after confirmation, and shows expired ones', async () => {
    const { backend, quota, seats, ada, grace } = galaBackend();
    const events = backend.events('demo');
    events.saveQuota('gala', quota.id, { ...seats, sold: 0 });
    events.sendVoucher('gala', ada);
    const expired = events.sendVoucher('gala', grace);
    events.expire('gala', expired.id);
    const { user } = await openWaitingList(backend);
    expect(within(voucherRowOf('grace@example.org')).getByTestId('voucher-state')).toHaveTextContent('Expired');
    expect(within(voucherRowOf('grace@example.org')).queryByTestId('mark-redeemed')).not.toBeInTheDocument();

    await user.click(within(voucherRowOf('ada@example.org')).getByTestId('mark-redeemed'));
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Mark redeemed' }));
    await waitFor(() => expect(within(voucherRowOf('ada@example.org')).getByTestId('voucher-state')).toHaveTextContent('Redeemed'));
    expect(backend.callsTo('vouchersRedeem')).toEqual([['demo', 'gala', events.rows('gala').find((r) => r.entry.id === ada)?.entry.voucher]]);
    expect(within(voucherRowOf('ada@example.org')).queryByTestId('mark-redeemed')).not.toBeInTheDocument();
  });

  it('keeps the dialog open with the reason when a voucher cannot be redeemed', async () => {
    const { backend, quota, seats, ada } = galaBackend();
    backend.events('demo').saveQuota('gala', quota.id, { ...seats, sold: 1 });
    backend.events('demo').sendVoucher('gala', ada);
    const { user } = await openWaitingList(backend);
    backend.failNext('vouchersRedeem', new AppError('refused', 'This voucher is expired.'));
    await user.click(within(voucherRowOf('ada@example.org')).getByTestId('mark-redeemed'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Mark redeemed' }));
    expect(await screen.findByTestId('redeem-error')).toHaveTextContent(/not marked as redeemed\.\s*This voucher is expired\./);
  });

  it('shows a voucher sent automatically without a click, and stops looking once left', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { backend, quota, seats } = galaBackend({ settings: { auto: true } });
    const { user } = await openWaitingList(backend);
    expect(screen.getByTestId('waiting-list-mode')).toHaveTextContent('Automatic assignment is on');
    expect(waitingEmails()).toEqual(['ada@example.org', 'grace@example.org']);

    // A ticket comes back elsewhere; the backend's assigner gives the seat to the first in line.
    backend.events('demo').saveQuota('gala', quota.id, { ...seats, sold: 1 });
    const looks = backend.callsTo('waitingList').length;
    await vi.advanceTimersByTimeAsync(WAITING_LIST_REFRESH_MS);
    await waitFor(() => expect(waitingEmails()).toEqual(['grace@example.org']));
    expect(within(voucherRowOf('ada@example.org')).getByTestId('voucher-code').textContent).toMatch(/^[A-Z0-9]{16}$/);
    expect(backend.callsTo('waitingList').length).toBe(looks + 1);

    await user.click(screen.getByTestId('tab-setup'));
    await vi.advanceTimersByTimeAsync(WAITING_LIST_REFRESH_MS * 3);
    expect(backend.callsTo('waitingList').length).toBe(looks + 1);
  });

  it('refreshes on R', async () => {
    const { backend, seat } = galaBackend();
    const { user } = await openWaitingList(backend);
    backend.events('demo').addEntry('gala', {
      email: 'late@example.org',
      name: null,
      phone: null,
      item: seat,
      variation: null,
      subevent: null,
      locale: 'en',
      priority: 0,
    });
    await user.keyboard('r');
    await waitFor(() => expect(waitingEmails()).toEqual(['ada@example.org', 'grace@example.org', 'late@example.org']));
  });

  it('only shows the list to who may read orders, and offers changes to who may write them', async () => {
    const reader = galaBackend({ permissions: ['event.orders:read'] });
    const { user, unmount } = await openWaitingList(reader.backend);
    expect(waitingEmails()).toEqual(['ada@example.org', 'grace@example.org']);
    expect(screen.queryByTestId('add-entry')).not.toBeInTheDocument();
    expect(screen.queryByTestId('send-voucher')).not.toBeInTheDocument();
    expect(screen.queryByTestId('move-up')).not.toBeInTheDocument();
    await user.keyboard('n');
    expect(screen.queryByTestId('entry-form')).not.toBeInTheDocument();
    unmount();

    const outsider = galaBackend({ permissions: ['event.items:write'] });
    const second = await openEvent(outsider.backend);
    await second.user.click(screen.getByTestId('tab-waiting'));
    expect(screen.getByTestId('waiting-list-forbidden')).toBeInTheDocument();
    expect(outsider.backend.callsTo('waitingList')).toHaveLength(0);
  });

  it('shows why the list could not be loaded', async () => {
    const { backend } = galaBackend();
    backend.failNext('waitingList', new AppError('network', 'Failed to fetch'));
    const rendered = await openEvent(backend);
    await rendered.user.keyboard('w');
    expect(await screen.findByTestId('waiting-load-error')).toHaveTextContent('Could not load the waiting list.');
  });
});
