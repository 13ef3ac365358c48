import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { person, renderDesk, rows } from './helpers';

describe('anonymizing a customer', () => {
  it('asks first, naming the customer and saying it cannot be undone', async () => {
    const ada = person('Ada', 'Lovelace');
    const { backend, user } = await renderDesk([ada]);
    await user.click(rows()[0]);
    await user.click(await screen.findByTestId('anonymize-customer'));

    const dialog = screen.getByRole('alertdialog', { name: 'Anonymize this customer?' });
    expect(within(dialog).getByTestId('anonymize-name')).toHaveTextContent('Ada Lovelace');
    expect(dialog).toHaveTextContent('This cannot be undone.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Anonymize' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(backend.callsTo('customersAnonymize')).toEqual([['demo', ada.identifier]]);
    const detail = screen.getByTestId('customer-detail');
    expect(within(detail).getByTestId('customer-name')).toHaveTextContent('No name');
    expect(within(detail).getByTestId('customer-email')).toHaveTextContent('—');
    expect(within(detail).getByTestId('badge-inactive')).toBeInTheDocument();
    expect(screen.getByTestId('notice')).toHaveTextContent('Customer anonymized.');
  });

  it('does nothing when cancelled with Esc, and keeps the detail open', async () => {
    const { backend, user } = await renderDesk([person('Ada', 'Lovelace')]);
    await user.click(rows()[0]);
    await user.click(await screen.findByTestId('anonymize-customer'));
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();

    await user.keyboard('{Escape}');

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
    expect(backend.callsTo('customersAnonymize')).toHaveLength(0);
  });

  it('closes with Esc even when focus has left the dialog, leaving the search alone', async () => {
    const { backend, user, search } = await renderDesk([person('Ada', 'Lovelace')]);
    await user.type(search, 'ada');
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.keyboard('{Enter}');
    await user.click(await screen.findByTestId('anonymize-customer'));
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();

    search.focus();
    await user.keyboard('{Escape}');

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(search).toHaveValue('ada');
    expect(screen.getByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
    expect(backend.callsTo('customersAnonymize')).toHaveLength(0);
  });

  it('keeps the dialog open with the reason when it fails', async () => {
    const { backend, user } = await renderDesk([person('Ada', 'Lovelace')]);
    backend.failNext('customersAnonymize', new AppError('internal', 'boom'));
    await user.click(rows()[0]);
    await user.click(await screen.findByTestId('anonymize-customer'));
    await user.click(screen.getByRole('button', { name: 'Anonymize' }));

    const dialog = screen.getByRole('alertdialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The customer was not anonymized.');
    expect(screen.getByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
  });
});
