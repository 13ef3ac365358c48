// The events of one organizer as the fake backend keeps them: dates, products, quotas, waiting-list
// settings, entries and their vouchers, with the core's rules where the desk shows their effect.
// A quota's places are its size minus what was sold, minus the places held by valid vouchers, minus
// (where counted) the people still waiting; a product's availability is that of its worst quota. A
// person may join the list only while the product is not available, and a voucher goes out only for
// a place that is free without counting the list. The core's assigner runs every two seconds; the
// fake runs it whenever the waiting list is read, so a test sees a freed place taken on the next look.
import {
  AppError,
  type DeskEntryInput,
  type Event,
  type EventDetail,
  type EventSummary,
  type Item,
  type NewEvent,
  type NewItem,
  type NewSubEvent,
  type Quota,
  type QuotaInput,
  type SubEvent,
  type Variation,
  type Voucher,
  type WaitingListEntry,
  type WaitingListRow,
  type WaitingListSettingsView,
} from '../lib/backend/backend';

/** Every event-level permission a team can hold, as the core lists them. */
export const ALL_EVENT_PERMISSIONS = [
  'event.settings.general:write',
  'event.settings.payment:write',
  'event.settings.tax:write',
  'event.settings.invoicing:write',
  'event.subevents:write',
  'event.items:write',
  'event.orders:read',
  'event.orders:write',
  'event.orders:checkin',
  'event.vouchers:read',
  'event.vouchers:write',
  'event:cancel',
];

/** One event with everything the fake keeps about it. */
export interface FakeEvent {
  event: Event;
  /** The event-level permissions the user holds in this event. */
  permissions: string[];
  subevents: SubEvent[];
  items: Item[];
  /** Without availability: it is computed on every read. */
  quotas: Quota[];
  settings: WaitingListSettingsView;
  entries: WaitingListEntry[];
  vouchers: Voucher[];
}

export interface FakeEventSeed {
  slug: string;
  name?: string;
  date_from?: string;
  date_to?: string | null;
  has_subevents?: boolean;
  location?: string | null;
  currency?: string;
  /** Every event permission when absent. */
  permissions?: string[];
  settings?: Partial<WaitingListSettingsView>;
}

const REQUIRED = 'This field is required.';
const ALREADY_WAITING =
  'You are already on this waiting list! We will notify you as soon as we have a ticket available for you.';
const RESERVED_SLUGS = ['api', 'events', 'control', 'download', 'widget', 'account', 'customer', 'locale'];

/** The waiting-list settings of a new event: closed to the public, vouchers sent automatically for 48 hours. */
export const DEFAULT_WAITING_LIST: WaitingListSettingsView = {
  enabled: false,
  auto: true,
  hours: 48,
  limit_per_user: 1,
  locales: ['en'],
};

function text(value: string): Record<string, string> {
  return { en: value.trim() };
}

function invalid(fields: Record<string, string[]>): AppError {
  return new AppError('validation', 'Please correct the marked fields.', fields);
}

/** A rule about the whole input, as the core answers it: `validation` with `non_field_errors`. */
function rule(message: string): AppError {
  return invalid({ non_field_errors: [message] });
}

