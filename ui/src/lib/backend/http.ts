// Backend over HTTP for a plain browser (the desk UI served by `tessera serve`, or a second desk
// on the LAN). The session lives in an HttpOnly cookie the server sets; nothing is stored in JS.
import { AppError, isErrorBody, type Backend, type SavedExport } from './backend';
import { countCsvRows, exportQuery, filenameFromDisposition, saveBlob } from './download';

const BASE = '/api/desk';

/** HTTP status → code, used only when an error response has no ErrorBody. */
function codeForStatus(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'validation';
  return 'internal';
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new AppError('network', e instanceof Error ? e.message : 'Network request failed');
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
  throw await failure(response);
}

/** The AppError of a response that is not ok: its ErrorBody, else a code for its status. */
async function failure(response: Response): Promise<AppError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status code below.
  }
  if (isErrorBody(payload)) return AppError.from(payload);
  return new AppError(codeForStatus(response.status), `${response.status} ${response.statusText}`.trim());
}

/**
 * A CSV export as the browser's download: the response's file (named by Content-Disposition) is
 * saved through a Blob; the answer says how many rows it held (`X-Rows`).
 */
async function downloadCsv(path: string, fallbackName: string): Promise<SavedExport> {
  let response: Response;
  try {
    response = await fetch(BASE + path, { headers: { Accept: 'text/csv' }, credentials: 'same-origin' });
  } catch (e) {
    throw new AppError('network', e instanceof Error ? e.message : 'Network request failed');
  }
  if (!response.ok) throw await failure(response);
  // The bytes as sent: the byte order mark tells spreadsheets the file is UTF-8.
  const file = await response.blob();
  const filename = filenameFromDisposition(response.headers.get('Content-Disposition'), fallbackName);
  const counted = Number(response.headers.get('X-Rows') ?? NaN);
  const rows = Number.isInteger(counted) ? counted : countCsvRows(await file.text());
  saveBlob(file, filename);
  return { path: null, rows, filename };
}

/**
 * POSTs an import's CSV as is (`text/csv`), answered with JSON as `request` answers. A file larger
 * than the server takes (413, without an ErrorBody) is `too_large`.
 */
async function postCsv<T>(path: string, csv: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv' },
      credentials: 'same-origin',
      body: csv,
    });
  } catch (e) {
    throw new AppError('network', e instanceof Error ? e.message : 'Network request failed');
  }
  if (response.status === 413) throw new AppError('too_large', 'The file is larger than the server accepts.');
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

function customersPath(organizer: string, identifier?: string): string {
  const base = `/organizers/${encodeURIComponent(organizer)}/customers`;
  return identifier === undefined ? base : `${base}/${encodeURIComponent(identifier)}`;
}

function organizerPath(organizer: string, rest: string): string {
  return `/organizers/${encodeURIComponent(organizer)}/${rest}`;
}

/** A path under one event of the organizer. */
function eventPath(organizer: string, event: string, rest = ''): string {
  const base = organizerPath(organizer, `events/${encodeURIComponent(event)}`);
  return rest === '' ? base : `${base}/${rest}`;
}

function cardPath(organizer: string, identifier: string, cardId: number, action: string): string {
  return `${customersPath(organizer, identifier)}/cards/${cardId}/${action}`;
}

function windowOnly(): AppError {
  return new AppError('refused', 'Updates are installed in the Tessera window on the desk computer.');
}

