import { screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { DEFAULT_USER } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';

describe('login', () => {
  it('says what is wrong when the password is wrong, then logs in', async () => {
    const { backend, user } = renderApp();

    const email = await screen.findByLabelText('Email');
    expect(email).toHaveFocus();
    await user.type(email, DEFAULT_USER.email);
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.keyboard('{Enter}');

    const alert = await screen.findByTestId('login-error');
    expect(alert).toHaveTextContent('Wrong email or password.');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(screen.queryByRole('combobox', { name: 'Search customers' })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Password'), DEFAULT_USER.password);
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('combobox', { name: 'Search customers' })).toBeInTheDocument();
    expect(backend.callsTo('sessionLogin')).toEqual([
      [{ email: DEFAULT_USER.email, password: 'wrong' }],
      [{ email: DEFAULT_USER.email, password: DEFAULT_USER.password }],
    ]);
  });

  it('opens the desk directly when a session exists', async () => {
    renderApp({ loggedInAs: DEFAULT_USER.email });
    expect(await screen.findByRole('combobox', { name: 'Search customers' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
  });

  it('logs out from the header', async () => {
    const { backend, user } = renderApp({ loggedInAs: DEFAULT_USER.email });
    await user.click(await screen.findByTestId('logout'));
    expect(await screen.findByLabelText('Password')).toBeInTheDocument();
    expect(screen.getByTestId('login-notice')).toHaveTextContent('logged out');
    expect(backend.callsTo('sessionLogout')).toHaveLength(1);
    expect(backend.loggedInAs).toBeNull();
  });

  it('returns to the login screen when the session has ended', async () => {
    const { backend, user } = renderApp({ loggedInAs: DEFAULT_USER.email });
    const search = await screen.findByRole('combobox', { name: 'Search customers' });
    await screen.findByTestId('result-count');
    backend.failNext('customersSearch', new AppError('unauthenticated', 'Log in first.'));
    await user.type(search, 'x');

    expect(await screen.findByTestId('login-notice')).toHaveTextContent('session has ended');
  });

  it('tells what to do when the server cannot be reached', async () => {
    const { backend, user } = renderApp();
    backend.failNext('sessionLogin', new AppError('network', 'Failed to fetch'));
    await user.type(await screen.findByLabelText('Email'), DEFAULT_USER.email);
    await user.type(screen.getByLabelText('Password'), DEFAULT_USER.password);
    await user.keyboard('{Enter}');

    expect(await screen.findByTestId('login-error')).toHaveTextContent(/Tessera server is running/);
  });
});
