// The seam between the UI and Tessera's core: one method per operation, the same contract over
// Tauri IPC (ipc.ts) and HTTP (http.ts). Features depend on this file only, never on a transport.
// Types come from the generated bindings; this is the one place that names them.
import type {
  ActiveMemberships,
  AdjustmentInput,
  AmountSum,
  BackupInfo,
  BackupKind,
  BackupOverview_Serialize,
  BackupSettings_Serialize,
  Booking_Serialize,
  Card_Serialize,
  CardInput_Serialize,
  CardProcessor,
  CardStatus,
  CardStatusInput_Serialize,
  CreatedToken,
  CreditBalance,
  CreditEntry_Serialize,
  CreditInput_Serialize,
  CreditSettings,
  CreditSettingsInput,
  Customer_Serialize,
  CustomerInput_Serialize,
  CustomerPage_Serialize,
  CustomerQuery_Serialize,
  Dashboard_Serialize,
  DeviceInput,
  DevicePairing_Serialize,
  DeskEntryInput_Serialize,
  DeviceSummary_Serialize,
  EntryKind,
  EntryPage_Serialize,
  ErrorBody_Serialize,
  Event_Serialize,
  EventDetail_Serialize,
  EventSummary_Serialize,
  ExportKind,
  ExportRequest_Serialize,
  HourTotals,
  ImportField,
  ImportKind,
  ImportPreview,
  ImportProgress_Serialize,
  ImportReport_Serialize,
  ImportState,
  Item_Serialize,
  ListenerSettings,
  ListenerStatus_Serialize,
  LoginInput,
  MailSettings_Serialize,
  MailSettingsInput_Serialize,
  MemberInput_Serialize,
  MemberSummary_Serialize,
  Membership_Serialize,
  MembershipInput,
  MembershipStatus_Serialize,
  MembershipType_Serialize,
  MembershipTypeInput_Serialize,
  MembershipUse_Serialize,
  NewEvent_Serialize,
  NewItem,
  NewOAuthApplication,
  NewResellerAccount,
  NewSubEvent_Serialize,
  OAuthApplication,
  OAuthGrant,
  OrganizerSummary,
  OutboxState_Serialize,
  OutboxMail_Serialize,
  PosLookup_Serialize,
  Quota_Serialize,
  QuotaInput_Serialize,
  RegisteredApplication_Serialize,
  ReplaceInput_Serialize,
  ResellerAccount,
  ResellerOverview,
  RestoreOutcome,
  RowProblem_Serialize,
  SavedExport_Serialize,
  Session_Serialize,
  SetupInput,
  SetupStatus,
  Standing,
  SubEvent_Serialize,
  TeamDetail_Serialize,
  TeamInput,
  TeamSummary,
  TerminalSeen,
  TestMailInput_Serialize,
  TlsMode,
  TokenInput,
  TokenSummary,
  UndoInput_Serialize,
  UpdateCheck_Serialize,
  UpdateReason,
  UpdateSettings_Serialize,
  UpdateState as WindowUpdateState,
  UseInput,
  Variation_Serialize,
  Voucher_Serialize,
  WaitingListEntry_Serialize,
  WaitingListLength_Serialize,
  WaitingListRow_Serialize,
  WaitingListSettingsView,
} from '../../bindings';

