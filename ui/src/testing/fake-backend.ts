// An in-memory Backend for component tests and design work. It follows the contract closely
// enough to exercise the UI (search, paging, validation errors, sessions) and records every
// call so tests can assert what the UI sent.
import {
  AppError,
  type AdjustmentInput,
  type Backend,
  type BackupInfo,
  type BackupOverview,
  type BackupSettings,
  type Booking,
  type Card,
  type CardInput,
  type CardStatusInput,
  type CreatedToken,
  type CreditBalance,
  type CreditInput,
  type CreditSettings,
  type CreditSettingsInput,
  type Customer,
  type CustomerInput,
  type CustomerPage,
  type CustomerQuery,
  type Dashboard,
  type DeskEntryInput,
  type DeviceInput,
  type DevicePairing,
  type DeviceSummary,
  type EntryPage,
  type Event,
  type EventDetail,
  type EventSummary,
  type ExportRequest,
  type ImportKind,
  type ImportPreview,
  type ImportProgress,
  type ImportReport,
  type Item,
  type ListenerSettings,
  type ListenerStatus,
  type LoginInput,
  type MailSettings,
  type MailSettingsInput,
  type MemberInput,
  type Membership,
  type MembershipInput,
  type MembershipStatus,
  type MembershipType,
  type MembershipTypeInput,
  type MembershipUse,
  type NewEvent,
  type NewItem,
  type NewOAuthApplication,
  type NewResellerAccount,
  type NewSubEvent,
  type OAuthApplication,
  type OAuthGrant,
  type OrganizerSummary,
  type OutboxMail,
  type PosLookup,
  type Quota,
  type QuotaInput,
  type RegisteredApplication,
  type ReplaceInput,
  type ResellerAccount,
  type ResellerOverview,
  type RestoreOutcome,
  type SavedExport,
  type Session,
  type SetupInput,
  type SetupStatus,
  type Standing,
  type SubEvent,
  type TeamDetail,
  type TeamInput,
  type TeamSummary,
  type TestMailInput,
  type TokenInput,
  type TokenSummary,
  type UndoInput,
  type UpdateCheck,
  type UpdateChecked,
  type UpdateSettings,
  type UseInput,
  type Voucher,
  type WaitingListEntry,
  type WaitingListRow,
  type WaitingListSettingsView,
} from '../lib/backend/backend';
import { type AccessUser, FakeAccess, type FakeApplication, type FakeGrant, type FakeReseller } from './fake-access';
import { FakeBackups } from './fake-backups';
import { FakeCards, type FakeCard, makeCard, normalizeSerial } from './fake-cards';
import { type Booker, FakeLedger } from './fake-credit';
import { dashboardOf } from './fake-dashboard';
import { ALL_EVENT_PERMISSIONS, type FakeEventSeed, FakeEvents } from './fake-events';
import { FakeExports } from './fake-exports';
import { FakeImports, type FakeImportsOptions, findCustomer, findType, type ImportContext, type ImportRecord, isTrue } from './fake-imports';
import { type FakeMailSettings, FakeOutbox, type FakeSmtpFailure } from './fake-outbox';
import { FakeUpdates, type FakeUpdatesOptions } from './fake-updates';

export interface FakeUser {
  id: number;
  email: string;
  password: string;
  fullname: string | null;
  locale: string;
  /** An installation administrator (may move the listener). */
  is_admin?: boolean;
}

/** A team as the fake keeps it: members by user id, and each token with its secret. */
export interface FakeTeam {
  team_id: number;
  name: string;
  all_events: boolean;
  all_organizer_permissions: boolean;
  organizer_permissions: string[];
  all_event_permissions: boolean;
  event_permissions: string[];
  member_ids: number[];
  invites: string[];
  tokens: (TokenSummary & { secret: string })[];
}

export interface FakeBackendOptions {
  needsSetup?: boolean;
  /** The user logged in from the start, by email; none when absent. */
  loggedInAs?: string | null;
  users?: FakeUser[];
  organizers?: OrganizerSummary[];
  locales?: string[];
  /** Customers per organizer slug, newest first. */
  customers?: Record<string, Customer[]>;
  /** Membership types per organizer slug. */
  membershipTypes?: Record<string, MembershipType[]>;
  /** Memberships per organizer slug. */
  memberships?: Record<string, Membership[]>;
  uses?: MembershipUse[];
  /** POS terminals per organizer slug. */
  devices?: Record<string, DeviceSummary[]>;
  /** The address terminals are told to pair with; the listener's terminal address when absent. */
  deviceUrl?: string;
  /** Teams per organizer slug; an "Administrators" team with every permission and user 1 when absent. */
  teams?: Record<string, FakeTeam[]>;
  /** The listener as the window sees it (on the LAN, port 8400, when absent); null as in a browser. */
  listener?: ListenerStatus | null;
  /** Cards per organizer slug. */
  cards?: Record<string, FakeCard[]>;
  /** Credit currency and overdraft limit per organizer slug; EUR without overdraft when absent. */
  credit?: Record<string, { currency?: string; limit?: string }>;
  /**
   * Outbox mails (newest first), stored SMTP settings and how the SMTP server answers, per
   * organizer slug; an empty outbox without settings when absent.
   */
  mail?: Record<string, { mails?: OutboxMail[]; settings?: FakeMailSettings | null; failure?: FakeSmtpFailure | null }>;
  /**
   * Events per organizer slug, as just created (each with every event permission unless its seed
   * says otherwise); products, quotas and waiting entries go in through `events(slug)`.
   */
  events?: Record<string, FakeEventSeed[]>;
  /** OAuth applications and the access users gave (by user id), and reseller accounts; none when absent. */
  access?: { applications?: FakeApplication[]; grants?: FakeGrant[]; resellers?: FakeReseller[] };
  /**
   * The installation's backups (newest first), schedule, backup files elsewhere and folders that
   * cannot be written; none, and the schedule off, when absent.
   */
  backups?: ConstructorParameters<typeof FakeBackups>[0];
  /** Who saves CSV exports: the window (into Downloads, answering the path) unless told "browser". */
  exportsSavedBy?: 'window' | 'browser';
  /** Update settings, what the update server offers and how it answers; `{ settings: null }` as in a browser. */
  updates?: FakeUpdatesOptions;
  /** How many looks at a started CSV import it takes to finish (2 when absent). */
  imports?: FakeImportsOptions;
  /** The moment membership and card validity (and the dashboard's "now") is judged at; the real clock when absent. */
  membershipNow?: () => number;
  /** Delay before every answer, to see loading states. */
  latencyMs?: number;
}

export interface FakeCall {
  method: keyof Backend;
  args: unknown[];
}

/** Every organizer-level permission a team can hold, as the core lists them. */
export const ORGANIZER_PERMISSIONS = [
  'organizer.events:create',
  'organizer.settings.general:write',
  'organizer.teams:write',
  'organizer.giftcards:read',
  'organizer.giftcards:write',
  'organizer.customers:read',
  'organizer.customers:write',
  'organizer.reusablemedia:read',
  'organizer.reusablemedia:write',
  'organizer.devices:read',
  'organizer.devices:write',
  'organizer.seatingplans:write',
  'organizer.outgoingmails:read',
];

/** Every event-level permission a team can hold, as the core lists them. */
export const EVENT_PERMISSIONS = ALL_EVENT_PERMISSIONS;

/** An organizer where the user holds every organizer permission (as its first administrator does). */
export function makeOrganizer(overrides: Partial<OrganizerSummary> = {}): OrganizerSummary {
  return {
    slug: 'demo',
    name: 'Demo Venue',
    name_scheme: 'given_family',
    name_fields: ['given_name', 'family_name'],
    permissions: [...ORGANIZER_PERMISSIONS],
    ...overrides,
  };
}

export const DEFAULT_ORGANIZER: OrganizerSummary = makeOrganizer();

const FORBIDDEN = 'You do not have permission to perform this action.';
/** The core's permission sets: any one of them lets the user in. */
const CARDS_READ = ['organizer.customers:read', 'organizer.reusablemedia:read'];
const CARDS_WRITE = ['organizer.customers:write', 'organizer.reusablemedia:write'];
const CREDIT_READ = ['organizer.customers:read', 'organizer.giftcards:read'];
const CREDIT_WRITE = ['organizer.customers:write', 'organizer.giftcards:write'];
const SETTINGS_WRITE = 'organizer.settings.general:write';
const OUTBOX_READ = ['organizer.outgoingmails:read', SETTINGS_WRITE];

export const DEFAULT_USER: FakeUser = {
  id: 1,
  email: 'admin@example.org',
  password: 'secret-password',
  fullname: null,
  locale: 'en',
  is_admin: true,
};

