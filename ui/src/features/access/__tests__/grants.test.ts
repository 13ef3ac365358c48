import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { makeGrant } from '../../../testing/fake-access';
import { makeOrganizer } from '../../../testing/fake-backend';
import { openAccess, rowNamed } from './helpers';

const ORGANIZERS = [makeOrganizer(), makeOrganizer({ slug: 'club', name: 'Jazz Club' })];

function grantRows(root: HTMLElement): HTMLElement[] {
  return within(root).queryAllByTestId('grant-row');
}

describe('access you gave', () => {
  it('lists what each application may do, where and since when', async () => {
    const shop = makeGrant({ application: 'Ticket shop', scopes: 'read write', organizers: ['demo', 'club'] });
    const profile = makeGrant({ application: 'Newsletter', scopes: 'profile', organizers: [] });
    const revoked = makeGrant({ application: 'Gone', revoked: true });
    const someoneElses = makeGrant({ application: 'Not mine', user_id: 2 });
    const { root } = await openAccess('grants', {
      organizers: ORGANIZERS,
      access: { grants: [shop, profile, revoked, someoneElses] },
    });

    await waitFor(() => expect(grantRows(root)).toHaveLength(2));
    const row = rowNamed(grantRows(root), 'grant-application', 'Ticket shop');
    expect(within(row).getByTestId('grant-scopes')).toHaveTextContent('Read dataChange data');
    expect(within(row).getByTestId('grant-organizers')).toHaveTextContent('Demo Venue, Jazz Club');
    expect(within(row).getByTestId('grant-date').textContent).toMatch(/2026/);
    const newsletter = rowNamed(grantRows(root), 'grant-application', 'Newsletter');
    expect(within(newsletter).getByTestId('grant-scopes')).toHaveTextContent('Name and email');
    expect(within(newsletter).getByTestId('grant-organizers')).toHaveTextContent('None (profile only)');
    expect(screen.queryByText('Gone')).not.toBeInTheDocument();
    expect(screen.queryByText('Not mine')).not.toBeInTheDocument();
  });

  it('revokes access only after confirmation, and the list no longer shows it', async () => {
    const shop = makeGrant({ application: 'Ticket shop' });
    const other = makeGrant({ application: 'Door app' });
    const { backend, root, user } = await openAccess('grants', { access: { grants: [shop, other] } });
    await waitFor(() => expect(grantRows(root)).toHaveLength(2));

    await user.click(within(rowNamed(grantRows(root), 'grant-application', 'Ticket shop')).getByTestId('grant-revoke'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByTestId('revoke-grant-application')).toHaveTextContent('Ticket shop');
    expect(dialog).toHaveTextContent('its tokens stop working at once');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(backend.callsTo('oauthRevokeGrant')).toHaveLength(0);

    await user.click(within(rowNamed(grantRows(root), 'grant-application', 'Ticket shop')).getByTestId('grant-revoke'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(grantRows(root)).toHaveLength(1));
    expect(within(grantRows(root)[0]).getByTestId('grant-application')).toHaveTextContent('Door app');
    expect(screen.getByTestId('grants-notice')).toHaveTextContent('Access for “Ticket shop” revoked.');
    expect(backend.callsTo('oauthRevokeGrant')).toEqual([[shop.id]]);
    expect(backend.access.grants.find((g) => g.id === shop.id)?.revoked).toBe(true);
  });

  it('says what went wrong when revoking fails, in the dialog', async () => {
    const shop = makeGrant({ application: 'Ticket shop' });
    const { backend, root, user } = await openAccess('grants', { access: { grants: [shop] } });
    await waitFor(() => expect(grantRows(root)).toHaveLength(1));
    backend.failNext('oauthRevokeGrant', new AppError('not_found', 'Grant not found.'));
    await user.click(within(grantRows(root)[0]).getByTestId('grant-revoke'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke' }));
    const error = await screen.findByTestId('revoke-grant-error');
    expect(error).toHaveTextContent('The access was not revoked.');
    expect(error).toHaveTextContent('Grant not found.');
    expect(grantRows(root)).toHaveLength(1);
  });

  it('says when no access was given, and when the list cannot be loaded', async () => {
    const { backend, user } = await openAccess('grants');
    expect(await screen.findByTestId('no-grants')).toHaveTextContent('You have given no application access.');

    backend.failNext('oauthGrants', new AppError('network', 'Failed to fetch'));
    await user.click(screen.getByTestId('grants-refresh'));
    expect(await screen.findByTestId('grants-load-error')).toHaveTextContent('Tessera cannot be reached.');
    backend.access.grants.push(makeGrant({ application: 'Ticket shop' }));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(grantRows(screen.getByTestId('grants'))).toHaveLength(1));
    expect(screen.queryByTestId('grants-load-error')).not.toBeInTheDocument();
  });

  it('switches between the parts with A, G and R', async () => {
    const { user } = await openAccess('applications');
    await screen.findByTestId('applications');
    // Out of the form's fields first.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('g');
    expect(await screen.findByTestId('grants')).toBeInTheDocument();
    expect(screen.getByTestId('access-tab-grants')).toHaveAttribute('aria-current', 'page');
    await user.keyboard('r');
    expect(await screen.findByTestId('resellers')).toBeInTheDocument();
    await user.keyboard('a');
    expect(await screen.findByTestId('applications')).toBeInTheDocument();
  });
});