// tauri-specta emits a serialize and a deserialize shape per type (they differ only in which
// fields may be omitted). The UI uses the strict, all-fields shape everywhere.
export type Booking = Booking_Serialize;
export type Card = Card_Serialize;
export type CardInput = CardInput_Serialize;
export type CardStatusInput = CardStatusInput_Serialize;
export type CreditEntry = CreditEntry_Serialize;
export type CreditInput = CreditInput_Serialize;
export type Customer = Customer_Serialize;
export type CustomerInput = CustomerInput_Serialize;
export type CustomerPage = CustomerPage_Serialize;
export type CustomerQuery = CustomerQuery_Serialize;
export type DeskEntryInput = DeskEntryInput_Serialize;
export type DevicePairing = DevicePairing_Serialize;
export type DeviceSummary = DeviceSummary_Serialize;
export type EntryPage = EntryPage_Serialize;
export type ErrorBody = ErrorBody_Serialize;
export type Event = Event_Serialize;
export type EventDetail = EventDetail_Serialize;
export type EventSummary = EventSummary_Serialize;
export type Item = Item_Serialize;
export type ListenerStatus = ListenerStatus_Serialize;
export type MailSettings = MailSettings_Serialize;
export type MailSettingsInput = MailSettingsInput_Serialize;
export type MemberInput = MemberInput_Serialize;
export type MemberSummary = MemberSummary_Serialize;
export type Session = Session_Serialize;
export type Membership = Membership_Serialize;
export type MembershipStatus = MembershipStatus_Serialize;
export type MembershipType = MembershipType_Serialize;
export type MembershipTypeInput = MembershipTypeInput_Serialize;
export type MembershipUse = MembershipUse_Serialize;
export type NewEvent = NewEvent_Serialize;
export type NewSubEvent = NewSubEvent_Serialize;
export type OutboxMail = OutboxMail_Serialize;
export type PosLookup = PosLookup_Serialize;
export type Quota = Quota_Serialize;
export type QuotaInput = QuotaInput_Serialize;
export type RegisteredApplication = RegisteredApplication_Serialize;
export type ReplaceInput = ReplaceInput_Serialize;
export type SubEvent = SubEvent_Serialize;
export type TeamDetail = TeamDetail_Serialize;
export type TestMailInput = TestMailInput_Serialize;
export type UndoInput = UndoInput_Serialize;
export type Variation = Variation_Serialize;
export type Voucher = Voucher_Serialize;
export type WaitingListEntry = WaitingListEntry_Serialize;
export type WaitingListRow = WaitingListRow_Serialize;
export type UpdateSettings = UpdateSettings_Serialize;
/** What an update check found; `unsupported` where updates do not apply (a browser on the LAN). */
export type UpdateState = WindowUpdateState | 'unsupported';
export type UpdateCheck = Omit<UpdateCheck_Serialize, 'state'> & { state: UpdateState };
/** An update answer the window is told about, and why (start-up, the menu, the window, an install). */
export interface UpdateChecked {
  reason: UpdateReason;
  check: UpdateCheck;
}
export type {
  AdjustmentInput,
  CardProcessor,
  CardStatus,
  CreatedToken,
  CreditBalance,
  CreditSettings,
  CreditSettingsInput,
  DeviceInput,
  EntryKind,
  ListenerSettings,
  LoginInput,
  MembershipInput,
  NewItem,
  NewOAuthApplication,
  NewResellerAccount,
  OAuthApplication,
  OAuthGrant,
  OrganizerSummary,
  ResellerAccount,
  ResellerOverview,
  SetupInput,
  SetupStatus,
  Standing,
  TeamInput,
  TeamSummary,
  TlsMode,
  TokenInput,
  TokenSummary,
  UpdateReason,
  UseInput,
  WaitingListSettingsView,
};

