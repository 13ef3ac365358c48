// User-level access for the desk, one function per operation: the OAuth applications a user
// registered, the access they gave applications, and reseller accounts. None of it belongs to an
// organizer; the backend answers for the logged-in user.
import type {
  Backend,
  NewResellerAccount,
  OAuthApplication,
  OAuthGrant,
  OrganizerSummary,
  RegisteredApplication,
  ResellerAccount,
  ResellerOverview,
} from '../../lib/backend/backend';
import { m } from './messages';

export function listApplications(backend: Backend): Promise<OAuthApplication[]> {
  return backend.oauthApplications();
}

/**
 * Registers an application; redirect URIs go one a line. Resolves with a confidential client's
 * secret, which the backend never shows again.
 */
export function registerApplication(
  backend: Backend,
  input: { name: string; redirectUris: string; confidential: boolean },
): Promise<RegisteredApplication> {
  return backend.oauthRegister({
    name: input.name.trim(),
    redirect_uris: input.redirectUris
      .split(/\s+/)
      .filter((uri) => uri !== '')
      .join('\n'),
    confidential: input.confidential,
  });
}

/** For good: the application's tokens stop working at once, and it stays listed as retired. */
export function retireApplication(backend: Backend, applicationId: number): Promise<void> {
  return backend.oauthDeactivate(applicationId);
}

export function listGrants(backend: Backend): Promise<OAuthGrant[]> {
  return backend.oauthGrants();
}

/** The application's access and refresh tokens stop working at once. */
export function revokeGrant(backend: Backend, grantId: number): Promise<void> {
  return backend.oauthRevokeGrant(grantId);
}

export function listResellers(backend: Backend): Promise<ResellerOverview[]> {
  return backend.resellersList();
}

/** Administrators only; the creator becomes the account's first member. */
export function createReseller(backend: Backend, input: NewResellerAccount): Promise<ResellerAccount> {
  return backend.resellersCreate({
    name: input.name.trim(),
    public_name: input.public_name.trim(),
    public_url: input.public_url.trim(),
    support_email: input.support_email.trim(),
    support_phone: input.support_phone.trim(),
    communication_language: input.communication_language,
  });
}

/** Administrators only; `validation` on `email` when no staff user has the address. */
export function addResellerMember(backend: Backend, resellerId: number, email: string): Promise<void> {
  return backend.resellersAddMember(resellerId, email.trim());
}

/** Administrators only: the organizer moves into the account (out of any other). */
export function linkResellerOrganizer(backend: Backend, resellerId: number, organizer: string): Promise<void> {
  return backend.resellersLinkOrganizer(resellerId, organizer);
}

/**
 * Where the listener answers, for the addresses a developer needs: the address terminals are told
 * in the window, this page's own origin in a browser (which reached the listener to load it).
 * Null when the window's listener is not running.
 */
export async function listenerBase(backend: Backend, origin: string): Promise<string | null> {
  const status = await backend.listenerStatus();
  if (status === null) return origin;
  return status.terminal_url;
}

export interface OAuthEndpoint {
  key: string;
  /** In the window's language. */
  label: string;
  url: string;
}

/** The OAuth endpoints under `base` (`http://host:port`), as pretix names them. */
export function oauthEndpoints(base: string): OAuthEndpoint[] {
  const root = base.replace(/\/+$/, '');
  return [
    { key: 'authorize', label: m().authorizeUrl, url: `${root}/api/v1/oauth/authorize` },
    { key: 'token', label: m().tokenUrl, url: `${root}/api/v1/oauth/token` },
    { key: 'revoke', label: m().revocationUrl, url: `${root}/api/v1/oauth/revoke_token` },
    { key: 'api', label: m().apiRoot, url: `${root}/api/v1/` },
  ];
}

/** The scopes of a grant ("read write") in words, in the order given. */
export function scopeLabels(scopes: string): string[] {
  const t = m();
  const labels: Record<string, string> = { read: t.scopeRead, write: t.scopeWrite, profile: t.scopeProfile };
  return scopes
    .split(/[\s+]+/)
    .filter((s) => s !== '')
    .map((s) => labels[s] ?? s);
}

/** An organizer's name where the session knows it, else its slug. */
export function organizerName(organizers: OrganizerSummary[], slug: string): string {
  return organizers.find((o) => o.slug === slug)?.name ?? slug;
}
