// The stored-credit ledger of one organizer, as the fake backend keeps it: append-only entries in
// integer minor units (BigInt), each with the balance after it, and the core's rules for charges,
// the overdraft limit, refunds and reversals. Amounts leave it as decimal strings, as the core's do.
import {
  AppError,
  type AdjustmentInput,
  type Booking,
  type CreditBalance,
  type CreditEntry,
  type CreditInput,
  type CreditSettings,
  type CreditSettingsInput,
  type EntryKind,
  type EntryPage,
  type UndoInput,
} from '../lib/backend/backend';
import { fromMinor, toMinor } from '../lib/money';

export interface FakeEntry {
  id: number;
  /** The customer's identifier. */
  customer: string;
  kind: EntryKind;
  /** Signed, in minor units. */
  amount: bigint;
  balanceAfter: bigint;
  currency: string;
  reference: string | null;
  note: string | null;
  undoes: number | null;
  bookedBy: string | null;
  createdAt: string;
}

/** Who books and when, as the backend learns it from the session and its clock. */
export interface Booker {
  by: string;
  at: string;
}

/** Currencies whose minor unit is not a hundredth (the ones tests use; the core knows them all). */
const PLACES: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, BHD: 3, JOD: 3, KWD: 3, OMR: 3, TND: 3 };

export function currencyPlaces(currency: string): number {
  return PLACES[currency] ?? 2;
}

const MAX_REFERENCE = 255;
const MAX_NOTE = 1000;
const MAX_TAKE = 500;
const MAX_MINOR = 10n ** 15n;

type Fields = Record<string, string[]>;

function invalid(fields: Fields): AppError {
  return new AppError('validation', 'Please correct the marked fields.', fields);
}

function throwIfAny(fields: Fields): void {
  if (Object.keys(fields).length > 0) throw invalid(fields);
}

/** Optional text, trimmed; blank is none. */
function text(value: string | null | undefined, field: string, max: number, fields: Fields): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > max) fields[field] = [`Ensure this field has no more than ${max} characters.`];
  return trimmed === '' ? null : trimmed;
}

/** An amount as the core reads it (digits, an optional minus and one dot) in minor units, or null. */
function minorField(raw: string, currency: string, field: string, fields: Fields): bigint | null {
  const places = currencyPlaces(currency);
  const normalized = raw.trim().replace(/^(-?)\./, '$10.').replace(/\.$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) {
    fields[field] = ['A valid number is required.'];
    return null;
  }
  let minor: bigint;
  try {
    minor = toMinor(normalized, places);
  } catch {
    fields[field] = [
      places === 0 ? `${currency} amounts have no decimal places.` : `Ensure that there are no more than ${places} decimal places.`,
    ];
    return null;
  }
  if ((minor < 0n ? -minor : minor) > MAX_MINOR) {
    fields[field] = ['This amount is too large.'];
    return null;
  }
  return minor;
}

function positiveField(raw: string, currency: string, fields: Fields): bigint {
  const minor = minorField(raw, currency, 'amount', fields);
  if (minor !== null && minor <= 0n) fields.amount = ['Ensure this value is greater than 0.'];
  return minor ?? 0n;
}

export class FakeLedger {
  entries: FakeEntry[] = [];
  currency: string;
  limit: bigint;
  private lastId = 0;

  constructor(settings: { currency?: string; limit?: string } = {}) {
    this.currency = settings.currency ?? 'EUR';
    this.limit = toMinor(settings.limit ?? '0', currencyPlaces(this.currency));
  }

  private format(minor: bigint, currency = this.currency): string {
    return fromMinor(minor, currencyPlaces(currency));
  }

  private of(customer: string): FakeEntry[] {
    return this.entries.filter((e) => e.customer === customer);
  }

  private balanceMinor(customer: string): bigint {
    return this.of(customer).at(-1)?.balanceAfter ?? 0n;
  }

  /** How much refunds and reversals already gave back of an entry (unsigned). */
  private undone(entry: FakeEntry): bigint {
    return this.entries
      .filter((e) => e.undoes === entry.id)
      .reduce((sum, e) => sum + (e.amount < 0n ? -e.amount : e.amount), 0n);
  }

  private wire(entry: FakeEntry): CreditEntry {
    return {
      id: entry.id,
      kind: entry.kind,
      amount: this.format(entry.amount, entry.currency),
      balanceAfter: this.format(entry.balanceAfter, entry.currency),
      currencyLabel: entry.currency,
      reference: entry.reference,
      note: entry.note,
      undoes: entry.undoes,
      undone: this.format(this.undone(entry), entry.currency),
      bookedBy: entry.bookedBy,
      createdAt: entry.createdAt,
    };
  }

  balance(customer: string): CreditBalance {
    const minor = this.balanceMinor(customer);
    return {
      customerId: customer,
      amount: this.format(minor),
      currencyLabel: this.currency,
      limit: this.format(this.limit),
      available: this.format(minor + this.limit),
    };
  }

  page(customer: string, skip: number, take: number): EntryPage {
    if (!Number.isInteger(skip) || skip < 0) throw invalid({ $skip: ['Ensure this value is greater than or equal to 0.'] });
    if (!Number.isInteger(take) || take < 0 || take > MAX_TAKE) {
      throw invalid({ $take: [`Ensure this value is between 0 and ${MAX_TAKE}.`] });
    }
    const newestFirst = [...this.of(customer)].reverse();
    const items = newestFirst.slice(skip, skip + take).map((e) => this.wire(e));
    return { items, count: items.length, totalCount: newestFirst.length };
  }

