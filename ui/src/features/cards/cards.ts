// How the desk shows cards and what it offers to do with them, and the issue form's values.
import type { Card, CardInput, CardStatus, OrganizerSummary } from '../../lib/backend/backend';
import { invalidFields } from '../../lib/errors';
import { fromLocalInput } from '../../lib/local-time';
import { holdsAny } from '../../lib/permissions';
import { m } from './messages';

/** The statuses' words in the window's language. */
export function statusLabels(): Record<CardStatus, string> {
  const t = m();
  return { Active: t.statusActive, Blocked: t.statusBlocked, Lost: t.statusLost, Replaced: t.statusReplaced };
}

export const STATUS_TONES: Record<CardStatus, 'success' | 'info' | 'error' | 'muted'> = {
  Active: 'success',
  Blocked: 'info',
  Lost: 'error',
  Replaced: 'muted',
};

export type CardAction = 'block' | 'unblock' | 'lost' | 'replace';

/** What a card's status allows: blocking is undone by unblocking; lost and replaced are for good. */
export function cardActions(status: CardStatus): CardAction[] {
  switch (status) {
    case 'Active':
      return ['block', 'lost', 'replace'];
    case 'Blocked':
      return ['unblock', 'lost', 'replace'];
    case 'Lost':
      return ['replace'];
    case 'Replaced':
      return [];
  }
}

/** Who may change cards: customer staff, or staff for reusable media. */
export function mayChangeCards(organizer: OrganizerSummary): boolean {
  return holdsAny(organizer, 'organizer.customers:write', 'organizer.reusablemedia:write');
}

export function mayViewCards(organizer: OrganizerSummary): boolean {
  return holdsAny(organizer, 'organizer.customers:read', 'organizer.reusablemedia:read');
}

/** Usable cards first, newest first within each group, so the card in use is on top. */
export function orderCards(cards: Card[]): Card[] {
  const current = (c: Card) => (c.status === 'Active' || c.status === 'Blocked' ? 0 : 1);
  return [...cards].sort((a, b) => current(a) - current(b) || b.id - a.id);
}

export interface IssueValues {
  serial: string;
  note: string;
  /** datetime-local values; empty: no limit. */
  from: string;
  until: string;
}

export function emptyIssueValues(): IssueValues {
  return { serial: '', note: '', from: '', until: '' };
}

/** The issue form as the backend's input, or a validation error found before asking it. */
export function issueInput(values: IssueValues): CardInput {
  const fields: Record<string, string[]> = {};
  if (values.serial.trim() === '') fields.serialNumber = [m().serialMissing];
  const activationTime = fromLocalInput(values.from);
  const expirationTime = fromLocalInput(values.until);
  if (values.from.trim() !== '' && activationTime === null) fields.activationTime = [m().enterDateTime];
  if (values.until.trim() !== '' && expirationTime === null) fields.expirationTime = [m().enterDateTime];
  if (activationTime && expirationTime && Date.parse(expirationTime) <= Date.parse(activationTime)) {
    fields.expirationTime = [m().endAfterStart];
  }
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return {
    serialNumber: values.serial.trim(),
    externalId: null,
    isVirtual: false,
    processor: null,
    activationTime,
    expirationTime,
    note: values.note.trim() === '' ? null : values.note.trim(),
    meta: {},
  };
}
