// The CSV import operations over both transports: the file goes as text/csv, the mapping as JSON.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../backend';
import { createHttpBackend } from '../http';
import { createIpcBackend } from '../ipc';

const CSV = 'E-Mail;Guthaben\r\nanna@example.org;12,50\r\n';
const MAPPING = ['email', 'credit'];

afterEach(() => {
  vi.unstubAllGlobals();
  clearMocks();
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('CSV imports over HTTP', () => {
  it('uploads the file as it is, then sends the mapping as JSON', async () => {
    const fetchMock = vi.fn<(url: string, init: RequestInit) => Promise<Response>>(async () => json(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    const backend = createHttpBackend();

    await backend.importPreview('demo', 'customers', CSV);
    await backend.importValidate('demo', 'abc123', MAPPING);
    await backend.importCommit('demo', 'abc123', MAPPING);
    await backend.importProgress('demo', 'abc123');

    const calls = fetchMock.mock.calls.map(([url, init]) => [init.method, url, init.body]);
    expect(calls).toEqual([
      ['POST', '/api/desk/organizers/demo/imports/new/customers', CSV],
      ['POST', '/api/desk/organizers/demo/imports/abc123/validate', JSON.stringify({ mapping: MAPPING })],
      ['POST', '/api/desk/organizers/demo/imports/abc123/commit', JSON.stringify({ mapping: MAPPING })],
      ['GET', '/api/desk/organizers/demo/imports/abc123', undefined],
    ]);
    expect(fetchMock.mock.calls[0][1].headers).toMatchObject({ 'Content-Type': 'text/csv' });
  });

  it('rejects an upload with the server’s error, and a file too large for it as too_large', async () => {
    const refused = { code: 'validation', message: 'Please correct the marked fields.', fields: { file: ['The file is empty.'] } };
    vi.stubGlobal('fetch', vi.fn(async () => json(400, refused)));
    await expect(createHttpBackend().importPreview('demo', 'customers', ' ')).rejects.toMatchObject({
      code: 'validation',
      fields: { file: ['The file is empty.'] },
    });

    vi.stubGlobal('fetch', vi.fn(async () => new Response('Payload Too Large', { status: 413 })));
    const failure = createHttpBackend().importPreview('demo', 'customers', CSV);
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: 'too_large' });
  });
});

describe('CSV imports over IPC', () => {
  it('calls the import commands with camelCase argument names', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return {};
    });
    const backend = createIpcBackend();
    await backend.importPreview('demo', 'memberships', CSV);
    await backend.importValidate('demo', 'abc123', MAPPING);
    await backend.importCommit('demo', 'abc123', MAPPING);
    await backend.importProgress('demo', 'abc123');
    expect(calls).toEqual([
      ['import_preview', { organizer: 'demo', kind: 'memberships', csv: CSV }],
      ['import_validate', { organizer: 'demo', id: 'abc123', mapping: MAPPING }],
      ['import_commit', { organizer: 'demo', id: 'abc123', mapping: MAPPING }],
      ['import_progress', { organizer: 'demo', id: 'abc123' }],
    ]);
  });
});