  /** Books one entry; an entry that takes credit must leave the balance at or above minus the limit. */
  post(
    customer: string,
    kind: EntryKind,
    amount: bigint,
    extra: { reference?: string | null; note?: string | null; undoes?: number | null },
    booker: Booker,
  ): Booking {
    const before = this.balanceMinor(customer);
    const after = before + amount;
    if ((after < 0n ? -after : after) > MAX_MINOR) throw invalid({ amount: ['This amount is too large.'] });
    if (amount < 0n && after < -this.limit) {
      const available = before + this.limit > 0n ? before + this.limit : 0n;
      throw invalid({ amount: [`Not enough credit: ${this.format(available)} ${this.currency} available.`] });
    }
    this.lastId += 1;
    const entry: FakeEntry = {
      id: this.lastId,
      customer,
      kind,
      amount,
      balanceAfter: after,
      currency: this.currency,
      reference: extra.reference ?? null,
      note: extra.note ?? null,
      undoes: extra.undoes ?? null,
      bookedBy: booker.by,
      createdAt: booker.at,
    };
    this.entries.push(entry);
    return { entry: this.wire(entry), balance: this.balance(customer) };
  }

  /** For seeding: books `amount` (signed, as the backend writes it) without a request's checks but the limit. */
  seed(
    customer: string,
    kind: EntryKind,
    amount: string,
    extra: { reference?: string; note?: string; undoes?: number } = {},
    booker: Booker = { by: 'admin@example.org', at: '2026-11-20T10:00:00Z' },
  ): Booking {
    return this.post(customer, kind, toMinor(amount, currencyPlaces(this.currency)), extra, booker);
  }

  /** A top-up or charge: a positive amount, given or taken; an inactive account cannot be charged. */
  book(customer: string, kind: 'TopUp' | 'Charge', input: CreditInput, booker: Booker, accountActive = true): Booking {
    const fields: Fields = {};
    const amount = positiveField(input.amount, this.currency, fields);
    const reference = text(input.reference, 'reference', MAX_REFERENCE, fields);
    const note = text(input.note, 'note', MAX_NOTE, fields);
    throwIfAny(fields);
    if (kind === 'Charge' && !accountActive) {
      throw new AppError('refused', 'This customer account is not active; it cannot be charged.');
    }
    return this.post(customer, kind, kind === 'Charge' ? -amount : amount, { reference, note }, booker);
  }

  /** A refund of a charge, or a reversal of anything but a refund or reversal; all that is left without an amount. */
  undo(customer: string, kind: 'Refund' | 'Reversal', input: UndoInput, booker: Booker): Booking {
    const fields: Fields = {};
    const requested = input.amount === null ? null : positiveField(input.amount, this.currency, fields);
    const reference = text(input.reference, 'reference', MAX_REFERENCE, fields);
    const note = text(input.note, 'note', MAX_NOTE, fields);
    throwIfAny(fields);
    const target = this.of(customer).find((e) => e.id === input.entryId);
    if (!target) throw invalid({ entryId: ['No entry of this customer has this id.'] });
    if (kind === 'Refund' && target.kind !== 'Charge') throw invalid({ entryId: ['Only a charge can be refunded.'] });
    if (target.kind === 'Refund' || target.kind === 'Reversal') {
      throw invalid({ entryId: ['A refund or reversal cannot be reversed; book a new entry.'] });
    }
    const left = (target.amount < 0n ? -target.amount : target.amount) - this.undone(target);
    if (left <= 0n) throw new AppError('refused', 'This entry was undone in full already.');
    const amount = requested ?? left;
    if (amount > left) {
      throw invalid({ amount: [`At most ${this.format(left)} ${this.currency} of this entry can still be undone.`] });
    }
    const signed = target.amount < 0n ? amount : -amount;
    return this.post(customer, kind, signed, { reference, note, undoes: target.id }, booker);
  }

  adjust(customer: string, input: AdjustmentInput, booker: Booker): Booking {
    const fields: Fields = {};
    const amount = minorField(input.amount, this.currency, 'amount', fields);
    if (amount === 0n) fields.amount = ['An adjustment cannot be zero.'];
    const note = text(input.note, 'note', MAX_NOTE, fields);
    if (note === null) fields.note = ['Say why the balance is corrected.'];
    throwIfAny(fields);
    return this.post(customer, 'Adjustment', amount ?? 0n, { note }, booker);
  }

  settings(): CreditSettings {
    return { currency: this.currency, limit: this.format(this.limit) };
  }

  saveSettings(input: CreditSettingsInput): CreditSettings {
    const fields: Fields = {};
    const currency = input.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) fields.currency = ['Enter a three-letter ISO 4217 currency code.'];
    const limit = fields.currency ? null : minorField(input.limit, currency, 'limit', fields);
    if (limit !== null && limit < 0n) fields.limit = ['Ensure this value is greater than or equal to 0.'];
    throwIfAny(fields);
    if (currency !== this.currency && this.entries.length > 0) {
      throw invalid({ currency: ['Credit has been booked in the current currency; it cannot change any more.'] });
    }
    this.currency = currency;
    this.limit = limit ?? 0n;
    return this.settings();
  }
}
