import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError, type Customer } from '../../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, makeCustomer, makeOrganizer } from '../../../testing/fake-backend';
import type { FakeLedger } from '../../../testing/fake-credit';
import { renderFirstCustomer } from '../../../testing/render';

interface Setup {
  seed?: (ledger: FakeLedger, customer: Customer) => void;
  permissions?: string[];
  limit?: string;
  customer?: Partial<Customer>;
}

async function openCredit({ seed, permissions, limit = '0.00', customer: overrides = {} }: Setup = {}) {
  const customer = makeCustomer({
    name_parts: { _scheme: 'given_family', given_name: 'Ada', family_name: 'Lovelace' },
    ...overrides,
  });
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    organizers: [permissions ? makeOrganizer({ permissions }) : makeOrganizer()],
    customers: { demo: [customer] },
    credit: { demo: { currency: 'EUR', limit } },
  });
  seed?.(backend.ledger('demo'), customer);
  const rendered = await renderFirstCustomer(backend);
  const section = await screen.findByTestId('credit');
  await within(section).findByTestId('credit-balance');
  await waitFor(() => expect(section.querySelector('[data-testid="no-entries"], [data-testid="ledger"]')).not.toBeNull());
  return { ...rendered, backend, customer, section };
}

function balance(): string | null {
  return screen.getByTestId('credit-balance').getAttribute('data-amount');
}

function ledgerRows(): HTMLElement[] {
  return screen.queryAllByTestId('ledger-row');
}

/** Each row as kind, signed amount and balance after it, newest first. */
function ledger(): string[] {
  return ledgerRows().map((row) =>
    [
      within(row).getByTestId('entry-kind').textContent,
      within(row).getByTestId('entry-amount').getAttribute('data-amount'),
      within(row).getByTestId('entry-balance').getAttribute('data-amount'),
    ].join(' '),
  );
}

function amountField(): HTMLElement {
  return screen.getByLabelText('Amount');
}

const topUpAndCharge = (ledger: FakeLedger, c: Customer) => {
  ledger.seed(c.identifier, 'TopUp', '20.00', { reference: 'Cash' });
  ledger.seed(c.identifier, 'Charge', '-4.50', { reference: 'Bar 1042' });
};

