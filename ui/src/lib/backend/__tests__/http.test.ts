import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../backend';
import { createHttpBackend } from '../http';
import {
  CARD,
  callEveryAccessOperation,
  callEveryCardAndCreditOperation,
  callEveryEventOperation,
  callEveryOutboxOperation,
  ENTRY,
  callEveryTeamOperation,
  MAIL_SETTINGS,
  MEMBER,
  NEW_APPLICATION,
  NEW_DATE,
  NEW_EVENT,
  NEW_ITEM,
  NEW_RESELLER,
  POSTING,
  QUOTA,
  TEAM,
  TEST_MAIL,
  TOKEN,
  UNDO,
  WAITING_SETTINGS,
} from './helpers';

type FetchArgs = [string, RequestInit];

function mockFetch(...responses: (Response | Error)[]) {
  const fetchMock = vi.fn<(url: string, init: RequestInit) => Promise<Response>>();
  for (const response of responses) {
    if (response instanceof Error) fetchMock.mockRejectedValueOnce(response);
    else fetchMock.mockResolvedValueOnce(response);
  }
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const customer = {
  identifier: 'ABC1234',
  external_identifier: null,
  email: null,
  phone: null,
  name: '',
  name_parts: {},
  is_active: true,
  is_verified: true,
  last_login: null,
  date_joined: '2026-11-01T10:00:00Z',
  locale: 'en',
  last_modified: '2026-11-01T10:00:00Z',
  notes: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('HTTP backend', () => {
  it('sends the session cookie and JSON to the desk API', async () => {
    const fetchMock = mockFetch(json(201, customer));
    const input = {
      external_identifier: null,
      email: 'a@example.org',
      phone: null,
      name_parts: {},
      is_active: true,
      is_verified: true,
      locale: 'en',
      notes: null,
    };
    await expect(createHttpBackend().customersCreate('my org', input)).resolves.toEqual(customer);

    const [url, init] = fetchMock.mock.calls[0] as FetchArgs;
    expect(url).toBe('/api/desk/organizers/my%20org/customers');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual(input);
  });

  it('puts the search into the query string', async () => {
    const fetchMock = mockFetch(json(200, { items: [], total: 0, page: 2, page_size: 50 }));
    await createHttpBackend().customersSearch('demo', { search: 'müller & co', page: 2, page_size: 50 });
    const [url, init] = fetchMock.mock.calls[0] as FetchArgs;
    expect(url).toBe('/api/desk/organizers/demo/customers?search=m%C3%BCller+%26+co&page=2&page_size=50');
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
  });

  it('uses the right method and path for every customer operation', async () => {
    const fetchMock = mockFetch(json(200, customer), json(200, customer), json(200, customer));
    const backend = createHttpBackend();
    await backend.customersGet('demo', 'A/B');
    await backend.customersUpdate('demo', 'ABC1234', {
      external_identifier: null,
      email: null,
      phone: null,
      name_parts: {},
      is_active: true,
      is_verified: true,
      locale: 'en',
      notes: null,
    });
    await backend.customersAnonymize('demo', 'ABC1234');
    expect(fetchMock.mock.calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'GET /api/desk/organizers/demo/customers/A%2FB',
      'PUT /api/desk/organizers/demo/customers/ABC1234',
      'POST /api/desk/organizers/demo/customers/ABC1234/anonymize',
    ]);
  });

  it('uses the right method and path for every membership operation', async () => {
    const fetchMock = mockFetch(
      ...Array.from({ length: 10 }, (_, i) => (i === 3 ? new Response(null, { status: 204 }) : json(200, {}))),
    );
    const backend = createHttpBackend();
    const typeInput = { name: { en: 'Pass' }, transferable: false, allow_parallel_usage: true, max_usages: null };
    const input = {
      membership_type: 7,
      date_start: '2026-03-01T00:00:00Z',
      date_end: '2027-03-01T00:00:00Z',
      attendee_name_parts: {},
      testmode: false,
    };
    await backend.membershipTypesList('demo');
    await backend.membershipTypesCreate('demo', typeInput);
    await backend.membershipTypesUpdate('demo', 7, typeInput);
    await expect(backend.membershipTypesDelete('demo', 7)).resolves.toBeUndefined();
    await backend.membershipsForCustomer('demo', 'ABC1234');
    await backend.membershipsSell('demo', 'ABC1234', input);
    await backend.membershipsUpdate('demo', 12, input);
    await backend.membershipsUses('demo', 12);
    await backend.membershipsRecordUse('demo', 12, { reference: 'Gate A' });
    await backend.membershipsVoidUse('demo', 12, 99);
    expect(fetchMock.mock.calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'GET /api/desk/organizers/demo/membership-types',
      'POST /api/desk/organizers/demo/membership-types',
      'PUT /api/desk/organizers/demo/membership-types/7',
      'DELETE /api/desk/organizers/demo/membership-types/7',
      'GET /api/desk/organizers/demo/customers/ABC1234/memberships',
      'POST /api/desk/organizers/demo/customers/ABC1234/memberships',
      'PUT /api/desk/organizers/demo/memberships/12',
      'GET /api/desk/organizers/demo/memberships/12/uses',
      'POST /api/desk/organizers/demo/memberships/12/uses',
      'POST /api/desk/organizers/demo/memberships/12/uses/99/void',
    ]);
    expect(JSON.parse(fetchMock.mock.calls[8][1].body as string)).toEqual({ reference: 'Gate A' });
  });

  it('uses the right method and path for every device operation', async () => {
    const fetchMock = mockFetch(json(200, []), json(201, {}), json(200, {}), json(200, {}), json(200, {}));
    const backend = createHttpBackend();
    await backend.devicesList('demo');
    await backend.devicesAdd('demo', { name: 'Bar till' });
    await backend.devicesPairing('demo', 3);
    await backend.devicesRename('demo', 3, { name: 'Door' });
    await backend.devicesRevoke('demo', 3);
    expect(fetchMock.mock.calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'GET /api/desk/organizers/demo/devices',
      'POST /api/desk/organizers/demo/devices',
      'GET /api/desk/organizers/demo/devices/3/pairing',
      'PUT /api/desk/organizers/demo/devices/3',
      'POST /api/desk/organizers/demo/devices/3/revoke',
    ]);
    expect(JSON.parse(fetchMock.mock.calls[1][1].body as string)).toEqual({ name: 'Bar till' });
    expect(JSON.parse(fetchMock.mock.calls[3][1].body as string)).toEqual({ name: 'Door' });
  });

  it('uses the right method and path for every team operation', async () => {
    const fetchMock = mockFetch(
      json(200, []),
      json(200, {}),
      json(201, {}),
      json(200, {}),
      new Response(null, { status: 204 }),
      json(200, {}),
      json(200, {}),
      json(201, { token: { token_id: 11, name: 'Shop', active: true }, secret: 'abc' }),
      json(200, {}),
    );
    await callEveryTeamOperation(createHttpBackend());
    expect(fetchMock.mock.calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'GET /api/desk/organizers/demo/teams',
      'GET /api/desk/organizers/demo/teams/4',
      'POST /api/desk/organizers/demo/teams',
      'PUT /api/desk/organizers/demo/teams/4',
      'DELETE /api/desk/organizers/demo/teams/4',
      'POST /api/desk/organizers/demo/teams/4/members',
      'DELETE /api/desk/organizers/demo/teams/4/members/9',
      'POST /api/desk/organizers/demo/teams/4/tokens',
      'POST /api/desk/organizers/demo/teams/4/tokens/11/deactivate',
    ]);
    expect(JSON.parse(fetchMock.mock.calls[2][1].body as string)).toEqual(TEAM);
    expect(JSON.parse(fetchMock.mock.calls[5][1].body as string)).toEqual(MEMBER);
    expect(JSON.parse(fetchMock.mock.calls[7][1].body as string)).toEqual(TOKEN);
    expect(fetchMock.mock.calls[4][1].body).toBeUndefined();
  });

  it('uses the right method and path for every card and credit operation', async () => {
    const fetchMock = mockFetch(...Array.from({ length: 16 }, () => json(200, {})));
    await callEveryCardAndCreditOperation(createHttpBackend());
    const customer = '/api/desk/organizers/demo/customers/ABC1234';
    expect(fetchMock.mock.calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      `GET ${customer}/cards`,
      `POST ${customer}/cards`,
      `POST ${customer}/cards/7/block`,
      `POST ${customer}/cards/7/unblock`,
      `POST ${customer}/cards/7/lost`,
      `POST ${customer}/cards/7/replace`,
      'GET /api/desk/organizers/demo/cards/04%3AA2%2F3B%207C',
      `GET ${customer}/credit`,
      `GET ${customer}/credit/entries?skip=20&take=20`,
      `POST ${customer}/credit/topup`,
      `POST ${customer}/credit/charge`,
      `POST ${customer}/credit/refund`,
      `POST ${customer}/credit/reverse`,
      `POST ${customer}/credit/adjust`,
      'GET /api/desk/organizers/demo/credit-settings',
      'PUT /api/desk/organizers/demo/credit-settings',
    ]);
    const bodies = fetchMock.mock.calls.map(([, init]) => (init.body === undefined ? undefined : JSON.parse(init.body as string)));
    expect(bodies).toEqual([
      undefined,
      CARD,
      { reason: 'Left at the bar' },
      undefined,
      { reason: null },
      { serialNumber: '04B70011', reason: null },
      undefined,
      undefined,
      undefined,
      POSTING,
      POSTING,
      UNDO,
      UNDO,
      { amount: '-2.50', note: 'Counted wrong' },
      undefined,
      { currency: 'EUR', limit: '10.00' },
    ]);
    // Amounts go out as the strings they are, never as JSON numbers.
    expect(fetchMock.mock.calls[9][1].body).toContain('"amount":"12.50"');
  });

  it('uses the right method and path for every outbox and mail settings operation', async () => {
    const fetchMock = mockFetch(
      json(200, []),
      new Response(null, { status: 204 }),
      json(200, null),
      json(200, {}),
      json(201, { id: 13, state: 'queued' }),
    );
    const backend = createHttpBackend();
    await callEveryOutboxOperation(backend);
    expect(fetchMock.mock.calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'GET /api/desk/organizers/demo/outbox',
      'POST /api/desk/organizers/demo/outbox/12/retry',
      'GET /api/desk/organizers/demo/mail-settings',
      'PUT /api/desk/organizers/demo/mail-settings',
      'POST /api/desk/organizers/demo/mail-settings/test',
    ]);
    const bodies = fetchMock.mock.calls.map(([, init]) => (init.body === undefined ? undefined : JSON.parse(init.body as string)));
    expect(bodies).toEqual([undefined, undefined, undefined, MAIL_SETTINGS, TEST_MAIL]);
    // "Keep the stored password" goes out as an explicit null.
    expect(fetchMock.mock.calls[3][1].body).toContain('"password":null');
  });

  it('uses the right method and path for every event, waiting-list and voucher operation', async () => {
    const fetchMock = mockFetch(
      json(200, []),
      json(200, {}),
      json(200, {}),
      json(200, {}),
      json(200, {}),
      json(200, {}),
      json(200, {}),
      json(200, {}),
      json(200, []),
      json(200, {}),
      json(200, {}),
      new Response(null, { status: 204 }),
      json(200, {}),
      json(200, {}),
    );
    await callEveryEventOperation(createHttpBackend());
    const gala = '/api/desk/organizers/demo/events/gala';
    expect(fetchMock.mock.calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'GET /api/desk/organizers/demo/events',
      'POST /api/desk/organizers/demo/events',
      `GET ${gala}`,
      `POST ${gala}/subevents`,
      `POST ${gala}/items`,
      `POST ${gala}/quotas`,
      `PUT ${gala}/quotas/8`,
      `PUT ${gala}/waiting-list-settings`,
      `GET ${gala}/waiting-list`,
      `POST ${gala}/waiting-list`,
      `PUT ${gala}/waiting-list/21`,
      `DELETE ${gala}/waiting-list/21`,
      `POST ${gala}/waiting-list/21/send-voucher`,
      `POST ${gala}/vouchers/34/redeem`,
    ]);
    const bodies = fetchMock.mock.calls.map(([, init]) => (init.body === undefined ? undefined : JSON.parse(init.body as string)));
    expect(bodies).toEqual([
      undefined,
      NEW_EVENT,
      undefined,
      NEW_DATE,
      NEW_ITEM,
      QUOTA,
      QUOTA,
      WAITING_SETTINGS,
      undefined,
      ENTRY,
      ENTRY,
      undefined,
      undefined,
      undefined,
    ]);
    // The price goes out as typed, and "unlimited" as an explicit null.
    expect(fetchMock.mock.calls[4][1].body).toContain('"price":"12,50"');
    expect(fetchMock.mock.calls[5][1].body).toContain('"size":null');
  });

  it('uses the right method and path for every OAuth and reseller operation', async () => {
    const fetchMock = mockFetch(
      json(200, []),
      json(200, { application: {}, client_secret: 'secret' }),
      new Response(null, { status: 204 }),
      json(200, []),
      new Response(null, { status: 204 }),
      json(200, []),
      json(200, {}),
      new Response(null, { status: 204 }),
      new Response(null, { status: 204 }),
    );
    await callEveryAccessOperation(createHttpBackend());
    expect(fetchMock.mock.calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'GET /api/desk/oauth/applications',
      'POST /api/desk/oauth/applications',
      'DELETE /api/desk/oauth/applications/3',
      'GET /api/desk/oauth/grants',
      'DELETE /api/desk/oauth/grants/5',
      'GET /api/desk/resellers',
      'POST /api/desk/resellers',
      'POST /api/desk/resellers/6/members',
      'POST /api/desk/resellers/6/organizers',
    ]);
    const bodies = fetchMock.mock.calls.map(([, init]) => (init.body === undefined ? undefined : JSON.parse(init.body as string)));
    expect(bodies).toEqual([
      undefined,
      NEW_APPLICATION,
      undefined,
      undefined,
      undefined,
      undefined,
      NEW_RESELLER,
      { email: 'ida@example.org' },
      { organizer: 'demo' },
    ]);
  });

  it('keeps the reason a voucher could not be sent', async () => {
    mockFetch(json(400, { code: 'validation', message: 'This product is currently not available.', fields: null }));
    await expect(createHttpBackend().waitingListSendVoucher('demo', 'gala', 21)).rejects.toMatchObject({
      code: 'validation',
      message: 'This product is currently not available.',
      fields: {},
    });
  });

  it('answers null when no mail settings are set', async () => {
    mockFetch(json(200, null));
    await expect(createHttpBackend().mailSettings('demo')).resolves.toBeNull();
  });

  it('leaves the listener to the desk computer’s window', async () => {
    const fetchMock = mockFetch();
    const backend = createHttpBackend();
    await expect(backend.listenerStatus()).resolves.toBeNull();
    await expect(backend.listenerApply({ port: 8500, lan_access: true })).rejects.toMatchObject({ code: 'refused' });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('keeps the code of a refused membership use', async () => {
    mockFetch(json(409, { code: 'membership_refused', message: 'This membership has expired.', fields: null }));
    await expect(createHttpBackend().membershipsRecordUse('demo', 1, { reference: '' })).rejects.toMatchObject({
      code: 'membership_refused',
      message: 'This membership has expired.',
    });
  });

  it('turns an error body into an AppError with its fields', async () => {
    mockFetch(json(400, { code: 'validation', message: 'Check the fields.', fields: { email: ['Bad email.'] } }));
    const error = await createHttpBackend()
      .customersGet('demo', 'X')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'validation', message: 'Check the fields.', fields: { email: ['Bad email.'] } });
  });

  it('falls back to the status code when the error has no body', async () => {
    mockFetch(new Response('<html>Bad gateway</html>', { status: 403 }));
    await expect(createHttpBackend().setupStatus()).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('reports an unreachable server as a network error', async () => {
    mockFetch(new TypeError('Failed to fetch'));
    await expect(createHttpBackend().setupStatus()).rejects.toMatchObject({ code: 'network' });
  });

  it('answers null for the session when nobody is logged in', async () => {
    mockFetch(json(401, { code: 'unauthenticated', message: 'Log in.', fields: null }));
    await expect(createHttpBackend().sessionCurrent()).resolves.toBeNull();
  });

  it('stores the window language on the user with a PUT, answering the session', async () => {
    const user = { id: 1, email: 'a@example.org', fullname: null, locale: 'de', is_admin: false };
    const session = { user, organizers: [], locales: [] };
    const fetchMock = mockFetch(json(200, session));
    await expect(createHttpBackend().sessionSetLocale('de')).resolves.toEqual(session);
    const [url, init] = fetchMock.mock.calls[0] as FetchArgs;
    expect(url).toBe('/api/desk/session/locale');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(init.body as string)).toEqual({ locale: 'de' });
  });

  it('accepts 204 from logout', async () => {
    const fetchMock = mockFetch(new Response(null, { status: 204 }));
    await expect(createHttpBackend().sessionLogout()).resolves.toBeUndefined();
    expect(fetchMock.mock.calls[0][0]).toBe('/api/desk/logout');
  });
});