// Backups, dashboard, imports and exports.
/** The backups, the schedule and where backups go. */
export type BackupOverview = BackupOverview_Serialize;
/** A backup every `every_hours` (1 to 168) into `folder` (null: off), keeping the last `keep` (1 to 365). */
export type BackupSettings = BackupSettings_Serialize;
/** The desk's start screen for one organizer, from `since` on. */
export type Dashboard = Dashboard_Serialize;
/** An event with anybody waiting; `event` is its slug. */
export type WaitingListLength = WaitingListLength_Serialize;
export type OutboxState = OutboxState_Serialize;
/** What to export; `from` and `to` (RFC 3339) for the ledger kinds, `event` (a slug, null: all) for waiting lists. */
export type ExportRequest = ExportRequest_Serialize;
/** Where the window saved an export; `path` is null over HTTP (the browser downloaded it). */
export type SavedExport = SavedExport_Serialize;
/** Why one row cannot be imported; `message` is in English, from the server. */
export type RowProblem = RowProblem_Serialize;
export type ImportReport = ImportReport_Serialize;
export type ImportProgress = ImportProgress_Serialize;
// `BackupInfo.size_bytes` is a float (no 64-bit integers cross into the window), null only when it
// could not be represented. `HourTotals` are top-ups and charges (positive amounts) in the hour
// from `start`. An `ImportPreview` is kept by the server for an hour (`not_found` afterwards);
// `ImportField.label` is in English, and the desk translates the keys it knows.
export type {
  ActiveMemberships,
  AmountSum,
  BackupInfo,
  BackupKind,
  ExportKind,
  HourTotals,
  ImportField,
  ImportKind,
  ImportPreview,
  ImportState,
  RestoreOutcome,
  TerminalSeen,
};

