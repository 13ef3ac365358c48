// Demo data for `npm run dev:fake`: a logged-in desk with two organizers and a few pages of
// customers, two membership types, devices, teams, cards, stored credit (with an overdraft), mail
// settings, an outbox with a sent, a refused and a waiting mail, and a sold-out event with a
// waiting list (one voucher out) beside a series without products yet, an OAuth application with
// access given to it and a retired one, a reseller account, today's credit for the overview and
// backups (one of them on a stick that is not plugged in), so the UI can be looked at
// without a server. The first customer's card is 04A23B7C: type it fast
// outside a text field to see a scan.
// In the second organizer the administrator works as box-office staff, so some sections are hidden.
import {
  DEFAULT_USER,
  FakeBackend,
  makeCustomer,
  makeDevice,
  makeMembershipType,
  makeOrganizer,
  makeTeam,
} from './fake-backend';
import { makeApplication, makeGrant, makeReseller } from './fake-access';
import { makeBackup } from './fake-backups';
import { makeCard } from './fake-cards';
import { makeMail } from './fake-outbox';
import type { Customer } from '../lib/backend/backend';

const GIVEN = ['Anna', 'Ben', 'Clara', 'David', 'Elif', 'Felix', 'Greta', 'Hannes', 'Ida', 'Jonas', 'Klara',
  'Lukas', 'Mia', 'Noah', 'Olga', 'Paul', 'Quirin', 'Rosa', 'Sami', 'Tilda', 'Umut', 'Vera', 'Wim', 'Yara'];
const FAMILY = ['Albrecht', 'Becker', 'Çelik', 'Dietrich', 'Engel', 'Fischer', 'Graf', 'Hoffmann', 'Jansen',
  'Krüger', 'Lehmann', 'Meier', 'Neumann', 'Öztürk', 'Peters', 'Richter', 'Schulz', 'Thomas', 'Urban',
  'Vogel', 'Wagner', 'Zimmermann'];

function demoCustomers(count: number): Customer[] {
  const customers: Customer[] = [];
  for (let i = 0; i < count; i += 1) {
    const given = GIVEN[(i * 7) % GIVEN.length];
    const family = FAMILY[(i * 5 + Math.floor(i / 3)) % FAMILY.length];
    const joined = new Date(Date.parse('2026-11-20T12:00:00Z') - i * 3_600_000 * 9).toISOString();
    customers.push(
      makeCustomer({
        name_parts: { _scheme: 'given_family', given_name: given, family_name: family },
        email: i % 6 === 5 ? null : `${given}.${family}${i}@example.org`.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, ''),
        phone: i % 3 === 0 ? `+49 30 ${String(2_000_000 + i * 7_331).slice(0, 7)}` : null,
        is_active: i % 17 !== 4,
        is_verified: i % 5 !== 2,
        locale: i % 4 === 1 ? 'de' : 'en',
        notes: i % 8 === 0 ? 'Season ticket holder. Prefers aisle seats.' : null,
        external_identifier: i % 10 === 3 ? `CRM-${10_400 + i}` : null,
        date_joined: joined,
        last_modified: joined,
      }),
    );
  }
  return customers;
}

/** A sold-out gala with three people waiting and one voucher out, and a series still being set up. */
function seedEvents(backend: FakeBackend): void {
  const events = backend.events('demo');
  events.seed({
    slug: 'winter-gala',
    name: 'Winter Gala',
    date_from: '2026-12-12T18:30:00Z',
    date_to: '2026-12-12T23:00:00Z',
    location: 'Main hall',
    settings: { enabled: true, auto: false, hours: 48, locales: ['en', 'de'] },
  });
  const seat = events.addItem('winter-gala', { name: 'Seat', price: '39.00', admission: true, variations: ['Adult', 'Reduced'] });
  const standing = events.addItem('winter-gala', { name: 'Standing', price: '19.50', admission: true, variations: [] });
  const [adult, reduced] = seat.variations;
  const seats = {
    name: 'Seats',
    size: 120,
    sold: 120,
    closed: false,
    items: [seat.id],
    variations: [adult.id, reduced.id],
    subevent: null,
  };
  const quota = events.saveQuota('winter-gala', null, seats);
  events.saveQuota('winter-gala', null, {
    name: 'Standing area',
    size: 200,
    sold: 188,
    closed: false,
    items: [standing.id],
    variations: [],
    subevent: null,
  });
  const entry = (email: string, name: string, variation: number, priority = 0) =>
    events.addEntry('winter-gala', { email, name, phone: null, item: seat.id, variation, subevent: null, locale: 'en', priority });
  entry('clara.dietrich@example.org', 'Clara Dietrich', adult.id);
  entry('ben.becker@example.org', 'Ben Becker', reduced.id);
  entry('elif.engel@example.org', 'Elif Engel', adult.id, 5);
  // A ticket was returned: one seat for the first one served.
  events.saveQuota('winter-gala', quota.id, { ...seats, sold: 119 });
  events.sendVoucher('winter-gala', events.rows('winter-gala')[0].entry.id);
  events.seed({ slug: 'jazz-nights', name: 'Jazz Nights', date_from: '2027-01-15T19:00:00Z', has_subevents: true });
}

