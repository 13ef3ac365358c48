import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER, makeOrganizer } from '../../testing/fake-backend';
import { renderApp } from '../../testing/render';

function sectionLabels(): string[] {
  const nav = screen.getByRole('navigation', { name: 'Sections' });
  return within(nav)
    .getAllByRole('button')
    .map((b) => b.textContent ?? '');
}

describe('sections', () => {
  it('offers every section where the user holds every organizer permission', async () => {
    renderApp({ loggedInAs: DEFAULT_USER.email });
    await screen.findByTestId('nav-customers');
    expect(sectionLabels()).toEqual(['Customers', 'Events', 'Membership types', 'Devices', 'Teams', 'Outbox', 'Settings']);
  });

  it('offers only what the organizer permissions allow', async () => {
    const organizers = [
      makeOrganizer({ permissions: ['organizer.customers:read', 'organizer.customers:write'] }),
      makeOrganizer({
        slug: 'club',
        name: 'Jazz Club',
        permissions: ['organizer.customers:read', 'organizer.devices:read', 'organizer.settings.general:write'],
      }),
    ];
    const { user } = renderApp({ loggedInAs: DEFAULT_USER.email, organizers });
    await screen.findByTestId('nav-customers');
    expect(sectionLabels()).toEqual(['Customers', 'Events']);

    await user.selectOptions(screen.getByLabelText('Organizer'), 'club');
    expect(sectionLabels()).toEqual(['Customers', 'Events', 'Membership types', 'Devices', 'Outbox', 'Settings']);
  });

  it('offers the outbox to who may read outgoing mails, without the settings', async () => {
    const organizers = [
      makeOrganizer({ permissions: ['organizer.customers:read', 'organizer.outgoingmails:read'] }),
    ];
    renderApp({ loggedInAs: DEFAULT_USER.email, organizers });
    await screen.findByTestId('nav-customers');
    expect(sectionLabels()).toEqual(['Customers', 'Events', 'Outbox']);
  });

  it('falls back to the customers when the next organizer does not offer the open section', async () => {
    const organizers = [
      makeOrganizer(),
      makeOrganizer({ slug: 'club', name: 'Jazz Club', permissions: ['organizer.customers:read'] }),
    ];
    const { user } = renderApp({ loggedInAs: DEFAULT_USER.email, organizers });
    await user.click(await screen.findByRole('button', { name: 'Teams' }));
    await screen.findByTestId('teams');

    await user.selectOptions(screen.getByLabelText('Organizer'), 'club');
    await screen.findByRole('combobox', { name: 'Search customers' });
    expect(screen.queryByTestId('teams')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Customers' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(document.title).toMatch(/^Customers · Jazz Club/));
  });
});
