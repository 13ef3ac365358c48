import { screen, waitFor, within } from '@testing-library/svelte';
import { expect } from 'vitest';
import type { Customer, Membership, MembershipType, MembershipUse } from '../../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, makeCustomer, makeMembershipType } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';

export const ada: () => Customer = () =>
  makeCustomer({
    name_parts: { _scheme: 'given_family', given_name: 'Ada', family_name: 'Lovelace' },
    email: 'ada@example.org',
  });

export function tenVisits(overrides: Partial<MembershipType> = {}): MembershipType {
  return makeMembershipType({ name: { en: 'Ten visits', de: 'Zehnerkarte' }, max_usages: 10, ...overrides });
}

interface Seed {
  customers: Customer[];
  types?: MembershipType[];
  memberships?: Membership[];
  uses?: MembershipUse[];
}

export function fakeBackend(seed: Seed): FakeBackend {
  return new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    customers: { demo: seed.customers },
    membershipTypes: { demo: seed.types ?? [] },
    memberships: { demo: seed.memberships ?? [] },
    uses: seed.uses ?? [],
  });
}

/** Renders the desk and opens the first customer; resolves once their memberships are shown. */
export async function openFirstCustomer(seed: Seed) {
  const rendered = renderApp(fakeBackend(seed));
  await waitFor(() => expect(screen.getAllByTestId('customer-row').length).toBeGreaterThan(0));
  await rendered.user.click(screen.getAllByTestId('customer-row')[0]);
  const section = await screen.findByTestId('memberships');
  await waitFor(() => expect(within(section).getByTestId('sell-membership')).toBeEnabled());
  return { ...rendered, section };
}

export function membershipRows(): HTMLElement[] {
  return screen.queryAllByTestId('membership-row');
}
