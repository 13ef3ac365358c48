import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, makeCustomer } from '../../testing/fake-backend';
import { type FakeCard, makeCard } from '../../testing/fake-cards';
import { renderApp } from '../../testing/render';

function person(given: string, family: string): Customer {
  return makeCustomer({ name_parts: { _scheme: 'given_family', given_name: given, family_name: family } });
}

/** A reader types a key every 5 ms; a person every 150 ms. Each key reads the clock once. */
function readerClock() {
  let now = 0;
  const clock = { gap: 5, now: () => (now += clock.gap) };
  return clock;
}

async function desk(cards: (ada: Customer, grace: Customer) => FakeCard[]) {
  const ada = person('Ada', 'Lovelace');
  const grace = person('Grace', 'Hopper');
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    customers: { demo: [grace, ada] },
    cards: { demo: cards(ada, grace) },
  });
  const clock = readerClock();
  const rendered = renderApp(backend, clock.now);
  const search = await screen.findByRole('combobox', { name: 'Search customers' });
  await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('of 2'));
  return { ...rendered, backend, clock, search, ada, grace };
}

function blur() {
  (document.activeElement as HTMLElement | null)?.blur();
}

describe('scanning a card with a reader that types', () => {
  it('opens the card’s customer from any section', async () => {
    const { backend, user, ada } = await desk((a) => [makeCard({ customer: a.identifier, serialNumber: '04A23B7C' })]);
    await user.click(screen.getByRole('button', { name: 'Teams' }));
    await screen.findByTestId('teams');

    await user.keyboard('04A23B7C{Enter}');
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
    expect(screen.getByRole('button', { name: 'Customers' })).toHaveAttribute('aria-current', 'page');
    expect(backend.callsTo('cardsScan')).toEqual([['demo', '04A23B7C']]);
    expect(screen.getByTestId('customer-identifier')).toHaveTextContent(ada.identifier);
    expect(await screen.findByTestId('card-row')).toHaveTextContent('04A23B7C');
  });

  it('opens the scanned customer once: the customers screen opened later starts afresh', async () => {
    const { user } = await desk((a) => [makeCard({ customer: a.identifier, serialNumber: '04A23B7C' })]);
    blur();
    await user.keyboard('04A23B7C{Enter}');
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Teams' }));
    await screen.findByTestId('teams');
    await user.click(screen.getByRole('button', { name: 'Customers' }));
    expect(await screen.findByTestId('pane-placeholder')).toBeInTheDocument();
    expect(screen.queryByTestId('customer-detail')).not.toBeInTheDocument();
  });

  it('opens the customer as the reader wrote the serial, and none of its keys reach the desk', async () => {
    const { backend, user, search } = await desk((a) => [makeCard({ customer: a.identifier, serialNumber: '04A23B7C' })]);
    blur();
    await user.keyboard('04:a2:3b:7c{Enter}');
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
    expect(backend.callsTo('cardsScan')).toEqual([['demo', '04:a2:3b:7c']]);
    expect(search).toHaveValue('');
    expect(screen.queryByTestId('customer-form')).not.toBeInTheDocument();
  });

  it('is no scan when a person types the same keys: Enter opens the selected row as always', async () => {
    const { backend, user, clock } = await desk((a) => [makeCard({ customer: a.identifier, serialNumber: '04A23B7C' })]);
    clock.gap = 150;
    blur();
    await user.keyboard('04A23B7C{Enter}');
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Grace Hopper');
    expect(backend.callsTo('cardsScan')).toHaveLength(0);
  });

  it('leaves what is typed into a text field to the field, however fast', async () => {
    const { backend, user, search } = await desk((a) => [makeCard({ customer: a.identifier, serialNumber: '04A23B7C' })]);
    expect(search).toHaveFocus();
    await user.keyboard('04A23B7C{Enter}');
    expect(search).toHaveValue('04A23B7C');
    expect(backend.callsTo('cardsScan')).toHaveLength(0);
    expect(screen.queryByTestId('customer-detail')).not.toBeInTheDocument();
  });

  it('keeps the shortcuts working at a person’s pace next to the reader', async () => {
    const { user, search, clock } = await desk(() => []);
    clock.gap = 150;
    await user.keyboard('{Escape}');
    expect(search).not.toHaveFocus();
    await user.keyboard('/');
    expect(search).toHaveFocus();
    await user.keyboard('{Escape}n');
    expect(screen.getByTestId('customer-form')).toBeInTheDocument();
    await user.keyboard('Ada');
    expect(screen.getByLabelText('Given name')).toHaveValue('Ada');
  });

  it('is not fooled by a serial that starts with a shortcut letter', async () => {
    const { backend, user } = await desk((a) => [makeCard({ customer: a.identifier, serialNumber: 'N0E4A2' })]);
    blur();
    // "N" opens the new-customer form and focuses its first field before the reader's next key.
    await user.keyboard('N0E4A2{Enter}');
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
    expect(screen.queryByTestId('customer-form')).not.toBeInTheDocument();
    expect(backend.callsTo('customersCreate')).toHaveLength(0);
  });

  it('says so for a card nobody has, until dismissed', async () => {
    const { backend, user } = await desk(() => []);
    blur();
    await user.keyboard('0000FFFF{Enter}');
    const alert = await screen.findByTestId('scan-alert');
    expect(alert).toHaveTextContent('No card with serial 0000FFFF.');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(screen.queryByTestId('customer-detail')).not.toBeInTheDocument();
    expect(backend.callsTo('cardsScan')).toEqual([['demo', '0000FFFF']]);

    await user.click(screen.getByTestId('scan-dismiss'));
    expect(screen.queryByTestId('scan-alert')).not.toBeInTheDocument();
  });

  it('opens the customer of a blocked card and says why it may not be used', async () => {
    const { user } = await desk((a) => [makeCard({ customer: a.identifier, serialNumber: '04C81D22', status: 'Blocked' })]);
    blur();
    await user.keyboard('04C81D22{Enter}');
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
    expect(screen.getByTestId('scan-alert')).toHaveTextContent('Card 04C81D22: This card is blocked.');
  });
});
