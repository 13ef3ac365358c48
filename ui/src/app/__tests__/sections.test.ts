import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER, FakeBackend, makeOrganizer } from '../../testing/fake-backend';
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
    expect(sectionLabels()).toEqual([
      'Overview',
      'Customers',
      'Events',
      'Membership types',
      'Devices',
      'Teams',
      'Outbox',
      'Exports',
      'Imports',
      'Settings',
      'Access',
      'Backups',
    ]);
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
    expect(sectionLabels()).toEqual(['Overview', 'Customers', 'Events', 'Exports', 'Imports', 'Access', 'Backups']);

    await user.selectOptions(screen.getByLabelText('Organizer'), 'club');
    expect(sectionLabels()).toEqual([
      'Overview',
      'Customers',
      'Events',
      'Membership types',
      'Devices',
      'Outbox',
      'Exports',
      'Settings',
      'Access',
      'Backups',
    ]);
  });

  it('offers the outbox to who may read outgoing mails, without the settings', async () => {
    const organizers = [
      makeOrganizer({ permissions: ['organizer.customers:read', 'organizer.outgoingmails:read'] }),
    ];
    renderApp({ loggedInAs: DEFAULT_USER.email, organizers });
    await screen.findByTestId('nav-customers');
    expect(sectionLabels()).toEqual(['Overview', 'Customers', 'Events', 'Outbox', 'Exports', 'Access', 'Backups']);
  });

  it('falls back to the overview when the next organizer does not offer the open section', async () => {
    const organizers = [
      makeOrganizer(),
      makeOrganizer({ slug: 'club', name: 'Jazz Club', permissions: ['organizer.customers:read'] }),
    ];
    const { user } = renderApp({ loggedInAs: DEFAULT_USER.email, organizers });
    await user.click(await screen.findByRole('button', { name: 'Teams' }));
    await screen.findByTestId('teams');

    await user.selectOptions(screen.getByLabelText('Organizer'), 'club');
    await screen.findByTestId('dashboard');
    expect(screen.queryByTestId('teams')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(document.title).toMatch(/^Overview · Jazz Club/));
  });

  it('offers a user without any organizer their own access, and nothing of an organizer', async () => {
    const { user } = renderApp({ loggedInAs: DEFAULT_USER.email, organizers: [] });
    expect(await screen.findByTestId('no-organizer')).toBeInTheDocument();
    expect(sectionLabels()).toEqual(['Access', 'Backups']);
    await user.click(screen.getByRole('button', { name: 'Access' }));
    expect(await screen.findByTestId('applications')).toBeInTheDocument();
    expect(screen.queryByTestId('no-organizer')).not.toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Access · Tessera'));
  });

  it('keeps the access section open while switching organizers', async () => {
    const organizers = [makeOrganizer(), makeOrganizer({ slug: 'club', name: 'Jazz Club' })];
    const { user } = renderApp({ loggedInAs: DEFAULT_USER.email, organizers });
    await user.click(await screen.findByRole('button', { name: 'Access' }));
    await user.click(await screen.findByTestId('access-tab-grants'));
    await screen.findByTestId('grants');
    await user.selectOptions(screen.getByLabelText('Organizer'), 'club');
    expect(screen.getByTestId('grants')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Access' })).toHaveAttribute('aria-current', 'page');
  });

  it('offers an organizer created since the login in the switcher after logging in again', async () => {
    const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email });
    const { user } = renderApp(backend);
    expect(await screen.findByTestId('organizer-name')).toHaveTextContent('Demo Venue');
    expect(screen.queryByTestId('organizer-switcher')).not.toBeInTheDocument();

    // Created elsewhere (the reseller API) while this desk is open.
    backend.organizers.push(makeOrganizer({ slug: 'new-hall', name: 'New Hall' }));
    await user.click(screen.getByTestId('logout'));
    await user.type(await screen.findByLabelText('Email'), DEFAULT_USER.email);
    await user.type(screen.getByLabelText('Password'), `${DEFAULT_USER.password}{Enter}`);
    const switcher = await screen.findByTestId('organizer-switcher');
    expect(within(switcher).getAllByRole('option').map((o) => o.textContent)).toEqual(['Demo Venue', 'New Hall']);
    await user.selectOptions(switcher, 'new-hall');
    await waitFor(() => expect(document.title).toMatch(/^Customers · New Hall/));
  });
});
