// The waiting list as the desk works it: the order people are served in (higher priority first,
// then who came first), moving someone up or down by changing priorities, the form for an entry,
// and what became of a voucher.
import type { DeskEntryInput, WaitingListEntry, WaitingListRow } from '../../lib/backend/backend';
import { invalidFields } from '../../lib/errors';
import { choiceKey, type ProductChoice } from './catalog';
import { m } from './messages';

type Ordered = Pick<WaitingListEntry, 'id' | 'priority' | 'created'>;

/** True when `a` is served before `b`: higher priority, then created earlier, then the lower id. */
export function servedBefore(a: Ordered, b: Ordered): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  const at = Date.parse(a.created);
  const bt = Date.parse(b.created);
  if (at !== bt) return at < bt;
  return a.id < b.id;
}

/** One priority to save so that the list is served in a new order. */
export interface PriorityChange {
  entryId: number;
  priority: number;
}

const PRIORITY_MAX = 2_147_483_647;

/** The order holds from `from` to `to` (inclusive) with `priorities` applied. */
function inOrder(list: Ordered[], priorities: Map<number, number>, from: number, to: number): boolean {
  const at = (i: number): Ordered => ({ ...list[i], priority: priorities.get(list[i].id) ?? list[i].priority });
  for (let i = Math.max(from, 0); i < Math.min(to, list.length - 1); i += 1) {
    if (!servedBefore(at(i), at(i + 1))) return false;
  }
  return true;
}

/**
 * The priorities to change so that the waiting entry at `index` (of `waiting`, in serving order)
 * swaps places with the one above (`up`) or below it: one change where the neighbours leave room,
 * else as few as it takes, raising those above where their priority is in the way. Empty when the
 * entry is at that end of the list already.
 */
export function priorityMove(waiting: Ordered[], index: number, direction: 'up' | 'down'): PriorityChange[] {
  // Moving an entry down is moving the one below it up.
  const upper = direction === 'up' ? index : index + 1;
  if (upper <= 0 || upper >= waiting.length) return [];
  const list = [...waiting];
  [list[upper - 1], list[upper]] = [list[upper], list[upper - 1]];
  // After the swap, the moved entry sits at upper - 1 and its old neighbour at upper.
  const moved = list[upper - 1];
  const passed = list[upper];
  const check = (changes: Map<number, number>) => inOrder(list, changes, upper - 2, upper + 1);

  const candidates: [Ordered, number][] = [
    [moved, passed.priority],
    [moved, passed.priority + 1],
    [passed, moved.priority],
    [passed, moved.priority - 1],
  ];
  for (const [entry, priority] of candidates) {
    if (Math.abs(priority) > PRIORITY_MAX) continue;
    const changes = new Map([[entry.id, priority]]);
    if (check(changes)) return [{ entryId: entry.id, priority }];
  }

  // No single change fits: raise the moved entry above its old neighbour, then everyone above it
  // who would no longer come first.
  const changes = new Map<number, number>([[moved.id, passed.priority + 1]]);
  for (let i = upper - 2; i >= 0; i -= 1) {
    const next = changes.get(list[i + 1].id) ?? list[i + 1].priority;
    const current = { ...list[i], priority: changes.get(list[i].id) ?? list[i].priority };
    if (servedBefore(current, { ...list[i + 1], priority: next })) break;
    changes.set(list[i].id, next + 1);
  }
  return [...changes].map(([entryId, priority]) => ({ entryId, priority }));
}

/** What the entry form holds. */
export interface EntryValues {
  email: string;
  name: string;
  phone: string;
  /** A ProductChoice key; '' until chosen. */
  product: string;
  /** A date's id; '' for none. */
  subevent: string;
  locale: string;
  priority: string;
}

export function emptyEntryValues(locale: string, product = ''): EntryValues {
  return { email: '', name: '', phone: '', product, subevent: '', locale, priority: '0' };
}

export function entryValues(entry: WaitingListEntry): EntryValues {
  return {
    email: entry.email,
    name: entry.name ?? '',
    phone: entry.phone ?? '',
    product: choiceKey(entry.item, entry.variation),
    subevent: entry.subevent === null ? '' : String(entry.subevent),
    locale: entry.locale,
    priority: String(entry.priority),
  };
}

/** The entry to save, or the fields to correct before asking the backend. */
export function entryInput(values: EntryValues, choices: ProductChoice[], series: boolean): DeskEntryInput {
  const fields: Record<string, string[]> = {};
  if (values.email.trim() === '') fields.email = [m().entryEmailMissing];
  const choice = choices.find((c) => c.key === values.product);
  if (!choice) fields.item = [m().entryProductMissing];
  if (series && values.subevent === '') fields.subevent = [m().entryDateMissing];
  const priority = values.priority.trim() === '' ? 0 : Number(values.priority.trim());
  if (!Number.isInteger(priority) || Math.abs(priority) > PRIORITY_MAX) {
    fields.priority = [m().priorityInvalid];
  }
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
  return {
    email: values.email.trim(),
    name: values.name.trim() || null,
    phone: values.phone.trim() || null,
    item: choice?.item ?? 0,
    variation: choice?.variation ?? null,
    subevent: values.subevent === '' ? null : Number(values.subevent),
    locale: values.locale || null,
    priority,
  };
}

/** The entry as it is, with another priority (for moving it in the list). */
export function withPriority(entry: WaitingListEntry, priority: number): DeskEntryInput {
  return {
    email: entry.email,
    name: entry.name,
    phone: entry.phone,
    item: entry.item,
    variation: entry.variation,
    subevent: entry.subevent,
    locale: entry.locale,
    priority,
  };
}

export type VoucherState = 'redeemed' | 'expired' | 'valid';

export function voucherState(row: WaitingListRow): VoucherState {
  if (row.voucher_redeemed) return 'redeemed';
  if (row.voucher_expired) return 'expired';
  return 'valid';
}

/** The voucher states' words in the window's language. */
export function voucherLabels(): Record<VoucherState, string> {
  const t = m();
  return { redeemed: t.voucherRedeemed, expired: t.voucherExpired, valid: t.voucherValid };
}

export const VOUCHER_TONES: Record<VoucherState, 'success' | 'muted' | 'info'> = {
  redeemed: 'success',
  expired: 'muted',
  valid: 'info',
};

/** Who the entry is, for sentences: "Ada Lovelace (ada@example.org)" or the address alone. */
export function personLabel(entry: Pick<WaitingListEntry, 'name' | 'email'>): string {
  return entry.name ? `${entry.name} (${entry.email})` : entry.email;
}