/** Cards and a ledger for the first two customers: one with a card in use and a replaced one, one blocked. */
function seedCardsAndCredit(backend: FakeBackend): void {
  const [first, second] = backend.customers.demo;
  backend.cards.demo = [
    makeCard({
      customer: first.identifier,
      serialNumber: '0419E2AA',
      status: 'Replaced',
      statusTime: '2026-11-10T17:30:00Z',
      statusReason: 'Card damaged',
      replacedBy: '04A23B7C',
    }),
    makeCard({ customer: first.identifier, serialNumber: '04A23B7C', statusTime: '2026-11-10T17:30:00Z' }),
    makeCard({
      customer: second.identifier,
      serialNumber: '04C81D22',
      status: 'Blocked',
      statusTime: '2026-11-18T21:05:00Z',
      statusReason: 'Left at the bar',
    }),
  ];
  const ledger = backend.ledger('demo');
  ledger.seed(first.identifier, 'TopUp', '50.00', { reference: 'Cash' });
  const drinks = ledger.seed(first.identifier, 'Charge', '-12.80', { reference: 'Bar 1042' });
  ledger.seed(first.identifier, 'Refund', '4.20', { reference: 'Bar 1042', note: 'Two drinks not served', undoes: drinks.entry.id });
  ledger.seed(first.identifier, 'Charge', '-24.00', { reference: 'Box office 88' });
  ledger.seed(second.identifier, 'TopUp', '20.00', { reference: 'Card payment' });
  ledger.seed(second.identifier, 'Charge', '-27.50', { reference: 'Box office 91', note: 'Within the overdraft' });
}

/**
 * Today's credit for the overview, at the hours a venue is busy (whatever day the demo runs),
 * and a terminal seen a few minutes ago.
 */
