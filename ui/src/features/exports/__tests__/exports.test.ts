import { screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { setLocale } from '../../../lib/i18n.svelte';
import {
  DEFAULT_USER,
  FakeBackend,
  type FakeBackendOptions,
  makeCustomer,
  makeOrganizer,
} from '../../../testing/fake-backend';
import { DOWNLOADS } from '../../../testing/fake-exports';
import { renderApp } from '../../../testing/render';

const ada = makeCustomer({ name_parts: { _scheme: 'full', full_name: 'Ada Lovelace' } });
const grace = makeCustomer({ name_parts: { _scheme: 'full', full_name: 'Grace Hopper' } });

/** Two customers, three ledger entries on two days in November 2026, and two events. */
function exportsBackend(options: FakeBackendOptions = {}): FakeBackend {
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    customers: { demo: [ada, grace] },
    events: { demo: [{ slug: 'gala', name: 'Winter Gala' }, { slug: 'jazz', name: 'Jazz Night' }] },
    ...options,
  });
  const ledger = backend.ledger('demo');
  ledger.seed(ada.identifier, 'TopUp', '20.00', {}, { by: 'Bar till', at: '2026-11-20T10:00:00Z' });
  ledger.seed(ada.identifier, 'Charge', '-4.50', {}, { by: 'Bar till', at: '2026-11-20T11:00:00Z' });
  ledger.seed(grace.identifier, 'TopUp', '10.00', {}, { by: 'admin@example.org', at: '2026-11-22T10:00:00Z' });
  return backend;
}

async function openExports(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole('button', { name: 'Exports' }));
  await screen.findByTestId('exports');
  await waitFor(() => expect(backend.callsTo('eventsList').length).toBeGreaterThan(0));
  return rendered;
}

function row(kind: string): HTMLElement {
  return screen.getByTestId(`export-${kind}`);
}

afterEach(() => {
  setLocale('en');
});

