import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, type FakeBackendOptions, makeListener } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';

async function openNetwork(options: FakeBackendOptions = {}) {
  const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email, ...options });
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole('button', { name: 'Devices' }));
  const panel = await screen.findByTestId('listener-panel');
  await waitFor(() => expect(backend.callsTo('listenerStatus')).toHaveLength(1));
  return { ...rendered, backend, panel };
}

describe('network (the listener)', () => {
  it('shows where Tessera listens and moves it for an administrator, without a restart', async () => {
    const { backend, user, panel } = await openNetwork();
    expect(await within(panel).findByTestId('listener-address')).toHaveTextContent('0.0.0.0:8400');
    expect(within(panel).getByTestId('listener-terminal-url')).toHaveTextContent('http://192.168.1.20:8400');
    expect(within(panel).queryByTestId('listener-lan-off')).not.toBeInTheDocument();
    const port = within(panel).getByLabelText('Port');
    expect(port).toHaveValue(8400);
    expect(within(panel).getByLabelText('Allow POS terminals on the local network')).toBeChecked();

    await user.clear(port);
    await user.type(port, '8500');
    await user.click(within(panel).getByLabelText('Allow POS terminals on the local network'));
    await user.click(within(panel).getByRole('button', { name: 'Apply' }));

    expect(await within(panel).findByTestId('listener-notice')).toHaveTextContent('no restart needed');
    expect(backend.callsTo('listenerApply')).toEqual([[{ port: 8500, lan_access: false }]]);
    expect(within(panel).getByTestId('listener-address')).toHaveTextContent('127.0.0.1:8500');
    expect(within(panel).getByTestId('listener-terminal-url')).toHaveTextContent('http://127.0.0.1:8500');
    expect(within(panel).getByTestId('listener-lan-off')).toHaveTextContent(
      'LAN access is off, so terminals on other computers cannot connect.',
    );
    expect(within(panel).getByLabelText('Port')).toHaveValue(8500);
  });

  it('shows a refused port at the port field, and checks the range before asking', async () => {
    const { backend, user, panel } = await openNetwork();
    const port = await within(panel).findByLabelText('Port');
    await user.clear(port);
    await user.type(port, '80{Enter}');
    expect(port).toHaveAttribute('aria-invalid', 'true');
    expect(port).toHaveAccessibleDescription('Choose a port from 1024 to 65535.');
    expect(backend.callsTo('listenerApply')).toHaveLength(0);

    backend.failNext(
      'listenerApply',
      new AppError('validation', 'Please correct the marked fields.', {
        port: ['Port 8600 is already in use by another program.'],
      }),
    );
    await user.clear(port);
    await user.type(port, '8600{Enter}');
    await waitFor(() => expect(port).toHaveAccessibleDescription('Port 8600 is already in use by another program.'));
    expect(port).toHaveFocus();
    expect(within(panel).queryByTestId('listener-notice')).not.toBeInTheDocument();
    expect(within(panel).getByTestId('listener-address')).toHaveTextContent('0.0.0.0:8400');
  });

  it('is read-only for staff who are not administrators', async () => {
    const { panel } = await openNetwork({
      users: [{ ...DEFAULT_USER, is_admin: false }],
      listener: makeListener({ port: 8421, lan_access: false }),
    });
    expect(await within(panel).findByTestId('listener-address')).toHaveTextContent('127.0.0.1:8421');
    expect(within(panel).queryByTestId('listener-form')).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Apply' })).not.toBeInTheDocument();
    expect(within(panel).getByTestId('listener-read-only')).toHaveTextContent('Only an administrator');
    expect(within(panel).getByTestId('listener-lan-off')).toHaveTextContent('Ask an administrator');
  });

  it('warns once when LAN access is off, in the Network panel rather than beside the pairing code', async () => {
    const { user, panel } = await openNetwork({ listener: makeListener({ port: 8421, lan_access: false }) });
    await within(panel).findByTestId('listener-lan-off');
    await user.click(screen.getByTestId('add-device'));
    await user.type(screen.getByLabelText('Name'), 'Door{Enter}');
    const pairing = await screen.findByTestId('pairing-panel');
    expect(within(pairing).getByTestId('pairing-url')).toHaveTextContent('http://127.0.0.1:8421');
    expect(screen.queryByTestId('pairing-loopback')).not.toBeInTheDocument();
    expect(screen.getAllByText(/LAN access is off/)).toHaveLength(1);
  });

  it('shows the running error when the listener could not start', async () => {
    const listener = { ...makeListener(), address: null, terminal_url: null, error: 'Port 8400 is already in use by another program.' };
    const { panel } = await openNetwork({ listener });
    expect(await within(panel).findByTestId('listener-error')).toHaveTextContent('Port 8400 is already in use');
    expect(within(panel).getByTestId('listener-address')).toHaveTextContent('Not running');
  });

  it('in a browser, says the listener is changed in the desk computer’s window', async () => {
    const { user, panel } = await openNetwork({ listener: null, deviceUrl: 'http://127.0.0.1:8421' });
    expect(await within(panel).findByTestId('listener-browser-note')).toHaveTextContent(
      "The listener's port and LAN access are changed in the Tessera window on the desk computer.",
    );
    expect(within(panel).queryByTestId('listener-form')).not.toBeInTheDocument();
    // Here the pairing panel is the one place that can tell the address only works on the desk computer.
    await user.click(screen.getByTestId('add-device'));
    await user.type(screen.getByLabelText('Name'), 'Door{Enter}');
    expect(await screen.findByTestId('pairing-loopback')).toHaveTextContent('LAN access is off');
  });
});
