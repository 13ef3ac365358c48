// POS terminal (device) operations for the desk, one function each, plus how a device is shown,
// and the listener the terminals connect to.
import type {
  Backend,
  DevicePairing,
  DeviceSummary,
  ListenerSettings,
  ListenerStatus,
} from '../../lib/backend/backend';
import { m } from './messages';

export function listDevices(backend: Backend, organizer: string): Promise<DeviceSummary[]> {
  return backend.devicesList(organizer);
}

/** Adds a device waiting for pairing; resolves with its pairing code, address and QR code. */
export function addDevice(backend: Backend, organizer: string, name: string): Promise<DevicePairing> {
  return backend.devicesAdd(organizer, { name: name.trim() });
}

/** The pairing code again; refused (`refused`, with the reason) once paired or revoked. */
export function devicePairing(backend: Backend, organizer: string, deviceId: number): Promise<DevicePairing> {
  return backend.devicesPairing(organizer, deviceId);
}

export function renameDevice(backend: Backend, organizer: string, deviceId: number, name: string): Promise<DeviceSummary> {
  return backend.devicesRename(organizer, deviceId, { name: name.trim() });
}

/** For good: the terminal's API token stops working. */
export function revokeDevice(backend: Backend, organizer: string, deviceId: number): Promise<DeviceSummary> {
  return backend.devicesRevoke(organizer, deviceId);
}

export type DeviceState = 'pending' | 'paired' | 'revoked';

export function deviceState(device: DeviceSummary): DeviceState {
  if (device.revoked) return 'revoked';
  if (device.pairing_pending) return 'pending';
  return 'paired';
}

/** The states' words in the window's language. */
export function stateLabels(): Record<DeviceState, string> {
  const t = m();
  return { pending: t.statePending, paired: t.statePaired, revoked: t.stateRevoked };
}

export const STATE_TONES: Record<DeviceState, 'info' | 'success' | 'error'> = {
  pending: 'info',
  paired: 'success',
  revoked: 'error',
};

/** The SVG document as an image source (an <img> never runs scripts inside it). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** True when the pairing address only works on this computer (LAN access is off). */
export function isLoopbackUrl(url: string): boolean {
  return /(^|\/\/|@)(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/i.test(url);
}

/** Where the listener runs; null in a browser, where only the desk computer's window can move it. */
export function listenerStatus(backend: Backend): Promise<ListenerStatus | null> {
  return backend.listenerStatus();
}

/** Moves the listener at once, without a restart (administrators only). */
export function applyListener(backend: Backend, settings: ListenerSettings): Promise<ListenerStatus> {
  return backend.listenerApply(settings);
}

/** True when terminals on other computers cannot reach the listener as it runs now. */
export function lanAccessOff(status: ListenerStatus): boolean {
  return status.terminal_url === null ? !status.settings.lan_access : isLoopbackUrl(status.terminal_url);
}
