// User-level access as the fake backend keeps it, with the core's rules: OAuth applications per
// user (a confidential client's secret handed out once), the access users gave applications
// (revoked ones no longer listed), and reseller accounts that only installation administrators
// change.
import {
  AppError,
  type NewOAuthApplication,
  type NewResellerAccount,
  type OAuthApplication,
  type OAuthGrant,
  type OrganizerSummary,
  type RegisteredApplication,
  type ResellerAccount,
  type ResellerOverview,
} from '../lib/backend/backend';

/** An application as the fake keeps it: whose it is, and the secret a real core would only hash. */
export interface FakeApplication extends OAuthApplication {
  user_id: number;
  secret: string | null;
}

/** Access a user gave, until revoked. */
export interface FakeGrant extends OAuthGrant {
  user_id: number;
  revoked: boolean;
}

/** An account with its organizers (slugs) and members (emails). */
export interface FakeReseller {
  account: ResellerAccount;
  organizers: string[];
  members: string[];
}

/** Whom the store answers: the logged-in user. */
export interface AccessUser {
  id: number;
  email: string;
  is_admin: boolean;
}

const FORBIDDEN = 'You do not have permission to perform this action.';

let counter = 0;

function next(): number {
  counter += 1;
  return counter;
}

function randomText(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/** A confidential application of user 1, registered on 20 November 2026. */
export function makeApplication(overrides: Partial<FakeApplication> = {}): FakeApplication {
  const id = next();
  return {
    id,
    name: `App ${id}`,
    client_id: `client${String(id).padStart(4, '0')}${'x'.repeat(28)}`,
    confidential: true,
    redirect_uris: ['https://app.example/callback'],
    active: true,
    created_at: '2026-11-20T09:00:00Z',
    user_id: 1,
    secret: null,
    ...overrides,
  };
}

/** Access user 1 gave an application to read and change data of organizer "demo". */
export function makeGrant(overrides: Partial<FakeGrant> = {}): FakeGrant {
  return {
    id: 300 + next(),
    application: 'Ticket shop',
    scopes: 'read write',
    organizers: ['demo'],
    created_at: '2026-11-21T15:30:00Z',
    user_id: 1,
    revoked: false,
    ...overrides,
  };
}

export function makeReseller(overrides: Partial<ResellerAccount> = {}, links: Partial<FakeReseller> = {}): FakeReseller {
  return {
    account: {
      id: 700 + next(),
      name: 'Venue Partners',
      public_name: 'Venue Partners Ltd.',
      public_url: 'https://partners.example',
      support_email: 'support@partners.example',
      support_phone: '+49 30 1234567',
      communication_language: 'en',
      ...overrides,
    },
    organizers: links.organizers ?? [],
    members: links.members ?? [],
  };
}

/** The core's rule for redirect URIs: https, or http to this machine or a private network. */
function redirectUriError(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not an absolute URL.`;
  }
  if (raw.includes('#')) return `"${raw}" must not contain a fragment.`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const local =
    host === 'localhost' ||
    host === '::1' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return null;
  return `"${raw}" must use https (http only to this machine or a private network).`;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class FakeAccess {
  applications: FakeApplication[];
  grants: FakeGrant[];
  resellers: FakeReseller[];
  private readonly now: () => string;

  constructor(
    seed: { applications?: FakeApplication[]; grants?: FakeGrant[]; resellers?: FakeReseller[] } | undefined,
    now: () => string,
  ) {
    this.now = now;
    seed ??= {};
    this.applications = seed.applications ?? [];
    this.grants = seed.grants ?? [];
    this.resellers = seed.resellers ?? [];
  }

  applicationsOf(user: AccessUser): OAuthApplication[] {
    return this.applications.filter((a) => a.user_id === user.id).map((a) => shownApplication(a));
  }

  register(user: AccessUser, input: NewOAuthApplication): RegisteredApplication {
    const fields: Record<string, string[]> = {};
    const name = input.name.trim();
    if (name === '') fields.name = ['This field may not be blank.'];
    const uris = input.redirect_uris.split(/\s+/).filter((u) => u !== '');
    if (uris.length === 0) fields.redirect_uris = ['Enter at least one redirect URI.'];
    const uriErrors = uris.map(redirectUriError).filter((m): m is string => m !== null);
    if (uriErrors.length > 0) fields.redirect_uris = uriErrors;
    if (Object.keys(fields).length > 0) throw new AppError('validation', 'Please correct the marked fields.', fields);
    const application: FakeApplication = {
      ...makeApplication(),
      name,
      client_id: randomText(40),
      confidential: input.confidential,
      redirect_uris: uris,
      created_at: this.now(),
      user_id: user.id,
      secret: input.confidential ? randomText(128) : null,
    };
    this.applications.push(application);
    return { application: shownApplication(application), client_secret: application.secret };
  }

  deactivate(user: AccessUser, id: number): void {
    const application = this.applications.find((a) => a.id === id && a.user_id === user.id);
    if (!application) throw new AppError('not_found', 'Application not found.');
    application.active = false;
  }

  grantsOf(user: AccessUser): OAuthGrant[] {
    return this.grants
      .filter((g) => g.user_id === user.id && !g.revoked)
      .map(({ id, application, scopes, organizers, created_at }) =>
        clone({ id, application, scopes, organizers, created_at }),
      );
  }

  revoke(user: AccessUser, id: number): void {
    const grant = this.grants.find((g) => g.id === id && g.user_id === user.id && !g.revoked);
    if (!grant) throw new AppError('not_found', 'Grant not found.');
    grant.revoked = true;
  }

  overview(user: AccessUser, organizers: OrganizerSummary[]): ResellerOverview[] {
    const nameOf = (slug: string) => organizers.find((o) => o.slug === slug)?.name ?? slug;
    return this.resellers
      .filter((r) => user.is_admin || r.members.includes(user.email))
      .map((r) => ({
        account: clone(r.account),
        organizers: [...r.organizers].sort().map((slug): [string, string] => [slug, nameOf(slug)]),
        members: [...r.members].sort(),
      }));
  }

  create(user: AccessUser, input: NewResellerAccount): ResellerAccount {
    requireAdmin(user);
    if (input.name.trim() === '') throw new AppError('validation', 'Please correct the marked fields.', { name: ['This field may not be blank.'] });
    const reseller = makeReseller({ ...input }, { members: [user.email] });
    this.resellers.push(reseller);
    return clone(reseller.account);
  }

  addMember(user: AccessUser, id: number, email: string, staff: string[]): void {
    requireAdmin(user);
    const address = email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      throw new AppError('validation', 'Please correct the marked fields.', { email: ['Enter a valid email address.'] });
    }
    const known = staff.find((s) => s.toLowerCase() === address);
    if (!known) {
      throw new AppError('validation', 'Please correct the marked fields.', {
        email: ['No staff user has this email address.'],
      });
    }
    const reseller = this.find(id);
    if (!reseller.members.includes(known)) reseller.members.push(known);
  }

  link(user: AccessUser, id: number, organizer: string, known: string[]): void {
    requireAdmin(user);
    if (!known.includes(organizer)) throw new AppError('not_found', 'Organizer not found.');
    const reseller = this.find(id);
    for (const other of this.resellers) other.organizers = other.organizers.filter((o) => o !== organizer);
    reseller.organizers.push(organizer);
  }

  private find(id: number): FakeReseller {
    const reseller = this.resellers.find((r) => r.account.id === id);
    if (!reseller) throw new AppError('not_found', 'ResellerAccount not found.');
    return reseller;
  }
}

function shownApplication(application: FakeApplication): OAuthApplication {
  const { id, name, client_id, confidential, redirect_uris, active, created_at } = application;
  return clone({ id, name, client_id, confidential, redirect_uris, active, created_at });
}

function requireAdmin(user: AccessUser): void {
  if (!user.is_admin) throw new AppError('forbidden', FORBIDDEN);
}
