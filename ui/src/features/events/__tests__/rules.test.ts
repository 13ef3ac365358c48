import { describe, expect, it } from 'vitest';
import { describeError } from '../../../lib/errors';
import { AppError } from '../../../lib/backend/backend';
import { makeItem, makeVariation } from '../../../testing/fake-events';
import { productChoices } from '../catalog';
import { eventInput, suggestSlug } from '../event-form';
import { availabilityOf, newQuotaInput, parseCounts, quotaSelection } from '../quotas';
import { entryInput, priorityMove, servedBefore } from '../waiting-list';

/** Entries in serving order as the list would have them; `created` minutes after 18:00. */
function entries(...spec: [id: number, priority: number, minute: number][]) {
  return spec.map(([id, priority, minute]) => ({
    id,
    priority,
    created: `2026-11-23T18:${String(minute).padStart(2, '0')}:00Z`,
  }));
}

/** The list after applying `changes`, in serving order. */
function served(list: ReturnType<typeof entries>, changes: { entryId: number; priority: number }[]): number[] {
  const changed = list.map((e) => ({ ...e, priority: changes.find((c) => c.entryId === e.id)?.priority ?? e.priority }));
  return changed.sort((a, b) => (servedBefore(a, b) ? -1 : 1)).map((e) => e.id);
}

describe('moving someone in the waiting list', () => {
  it('raises the one moving up above its neighbour when there is room', () => {
    const list = entries([1, 5, 0], [2, 0, 1], [3, 0, 2]);
    const changes = priorityMove(list, 2, 'up');
    expect(changes).toEqual([{ entryId: 3, priority: 1 }]);
    expect(served(list, changes)).toEqual([1, 3, 2]);
  });

  it('lowers the neighbour instead when raising would jump too far', () => {
    const list = entries([1, 0, 0], [2, 0, 1], [3, 0, 2]);
    const changes = priorityMove(list, 2, 'up');
    expect(changes).toHaveLength(1);
    expect(served(list, changes)).toEqual([1, 3, 2]);
  });

  it('moves down as the one below moves up', () => {
    const list = entries([1, 3, 0], [2, 3, 1], [3, 1, 2]);
    const changes = priorityMove(list, 0, 'down');
    expect(served(list, changes)).toEqual([2, 1, 3]);
  });

  it('raises those above too when no single change fits, and keeps the rest of the order', () => {
    const list = entries([1, 0, 0], [2, 0, 1], [3, 0, 2], [4, 0, 3]);
    const changes = priorityMove(list, 2, 'up');
    expect(served(list, changes)).toEqual([1, 3, 2, 4]);
    expect(changes.length).toBeLessThanOrEqual(2);
  });

  it('leaves the ends alone', () => {
    const list = entries([1, 0, 0], [2, 0, 1]);
    expect(priorityMove(list, 0, 'up')).toEqual([]);
    expect(priorityMove(list, 1, 'down')).toEqual([]);
  });

  it('keeps every order across a longer list of mixed priorities', () => {
    const list = entries([1, 9, 5], [2, 4, 0], [3, 4, 3], [4, 4, 4], [5, 2, 1], [6, 0, 0], [7, 0, 9]);
    for (let i = 1; i < list.length; i += 1) {
      const expected = list.map((e) => e.id);
      [expected[i - 1], expected[i]] = [expected[i], expected[i - 1]];
      expect(served(list, priorityMove(list, i, 'up')), `moving #${i + 1} up`).toEqual(expected);
    }
  });
});

describe('event forms', () => {
  it('suggests slugs people can read', () => {
    expect(suggestSlug('Sommerfest Köln 2027')).toBe('sommerfest-koln-2027');
    expect(suggestSlug('  Straße & Co. — Live!  ')).toBe('strasse-co-live');
    expect(suggestSlug('x'.repeat(60))).toHaveLength(50);
    expect(suggestSlug('')).toBe('');
  });

  it('sends times typed in local time as UTC, and an empty end as none', () => {
    const input = eventInput({ name: ' Gala ', slug: 'gala', from: '2026-12-12T19:30', to: '', series: false, location: ' ' });
    expect(input).toEqual({
      name: 'Gala',
      slug: 'gala',
      date_from: new Date('2026-12-12T19:30').toISOString().replace('.000Z', 'Z'),
      date_to: null,
      has_subevents: false,
      location: null,
    });
    expect(() => eventInput({ name: '', slug: '', from: '', to: '', series: false, location: '' })).toThrow(AppError);
  });
});

