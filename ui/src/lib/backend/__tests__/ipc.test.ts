import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../backend';
import { createIpcBackend } from '../ipc';
import {
  CARD,
  callEveryAccessOperation,
  callEveryCardAndCreditOperation,
  callEveryEventOperation,
  callEveryOutboxOperation,
  ENTRY,
  callEveryTeamOperation,
  MAIL_SETTINGS,
  MEMBER,
  NEW_APPLICATION,
  NEW_DATE,
  NEW_EVENT,
  NEW_ITEM,
  NEW_RESELLER,
  POSTING,
  QUOTA,
  TEAM,
  TEST_MAIL,
  TOKEN,
  UNDO,
  WAITING_SETTINGS,
} from './helpers';

afterEach(() => {
  clearMocks();
});

const input = {
  external_identifier: null,
  email: 'a@example.org',
  phone: null,
  name_parts: { _scheme: 'full', full_name: 'A' },
  is_active: true,
  is_verified: true,
  locale: 'en',
  notes: null,
};

describe('IPC backend', () => {
  it('calls the Tauri commands with camelCase argument names', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'customers_search') return { items: [], total: 0, page: 1, page_size: 50 };
      if (cmd === 'session_current') return null;
      return {};
    });
    const backend = createIpcBackend();
    await backend.customersSearch('demo', { search: 'x', page: 1, page_size: 50 });
    await backend.customersCreate('demo', input);
    await backend.customersUpdate('demo', 'ABC1234', input);
    await backend.customersAnonymize('demo', 'ABC1234');
    await backend.customersGet('demo', 'ABC1234');
    await expect(backend.sessionCurrent()).resolves.toBeNull();
    await backend.sessionLogin({ email: 'a@example.org', password: 'pw' });
    await backend.sessionLogout();
    await backend.setupStatus();
    await backend.setupComplete({ organizer_name: 'A', organizer_slug: 'a', email: 'a@example.org', password: 'pw' });

    expect(calls).toEqual([
      ['customers_search', { organizer: 'demo', query: { search: 'x', page: 1, page_size: 50 } }],
      ['customers_create', { organizer: 'demo', input }],
      ['customers_update', { organizer: 'demo', identifier: 'ABC1234', input }],
      ['customers_anonymize', { organizer: 'demo', identifier: 'ABC1234' }],
      ['customers_get', { organizer: 'demo', identifier: 'ABC1234' }],
      ['session_current', {}],
      ['session_login', { input: { email: 'a@example.org', password: 'pw' } }],
      ['session_logout', {}],
      ['setup_status', {}],
      ['setup_complete', { input: { organizer_name: 'A', organizer_slug: 'a', email: 'a@example.org', password: 'pw' } }],
    ]);
  });

  it('calls the membership commands with camelCase argument names', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'membership_types_delete' ? null : {};
    });
    const backend = createIpcBackend();
    const typeInput = { name: { en: 'Pass' }, transferable: false, allow_parallel_usage: false, max_usages: 2 };
    const membership = {
      membership_type: 7,
      date_start: '2026-03-01T00:00:00Z',
      date_end: '2027-03-01T00:00:00Z',
      attendee_name_parts: {},
      testmode: false,
    };
    await backend.membershipTypesList('demo');
    await backend.membershipTypesCreate('demo', typeInput);
    await backend.membershipTypesUpdate('demo', 7, typeInput);
    await expect(backend.membershipTypesDelete('demo', 7)).resolves.toBeUndefined();
    await backend.membershipsForCustomer('demo', 'ABC1234');
    await backend.membershipsSell('demo', 'ABC1234', membership);
    await backend.membershipsUpdate('demo', 12, membership);
    await backend.membershipsUses('demo', 12);
    await backend.membershipsRecordUse('demo', 12, { reference: 'Gate A' });
    await backend.membershipsVoidUse('demo', 12, 99);
    expect(calls).toEqual([
      ['membership_types_list', { organizer: 'demo' }],
      ['membership_types_create', { organizer: 'demo', input: typeInput }],
      ['membership_types_update', { organizer: 'demo', id: 7, input: typeInput }],
      ['membership_types_delete', { organizer: 'demo', id: 7 }],
      ['memberships_for_customer', { organizer: 'demo', identifier: 'ABC1234' }],
      ['memberships_sell', { organizer: 'demo', identifier: 'ABC1234', input: membership }],
      ['memberships_update', { organizer: 'demo', id: 12, input: membership }],
      ['memberships_uses', { organizer: 'demo', id: 12 }],
      ['memberships_record_use', { organizer: 'demo', id: 12, input: { reference: 'Gate A' } }],
      ['memberships_void_use', { organizer: 'demo', id: 12, useId: 99 }],
    ]);
  });

  it('calls the device commands', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'devices_list' ? [] : {};
    });
    const backend = createIpcBackend();
    await backend.devicesList('demo');
    await backend.devicesAdd('demo', { name: 'Bar till' });
    await backend.devicesPairing('demo', 3);
    await backend.devicesRename('demo', 3, { name: 'Door' });
    await backend.devicesRevoke('demo', 3);
    expect(calls).toEqual([
      ['devices_list', { organizer: 'demo' }],
      ['devices_add', { organizer: 'demo', input: { name: 'Bar till' } }],
      ['devices_pairing', { organizer: 'demo', deviceId: 3 }],
      ['devices_rename', { organizer: 'demo', deviceId: 3, input: { name: 'Door' } }],
      ['devices_revoke', { organizer: 'demo', deviceId: 3 }],
    ]);
  });

  it('calls the team and listener commands', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'teams_list') return [];
      return cmd === 'teams_remove' ? null : {};
    });
    const backend = createIpcBackend();
    await callEveryTeamOperation(backend);
    await backend.listenerStatus();
    await backend.listenerApply({ port: 8500, lan_access: true });
    expect(calls).toEqual([
      ['teams_list', { organizer: 'demo' }],
      ['teams_detail', { organizer: 'demo', teamId: 4 }],
      ['teams_add', { organizer: 'demo', input: TEAM }],
      ['teams_edit', { organizer: 'demo', teamId: 4, input: TEAM }],
      ['teams_remove', { organizer: 'demo', teamId: 4 }],
      ['teams_add_member', { organizer: 'demo', teamId: 4, input: MEMBER }],
      ['teams_take_out', { organizer: 'demo', teamId: 4, userId: 9 }],
      ['teams_add_token', { organizer: 'demo', teamId: 4, input: TOKEN }],
      ['teams_deactivate_token', { organizer: 'demo', teamId: 4, tokenId: 11 }],
      ['listener_status', {}],
      ['listener_apply', { settings: { port: 8500, lan_access: true } }],
    ]);
  });

  it('calls the card and credit commands with camelCase argument names', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'cards_list' ? [] : {};
    });
    await callEveryCardAndCreditOperation(createIpcBackend());
    const customer = { organizer: 'demo', identifier: 'ABC1234' };
    expect(calls).toEqual([
      ['cards_list', customer],
      ['cards_issue', { ...customer, input: CARD }],
      ['cards_block', { ...customer, cardId: 7, input: { reason: 'Left at the bar' } }],
      ['cards_unblock', { ...customer, cardId: 7 }],
      ['cards_lost', { ...customer, cardId: 7, input: { reason: null } }],
      ['cards_replace', { ...customer, cardId: 7, input: { serialNumber: '04B70011', reason: null } }],
      ['cards_scan', { organizer: 'demo', serial: '04:A2/3B 7C' }],
      ['credit_balance', customer],
      ['credit_entries', { ...customer, skip: 20, take: 20 }],
      ['credit_topup', { ...customer, input: POSTING }],
      ['credit_charge', { ...customer, input: POSTING }],
      ['credit_refund', { ...customer, input: UNDO }],
      ['credit_reverse', { ...customer, input: UNDO }],
      ['credit_adjust', { ...customer, input: { amount: '-2.50', note: 'Counted wrong' } }],
      ['credit_settings', { organizer: 'demo' }],
      ['credit_save_settings', { organizer: 'demo', input: { currency: 'EUR', limit: '10.00' } }],
    ]);
  });

  it('calls the outbox and mail settings commands with camelCase argument names', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'outbox_list') return [];
      return cmd === 'outbox_retry' || cmd === 'mail_settings' ? null : {};
    });
    const backend = createIpcBackend();
    await callEveryOutboxOperation(backend);
    await expect(backend.mailSettings('demo')).resolves.toBeNull();
    expect(calls).toEqual([
      ['outbox_list', { organizer: 'demo' }],
      ['outbox_retry', { organizer: 'demo', mailId: 12 }],
      ['mail_settings', { organizer: 'demo' }],
      ['mail_settings_save', { organizer: 'demo', input: MAIL_SETTINGS }],
      ['mail_settings_test', { organizer: 'demo', input: TEST_MAIL }],
      ['mail_settings', { organizer: 'demo' }],
    ]);
  });

  it('calls the event, waiting-list and voucher commands with camelCase argument names', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'events_list' || cmd === 'waiting_list') return [];
      return cmd === 'waiting_list_remove' ? null : {};
    });
    await callEveryEventOperation(createIpcBackend());
    const event = { organizer: 'demo', event: 'gala' };
    expect(calls).toEqual([
      ['events_list', { organizer: 'demo' }],
      ['events_create', { organizer: 'demo', input: NEW_EVENT }],
      ['events_detail', event],
      ['events_add_subevent', { ...event, input: NEW_DATE }],
      ['events_add_item', { ...event, input: NEW_ITEM }],
      ['events_save_quota', { ...event, quotaId: null, input: QUOTA }],
      ['events_save_quota', { ...event, quotaId: 8, input: QUOTA }],
      ['events_save_waiting_list_settings', { ...event, input: WAITING_SETTINGS }],
      ['waiting_list', event],
      ['waiting_list_add', { ...event, input: ENTRY }],
      ['waiting_list_edit', { ...event, entryId: 21, input: ENTRY }],
      ['waiting_list_remove', { ...event, entryId: 21 }],
      ['waiting_list_send_voucher', { ...event, entryId: 21 }],
      ['vouchers_redeem', { ...event, voucherId: 34 }],
    ]);
  });

  it('calls the OAuth and reseller commands with camelCase argument names', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'oauth_applications' || cmd === 'oauth_grants' || cmd === 'resellers_list') return [];
      return ['oauth_deactivate', 'oauth_revoke_grant', 'resellers_add_member', 'resellers_link_organizer'].includes(cmd)
        ? null
        : {};
    });
    await callEveryAccessOperation(createIpcBackend());
    expect(calls).toEqual([
      ['oauth_applications', {}],
      ['oauth_register', { input: NEW_APPLICATION }],
      ['oauth_deactivate', { applicationId: 3 }],
      ['oauth_grants', {}],
      ['oauth_revoke_grant', { grantId: 5 }],
      ['resellers_list', {}],
      ['resellers_create', { input: NEW_RESELLER }],
      ['resellers_add_member', { resellerId: 6, email: 'ida@example.org' }],
      ['resellers_link_organizer', { resellerId: 6, organizer: 'demo' }],
    ]);
  });

  it('stores the window language with the session_set_locale command, and unwraps its errors', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { user: { locale: 'de' }, organizers: [], locales: [] };
    });
    await expect(createIpcBackend().sessionSetLocale('de')).resolves.toMatchObject({ user: { locale: 'de' } });
    expect(calls).toEqual([['session_set_locale', { locale: 'de' }]]);

    mockIPC(() => {
      throw { code: 'unauthenticated', message: 'Log in.', fields: null };
    });
    await expect(createIpcBackend().sessionSetLocale('en')).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('turns an error body into an AppError', async () => {
    mockIPC(() => {
      throw { code: 'invalid_credentials', message: 'Wrong email or password.', fields: null };
    });
    const error = await createIpcBackend()
      .sessionLogin({ email: 'a@example.org', password: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid_credentials', message: 'Wrong email or password.', fields: {} });
  });

  it('turns a bare string rejection into an internal AppError', async () => {
    mockIPC(() => {
      throw 'invalid args `input` for command `customers_create`';
    });
    await expect(createIpcBackend().customersCreate('demo', input)).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('invalid args'),
    });
  });
});
