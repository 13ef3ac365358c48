import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError, type Customer } from '../../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, makeCustomer, makeOrganizer } from '../../../testing/fake-backend';
import { type FakeCard, makeCard } from '../../../testing/fake-cards';
import { renderFirstCustomer } from '../../../testing/render';

function ada(): Customer {
  return makeCustomer({ name_parts: { _scheme: 'given_family', given_name: 'Ada', family_name: 'Lovelace' } });
}

async function openCards(cards: (customer: Customer) => FakeCard[] = () => [], permissions?: string[]) {
  const customer = ada();
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    organizers: [permissions ? makeOrganizer({ permissions }) : makeOrganizer()],
    customers: { demo: [customer] },
    cards: { demo: cards(customer) },
  });
  const rendered = await renderFirstCustomer(backend);
  const section = await screen.findByTestId('cards');
  await waitFor(() => expect(backend.callsTo('cardsList')).toHaveLength(1));
  await waitFor(() => expect(section.querySelector('[data-testid="no-cards"], [data-testid="card-row"]')).not.toBeNull());
  return { ...rendered, backend, customer, section };
}

function rows(): HTMLElement[] {
  return screen.queryAllByTestId('card-row');
}

function row(serial: string): HTMLElement {
  const found = rows().find((r) => within(r).getByTestId('card-serial').textContent === serial);
  if (!found) throw new Error(`no card row for ${serial}`);
  return found;
}

function status(serial: string): string {
  return within(row(serial)).getByTestId('card-status').textContent?.trim() ?? '';
}

