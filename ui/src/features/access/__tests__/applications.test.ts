import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { makeApplication } from '../../../testing/fake-access';
import { DEFAULT_USER, FakeBackend } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';
import { openAccess, rowNamed } from './helpers';

function appRows(root: HTMLElement): HTMLElement[] {
  return within(root).queryAllByTestId('app-row');
}

describe('applications', () => {
  it('lists the user’s own applications with client ID, redirect URIs and state, and the endpoints at the listener', async () => {
    const shop = makeApplication({ name: 'Ticket shop', redirect_uris: ['https://shop.example/cb', 'http://127.0.0.1:9000/cb'] });
    const old = makeApplication({ name: 'Old kiosk', confidential: false, active: false });
    const someoneElses = makeApplication({ name: 'Not mine', user_id: 2 });
    const { root } = await openAccess('applications', { access: { applications: [shop, old, someoneElses] } });

    await waitFor(() => expect(appRows(root)).toHaveLength(2));
    expect(screen.getByRole('button', { name: 'Access' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(document.title).toBe('Access · Tessera'));
    const row = rowNamed(appRows(root), 'app-row-name', 'Ticket shop');
    expect(within(row).getByTestId('app-client-id')).toHaveTextContent(shop.client_id);
    expect(within(row).getAllByTestId('app-redirect-uri').map((li) => li.textContent)).toEqual([
      'https://shop.example/cb',
      'http://127.0.0.1:9000/cb',
    ]);
    expect(within(row).getByTestId('app-kind')).toHaveTextContent('Confidential');
    expect(within(row).getByTestId('app-state')).toHaveTextContent('Active');
    expect(within(row).getByTestId('app-retire')).toBeInTheDocument();

    const retired = rowNamed(appRows(root), 'app-row-name', 'Old kiosk');
    expect(within(retired).getByTestId('app-kind')).toHaveTextContent('Public (PKCE)');
    expect(within(retired).getByTestId('app-state')).toHaveTextContent('Retired');
    expect(within(retired).queryByTestId('app-retire')).not.toBeInTheDocument();
    expect(screen.queryByText('Not mine')).not.toBeInTheDocument();

    // The window's listener, as terminals reach it.
    expect(await screen.findByTestId('oauth-authorize-url')).toHaveTextContent('http://192.168.1.20:8400/api/v1/oauth/authorize');
    expect(screen.getByTestId('oauth-token-url')).toHaveTextContent('http://192.168.1.20:8400/api/v1/oauth/token');
  });

  it('in a browser, shows the endpoints at the page’s own address', async () => {
    await openAccess('applications', { listener: null });
    expect(await screen.findByTestId('oauth-authorize-url')).toHaveTextContent(
      `${window.location.origin}/api/v1/oauth/authorize`,
    );
    expect(screen.getByTestId('no-apps')).toBeInTheDocument();
  });

  it('says so when the window’s listener is not running', async () => {
    await openAccess('applications', {
      listener: { settings: { port: 8400, lan_access: false }, address: null, terminal_url: null, error: 'Port taken' },
    });
    expect(await screen.findByTestId('oauth-not-listening')).toHaveTextContent('Tessera is not listening');
    expect(screen.queryByTestId('oauth-authorize-url')).not.toBeInTheDocument();
  });

  it('registers a confidential application and shows its secret once, until dismissed', async () => {
    const { backend, root, user } = await openAccess('applications');
    await screen.findByTestId('no-apps');
    // N goes to the form.
    await user.keyboard('n');
    expect(screen.getByTestId('app-name')).toHaveFocus();
    await user.keyboard('Ticket shop');
    await user.type(screen.getByLabelText('Redirect URIs'), 'https://shop.example/cb  {Enter}http://192.168.1.5/cb');
    expect(screen.getByTestId('app-confidential')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Register application' }));

    const panel = await screen.findByTestId('app-secret-panel');
    const stored = backend.access.applications.find((a) => a.name === 'Ticket shop');
    if (!stored?.secret) throw new Error('the fake kept no secret');
    expect(backend.callsTo('oauthRegister')).toEqual([
      [{ name: 'Ticket shop', redirect_uris: 'https://shop.example/cb\nhttp://192.168.1.5/cb', confidential: true }],
    ]);
    expect(panel).toHaveFocus();
    expect(within(panel).getByTestId('app-secret')).toHaveTextContent(stored.secret);
    expect(within(panel).getByTestId('app-new-client-id')).toHaveTextContent(stored.client_id);
    expect(within(panel).getByTestId('app-secret-warning')).toHaveTextContent('it will not be shown again');
    await user.click(within(panel).getByTestId('app-secret-copy'));
    expect(await navigator.clipboard.readText()).toBe(stored.secret);

    await waitFor(() => expect(appRows(root)).toHaveLength(1));
    expect(within(appRows(root)[0]).getByTestId('app-client-id')).toHaveTextContent(stored.client_id);
    expect(within(appRows(root)[0]).getAllByTestId('app-redirect-uri')).toHaveLength(2);
    // The form is away while the secret shows.
    expect(screen.queryByTestId('app-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('new-app')).toBeDisabled();

    await user.click(within(panel).getByTestId('app-secret-dismiss'));
    expect(screen.queryByTestId('app-secret-panel')).not.toBeInTheDocument();
    expect(screen.queryByText(stored.secret)).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(stored.secret);
    expect(screen.getByTestId('app-name')).toHaveFocus();
    expect(screen.getByTestId('app-name')).toHaveValue('');
    // Reopening the list shows no secret either.
    await user.click(screen.getByTestId('access-tab-grants'));
    await user.click(screen.getByTestId('access-tab-applications'));
    await waitFor(() => expect(appRows(screen.getByTestId('applications'))).toHaveLength(1));
    expect(document.body.textContent).not.toContain(stored.secret);
  });

  it('registers a public client, which gets no secret', async () => {
    const { backend, user } = await openAccess('applications');
    await user.type(await screen.findByTestId('app-name'), 'Phone app');
    await user.type(screen.getByLabelText('Redirect URIs'), 'http://localhost:7000/cb');
    await user.click(screen.getByTestId('app-public'));
    await user.click(screen.getByRole('button', { name: 'Register application' }));

    const panel = await screen.findByTestId('app-secret-panel');
    expect(within(panel).getByTestId('app-no-secret')).toHaveTextContent('PKCE');
    expect(within(panel).queryByTestId('app-secret')).not.toBeInTheDocument();
    expect(backend.callsTo('oauthRegister')[0][0]).toMatchObject({ confidential: false });
    await user.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('app-secret-panel')).not.toBeInTheDocument();
  });

  it('shows what is missing, the backend’s messages under the fields, and other failures above them', async () => {
    const { backend, user } = await openAccess('applications');
    const form = await screen.findByTestId('app-form');
    await user.click(within(form).getByRole('button', { name: 'Register application' }));
    expect(within(form).getAllByTestId('field-error').map((e) => e.textContent)).toEqual([
      expect.stringContaining('Enter a name'),
      expect.stringContaining('Enter at least one redirect URI.'),
    ]);
    expect(backend.callsTo('oauthRegister')).toHaveLength(0);
    expect(screen.getByTestId('app-name')).toHaveFocus();

    await user.type(screen.getByTestId('app-name'), 'Shop');
    await user.type(screen.getByLabelText('Redirect URIs'), 'http://shop.example/cb');
    await user.click(within(form).getByRole('button', { name: 'Register application' }));
    await waitFor(() =>
      expect(within(form).getByTestId('field-error')).toHaveTextContent(
        '"http://shop.example/cb" must use https (http only to this machine or a private network).',
      ),
    );
    expect(screen.getByLabelText('Redirect URIs')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Redirect URIs')).toHaveFocus();

    backend.failNext('oauthRegister', new AppError('internal', 'Database is locked.'));
    await user.clear(screen.getByLabelText('Redirect URIs'));
    await user.type(screen.getByLabelText('Redirect URIs'), 'https://shop.example/cb');
    await user.click(within(form).getByRole('button', { name: 'Register application' }));
    const alert = await within(form).findByTestId('app-form-error');
    expect(alert).toHaveTextContent('The application was not registered.');
    expect(alert).toHaveTextContent('Something went wrong inside Tessera.');
    expect(screen.queryByTestId('app-secret-panel')).not.toBeInTheDocument();
  });

  it('retires an application only after confirmation', async () => {
    const shop = makeApplication({ name: 'Ticket shop' });
    const { backend, root, user } = await openAccess('applications', { access: { applications: [shop] } });
    await waitFor(() => expect(appRows(root)).toHaveLength(1));

    await user.click(within(appRows(root)[0]).getByTestId('app-retire'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByTestId('retire-app-name')).toHaveTextContent('Ticket shop');
    expect(dialog).toHaveTextContent('cannot be undone');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsTo('oauthDeactivate')).toHaveLength(0);

    await user.click(within(appRows(root)[0]).getByTestId('app-retire'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Retire' }));
    await waitFor(() => expect(within(appRows(root)[0]).getByTestId('app-state')).toHaveTextContent('Retired'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('apps-notice')).toHaveTextContent('Application “Ticket shop” retired.');
    expect(within(appRows(root)[0]).queryByTestId('app-retire')).not.toBeInTheDocument();
    expect(backend.callsTo('oauthDeactivate')).toEqual([[shop.id]]);
  });

  it('keeps the dialog open with the reason when retiring fails', async () => {
    const shop = makeApplication({ name: 'Ticket shop' });
    const { backend, root, user } = await openAccess('applications', { access: { applications: [shop] } });
    await waitFor(() => expect(appRows(root)).toHaveLength(1));
    backend.failNext('oauthDeactivate', new AppError('not_found', 'Application not found.'));
    await user.click(within(appRows(root)[0]).getByTestId('app-retire'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Retire' }));
    const error = await screen.findByTestId('retire-app-error');
    expect(error).toHaveTextContent('The application was not retired.');
    expect(error).toHaveTextContent('Application not found.');
    expect(within(appRows(root)[0]).getByTestId('app-state')).toHaveTextContent('Active');
  });

  it('shows why the list could not be loaded, and loads it again', async () => {
    const applications = [makeApplication({ name: 'Ticket shop' })];
    const { backend, root, user } = await openAccess('applications', { access: { applications } });
    await waitFor(() => expect(appRows(root)).toHaveLength(1));
    backend.failNext('oauthApplications', new AppError('network', 'Failed to fetch'));
    await user.click(screen.getByTestId('access-tab-grants'));
    await user.click(screen.getByTestId('access-tab-applications'));
    const error = await screen.findByTestId('apps-load-error');
    expect(error).toHaveTextContent('Could not load your applications.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(appRows(screen.getByTestId('applications'))).toHaveLength(1));
    expect(screen.queryByTestId('apps-load-error')).not.toBeInTheDocument();
  });

  it('goes back to the login when the session has ended', async () => {
    const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email });
    backend.failNext('oauthApplications', new AppError('unauthenticated', 'Session expired.'));
    const { user } = renderApp(backend);
    await user.click(await screen.findByRole('button', { name: 'Access' }));
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('Your session has ended.');
  });
});
