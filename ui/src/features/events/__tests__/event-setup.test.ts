import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { EVENT_PERMISSIONS } from '../../../testing/fake-backend';
import { galaBackend, openEvent, quotaRow } from './helpers';

function productNames(): string[] {
  return screen.queryAllByTestId('product-row').map((r) => within(r).getByTestId('product-row-name').textContent ?? '');
}

describe('event setup', () => {
  it('shows the products with prices and each quota with what is left', async () => {
    const { backend, seat } = galaBackend();
    const events = backend.events('demo');
    const loge = events.addItem('gala', { name: 'Loge', price: '80', admission: true, variations: [] });
    events.saveQuota('gala', null, { name: 'Standing area', size: 100, sold: 98, closed: false, items: [loge.id], variations: [], subevent: null });
    events.saveQuota('gala', null, { name: 'Bar', size: null, sold: 40, closed: false, items: [seat], variations: [], subevent: null });
    events.saveQuota('gala', null, { name: 'Balcony', size: 10, sold: 0, closed: true, items: [seat], variations: [], subevent: null });
    await openEvent(backend);

    expect(productNames()).toEqual(['Seat', 'Standing', 'Loge']);
    expect(within(screen.getAllByTestId('product-row')[0]).getByTestId('product-row-price')).toHaveTextContent('€39.00');
    expect(within(quotaRow('Seats')).getByTestId('quota-availability')).toHaveTextContent('sold out');
    expect(within(quotaRow('Standing area')).getByTestId('quota-availability')).toHaveTextContent('2 left');
    expect(within(quotaRow('Bar')).getByTestId('quota-availability')).toHaveTextContent('unlimited');
    expect(within(quotaRow('Balcony')).getByTestId('quota-availability')).toHaveTextContent('closed');
    expect(within(quotaRow('Bar')).getByTestId('quota-size')).toHaveValue('');
    expect(within(quotaRow('Seats')).getByTestId('quota-products')).toHaveTextContent('Seat');
  });

  it('adds a product with variations, and shows the backend’s word on a bad price', async () => {
    const { backend } = galaBackend();
    const { user } = await openEvent(backend);
    await user.click(screen.getByTestId('add-product'));
    const form = screen.getByTestId('product-form');
    expect(within(form).getByLabelText('Name')).toHaveFocus();
    await user.type(within(form).getByLabelText('Name'), 'Balcony seat');
    await user.type(within(form).getByLabelText('Price'), '12,5x');
    await user.type(within(form).getByLabelText('Variations'), 'Adult, Child , ');
    await user.click(within(form).getByRole('button', { name: 'Add product' }));
    await waitFor(() => expect(within(form).getByLabelText('Price')).toHaveAttribute('aria-invalid', 'true'));
    expect(form).toHaveTextContent('A valid number is required.');

    await user.clear(within(form).getByLabelText('Price'));
    await user.type(within(form).getByLabelText('Price'), '12,5{Enter}');
    expect(backend.callsTo('eventsAddItem').at(-1)).toEqual([
      'demo',
      'gala',
      { name: 'Balcony seat', price: '12,5', admission: true, variations: ['Adult', 'Child'] },
    ]);
    expect(await screen.findByTestId('products-notice')).toHaveTextContent('Product “Balcony seat” added.');
    expect(productNames()).toEqual(['Seat', 'Standing', 'Balcony seat']);
    const added = screen.getAllByTestId('product-row')[2];
    expect(within(added).getByTestId('product-row-price')).toHaveTextContent('€12.50');
    expect(within(added).getByTestId('product-row-variations')).toHaveTextContent('Adult, Child');
    expect(screen.queryByTestId('product-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('add-product')).toHaveFocus();
  });

  it('creates a quota for ticked variations, unlimited when the size is empty', async () => {
    const { backend } = galaBackend();
    const item = backend.events('demo').addItem('gala', { name: 'Loge', price: '80', admission: true, variations: ['Front', 'Back'] });
    const { user } = await openEvent(backend);
    await user.click(screen.getByTestId('add-quota'));
    const form = screen.getByTestId('quota-form');
    await user.type(within(form).getByLabelText('Name'), 'Loges');
    await user.click(within(form).getByRole('button', { name: 'Create quota' }));
    expect(form).toHaveTextContent('Tick the products this quota counts.');
    expect(backend.callsTo('eventsSaveQuota')).toHaveLength(0);

    await user.click(within(form).getByLabelText('Front'));
    await user.click(within(form).getByRole('button', { name: 'Create quota' }));
    expect(backend.callsTo('eventsSaveQuota')).toEqual([
      [
        'demo',
        'gala',
        null,
        { name: 'Loges', size: null, sold: 0, closed: false, items: [item.id], variations: [item.variations[0].id], subevent: null },
      ],
    ]);
    expect(await screen.findByTestId('quotas-notice')).toHaveTextContent('Quota “Loges” created.');
    expect(within(quotaRow('Loges')).getByTestId('quota-products')).toHaveTextContent('Loge (Front)');
    expect(within(quotaRow('Loges')).getByTestId('quota-availability')).toHaveTextContent('unlimited');
  });

  it('asks for the date of a quota in a series', async () => {
    const { backend } = galaBackend();
    const events = backend.events('demo');
    events.seed({ slug: 'jazz', name: 'Jazz Nights', date_from: '2026-12-01T19:00:00Z', has_subevents: true });
    events.addItem('jazz', { name: 'Ticket', price: '15', admission: true, variations: [] });
    events.addSubevent('jazz', { name: 'Night one', date_from: '2026-12-01T19:00:00Z', date_to: null });
    const second = events.addSubevent('jazz', { name: 'Night two', date_from: '2026-12-02T19:00:00Z', date_to: null });
    const { user } = await openEvent(backend, 'jazz');

    expect(screen.getAllByTestId('date-row')).toHaveLength(2);
    await user.click(screen.getByTestId('add-quota'));
    const form = screen.getByTestId('quota-form');
    // The only product is ticked already.
    expect(within(form).getByLabelText('Ticket')).toBeChecked();
    await user.type(within(form).getByLabelText('Name'), 'Night two');
    await user.type(within(form).getByLabelText('Size'), '80');
    await user.click(within(form).getByRole('button', { name: 'Create quota' }));
    expect(within(form).getByLabelText('Date')).toHaveAttribute('aria-invalid', 'true');

    await user.selectOptions(within(form).getByLabelText('Date'), String(second.id));
    await user.click(within(form).getByRole('button', { name: 'Create quota' }));
    await screen.findByTestId('quotas-notice');
    expect(backend.callsTo('eventsSaveQuota').at(-1)?.[3]).toMatchObject({ size: 80, subevent: second.id });
    expect(within(quotaRow('Night two')).getByTestId('quota-products')).toHaveTextContent('Night two (');
  });

  it('adds a date to a series', async () => {
    const { backend } = galaBackend();
    backend.events('demo').seed({ slug: 'jazz', name: 'Jazz Nights', date_from: '2026-12-01T19:00:00Z', has_subevents: true });
    const { user } = await openEvent(backend, 'jazz');
    expect(screen.getByTestId('no-dates')).toBeInTheDocument();
    await user.click(screen.getByTestId('add-date'));
    const form = screen.getByTestId('date-form');
    expect(within(form).getByLabelText('Name')).toHaveValue('Jazz Nights');
    await user.type(within(form).getByLabelText('Starts'), '2026-12-05T20:00');
    await user.click(within(form).getByRole('button', { name: 'Add date' }));
    expect(await screen.findByTestId('dates-notice')).toHaveTextContent('Date “Jazz Nights” added.');
    expect(backend.callsTo('eventsAddSubevent')).toEqual([
      ['demo', 'jazz', { name: 'Jazz Nights', date_from: new Date('2026-12-05T20:00').toISOString().replace('.000Z', 'Z'), date_to: null }],
    ]);
    expect(screen.getAllByTestId('date-row')).toHaveLength(1);
  });

  it('edits size and sold in place from the keyboard, and shows what is left after saving', async () => {
    const { backend, quota, seats } = galaBackend();
    backend.events('demo').removeEntry('gala', backend.events('demo').rows('gala')[0].entry.id);
    backend.events('demo').removeEntry('gala', backend.events('demo').rows('gala')[0].entry.id);
    const { user } = await openEvent(backend);
    const row = quotaRow('Seats');
    const save = within(row).getByTestId('quota-save');
    expect(save).toBeDisabled();
    expect(within(row).getByTestId('quota-availability')).toHaveTextContent('sold out');

    await user.click(within(row).getByTestId('quota-size'));
    await user.keyboard('{Control>}a{/Control}5');
    await user.tab();
    expect(within(row).getByTestId('quota-sold')).toHaveFocus();
    await user.keyboard('{Control>}a{/Control}3{Enter}');
    await waitFor(() => expect(within(quotaRow('Seats')).getByTestId('quota-availability')).toHaveTextContent('2 left'));
    expect(backend.callsTo('eventsSaveQuota')).toEqual([['demo', 'gala', quota.id, { ...seats, size: 5, sold: 3 }]]);
    expect(screen.getByTestId('quotas-notice')).toHaveTextContent('Quota “Seats” saved.');
    expect(within(quotaRow('Seats')).getByTestId('quota-save')).toBeDisabled();
    expect(within(quotaRow('Seats')).getByTestId('quota-sold')).toHaveFocus();

    // Empty is unlimited; Enter on the checkbox saves too.
    await user.clear(within(quotaRow('Seats')).getByTestId('quota-size'));
    await user.click(within(quotaRow('Seats')).getByTestId('quota-closed'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(quotaRow('Seats')).getByTestId('quota-availability')).toHaveTextContent('closed'));
    expect(backend.callsTo('eventsSaveQuota').at(-1)?.[3]).toEqual({ ...seats, size: null, sold: 3, closed: true });
  });

  it('undoes a row’s changes with Esc, and says what is wrong with a count', async () => {
    const { backend } = galaBackend();
    const { user } = await openEvent(backend);
    const row = quotaRow('Seats');
    await user.click(within(row).getByTestId('quota-sold'));
    await user.keyboard('{Control>}a{/Control}many{Enter}');
    expect(within(row).getByTestId('quota-sold')).toHaveAttribute('aria-invalid', 'true');
    expect(row).toHaveTextContent('Enter how many tickets were sold, as a whole number.');
    expect(backend.callsTo('eventsSaveQuota')).toHaveLength(0);

    await user.keyboard('{Escape}');
    expect(within(row).getByTestId('quota-sold')).toHaveValue('2');
    expect(within(row).getByTestId('quota-sold')).toHaveAttribute('aria-invalid', 'false');
    // The event stays open: Esc undid the row only.
    expect(screen.getByTestId('event-screen')).toBeInTheDocument();
  });

  it('saves the waiting-list settings', async () => {
    const { backend } = galaBackend();
    const { user } = await openEvent(backend);
    const form = screen.getByTestId('waiting-settings-form');
    expect(within(form).getByLabelText(/Waiting list open/)).toBeChecked();
    expect(within(form).getByLabelText(/Automatic assignment/)).not.toBeChecked();
    await user.click(within(form).getByLabelText(/Automatic assignment/));
    await user.clear(within(form).getByLabelText('Hours a voucher holds its place'));
    await user.type(within(form).getByLabelText('Hours a voucher holds its place'), '0');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    expect(within(form).getByLabelText('Hours a voucher holds its place')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(within(form).getByLabelText('Hours a voucher holds its place'));
    await user.type(within(form).getByLabelText('Hours a voucher holds its place'), '24');
    await user.clear(within(form).getByLabelText('Times one person may be on the list'));
    await user.type(within(form).getByLabelText('Times one person may be on the list'), '2{Enter}');
    expect(await screen.findByTestId('settings-notice')).toHaveTextContent('Waiting-list settings saved.');
    expect(backend.callsTo('eventsSaveWaitingListSettings')).toEqual([
      ['demo', 'gala', { enabled: true, auto: true, hours: 24, limit_per_user: 2, locales: ['en', 'de'] }],
    ]);
    expect(form).toHaveTextContent('Languages: English, German');
  });

  it('shows the set-up without changing it to who may not', async () => {
    const { backend } = galaBackend({ permissions: ['event.orders:read'] });
    await openEvent(backend);
    expect(screen.queryByTestId('add-product')).not.toBeInTheDocument();
    expect(screen.queryByTestId('add-quota')).not.toBeInTheDocument();
    expect(screen.queryByTestId('quota-save')).not.toBeInTheDocument();
    expect(within(quotaRow('Seats')).getByTestId('quota-size')).toBeDisabled();
    expect(screen.queryByTestId('waiting-settings-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('waiting-settings-facts')).toHaveTextContent('48 hours');
  });

  it('offers every change to who holds every event permission', async () => {
    const { backend } = galaBackend({ permissions: EVENT_PERMISSIONS });
    await openEvent(backend);
    expect(screen.getByTestId('add-product')).toBeEnabled();
    expect(screen.getByTestId('add-quota')).toBeEnabled();
    expect(screen.getByTestId('waiting-settings-form')).toBeInTheDocument();
  });
});
