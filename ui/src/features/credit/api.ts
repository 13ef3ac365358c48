// Stored-credit operations for the desk, one function each. Amounts are the backend's decimal
// strings (parsed from what staff typed by lib/money), never numbers.
import type {
  Backend,
  Booking,
  CreditBalance,
  CreditInput,
  CreditSettings,
  EntryPage,
} from '../../lib/backend/backend';

/** How many ledger entries one "Load more" adds. */
export const LEDGER_PAGE = 20;
/** The most entries the backend lists in one page. */
export const LEDGER_MOST = 500;

function textOrNull(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

export function creditBalance(backend: Backend, organizer: string, identifier: string): Promise<CreditBalance> {
  return backend.creditBalance(organizer, identifier);
}

/** Entries `skip` … `skip + take - 1`, newest first. */
export function ledgerPage(
  backend: Backend,
  organizer: string,
  identifier: string,
  skip: number,
  take: number,
): Promise<EntryPage> {
  return backend.creditEntries(organizer, identifier, skip, take);
}

export interface Posting {
  /** A decimal string: positive, or signed for an adjustment. */
  amount: string;
  reference: string;
  note: string;
}

function creditInput(posting: Posting): CreditInput {
  return { amount: posting.amount, reference: textOrNull(posting.reference), note: textOrNull(posting.note) };
}

export function topUp(backend: Backend, organizer: string, identifier: string, posting: Posting): Promise<Booking> {
  return backend.creditTopup(organizer, identifier, creditInput(posting));
}

/** `validation` on `amount` when more than is available; `refused` for an inactive account. */
export function charge(backend: Backend, organizer: string, identifier: string, posting: Posting): Promise<Booking> {
  return backend.creditCharge(organizer, identifier, creditInput(posting));
}

/** Gives back (part of) a charge, or reverses (part of) a top-up or adjustment booked by mistake. */
export function undoEntry(
  backend: Backend,
  organizer: string,
  identifier: string,
  how: 'refund' | 'reverse',
  entryId: number,
  posting: Posting,
): Promise<Booking> {
  const input = { entryId, ...creditInput(posting) };
  return how === 'refund'
    ? backend.creditRefund(organizer, identifier, input)
    : backend.creditReverse(organizer, identifier, input);
}

/** A signed correction; the note saying why is required. */
export function adjust(backend: Backend, organizer: string, identifier: string, posting: Posting): Promise<Booking> {
  return backend.creditAdjust(organizer, identifier, { amount: posting.amount, note: posting.note.trim() });
}

export function creditSettings(backend: Backend, organizer: string): Promise<CreditSettings> {
  return backend.creditSettings(organizer);
}

/** `validation` on `currency` once credit has been booked in the current one. */
export function saveCreditSettings(
  backend: Backend,
  organizer: string,
  currency: string,
  limit: string,
): Promise<CreditSettings> {
  return backend.creditSaveSettings(organizer, { currency: currency.trim().toUpperCase(), limit });
}
