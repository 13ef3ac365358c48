import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { makeOrganizer } from '../../../testing/fake-backend';
import { many, person, renderDesk, rowNames, rows } from './helpers';

describe('customer search', () => {
  it('lists the first page of 50 and pages through the rest', async () => {
    const { backend, user } = await renderDesk(many(120));

    expect(rows()).toHaveLength(50);
    expect(screen.getByTestId('result-count')).toHaveTextContent('1–50 of 120');
    expect(screen.getByTestId('page-of')).toHaveTextContent('Page 1 of 3');
    expect(screen.getByTestId('prev-page')).toBeDisabled();

    await user.click(screen.getByTestId('next-page'));
    await screen.findByText('51–100 of 120');
    expect(rowNames()[0]).toBe('Customer 051');

    await user.click(screen.getByTestId('next-page'));
    await screen.findByText('101–120 of 120');
    expect(rows()).toHaveLength(20);
    expect(screen.getByTestId('next-page')).toBeDisabled();

    await user.click(screen.getByTestId('prev-page'));
    await screen.findByText('51–100 of 120');
    expect(backend.callsTo('customersSearch').map(([, query]) => query)).toEqual([
      { search: '', page: 1, page_size: 50 },
      { search: '', page: 2, page_size: 50 },
      { search: '', page: 3, page_size: 50 },
      { search: '', page: 2, page_size: 50 },
    ]);
  });

  it('searches as you type, once for a burst of keystrokes', async () => {
    const customers = [
      person('Ada', 'Lovelace', { phone: '+44 20 7946 0000' }),
      person('Grace', 'Hopper'),
      person('Alan', 'Turing'),
    ];
    const { backend, user, search } = await renderDesk(customers);
    expect(rows()).toHaveLength(3);

    await user.type(search, 'hopper');
    await waitFor(() => expect(rowNames()).toEqual(['Grace Hopper']));
    const searches = backend.callsTo('customersSearch').map(([org, query]) => [org, (query as { search: string }).search]);
    expect(searches).toEqual([
      ['demo', ''],
      ['demo', 'hopper'],
    ]);
    expect(screen.getByTestId('result-count')).toHaveTextContent('1–1 of 1');
  });

  it('finds customers by email, phone and identifier too', async () => {
    const ada = person('Ada', 'Lovelace', { phone: '+44 20 7946 0000' });
    const { user, search } = await renderDesk([ada, person('Grace', 'Hopper')]);

    for (const term of ['ada.lovelace@', '7946', ada.identifier]) {
      await user.clear(search);
      await user.type(search, term);
      await waitFor(() => expect(rowNames()).toEqual(['Ada Lovelace']));
    }
  });

  it('says when nothing matches and how to go on', async () => {
    const { user, search } = await renderDesk([person('Ada', 'Lovelace')]);
    await user.type(search, 'nobody');
    const empty = await screen.findByTestId('no-results');
    expect(empty).toHaveTextContent('No customer matches “nobody”.');
    expect(empty).toHaveTextContent(/create a new customer/);
    expect(screen.getByTestId('result-count')).toHaveTextContent('0 customers');
  });

  it('shows a search failure with what to do, and recovers on retry', async () => {
    const { backend, user, search } = await renderDesk([person('Ada', 'Lovelace')]);
    const { AppError } = await import('../../../lib/backend/backend');
    backend.failNext('customersSearch', new AppError('network', 'Failed to fetch'));
    await user.type(search, 'ada');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not search customers.');
    expect(alert).toHaveTextContent(/Tessera server is running/);

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(rowNames()).toEqual(['Ada Lovelace']));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('searches the organizer chosen in the header', async () => {
    const organizers = [
      makeOrganizer(),
      makeOrganizer({ slug: 'club', name: 'Jazz Club', name_scheme: 'full', name_fields: ['full_name'] }),
    ];
    const { backend, user } = await renderDesk([person('Ada', 'Lovelace')], organizers);
    expect(rows()).toHaveLength(1);

    await user.selectOptions(screen.getByLabelText('Organizer'), 'club');
    await screen.findByText('0 customers');
    expect(backend.callsTo('customersSearch').at(-1)?.[0]).toBe('club');
    expect(document.title).toContain('Jazz Club');
  });
});
