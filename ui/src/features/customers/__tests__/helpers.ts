import { screen, waitFor, within } from '@testing-library/svelte';
import { expect } from 'vitest';
import type { Customer, OrganizerSummary } from '../../../lib/backend/backend';
import { DEFAULT_ORGANIZER, DEFAULT_USER, FakeBackend, makeCustomer } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';

export function person(given: string, family: string, extra: Partial<Customer> = {}): Customer {
  return makeCustomer({
    name_parts: { _scheme: 'given_family', given_name: given, family_name: family },
    email: `${given}.${family}@example.org`.toLowerCase(),
    ...extra,
  });
}

/** `count` customers named Customer 001 … newest first. */
export function many(count: number): Customer[] {
  return Array.from({ length: count }, (_, i) =>
    person('Customer', String(i + 1).padStart(3, '0'), { email: `c${i + 1}@example.org` }),
  );
}

export async function renderDesk(customers: Customer[], organizers: OrganizerSummary[] = [DEFAULT_ORGANIZER]) {
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    organizers,
    customers: Object.fromEntries(organizers.map((o, i) => [o.slug, i === 0 ? customers : []])),
  });
  const rendered = renderApp(backend);
  const search = await screen.findByRole('combobox', { name: 'Search customers' });
  const count = customers.length === 0 ? '0 customers' : `of ${customers.length}`;
  await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent(count));
  return { ...rendered, search };
}

export function rows(): HTMLElement[] {
  return screen.queryAllByTestId('customer-row');
}

export function rowNames(): string[] {
  return rows().map((row) => within(row).getByText(/./, { selector: '.name' }).textContent ?? '');
}

export function selectedRow(): HTMLElement | undefined {
  return rows().find((row) => row.getAttribute('aria-selected') === 'true');
}
