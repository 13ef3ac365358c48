// How the desk shows the credit ledger, what it offers to do with each entry, and who may do what.
import type { CreditEntry, EntryKind, OrganizerSummary } from '../../lib/backend/backend';
import { invalidFields } from '../../lib/errors';
import { absoluteAmount, isPositiveAmount, parseMoneyInput, placesOf, subtractAmounts, type MoneyInputRules } from '../../lib/money';
import { holdsAll, holdsAny } from '../../lib/permissions';
import { m } from './messages';

/** The entry kinds' words in the window's language. */
export function kindLabels(): Record<EntryKind, string> {
  const t = m();
  return {
    TopUp: t.kindTopUp,
    Charge: t.kindCharge,
    Refund: t.kindRefund,
    Adjustment: t.kindAdjustment,
    Reversal: t.kindReversal,
  };
}

export type UndoKind = 'refund' | 'reverse';

/** A charge is refunded; a top-up or adjustment booked by mistake is reversed; refunds and reversals stay. */
export function undoKind(entry: CreditEntry): UndoKind | null {
  if (entry.kind === 'Charge') return 'refund';
  if (entry.kind === 'TopUp' || entry.kind === 'Adjustment') return 'reverse';
  return null;
}

/** What refunds and reversals can still give back of the entry: its amount less what they gave. */
export function leftToUndo(entry: CreditEntry): string {
  return subtractAmounts(absoluteAmount(entry.amount), entry.undone);
}

/** True when something of the entry is left to refund or reverse. */
export function canUndo(entry: CreditEntry): boolean {
  return undoKind(entry) !== null && isPositiveAmount(leftToUndo(entry));
}

export interface CreditAbilities {
  view: boolean;
  /** Top up, charge, refund, reverse. */
  book: boolean;
  /** Correct the balance either way: only with both customer and gift-card write permission. */
  adjust: boolean;
}

export function creditAbilities(organizer: OrganizerSummary): CreditAbilities {
  return {
    view: holdsAny(organizer, 'organizer.customers:read', 'organizer.giftcards:read'),
    book: holdsAny(organizer, 'organizer.customers:write', 'organizer.giftcards:write'),
    adjust: holdsAll(organizer, 'organizer.customers:write', 'organizer.giftcards:write'),
  };
}

/**
 * What staff typed into an amount field as the backend's decimal string, with the places of
 * `like` (an amount in the same currency); otherwise a validation error on `field`, as the
 * backend would give it.
 */
export function amountFrom(typed: string, like: string, rules: MoneyInputRules = {}, field = 'amount'): string {
  const parsed = parseMoneyInput(typed, placesOf(like), rules);
  if (!parsed.ok) throw invalidFields({ [field]: [parsed.error] });
  return parsed.value;
}