/** Every method resolves with its value or rejects with an `AppError`. */
export interface Backend {
  setupStatus(): Promise<SetupStatus>;
  /** Creates the first organizer and staff user, and logs that user in. */
  setupComplete(input: SetupInput): Promise<Session>;
  sessionLogin(input: LoginInput): Promise<Session>;
  sessionLogout(): Promise<void>;
  /** The logged-in session, or null when nobody is logged in. */
  sessionCurrent(): Promise<Session | null>;
  /** Stores the window's language on the logged-in user; resolves with the session as it is now. */
  sessionSetLocale(locale: 'en' | 'de'): Promise<Session>;
  customersSearch(organizer: string, query: CustomerQuery): Promise<CustomerPage>;
  customersGet(organizer: string, identifier: string): Promise<Customer>;
  customersCreate(organizer: string, input: CustomerInput): Promise<Customer>;
  customersUpdate(organizer: string, identifier: string, input: CustomerInput): Promise<Customer>;
  customersAnonymize(organizer: string, identifier: string): Promise<Customer>;
  membershipTypesList(organizer: string): Promise<MembershipType[]>;
  membershipTypesCreate(organizer: string, input: MembershipTypeInput): Promise<MembershipType>;
  membershipTypesUpdate(organizer: string, id: number, input: MembershipTypeInput): Promise<MembershipType>;
  /** Refused with `refused` while memberships of the type exist. */
  membershipTypesDelete(organizer: string, id: number): Promise<void>;
  /** The customer's memberships, each with its standing and uses left. */
  membershipsForCustomer(organizer: string, identifier: string): Promise<MembershipStatus[]>;
  membershipsSell(organizer: string, identifier: string, input: MembershipInput): Promise<Membership>;
  /** Changes type, dates and attendee name; `testmode` is ignored. */
  membershipsUpdate(organizer: string, id: number, input: MembershipInput): Promise<Membership>;
  membershipsUses(organizer: string, id: number): Promise<MembershipUse[]>;
  /** Records a use now; refused with `membership_refused` and the reason as message. */
  membershipsRecordUse(organizer: string, id: number, input: UseInput): Promise<MembershipUse>;
  membershipsVoidUse(organizer: string, id: number, useId: number): Promise<MembershipUse>;
  /** The organizer's POS terminals (devices), revoked ones included. */
  devicesList(organizer: string): Promise<DeviceSummary[]>;
  /** Adds a device waiting for pairing; the answer carries its one-time code, address and QR code. */
  devicesAdd(organizer: string, input: DeviceInput): Promise<DevicePairing>;
  /** The pairing code again; refused with `refused` once the device is paired or revoked. */
  devicesPairing(organizer: string, deviceId: number): Promise<DevicePairing>;
  devicesRename(organizer: string, deviceId: number, input: DeviceInput): Promise<DeviceSummary>;
  /** Revokes the device for good: its API token stops working. */
  devicesRevoke(organizer: string, deviceId: number): Promise<DeviceSummary>;
  /** The organizer's teams with member and active-token counts; `forbidden` without `organizer.teams:write`. */
  teamsList(organizer: string): Promise<TeamSummary[]>;
  /** A team with its members, pending invitations, tokens and every permission a team can hold. */
  teamsDetail(organizer: string, teamId: number): Promise<TeamDetail>;
  /** Creates a team; `validation` with `non_field_errors` for a permission combination pretix does not offer. */
  teamsAdd(organizer: string, input: TeamInput): Promise<TeamDetail>;
  /** Saves the team form; refused with `refused` when nobody would be left who may change teams. */
  teamsEdit(organizer: string, teamId: number, input: TeamInput): Promise<TeamDetail>;
  /** Deletes a team with its tokens; refused with `refused` when nobody would be left who may change teams. */
  teamsRemove(organizer: string, teamId: number): Promise<void>;
  /**
   * Adds a staff user by email. For an address without an account, `validation` on `password` asks
   * for a name and an initial password; sending them creates the account. `refused` when already in the team.
   */
  teamsAddMember(organizer: string, teamId: number, input: MemberInput): Promise<TeamDetail>;
  /** Takes a user out of the team; refused with `refused` when nobody would be left who may change teams. */
  teamsTakeOut(organizer: string, teamId: number, userId: number): Promise<TeamDetail>;
  /** Creates an API token; the answer holds its secret, which is never shown again. */
  teamsAddToken(organizer: string, teamId: number, input: TokenInput): Promise<CreatedToken>;
  /** Deactivates a token for good; it stays listed. */
  teamsDeactivateToken(organizer: string, teamId: number, tokenId: number): Promise<TeamDetail>;
  /**
   * Where the HTTP listener runs and its stored settings; null where this desk cannot manage it (a
   * browser on the LAN: only the Tessera window on the desk computer moves the listener).
   */
  listenerStatus(): Promise<ListenerStatus | null>;
  /**
   * Moves the listener to a new port or LAN setting at once and stores the choice (administrators
   * only: `forbidden` otherwise). `validation` on `port` for a port that is out of range or cannot be opened.
   */
  listenerApply(settings: ListenerSettings): Promise<ListenerStatus>;
  /**
   * Where this installation looks for updates and whether it does on start; null where updates do
   * not apply (a browser on the LAN: only the Tessera window updates itself).
   */
  updatesSettings(): Promise<UpdateSettings | null>;
  /** Stores them (administrators only: `forbidden`); `validation` on `endpoint` (http or https). */
  updatesSaveSettings(settings: UpdateSettings): Promise<UpdateSettings>;
  /**
   * Asks the update server now. A network problem is an answer (`offline`), not an error;
   * `unsupported` in a browser.
   */
  updatesCheck(): Promise<UpdateCheck>;
  /** The last update answer since Tessera started; null before the first, and in a browser. */
  updatesLatest(): Promise<UpdateCheck | null>;
  /**
   * Downloads the offered update, verifies its signature and installs it (administrators only:
   * `forbidden`); answers `installed`, or why not. `refused` while another install runs.
   */
  updatesInstall(): Promise<UpdateCheck>;
  /** Restarts Tessera so that an installed update runs. */
  updatesRestart(): Promise<void>;
  /** Calls `listener` with every update answer the window hears of; returns how to stop. A browser hears none. */
  onUpdateChecked(listener: (event: UpdateChecked) => void): () => void;
  /** The customer's cards in every status, oldest first. */
  cardsList(organizer: string, identifier: string): Promise<Card[]>;
  /** Issues an active card; `validation` on `serialNumber` when it is blank, too long or taken in the organizer. */
  cardsIssue(organizer: string, identifier: string, input: CardInput): Promise<Card>;
  /** Blocks an active card for now; `refused` when it is not active. */
  cardsBlock(organizer: string, identifier: string, cardId: number, input: CardStatusInput): Promise<Card>;
  /** Unblocks a blocked card; `refused` when it is not blocked. */
  cardsUnblock(organizer: string, identifier: string, cardId: number): Promise<Card>;
  /** Marks a card lost, for good; `refused` when it is lost or replaced already. */
  cardsLost(organizer: string, identifier: string, cardId: number, input: CardStatusInput): Promise<Card>;
  /** A new active card takes over from this one, which stops for good; resolves with the new card. */
  cardsReplace(organizer: string, identifier: string, cardId: number, input: ReplaceInput): Promise<Card>;
  /** The customer (and credit, memberships) of a scanned card, in any status; `not_found` for an unknown serial. */
  cardsScan(organizer: string, serial: string): Promise<PosLookup>;
  creditBalance(organizer: string, identifier: string): Promise<CreditBalance>;
  /** One page of the customer's ledger, newest first. */
  creditEntries(organizer: string, identifier: string, skip: number, take: number): Promise<EntryPage>;
  creditTopup(organizer: string, identifier: string, input: CreditInput): Promise<Booking>;
  /**
   * Takes credit; `validation` on `amount` when more than is available, `refused` when the customer
   * account is not active.
   */
  creditCharge(organizer: string, identifier: string, input: CreditInput): Promise<Booking>;
  /** Gives back (part of) a charge; without an amount, all that is left. `refused` once refunded in full. */
  creditRefund(organizer: string, identifier: string, input: UndoInput): Promise<Booking>;
  /** Undoes (part of) a top-up, charge or adjustment booked by mistake. `refused` once undone in full. */
  creditReverse(organizer: string, identifier: string, input: UndoInput): Promise<Booking>;
  /** A signed correction with a note; needs both customer and gift-card write permission. */
  creditAdjust(organizer: string, identifier: string, input: AdjustmentInput): Promise<Booking>;
  /** The organizer's credit currency and overdraft limit. */
  creditSettings(organizer: string): Promise<CreditSettings>;
  /**
   * Saves them (`organizer.settings.general:write`); `validation` on `currency` once credit has been
   * booked in the current one.
   */
  creditSaveSettings(organizer: string, input: CreditSettingsInput): Promise<CreditSettings>;
  /**
   * The organizer's outbox, newest first (at most 200); `forbidden` without
   * `organizer.outgoingmails:read` or `organizer.settings.general:write`.
   */
  outboxList(organizer: string): Promise<OutboxMail[]>;
  /**
   * Queues a waiting or failed mail for an attempt now (`organizer.settings.general:write`);
   * `not_found` for an unknown mail or one that was sent already.
   */
  outboxRetry(organizer: string, mailId: number): Promise<void>;
  /** The SMTP settings without the password (only whether one is stored); null when none are set. */
  mailSettings(organizer: string): Promise<MailSettings | null>;
  /**
   * Saves the SMTP settings (`organizer.settings.general:write`): `password` null keeps the stored
   * one, "" removes it. `validation` on `host`, `port` and `sender`.
   */
  mailSettingsSave(organizer: string, input: MailSettingsInput): Promise<MailSettings>;
  /**
   * Queues a test mail and answers it as queued; the background sender tries it within seconds and
   * the outbox shows the outcome. `validation` on `to`.
   */
  mailSettingsTest(organizer: string, input: TestMailInput): Promise<OutboxMail>;
  /**
   * The organizer's events the user may see, soonest first, each with how many people wait and how
   * many waiting-list vouchers are out.
   */
  eventsList(organizer: string): Promise<EventSummary[]>;
  /**
   * Creates an event (`organizer.events:create`); `validation` on `name`, `slug` (taken, reserved
   * or malformed), `date_from`, `date_to`, and `non_field_errors` when it ends before it starts.
   */
  eventsCreate(organizer: string, input: NewEvent): Promise<Event>;
  /**
   * An event with its dates, products, quotas (with availability, waiting entries counted as
   * taken), waiting-list settings and the event-level permissions the user holds there.
   */
  eventsDetail(organizer: string, event: string): Promise<EventDetail>;
  /** Adds a date to a series (`event.subevents:write`). */
  eventsAddSubevent(organizer: string, event: string, input: NewSubEvent): Promise<SubEvent>;
  /** Adds a product (`event.items:write`); `validation` on `name` and `price` (as typed). */
  eventsAddItem(organizer: string, event: string, input: NewItem): Promise<Item>;
  /**
   * Creates a quota (`quotaId` null) or replaces one (`event.items:write`). `validation` on `name`,
   * `size`, `sold`, and `non_field_errors` (a series without a date, a product without variations).
   * Freed places go to the waiting list in the background.
   */
  eventsSaveQuota(organizer: string, event: string, quotaId: number | null, input: QuotaInput): Promise<Quota>;
  /** Saves the waiting-list settings (`event.settings.general:write`). */
  eventsSaveWaitingListSettings(
    organizer: string,
    event: string,
    input: WaitingListSettingsView,
  ): Promise<WaitingListSettingsView>;
  /**
   * The event's waiting list (`event.orders:read`): people still waiting first, in the order they
   * will be served (priority, then who came first), then those who got a voucher.
   */
  waitingList(organizer: string, event: string): Promise<WaitingListRow[]>;
  /**
   * Puts someone on the waiting list (`event.orders:write`). `validation` on the fields, or with
   * `non_field_errors` when the product is available, or the person is on the list already.
   */
  waitingListAdd(organizer: string, event: string, input: DeskEntryInput): Promise<WaitingListEntry>;
  /** Changes an entry; as adding, and `refused` once it has a voucher. */
  waitingListEdit(organizer: string, event: string, entryId: number, input: DeskEntryInput): Promise<WaitingListEntry>;
  /** Takes someone off the list; `refused` once they have a voucher. */
  waitingListRemove(organizer: string, event: string, entryId: number): Promise<void>;
  /**
   * Sends a voucher now; `validation` without fields and the reason as message when no place is
   * free, or a voucher was sent already.
   */
  waitingListSendVoucher(organizer: string, event: string, entryId: number): Promise<Voucher>;
  /**
   * Records that a voucher was used (`event.vouchers:write` or `event.orders:write`); `refused`
   * once used up or expired.
   */
  vouchersRedeem(organizer: string, event: string, voucherId: number): Promise<Voucher>;
  /** The OAuth applications the logged-in user registered, retired ones included. */
  oauthApplications(): Promise<OAuthApplication[]>;
  /**
   * Registers an application for the user; the answer holds a confidential client's secret, which
   * is never shown again. `validation` on `name` and `redirect_uris` (https, or http to this
   * machine or a private network).
   */
  oauthRegister(input: NewOAuthApplication): Promise<RegisteredApplication>;
  /** Retires an application for good: its tokens stop working at once. `not_found` for another user's. */
  oauthDeactivate(applicationId: number): Promise<void>;
  /** The access the user gave applications and has not revoked, oldest first. */
  oauthGrants(): Promise<OAuthGrant[]>;
  /** Revokes access the user gave: its access and refresh tokens stop at once. `not_found` once gone. */
  oauthRevokeGrant(grantId: number): Promise<void>;
  /** Reseller accounts with their organizers and members: the user's own, every one for administrators. */
  resellersList(): Promise<ResellerOverview[]>;
  /** Creates an account with the user as a member (administrators only: `forbidden`); `validation` on `name`. */
  resellersCreate(input: NewResellerAccount): Promise<ResellerAccount>;
  /**
   * Adds a staff user to an account by email (administrators only); `validation` on `email` when
   * no staff user has it. Adding a member twice changes nothing.
   */
  resellersAddMember(resellerId: number, email: string): Promise<void>;
  /**
   * Puts an existing organizer (by slug) into an account, out of any other (administrators only);
   * `not_found` for an unknown organizer.
   */
  resellersLinkOrganizer(resellerId: number, organizer: string): Promise<void>;
  /** The backups, the schedule and where backups go (administrators only: `forbidden`). */
  backupsOverview(): Promise<BackupOverview>;
  /**
   * Backs the live database up and checks the copy: `to` a folder or file; null for the schedule's
   * folder, else the default folder. `validation` on `to` for a folder that cannot be written.
   */
  backupsCreate(to: string | null): Promise<BackupInfo>;
  /** Saves the schedule; `validation` on `folder`, `every_hours` and `keep`. */
  backupsSaveSettings(settings: BackupSettings): Promise<BackupOverview>;
  /**
   * Replaces the database with a checked backup, keeping the current file aside and migrating an
   * older backup. `validation` on `path` for a missing or damaged file. The desk session ends.
   */
  backupsRestore(path: string): Promise<RestoreOutcome>;
  /** The organizer's figures from `since` (RFC 3339) on; anyone who may open the organizer. */
  dashboard(organizer: string, since: string): Promise<Dashboard>;
  /**
   * Writes a CSV export: the window saves it into the Downloads folder, a browser downloads it.
   * `forbidden` without the kind's read permission; `validation` on `from`, `to` and `event`.
   */
  exportCsv(organizer: string, request: ExportRequest): Promise<SavedExport>;
  /**
   * Reads a CSV (the file's text as is) for an import and answers its header, first rows and the
   * fields its columns can fill, with a suggested mapping. `organizer.customers:write`; `validation`
   * for a file that is no CSV or has no header.
   */
  importPreview(organizer: string, kind: ImportKind, csv: string): Promise<ImportPreview>;
  /**
   * Checks every row with `mapping` (a field key or null per column) and writes nothing.
   * `validation` for a mapping without a required field or with a field twice; `not_found` once
   * the preview expired (after an hour); `forbidden` for a credit column without `organizer.giftcards:write`.
   */
  importValidate(organizer: string, id: string, mapping: (string | null)[]): Promise<ImportReport>;
  /**
   * Starts the import and answers at once; it checks every row again and writes all of them or,
   * if any fails, none. Errors as `importValidate`.
   */
  importCommit(organizer: string, id: string, mapping: (string | null)[]): Promise<ImportProgress>;
  /** How far a started import is; `not_found` for an unknown one. */
  importProgress(organizer: string, id: string): Promise<ImportProgress>;
}

/**
 * Codes sent by the backend that the UI branches on, plus `network` (the backend could not be
 * reached at all), which only the client can know.
 */
export type ErrorCode =
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'refused'
  | 'membership_refused'
  | 'conflict'
  | 'internal'
  | 'network';

/** A failed backend call, whichever transport carried it. */
export class AppError extends Error {
  readonly code: ErrorCode | (string & Record<never, never>);
  /** Messages per input field name; empty when the error is not about fields. */
  readonly fields: Record<string, string[]>;

  constructor(code: string, message: string, fields?: Record<string, string[] | undefined> | null) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    const clean: Record<string, string[]> = {};
    for (const [name, messages] of Object.entries(fields ?? {})) {
      if (messages && messages.length > 0) clean[name] = messages;
    }
    this.fields = clean;
  }

  /** Builds an AppError from whatever a transport rejected with. */
  static from(value: unknown): AppError {
    if (value instanceof AppError) return value;
    if (isErrorBody(value)) return new AppError(value.code, value.message, value.fields);
    if (value instanceof Error) return new AppError('internal', value.message);
    if (typeof value === 'string') return new AppError('internal', value);
    return new AppError('internal', 'Unexpected error');
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}
