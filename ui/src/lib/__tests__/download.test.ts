import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../backend/backend';
import { countCsvRows, exportQuery, filenameFromDisposition } from '../backend/download';
import { createHttpBackend } from '../backend/http';

const originalUrl = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  URL.createObjectURL = originalUrl.create;
  URL.revokeObjectURL = originalUrl.revoke;
});

describe('CSV downloads over HTTP', () => {
  it('asks only for the bounds that are set', () => {
    expect(exportQuery({ kind: 'customers', from: null, to: null, event: null })).toBe('');
    expect(
      exportQuery({ kind: 'ledger', from: '2026-10-31T23:00:00Z', to: '2026-11-24T23:00:00Z', event: null }),
    ).toBe('?from=2026-10-31T23%3A00%3A00Z&to=2026-11-24T23%3A00%3A00Z');
    expect(exportQuery({ kind: 'waiting_list', from: null, to: null, event: 'winter-gala' })).toBe('?event=winter-gala');
  });

  it('takes the file name from Content-Disposition, the UTF-8 one first, and never a folder', () => {
    expect(filenameFromDisposition('attachment; filename="demo-ledger.csv"', 'x.csv')).toBe('demo-ledger.csv');
    expect(filenameFromDisposition('attachment; filename=plain.csv', 'x.csv')).toBe('plain.csv');
    expect(
      filenameFromDisposition(`attachment; filename="kunden.csv"; filename*=UTF-8''K%C3%BCnden%20M%C3%BCnchen.csv`, 'x.csv'),
    ).toBe('Künden München.csv');
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', 'x.csv')).toBe('passwd');
    expect(filenameFromDisposition('attachment', 'x.csv')).toBe('x.csv');
    expect(filenameFromDisposition(null, 'x.csv')).toBe('x.csv');
  });

  it('counts the data rows of a CSV text when the server does not say', () => {
    expect(countCsvRows('id,name\r\n1,Ada\r\n2,Grace\r\n')).toBe(2);
    expect(countCsvRows('id,name\n')).toBe(0);
    expect(countCsvRows('')).toBe(0);
  });

  it('downloads the file through a link and answers its name and rows', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response('date,amount\n2026-11-23,20.00\n', {
          status: 200,
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': 'attachment; filename="demo-ledger-2026-11-23.csv"',
            'X-Rows': '1',
          },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    // The link's object URL is let go a second later; that second never passes here.
    vi.useFakeTimers();
    const createObjectURL = vi.fn(() => 'blob:csv');
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });

    const saved = await createHttpBackend().exportCsv('demo', {
      kind: 'ledger',
      from: '2026-11-22T23:00:00Z',
      to: null,
      event: null,
    });

    expect(saved).toEqual({ path: null, rows: 1, filename: 'demo-ledger-2026-11-23.csv' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/desk/organizers/demo/exports/ledger?from=2026-11-22T23%3A00%3A00Z',
      expect.objectContaining({ credentials: 'same-origin' }),
    );
    expect(clicked).toEqual(['demo-ledger-2026-11-23.csv']);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });

  it('rejects with the backend’s error, and downloads nothing', async () => {
    const body = { code: 'forbidden', message: 'You do not have permission to perform this action.' };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status: 403 })));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');

    const failure = createHttpBackend().exportCsv('demo', { kind: 'customers', from: null, to: null, event: null });

    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: 'forbidden' });
    expect(click).not.toHaveBeenCalled();
  });
});
