// Backend over Tauri IPC, for the desktop window: the generated tauri-specta commands, with their
// Result unions unwrapped into values or AppError.
import { commands, events } from '../../bindings';
import { AppError, type Backend } from './backend';

type Result<T, E> = { status: 'ok'; data: T } | { status: 'error'; error: E };

async function unwrap<T, E>(call: Promise<Result<T, E>>): Promise<T> {
  let result: Result<T, E>;
  try {
    result = await call;
  } catch (e) {
    // The bindings rethrow JavaScript errors (a broken bridge, a bug in the page).
    throw AppError.from(e);
  }
  if (result.status === 'ok') return result.data;
  // Tauri rejects with a plain string when it cannot even deserialize the arguments.
  throw AppError.from(result.error);
}

export function createIpcBackend(): Backend {
  return {
    setupStatus: () => unwrap(commands.setupStatus()),
    setupComplete: (input) => unwrap(commands.setupComplete(input)),
    sessionLogin: (input) => unwrap(commands.sessionLogin(input)),
    async sessionLogout() {
      await unwrap(commands.sessionLogout());
    },
    sessionCurrent: () => unwrap(commands.sessionCurrent()),
    sessionSetLocale: (locale) => unwrap(commands.sessionSetLocale(locale)),
    customersSearch: (organizer, query) => unwrap(commands.customersSearch(organizer, query)),
    customersGet: (organizer, identifier) => unwrap(commands.customersGet(organizer, identifier)),
    customersCreate: (organizer, input) => unwrap(commands.customersCreate(organizer, input)),
    customersUpdate: (organizer, identifier, input) =>
      unwrap(commands.customersUpdate(organizer, identifier, input)),
    customersAnonymize: (organizer, identifier) =>
      unwrap(commands.customersAnonymize(organizer, identifier)),
    membershipTypesList: (organizer) => unwrap(commands.membershipTypesList(organizer)),
    membershipTypesCreate: (organizer, input) => unwrap(commands.membershipTypesCreate(organizer, input)),
    membershipTypesUpdate: (organizer, id, input) => unwrap(commands.membershipTypesUpdate(organizer, id, input)),
    async membershipTypesDelete(organizer, id) {
      await unwrap(commands.membershipTypesDelete(organizer, id));
    },
    membershipsForCustomer: (organizer, identifier) => unwrap(commands.membershipsForCustomer(organizer, identifier)),
    membershipsSell: (organizer, identifier, input) => unwrap(commands.membershipsSell(organizer, identifier, input)),
    membershipsUpdate: (organizer, id, input) => unwrap(commands.membershipsUpdate(organizer, id, input)),
    membershipsUses: (organizer, id) => unwrap(commands.membershipsUses(organizer, id)),
    membershipsRecordUse: (organizer, id, input) => unwrap(commands.membershipsRecordUse(organizer, id, input)),
    membershipsVoidUse: (organizer, id, useId) => unwrap(commands.membershipsVoidUse(organizer, id, useId)),
    devicesList: (organizer) => unwrap(commands.devicesList(organizer)),
    devicesAdd: (organizer, input) => unwrap(commands.devicesAdd(organizer, input)),
    devicesPairing: (organizer, deviceId) => unwrap(commands.devicesPairing(organizer, deviceId)),
    devicesRename: (organizer, deviceId, input) => unwrap(commands.devicesRename(organizer, deviceId, input)),
    devicesRevoke: (organizer, deviceId) => unwrap(commands.devicesRevoke(organizer, deviceId)),
    teamsList: (organizer) => unwrap(commands.teamsList(organizer)),
    teamsDetail: (organizer, teamId) => unwrap(commands.teamsDetail(organizer, teamId)),
    teamsAdd: (organizer, input) => unwrap(commands.teamsAdd(organizer, input)),
    teamsEdit: (organizer, teamId, input) => unwrap(commands.teamsEdit(organizer, teamId, input)),
    async teamsRemove(organizer, teamId) {
      await unwrap(commands.teamsRemove(organizer, teamId));
    },
    teamsAddMember: (organizer, teamId, input) => unwrap(commands.teamsAddMember(organizer, teamId, input)),
    teamsTakeOut: (organizer, teamId, userId) => unwrap(commands.teamsTakeOut(organizer, teamId, userId)),
    teamsAddToken: (organizer, teamId, input) => unwrap(commands.teamsAddToken(organizer, teamId, input)),
    teamsDeactivateToken: (organizer, teamId, tokenId) =>
      unwrap(commands.teamsDeactivateToken(organizer, teamId, tokenId)),
    listenerStatus: () => unwrap(commands.listenerStatus()),
    listenerApply: (settings) => unwrap(commands.listenerApply(settings)),
    updatesSettings: () => unwrap(commands.updatesSettings()),
    updatesSaveSettings: (settings) => unwrap(commands.updatesSaveSettings(settings)),
    updatesCheck: () => unwrap(commands.updatesCheck()),
    updatesLatest: () => unwrap(commands.updatesLatest()),
    updatesInstall: () => unwrap(commands.updatesInstall()),
    async updatesRestart() {
      await unwrap(commands.updatesRestart());
    },
    onUpdateChecked(listener) {
      // Tauri registers the handler asynchronously; a stop that comes first unlistens once it is in.
      let stopped = false;
      let unlisten: (() => void) | null = null;
      events.updateChecked
        .listen((event) => listener(event.payload))
        .then((stop) => {
          if (stopped) stop();
          else unlisten = stop;
        })
        .catch(() => {
          // No bridge to listen on: the window simply hears no update news.
        });
      return () => {
        stopped = true;
        unlisten?.();
      };
    },
    cardsList: (organizer, identifier) => unwrap(commands.cardsList(organizer, identifier)),
    cardsIssue: (organizer, identifier, input) => unwrap(commands.cardsIssue(organizer, identifier, input)),
    cardsBlock: (organizer, identifier, cardId, input) =>
      unwrap(commands.cardsBlock(organizer, identifier, cardId, input)),
    cardsUnblock: (organizer, identifier, cardId) => unwrap(commands.cardsUnblock(organizer, identifier, cardId)),
    cardsLost: (organizer, identifier, cardId, input) => unwrap(commands.cardsLost(organizer, identifier, cardId, input)),
    cardsReplace: (organizer, identifier, cardId, input) =>
      unwrap(commands.cardsReplace(organizer, identifier, cardId, input)),
    cardsScan: (organizer, serial) => unwrap(commands.cardsScan(organizer, serial)),
    creditBalance: (organizer, identifier) => unwrap(commands.creditBalance(organizer, identifier)),
    creditEntries: (organizer, identifier, skip, take) =>
      unwrap(commands.creditEntries(organizer, identifier, skip, take)),
    creditTopup: (organizer, identifier, input) => unwrap(commands.creditTopup(organizer, identifier, input)),
    creditCharge: (organizer, identifier, input) => unwrap(commands.creditCharge(organizer, identifier, input)),
    creditRefund: (organizer, identifier, input) => unwrap(commands.creditRefund(organizer, identifier, input)),
    creditReverse: (organizer, identifier, input) => unwrap(commands.creditReverse(organizer, identifier, input)),
    creditAdjust: (organizer, identifier, input) => unwrap(commands.creditAdjust(organizer, identifier, input)),
    creditSettings: (organizer) => unwrap(commands.creditSettings(organizer)),
    creditSaveSettings: (organizer, input) => unwrap(commands.creditSaveSettings(organizer, input)),
    outboxList: (organizer) => unwrap(commands.outboxList(organizer)),
    async outboxRetry(organizer, mailId) {
      await unwrap(commands.outboxRetry(organizer, mailId));
    },
    mailSettings: (organizer) => unwrap(commands.mailSettings(organizer)),
    mailSettingsSave: (organizer, input) => unwrap(commands.mailSettingsSave(organizer, input)),
    mailSettingsTest: (organizer, input) => unwrap(commands.mailSettingsTest(organizer, input)),
    eventsList: (organizer) => unwrap(commands.eventsList(organizer)),
    eventsCreate: (organizer, input) => unwrap(commands.eventsCreate(organizer, input)),
    eventsDetail: (organizer, event) => unwrap(commands.eventsDetail(organizer, event)),
    eventsAddSubevent: (organizer, event, input) => unwrap(commands.eventsAddSubevent(organizer, event, input)),
    eventsAddItem: (organizer, event, input) => unwrap(commands.eventsAddItem(organizer, event, input)),
    eventsSaveQuota: (organizer, event, quotaId, input) =>
      unwrap(commands.eventsSaveQuota(organizer, event, quotaId, input)),
    eventsSaveWaitingListSettings: (organizer, event, input) =>
      unwrap(commands.eventsSaveWaitingListSettings(organizer, event, input)),
    waitingList: (organizer, event) => unwrap(commands.waitingList(organizer, event)),
    waitingListAdd: (organizer, event, input) => unwrap(commands.waitingListAdd(organizer, event, input)),
    waitingListEdit: (organizer, event, entryId, input) =>
      unwrap(commands.waitingListEdit(organizer, event, entryId, input)),
    async waitingListRemove(organizer, event, entryId) {
      await unwrap(commands.waitingListRemove(organizer, event, entryId));
    },
    waitingListSendVoucher: (organizer, event, entryId) =>
      unwrap(commands.waitingListSendVoucher(organizer, event, entryId)),
    vouchersRedeem: (organizer, event, voucherId) => unwrap(commands.vouchersRedeem(organizer, event, voucherId)),
    oauthApplications: () => unwrap(commands.oauthApplications()),
    oauthRegister: (input) => unwrap(commands.oauthRegister(input)),
    async oauthDeactivate(applicationId) {
      await unwrap(commands.oauthDeactivate(applicationId));
    },
    oauthGrants: () => unwrap(commands.oauthGrants()),
    async oauthRevokeGrant(grantId) {
      await unwrap(commands.oauthRevokeGrant(grantId));
    },
    resellersList: () => unwrap(commands.resellersList()),
    resellersCreate: (input) => unwrap(commands.resellersCreate(input)),
    async resellersAddMember(resellerId, email) {
      await unwrap(commands.resellersAddMember(resellerId, email));
    },
    async resellersLinkOrganizer(resellerId, organizer) {
      await unwrap(commands.resellersLinkOrganizer(resellerId, organizer));
    },
    backupsOverview: () => unwrap(commands.backupsOverview()),
    backupsCreate: (to) => unwrap(commands.backupsCreate(to)),
    backupsSaveSettings: (settings) => unwrap(commands.backupsSaveSettings(settings)),
    backupsRestore: (path) => unwrap(commands.backupsRestore(path)),
    dashboard: (organizer, since) => unwrap(commands.dashboard(organizer, since)),
    // The window saves the file itself (into the Downloads folder) and says where.
    exportCsv: (organizer, request) => unwrap(commands.exportSave(organizer, request)),
    importPreview: (organizer, kind, csv) => unwrap(commands.importPreview(organizer, kind, csv)),
    importValidate: (organizer, id, mapping) => unwrap(commands.importValidate(organizer, id, mapping)),
    importCommit: (organizer, id, mapping) => unwrap(commands.importCommit(organizer, id, mapping)),
    importProgress: (organizer, id) => unwrap(commands.importProgress(organizer, id)),
  };
}
