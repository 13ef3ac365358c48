// Card operations for the desk, one function each. Reasons are optional: blank means none.
import type { Backend, Card, CardInput, PosLookup } from '../../lib/backend/backend';

function reasonOrNull(reason: string): string | null {
  return reason.trim() === '' ? null : reason.trim();
}

export function listCards(backend: Backend, organizer: string, identifier: string): Promise<Card[]> {
  return backend.cardsList(organizer, identifier);
}

/** `validation` on `serialNumber` when it is taken in the organizer (in any status). */
export function issueCard(backend: Backend, organizer: string, identifier: string, input: CardInput): Promise<Card> {
  return backend.cardsIssue(organizer, identifier, input);
}

/** Blocks a card for now, or marks it lost for good; `refused` when its status does not allow that. */
export function changeCardStatus(
  backend: Backend,
  organizer: string,
  identifier: string,
  cardId: number,
  to: 'block' | 'lost',
  reason: string,
): Promise<Card> {
  const input = { reason: reasonOrNull(reason) };
  return to === 'block'
    ? backend.cardsBlock(organizer, identifier, cardId, input)
    : backend.cardsLost(organizer, identifier, cardId, input);
}

export function unblockCard(backend: Backend, organizer: string, identifier: string, cardId: number): Promise<Card> {
  return backend.cardsUnblock(organizer, identifier, cardId);
}

/** Resolves with the new card; the old one is `Replaced` from now on. */
export function replaceCard(
  backend: Backend,
  organizer: string,
  identifier: string,
  cardId: number,
  serialNumber: string,
  reason: string,
): Promise<Card> {
  return backend.cardsReplace(organizer, identifier, cardId, {
    serialNumber: serialNumber.trim(),
    reason: reasonOrNull(reason),
  });
}

/** Whose card a reader just scanned; `not_found` for a serial no card has. */
export function scanCard(backend: Backend, organizer: string, serial: string): Promise<PosLookup> {
  return backend.cardsScan(organizer, serial);
}
