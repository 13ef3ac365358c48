import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, makeDevice } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';
import { isLoopbackUrl, svgDataUrl } from '../api';

async function openDevices(devices: DeviceSummary[] = [], deviceUrl?: string) {
  const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email, devices: { demo: devices }, deviceUrl });
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole('button', { name: 'Devices' }));
  const screenEl = await screen.findByTestId('devices');
  await waitFor(() => expect(backend.callsTo('devicesList').length).toBeGreaterThan(0));
  await waitFor(() => expect(deviceRows()).toHaveLength(devices.length));
  if (devices.length === 0) await screen.findByTestId('no-devices');
  return { ...rendered, screenEl };
}

function deviceRows(): HTMLElement[] {
  return screen.queryAllByTestId('device-row');
}

function rowNamed(name: string): HTMLElement {
  const row = deviceRows().find((r) => within(r).queryByTestId('device-name')?.textContent === name);
  if (!row) throw new Error(`no device row named ${name}`);
  return row;
}

describe('devices', () => {
  it('is reachable from the header, next to Membership types', async () => {
    await openDevices();
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    const labels = within(nav)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(labels.indexOf('Devices')).toBe(labels.indexOf('Membership types') + 1);
    expect(screen.getByRole('button', { name: 'Devices' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(document.title).toMatch(/^Devices/));
  });

  it('adds a device from the keyboard and shows the pairing code, address and QR code', async () => {
    const { backend, user } = await openDevices();
    await user.keyboard('n');
    const form = screen.getByTestId('device-form');
    expect(within(form).getByLabelText('Name')).toHaveFocus();
    await user.keyboard('Bar till{Enter}');

    const panel = await screen.findByTestId('pairing-panel');
    const [[, input]] = backend.callsTo('devicesAdd');
    expect(input).toEqual({ name: 'Bar till' });
    const code = within(panel).getByTestId('pairing-code').textContent ?? '';
    expect(code).toMatch(/^[a-z0-9]{14}$/);
    expect(within(panel).getByTestId('pairing-url')).toHaveTextContent('http://192.168.1.20:8400');
    const qr = within(panel).getByTestId('pairing-qr');
    expect(qr).toHaveAttribute('alt', 'Pairing QR code');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;utf8,%3Csvg/);
    expect(decodeURIComponent(qr.getAttribute('src') ?? '')).toContain(code);
    expect(within(panel).getByText(/local network/)).toBeInTheDocument();
    expect(screen.queryByTestId('pairing-loopback')).not.toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Copy' })).toBeInTheDocument();

    await waitFor(() => expect(deviceRows()).toHaveLength(1));
    expect(within(deviceRows()[0]).getByTestId('device-state')).toHaveTextContent('Waiting for pairing');
    expect(within(deviceRows()[0]).getByTestId('device-last-seen')).toHaveTextContent('never');

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('pairing-panel')).not.toBeInTheDocument();
    expect(screen.getByTestId('add-device')).toHaveFocus();
  });

  it('copies the pairing code', async () => {
    const { user } = await openDevices([makeDevice({ name: 'Door' })]);
    await user.click(within(rowNamed('Door')).getByTestId('show-pairing'));
    const panel = await screen.findByTestId('pairing-panel');
    const code = within(panel).getByTestId('pairing-code').textContent ?? '';
    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(code);
    expect(within(panel).getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('warns that terminals cannot connect when LAN access is off', async () => {
    const { user } = await openDevices([], 'http://127.0.0.1:8400');
    await user.click(screen.getByTestId('add-device'));
    await user.type(screen.getByLabelText('Name'), 'Door{Enter}');
    await screen.findByTestId('pairing-panel');
    expect(screen.getByTestId('pairing-loopback')).toHaveTextContent('LAN access is off');
  });

  it('asks for a name before adding; Esc closes the form', async () => {
    const { backend, user } = await openDevices();
    await user.click(screen.getByTestId('add-device'));
    await user.keyboard('{Enter}');
    const name = screen.getByLabelText('Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/Enter a name/);
    expect(backend.callsTo('devicesAdd')).toHaveLength(0);
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('device-form')).not.toBeInTheDocument();
  });

  it('shows paired devices with hardware, software and last seen', async () => {
    await openDevices([
      makeDevice({
        name: 'Bar till',
        pairing_pending: false,
        initialized: '2026-11-20T10:00:00Z',
        last_seen: '2026-11-22T18:30:00Z',
        hardware: 'Zebra TC25',
        software: 'Till 1.0',
      }),
    ]);
    const row = rowNamed('Bar till');
    expect(within(row).getByTestId('device-state')).toHaveTextContent('Paired');
    expect(within(row).getByTestId('device-hardware')).toHaveTextContent('Zebra TC25');
    expect(within(row).getByTestId('device-software')).toHaveTextContent('Till 1.0');
    expect(within(row).getByTestId('device-last-seen')).toHaveTextContent('2026');
    expect(within(row).queryByTestId('show-pairing')).not.toBeInTheDocument();
  });

  it('revokes a device only after confirmation; Esc cancels', async () => {
    const device = makeDevice({ name: 'Bar till' });
    const { backend, user } = await openDevices([device]);
    await user.click(within(rowNamed('Bar till')).getByTestId('revoke-device'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByTestId('revoke-device-name')).toHaveTextContent('Bar till');
    expect(dialog).toHaveTextContent('loses access for good');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsTo('devicesRevoke')).toHaveLength(0);

    await user.click(within(rowNamed('Bar till')).getByTestId('revoke-device'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(within(rowNamed('Bar till')).getByTestId('device-state')).toHaveTextContent('Revoked'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsTo('devicesRevoke')).toEqual([['demo', device.device_id]]);
    expect(within(rowNamed('Bar till')).queryByTestId('revoke-device')).not.toBeInTheDocument();
    expect(within(rowNamed('Bar till')).queryByTestId('show-pairing')).not.toBeInTheDocument();
  });

  it('renames inline: Enter saves, Esc cancels', async () => {
    const device = makeDevice({ name: 'Till' });
    const { backend, user } = await openDevices([device]);
    await user.click(within(rowNamed('Till')).getByTestId('rename-device'));
    const input = screen.getByLabelText('New name for Till');
    expect(input).toHaveFocus();
    await user.keyboard('Nope{Escape}');
    expect(screen.queryByTestId('rename-form')).not.toBeInTheDocument();
    expect(within(rowNamed('Till')).getByTestId('rename-device')).toHaveFocus();
    expect(backend.callsTo('devicesRename')).toHaveLength(0);

    await user.click(within(rowNamed('Till')).getByTestId('rename-device'));
    await user.clear(screen.getByLabelText('New name for Till'));
    await user.keyboard('Box office{Enter}');
    await waitFor(() => expect(rowNamed('Box office')).toBeInTheDocument());
    expect(backend.callsTo('devicesRename')).toEqual([['demo', device.device_id, { name: 'Box office' }]]);
    expect(screen.queryByTestId('rename-form')).not.toBeInTheDocument();
  });

  it('explains why a paired device has no pairing code, and shows it as paired', async () => {
    const device = makeDevice({ name: 'Bar till' });
    const { backend, user } = await openDevices([device]);
    // The terminal pairs while the desk still shows the device as waiting.
    backend.initializeDevice('demo', device.device_id, { hardware: 'Zebra TC25' });
    await user.click(within(rowNamed('Bar till')).getByTestId('show-pairing'));
    const error = await screen.findByTestId('device-error');
    expect(error).toHaveTextContent('Could not show the pairing code.');
    expect(error).toHaveTextContent('This device is already paired.');
    expect(screen.queryByTestId('pairing-panel')).not.toBeInTheDocument();
    await waitFor(() => expect(within(rowNamed('Bar till')).getByTestId('device-state')).toHaveTextContent('Paired'));
    expect(within(rowNamed('Bar till')).getByTestId('device-hardware')).toHaveTextContent('Zebra TC25');
  });
});

describe('device helpers', () => {
  it('encodes the SVG into a data URL', () => {
    expect(svgDataUrl('<svg a="#"/>')).toBe('data:image/svg+xml;utf8,%3Csvg%20a%3D%22%23%22%2F%3E');
  });

  it('recognizes loopback addresses', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8400')).toBe(true);
    expect(isLoopbackUrl('http://localhost:8400/')).toBe(true);
    expect(isLoopbackUrl('http://192.168.1.20:8400')).toBe(false);
    expect(isLoopbackUrl('http://localhost.example.org')).toBe(false);
  });
});
