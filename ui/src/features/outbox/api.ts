// Outbox and mail settings operations for the desk, one function each, plus how a mail is shown.
// The core's background sender delivers the mails; the desk only watches and nudges it.
import type {
  Backend,
  MailSettings,
  MailSettingsInput,
  OutboxMail,
  OrganizerSummary,
} from '../../lib/backend/backend';
import { holdsAll } from '../../lib/permissions';
import { m } from './messages';

/** How often the open Outbox looks again while it is visible. */
export const OUTBOX_REFRESH_MS = 5_000;
/** How often a test mail's state is looked up until it is sent or failed (the sender runs every 2 s). */
export const TEST_MAIL_POLL_MS = 2_000;

/** Newest first; at most the latest 200. */
export function listOutbox(backend: Backend, organizer: string): Promise<OutboxMail[]> {
  return backend.outboxList(organizer);
}

/** Queues a waiting or failed mail for an attempt now; `not_found` once it was sent. */
export function retryMail(backend: Backend, organizer: string, mailId: number): Promise<void> {
  return backend.outboxRetry(organizer, mailId);
}

/** Null while none are set. The password is never answered, only whether one is stored. */
export function mailSettings(backend: Backend, organizer: string): Promise<MailSettings | null> {
  return backend.mailSettings(organizer);
}

/** `validation` on `host`, `port` and `sender`. */
export function saveMailSettings(backend: Backend, organizer: string, input: MailSettingsInput): Promise<MailSettings> {
  return backend.mailSettingsSave(organizer, input);
}

/** Resolves with the mail as queued; its state shows in the outbox once the sender tried it. */
export function sendTestMail(backend: Backend, organizer: string, to: string, locale: string): Promise<OutboxMail> {
  return backend.mailSettingsTest(organizer, { to: to.trim(), locale });
}

/** Whether the user may queue mails again (and change the mail settings). */
export function mayRetry(organizer: OrganizerSummary): boolean {
  return holdsAll(organizer, 'organizer.settings.general:write');
}

export type MailState = 'queued' | 'sent' | 'failed';

export const MAIL_STATES: MailState[] = ['queued', 'sent', 'failed'];

/** The state's word in the window's language. */
export function stateLabels(): Record<MailState, string> {
  const t = m();
  return { queued: t.stateQueued, sent: t.stateSent, failed: t.stateFailed };
}

export const STATE_TONES: Record<MailState, 'info' | 'success' | 'error'> = {
  queued: 'info',
  sent: 'success',
  failed: 'error',
};

export function isMailState(state: string): state is MailState {
  return (MAIL_STATES as string[]).includes(state);
}

/** The state's word for people; a state this desk does not know yet as the backend sends it. */
export function stateLabel(state: string): string {
  return isMailState(state) ? stateLabels()[state] : state;
}

export function stateTone(state: string): 'info' | 'success' | 'error' | 'muted' {
  return isMailState(state) ? STATE_TONES[state] : 'muted';
}

/** A queued mail waits for the sender; a failed one was refused for good. Both can be tried again. */
export function canRetry(mail: OutboxMail): boolean {
  return mail.state === 'queued' || mail.state === 'failed';
}

/** A mail that will not change any more by itself. */
export function isSettled(mail: OutboxMail): boolean {
  return mail.state === 'sent' || mail.state === 'failed';
}

/** What the mail is for; an unknown kind as readable words. */
export function kindLabel(kind: string): string {
  const labels: Record<string, string> = { customer_registration: m().kindCustomerRegistration, test: m().kindTest };
  const known = labels[kind];
  if (known) return known;
  const words = kind.replace(/[_-]+/g, ' ').trim();
  return words === '' ? kind : words[0].toUpperCase() + words.slice(1);
}