function declined(message: string): AppError {
  return new AppError('validation', message);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function time(value: string): number {
  return Date.parse(value);
}

function validEmail(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

export function makeEvent(overrides: Partial<Event> = {}): Event {
  return {
    name: { en: 'Winter Gala' },
    slug: 'gala',
    live: false,
    testmode: false,
    currency: 'EUR',
    date_from: '2026-12-12T18:30:00Z',
    date_to: null,
    date_admission: null,
    is_public: true,
    presale_start: null,
    presale_end: null,
    location: null,
    geo_lat: null,
    geo_lon: null,
    has_subevents: false,
    meta_data: {},
    seating_plan: null,
    plugins: [],
    seat_category_mapping: {},
    timezone: 'UTC',
    item_meta_properties: {},
    all_sales_channels: true,
    limit_sales_channels: [],
    public_url: '',
    sales_channels: [],
    ...overrides,
  };
}

export function makeVariation(overrides: Partial<Variation> & Pick<Variation, 'id'>): Variation {
  return {
    value: { en: 'Regular' },
    active: true,
    description: null,
    position: 0,
    default_price: null,
    price: '0.00',
    original_price: null,
    free_price_suggestion: null,
    require_approval: false,
    require_membership: false,
    require_membership_types: [],
    require_membership_hidden: false,
    checkin_attention: false,
    checkin_text: null,
    available_from: null,
    available_from_mode: 'hide',
    available_until: null,
    available_until_mode: 'hide',
    all_sales_channels: true,
    limit_sales_channels: [],
    sales_channels: [],
    hide_without_voucher: false,
    meta_data: {},
    ...overrides,
  };
}

export function makeItem(overrides: Partial<Item> & Pick<Item, 'id'>): Item {
  const variations = overrides.variations ?? [];
  return {
    category: null,
    name: { en: 'Ticket' },
    internal_name: null,
    active: true,
    sales_channels: [],
    all_sales_channels: true,
    limit_sales_channels: [],
    description: null,
    default_price: '0.00',
    free_price: false,
    tax_rate: '0.00',
    tax_rule: null,
    admission: true,
    personalized: false,
    position: 0,
    picture: null,
    available_from: null,
    available_until: null,
    require_voucher: false,
    hide_without_voucher: false,
    allow_cancel: true,
    min_per_order: null,
    max_per_order: null,
    checkin_attention: false,
    has_variations: variations.length > 0,
    addons: [],
    bundles: [],
    allow_waitinglist: true,
    require_membership: false,
    require_membership_types: [],
    meta_data: {},
    ...overrides,
    variations,
  };
}

export function makeSubEvent(overrides: Partial<SubEvent> & Pick<SubEvent, 'id' | 'event'>): SubEvent {
  return {
    name: { en: 'Matinee' },
    date_from: '2026-12-13T14:00:00Z',
    date_to: null,
    active: true,
    date_admission: null,
    presale_start: null,
    presale_end: null,
    location: null,
    geo_lat: null,
    geo_lon: null,
    is_public: true,
    frontpage_text: null,
    seating_plan: null,
    item_price_overrides: [],
    variation_price_overrides: [],
    meta_data: {},
    seat_category_mapping: {},
    last_modified: '2026-11-23T18:00:00Z',
    comment: null,
    ...overrides,
  };
}

/** An amount as people type it ("12,5", "12.50", "12"), as the core writes it, or null. */
function parsePrice(typed: string): string | null {
  const match = /^(\d{1,11})(?:[.,](\d{0,2}))?$/.exec(typed.trim());
  if (!match) return null;
  return `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/** A code as pretix makes them: 16 letters and digits without the ones people confuse. */
function voucherCode(id: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let seed = Math.imul(id, 2654435761) >>> 0;
  let code = '';
  for (let i = 0; i < 16; i += 1) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    code += alphabet[(seed >>> 16) % alphabet.length];
  }
  return code;
}

export class FakeEvents {
  events: FakeEvent[] = [];
  private lastId = 0;

  /** `now` is the backend's clock; it moves on with every call. */
  constructor(private readonly now: () => string) {}

  private nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** The event, or `not_found` as the core answers an event the user cannot see. */
  find(slug: string): FakeEvent {
    const found = this.events.find((e) => e.event.slug === slug);
    if (!found) throw new AppError('not_found', 'This event does not exist.');
    return found;
  }

  /** For tests and the demo: an event as it would be after creation, with its settings. */
  seed(seed: FakeEventSeed): FakeEvent {
    const event: FakeEvent = {
      event: makeEvent({
        slug: seed.slug,
        name: text(seed.name ?? seed.slug),
        date_from: seed.date_from ?? '2026-12-12T18:30:00Z',
        date_to: seed.date_to ?? null,
        has_subevents: seed.has_subevents ?? false,
        location: seed.location ? text(seed.location) : null,
        currency: seed.currency ?? 'EUR',
      }),
      permissions: seed.permissions ?? [...ALL_EVENT_PERMISSIONS],
      subevents: [],
      items: [],
      quotas: [],
      settings: { ...DEFAULT_WAITING_LIST, ...seed.settings },
      entries: [],
      vouchers: [],
    };
    this.events.push(event);
    return event;
  }

  /** Soonest first. */
  summaries(): EventSummary[] {
    this.assignAll();
    const now = time(this.now());
    return [...this.events]
      .sort((a, b) => time(a.event.date_from) - time(b.event.date_from))
      .map((e) => ({
        slug: e.event.slug,
        name: e.event.name.en ?? Object.values(e.event.name)[0] ?? '',
        date_from: e.event.date_from,
        date_to: e.event.date_to,
        has_subevents: e.event.has_subevents,
        waiting: e.entries.filter((w) => w.voucher === null).length,
        vouchers_out: e.entries.filter((w) => {
          const v = w.voucher === null ? undefined : e.vouchers.find((x) => x.id === w.voucher);
          return v !== undefined && v.redeemed < v.max_usages && !this.expired(v, now);
        }).length,
      }));
  }

  create(input: NewEvent): Event {
    const fields: Record<string, string[]> = {};
    if (input.name.trim() === '') fields.name = ["Enter the event's name."];
    const slug = input.slug.trim();
    if (slug === '') fields.slug = ['This field may not be blank.'];
    else if (!/^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(slug) || slug.length > 50) {
      fields.slug = ['The slug may only contain letters, numbers, dots and dashes.'];
    } else if (RESERVED_SLUGS.includes(slug)) fields.slug = [`This field has an invalid value: ${slug}.`];
    else if (this.events.some((e) => e.event.slug === slug)) {
      fields.slug = ['This slug has already been used for a different event.'];
    }
    if (Number.isNaN(time(input.date_from))) fields.date_from = ['Enter a date and time.'];
    if (input.date_to && Number.isNaN(time(input.date_to))) fields.date_to = ['Enter a date and time.'];
    if (Object.keys(fields).length > 0) throw invalid(fields);
    if (input.date_to && time(input.date_to) < time(input.date_from)) {
      throw rule('The event cannot end before it starts.');
    }
    return this.seed({
      slug,
      name: input.name,
      date_from: input.date_from,
      date_to: input.date_to || null,
      has_subevents: input.has_subevents,
      location: input.location,
    }).event;
  }

  detail(slug: string): EventDetail {
    const e = this.find(slug);
    this.assign(e);
    const now = time(this.now());
    return clone({
      event: e.event,
      permissions: e.permissions,
      subevents: e.subevents,
      items: e.items,
      quotas: e.quotas.map((q) => {
        const left = this.quotaLeft(e, q, now, true);
        return { ...q, available: left === null || left > 0, available_number: left ?? undefined };
      }),
      waiting_list: e.settings,
    });
  }

  addSubevent(slug: string, input: NewSubEvent): SubEvent {
    const e = this.find(slug);
    const fields: Record<string, string[]> = {};
    if (input.name.trim() === '') fields.name = [REQUIRED];
    if (Number.isNaN(time(input.date_from))) fields.date_from = ['Enter a date and time.'];
    if (Object.keys(fields).length > 0) throw invalid(fields);
    if (!e.event.has_subevents) throw rule('Dates can only be added to an event series.');
    const subevent = makeSubEvent({
      id: this.nextId(),
      event: slug,
      name: text(input.name),
      date_from: input.date_from,
      date_to: input.date_to || null,
    });
    e.subevents.push(subevent);
    return clone(subevent);
  }

  addItem(slug: string, input: NewItem): Item {
    const e = this.find(slug);
    const fields: Record<string, string[]> = {};
    if (input.name.trim() === '') fields.name = ["Enter the product's name."];
    const price = parsePrice(input.price);
    if (price === null) fields.price = ['A valid number is required.'];
    if (Object.keys(fields).length > 0) throw invalid(fields);
    const names = input.variations.map((v) => v.trim()).filter((v) => v !== '');
    const item = makeItem({
      id: this.nextId(),
      name: text(input.name),
      default_price: price ?? '0.00',
      admission: input.admission,
      position: e.items.length,
      variations: names.map((name, position) =>
        makeVariation({ id: this.nextId(), value: text(name), position, price: price ?? '0.00' }),
      ),
    });
    e.items.push(item);
    return clone(item);
  }

  saveQuota(slug: string, id: number | null, input: QuotaInput): Quota {
    const e = this.find(slug);
    const existing = id === null ? null : e.quotas.find((q) => q.id === id);
    if (existing === undefined) throw new AppError('not_found', 'Quota not found.');
    const fields: Record<string, string[]> = {};
    const rules: string[] = [];
    if (input.name.trim() === '') fields.name = ['This field may not be blank.'];
    if (input.size !== null && (!Number.isInteger(input.size) || input.size < 0)) {
      fields.size = ['Ensure this value is greater than or equal to 0.'];
    }
    if (!Number.isInteger(input.sold) || input.sold < 0) fields.sold = ['Ensure this value is greater than or equal to 0.'];
    for (const itemId of input.items) {
      const item = e.items.find((i) => i.id === itemId);
      if (!item) fields.items = [`Invalid pk "${itemId}" - object does not exist.`];
      else if (item.has_variations && !item.variations.some((v) => input.variations.includes(v.id))) {
        rules.push('One or more items has variations but none of these are in the variations list.');
      }
    }
    if (input.subevent === null && e.event.has_subevents) rules.push('Subevent cannot be null for event series.');
    if (input.subevent !== null && !e.subevents.some((s) => s.id === input.subevent)) {
      rules.push('The subevent does not belong to this event.');
    }
    if (rules.length > 0) fields.non_field_errors = rules.slice(0, 1);
    if (Object.keys(fields).length > 0) throw invalid(fields);
    const quota: Quota = {
      id: existing?.id ?? this.nextId(),
      name: input.name.trim(),
      size: input.size,
      items: [...input.items],
      variations: [...input.variations],
      subevent: input.subevent,
      closed: input.closed,
      close_when_sold_out: false,
      release_after_exit: false,
      ignore_for_event_availability: false,
      sold: input.sold,
    };
    if (existing) Object.assign(existing, quota);
    else e.quotas.push(quota);
    const now = time(this.now());
    const left = this.quotaLeft(e, quota, now, true);
    return clone({ ...quota, available: left === null || left > 0, available_number: left ?? undefined });
  }

  saveSettings(slug: string, input: WaitingListSettingsView): WaitingListSettingsView {
    const e = this.find(slug);
    const fields: Record<string, string[]> = {};
    if (!Number.isInteger(input.hours) || input.hours < 1) {
      fields.waiting_list_hours = ['Ensure this value is greater than or equal to 1.'];
    }
    if (!Number.isInteger(input.limit_per_user) || input.limit_per_user < 1) {
      fields.waiting_list_limit_per_user = ['Ensure this value is greater than or equal to 1.'];
    }
    if (Object.keys(fields).length > 0) throw invalid(fields);
    e.settings = { ...input, locales: input.locales.length > 0 ? [...input.locales] : e.settings.locales };
    return clone(e.settings);
  }

  /** Waiting entries first in serving order (priority, then who came first), then those with a voucher. */
  rows(slug: string): WaitingListRow[] {
    const e = this.find(slug);
    this.assign(e);
    const now = time(this.now());
    const order = (a: WaitingListEntry, b: WaitingListEntry) =>
      Number(a.voucher !== null) - Number(b.voucher !== null) ||
      b.priority - a.priority ||
      time(a.created) - time(b.created) ||
      a.id - b.id;
    return [...e.entries].sort(order).map((entry) => {
      const voucher = entry.voucher === null ? undefined : e.vouchers.find((v) => v.id === entry.voucher);
      return clone({
        entry,
        product: this.productName(e, entry),
        voucher_code: voucher?.code ?? null,
        voucher_valid_until: voucher?.valid_until ?? null,
        voucher_redeemed: (voucher?.redeemed ?? 0) > 0,
        voucher_expired: voucher !== undefined && voucher.redeemed === 0 && this.expired(voucher, now),
      });
    });
  }

  addEntry(slug: string, input: DeskEntryInput): WaitingListEntry {
    const e = this.find(slug);
    const entry: WaitingListEntry = {
      id: 0,
      created: this.now(),
      name: null,
      name_parts: {},
      email: '',
      phone: null,
      voucher: null,
      item: 0,
      variation: null,
      locale: e.settings.locales[0] ?? 'en',
      subevent: null,
      priority: 0,
    };
    this.apply(e, entry, input);
    entry.id = this.nextId();
    e.entries.push(entry);
    return clone(entry);
  }

  editEntry(slug: string, id: number, input: DeskEntryInput): WaitingListEntry {
    const e = this.find(slug);
    const entry = this.findEntry(e, id);
    const changed = clone(entry);
    this.apply(e, changed, input);
    if (entry.voucher !== null) {
      throw new AppError('refused', 'This entry can not be changed as it has already been assigned a voucher.');
    }
    Object.assign(entry, changed);
    return clone(entry);
  }

  removeEntry(slug: string, id: number): void {
    const e = this.find(slug);
    const entry = this.findEntry(e, id);
    if (entry.voucher !== null) {
      throw new AppError('refused', 'This entry can not be deleted as it has already been assigned a voucher.');
    }
    e.entries = e.entries.filter((w) => w.id !== id);
  }

  sendVoucher(slug: string, id: number): Voucher {
    const e = this.find(slug);
    return clone(this.offer(e, this.findEntry(e, id)));
  }

  redeem(slug: string, voucherId: number): Voucher {
    const e = this.find(slug);
    const voucher = e.vouchers.find((v) => v.id === voucherId);
    if (!voucher) throw new AppError('not_found', 'Voucher not found.');
    if (voucher.redeemed >= voucher.max_usages) {
      throw new AppError('refused', 'This voucher has already been redeemed the maximum number of times.');
    }
    if (this.expired(voucher, time(this.now()))) throw new AppError('refused', 'This voucher is expired.');
    voucher.redeemed += 1;
    return clone(voucher);
  }

  /** For tests: the voucher's time runs out now, so its place is free again. */
  expire(slug: string, voucherId: number): void {
    const voucher = this.find(slug).vouchers.find((v) => v.id === voucherId);
    if (voucher) voucher.valid_until = '2000-01-01T00:00:00Z';
  }

  /** The assigner's round over every event with automatic assignment. */
  private assignAll(): void {
    for (const e of this.events) this.assign(e);
  }

  /** Offers free places to the waiting entries in serving order, as the core's assigner does. */
  private assign(e: FakeEvent): void {
    if (!e.settings.auto) return;
    const waiting = this.rowsWaiting(e);
    for (const entry of waiting) {
      try {
        this.offer(e, entry);
      } catch {
        // Nothing free for this product: the next entry may want another one.
      }
    }
  }

  private rowsWaiting(e: FakeEvent): WaitingListEntry[] {
    return e.entries
      .filter((w) => w.voucher === null)
      .sort((a, b) => b.priority - a.priority || time(a.created) - time(b.created) || a.id - b.id);
  }

  private offer(e: FakeEvent, entry: WaitingListEntry): Voucher {
    const now = this.now();
    const free = this.productLeft(e, entry, time(now), false);
    if (free !== null && free < 1) throw declined('This product is currently not available.');
    if (entry.voucher !== null) throw declined('A voucher has already been sent to this person.');
    const id = this.nextId();
    const voucher: Voucher = {
      id,
      code: voucherCode(id),
      max_usages: 1,
      redeemed: 0,
      min_usages: 1,
      valid_until: stamp(time(now) + e.settings.hours * 3_600_000),
      block_quota: true,
      allow_ignore_quota: false,
      price_mode: 'none',
      value: null,
      item: entry.item,
      variation: entry.variation,
      quota: null,
      tag: 'waiting-list',
      comment: `Automatically created from waiting list entry for ${entry.email}`,
      subevent: entry.subevent,
      show_hidden_items: true,
      seat: null,
      all_addons_included: false,
      all_bundles_included: false,
      budget: null,
      budget_used: '0.00',
      created: now,
    };
    e.vouchers.push(voucher);
    entry.voucher = id;
    return voucher;
  }

  private findEntry(e: FakeEvent, id: number): WaitingListEntry {
    const entry = e.entries.find((w) => w.id === id);
    if (!entry) throw new AppError('not_found', 'Waiting list entry not found.');
    return entry;
  }

  /** The core's field checks, then its rules in its order; `entry` takes the input. */
  private apply(e: FakeEvent, entry: WaitingListEntry, input: DeskEntryInput): void {
    const fields: Record<string, string[]> = {};
    const email = input.email.trim().toLowerCase();
    if (email === '') fields.email = ['This field may not be blank.'];
    else if (!validEmail(email)) fields.email = ['Enter a valid email address.'];
    const phone = input.phone?.trim() || null;
    if (phone !== null && !/^\+?[0-9 ()/-]{5,}$/.test(phone)) fields.phone = ['Enter a valid phone number.'];
    if (!Number.isInteger(input.priority) || Math.abs(input.priority) > 2_147_483_647) {
      fields.priority = ['Ensure this value is less than or equal to 2147483647.'];
    }
    const locale = input.locale ?? e.settings.locales[0] ?? 'en';
    if (!e.settings.locales.includes(locale)) fields.locale = [`"${locale}" is not a valid choice.`];
    if (Object.keys(fields).length > 0) throw invalid(fields);
    const name = input.name?.trim() ?? '';
    Object.assign(entry, {
      email,
      phone,
      name: name === '' ? null : name,
      name_parts: name === '' ? {} : { full_name: name },
      item: input.item,
      variation: input.variation,
      subevent: input.subevent,
      locale,
      priority: input.priority,
    });
    const same = e.entries.filter(
      (w) =>
        w.id !== entry.id &&
        w.email === entry.email &&
        w.item === entry.item &&
        w.variation === entry.variation &&
        w.subevent === entry.subevent,
    ).length;
    if (same >= e.settings.limit_per_user) throw rule(ALREADY_WAITING);
    const item = e.items.find((i) => i.id === entry.item);
    if (!item) throw rule('The selected item does not belong to this event.');
    if (item.has_variations && !item.variations.some((v) => v.id === entry.variation)) {
      throw rule('Please select a specific variation of this product.');
    }
    if (entry.subevent === null && e.event.has_subevents) throw rule('Subevent cannot be null for event series.');
    if (entry.subevent !== null && !e.subevents.some((s) => s.id === entry.subevent)) {
      throw rule('The subevent does not belong to this event.');
    }
    // The stored entry still counts as waiting here, as in the core (an edit reads the row before it).
    const left = this.productLeft(e, entry, time(this.now()), true);
    if (left === null || left > 0) throw rule('This product is currently available.');
  }

  private expired(voucher: Voucher, now: number): boolean {
    return voucher.valid_until !== null && time(voucher.valid_until) < now;
  }

  /** Places left in `quota` at `now`; null when it has no limit. */
  private quotaLeft(e: FakeEvent, quota: Quota, now: number, countWaiting: boolean): number | null {
    if (quota.closed) return 0;
    if (quota.size === null) return null;
    const covers = (item: number, variation: number | null, subevent: number | null) =>
      subevent === quota.subevent &&
      (variation !== null && quota.variations.length > 0 ? quota.variations.includes(variation) : quota.items.includes(item));
    const held = e.vouchers
      .filter((v) => v.block_quota && !this.expired(v, now) && v.item !== null && covers(v.item, v.variation, v.subevent))
      .reduce((sum, v) => sum + Math.max(v.max_usages - v.redeemed, 0), 0);
    const waiting = countWaiting
      ? e.entries.filter((w) => w.voucher === null && covers(w.item, w.variation, w.subevent)).length
      : 0;
    return Math.max(quota.size - quota.sold - held - waiting, 0);
  }

  /** Places left for the entry's product and date: the fewest of its quotas; null when unlimited. */
  private productLeft(
    e: FakeEvent,
    entry: Pick<WaitingListEntry, 'item' | 'variation' | 'subevent'>,
    now: number,
    countWaiting: boolean,
  ): number | null {
    const quotas = e.quotas.filter(
      (q) =>
        q.subevent === entry.subevent &&
        (entry.variation !== null && q.variations.length > 0
          ? q.variations.includes(entry.variation)
          : q.items.includes(entry.item)),
    );
    let fewest: number | null = null;
    for (const quota of quotas) {
      const left = this.quotaLeft(e, quota, now, countWaiting);
      if (left !== null && (fewest === null || left < fewest)) fewest = left;
    }
    return fewest;
  }

  private productName(e: FakeEvent, entry: WaitingListEntry): string {
    const item = e.items.find((i) => i.id === entry.item);
    if (!item) return '';
    const variation = item.variations.find((v) => v.id === entry.variation);
    return variation ? `${item.name.en} – ${variation.value.en}` : (item.name.en ?? '');
  }
}
