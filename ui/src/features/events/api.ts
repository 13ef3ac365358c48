// Event and waiting-list operations for the desk, one function each, plus what the user may do in
// an event. The core decides availability and who gets a voucher; the desk shows and asks.
import type {
  Backend,
  DeskEntryInput,
  Event,
  EventDetail,
  EventSummary,
  Item,
  NewEvent,
  NewItem,
  NewSubEvent,
  OrganizerSummary,
  Quota,
  QuotaInput,
  SubEvent,
  Voucher,
  WaitingListEntry,
  WaitingListRow,
  WaitingListSettingsView,
} from '../../lib/backend/backend';
import { holdsAll } from '../../lib/permissions';

/** How often an open waiting list looks again while it is visible (the core's assigner runs every 2 s). */
export const WAITING_LIST_REFRESH_MS = 3_000;

/** Soonest first; only the events the user may see. */
export function listEvents(backend: Backend, organizer: string): Promise<EventSummary[]> {
  return backend.eventsList(organizer);
}

/** `validation` on the fields (a slug taken or reserved among them). */
export function createEvent(backend: Backend, organizer: string, input: NewEvent): Promise<Event> {
  return backend.eventsCreate(organizer, input);
}

export function eventDetail(backend: Backend, organizer: string, event: string): Promise<EventDetail> {
  return backend.eventsDetail(organizer, event);
}

export function addDate(backend: Backend, organizer: string, event: string, input: NewSubEvent): Promise<SubEvent> {
  return backend.eventsAddSubevent(organizer, event, input);
}

/** The price goes as typed; the core reads it in the event's currency (`validation` on `price`). */
export function addProduct(backend: Backend, organizer: string, event: string, input: NewItem): Promise<Item> {
  return backend.eventsAddItem(organizer, event, input);
}

/** Creates a quota (`quotaId` null) or replaces one with `input`. */
export function saveQuota(
  backend: Backend,
  organizer: string,
  event: string,
  quotaId: number | null,
  input: QuotaInput,
): Promise<Quota> {
  return backend.eventsSaveQuota(organizer, event, quotaId, input);
}

export function saveWaitingListSettings(
  backend: Backend,
  organizer: string,
  event: string,
  input: WaitingListSettingsView,
): Promise<WaitingListSettingsView> {
  return backend.eventsSaveWaitingListSettings(organizer, event, input);
}

/** Waiting people first, in the order they will be served, then those who got a voucher. */
export function listWaiting(backend: Backend, organizer: string, event: string): Promise<WaitingListRow[]> {
  return backend.waitingList(organizer, event);
}

/** Refused (`validation` with `non_field_errors`) while the product is available. */
export function addToWaitingList(
  backend: Backend,
  organizer: string,
  event: string,
  input: DeskEntryInput,
): Promise<WaitingListEntry> {
  return backend.waitingListAdd(organizer, event, input);
}

/** As adding; `refused` once the entry has a voucher. */
export function editWaitingEntry(
  backend: Backend,
  organizer: string,
  event: string,
  entryId: number,
  input: DeskEntryInput,
): Promise<WaitingListEntry> {
  return backend.waitingListEdit(organizer, event, entryId, input);
}

/** `refused` once the entry has a voucher. */
export function removeWaitingEntry(backend: Backend, organizer: string, event: string, entryId: number): Promise<void> {
  return backend.waitingListRemove(organizer, event, entryId);
}

/** Refused (`validation`, the reason as message) while no place is free. */
export function sendVoucher(backend: Backend, organizer: string, event: string, entryId: number): Promise<Voucher> {
  return backend.waitingListSendVoucher(organizer, event, entryId);
}

/** `refused` once used up or expired. */
export function markRedeemed(backend: Backend, organizer: string, event: string, voucherId: number): Promise<Voucher> {
  return backend.vouchersRedeem(organizer, event, voucherId);
}

/** Whether the user may create events in the organizer. */
export function mayCreateEvents(organizer: OrganizerSummary): boolean {
  return holdsAll(organizer, 'organizer.events:create');
}

/** What the user may do in one event, from the event-level permissions the detail carries. */
export interface EventRights {
  /** Add products and change quotas. */
  products: boolean;
  /** Add dates to a series. */
  dates: boolean;
  /** Change the waiting-list settings. */
  settings: boolean;
  /** See the waiting list. */
  readWaiting: boolean;
  /** Add, change, remove, reorder people and send them vouchers. */
  writeWaiting: boolean;
  /** Record that a voucher was used. */
  redeem: boolean;
}

export function eventRights(detail: Pick<EventDetail, 'permissions'>): EventRights {
  const holds = (permission: string) => detail.permissions.includes(permission);
  return {
    products: holds('event.items:write'),
    dates: holds('event.subevents:write'),
    settings: holds('event.settings.general:write'),
    readWaiting: holds('event.orders:read'),
    writeWaiting: holds('event.orders:write'),
    redeem: holds('event.vouchers:write') || holds('event.orders:write'),
  };
}