describe('a customer’s cards', () => {
  it('lists every card with its status, the one in use first, and the replaced one with its successor', async () => {
    await openCards((c) => [
      makeCard({
        customer: c.identifier,
        serialNumber: '0419E2AA',
        status: 'Replaced',
        statusReason: 'Card damaged',
        replacedBy: '04A23B7C',
      }),
      makeCard({ customer: c.identifier, serialNumber: '04A23B7C' }),
      makeCard({ customer: c.identifier, serialNumber: '04C81D22', status: 'Blocked', statusReason: 'Left at the bar' }),
    ]);
    expect(rows().map((r) => within(r).getByTestId('card-serial').textContent)).toEqual([
      '04C81D22',
      '04A23B7C',
      '0419E2AA',
    ]);
    expect(status('04A23B7C')).toBe('Active');
    expect(status('04C81D22')).toBe('Blocked');
    expect(within(row('04C81D22')).getByTestId('card-reason')).toHaveTextContent('Reason: Left at the bar');
    expect(status('0419E2AA')).toBe('Replaced');
    expect(within(row('0419E2AA')).getByTestId('card-replaced-by')).toHaveTextContent('Replaced by 04A23B7C');
    expect(within(row('0419E2AA')).getByTestId('card-reason')).toHaveTextContent('Card damaged');
    expect(within(row('0419E2AA')).queryByRole('button')).not.toBeInTheDocument();
    expect(within(row('04A23B7C')).getByTestId('card-since')).toHaveTextContent(/^Active since /);
  });

  it('says when a card is active but outside its validity', async () => {
    await openCards((c) => [
      makeCard({ customer: c.identifier, serialNumber: 'OLD1', expirationTime: '2020-01-01T00:00:00Z' }),
    ]);
    expect(within(row('OLD1')).getByTestId('card-not-valid')).toHaveTextContent('Not valid now');
    expect(within(row('OLD1')).getByTestId('card-validity')).toHaveTextContent(/^Valid now – /);
  });

  it('issues a card from a scanned serial, which the backend stores in its normal form', async () => {
    const { backend, user, section, customer } = await openCards();
    expect(within(section).getByTestId('no-cards')).toBeInTheDocument();
    await user.click(within(section).getByTestId('issue-card'));
    const form = screen.getByTestId('card-form');
    expect(within(form).getByLabelText('Serial number')).toHaveFocus();
    await user.keyboard('04:a2:3b:7c');
    await user.type(within(form).getByLabelText('Note'), 'Season 2027{Enter}');

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(status('04A23B7C')).toBe('Active');
    expect(screen.getByTestId('card-notice')).toHaveTextContent('Card 04A23B7C issued.');
    expect(screen.queryByTestId('card-form')).not.toBeInTheDocument();
    expect(within(section).getByTestId('issue-card')).toHaveFocus();
    expect(backend.callsTo('cardsIssue')).toEqual([
      [
        'demo',
        customer.identifier,
        {
          serialNumber: '04:a2:3b:7c',
          externalId: null,
          isVirtual: false,
          processor: null,
          activationTime: null,
          expirationTime: null,
          note: 'Season 2027',
          meta: {},
        },
      ],
    ]);
  });

  it('shows a taken serial number at the field, and asks for a missing one without the backend', async () => {
    const { backend, user, section } = await openCards((c) => [makeCard({ customer: c.identifier, serialNumber: '04A23B7C' })]);
    await user.click(within(section).getByTestId('issue-card'));
    const serial = screen.getByLabelText('Serial number');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(serial).toHaveAttribute('aria-invalid', 'true'));
    expect(serial).toHaveAccessibleDescription(expect.stringContaining('Scan the card or type its serial number.'));
    expect(backend.callsTo('cardsIssue')).toHaveLength(0);

    await user.type(serial, '04 A2 3B 7C{Enter}');
    await waitFor(() =>
      expect(serial).toHaveAccessibleDescription(expect.stringContaining('A card with this serial number already exists.')),
    );
    expect(serial).toHaveFocus();
    expect(rows()).toHaveLength(1);
  });

  it('issues a card valid for a period, and refuses an end before the start', async () => {
    const { backend, user, section } = await openCards();
    await user.click(within(section).getByTestId('issue-card'));
    const form = screen.getByTestId('card-form');
    await user.type(within(form).getByLabelText('Serial number'), 'TEMP1');
    await user.type(within(form).getByLabelText('Valid from'), '2027-01-10T10:00');
    await user.type(within(form).getByLabelText('Valid until'), '2027-01-01T10:00');
    await user.click(within(form).getByRole('button', { name: 'Issue card' }));
    await waitFor(() => expect(within(form).getByLabelText('Valid until')).toHaveAttribute('aria-invalid', 'true'));
    expect(backend.callsTo('cardsIssue')).toHaveLength(0);

    await user.clear(within(form).getByLabelText('Valid until'));
    await user.type(within(form).getByLabelText('Valid until'), '2027-02-01T10:00');
    await user.click(within(form).getByRole('button', { name: 'Issue card' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    const [[, , input]] = backend.callsTo('cardsIssue') as [[string, string, Record<string, unknown>]];
    expect(input.activationTime).toBe(new Date('2027-01-10T10:00').toISOString().replace('.000Z', 'Z'));
    expect(input.expirationTime).toBe(new Date('2027-02-01T10:00').toISOString().replace('.000Z', 'Z'));
    expect(within(row('TEMP1')).getByTestId('card-not-valid')).toBeInTheDocument();
  });

  it('closes the issue form with Esc and keeps the customer open', async () => {
    const { user, section } = await openCards();
    await user.click(within(section).getByTestId('issue-card'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('card-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('customer-detail')).toBeInTheDocument();
  });

  it('blocks a card with a reason, and unblocks it', async () => {
    const { backend, user, customer } = await openCards((c) => [makeCard({ customer: c.identifier, serialNumber: '04A23B7C' })]);
    const card = backend.cards.demo[0];
    await user.click(within(row('04A23B7C')).getByTestId('block-card'));
    const form = within(row('04A23B7C')).getByTestId('card-action-form');
    expect(within(form).getByLabelText('Reason')).toHaveFocus();
    await user.keyboard('Left at the bar{Enter}');

    await waitFor(() => expect(status('04A23B7C')).toBe('Blocked'));
    expect(within(row('04A23B7C')).getByTestId('card-reason')).toHaveTextContent('Left at the bar');
    expect(screen.getByTestId('card-notice')).toHaveTextContent('Card 04A23B7C blocked.');
    expect(backend.callsTo('cardsBlock')).toEqual([['demo', customer.identifier, card.id, { reason: 'Left at the bar' }]]);
    expect(within(row('04A23B7C')).queryByTestId('block-card')).not.toBeInTheDocument();

    await user.click(within(row('04A23B7C')).getByTestId('unblock-card'));
    await waitFor(() => expect(status('04A23B7C')).toBe('Active'));
    expect(backend.callsTo('cardsUnblock')).toEqual([['demo', customer.identifier, card.id]]);
  });

  it('shows the backend’s refusal on the card', async () => {
    const { backend, user } = await openCards((c) => [
      makeCard({ customer: c.identifier, serialNumber: '04A23B7C', status: 'Blocked' }),
    ]);
    backend.failNext('cardsUnblock', new AppError('refused', 'This card is already active.'));
    await user.click(within(row('04A23B7C')).getByTestId('unblock-card'));
    const error = await within(row('04A23B7C')).findByTestId('card-error');
    expect(error).toHaveTextContent('This card is already active.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(status('04A23B7C')).toBe('Blocked');
  });

  it('marks a card lost only after confirming, for good', async () => {
    const { backend, user, customer } = await openCards((c) => [makeCard({ customer: c.identifier, serialNumber: '04A23B7C' })]);
    await user.click(within(row('04A23B7C')).getByTestId('lose-card'));
    await user.type(screen.getByLabelText('Reason'), 'Lost on the tram');
    await user.click(screen.getByRole('button', { name: 'Mark lost…' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByTestId('lose-card-serial')).toHaveTextContent('04A23B7C');
    expect(dialog).toHaveTextContent('cannot be unblocked again');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsTo('cardsLost')).toHaveLength(0);
    expect(status('04A23B7C')).toBe('Active');

    await user.click(screen.getByRole('button', { name: 'Mark lost…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Mark lost' }));
    await waitFor(() => expect(status('04A23B7C')).toBe('Lost'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsTo('cardsLost')).toEqual([
      ['demo', customer.identifier, backend.cards.demo[0].id, { reason: 'Lost on the tram' }],
    ]);
    const actions = within(row('04A23B7C'))
      .getAllByRole('button')
      .map((b) => b.textContent?.trim());
    expect(actions).toEqual(['Replace…']);
  });

  it('keeps the confirmation open with the reason when marking lost fails', async () => {
    const { backend, user } = await openCards((c) => [makeCard({ customer: c.identifier, serialNumber: '04A23B7C' })]);
    backend.failNext('cardsLost', new AppError('refused', 'This card was replaced; use the new card.'));
    await user.click(within(row('04A23B7C')).getByTestId('lose-card'));
    await user.click(screen.getByRole('button', { name: 'Mark lost…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Mark lost' }));
    expect(await screen.findByTestId('lose-card-error')).toHaveTextContent('This card was replaced; use the new card.');
  });

  it('replaces a card: the new one is active on top, the old one says by which', async () => {
    const { backend, user, customer } = await openCards((c) => [
      makeCard({ customer: c.identifier, serialNumber: '04A23B7C', note: 'Season 2027' }),
      makeCard({ customer: 'someone-else', serialNumber: 'TAKEN1' }),
    ]);
    const old = backend.cards.demo[0];
    await user.click(within(row('04A23B7C')).getByTestId('replace-card'));
    const serial = screen.getByLabelText('New serial number');
    expect(serial).toHaveFocus();
    await user.keyboard('taken1');
    await user.type(screen.getByLabelText('Reason'), 'Card damaged{Enter}');
    await waitFor(() =>
      expect(serial).toHaveAccessibleDescription(expect.stringContaining('A card with this serial number already exists.')),
    );
    expect(status('04A23B7C')).toBe('Active');

    await user.clear(serial);
    await user.type(serial, '04-B7-00-11{Enter}');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toHaveTextContent('04B70011');
    expect(status('04B70011')).toBe('Active');
    expect(status('04A23B7C')).toBe('Replaced');
    expect(within(row('04A23B7C')).getByTestId('card-replaced-by')).toHaveTextContent('Replaced by 04B70011');
    expect(within(row('04A23B7C')).getByTestId('card-reason')).toHaveTextContent('Card damaged');
    expect(row('04B70011')).toHaveTextContent('Note: Season 2027');
    expect(screen.getByTestId('card-notice')).toHaveTextContent('Card 04A23B7C replaced by 04B70011.');
    expect(backend.callsTo('cardsReplace').at(-1)).toEqual([
      'demo',
      customer.identifier,
      old.id,
      { serialNumber: '04-B7-00-11', reason: 'Card damaged' },
    ]);
  });

  it('shows cards without actions to staff who may only view customers', async () => {
    const { section } = await openCards(
      (c) => [makeCard({ customer: c.identifier, serialNumber: '04A23B7C' })],
      ['organizer.customers:read'],
    );
    expect(status('04A23B7C')).toBe('Active');
    expect(within(section).queryByTestId('issue-card')).not.toBeInTheDocument();
    expect(within(row('04A23B7C')).queryByRole('button')).not.toBeInTheDocument();
  });
});
