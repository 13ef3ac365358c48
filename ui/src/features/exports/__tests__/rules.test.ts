import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { makeOrganizer } from '../../../testing/fake-backend';
import { dayStart, EXPORT_KINDS, exportRequest, localDay, mayExport, rangeBounds, thisMonth } from '../exports';

function fieldsOf(run: () => unknown): Record<string, string[]> {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fields;
    throw error;
  }
  throw new Error('expected a validation error');
}

/** Local midnight of a day, as the backend takes it. */
function midnight(year: number, month: number, day: number): string {
  return new Date(year, month - 1, day).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

describe('export rules', () => {
  it('offers each kind to who may read it, and waiting lists to who sees any event', () => {
    const customers = makeOrganizer({ permissions: ['organizer.customers:read'] });
    const giftcards = makeOrganizer({ permissions: ['organizer.giftcards:read'] });
    const offered = (o: ReturnType<typeof makeOrganizer>, seesEvents: boolean) =>
      EXPORT_KINDS.filter((kind) => mayExport(o, kind, seesEvents));
    expect(offered(customers, false)).toEqual(['customers', 'memberships']);
    expect(offered(giftcards, true)).toEqual(['ledger', 'ledger_summary', 'waiting_list']);
    expect(offered(makeOrganizer(), true)).toEqual(EXPORT_KINDS);
  });

  it('starts with this month so far', () => {
    expect(thisMonth(new Date(2026, 10, 23, 15, 0))).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(localDay(new Date(2027, 0, 5))).toBe('2027-01-05');
  });

  it('counts the last day in full: up to the midnight after it, in local time', () => {
    expect(rangeBounds({ from: '2026-11-01', to: '2026-11-23' })).toEqual({
      from: midnight(2026, 11, 1),
      to: midnight(2026, 11, 24),
    });
    expect(rangeBounds({ from: '2026-12-31', to: '2026-12-31' })).toEqual({
      from: midnight(2026, 12, 31),
      to: midnight(2027, 1, 1),
    });
  });

  it('leaves an empty end open', () => {
    expect(rangeBounds({ from: '', to: '' })).toEqual({ from: null, to: null });
    expect(rangeBounds({ from: '2026-11-01', to: '' })).toEqual({ from: midnight(2026, 11, 1), to: null });
  });

  it('refuses days that do not exist, and an end before the start', () => {
    expect(dayStart('2026-02-31')).toBeNull();
    expect(dayStart('23.11.2026')).toBeNull();
    expect(fieldsOf(() => rangeBounds({ from: '2026-02-31', to: 'soon' }))).toEqual({
      from: ['Enter a date.'],
      to: ['Enter a date.'],
    });
    expect(fieldsOf(() => rangeBounds({ from: '2026-11-23', to: '2026-11-22' }))).toEqual({
      to: ['The last day must not be before the first.'],
    });
  });

  it('sends the range only for the ledger, and the event only for waiting lists', () => {
    const range = { from: '2026-11-01', to: '2026-11-23' };
    expect(exportRequest('customers', range, 'gala')).toEqual({ kind: 'customers', from: null, to: null, event: null });
    expect(exportRequest('ledger_summary', range, 'gala')).toEqual({
      kind: 'ledger_summary',
      from: midnight(2026, 11, 1),
      to: midnight(2026, 11, 24),
      event: null,
    });
    expect(exportRequest('waiting_list', range, 'gala')).toEqual({ kind: 'waiting_list', from: null, to: null, event: 'gala' });
    expect(exportRequest('waiting_list', range, '')).toEqual({ kind: 'waiting_list', from: null, to: null, event: null });
  });
});
