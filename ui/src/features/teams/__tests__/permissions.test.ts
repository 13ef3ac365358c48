import { describe, expect, it } from 'vitest';
import { permissionLabel, permissionSlug, teamFormValues, teamInput, togglePermission } from '../permissions';

describe('team permissions', () => {
  it('tick "view" with "change", and drop "change" with "view"', () => {
    expect(togglePermission([], 'organizer.customers:write', true).sort()).toEqual([
      'organizer.customers:read',
      'organizer.customers:write',
    ]);
    expect(togglePermission(['organizer.devices:read', 'organizer.devices:write'], 'organizer.devices:read', false)).toEqual(
      [],
    );
    expect(togglePermission(['event.vouchers:read'], 'event.vouchers:write', true).sort()).toEqual([
      'event.vouchers:read',
      'event.vouchers:write',
    ]);
  });

  it('leave other groups alone', () => {
    expect(togglePermission(['organizer.customers:read'], 'organizer.teams:write', true)).toEqual([
      'organizer.customers:read',
      'organizer.teams:write',
    ]);
    expect(togglePermission(['organizer.outgoingmails:read'], 'organizer.outgoingmails:read', false)).toEqual([]);
  });

  it('keep orders changed or checked in, never both', () => {
    const checkin = togglePermission(['event.orders:read', 'event.orders:write'], 'event.orders:checkin', true);
    expect(checkin.sort()).toEqual(['event.orders:checkin', 'event.orders:read']);
    const write = togglePermission(['event.orders:checkin'], 'event.orders:write', true);
    expect(write.sort()).toEqual(['event.orders:read', 'event.orders:write']);
  });

  it('have labels, and fall back to the raw name', () => {
    expect(permissionLabel('organizer.customers:read')).toBe('View customers');
    expect(permissionLabel('organizer.customers:write')).toBe('Change customers');
    expect(permissionLabel('organizer.future:thing')).toBe('organizer.future:thing');
    expect(permissionSlug('organizer.settings.general:write')).toBe('organizer-settings-general-write');
  });

  it('are sent in the known order, and not at all beside "all"', () => {
    const values = teamFormValues(null);
    values.name = '  Box office ';
    values.organizer_permissions = ['organizer.devices:read', 'organizer.customers:read'];
    values.all_event_permissions = true;
    values.event_permissions = ['event.orders:read'];
    const known = { organizer: ['organizer.customers:read', 'organizer.devices:read'], event: ['event.orders:read'] };
    expect(teamInput(values, known)).toEqual({
      name: 'Box office',
      all_events: false,
      all_organizer_permissions: false,
      organizer_permissions: ['organizer.customers:read', 'organizer.devices:read'],
      all_event_permissions: true,
      event_permissions: [],
    });
  });
});