describe('exports', () => {
  it('offers every kind to who may read everything, waiting lists once there are events', async () => {
    await openExports(exportsBackend());
    await screen.findByTestId('export-waiting_list');
    const forms = screen.getAllByRole('form');
    expect(forms.map((f) => within(f).getByRole('heading').textContent)).toEqual([
      'Customers',
      'Memberships',
      'Credit ledger',
      'Credit summary for the accountant',
      'Waiting lists',
    ]);
    expect(within(row('ledger')).getByLabelText('From')).toHaveAttribute('type', 'date');
    expect(within(row('customers')).queryByLabelText('From')).not.toBeInTheDocument();
  });

  it('offers staff only what they may read, and no waiting lists without events', async () => {
    const organizer = makeOrganizer({ permissions: ['organizer.customers:read'] });
    await openExports(exportsBackend({ organizers: [organizer], events: {} }));
    expect(screen.getByTestId('export-customers')).toBeInTheDocument();
    expect(screen.getByTestId('export-memberships')).toBeInTheDocument();
    expect(screen.queryByTestId('export-ledger')).not.toBeInTheDocument();
    expect(screen.queryByTestId('export-waiting_list')).not.toBeInTheDocument();
  });

  it('is no section for staff who may read neither customers nor gift cards', async () => {
    const organizer = makeOrganizer({ permissions: ['organizer.devices:read'] });
    renderApp({ loggedInAs: DEFAULT_USER.email, organizers: [organizer] });
    await screen.findByRole('button', { name: 'Devices' });
    expect(screen.queryByRole('button', { name: 'Exports' })).not.toBeInTheDocument();
  });

  it('saves the ledger of the days chosen, counting the last in full, and says where it went', async () => {
    const backend = exportsBackend();
    const { user } = await openExports(backend);
    const ledger = row('ledger');

    await user.clear(within(ledger).getByLabelText('From'));
    await user.type(within(ledger).getByLabelText('From'), '2026-11-20');
    await user.clear(within(ledger).getByLabelText('To (inclusive)'));
    await user.type(within(ledger).getByLabelText('To (inclusive)'), '2026-11-21');
    await user.click(within(ledger).getByRole('button', { name: 'Download CSV' }));

    const saved = await within(ledger).findByTestId('export-saved');
    expect(saved).toHaveTextContent(`Saved to ${DOWNLOADS}/demo-ledger-`);
    expect(within(saved).getByTestId('export-rows')).toHaveTextContent('2 rows');
    const local = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(backend.callsTo('exportCsv')).toEqual([
      ['demo', { kind: 'ledger', from: local(2026, 11, 20), to: local(2026, 11, 22), event: null }],
    ]);
  });

  it('says how many rows a browser downloaded, and under which name', async () => {
    const backend = exportsBackend({ exportsSavedBy: 'browser' });
    const { user } = await openExports(backend);

    await user.click(within(row('customers')).getByRole('button', { name: 'Download CSV' }));
    const saved = await within(row('customers')).findByTestId('export-saved');
    expect(saved).toHaveTextContent(/Downloaded as demo-customers-\d{4}-\d{2}-\d{2}\.csv/);
    expect(saved).toHaveTextContent('2 rows');
    expect(backend.callsTo('exportCsv')[0]).toEqual(['demo', { kind: 'customers', from: null, to: null, event: null }]);
  });

  it('refuses a last day before the first at the field, without asking the backend', async () => {
    const backend = exportsBackend();
    const { user } = await openExports(backend);
    const summary = row('ledger_summary');

    await user.clear(within(summary).getByLabelText('From'));
    await user.type(within(summary).getByLabelText('From'), '2026-11-23');
    await user.clear(within(summary).getByLabelText('To (inclusive)'));
    await user.type(within(summary).getByLabelText('To (inclusive)'), '2026-11-01');
    await user.click(within(summary).getByRole('button', { name: 'Download CSV' }));

    const to = within(summary).getByLabelText('To (inclusive)');
    await waitFor(() => expect(to).toHaveAttribute('aria-invalid', 'true'));
    expect(to).toHaveAccessibleDescription(expect.stringContaining('The last day must not be before the first.'));
    expect(backend.callsTo('exportCsv')).toHaveLength(0);
  });

  it('exports the waiting list of one event, or of all', async () => {
    const backend = exportsBackend();
    const { user } = await openExports(backend);
    const waiting = await screen.findByTestId('export-waiting_list');
    const choice = within(waiting).getByLabelText('Event');
    expect(within(choice).getAllByRole('option').map((o) => o.textContent)).toEqual(['All events', 'Winter Gala', 'Jazz Night']);

    await user.selectOptions(choice, 'jazz');
    await user.click(within(waiting).getByRole('button', { name: 'Download CSV' }));
    await within(waiting).findByTestId('export-saved');
    expect(backend.callsTo('exportCsv')).toEqual([['demo', { kind: 'waiting_list', from: null, to: null, event: 'jazz' }]]);
  });

  it('says why an export was refused', async () => {
    const backend = exportsBackend();
    backend.failNext('exportCsv', new AppError('forbidden', 'You do not have permission to perform this action.'));
    const { user } = await openExports(backend);

    await user.click(within(row('memberships')).getByRole('button', { name: 'Download CSV' }));
    const error = await within(row('memberships')).findByTestId('export-form-memberships-error');
    expect(error).toHaveTextContent('The export was not made.');
    expect(error).toHaveTextContent('Ask an administrator');
    expect(within(row('memberships')).queryByTestId('export-saved')).not.toBeInTheDocument();
  });

  it('speaks German', async () => {
    const backend = exportsBackend({ users: [{ ...DEFAULT_USER, locale: 'de' }], exportsSavedBy: 'browser' });
    const { user } = renderApp(backend);
    await user.click(await screen.findByRole('button', { name: 'Exporte' }));

    expect(await screen.findByRole('heading', { name: 'Exporte' })).toBeInTheDocument();
    await user.click(within(row('customers')).getByRole('button', { name: 'CSV herunterladen' }));
    expect(await within(row('customers')).findByTestId('export-saved')).toHaveTextContent('2 Zeilen');
    expect(within(row('ledger')).getByLabelText('Bis (einschließlich)')).toBeInTheDocument();
  });
});