export const DEFAULT_LOCALES = ['en', 'de', 'de-informal', 'nl', 'fr'];

const SCHEME_JOIN: Record<string, string[]> = {
  given_family: ['given_name', 'family_name'],
  title_given_family: ['title', 'given_name', 'family_name'],
  given_middle_family: ['given_name', 'middle_name', 'family_name'],
  title_given_middle_family: ['title', 'given_name', 'middle_name', 'family_name'],
  family_given: ['family_name', 'given_name'],
  full: ['full_name'],
  calling_full: ['full_name'],
  full_transcription: ['full_name'],
  salutation_given_family: ['given_name', 'family_name'],
  salutation_title_given_family: ['title', 'given_name', 'family_name'],
  salutation_title_given_family_degree: ['title', 'given_name', 'family_name'],
};

/** The display name pretix derives from name_parts (simplified; see pretix-behaviour §2). */
export function displayName(parts: Partial<Record<string, string>>): string {
  if (parts._legacy) return parts._legacy.trim();
  const scheme = parts._scheme ?? 'full';
  const join = (keys: string[]) =>
    keys
      .map((k) => parts[k] ?? '')
      .filter((v) => v !== '')
      .join(' ');
  if (scheme === 'family_nospace_given') return `${parts.family_name ?? ''}${parts.given_name ?? ''}`.trim();
  if (scheme === 'family_comma_given') {
    return [parts.family_name, parts.given_name].filter(Boolean).join(', ').trim();
  }
  const name = join(SCHEME_JOIN[scheme] ?? Object.keys(parts).filter((k) => !k.startsWith('_')));
  if (scheme === 'salutation_title_given_family_degree' && parts.degree) return `${name}, ${parts.degree}`.trim();
  return name.trim();
}

let identifierCounter = 0;

/** A pretix-style 7-character identifier, unique within this process. */
export function nextIdentifier(): string {
  identifierCounter += 1;
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  // A multiplicative hash of the counter: distinct, and different-looking from one to the next.
  let n = Math.imul(identifierCounter, 2654435761) >>> 0;
  let out = '';
  for (let i = 0; i < 7; i += 1) {
    out += alphabet[n % alphabet.length];
    n = Math.floor(n / alphabet.length) + identifierCounter * (i + 3);
  }
  return out;
}

export function makeCustomer(overrides: Partial<Customer> = {}): Customer {
  const name_parts = overrides.name_parts ?? {};
  return {
    identifier: nextIdentifier(),
    external_identifier: null,
    email: null,
    phone: null,
    name: displayName(name_parts),
    name_parts,
    is_active: true,
    is_verified: true,
    last_login: null,
    date_joined: '2026-11-01T10:00:00Z',
    locale: 'en',
    last_modified: '2026-11-01T10:00:00Z',
    notes: null,
    ...overrides,
  };
}

let membershipCounter = 0;

export function makeMembershipType(overrides: Partial<MembershipType> = {}): MembershipType {
  membershipCounter += 1;
  return {
    id: 1000 + membershipCounter,
    name: { en: 'Annual pass' },
    transferable: false,
    allow_parallel_usage: false,
    max_usages: null,
    ...overrides,
  };
}

let deviceCounter = 0;

export function makeDevice(overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  deviceCounter += 1;
  return {
    device_id: deviceCounter,
    name: `Till ${deviceCounter}`,
    revoked: false,
    pairing_pending: true,
    initialized: null,
    last_seen: null,
    hardware: null,
    software: null,
    ...overrides,
  };
}

let teamCounter = 0;

export function makeTeam(overrides: Partial<FakeTeam> = {}): FakeTeam {
  teamCounter += 1;
  return {
    team_id: teamCounter,
    name: `Team ${teamCounter}`,
    all_events: false,
    all_organizer_permissions: false,
    organizer_permissions: [],
    all_event_permissions: false,
    event_permissions: [],
    member_ids: [],
    invites: [],
    tokens: [],
    ...overrides,
  };
}

/** The desk's team form for a team that may only view customers. */
export function makeTeamInput(overrides: Partial<TeamInput> = {}): TeamInput {
  return {
    name: 'Box office',
    all_events: false,
    all_organizer_permissions: false,
    organizer_permissions: ['organizer.customers:read'],
    all_event_permissions: false,
    event_permissions: [],
    ...overrides,
  };
}

/** The listener of a desk window; `terminal_url` follows LAN access as the core's does. */
export function makeListener(settings: ListenerSettings = { port: 8400, lan_access: true }): ListenerStatus {
  return {
    settings: { ...settings },
    address: `${settings.lan_access ? '0.0.0.0' : '127.0.0.1'}:${settings.port}`,
    terminal_url: `http://${settings.lan_access ? '192.168.1.20' : '127.0.0.1'}:${settings.port}`,
    error: null,
  };
}

