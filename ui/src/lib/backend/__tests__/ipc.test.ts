import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../backend';
import { createIpcBackend } from '../ipc';

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
