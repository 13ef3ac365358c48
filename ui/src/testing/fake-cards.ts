// The cards of one organizer, as the fake backend keeps them, with the core's rules: serials in one
// normal form and unique in the organizer, Active ⇄ Blocked, Lost and Replaced for good, and a
// replacement that inherits validity and note.
import { AppError, type Card, type CardInput, type CardStatus, type ReplaceInput } from '../lib/backend/backend';

/** A card and the identifier of the customer it belongs to. */
export type FakeCard = Card & { customer: string };

const MAX_SERIAL = 64;
const MAX_TEXT = 255;

let cardCounter = 0;

/** An active card of `customer`, issued at the start of November 2026. */
export function makeCard(overrides: Partial<FakeCard> & Pick<FakeCard, 'customer' | 'serialNumber'>): FakeCard {
  cardCounter += 1;
  return {
    id: 700 + cardCounter,
    externalId: null,
    isActive: true,
    isVirtual: false,
    processor: 'Internal',
    status: 'Active',
    statusTime: '2026-11-01T10:00:00Z',
    statusReason: null,
    activationTime: null,
    expirationTime: null,
    note: null,
    meta: {},
    replacedBy: null,
    ...overrides,
  };
}

/** The form serials are stored and looked up in: upper-case, without spaces, dashes or colons. */
export function normalizeSerial(raw: string): string {
  return raw.replace(/[\s:-]/g, '').toUpperCase();
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation', 'Please correct the marked fields.', { [field]: [message] });
}

function optionalText(value: string | null | undefined, field: string): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > MAX_TEXT) throw invalid(field, `Ensure this field has no more than ${MAX_TEXT} characters.`);
  return trimmed === '' ? null : trimmed;
}

function optionalTime(value: string | null, field: string): string | null {
  if (value === null || value.trim() === '') return null;
  if (Number.isNaN(Date.parse(value))) {
    throw invalid(field, 'Enter a date and time as RFC 3339, e.g. 2026-12-31T23:59:00Z.');
  }
  return value;
}

const REFUSALS: Record<CardStatus, string> = {
  Lost: 'This card was marked lost; issue or replace it with a new card.',
  Replaced: 'This card was replaced; use the new card.',
  Active: 'This card is already active.',
  Blocked: 'This card is already blocked.',
};

export class FakeCards {
  constructor(
    public list: FakeCard[],
    /** The moment validity is judged at, in milliseconds. */
    private clock: () => number,
  ) {}

  /** The card as the core answers it: `isActive` judged now. */
  wire(card: FakeCard): Card {
    const now = this.clock();
    const started = card.activationTime === null || Date.parse(card.activationTime) <= now;
    const ended = card.expirationTime !== null && Date.parse(card.expirationTime) <= now;
    const { customer: _customer, ...rest } = card;
    return structuredClone({ ...rest, isActive: card.status === 'Active' && started && !ended });
  }

  of(customer: string): Card[] {
    return this.list.filter((c) => c.customer === customer).map((c) => this.wire(c));
  }

  bySerial(serial: string): FakeCard | undefined {
    const wanted = normalizeSerial(serial);
    return this.list.find((c) => c.serialNumber === wanted);
  }

  find(customer: string, cardId: number): FakeCard {
    const card = this.list.find((c) => c.id === cardId && c.customer === customer);
    if (!card) throw new AppError('not_found', 'No Card matches the given query.');
    return card;
  }

  private serial(raw: string): string {
    const serial = normalizeSerial(raw);
    if (serial === '') throw invalid('serialNumber', 'This field may not be blank.');
    if (serial.length > MAX_SERIAL) {
      throw invalid('serialNumber', `Ensure this field has no more than ${MAX_SERIAL} characters.`);
    }
    return serial;
  }

  /** The organizer's unique constraint, which the core only meets when it stores the card. */
  private checkUnique(serial: string): void {
    if (this.list.some((c) => c.serialNumber === serial)) {
      throw invalid('serialNumber', 'A card with this serial number already exists.');
    }
  }

  issue(customer: string, input: CardInput, now: string): FakeCard {
    const serialNumber = this.serial(input.serialNumber);
    const activationTime = optionalTime(input.activationTime, 'activationTime');
    const expirationTime = optionalTime(input.expirationTime, 'expirationTime');
    if (activationTime && expirationTime && Date.parse(expirationTime) <= Date.parse(activationTime)) {
      throw invalid('expirationTime', 'The expiration must be after the activation.');
    }
    this.checkUnique(serialNumber);
    const card = makeCard({
      customer,
      serialNumber,
      externalId: optionalText(input.externalId, 'externalId'),
      isVirtual: input.isVirtual,
      processor: input.processor ?? 'Internal',
      statusTime: now,
      activationTime,
      expirationTime,
      note: optionalText(input.note, 'note'),
      meta: { ...input.meta },
    });
    this.list.push(card);
    return card;
  }

  /** Active ⇄ Blocked, and Active or Blocked → Lost; everything else is refused. */
  transition(card: FakeCard, to: CardStatus, reason: string | null, now: string): FakeCard {
    const allowed =
      (card.status === 'Active' && to === 'Blocked') ||
      (card.status === 'Blocked' && to === 'Active') ||
      ((card.status === 'Active' || card.status === 'Blocked') && to === 'Lost');
    const statusReason = optionalText(reason, 'reason');
    if (!allowed) throw new AppError('refused', REFUSALS[card.status]);
    Object.assign(card, { status: to, statusReason, statusTime: now });
    return card;
  }

  replace(card: FakeCard, input: ReplaceInput, now: string): FakeCard {
    const serialNumber = this.serial(input.serialNumber);
    const reason = optionalText(input.reason, 'reason');
    if (card.status === 'Replaced') throw new AppError('refused', 'This card was replaced already; use the new card.');
    this.checkUnique(serialNumber);
    const next = makeCard({
      customer: card.customer,
      serialNumber,
      externalId: card.externalId,
      isVirtual: card.isVirtual,
      processor: card.processor,
      statusTime: now,
      activationTime: card.activationTime,
      expirationTime: card.expirationTime,
      note: card.note,
      meta: { ...card.meta },
    });
    this.list.push(next);
    Object.assign(card, {
      status: 'Replaced',
      statusReason: reason ?? `Replaced by ${serialNumber}`,
      statusTime: now,
      replacedBy: serialNumber,
    });
    return next;
  }
}