/** A small SVG standing in for the server's QR code. */
export function fakeQrSvg(text: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><title>${text.replace(/[<&"]/g, '')}</title><rect width="8" height="8" fill="#fff"/><rect x="1" y="1" width="3" height="3"/><rect x="5" y="4" width="2" height="3"/></svg>`;
}

export function makeMembership(overrides: Partial<Membership> & Pick<Membership, 'customer' | 'membership_type'>): Membership {
  membershipCounter += 1;
  return {
    id: 5000 + membershipCounter,
    testmode: false,
    date_start: '2026-01-01T00:00:00Z',
    date_end: '2026-12-31T23:59:59Z',
    attendee_name_parts: {},
    ...overrides,
  };
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class FakeBackend implements Backend {
  readonly calls: FakeCall[] = [];
  needsSetup: boolean;
  users: FakeUser[];
  organizers: OrganizerSummary[];
  locales: string[];
  customers: Record<string, Customer[]>;
  loggedInAs: string | null;
  latencyMs: number;
  membershipTypes: Record<string, MembershipType[]>;
  memberships: Record<string, Membership[]>;
  uses: MembershipUse[];
  membershipNow: () => number;
  devices: Record<string, DeviceSummary[]>;
  deviceUrl: string;
  teams: Record<string, FakeTeam[]>;
  listener: ListenerStatus | null;
  cards: Record<string, FakeCard[]>;
  private ledgers: Record<string, FakeLedger>;
  private outboxes: Record<string, FakeOutbox>;
  private eventStores: Record<string, FakeEvents> = {};
  /** Applications, grants and reseller accounts; tests seed and inspect them here. */
  readonly access: FakeAccess;
  /** The installation's backups and schedule; tests seed and inspect them here. */
  readonly backups: FakeBackups;
  /** Every CSV export made, and who saves them. */
  readonly exports: FakeExports;
  /** Update settings, the update server and the news the window hears; tests announce checks here. */
  readonly updates: FakeUpdates;
  /** CSV imports: previews, checks and started imports; tests expire previews here. */
  readonly imports: FakeImports;
  private pairingTokens = new Map<number, string>();
  private lastTokenId = 100;
  private failures = new Map<keyof Backend, AppError[]>();
  private clock = Date.parse('2026-11-23T18:00:00Z');

  constructor(options: FakeBackendOptions = {}) {
    this.needsSetup = options.needsSetup ?? false;
    this.users = options.users ?? (this.needsSetup ? [] : [{ ...DEFAULT_USER }]);
    this.organizers = options.organizers ?? (this.needsSetup ? [] : [{ ...DEFAULT_ORGANIZER }]);
    this.locales = options.locales ?? [...DEFAULT_LOCALES];
    this.customers = options.customers ?? Object.fromEntries(this.organizers.map((o) => [o.slug, []]));
    this.loggedInAs = options.loggedInAs === undefined ? null : options.loggedInAs;
    this.latencyMs = options.latencyMs ?? 0;
    this.membershipTypes = options.membershipTypes ?? {};
    this.memberships = options.memberships ?? {};
    this.uses = options.uses ?? [];
    this.membershipNow = options.membershipNow ?? (() => Date.now());
    this.devices = options.devices ?? {};
    this.cards = options.cards ?? {};
    this.ledgers = Object.fromEntries(
      Object.entries(options.credit ?? {}).map(([slug, settings]) => [slug, new FakeLedger(settings)]),
    );
    this.outboxes = Object.fromEntries(
      Object.entries(options.mail ?? {}).map(([slug, mail]) => [slug, new FakeOutbox(mail)]),
    );
    for (const [slug, seeds] of Object.entries(options.events ?? {})) {
      const store = (this.eventStores[slug] = new FakeEvents(() => this.now()));
      for (const seed of seeds) store.seed(seed);
    }
    this.access = new FakeAccess(options.access, () => this.now());
    this.backups = new FakeBackups(options.backups);
    this.exports = new FakeExports(options.exportsSavedBy);
    this.updates = new FakeUpdates(options.updates);
    this.imports = new FakeImports(options.imports);
    this.listener = options.listener === undefined ? makeListener() : options.listener;
    this.deviceUrl = options.deviceUrl ?? this.listener?.terminal_url ?? 'http://192.168.1.20:8400';
    this.teams =
      options.teams ??
      Object.fromEntries(
        this.organizers.map((o) => [
          o.slug,
          [
            makeTeam({
              name: 'Administrators',
              all_events: true,
              all_organizer_permissions: true,
              all_event_permissions: true,
              member_ids: this.users.slice(0, 1).map((u) => u.id),
            }),
          ],
        ]),
      );
  }

  /** For tests: the terminal used its pairing code, so the device is paired from now on. */
  initializeDevice(
    organizer: string,
    deviceId: number,
    details: { hardware?: string; software?: string } = {},
  ): DeviceSummary {
    const device = this.findDevice(organizer, deviceId);
    const now = this.now();
    Object.assign(device, {
      pairing_pending: false,
      initialized: now,
      last_seen: now,
      hardware: details.hardware ?? 'Zebra TC25',
      software: details.software ?? 'Till 1.0',
    });
    this.pairingTokens.delete(deviceId);
    return clone(device);
  }

  /** The next call of `method` rejects with `error` (queue several for several calls). */
  failNext(method: keyof Backend, error: AppError): void {
    const queue = this.failures.get(method) ?? [];
    queue.push(error);
    this.failures.set(method, queue);
  }

  /** Arguments of every call to `method`, oldest first. */
  callsTo(method: keyof Backend): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private async enter(method: keyof Backend, args: unknown[]): Promise<void> {
    this.calls.push({ method, args: clone(args) });
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const failure = this.failures.get(method)?.shift();
    if (failure) throw failure;
  }

  private now(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace('.000Z', 'Z');
  }

  private session(): Session {
    const user = this.users.find((u) => u.email === this.loggedInAs);
    if (!user) throw new AppError('unauthenticated', 'Not logged in.');
    return clone({
      user: {
        id: user.id,
        email: user.email,
        fullname: user.fullname,
        locale: user.locale,
        is_admin: user.is_admin ?? false,
      },
      organizers: this.organizers,
      locales: this.locales,
    });
  }

  private list(organizer: string): Customer[] {
    this.session();
    const list = this.customers[organizer];
    if (!list) throw new AppError('not_found', 'No such organizer.');
    return list;
  }

  private find(organizer: string, identifier: string): Customer {
    const customer = this.list(organizer).find((c) => c.identifier === identifier);
    if (!customer) throw new AppError('not_found', 'This customer does not exist.');
    return customer;
  }

  private validate(organizer: string, input: CustomerInput, identifier: string | null): void {
    const fields: Record<string, string[]> = {};
    if (input.email !== null) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) {
        fields.email = ['Enter a valid email address.'];
      } else if (
        this.list(organizer).some(
          (c) => c.identifier !== identifier && c.email?.toLowerCase() === input.email?.toLowerCase(),
        )
      ) {
        fields.email = ['A customer with this email address already exists.'];
      }
    }
    if (input.phone !== null && !/^\+?[0-9 ()/-]{5,}$/.test(input.phone)) {
      fields.phone = ['Enter a valid phone number.'];
    }
    if (!this.locales.includes(input.locale)) fields.locale = [`"${input.locale}" is not a valid choice.`];
    if (Object.keys(fields).length > 0) throw new AppError('validation', 'Some fields are not valid.', fields);
  }

  async setupStatus(): Promise<SetupStatus> {
    await this.enter('setupStatus', []);
    return { needs_setup: this.needsSetup };
  }

  async setupComplete(input: SetupInput): Promise<Session> {
    await this.enter('setupComplete', [input]);
    if (!this.needsSetup) throw new AppError('conflict', 'Tessera is already set up.');
    const fields: Record<string, string[]> = {};
    if (input.organizer_name === '') fields.organizer_name = ['This field is required.'];
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(input.organizer_slug)) {
      fields.organizer_slug = ['Use lower-case letters, digits, dots and dashes only.'];
    }
    if (!input.email.includes('@')) fields.email = ['Enter a valid email address.'];
    if (input.password.length < 8) fields.password = ['Use at least 8 characters.'];
    if (Object.keys(fields).length > 0) throw new AppError('validation', 'Some fields are not valid.', fields);
    this.needsSetup = false;
    this.users = [{ id: 1, email: input.email, password: input.password, fullname: null, locale: 'en', is_admin: true }];
    this.organizers = [
      makeOrganizer({
        slug: input.organizer_slug,
        name: input.organizer_name,
        name_scheme: 'full',
        name_fields: ['full_name'],
      }),
    ];
    this.customers = { [input.organizer_slug]: [] };
    this.loggedInAs = input.email;
    return this.session();
  }

  async sessionLogin(input: LoginInput): Promise<Session> {
    await this.enter('sessionLogin', [input]);
    const user = this.users.find((u) => u.email.toLowerCase() === input.email.toLowerCase());
    if (!user || user.password !== input.password) {
      throw new AppError('invalid_credentials', 'Wrong email or password.');
    }
    this.loggedInAs = user.email;
    return this.session();
  }

  async sessionLogout(): Promise<void> {
    await this.enter('sessionLogout', []);
    this.loggedInAs = null;
  }

  async sessionCurrent(): Promise<Session | null> {
    await this.enter('sessionCurrent', []);
    return this.loggedInAs ? this.session() : null;
  }

  async sessionSetLocale(locale: 'en' | 'de'): Promise<Session> {
    await this.enter('sessionSetLocale', [locale]);
    const user = this.users.find((u) => u.email === this.loggedInAs);
    if (!user) throw new AppError('unauthenticated', 'Not logged in.');
    user.locale = locale;
    return this.session();
  }

  async customersSearch(organizer: string, query: CustomerQuery): Promise<CustomerPage> {
    await this.enter('customersSearch', [organizer, query]);
    const needle = query.search.trim().toLowerCase();
    const matches = this.list(organizer).filter(
      (c) =>
        needle === '' ||
        [c.name, c.email ?? '', c.phone ?? '', c.identifier].some((v) => v.toLowerCase().includes(needle)),
    );
    const start = (query.page - 1) * query.page_size;
    return clone({
      items: matches.slice(start, start + query.page_size),
      total: matches.length,
      page: query.page,
      page_size: query.page_size,
    });
  }

  async customersGet(organizer: string, identifier: string): Promise<Customer> {
    await this.enter('customersGet', [organizer, identifier]);
    return clone(this.find(organizer, identifier));
  }

  async customersCreate(organizer: string, input: CustomerInput): Promise<Customer> {
    await this.enter('customersCreate', [organizer, input]);
    this.validate(organizer, input, null);
    const now = this.now();
    const customer = makeCustomer({
      ...input,
      name_parts: { ...input.name_parts },
      name: displayName(input.name_parts),
      date_joined: now,
      last_modified: now,
    });
    this.list(organizer).unshift(customer);
    return clone(customer);
  }

  async customersUpdate(organizer: string, identifier: string, input: CustomerInput): Promise<Customer> {
    await this.enter('customersUpdate', [organizer, identifier, input]);
    const customer = this.find(organizer, identifier);
    this.validate(organizer, input, identifier);
    Object.assign(customer, input, {
      name_parts: { ...input.name_parts },
      name: displayName(input.name_parts),
      last_modified: this.now(),
    });
    return clone(customer);
  }

  async customersAnonymize(organizer: string, identifier: string): Promise<Customer> {
    await this.enter('customersAnonymize', [organizer, identifier]);
    const customer = this.find(organizer, identifier);
    Object.assign(customer, {
      email: null,
      phone: null,
      external_identifier: null,
      notes: null,
      name_parts: {},
      name: '',
      is_active: false,
      is_verified: false,
      last_modified: this.now(),
    });
    return clone(customer);
  }

  private types(organizer: string): MembershipType[] {
    this.list(organizer);
    return (this.membershipTypes[organizer] ??= []);
  }

  private membershipsOf(organizer: string): Membership[] {
    this.list(organizer);
    return (this.memberships[organizer] ??= []);
  }

  private findType(organizer: string, id: number): MembershipType {
    const type = this.types(organizer).find((t) => t.id === id);
    if (!type) throw new AppError('not_found', 'This membership type does not exist.');
    return type;
  }

  private findMembership(organizer: string, id: number): Membership {
    const membership = this.membershipsOf(organizer).find((m) => m.id === id);
    if (!membership) throw new AppError('not_found', 'This membership does not exist.');
    return membership;
  }

  private activeUses(membership: Membership): number {
    return this.uses.filter((u) => u.membership === membership.id && !u.voided).length;
  }

  /** Validity is inclusive at both ends; used up counts uses that are not voided. */
  private standing(organizer: string, membership: Membership): Standing {
    const now = this.membershipNow();
    if (now < Date.parse(membership.date_start)) return 'upcoming';
    if (now > Date.parse(membership.date_end)) return 'expired';
    const max = this.findType(organizer, membership.membership_type).max_usages;
    if (max !== null && this.activeUses(membership) >= max) return 'used_up';
    return 'valid';
  }

  private status(organizer: string, membership: Membership): MembershipStatus {
    const max = this.findType(organizer, membership.membership_type).max_usages;
    const uses = this.activeUses(membership);
    return {
      membership: clone(membership),
      standing: this.standing(organizer, membership),
      uses,
      uses_left: max === null ? null : Math.max(0, max - uses),
    };
  }

  private validateType(input: MembershipTypeInput): MembershipTypeInput {
    const name = Object.fromEntries(Object.entries(input.name).filter(([, v]) => v.trim() !== ''));
    const fields: Record<string, string[]> = {};
    if (Object.keys(name).length === 0) fields.name = ['This field is required.'];
    if (input.max_usages !== null && (!Number.isInteger(input.max_usages) || input.max_usages < 0)) {
      fields.max_usages = ['Enter a whole number of 0 or more.'];
    }
    if (Object.keys(fields).length > 0) throw new AppError('validation', 'Some fields are not valid.', fields);
    return { ...input, name };
  }

  private validateMembership(organizer: string, input: MembershipInput): void {
    const fields: Record<string, string[]> = {};
    if (!this.types(organizer).some((t) => t.id === input.membership_type)) {
      fields.membership_type = ['Choose a membership type.'];
    }
    const start = Date.parse(input.date_start);
    const end = Date.parse(input.date_end);
    if (Number.isNaN(start)) fields.date_start = ['Enter a valid date and time.'];
    if (Number.isNaN(end)) fields.date_end = ['Enter a valid date and time.'];
    else if (end < start) fields.date_end = ['The end must not be before the start.'];
    if (Object.keys(fields).length > 0) throw new AppError('validation', 'Some fields are not valid.', fields);
  }

  private attendee(parts: Record<string, string>): Record<string, string> {
    const kept = Object.fromEntries(Object.entries(parts).filter(([, v]) => v.trim() !== ''));
    return Object.keys(kept).every((k) => k.startsWith('_')) ? {} : kept;
  }

  async membershipTypesList(organizer: string): Promise<MembershipType[]> {
    await this.enter('membershipTypesList', [organizer]);
    return clone(this.types(organizer));
  }

  async membershipTypesCreate(organizer: string, input: MembershipTypeInput): Promise<MembershipType> {
    await this.enter('membershipTypesCreate', [organizer, input]);
    const valid = this.validateType(input);
    const type = makeMembershipType(valid);
    this.types(organizer).push(type);
    return clone(type);
  }

  async membershipTypesUpdate(organizer: string, id: number, input: MembershipTypeInput): Promise<MembershipType> {
    await this.enter('membershipTypesUpdate', [organizer, id, input]);
    const type = this.findType(organizer, id);
    Object.assign(type, this.validateType(input));
    return clone(type);
  }

  async membershipTypesDelete(organizer: string, id: number): Promise<void> {
    await this.enter('membershipTypesDelete', [organizer, id]);
    this.findType(organizer, id);
    if (this.membershipsOf(organizer).some((m) => m.membership_type === id)) {
      throw new AppError('refused', 'Can only be deleted if unused.');
    }
    this.membershipTypes[organizer] = this.types(organizer).filter((t) => t.id !== id);
  }

  async membershipsForCustomer(organizer: string, identifier: string): Promise<MembershipStatus[]> {
    await this.enter('membershipsForCustomer', [organizer, identifier]);
    this.find(organizer, identifier);
    return this.membershipsOf(organizer)
      .filter((m) => m.customer === identifier)
      .map((m) => this.status(organizer, m));
  }

  async membershipsSell(organizer: string, identifier: string, input: MembershipInput): Promise<Membership> {
    await this.enter('membershipsSell', [organizer, identifier, input]);
    this.find(organizer, identifier);
    this.validateMembership(organizer, input);
    const membership = makeMembership({
      customer: identifier,
      membership_type: input.membership_type,
      testmode: input.testmode,
      date_start: input.date_start,
      date_end: input.date_end,
      attendee_name_parts: this.attendee(input.attendee_name_parts),
    });
    this.membershipsOf(organizer).push(membership);
    return clone(membership);
  }

  async membershipsUpdate(organizer: string, id: number, input: MembershipInput): Promise<Membership> {
    await this.enter('membershipsUpdate', [organizer, id, input]);
    const membership = this.findMembership(organizer, id);
    this.validateMembership(organizer, input);
    Object.assign(membership, {
      membership_type: input.membership_type,
      date_start: input.date_start,
      date_end: input.date_end,
      attendee_name_parts: this.attendee(input.attendee_name_parts),
    });
    return clone(membership);
  }

  async membershipsUses(organizer: string, id: number): Promise<MembershipUse[]> {
    await this.enter('membershipsUses', [organizer, id]);
    this.findMembership(organizer, id);
    return clone(this.uses.filter((u) => u.membership === id));
  }

  async membershipsRecordUse(organizer: string, id: number, input: UseInput): Promise<MembershipUse> {
    await this.enter('membershipsRecordUse', [organizer, id, input]);
    const membership = this.findMembership(organizer, id);
    const refusals: Record<Standing, string | null> = {
      valid: null,
      upcoming: 'This membership is not valid yet.',
      expired: 'This membership has expired.',
      used_up: 'This membership has been used as often as its type allows.',
    };
    const refusal = refusals[this.standing(organizer, membership)];
    if (refusal) throw new AppError('membership_refused', refusal);
    const now = this.now();
    membershipCounter += 1;
    const use: MembershipUse = {
      id: 9000 + membershipCounter,
      membership: id,
      used_at: new Date(this.membershipNow()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      reference: input.reference.trim(),
      voided: false,
      voided_at: null,
      created: now,
    };
    this.uses.push(use);
    return clone(use);
  }

  async membershipsVoidUse(organizer: string, id: number, useId: number): Promise<MembershipUse> {
    await this.enter('membershipsVoidUse', [organizer, id, useId]);
    this.findMembership(organizer, id);
    const use = this.uses.find((u) => u.id === useId && u.membership === id);
    if (!use) throw new AppError('not_found', 'This use does not exist.');
    if (!use.voided) Object.assign(use, { voided: true, voided_at: this.now() });
    return clone(use);
  }
  private devicesOf(organizer: string): DeviceSummary[] {
    this.list(organizer);
    return (this.devices[organizer] ??= []);
  }

  private findDevice(organizer: string, deviceId: number): DeviceSummary {
    const device = this.devicesOf(organizer).find((d) => d.device_id === deviceId);
    if (!device) throw new AppError('not_found', 'This device does not exist.');
    return device;
  }

  private deviceName(input: DeviceInput): string {
    const name = input.name.trim();
    if (name === '') throw new AppError('validation', 'Some fields are not valid.', { name: ['This field is required.'] });
    return name;
  }

  private pairing(device: DeviceSummary): DevicePairing {
    let token = this.pairingTokens.get(device.device_id);
    if (!token) {
      token = nextIdentifier().toLowerCase() + nextIdentifier().toLowerCase();
      this.pairingTokens.set(device.device_id, token);
    }
    return {
      device: clone(device),
      initialization_token: token,
      url: this.deviceUrl,
      qr_svg: fakeQrSvg(JSON.stringify({ handshake_version: 1, url: this.deviceUrl, token })),
    };
  }

  async devicesList(organizer: string): Promise<DeviceSummary[]> {
    await this.enter('devicesList', [organizer]);
    return clone(this.devicesOf(organizer));
  }

  async devicesAdd(organizer: string, input: DeviceInput): Promise<DevicePairing> {
    await this.enter('devicesAdd', [organizer, input]);
    const device = makeDevice({ name: this.deviceName(input) });
    this.devicesOf(organizer).push(device);
    return this.pairing(device);
  }

  async devicesPairing(organizer: string, deviceId: number): Promise<DevicePairing> {
    await this.enter('devicesPairing', [organizer, deviceId]);
    const device = this.findDevice(organizer, deviceId);
    if (device.revoked) throw new AppError('refused', 'This device has been revoked.');
    if (device.initialized !== null) throw new AppError('refused', 'This device is already paired.');
    return this.pairing(device);
  }

  async devicesRename(organizer: string, deviceId: number, input: DeviceInput): Promise<DeviceSummary> {
    await this.enter('devicesRename', [organizer, deviceId, input]);
    const device = this.findDevice(organizer, deviceId);
    device.name = this.deviceName(input);
    return clone(device);
  }

  async devicesRevoke(organizer: string, deviceId: number): Promise<DeviceSummary> {
    await this.enter('devicesRevoke', [organizer, deviceId]);
    const device = this.findDevice(organizer, deviceId);
    device.revoked = true;
    device.pairing_pending = false;
    this.pairingTokens.delete(deviceId);
    return clone(device);
  }

  private teamsOf(organizer: string): FakeTeam[] {
    this.list(organizer);
    return (this.teams[organizer] ??= []);
  }

  private findTeam(organizer: string, teamId: number): FakeTeam {
    const team = this.teamsOf(organizer).find((t) => t.team_id === teamId);
    if (!team) throw new AppError('not_found', 'This team does not exist.');
    return team;
  }

  private summary(team: FakeTeam): TeamSummary {
    return {
      team_id: team.team_id,
      name: team.name,
      all_events: team.all_events,
      all_organizer_permissions: team.all_organizer_permissions,
      organizer_permissions: [...team.organizer_permissions],
      all_event_permissions: team.all_event_permissions,
      event_permissions: [...team.event_permissions],
      members: team.member_ids.length,
      active_tokens: team.tokens.filter((t) => t.active).length,
    };
  }

  private detail(team: FakeTeam): TeamDetail {
    return clone({
      team: this.summary(team),
      members: team.member_ids.map((id) => {
        const user = this.users.find((u) => u.id === id);
        return { user_id: id, email: user?.email ?? '', fullname: user?.fullname ?? null };
      }),
      invites: team.invites,
      tokens: [...team.tokens]
        .sort((a, b) => a.name.localeCompare(b.name) || a.token_id - b.token_id)
        .map(({ token_id, name, active }) => ({ token_id, name, active })),
      known_organizer_permissions: ORGANIZER_PERMISSIONS,
      known_event_permissions: EVENT_PERMISSIONS,
    });
  }

  /** The core's checks of the desk's team form: a name, known permissions, offered combinations. */
  private teamFields(input: TeamInput): Omit<FakeTeam, 'team_id' | 'member_ids' | 'invites' | 'tokens'> {
    const fields: Record<string, string[]> = {};
    const name = input.name.trim();
    if (name === '') fields.name = ['This field may not be blank.'];
    const organizer = input.all_organizer_permissions ? [] : [...new Set(input.organizer_permissions)];
    const event = input.all_event_permissions ? [] : [...new Set(input.event_permissions)];
    for (const [key, names, known] of [
      ['limit_organizer_permissions', organizer, ORGANIZER_PERMISSIONS],
      ['limit_event_permissions', event, EVENT_PERMISSIONS],
    ] as const) {
      const unknown = names.filter((n) => !known.includes(n));
      if (unknown.length > 0) fields[key] = unknown.map((n) => `"${n}" is not a valid choice.`);
    }
    const combinations: [string, string[], string[]][] = [
      ['event.orders', ['read', 'write', 'checkin'], ['', 'checkin', 'read', 'read,checkin', 'read,write']],
      ['event.vouchers', ['read', 'write'], ['', 'read', 'read,write']],
      ['organizer.giftcards', ['read', 'write'], ['', 'read', 'read,write']],
      ['organizer.customers', ['read', 'write'], ['', 'read', 'read,write']],
      ['organizer.reusablemedia', ['read', 'write'], ['', 'read', 'read,write']],
      ['organizer.devices', ['read', 'write'], ['', 'read', 'read,write']],
    ];
    const nonField: string[] = [];
    for (const [group, actions, valid] of combinations) {
      const held = group.startsWith('event') ? event : organizer;
      const chosen = actions.filter((a) => held.includes(`${group}:${a}`)).join(',');
      if (!valid.includes(chosen)) {
        const offered = valid.map((v) => `'${v}'`).join(' or ');
        nonField.push(
          `For permission group ${group}, the valid combinations of actions are ${offered} but you tried to set '${chosen}'.`,
        );
      }
    }
    if (nonField.length > 0) fields.non_field_errors = nonField;
    if (Object.keys(fields).length > 0) throw new AppError('validation', 'Please correct the marked fields.', fields);
    return {
      name,
      all_events: input.all_events,
      all_organizer_permissions: input.all_organizer_permissions,
      organizer_permissions: organizer,
      all_event_permissions: input.all_event_permissions,
      event_permissions: event,
    };
  }

  /** The desk refuses a change after which no member of any team may change teams. */
  private refuseLockout(organizer: string, change: () => void): void {
    const before = clone(this.teams[organizer]);
    change();
    const someone = this.teamsOf(organizer).some(
      (t) =>
        t.member_ids.length > 0 &&
        (t.all_organizer_permissions || t.organizer_permissions.includes('organizer.teams:write')),
    );
    if (!someone) {
      this.teams[organizer] = before;
      throw new AppError(
        'refused',
        'Nobody would be left who may change teams. Give that permission to someone else first.',
      );
    }
  }

  async teamsList(organizer: string): Promise<TeamSummary[]> {
    await this.enter('teamsList', [organizer]);
    return clone(this.teamsOf(organizer).map((t) => this.summary(t)));
  }

  async teamsDetail(organizer: string, teamId: number): Promise<TeamDetail> {
    await this.enter('teamsDetail', [organizer, teamId]);
    return this.detail(this.findTeam(organizer, teamId));
  }

  async teamsAdd(organizer: string, input: TeamInput): Promise<TeamDetail> {
    await this.enter('teamsAdd', [organizer, input]);
    const team = makeTeam(this.teamFields(input));
    this.teamsOf(organizer).push(team);
    return this.detail(team);
  }

  async teamsEdit(organizer: string, teamId: number, input: TeamInput): Promise<TeamDetail> {
    await this.enter('teamsEdit', [organizer, teamId, input]);
    const fields = this.teamFields(input);
    this.findTeam(organizer, teamId);
    this.refuseLockout(organizer, () => Object.assign(this.findTeam(organizer, teamId), fields));
    return this.detail(this.findTeam(organizer, teamId));
  }

  async teamsRemove(organizer: string, teamId: number): Promise<void> {
    await this.enter('teamsRemove', [organizer, teamId]);
    this.findTeam(organizer, teamId);
    this.refuseLockout(organizer, () => {
      this.teams[organizer] = this.teamsOf(organizer).filter((t) => t.team_id !== teamId);
    });
  }

  async teamsAddMember(organizer: string, teamId: number, input: MemberInput): Promise<TeamDetail> {
    await this.enter('teamsAddMember', [organizer, teamId, input]);
    const team = this.findTeam(organizer, teamId);
    const email = input.email.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      const fields = { email: ['Enter a valid email address.'] };
      throw new AppError('validation', 'Please correct the marked fields.', fields);
    }
    let user = this.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (user && team.member_ids.includes(user.id)) {
      throw new AppError('refused', 'This user already has permissions for this team.');
    }
    if (!user) {
      if (!input.password) {
        throw new AppError('validation', 'Please correct the marked fields.', {
          password: [
            'Nobody has a staff account with this address yet. Give a name and an initial password to create one.',
          ],
        });
      }
      if (input.password.length < 8) {
        throw new AppError('validation', 'Please correct the marked fields.', {
          password: ['This password is too short. It must contain at least 8 characters.'],
        });
      }
      user = {
        id: Math.max(0, ...this.users.map((u) => u.id)) + 1,
        email,
        password: input.password,
        fullname: input.fullname?.trim() || null,
        locale: 'en',
      };
      this.users.push(user);
      for (const other of Object.values(this.teams).flat()) {
        if (other.invites.some((i) => i.toLowerCase() === email.toLowerCase())) {
          other.invites = other.invites.filter((i) => i.toLowerCase() !== email.toLowerCase());
          if (!other.member_ids.includes(user.id)) other.member_ids.push(user.id);
        }
      }
    }
    if (!team.member_ids.includes(user.id)) team.member_ids.push(user.id);
    return this.detail(team);
  }

  async teamsTakeOut(organizer: string, teamId: number, userId: number): Promise<TeamDetail> {
    await this.enter('teamsTakeOut', [organizer, teamId, userId]);
    const team = this.findTeam(organizer, teamId);
    if (!team.member_ids.includes(userId)) throw new AppError('not_found', 'This user is not in the team.');
    this.refuseLockout(organizer, () => {
      this.findTeam(organizer, teamId).member_ids = team.member_ids.filter((id) => id !== userId);
    });
    return this.detail(this.findTeam(organizer, teamId));
  }

  async teamsAddToken(organizer: string, teamId: number, input: TokenInput): Promise<CreatedToken> {
    await this.enter('teamsAddToken', [organizer, teamId, input]);
    const team = this.findTeam(organizer, teamId);
    const name = input.name.trim();
    if (name === '') {
      const fields = { name: ['This field may not be blank.'] };
      throw new AppError('validation', 'Please correct the marked fields.', fields);
    }
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const secret = Array.from(crypto.getRandomValues(new Uint8Array(64)), (n) => alphabet[n % alphabet.length]).join('');
    this.lastTokenId += 1;
    const token = { token_id: this.lastTokenId, name, active: true, secret };
    team.tokens.push(token);
    return { token: { token_id: token.token_id, name, active: true }, secret };
  }

  async teamsDeactivateToken(organizer: string, teamId: number, tokenId: number): Promise<TeamDetail> {
    await this.enter('teamsDeactivateToken', [organizer, teamId, tokenId]);
    const team = this.findTeam(organizer, teamId);
    const token = team.tokens.find((t) => t.token_id === tokenId);
    if (!token) throw new AppError('not_found', 'This token does not exist.');
    token.active = false;
    return this.detail(team);
  }

  async listenerStatus(): Promise<ListenerStatus | null> {
    await this.enter('listenerStatus', []);
    this.session();
    return clone(this.listener);
  }

  async listenerApply(settings: ListenerSettings): Promise<ListenerStatus> {
    await this.enter('listenerApply', [settings]);
    const user = this.session().user;
    if (!this.listener) {
      throw new AppError('refused', 'The listener is changed in the Tessera window on the desk computer.');
    }
    if (!user.is_admin) throw new AppError('forbidden', 'You do not have permission to perform this action.');
    if (!Number.isInteger(settings.port) || settings.port < 1024 || settings.port > 65535) {
      const fields = { port: ['Choose a port from 1024 to 65535.'] };
      throw new AppError('validation', 'Please correct the marked fields.', fields);
    }
    this.listener = makeListener(settings);
    if (this.listener.terminal_url) this.deviceUrl = this.listener.terminal_url;
    return clone(this.listener);
  }

  async updatesSettings(): Promise<UpdateSettings | null> {
    await this.enter('updatesSettings', []);
    this.session();
    return clone(this.updates.settings);
  }

  async updatesSaveSettings(settings: UpdateSettings): Promise<UpdateSettings> {
    await this.enter('updatesSaveSettings', [settings]);
    this.requireAdmin();
    return this.updates.saveSettings(settings);
  }

  async updatesCheck(): Promise<UpdateCheck> {
    await this.enter('updatesCheck', []);
    this.session();
    return this.updates.check();
  }

  async updatesLatest(): Promise<UpdateCheck | null> {
    await this.enter('updatesLatest', []);
    this.session();
    return clone(this.updates.latest);
  }

  async updatesInstall(): Promise<UpdateCheck> {
    await this.enter('updatesInstall', []);
    this.requireAdmin();
    return this.updates.install();
  }

  async updatesRestart(): Promise<void> {
    await this.enter('updatesRestart', []);
    this.session();
    this.updates.restarts += 1;
  }

  onUpdateChecked(listener: (event: UpdateChecked) => void): () => void {
    return this.updates.listen(listener);
  }

  /** Fails with `forbidden` unless the user holds one of `permissions` in the organizer. */
  private requireAny(organizer: string, permissions: string[]): void {
    const held = this.organizers.find((o) => o.slug === organizer)?.permissions ?? [];
    if (!permissions.some((p) => held.includes(p))) throw new AppError('forbidden', FORBIDDEN);
  }

  private cardsOf(organizer: string): FakeCards {
    this.list(organizer);
    return new FakeCards((this.cards[organizer] ??= []), () => this.membershipNow());
  }

  /** The organizer's credit ledger; tests seed it with `post`. */
  ledger(organizer: string): FakeLedger {
    this.list(organizer);
    return (this.ledgers[organizer] ??= new FakeLedger());
  }

  private booker(): Booker {
    return { by: this.session().user.email, at: this.now() };
  }

  async cardsList(organizer: string, identifier: string): Promise<Card[]> {
    await this.enter('cardsList', [organizer, identifier]);
    this.requireAny(organizer, CARDS_READ);
    this.find(organizer, identifier);
    return this.cardsOf(organizer).of(identifier);
  }

  async cardsIssue(organizer: string, identifier: string, input: CardInput): Promise<Card> {
    await this.enter('cardsIssue', [organizer, identifier, input]);
    this.requireAny(organizer, CARDS_WRITE);
    this.find(organizer, identifier);
    const cards = this.cardsOf(organizer);
    return cards.wire(cards.issue(identifier, input, this.now()));
  }

  private moveCard(organizer: string, identifier: string, cardId: number, to: Card['status'], reason: string | null): Card {
    this.requireAny(organizer, CARDS_WRITE);
    this.find(organizer, identifier);
    const cards = this.cardsOf(organizer);
    return cards.wire(cards.transition(cards.find(identifier, cardId), to, reason, this.now()));
  }

  async cardsBlock(organizer: string, identifier: string, cardId: number, input: CardStatusInput): Promise<Card> {
    await this.enter('cardsBlock', [organizer, identifier, cardId, input]);
    return this.moveCard(organizer, identifier, cardId, 'Blocked', input.reason);
  }

  async cardsUnblock(organizer: string, identifier: string, cardId: number): Promise<Card> {
    await this.enter('cardsUnblock', [organizer, identifier, cardId]);
    return this.moveCard(organizer, identifier, cardId, 'Active', null);
  }

  async cardsLost(organizer: string, identifier: string, cardId: number, input: CardStatusInput): Promise<Card> {
    await this.enter('cardsLost', [organizer, identifier, cardId, input]);
    return this.moveCard(organizer, identifier, cardId, 'Lost', input.reason);
  }

  async cardsReplace(organizer: string, identifier: string, cardId: number, input: ReplaceInput): Promise<Card> {
    await this.enter('cardsReplace', [organizer, identifier, cardId, input]);
    this.requireAny(organizer, CARDS_WRITE);
    this.find(organizer, identifier);
    const cards = this.cardsOf(organizer);
    return cards.wire(cards.replace(cards.find(identifier, cardId), input, this.now()));
  }

  async cardsScan(organizer: string, serial: string): Promise<PosLookup> {
    await this.enter('cardsScan', [organizer, serial]);
    this.requireAny(organizer, CARDS_READ);
    const cards = this.cardsOf(organizer);
    const found = cards.bySerial(serial);
    if (!found) throw new AppError('not_found', 'No Card matches the given query.');
    const customer = this.find(organizer, found.customer);
    const card = cards.wire(found);
    const refusals: Record<Card['status'], string | null> = {
      Active: card.isActive ? null : 'This card is not valid at this time.',
      Blocked: 'This card is blocked.',
      Lost: 'This card was reported lost.',
      Replaced: 'This card was replaced by another card.',
    };
    const refusal = refusals[card.status] ?? (customer.is_active ? null : 'This customer account is not active.');
    const memberships = this.membershipsOf(organizer)
      .filter((m) => m.customer === customer.identifier && !m.testmode && this.standing(organizer, m) === 'valid')
      .map((m) => {
        const status = this.status(organizer, m);
        return {
          id: m.id,
          typeName: this.findType(organizer, m.membership_type).name.en ?? '',
          dateStart: m.date_start,
          dateEnd: m.date_end,
          usesLeft: status.uses_left,
          attendeeName: displayName(m.attendee_name_parts ?? {}) || null,
        };
      });
    return {
      customer: {
        id: customer.identifier,
        name: customer.name,
        email: customer.email,
        phone: customer.phone,
        isActive: customer.is_active,
      },
      card,
      credit: this.ledger(organizer).balance(customer.identifier),
      discountRate: '0.00',
      memberships,
      canUse: refusal === null,
      refusal,
    };
  }

  async creditBalance(organizer: string, identifier: string): Promise<CreditBalance> {
    await this.enter('creditBalance', [organizer, identifier]);
    this.requireAny(organizer, CREDIT_READ);
    this.find(organizer, identifier);
    return this.ledger(organizer).balance(identifier);
  }

  async creditEntries(organizer: string, identifier: string, skip: number, take: number): Promise<EntryPage> {
    await this.enter('creditEntries', [organizer, identifier, skip, take]);
    this.requireAny(organizer, CREDIT_READ);
    this.find(organizer, identifier);
    return this.ledger(organizer).page(identifier, skip, take);
  }

  async creditTopup(organizer: string, identifier: string, input: CreditInput): Promise<Booking> {
    await this.enter('creditTopup', [organizer, identifier, input]);
    this.requireAny(organizer, CREDIT_WRITE);
    this.find(organizer, identifier);
    return this.ledger(organizer).book(identifier, 'TopUp', input, this.booker());
  }

  async creditCharge(organizer: string, identifier: string, input: CreditInput): Promise<Booking> {
    await this.enter('creditCharge', [organizer, identifier, input]);
    this.requireAny(organizer, CREDIT_WRITE);
    const customer = this.find(organizer, identifier);
    return this.ledger(organizer).book(identifier, 'Charge', input, this.booker(), customer.is_active);
  }

  async creditRefund(organizer: string, identifier: string, input: UndoInput): Promise<Booking> {
    await this.enter('creditRefund', [organizer, identifier, input]);
    return this.undoEntry(organizer, identifier, 'Refund', input);
  }

  async creditReverse(organizer: string, identifier: string, input: UndoInput): Promise<Booking> {
    await this.enter('creditReverse', [organizer, identifier, input]);
    return this.undoEntry(organizer, identifier, 'Reversal', input);
  }

  private undoEntry(organizer: string, identifier: string, kind: 'Refund' | 'Reversal', input: UndoInput): Booking {
    this.requireAny(organizer, CREDIT_WRITE);
    this.find(organizer, identifier);
    return this.ledger(organizer).undo(identifier, kind, input, this.booker());
  }

  async creditAdjust(organizer: string, identifier: string, input: AdjustmentInput): Promise<Booking> {
    await this.enter('creditAdjust', [organizer, identifier, input]);
    this.requireAny(organizer, ['organizer.customers:write']);
    this.requireAny(organizer, ['organizer.giftcards:write']);
    this.find(organizer, identifier);
    return this.ledger(organizer).adjust(identifier, input, this.booker());
  }

  async creditSettings(organizer: string): Promise<CreditSettings> {
    await this.enter('creditSettings', [organizer]);
    this.requireAny(organizer, CREDIT_READ);
    return this.ledger(organizer).settings();
  }

  async creditSaveSettings(organizer: string, input: CreditSettingsInput): Promise<CreditSettings> {
    await this.enter('creditSaveSettings', [organizer, input]);
    this.requireAny(organizer, ['organizer.settings.general:write']);
    return this.ledger(organizer).saveSettings(input);
  }

  /** The organizer's outbox and SMTP settings; tests seed mails and set how the server answers. */
  outbox(organizer: string): FakeOutbox {
    this.list(organizer);
    return (this.outboxes[organizer] ??= new FakeOutbox());
  }

  async outboxList(organizer: string): Promise<OutboxMail[]> {
    await this.enter('outboxList', [organizer]);
    this.requireAny(organizer, OUTBOX_READ);
    const outbox = this.outbox(organizer);
    outbox.deliverDue(this.now());
    return clone(outbox.list());
  }

  async outboxRetry(organizer: string, mailId: number): Promise<void> {
    await this.enter('outboxRetry', [organizer, mailId]);
    this.requireAny(organizer, [SETTINGS_WRITE]);
    this.outbox(organizer).retry(mailId, this.now());
  }

  async mailSettings(organizer: string): Promise<MailSettings | null> {
    await this.enter('mailSettings', [organizer]);
    this.requireAny(organizer, [SETTINGS_WRITE]);
    return clone(this.outbox(organizer).shown());
  }

  async mailSettingsSave(organizer: string, input: MailSettingsInput): Promise<MailSettings> {
    await this.enter('mailSettingsSave', [organizer, input]);
    this.requireAny(organizer, [SETTINGS_WRITE]);
    return clone(this.outbox(organizer).save(input));
  }

  async mailSettingsTest(organizer: string, input: TestMailInput): Promise<OutboxMail> {
    await this.enter('mailSettingsTest', [organizer, input]);
    this.requireAny(organizer, [SETTINGS_WRITE]);
    const name = this.organizers.find((o) => o.slug === organizer)?.name ?? organizer;
    return clone(this.outbox(organizer).queueTest(input.to, input.locale, name, this.now()));
  }

  /** The organizer's events; tests and the demo seed products, quotas and waiting entries here. */
  events(organizer: string): FakeEvents {
    this.list(organizer);
    return (this.eventStores[organizer] ??= new FakeEvents(() => this.now()));
  }

  /** Fails with `forbidden` unless the user holds one of `permissions` in the event. */
  private requireEvent(organizer: string, event: string, permissions: string[]): void {
    const held = this.events(organizer).find(event).permissions;
    if (!permissions.some((p) => held.includes(p))) throw new AppError('forbidden', FORBIDDEN);
  }

  async eventsList(organizer: string): Promise<EventSummary[]> {
    await this.enter('eventsList', [organizer]);
    return this.events(organizer).summaries();
  }

  async eventsCreate(organizer: string, input: NewEvent): Promise<Event> {
    await this.enter('eventsCreate', [organizer, input]);
    this.requireAny(organizer, ['organizer.events:create']);
    return clone(this.events(organizer).create(input));
  }

  async eventsDetail(organizer: string, event: string): Promise<EventDetail> {
    await this.enter('eventsDetail', [organizer, event]);
    return this.events(organizer).detail(event);
  }

  async eventsAddSubevent(organizer: string, event: string, input: NewSubEvent): Promise<SubEvent> {
    await this.enter('eventsAddSubevent', [organizer, event, input]);
    this.requireEvent(organizer, event, ['event.subevents:write']);
    return this.events(organizer).addSubevent(event, input);
  }

  async eventsAddItem(organizer: string, event: string, input: NewItem): Promise<Item> {
    await this.enter('eventsAddItem', [organizer, event, input]);
    this.requireEvent(organizer, event, ['event.items:write']);
    return this.events(organizer).addItem(event, input);
  }

  async eventsSaveQuota(organizer: string, event: string, quotaId: number | null, input: QuotaInput): Promise<Quota> {
    await this.enter('eventsSaveQuota', [organizer, event, quotaId, input]);
    this.requireEvent(organizer, event, ['event.items:write']);
    return this.events(organizer).saveQuota(event, quotaId, input);
  }

  async eventsSaveWaitingListSettings(
    organizer: string,
    event: string,
    input: WaitingListSettingsView,
  ): Promise<WaitingListSettingsView> {
    await this.enter('eventsSaveWaitingListSettings', [organizer, event, input]);
    this.requireEvent(organizer, event, ['event.settings.general:write']);
    return this.events(organizer).saveSettings(event, input);
  }

  async waitingList(organizer: string, event: string): Promise<WaitingListRow[]> {
    await this.enter('waitingList', [organizer, event]);
    this.requireEvent(organizer, event, ['event.orders:read']);
    return this.events(organizer).rows(event);
  }

  async waitingListAdd(organizer: string, event: string, input: DeskEntryInput): Promise<WaitingListEntry> {
    await this.enter('waitingListAdd', [organizer, event, input]);
    this.requireEvent(organizer, event, ['event.orders:write']);
    return this.events(organizer).addEntry(event, input);
  }

  async waitingListEdit(
    organizer: string,
    event: string,
    entryId: number,
    input: DeskEntryInput,
  ): Promise<WaitingListEntry> {
    await this.enter('waitingListEdit', [organizer, event, entryId, input]);
    this.requireEvent(organizer, event, ['event.orders:write']);
    return this.events(organizer).editEntry(event, entryId, input);
  }

  async waitingListRemove(organizer: string, event: string, entryId: number): Promise<void> {
    await this.enter('waitingListRemove', [organizer, event, entryId]);
    this.requireEvent(organizer, event, ['event.orders:write']);
    this.events(organizer).removeEntry(event, entryId);
  }

  async waitingListSendVoucher(organizer: string, event: string, entryId: number): Promise<Voucher> {
    await this.enter('waitingListSendVoucher', [organizer, event, entryId]);
    this.requireEvent(organizer, event, ['event.orders:write']);
    return this.events(organizer).sendVoucher(event, entryId);
  }

  async vouchersRedeem(organizer: string, event: string, voucherId: number): Promise<Voucher> {
    await this.enter('vouchersRedeem', [organizer, event, voucherId]);
    this.requireEvent(organizer, event, ['event.vouchers:write', 'event.orders:write']);
    return this.events(organizer).redeem(event, voucherId);
  }

  /** The logged-in user as the access store needs them; `unauthenticated` when nobody is. */
  private accessUser(): AccessUser {
    const { user } = this.session();
    return { id: user.id, email: user.email, is_admin: user.is_admin };
  }

  async oauthApplications(): Promise<OAuthApplication[]> {
    await this.enter('oauthApplications', []);
    return this.access.applicationsOf(this.accessUser());
  }

  async oauthRegister(input: NewOAuthApplication): Promise<RegisteredApplication> {
    await this.enter('oauthRegister', [input]);
    return this.access.register(this.accessUser(), input);
  }

  async oauthDeactivate(applicationId: number): Promise<void> {
    await this.enter('oauthDeactivate', [applicationId]);
    this.access.deactivate(this.accessUser(), applicationId);
  }

  async oauthGrants(): Promise<OAuthGrant[]> {
    await this.enter('oauthGrants', []);
    return this.access.grantsOf(this.accessUser());
  }

  async oauthRevokeGrant(grantId: number): Promise<void> {
    await this.enter('oauthRevokeGrant', [grantId]);
    this.access.revoke(this.accessUser(), grantId);
  }

  async resellersList(): Promise<ResellerOverview[]> {
    await this.enter('resellersList', []);
    return this.access.overview(this.accessUser(), this.organizers);
  }

  async resellersCreate(input: NewResellerAccount): Promise<ResellerAccount> {
    await this.enter('resellersCreate', [input]);
    return this.access.create(this.accessUser(), input);
  }

  async resellersAddMember(resellerId: number, email: string): Promise<void> {
    await this.enter('resellersAddMember', [resellerId, email]);
    this.access.addMember(
      this.accessUser(),
      resellerId,
      email,
      this.users.map((u) => u.email),
    );
  }

  async resellersLinkOrganizer(resellerId: number, organizer: string): Promise<void> {
    await this.enter('resellersLinkOrganizer', [resellerId, organizer]);
    this.access.link(
      this.accessUser(),
      resellerId,
      organizer,
      this.organizers.map((o) => o.slug),
    );
  }

  /** Fails with `forbidden` unless an administrator is logged in. */
  private requireAdmin(): Session['user'] {
    const { user } = this.session();
    if (!user.is_admin) throw new AppError('forbidden', FORBIDDEN);
    return user;
  }

  async backupsOverview(): Promise<BackupOverview> {
    await this.enter('backupsOverview', []);
    this.requireAdmin();
    return this.backups.overview(this.now());
  }

  async backupsCreate(to: string | null): Promise<BackupInfo> {
    await this.enter('backupsCreate', [to]);
    this.requireAdmin();
    return this.backups.create(to, this.now());
  }

  async backupsSaveSettings(settings: BackupSettings): Promise<BackupOverview> {
    await this.enter('backupsSaveSettings', [settings]);
    this.requireAdmin();
    return this.backups.saveSettings(settings, this.now());
  }

  /** As the core's: the restored data may not know the user, so the desk session ends. */
  async backupsRestore(path: string): Promise<RestoreOutcome> {
    await this.enter('backupsRestore', [path]);
    this.requireAdmin();
    const outcome = this.backups.restore(path, this.now());
    this.loggedInAs = null;
    return outcome;
  }

  async dashboard(organizer: string, since: string): Promise<Dashboard> {
    await this.enter('dashboard', [organizer, since]);
    const { user } = this.session();
    this.list(organizer);
    if (Number.isNaN(Date.parse(since))) {
      throw new AppError('validation', 'Some fields are not valid.', { since: ['Enter a valid date and time.'] });
    }
    const memberships = this.membershipsOf(organizer);
    return dashboardOf({
      currency: this.ledger(organizer).currency,
      since,
      now: this.membershipNow(),
      entries: this.ledger(organizer).entries,
      memberships: this.types(organizer).map((type) => ({
        type,
        active: memberships.filter((m) => m.membership_type === type.id && this.standing(organizer, m) === 'valid')
          .length,
      })),
      events: this.events(organizer).events,
      devices: this.devices[organizer] ?? [],
      mails: this.outbox(organizer).mails,
      lastBackup: user.is_admin ? this.backups.last() : null,
      locale: user.locale,
    });
  }

  async exportCsv(organizer: string, request: ExportRequest): Promise<SavedExport> {
    await this.enter('exportCsv', [organizer, request]);
    this.list(organizer);
    if (request.kind === 'customers' || request.kind === 'memberships') {
      this.requireAny(organizer, ['organizer.customers:read']);
    } else if (request.kind === 'ledger' || request.kind === 'ledger_summary') {
      this.requireAny(organizer, ['organizer.giftcards:read']);
    } else if (request.event !== null) {
      this.requireEvent(organizer, request.event, ['event.orders:read']);
    }
    return this.exports.save(request, {
      organizer,
      customers: this.list(organizer).length,
      memberships: this.membershipsOf(organizer).length,
      entries: this.ledger(organizer).entries,
      events: this.events(organizer).events.filter((e) => e.permissions.includes('event.orders:read')),
      now: this.now(),
    });
  }

  /** What an import's rows are checked against; `forbidden` without `organizer.customers:write`. */
  private importContext(organizer: string): ImportContext {
    this.requireAny(organizer, ['organizer.customers:write']);
    const summary = this.organizers.find((o) => o.slug === organizer);
    return {
      nameFields: summary?.name_fields ?? ['full_name'],
      customers: this.list(organizer),
      cardSerials: (this.cards[organizer] ?? []).map((c) => c.serialNumber),
      membershipTypes: this.types(organizer),
      mayBookCredit: summary?.permissions.includes('organizer.giftcards:write') ?? false,
    };
  }

  /** Writes a finished import's rows: customers with their card and opening credit, or memberships. */
  private writeImport(organizer: string, kind: ImportKind, records: ImportRecord[]): number {
    const scheme = this.organizers.find((o) => o.slug === organizer)?.name_scheme ?? 'full';
    const nameFields = this.organizers.find((o) => o.slug === organizer)?.name_fields ?? ['full_name'];
    for (const record of records) {
      if (kind === 'memberships') {
        const customer = findCustomer(this.list(organizer), record.customer);
        const type = findType(this.types(organizer), record.membership_type);
        if (!customer || !type) continue;
        this.membershipsOf(organizer).push(
          makeMembership({
            customer: customer.identifier,
            membership_type: type.id,
            testmode: isTrue(record.testmode),
            date_start: record.date_start ?? this.now(),
            date_end: record.date_end,
            attendee_name_parts: record.attendee_name ? { _legacy: record.attendee_name } : {},
          }),
        );
        continue;
      }
      const name_parts: Record<string, string> = { _scheme: scheme };
      for (const key of nameFields) if (record[key] !== undefined) name_parts[key] = record[key];
      const now = this.now();
      const customer = makeCustomer({
        email: record.email?.toLowerCase() ?? null,
        external_identifier: record.external_identifier ?? null,
        phone: record.phone ?? null,
        locale: record.locale ?? 'en',
        notes: record.notes ?? null,
        name_parts,
        name: displayName(name_parts),
        date_joined: now,
        last_modified: now,
      });
      this.list(organizer).unshift(customer);
      if (record.card !== undefined) {
        (this.cards[organizer] ??= []).push(
          makeCard({ customer: customer.identifier, serialNumber: normalizeSerial(record.card) }),
        );
      }
      if (record.credit !== undefined && /[1-9]/.test(record.credit)) {
        this.ledger(organizer).seed(customer.identifier, 'TopUp', record.credit, { note: 'Opening balance' }, this.booker());
      }
    }
    return records.length;
  }

  async importPreview(organizer: string, kind: ImportKind, csv: string): Promise<ImportPreview> {
    await this.enter('importPreview', [organizer, kind, csv]);
    return this.imports.preview(kind, csv, this.importContext(organizer));
  }

  async importValidate(organizer: string, id: string, mapping: (string | null)[]): Promise<ImportReport> {
    await this.enter('importValidate', [organizer, id, mapping]);
    return clone(this.imports.validate(id, mapping, this.importContext(organizer)));
  }

  async importCommit(organizer: string, id: string, mapping: (string | null)[]): Promise<ImportProgress> {
    await this.enter('importCommit', [organizer, id, mapping]);
    return clone(this.imports.commit(id, mapping, this.importContext(organizer)));
  }

  async importProgress(organizer: string, id: string): Promise<ImportProgress> {
    await this.enter('importProgress', [organizer, id]);
    this.requireAny(organizer, ['organizer.customers:write']);
    return this.imports.progress(id, (kind, records) => this.writeImport(organizer, kind, records));
  }
}
