// An in-memory Backend for component tests and design work. It follows the contract closely
// enough to exercise the UI (search, paging, validation errors, sessions) and records every
// call so tests can assert what the UI sent.
import {
  AppError,
  type Backend,
  type Customer,
  type CustomerInput,
  type CustomerPage,
  type CustomerQuery,
  type LoginInput,
  type OrganizerSummary,
  type Session,
  type SetupInput,
  type SetupStatus,
} from '../lib/backend/backend';

export interface FakeUser {
  id: number;
  email: string;
  password: string;
  fullname: string | null;
  locale: string;
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
  /** Delay before every answer, to see loading states. */
  latencyMs?: number;
}

export interface FakeCall {
  method: keyof Backend;
  args: unknown[];
}

export const DEFAULT_ORGANIZER: OrganizerSummary = {
  slug: 'demo',
  name: 'Demo Venue',
  name_scheme: 'given_family',
  name_fields: ['given_name', 'family_name'],
};

export const DEFAULT_USER: FakeUser = {
  id: 1,
  email: 'admin@example.org',
  password: 'secret-password',
  fullname: null,
  locale: 'en',
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
      user: { id: user.id, email: user.email, fullname: user.fullname, locale: user.locale },
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
    this.users = [{ id: 1, email: input.email, password: input.password, fullname: null, locale: 'en' }];
    this.organizers = [
      { slug: input.organizer_slug, name: input.organizer_name, name_scheme: 'full', name_fields: ['full_name'] },
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
}