function seedToday(backend: FakeBackend): void {
  const [first, second, third] = backend.customers.demo;
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const at = (hours: number) => new Date(midnight.getTime() + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ledger = backend.ledger('demo');
  const till = { by: 'Box office', at: at(0) };
  ledger.seed(third.identifier, 'TopUp', '40.00', { reference: 'Cash' }, { ...till, at: at(10.2) });
  ledger.seed(first.identifier, 'TopUp', '25.00', { reference: 'Card payment' }, { ...till, at: at(11.5) });
  ledger.seed(third.identifier, 'Charge', '-8.50', { reference: 'Bar 1101' }, { by: 'Bar till', at: at(12.1) });
  ledger.seed(second.identifier, 'TopUp', '15.00', { reference: 'Cash' }, { ...till, at: at(13.4) });
  const coffee = ledger.seed(third.identifier, 'Charge', '-6.20', { reference: 'Bar 1107' }, { by: 'Bar till', at: at(13.8) });
  ledger.seed(third.identifier, 'Refund', '3.10', { undoes: coffee.entry.id }, { by: 'Bar till', at: at(13.9) });
  ledger.seed(first.identifier, 'Charge', '-12.00', { reference: 'Box office 97' }, { ...till, at: at(15.2) });
  const [boxOffice] = backend.devices.demo;
  boxOffice.last_seen = new Date(Date.now() - 4 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createDemoBackend(): FakeBackend {
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    latencyMs: 60,
    users: [
      { ...DEFAULT_USER },
      { id: 2, email: 'ida.krueger@example.org', password: 'box-office', fullname: 'Ida Krüger', locale: 'de' },
      { id: 3, email: 'jonas.vogel@example.org', password: 'box-office', fullname: 'Jonas Vogel', locale: 'en' },
    ],
    organizers: [
      makeOrganizer(),
      makeOrganizer({
        slug: 'studio',
        name: 'Studio Stage',
        name_scheme: 'salutation_title_given_family',
        name_fields: ['salutation', 'title', 'given_name', 'family_name'],
        permissions: ['organizer.customers:read', 'organizer.customers:write', 'organizer.devices:read'],
      }),
    ],
    teams: {
      demo: [
        makeTeam({
          name: 'Administrators',
          all_events: true,
          all_organizer_permissions: true,
          all_event_permissions: true,
          member_ids: [1],
        }),
        makeTeam({
          name: 'Box office',
          all_events: true,
          organizer_permissions: ['organizer.customers:read', 'organizer.customers:write', 'organizer.devices:read'],
          event_permissions: ['event.orders:read', 'event.orders:checkin', 'event.vouchers:read'],
          member_ids: [2, 3],
          invites: ['new.staff@example.org'],
          tokens: [
            { token_id: 1, name: 'Ticket shop sync', active: true, secret: 'demo-secret-one' },
            { token_id: 2, name: 'Old kiosk', active: false, secret: 'demo-secret-two' },
          ],
        }),
      ],
      studio: [
        makeTeam({
          name: 'Front of house',
          organizer_permissions: ['organizer.customers:read', 'organizer.customers:write', 'organizer.devices:read'],
          member_ids: [1],
        }),
      ],
    },
    customers: { demo: demoCustomers(137), studio: [] },
    membershipTypes: {
      demo: [
        makeMembershipType({ name: { en: 'Annual pass', de: 'Jahreskarte' } }),
        makeMembershipType({ name: { en: 'Ten visits', de: 'Zehnerkarte' }, max_usages: 10, allow_parallel_usage: true }),
      ],
      studio: [],
    },
    devices: {
      demo: [
        makeDevice({
          name: 'Box office',
          pairing_pending: false,
          initialized: '2026-11-02T09:00:00Z',
          last_seen: '2026-11-20T19:42:00Z',
          hardware: 'Zebra TC25',
          software: 'pretixPOS 2.9',
        }),
        makeDevice({ name: 'Bar till' }),
      ],
      studio: [],
    },
    credit: { demo: { currency: 'EUR', limit: '10.00' } },
    backups: {
      settings: { folder: '/media/usb-backup', every_hours: 24, keep: 14 },
      backups: [
        makeBackup({ path: '/media/usb-backup/tessera-2026-11-23T03-00-00.sqlite3', created_at: '2026-11-23T03:00:00Z', kind: 'scheduled' }),
        makeBackup({ path: '/media/usb-backup/tessera-2026-11-22T03-00-00.sqlite3', created_at: '2026-11-22T03:00:00Z', kind: 'scheduled' }),
        makeBackup({ created_at: '2026-11-20T18:30:00Z', present: false, size_bytes: 2_306_867 }),
      ],
    },
    access: {
      applications: [
        makeApplication({
          name: 'Ticket shop',
          redirect_uris: ['https://shop.example.org/oauth/callback', 'http://192.168.1.40:8080/callback'],
          created_at: '2026-11-02T10:15:00Z',
        }),
        makeApplication({ name: 'Old kiosk app', confidential: false, active: false, created_at: '2026-10-01T08:00:00Z' }),
      ],
      grants: [
        makeGrant({ application: 'Ticket shop', scopes: 'read write', organizers: ['demo'], created_at: '2026-11-02T10:20:00Z' }),
        makeGrant({ application: 'Door scanner', scopes: 'read', organizers: ['demo', 'studio'] }),
      ],
      resellers: [
        makeReseller({ name: 'Venue Partners' }, { organizers: ['studio'], members: [DEFAULT_USER.email, 'ida.krueger@example.org'] }),
      ],
    },
    mail: {
      demo: {
        settings: {
          host: 'smtp.example.org',
          port: 587,
          tls: 'starttls',
          username: 'tickets@example.org',
          password: 'demo-smtp-password',
          sender: 'tickets@example.org',
        },
        // Newest first. The waiting mail's next attempt comes after a few minutes of the fake's clock.
        mails: [
          makeMail({
            recipient: 'olga.peters@example.org',
            state: 'queued',
            attempts: 2,
            sent_at: null,
            next_attempt_at: '2026-11-23T18:05:00Z',
            last_error: 'Connection to smtp.example.org:587 timed out',
            created_at: '2026-11-23T17:58:00Z',
          }),
          makeMail({
            recipient: 'no-such-person@example.org',
            state: 'failed',
            sent_at: null,
            last_error: '550 5.1.1 <no-such-person@example.org>: Recipient address rejected: User unknown',
            created_at: '2026-11-23T17:40:00Z',
          }),
          makeMail({ kind: 'test', recipient: DEFAULT_USER.email, subject: 'Test message from Demo Venue' }),
          makeMail({ recipient: 'anna.albrecht0@example.org', created_at: '2026-11-22T12:00:00Z', sent_at: '2026-11-22T12:00:02Z' }),
        ],
      },
    },
  });
  seedCardsAndCredit(backend);
  seedEvents(backend);
  seedToday(backend);
  return backend;
}
