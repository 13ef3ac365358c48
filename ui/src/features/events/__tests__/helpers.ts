// Shared set-up for the events tests: an organizer with a sold-out gala (a seat quota of 2, both
// sold, two people waiting), and a way to open an event's screen.
import { screen, waitFor, within } from '@testing-library/svelte';
import { expect } from 'vitest';
import type { Quota } from '../../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, makeOrganizer } from '../../../testing/fake-backend';
import type { FakeEventSeed } from '../../../testing/fake-events';
import { renderApp } from '../../../testing/render';

export interface Gala {
  backend: FakeBackend;
  seat: number;
  standing: number;
  quota: Quota;
  /** The quota's input as saved, to change one part of it. */
  seats: { name: string; size: number | null; sold: number; closed: boolean; items: number[]; variations: number[]; subevent: number | null };
  ada: number;
  grace: number;
}

/**
 * "gala": products Seat (in a quota of 2, both sold) and Standing (no quota); Ada, then Grace wait
 * for a seat. Automatic assignment is off unless `settings` says otherwise.
 */
export function galaBackend(
  options: { permissions?: string[]; organizerPermissions?: string[]; settings?: FakeEventSeed['settings'] } = {},
): Gala {
  const organizer = options.organizerPermissions
    ? makeOrganizer({ permissions: options.organizerPermissions })
    : makeOrganizer();
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    organizers: [organizer],
    events: {
      demo: [
        {
          slug: 'gala',
          name: 'Winter Gala',
          date_from: '2026-12-12T18:30:00Z',
          location: 'Main hall',
          permissions: options.permissions,
          settings: { enabled: true, auto: false, hours: 48, locales: ['en', 'de'], ...options.settings },
        },
      ],
    },
  });
  const events = backend.events('demo');
  const seat = events.addItem('gala', { name: 'Seat', price: '39.00', admission: true, variations: [] }).id;
  const standing = events.addItem('gala', { name: 'Standing', price: '19.50', admission: true, variations: [] }).id;
  const seats = { name: 'Seats', size: 2, sold: 2, closed: false, items: [seat], variations: [], subevent: null };
  const quota = events.saveQuota('gala', null, seats);
  const entry = (email: string, name: string) =>
    events.addEntry('gala', { email, name, phone: null, item: seat, variation: null, subevent: null, locale: 'en', priority: 0 }).id;
  const ada = entry('ada@example.org', 'Ada Lovelace');
  const grace = entry('grace@example.org', 'Grace Hopper');
  return { backend, seat, standing, quota, seats, ada, grace };
}

/** Renders the desk, opens Events and the event; resolves once its screen shows. */
export async function openEvent(backend: FakeBackend, slug = 'gala') {
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole('button', { name: 'Events' }));
  const row = await waitFor(() => {
    const found = screen.getAllByTestId('event-row').find((r) => r.dataset.slug === slug);
    expect(found).toBeDefined();
    return found as HTMLElement;
  });
  await rendered.user.click(within(row).getByTestId('open-event'));
  await screen.findByTestId('event-title');
  return rendered;
}

/** Opens the event's waiting list; resolves once it was loaded. */
export async function openWaitingList(backend: FakeBackend, slug = 'gala') {
  const rendered = await openEvent(backend, slug);
  await rendered.user.click(screen.getByTestId('tab-waiting'));
  await waitFor(() => expect(screen.getByTestId('waiting-updated')).toHaveTextContent(/^Updated/));
  return rendered;
}

export function waitingRows(): HTMLElement[] {
  return screen.queryAllByTestId('waiting-row');
}

export function waitingEmails(): string[] {
  return waitingRows().map((r) => r.dataset.email ?? '');
}

export function waitingRowOf(email: string): HTMLElement {
  const row = waitingRows().find((r) => r.dataset.email === email);
  if (!row) throw new Error(`nobody waiting with ${email}`);
  return row;
}

export function voucherRowOf(email: string): HTMLElement {
  const row = screen.queryAllByTestId('voucher-row').find((r) => r.dataset.email === email);
  if (!row) throw new Error(`no voucher row for ${email}`);
  return row;
}

export function quotaRow(name: string): HTMLElement {
  const row = screen.queryAllByTestId('quota-row').find((r) => within(r).queryByTestId('quota-name')?.textContent === name);
  if (!row) throw new Error(`no quota row ${name}`);
  return row;
}
