// The outbox and SMTP settings of one organizer, as the fake backend keeps them, with the core's
// rules: mails newest first, a password that is never shown, and a sender that attempts every due
// mail once, backing off after failures that may pass. The core's sender runs every two seconds;
// the fake runs it whenever the outbox is read, so a test sees a queued mail go out on the next look.
import {
  AppError,
  type MailSettings,
  type MailSettingsInput,
  type OutboxMail,
  type TlsMode,
} from '../lib/backend/backend';

/** The settings as stored, password included. */
export interface FakeMailSettings {
  host: string;
  port: number;
  tls: TlsMode;
  username: string | null;
  password: string | null;
  sender: string;
}

/** What the SMTP server answers an attempt; a permanent refusal fails the mail for good. */
export interface FakeSmtpFailure {
  message: string;
  permanent: boolean;
}

/** How many mails the outbox lists, as the core does. */
const LISTED = 200;
const MAX_BACKOFF_MS = 30 * 60_000;
const NO_SERVER = 'No SMTP server is configured.';

let mailCounter = 0;

/** A registration mail queued at 17:00 on 23 November 2026 and sent at the first attempt. */
export function makeMail(overrides: Partial<OutboxMail> = {}): OutboxMail {
  mailCounter += 1;
  return {
    id: 900 + mailCounter,
    kind: 'customer_registration',
    recipient: `customer${mailCounter}@example.org`,
    subject: 'Your customer account at Demo Venue',
    state: 'sent',
    attempts: 1,
    next_attempt_at: null,
    last_error: null,
    created_at: '2026-11-23T17:00:00Z',
    sent_at: '2026-11-23T17:00:02Z',
    ...overrides,
  };
}

/** The wait before the next attempt after `failed` failed ones: 30 s, 1 min, 2 min … at most 30 min. */
export function backoffMs(failed: number): number {
  const exponent = Math.min(Math.max(failed, 1), 16) - 1;
  return Math.min(30_000 * 2 ** exponent, MAX_BACKOFF_MS);
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function validEmail(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

function emailError(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return 'This field may not be blank.';
  return validEmail(value) ? null : 'Enter a valid email address.';
}

function invalid(fields: Record<string, string[]>): AppError {
  return new AppError('validation', 'Please correct the marked fields.', fields);
}

export class FakeOutbox {
  /** Newest first. */
  mails: OutboxMail[];
  settings: FakeMailSettings | null;
  /** What the SMTP server says to every attempt from now on; null: the mails go out. */
  failure: FakeSmtpFailure | null;
  private lastId: number;

  constructor(
    options: { mails?: OutboxMail[]; settings?: FakeMailSettings | null; failure?: FakeSmtpFailure | null } = {},
  ) {
    this.mails = options.mails ?? [];
    this.settings = options.settings ?? null;
    this.failure = options.failure ?? null;
    this.lastId = Math.max(0, ...this.mails.map((m) => m.id));
  }

  list(): OutboxMail[] {
    return this.mails
      .slice(0, LISTED)
      .map((m) => ({ ...m, next_attempt_at: m.state === 'queued' ? m.next_attempt_at : null }));
  }

  /** Attempts every queued mail that is due at `now`, as the core's sender does on each tick. */
  deliverDue(now: string): void {
    const at = Date.parse(now);
    for (const mail of this.mails) {
      if (mail.state !== 'queued' || mail.next_attempt_at === null || Date.parse(mail.next_attempt_at) > at) continue;
      mail.attempts += 1;
      const failure: FakeSmtpFailure | null = this.settings ? this.failure : { message: NO_SERVER, permanent: false };
      if (failure === null) {
        Object.assign(mail, { state: 'sent', sent_at: now, last_error: null, next_attempt_at: now });
      } else if (failure.permanent) {
        Object.assign(mail, { state: 'failed', last_error: failure.message, next_attempt_at: now });
      } else {
        Object.assign(mail, { last_error: failure.message, next_attempt_at: stamp(at + backoffMs(mail.attempts)) });
      }
    }
  }

  /** Queues a waiting or failed mail for an attempt at `now`; a sent one is not found. */
  retry(id: number, now: string): void {
    const mail = this.mails.find((m) => m.id === id && m.state !== 'sent');
    if (!mail) throw new AppError('not_found', 'Mail not found.');
    Object.assign(mail, { state: 'queued', next_attempt_at: now });
  }

  shown(): MailSettings | null {
    if (!this.settings) return null;
    const { password, ...rest } = this.settings;
    return { ...rest, has_password: password !== null && password !== '' };
  }

  save(input: MailSettingsInput): MailSettings {
    const fields: Record<string, string[]> = {};
    const host = input.host.trim();
    if (host === '' || /\s/.test(host)) fields.host = ["Enter the SMTP server's host name or address."];
    if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) {
      fields.port = ['Enter a port from 1 to 65535.'];
    }
    const senderError = emailError(input.sender);
    if (senderError) fields.sender = [senderError];
    if (Object.keys(fields).length > 0) throw invalid(fields);
    const password = input.password === null ? (this.settings?.password ?? null) : input.password || null;
    this.settings = {
      host,
      port: input.port,
      tls: input.tls,
      username: input.username?.trim() || null,
      password,
      sender: input.sender.trim().toLowerCase(),
    };
    return this.shown() as MailSettings;
  }

  /** Queues the test mail in the staff member's language (English unless German). */
  queueTest(to: string, locale: string | null, organizerName: string, now: string): OutboxMail {
    const error = emailError(to);
    if (error) throw invalid({ to: [error] });
    const german = (locale ?? 'en').startsWith('de');
    return this.queue({
      kind: 'test',
      recipient: to.trim().toLowerCase(),
      subject: german ? `Testnachricht von ${organizerName}` : `Test message from ${organizerName}`,
      now,
    });
  }

  queue(mail: { kind: string; recipient: string; subject: string; now: string }): OutboxMail {
    this.lastId += 1;
    const queued: OutboxMail = {
      id: this.lastId,
      kind: mail.kind,
      recipient: mail.recipient,
      subject: mail.subject,
      state: 'queued',
      attempts: 0,
      next_attempt_at: mail.now,
      last_error: null,
      created_at: mail.now,
      sent_at: null,
    };
    this.mails.unshift(queued);
    return { ...queued };
  }
}
