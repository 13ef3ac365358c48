import { screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { setLocale } from '../../../lib/i18n.svelte';
import {
  DEFAULT_USER,
  FakeBackend,
  type FakeBackendOptions,
  makeCustomer,
  makeDevice,
  makeMembership,
  makeMembershipType,
  makeOrganizer,
} from '../../../testing/fake-backend';
import { makeBackup } from '../../../testing/fake-backups';
import { makeMail } from '../../../testing/fake-outbox';
import { renderHome } from '../../../testing/render';
import { DASHBOARD_REFRESH_MS } from '../api';
import { startOfToday } from '../dashboard';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `hours` after today's local midnight, as the backend writes times. */
function today(hours: number): string {
  return new Date(Date.parse(startOfToday(new Date())) + hours * HOUR_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ada = makeCustomer({ name_parts: { _scheme: 'full', full_name: 'Ada Lovelace' } });
const annual = makeMembershipType({ name: { en: 'Annual pass', de: 'Jahreskarte' } });
const tenRide = makeMembershipType({ name: { en: '10-visit card' } });

/**
 * Today: two top-ups (20.00 at 02:30, 5.00 at 09:10), a charge of 4.50 at 09:40 and a refund of
 * 1.50 of it; yesterday a top-up that must not count. Two valid annual passes and an expired
 * 10-visit card, a sold-out gala with two people waiting and one voucher out, a till seen three
 * minutes ago and one an hour ago, and an outbox with a queued, a failed and a sent mail.
 */
function busyDay(options: FakeBackendOptions = {}): FakeBackend {
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    customers: { demo: [ada] },
    membershipTypes: { demo: [annual, tenRide] },
    memberships: {
      demo: [
        makeMembership({ customer: ada.identifier, membership_type: annual.id, date_start: ago(30 * DAY_MS), date_end: ago(-30 * DAY_MS) }),
        makeMembership({ customer: ada.identifier, membership_type: annual.id, date_start: ago(DAY_MS), date_end: ago(-DAY_MS) }),
        makeMembership({ customer: ada.identifier, membership_type: tenRide.id, date_start: ago(60 * DAY_MS), date_end: ago(2 * DAY_MS) }),
      ],
    },
    devices: {
      demo: [
        makeDevice({ name: 'Bar till', pairing_pending: false, last_seen: ago(3 * 60_000 + 5_000) }),
        makeDevice({ name: 'Cloakroom', pairing_pending: false, last_seen: ago(HOUR_MS) }),
      ],
    },
    mail: {
      demo: {
        mails: [
          makeMail({ state: 'queued', sent_at: null, attempts: 1, next_attempt_at: '2099-01-01T00:00:00Z', created_at: today(8) }),
          makeMail({ state: 'failed', sent_at: null, last_error: '550 User unknown' }),
          makeMail({ state: 'sent', sent_at: today(7) }),
        ],
      },
    },
    backups: { backups: [makeBackup({ created_at: ago(2 * HOUR_MS), size_bytes: 2_516_582 })] },
    events: { demo: [{ slug: 'gala', name: 'Winter Gala', settings: { enabled: true, auto: false, hours: 48, locales: ['en'] } }] },
    ...options,
  });
  const ledger = backend.ledger('demo');
  ledger.seed(ada.identifier, 'TopUp', '30.00', {}, { by: 'admin@example.org', at: today(-5) });
  ledger.seed(ada.identifier, 'TopUp', '20.00', {}, { by: 'Bar till', at: today(2.5) });
  ledger.seed(ada.identifier, 'TopUp', '5.00', {}, { by: 'admin@example.org', at: today(9.2) });
  const charge = ledger.seed(ada.identifier, 'Charge', '-4.50', {}, { by: 'Bar till', at: today(9.7) });
  ledger.seed(ada.identifier, 'Refund', '1.50', { undoes: charge.entry.id }, { by: 'Bar till', at: today(9.8) });

  const events = backend.events('demo');
  const seat = events.addItem('gala', { name: 'Seat', price: '39.00', admission: true, variations: [] }).id;
  events.saveQuota('gala', null, { name: 'Seats', size: 1, sold: 1, closed: false, items: [seat], variations: [], subevent: null });
  const wait = (email: string) =>
    events.addEntry('gala', { email, name: null, phone: null, item: seat, variation: null, subevent: null, locale: 'en', priority: 0 });
  wait('one@example.org');
  wait('two@example.org');
  const served = wait('three@example.org');
  events.find('gala').entries.find((e) => e.id === served.id)!.voucher = 777;
  return backend;
}

async function openHome(backend: FakeBackend) {
  const rendered = renderHome(backend);
  await screen.findByTestId('dashboard');
  await waitFor(() => expect(screen.getByTestId('dashboard-updated')).toHaveTextContent(/^Updated /));
  return rendered;
}

function card(testid: string): HTMLElement {
  return screen.getByTestId(testid);
}

afterEach(() => {
  vi.useRealTimers();
  setLocale('en');
});

describe('the overview', () => {
  it('is where the desk lands after login, asking for the figures since local midnight', async () => {
    const backend = busyDay();
    backend.loggedInAs = null;
    const { user } = renderHome(backend);
    await user.type(await screen.findByLabelText('Email'), DEFAULT_USER.email);
    await user.type(screen.getByLabelText('Password'), `${DEFAULT_USER.password}{Enter}`);

    expect(await screen.findByTestId('dashboard')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(backend.callsTo('dashboard')).toHaveLength(1));
    expect(backend.callsTo('dashboard')[0]).toEqual(['demo', startOfToday(new Date())]);
    await waitFor(() => expect(document.title).toMatch(/^Overview · Demo Venue/));
  });

  it('shows today’s top-ups, charges and refunds with their counts, leaving yesterday out', async () => {
    await openHome(busyDay());

    expect(within(card('sum-topups')).getByTestId('sum-total')).toHaveTextContent('€25.00');
    expect(within(card('sum-topups')).getByTestId('sum-count')).toHaveTextContent('2 top-ups');
    expect(within(card('sum-charges')).getByTestId('sum-total')).toHaveTextContent('€4.50');
    expect(within(card('sum-charges')).getByTestId('sum-count')).toHaveTextContent('1 charge');
    expect(within(card('sum-refunds')).getByTestId('sum-total')).toHaveTextContent('€1.50');
    expect(within(card('sum-refunds')).getByTestId('sum-count')).toHaveTextContent('1 refund');
  });

  it('draws 24 pairs of bars, in proportion, with the figures in a table for screen readers', async () => {
    await openHome(busyDay());

    const chart = screen.getByRole('img', { name: /top-ups and charges per hour today/i });
    expect(chart).toHaveAccessibleName(expect.stringContaining('€25.00 topped up and €4.50 charged'));
    const bars = screen.getAllByTestId('chart-bar');
    expect(bars).toHaveLength(48);
    const bar = (series: string, hour: number) =>
      bars.find((b) => b.dataset.series === series && b.dataset.hour === String(hour)) as HTMLElement;
    expect(bar('topups', 2)).toHaveAttribute('data-amount', '20.00');
    expect(bar('topups', 9)).toHaveAttribute('data-amount', '5.00');
    expect(bar('charges', 9)).toHaveAttribute('data-amount', '4.50');
    const height = (b: HTMLElement) => Number(b.getAttribute('height'));
    // 20.00 tops the scale; 5.00 is a quarter of it.
    expect(height(bar('topups', 9))).toBeCloseTo(height(bar('topups', 2)) / 4, 5);
    expect(height(bar('charges', 3))).toBe(0);

    const table = screen.getByRole('table', { name: 'Top-ups and charges per hour today' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(25);
    expect(within(rows[3]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['€20.00', '€0.00']);
  });

  it('lists memberships valid today by type, waiting lists, and terminals seen in the last 10 minutes', async () => {
    await openHome(busyDay());

    const types = within(card('memberships-card')).getAllByTestId('membership-type-row');
    expect(types.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Annual pass 2']);

    const waiting = within(card('waiting-card')).getAllByTestId('waiting-row');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toHaveTextContent('Winter Gala');
    expect(within(waiting[0]).getByTestId('waiting-count')).toHaveTextContent('2 waiting');
    expect(within(waiting[0]).getByTestId('waiting-vouchers')).toHaveTextContent('1 has a voucher');

    const terminals = within(card('terminals-card')).getAllByTestId('terminal-row');
    expect(terminals).toHaveLength(1);
    expect(terminals[0]).toHaveTextContent('Bar till');
    expect(within(terminals[0]).getByTestId('terminal-seen')).toHaveTextContent('3 min ago');
  });

  it('says so where there is nothing yet', async () => {
    await openHome(new FakeBackend({ loggedInAs: DEFAULT_USER.email }));

    expect(within(card('sum-topups')).getByTestId('sum-total')).toHaveTextContent('€0.00');
    expect(within(card('sum-topups')).getByTestId('sum-count')).toHaveTextContent('0 top-ups');
    expect(card('memberships-card')).toHaveTextContent('No membership is valid today.');
    expect(card('waiting-card')).toHaveTextContent('Nobody is waiting.');
    expect(card('terminals-card')).toHaveTextContent('No terminal was seen in the last 10 minutes.');
    expect(screen.getAllByTestId('chart-bar').every((b) => b.getAttribute('height') === '0')).toBe(true);
  });

  it('shows the outbox and opens it from there', async () => {
    const { user } = await openHome(busyDay());

    const outbox = card('outbox-card');
    expect(within(outbox).getByTestId('outbox-queued')).toHaveTextContent('1');
    expect(within(outbox).getByTestId('outbox-failed')).toHaveTextContent('1');
    expect(within(outbox).getByTestId('outbox-sent')).toHaveTextContent('1');
    expect(outbox).toHaveTextContent('Oldest queued mail from');

    await user.click(within(outbox).getByRole('button', { name: 'Open the Outbox' }));
    expect(await screen.findByTestId('outbox')).toBeInTheDocument();
  });

  it('offers no way into the outbox to who may not open it', async () => {
    const organizer = makeOrganizer({ permissions: ['organizer.customers:read'] });
    await openHome(busyDay({ organizers: [organizer] }));
    expect(within(card('outbox-card')).queryByRole('button', { name: 'Open the Outbox' })).not.toBeInTheDocument();
  });

  it('shows administrators the last backup with its size, and opens Backups from there', async () => {
    const { user } = await openHome(busyDay());

    const backup = card('backup-card');
    expect(within(backup).getByTestId('backup-size')).toHaveTextContent('2.4 MB');
    expect(within(backup).queryByTestId('backup-warning')).not.toBeInTheDocument();
    await user.click(within(backup).getByRole('button', { name: 'Open Backups' }));
    expect(await screen.findByTestId('backups')).toBeInTheDocument();
  });

  it('warns administrators when there is no backup, or the last one is over a week old', async () => {
    await openHome(busyDay({ backups: {} }));
    expect(within(card('backup-card')).getByTestId('backup-warning')).toHaveTextContent('There is no backup yet.');
  });

  it('warns about a backup ten days old', async () => {
    await openHome(busyDay({ backups: { backups: [makeBackup({ created_at: ago(10 * DAY_MS + 60_000) })] } }));
    expect(within(card('backup-card')).getByTestId('backup-warning')).toHaveTextContent(
      'The last backup is 10 days old.',
    );
  });

  it('shows no backup to staff who are no administrators', async () => {
    const staff = { ...DEFAULT_USER, is_admin: false };
    await openHome(busyDay({ users: [staff] }));
    expect(screen.queryByTestId('backup-card')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Backups' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('backup-time')).not.toBeInTheDocument();
  });

  it('looks again every 30 seconds while open, and on R', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const backend = busyDay();
    const { user } = await openHome(backend);
    const looks = backend.callsTo('dashboard').length;

    backend.ledger('demo').seed(ada.identifier, 'TopUp', '10.00', {}, { by: 'Bar till', at: today(10) });
    await vi.advanceTimersByTimeAsync(DASHBOARD_REFRESH_MS);
    await waitFor(() => expect(within(card('sum-topups')).getByTestId('sum-total')).toHaveTextContent('€35.00'));
    expect(backend.callsTo('dashboard').length).toBe(looks + 1);

    await user.keyboard('r');
    await waitFor(() => expect(backend.callsTo('dashboard').length).toBe(looks + 2));

    await user.click(screen.getByRole('button', { name: 'Customers' }));
    await vi.advanceTimersByTimeAsync(DASHBOARD_REFRESH_MS * 3);
    expect(backend.callsTo('dashboard').length).toBe(looks + 2);
  });

  it('says why the figures could not be loaded, and tries again', async () => {
    const backend = busyDay();
    backend.failNext('dashboard', new AppError('network', 'Failed to fetch'));
    const { user } = renderHome(backend);

    expect(await screen.findByTestId('dashboard-load-error')).toHaveTextContent('Could not load the overview.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByTestId('dashboard-load-error')).not.toBeInTheDocument());
    expect(within(card('sum-topups')).getByTestId('sum-total')).toHaveTextContent('€25.00');
  });

  it('speaks German to a German user, with German amounts and numbers', async () => {
    const german = { ...DEFAULT_USER, locale: 'de' };
    await openHomeGerman(busyDay({ users: [german] }));

    expect(screen.getByRole('heading', { name: 'Übersicht' })).toBeInTheDocument();
    expect(within(card('sum-topups')).getByTestId('sum-total')).toHaveTextContent('25,00 €');
    expect(within(card('sum-topups')).getByTestId('sum-count')).toHaveTextContent('2 Aufladungen');
    expect(within(card('backup-card')).getByTestId('backup-size')).toHaveTextContent('2,4 MB');
    expect(card('terminals-card')).toHaveTextContent('vor 3 Min.');
    expect(card('memberships-card')).toHaveTextContent('Jahreskarte');
  });
});

async function openHomeGerman(backend: FakeBackend) {
  renderHome(backend);
  await screen.findByTestId('dashboard');
  await waitFor(() => expect(screen.getByTestId('dashboard-updated')).toHaveTextContent(/^Aktualisiert /));
}
