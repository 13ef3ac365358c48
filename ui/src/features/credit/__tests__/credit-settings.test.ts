import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER, FakeBackend, makeCustomer } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';

async function openSettings(booked = false) {
  const customer = makeCustomer({ name_parts: { _scheme: 'full', full_name: 'Ada' } });
  const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email, customers: { demo: [customer] } });
  if (booked) backend.ledger('demo').seed(customer.identifier, 'TopUp', '5.00');
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole('button', { name: 'Settings' }));
  const panel = await screen.findByTestId('credit-settings');
  await waitFor(() => expect(within(panel).getByLabelText('Currency')).toHaveValue('EUR'));
  return { ...rendered, backend, panel };
}

describe('credit settings', () => {
  it('shows the currency and limit, and saves a limit typed as money', async () => {
    const { backend, user, panel } = await openSettings();
    await waitFor(() => expect(document.title).toMatch(/^Settings/));
    const limit = within(panel).getByLabelText('Overdraft limit');
    expect(limit).toHaveValue('0.00');
    await user.clear(limit);
    await user.type(limit, '25,5{Enter}');

    expect(await within(panel).findByTestId('credit-settings-notice')).toHaveTextContent('Credit settings saved.');
    expect(limit).toHaveValue('25.50');
    expect(backend.callsTo('creditSaveSettings')).toEqual([['demo', { currency: 'EUR', limit: '25.50' }]]);
  });

  it('refuses a limit that is no amount without asking the backend', async () => {
    const { backend, user, panel } = await openSettings();
    const limit = within(panel).getByLabelText('Overdraft limit');
    await user.clear(limit);
    await user.type(limit, '-5{Enter}');
    await waitFor(() => expect(limit).toHaveAttribute('aria-invalid', 'true'));
    expect(limit).toHaveAccessibleDescription(expect.stringContaining('without a minus sign'));
    expect(backend.callsTo('creditSaveSettings')).toHaveLength(0);
  });

  it('changes the currency while no credit was booked, with the new currency’s places judged by the backend', async () => {
    const { backend, user, panel } = await openSettings();
    await user.clear(within(panel).getByLabelText('Currency'));
    await user.type(within(panel).getByLabelText('Currency'), 'jpy');
    await user.clear(within(panel).getByLabelText('Overdraft limit'));
    await user.type(within(panel).getByLabelText('Overdraft limit'), '1000.5{Enter}');
    const limit = within(panel).getByLabelText('Overdraft limit');
    await waitFor(() => expect(limit).toHaveAccessibleDescription(expect.stringContaining('JPY amounts have no decimal places.')));

    await user.clear(limit);
    await user.type(limit, '1000{Enter}');
    await within(panel).findByTestId('credit-settings-notice');
    expect(within(panel).getByLabelText('Currency')).toHaveValue('JPY');
    expect(limit).toHaveValue('1000');
    expect(backend.callsTo('creditSaveSettings').at(-1)).toEqual(['demo', { currency: 'JPY', limit: '1000.000' }]);
  });

  it('shows at the currency that it cannot change once credit was booked', async () => {
    const { user, panel } = await openSettings(true);
    const currency = within(panel).getByLabelText('Currency');
    await user.clear(currency);
    await user.type(currency, 'USD{Enter}');
    await waitFor(() =>
      expect(currency).toHaveAccessibleDescription(
        expect.stringContaining('Credit has been booked in the current currency; it cannot change any more.'),
      ),
    );
    expect(currency).toHaveFocus();
    expect(within(panel).queryByTestId('credit-settings-notice')).not.toBeInTheDocument();
  });
});
