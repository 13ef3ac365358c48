// POS terminal (device) operations for the desk, one function each, plus how a device is shown.
import type { Backend, DevicePairing, DeviceSummary } from '../../lib/backend/backend';

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

export const STATE_LABELS: Record<DeviceState, string> = {
  pending: 'Waiting for pairing',
  paired: 'Paired',
  revoked: 'Revoked',
};

/** The SVG document as an image source (an <img> never runs scripts inside it). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** True when the pairing address only works on this computer (LAN access is off). */
export function isLoopbackUrl(url: string): boolean {
  return /(^|\/\/|@)(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/i.test(url);
}