describe('quotas', () => {
  it('says what is left: a number, sold out, unlimited or closed', () => {
    expect(availabilityOf({ closed: false, size: 5, available: true, available_number: 2 })).toEqual({ label: '2 left', tone: 'info' });
    expect(availabilityOf({ closed: false, size: 5, available: true, available_number: 4 }).label).toBe('4 left');
    expect(availabilityOf({ closed: false, size: 5, available: false, available_number: 0 }).label).toBe('sold out');
    expect(availabilityOf({ closed: false, size: null, available: true }).label).toBe('unlimited');
    expect(availabilityOf({ closed: true, size: 5, available: false, available_number: 0 }).label).toBe('closed');
  });

  it('reads sizes and sold counts as whole numbers, empty size as unlimited', () => {
    expect(parseCounts({ size: '', sold: '', closed: false })).toEqual({ size: null, sold: 0 });
    expect(parseCounts({ size: ' 12 ', sold: '3', closed: false })).toEqual({ size: 12, sold: 3 });
    expect(() => parseCounts({ size: '-1', sold: '0', closed: false })).toThrow(AppError);
    expect(() => parseCounts({ size: '2.5', sold: '0', closed: false })).toThrow(AppError);
  });

  it('counts a product through its ticked variations', () => {
    const items = [
      makeItem({ id: 1 }),
      makeItem({ id: 2, variations: [makeVariation({ id: 21 }), makeVariation({ id: 22 })] }),
    ];
    expect(quotaSelection(items, ['i:1', 'v:22'])).toEqual({ items: [1, 2], variations: [22] });
    expect(quotaSelection(items, ['v:21'])).toEqual({ items: [2], variations: [21] });
    expect(() => newQuotaInput({ name: 'Hall', size: '', ticked: ['i:1'], subevent: '' }, items, true)).toThrow(AppError);
  });
});

describe('waiting-list entries', () => {
  const items = [makeItem({ id: 1, name: { en: 'Seat' }, variations: [makeVariation({ id: 11, value: { en: 'Adult' } })] })];

  it('offers each variation of a product', () => {
    expect(productChoices(items)).toEqual([{ key: '1:11', item: 1, variation: 11, label: 'Seat – Adult' }]);
  });

  it('turns the form into the entry to save', () => {
    const input = entryInput(
      { email: ' a@example.org ', name: '', phone: '', product: '1:11', subevent: '', locale: 'de', priority: '-2' },
      productChoices(items),
      false,
    );
    expect(input).toEqual({ email: 'a@example.org', name: null, phone: null, item: 1, variation: 11, subevent: null, locale: 'de', priority: -2 });
    expect(() =>
      entryInput({ email: 'a@example.org', name: '', phone: '', product: '1:11', subevent: '', locale: 'en', priority: '1.5' }, productChoices(items), false),
    ).toThrow(AppError);
  });
});

describe('error descriptions', () => {
  it('name the backend’s rule instead of fields it did not mark', () => {
    const rule = new AppError('validation', 'Please correct the marked fields.', { non_field_errors: ['This product is currently available.'] });
    expect(describeError(rule)).toEqual({ message: 'This product is currently available.', action: 'Nothing was changed.' });
    const refusal = new AppError('validation', 'This product is currently not available.');
    expect(describeError(refusal).message).toBe('This product is currently not available.');
    const fields = new AppError('validation', 'Please correct the marked fields.', { email: ['Enter a valid email address.'] });
    expect(describeError(fields)).toEqual({
      message: 'Please correct the marked fields.',
      action: 'Correct the highlighted fields, then save again.',
    });
  });
});
