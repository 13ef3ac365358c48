// The SMTP settings form: what staff type ↔ what the backend takes. The stored password never
// comes back; the form sends one only when typed, and "" only when staff ask to remove it.
import type { MailSettings, MailSettingsInput, TlsMode } from '../../lib/backend/backend';
import { invalidFields } from '../../lib/errors';
import { m } from './messages';

export interface MailSettingsValues {
  host: string;
  port: string;
  tls: TlsMode;
  username: string;
  /** Typed by staff; empty keeps the stored password. */
  password: string;
  /** Remove the stored password on save (the typed one is ignored). */
  removePassword: boolean;
  sender: string;
}

export interface TlsChoice {
  value: TlsMode;
  /** The port servers usually listen on with this protection. */
  port: number;
}

/** In the order offered; STARTTLS first, as most providers ask for it. */
export const TLS_CHOICES: TlsChoice[] = [
  { value: 'starttls', port: 587 },
  { value: 'tls', port: 465 },
  { value: 'none', port: 25 },
];

/** The protection's name in the window's language. */
export function tlsLabel(tls: TlsMode): string {
  const t = m();
  return { starttls: t.tlsStarttls, tls: t.tlsTls, none: t.tlsNone }[tls];
}

export function usualPort(tls: TlsMode): number {
  return TLS_CHOICES.find((c) => c.value === tls)?.port ?? 587;
}

export function tlsHint(tls: TlsMode): string {
  const t = m();
  return { starttls: t.tlsStarttlsHint, tls: t.tlsTlsHint, none: t.tlsNoneHint }[tls];
}

/** The form for the stored settings, or for a first setup with the most common protection. */
export function valuesFrom(settings: MailSettings | null): MailSettingsValues {
  return {
    host: settings?.host ?? '',
    port: String(settings?.port ?? usualPort('starttls')),
    tls: settings?.tls ?? 'starttls',
    username: settings?.username ?? '',
    password: '',
    removePassword: false,
    sender: settings?.sender ?? '',
  };
}

/**
 * The port after the protection changed: the new protection's usual port while the field is empty
 * or holds one of the usual ports, else what staff typed.
 */
export function portAfterTlsChange(port: string, tls: TlsMode): string {
  const typed = port.trim();
  const usual = TLS_CHOICES.some((c) => String(c.port) === typed);
  return typed === '' || usual ? String(usualPort(tls)) : port;
}

/** A port as the backend takes it; `validation` on `port` for anything but 1 to 65535. */
export function portFrom(typed: string): number {
  const trimmed = typed.trim();
  const port = /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw invalidFields({ port: [m().portInvalid] });
  }
  return port;
}

export function mailSettingsInput(values: MailSettingsValues): MailSettingsInput {
  let password: string | null = null;
  if (values.removePassword) password = '';
  else if (values.password !== '') password = values.password;
  return {
    host: values.host.trim(),
    port: portFrom(values.port),
    tls: values.tls,
    username: values.username.trim() === '' ? null : values.username.trim(),
    password,
    sender: values.sender.trim(),
  };
}