export function createHttpBackend(): Backend {
  return {
    setupStatus: () => request('GET', '/setup'),
    setupComplete: (input) => request('POST', '/setup', input),
    sessionLogin: (input) => request('POST', '/login', input),
    sessionLogout: () => request('POST', '/logout'),
    async sessionCurrent() {
      try {
        return await request('GET', '/session');
      } catch (e) {
        if (e instanceof AppError && e.code === 'unauthenticated') return null;
        throw e;
      }
    },
    sessionSetLocale: (locale) => request('PUT', '/session/locale', { locale }),
    customersSearch(organizer, query) {
      const params = new URLSearchParams({
        search: query.search,
        page: String(query.page),
        page_size: String(query.page_size),
      });
      return request('GET', `${customersPath(organizer)}?${params.toString()}`);
    },
    customersGet: (organizer, identifier) => request('GET', customersPath(organizer, identifier)),
    customersCreate: (organizer, input) => request('POST', customersPath(organizer), input),
    customersUpdate: (organizer, identifier, input) =>
      request('PUT', customersPath(organizer, identifier), input),
    customersAnonymize: (organizer, identifier) =>
      request('POST', `${customersPath(organizer, identifier)}/anonymize`),
    membershipTypesList: (organizer) => request('GET', organizerPath(organizer, 'membership-types')),
    membershipTypesCreate: (organizer, input) => request('POST', organizerPath(organizer, 'membership-types'), input),
    membershipTypesUpdate: (organizer, id, input) =>
      request('PUT', organizerPath(organizer, `membership-types/${id}`), input),
    membershipTypesDelete: (organizer, id) => request('DELETE', organizerPath(organizer, `membership-types/${id}`)),
    membershipsForCustomer: (organizer, identifier) =>
      request('GET', `${customersPath(organizer, identifier)}/memberships`),
    membershipsSell: (organizer, identifier, input) =>
      request('POST', `${customersPath(organizer, identifier)}/memberships`, input),
    membershipsUpdate: (organizer, id, input) => request('PUT', organizerPath(organizer, `memberships/${id}`), input),
    membershipsUses: (organizer, id) => request('GET', organizerPath(organizer, `memberships/${id}/uses`)),
    membershipsRecordUse: (organizer, id, input) =>
      request('POST', organizerPath(organizer, `memberships/${id}/uses`), input),
    membershipsVoidUse: (organizer, id, useId) =>
      request('POST', organizerPath(organizer, `memberships/${id}/uses/${useId}/void`)),
    devicesList: (organizer) => request('GET', organizerPath(organizer, 'devices')),
    devicesAdd: (organizer, input) => request('POST', organizerPath(organizer, 'devices'), input),
    devicesPairing: (organizer, deviceId) => request('GET', organizerPath(organizer, `devices/${deviceId}/pairing`)),
    devicesRename: (organizer, deviceId, input) => request('PUT', organizerPath(organizer, `devices/${deviceId}`), input),
    devicesRevoke: (organizer, deviceId) => request('POST', organizerPath(organizer, `devices/${deviceId}/revoke`)),
    teamsList: (organizer) => request('GET', organizerPath(organizer, 'teams')),
    teamsDetail: (organizer, teamId) => request('GET', organizerPath(organizer, `teams/${teamId}`)),
    teamsAdd: (organizer, input) => request('POST', organizerPath(organizer, 'teams'), input),
    teamsEdit: (organizer, teamId, input) => request('PUT', organizerPath(organizer, `teams/${teamId}`), input),
    teamsRemove: (organizer, teamId) => request('DELETE', organizerPath(organizer, `teams/${teamId}`)),
    teamsAddMember: (organizer, teamId, input) =>
      request('POST', organizerPath(organizer, `teams/${teamId}/members`), input),
    teamsTakeOut: (organizer, teamId, userId) =>
      request('DELETE', organizerPath(organizer, `teams/${teamId}/members/${userId}`)),
    teamsAddToken: (organizer, teamId, input) => request('POST', organizerPath(organizer, `teams/${teamId}/tokens`), input),
    teamsDeactivateToken: (organizer, teamId, tokenId) =>
      request('POST', organizerPath(organizer, `teams/${teamId}/tokens/${tokenId}/deactivate`)),
    // The listener belongs to the process that runs it; only its window may move it, so the HTTP
    // API has no route for it.
    listenerStatus: () => Promise.resolve(null),
    listenerApply: () =>
      Promise.reject(new AppError('refused', 'The listener is changed in the Tessera window on the desk computer.')),
    // Updates belong to the Tessera window on the desk computer (it replaces its own program); a
    // browser has nothing to update and hears no update news.
    updatesSettings: () => Promise.resolve(null),
    updatesSaveSettings: () => Promise.reject(windowOnly()),
    updatesCheck: () =>
      Promise.resolve({
        current_version: '',
        state: 'unsupported',
        version: null,
        notes: null,
        date: null,
        message: null,
      }),
    updatesLatest: () => Promise.resolve(null),
    updatesInstall: () => Promise.reject(windowOnly()),
    updatesRestart: () => Promise.reject(windowOnly()),
    onUpdateChecked: () => () => {},
    cardsList: (organizer, identifier) => request('GET', `${customersPath(organizer, identifier)}/cards`),
    cardsIssue: (organizer, identifier, input) => request('POST', `${customersPath(organizer, identifier)}/cards`, input),
    cardsBlock: (organizer, identifier, cardId, input) =>
      request('POST', cardPath(organizer, identifier, cardId, 'block'), input),
    cardsUnblock: (organizer, identifier, cardId) => request('POST', cardPath(organizer, identifier, cardId, 'unblock')),
    cardsLost: (organizer, identifier, cardId, input) =>
      request('POST', cardPath(organizer, identifier, cardId, 'lost'), input),
    cardsReplace: (organizer, identifier, cardId, input) =>
      request('POST', cardPath(organizer, identifier, cardId, 'replace'), input),
    cardsScan: (organizer, serial) => request('GET', organizerPath(organizer, `cards/${encodeURIComponent(serial)}`)),
    creditBalance: (organizer, identifier) => request('GET', `${customersPath(organizer, identifier)}/credit`),
    creditEntries(organizer, identifier, skip, take) {
      const params = new URLSearchParams({ skip: String(skip), take: String(take) });
      return request('GET', `${customersPath(organizer, identifier)}/credit/entries?${params.toString()}`);
    },
    creditTopup: (organizer, identifier, input) =>
      request('POST', `${customersPath(organizer, identifier)}/credit/topup`, input),
    creditCharge: (organizer, identifier, input) =>
      request('POST', `${customersPath(organizer, identifier)}/credit/charge`, input),
    creditRefund: (organizer, identifier, input) =>
      request('POST', `${customersPath(organizer, identifier)}/credit/refund`, input),
    creditReverse: (organizer, identifier, input) =>
      request('POST', `${customersPath(organizer, identifier)}/credit/reverse`, input),
    creditAdjust: (organizer, identifier, input) =>
      request('POST', `${customersPath(organizer, identifier)}/credit/adjust`, input),
    creditSettings: (organizer) => request('GET', organizerPath(organizer, 'credit-settings')),
    creditSaveSettings: (organizer, input) => request('PUT', organizerPath(organizer, 'credit-settings'), input),
    outboxList: (organizer) => request('GET', organizerPath(organizer, 'outbox')),
    outboxRetry: (organizer, mailId) => request('POST', organizerPath(organizer, `outbox/${mailId}/retry`)),
    mailSettings: (organizer) => request('GET', organizerPath(organizer, 'mail-settings')),
    mailSettingsSave: (organizer, input) => request('PUT', organizerPath(organizer, 'mail-settings'), input),
    mailSettingsTest: (organizer, input) => request('POST', organizerPath(organizer, 'mail-settings/test'), input),
    eventsList: (organizer) => request('GET', organizerPath(organizer, 'events')),
    eventsCreate: (organizer, input) => request('POST', organizerPath(organizer, 'events'), input),
    eventsDetail: (organizer, event) => request('GET', eventPath(organizer, event)),
    eventsAddSubevent: (organizer, event, input) => request('POST', eventPath(organizer, event, 'subevents'), input),
    eventsAddItem: (organizer, event, input) => request('POST', eventPath(organizer, event, 'items'), input),
    eventsSaveQuota: (organizer, event, quotaId, input) =>
      quotaId === null
        ? request('POST', eventPath(organizer, event, 'quotas'), input)
        : request('PUT', eventPath(organizer, event, `quotas/${quotaId}`), input),
    eventsSaveWaitingListSettings: (organizer, event, input) =>
      request('PUT', eventPath(organizer, event, 'waiting-list-settings'), input),
    waitingList: (organizer, event) => request('GET', eventPath(organizer, event, 'waiting-list')),
    waitingListAdd: (organizer, event, input) => request('POST', eventPath(organizer, event, 'waiting-list'), input),
    waitingListEdit: (organizer, event, entryId, input) =>
      request('PUT', eventPath(organizer, event, `waiting-list/${entryId}`), input),
    waitingListRemove: (organizer, event, entryId) =>
      request('DELETE', eventPath(organizer, event, `waiting-list/${entryId}`)),
    waitingListSendVoucher: (organizer, event, entryId) =>
      request('POST', eventPath(organizer, event, `waiting-list/${entryId}/send-voucher`)),
    vouchersRedeem: (organizer, event, voucherId) =>
      request('POST', eventPath(organizer, event, `vouchers/${voucherId}/redeem`)),
    oauthApplications: () => request('GET', '/oauth/applications'),
    oauthRegister: (input) => request('POST', '/oauth/applications', input),
    oauthDeactivate: (applicationId) => request('DELETE', `/oauth/applications/${applicationId}`),
    oauthGrants: () => request('GET', '/oauth/grants'),
    oauthRevokeGrant: (grantId) => request('DELETE', `/oauth/grants/${grantId}`),
    resellersList: () => request('GET', '/resellers'),
    resellersCreate: (input) => request('POST', '/resellers', input),
    resellersAddMember: (resellerId, email) => request('POST', `/resellers/${resellerId}/members`, { email }),
    resellersLinkOrganizer: (resellerId, organizer) =>
      request('POST', `/resellers/${resellerId}/organizers`, { organizer }),
    backupsOverview: () => request('GET', '/backups'),
    backupsCreate: (to) => request('POST', '/backups', { to }),
    backupsSaveSettings: (settings) => request('PUT', '/backups/settings', settings),
    backupsRestore: (path) => request('POST', '/backups/restore', { path }),
    dashboard: (organizer, since) =>
      request('GET', organizerPath(organizer, `dashboard?${new URLSearchParams({ since }).toString()}`)),
    exportCsv: (organizer, exportRequest) =>
      downloadCsv(
        organizerPath(organizer, `exports/${encodeURIComponent(exportRequest.kind)}${exportQuery(exportRequest)}`),
        `${organizer}-${exportRequest.kind}.csv`,
      ),
    importPreview: (organizer, kind, csv) => postCsv(organizerPath(organizer, `imports/new/${encodeURIComponent(kind)}`), csv),
    importValidate: (organizer, id, mapping) =>
      request('POST', organizerPath(organizer, `imports/${encodeURIComponent(id)}/validate`), { mapping }),
    importCommit: (organizer, id, mapping) =>
      request('POST', organizerPath(organizer, `imports/${encodeURIComponent(id)}/commit`), { mapping }),
    importProgress: (organizer, id) => request('GET', organizerPath(organizer, `imports/${encodeURIComponent(id)}`)),
  };
}