describe('a customer’s credit', () => {
  it('tops up an amount typed with a comma, booked as an exact decimal string', async () => {
    const { backend, user, section, customer } = await openCredit();
    expect(balance()).toBe('0.00');
    expect(screen.getByTestId('credit-balance')).toHaveTextContent('0.00');
    expect(within(section).getByTestId('no-entries')).toBeInTheDocument();
    expect(within(section).queryByTestId('credit-limit')).not.toBeInTheDocument();

    await user.click(within(section).getByTestId('topup'));
    expect(amountField()).toHaveFocus();
    await user.keyboard('20,5');
    await user.type(screen.getByLabelText('Reference'), 'Cash{Enter}');

    await waitFor(() => expect(balance()).toBe('20.50'));
    expect(ledger()).toEqual(['Top-up 20.50 20.50']);
    expect(within(ledgerRows()[0]).getByTestId('entry-amount')).toHaveTextContent('+');
    expect(within(ledgerRows()[0]).getByTestId('entry-reference')).toHaveTextContent('Cash');
    expect(within(ledgerRows()[0]).getByTestId('entry-booked-by')).toHaveTextContent(`by ${DEFAULT_USER.email}`);
    expect(screen.getByTestId('credit-notice')).toHaveTextContent(/Topped up .*20\.50\. Balance now .*20\.50\./);
    expect(screen.queryByTestId('booking-form')).not.toBeInTheDocument();
    expect(backend.callsTo('creditTopup')).toEqual([
      ['demo', customer.identifier, { amount: '20.50', reference: 'Cash', note: null }],
    ]);
  });

  it('refuses an amount with more places than the currency, or none at all, without booking', async () => {
    const { backend, user, section } = await openCredit();
    await user.click(within(section).getByTestId('topup'));
    await user.keyboard('12.345{Enter}');
    await waitFor(() => expect(amountField()).toHaveAttribute('aria-invalid', 'true'));
    expect(amountField()).toHaveAccessibleDescription(expect.stringContaining('no more than 2 decimal places'));
    await user.clear(amountField());
    await user.type(amountField(), 'twelve{Enter}');
    await waitFor(() => expect(amountField()).toHaveAccessibleDescription(expect.stringContaining('Enter an amount')));
    await user.clear(amountField());
    await user.type(amountField(), '-5{Enter}');
    await waitFor(() => expect(amountField()).toHaveAccessibleDescription(expect.stringContaining('without a minus sign')));
    expect(backend.callsTo('creditTopup')).toHaveLength(0);
    expect(amountField()).toHaveFocus();
  });

  it('charges, and shows the running balance after each entry, newest first', async () => {
    const { backend, user, section, customer } = await openCredit({
      seed: (l, c) => l.seed(c.identifier, 'TopUp', '20.00'),
    });
    await user.click(within(section).getByTestId('charge'));
    expect(screen.getByTestId('booking-form')).toHaveTextContent('available');
    await user.keyboard('4.5');
    await user.type(screen.getByLabelText('Reference'), 'Bar 1042');
    await user.type(screen.getByLabelText('Note'), 'Two drinks{Enter}');
    await waitFor(() => expect(balance()).toBe('15.50'));
    expect(ledger()).toEqual(['Charge -4.50 15.50', 'Top-up 20.00 20.00']);
    expect(ledgerRows()[0]).toHaveTextContent('Two drinks');
    expect(backend.callsTo('creditCharge')).toEqual([
      ['demo', customer.identifier, { amount: '4.50', reference: 'Bar 1042', note: 'Two drinks' }],
    ]);
  });

  it('shows the backend’s “not enough credit” at the amount, and books nothing', async () => {
    const { user, section } = await openCredit({ seed: (l, c) => l.seed(c.identifier, 'TopUp', '19.90') });
    await user.click(within(section).getByTestId('charge'));
    await user.keyboard('20{Enter}');
    await waitFor(() => expect(amountField()).toHaveAttribute('aria-invalid', 'true'));
    expect(amountField()).toHaveAccessibleDescription(expect.stringContaining('Not enough credit: 19.90 EUR available.'));
    expect(amountField()).toHaveFocus();
    expect(balance()).toBe('19.90');
    expect(ledgerRows()).toHaveLength(1);
    expect(screen.getByTestId('booking-form')).toBeInTheDocument();
  });

  it('lets a charge use the overdraft, and shows the limit and what is available', async () => {
    const { user, section } = await openCredit({ limit: '10.00', seed: (l, c) => l.seed(c.identifier, 'TopUp', '5.00') });
    expect(within(section).getByTestId('credit-limit').getAttribute('data-amount')).toBe('10.00');
    expect(within(section).getByTestId('credit-available').getAttribute('data-amount')).toBe('15.00');
    await user.click(within(section).getByTestId('charge'));
    await user.keyboard('12{Enter}');
    await waitFor(() => expect(balance()).toBe('-7.00'));
    expect(within(section).getByTestId('credit-available').getAttribute('data-amount')).toBe('3.00');
    expect(screen.getByTestId('credit-balance')).toHaveClass('negative');
  });

  it('says why an inactive account cannot be charged', async () => {
    const { user, section } = await openCredit({
      customer: { is_active: false },
      seed: (l, c) => l.seed(c.identifier, 'TopUp', '5.00'),
    });
    await user.click(within(section).getByTestId('charge'));
    await user.keyboard('1{Enter}');
    const error = await screen.findByTestId('booking-form-error');
    expect(error).toHaveTextContent('The credit was not charged.');
    expect(error).toHaveTextContent('This customer account is not active; it cannot be charged.');
    expect(amountField()).toHaveAttribute('aria-invalid', 'false');
  });

  it('refunds part of a charge, then the rest, offering what is left each time', async () => {
    const { backend, user, customer } = await openCredit({ seed: topUpAndCharge });
    const chargeId = backend.ledger('demo').entries[1].id;
    const charged = () => ledgerRows().find((r) => r.getAttribute('data-entry-id') === String(chargeId)) as HTMLElement;
    expect(within(charged()).queryByTestId('reverse-entry')).not.toBeInTheDocument();

    await user.click(within(charged()).getByTestId('refund-entry'));
    const form = screen.getByTestId('undo-form');
    expect(amountField()).toHaveValue('4.50');
    expect(form).toHaveTextContent(/Up to .*4\.50 is left of this charge\./);
    await user.clear(amountField());
    await user.type(amountField(), '1,5{Enter}');

    await waitFor(() => expect(balance()).toBe('17.00'));
    expect(ledger()).toEqual(['Refund 1.50 17.00', 'Charge -4.50 15.50', 'Top-up 20.00 20.00']);
    expect(within(charged()).getByTestId('entry-undone')).toHaveTextContent(/Refunded .*1\.50/);
    expect(within(ledgerRows()[0]).queryByRole('button')).not.toBeInTheDocument();

    await user.click(within(charged()).getByTestId('refund-entry'));
    expect(amountField()).toHaveValue('3.00');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(balance()).toBe('20.00'));
    expect(within(charged()).queryByTestId('refund-entry')).not.toBeInTheDocument();
    expect(backend.callsTo('creditRefund')).toEqual([
      ['demo', customer.identifier, { entryId: chargeId, amount: '1.50', reference: null, note: null }],
      ['demo', customer.identifier, { entryId: chargeId, amount: '3.00', reference: null, note: null }],
    ]);
  });

  it('shows at the amount that no more than is left can be refunded', async () => {
    const { user } = await openCredit({ seed: topUpAndCharge });
    await user.click(screen.getByTestId('refund-entry'));
    await user.clear(amountField());
    await user.type(amountField(), '5{Enter}');
    await waitFor(() =>
      expect(amountField()).toHaveAccessibleDescription(
        expect.stringContaining('At most 4.50 EUR of this entry can still be undone.'),
      ),
    );
    expect(balance()).toBe('15.50');
  });

  it('reverses a top-up booked by mistake, but not a refund or a reversal', async () => {
    const { backend, user } = await openCredit({
      seed: (l, c) => {
        l.seed(c.identifier, 'TopUp', '50.00');
        l.seed(c.identifier, 'TopUp', '5.00');
      },
    });
    const mistake = ledgerRows()[1];
    await user.click(within(mistake).getByTestId('reverse-entry'));
    expect(amountField()).toHaveValue('50.00');
    await user.type(screen.getByLabelText('Note'), 'Typed 50 instead of 5{Enter}');
    await waitFor(() => expect(balance()).toBe('5.00'));
    expect(ledger()).toEqual(['Reversal -50.00 5.00', 'Top-up 5.00 55.00', 'Top-up 50.00 50.00']);
    expect(within(ledgerRows()[0]).queryByRole('button')).not.toBeInTheDocument();
    expect(within(ledgerRows()[2]).queryByTestId('reverse-entry')).not.toBeInTheDocument();
    expect(within(ledgerRows()[2]).getByTestId('entry-undone')).toHaveTextContent(/Reversed .*50\.00/);
    expect(backend.callsTo('creditReverse')).toHaveLength(1);
  });

  it('offers a correction only to staff who may change both customers and gift cards', async () => {
    const { section } = await openCredit({
      permissions: ['organizer.customers:read', 'organizer.customers:write'],
    });
    expect(within(section).getByTestId('topup')).toBeInTheDocument();
    expect(within(section).queryByTestId('adjust')).not.toBeInTheDocument();
  });

  it('corrects the balance either way with a note, which the backend requires', async () => {
    const { backend, user, section, customer } = await openCredit({ seed: (l, c) => l.seed(c.identifier, 'TopUp', '10.00') });
    await user.click(within(section).getByTestId('adjust'));
    expect(screen.queryByLabelText('Reference')).not.toBeInTheDocument();
    await user.keyboard('-2,5{Enter}');
    const why = screen.getByLabelText('Why');
    await waitFor(() => expect(why).toHaveAccessibleDescription(expect.stringContaining('Say why the balance is corrected.')));
    expect(balance()).toBe('10.00');

    await user.type(why, 'Counted wrong on Friday{Enter}');
    await waitFor(() => expect(balance()).toBe('7.50'));
    expect(ledger()[0]).toBe('Adjustment -2.50 7.50');
    expect(screen.getByTestId('credit-notice')).toHaveTextContent(/Balance corrected by -.*2\.50/);
    expect(backend.callsTo('creditAdjust').at(-1)).toEqual([
      'demo',
      customer.identifier,
      { amount: '-2.50', note: 'Counted wrong on Friday' },
    ]);
  });

  it('shows balance and ledger without any booking to staff who may only view', async () => {
    const { section } = await openCredit({
      permissions: ['organizer.customers:read'],
      seed: topUpAndCharge,
    });
    expect(balance()).toBe('15.50');
    expect(ledgerRows()).toHaveLength(2);
    expect(within(section).queryByTestId('topup')).not.toBeInTheDocument();
    expect(within(section).queryByTestId('charge')).not.toBeInTheDocument();
    expect(within(section).queryByTestId('refund-entry')).not.toBeInTheDocument();
  });

  it('pages through a long ledger, newest first', async () => {
    const { backend, user, section, customer } = await openCredit({
      seed: (l, c) => {
        for (let i = 1; i <= 45; i += 1) l.seed(c.identifier, 'TopUp', `${i}.00`);
      },
    });
    expect(ledgerRows()).toHaveLength(20);
    expect(ledger()[0]).toBe('Top-up 45.00 1035.00');
    expect(within(section).getByTestId('ledger-count')).toHaveTextContent('20 of 45 entries');

    await user.click(within(section).getByTestId('ledger-more'));
    await waitFor(() => expect(ledgerRows()).toHaveLength(40));
    await user.click(within(section).getByTestId('ledger-more'));
    await waitFor(() => expect(ledgerRows()).toHaveLength(45));
    expect(ledger().at(-1)).toBe('Top-up 1.00 1.00');
    expect(within(section).queryByTestId('ledger-more')).not.toBeInTheDocument();
    expect(backend.callsTo('creditEntries')).toEqual([
      ['demo', customer.identifier, 0, 20],
      ['demo', customer.identifier, 20, 20],
      ['demo', customer.identifier, 40, 20],
    ]);

    // A booking reloads as much of the ledger as was shown.
    await user.click(within(section).getByTestId('topup'));
    await user.keyboard('1{Enter}');
    await waitFor(() => expect(ledgerRows()).toHaveLength(46));
    expect(backend.callsTo('creditEntries').at(-1)).toEqual(['demo', customer.identifier, 0, 46]);
  });

  it('offers to try again when the credit cannot be loaded', async () => {
    const customer = makeCustomer({ name_parts: { _scheme: 'full', full_name: 'Ada' } });
    const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email, customers: { demo: [customer] } });
    backend.failNext('creditBalance', new AppError('network', 'Failed to fetch'));
    const { user } = await renderFirstCustomer(backend);
    const section = await screen.findByTestId('credit');
    expect(await within(section).findByText('Could not load the credit.')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(balance()).toBe('0.00'));
  });
});
