import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import {
  DEFAULT_USER,
  FakeBackend,
  type FakeBackendOptions,
  makeCustomer,
  makeMembershipType,
  makeOrganizer,
  ORGANIZER_PERMISSIONS,
} from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';

const GOOD = [
  'E-Mail,Vorname,Nachname,Karte,Guthaben',
  'anna@example.org,Anna,Becker,04A23B7C,12.50',
  'ben@example.org,Ben,Fischer,,',
  'clara@example.org,Clara,Graf,,5',
].join('\n');

/** Line 3: an invalid address; line 4: line 2's address again; line 5: an amount with three places. */
const BAD = [
  'E-Mail,Vorname,Nachname,Karte,Guthaben',
  'anna@example.org,Anna,Becker,04A23B7C,12.50',
  'not-an-email,Ben,Fischer,,',
  'anna@example.org,Anna,Doppelt,,',
  'david@example.org,David,Engel,,"12,345"',
].join('\n');

const originalUrl = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };

afterEach(() => {
  vi.restoreAllMocks();
  URL.createObjectURL = originalUrl.create;
  URL.revokeObjectURL = originalUrl.revoke;
});

function csvFile(text: string, name = 'kunden.csv', type = 'text/csv'): File {
  return new File([text], name, { type });
}

function importBackend(options: FakeBackendOptions = {}) {
  return new FakeBackend({ loggedInAs: DEFAULT_USER.email, imports: { pollsToFinish: 1 }, ...options });
}

/** Renders the desk and opens the Import section; the user uploads files whatever their type. */
async function openImports(backend: FakeBackend) {
  renderApp(backend);
  const user = userEvent.setup({ applyAccept: false });
  await user.click(await screen.findByTestId('nav-imports'));
  await screen.findByTestId('import-file-step');
  return { user, backend };
}

async function chooseFile(user: ReturnType<typeof userEvent.setup>, file: File) {
  await user.upload(screen.getByTestId('import-file'), file);
}

/** Chooses the file and shows its preview; resolves once the mapping step is open. */
async function previewFile(user: ReturnType<typeof userEvent.setup>, file: File) {
  await chooseFile(user, file);
  await screen.findByTestId('chosen-file');
  await user.click(screen.getByRole('button', { name: 'Show preview' }));
  return screen.findByTestId('import-mapping-step');
}

function fieldOf(column: string): HTMLSelectElement {
  return screen.getByRole('combobox', { name: `Field for column “${column}”` });
}

/** The blobs the desk handed to the browser to save, by file name. */
function captureDownloads(): Map<string, Blob> {
  const blobs: Blob[] = [];
  const saved = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return `blob:${blobs.length}`;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.set(this.download, blobs[Number(this.href.split(':').at(-1)) - 1]);
  });
  return saved;
}

function problemRows() {
  return screen.getAllByTestId('problem-row').map((row) => ({
    line: within(row).getByTestId('problem-line').textContent,
    column: within(row).getByTestId('problem-column').textContent?.trim(),
    message: within(row).getByTestId('problem-message').textContent,
  }));
}

describe('the Import section', () => {
  it('is offered to whoever may change customers', async () => {
    const backend = importBackend({
      organizers: [makeOrganizer({ permissions: ['organizer.customers:read'] })],
    });
    renderApp(backend);
    await screen.findByTestId('nav-customers');
    expect(screen.queryByTestId('nav-imports')).not.toBeInTheDocument();
  });
});

describe('importing customers', () => {
  it('previews the file, checks every row, imports them with a progress bar, and the customers have their card and credit', async () => {
    const backend = importBackend({ imports: { pollsToFinish: 2 } });
    const { user } = await openImports(backend);
    expect(document.activeElement).not.toBe(document.body);
    expect(screen.getByLabelText('CSV file')).toBe(screen.getByTestId('import-file'));

    await chooseFile(user, csvFile(GOOD));
    expect(screen.getByTestId('chosen-file')).toHaveTextContent(/^kunden\.csv \(1 KB\)$/);
    await user.click(screen.getByRole('button', { name: 'Show preview' }));
    const step = await screen.findByTestId('import-mapping-step');

    // The preview: the header, the rows under it, and the server's suggestion in every select.
    expect(backend.callsTo('importPreview')).toEqual([['demo', 'customers', GOOD]]);
    expect(within(step).getByText('All 3 rows of the file')).toBeInTheDocument();
    expect(within(step).getAllByTestId('preview-row')).toHaveLength(3);
    expect(within(step).getAllByTestId('preview-row')[0]).toHaveTextContent('anna@example.org');
    expect(fieldOf('E-Mail').value).toBe('email');
    expect(fieldOf('Vorname').value).toBe('given_name');
    expect(fieldOf('Nachname').value).toBe('family_name');
    expect(fieldOf('Karte').value).toBe('card');
    expect(fieldOf('Guthaben').value).toBe('credit');
    expect(within(fieldOf('Guthaben')).getByRole('option', { name: 'Opening credit' })).toBeInTheDocument();
    expect(document.activeElement).toHaveTextContent('Assign the columns');

    await user.click(screen.getByRole('button', { name: 'Check all rows' }));
    await screen.findByTestId('import-check-step');
    expect(screen.getByTestId('check-summary')).toHaveTextContent('3 of 3 rows are fine.');
    expect(screen.getByTestId('check-summary')).toHaveTextContent('Nothing has been written yet.');
    expect(backend.customers.demo).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Import 3 rows' }));
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(screen.getByTestId('import-count')).toHaveTextContent(/of 3 rows$/);
    expect(bar).toHaveAttribute('max', '3');
    await waitFor(() => expect(screen.getByTestId('import-state')).toHaveTextContent('Writing…'), { timeout: 2000 });
    expect(bar).toHaveAttribute('value', '1');

    await screen.findByText('3 customers imported.', {}, { timeout: 3000 });
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    const [mapping] = backend.callsTo('importCommit').map((args) => args[2]);
    expect(mapping).toEqual(['email', 'given_name', 'family_name', 'card', 'credit']);

    const anna = backend.customers.demo.find((c) => c.email === 'anna@example.org');
    expect(anna?.name).toBe('Anna Becker');
    expect(backend.cards.demo.map((c) => [c.customer, c.serialNumber])).toEqual([[anna?.identifier, '04A23B7C']]);
    expect(backend.ledger('demo').balance(anna?.identifier ?? '').amount).toBe('12.50');

    // Another import starts from the beginning.
    await user.click(screen.getByRole('button', { name: 'Start another import' }));
    expect(await screen.findByTestId('import-file-step')).toBeInTheDocument();
    expect(screen.queryByTestId('chosen-file')).not.toBeInTheDocument();
  });

  it('lists the rows that fail and why, writes nothing, and imports a corrected file with the same columns', async () => {
    const downloads = captureDownloads();
    const backend = importBackend();
    const { user } = await openImports(backend);
    await previewFile(user, csvFile(BAD));
    // Staff leave the card column out; a corrected file with the same columns keeps that.
    await user.selectOptions(fieldOf('Karte'), 'Ignore');
    await user.click(screen.getByRole('button', { name: 'Check all rows' }));

    await screen.findByTestId('import-check-step');
    expect(screen.getByTestId('check-summary')).toHaveTextContent('1 of 4 rows are fine.');
    expect(screen.getByTestId('check-summary')).toHaveTextContent(/Nothing is imported while any row has a problem/);
    expect(problemRows()).toEqual([
      { line: '3', column: 'E-Mail', message: 'Enter a valid email address.' },
      { line: '4', column: 'E-Mail', message: 'This email address is in the file more than once (first on line 2).' },
      { line: '5', column: 'Guthaben', message: '"12,345" is no amount; write it like 12.50.' },
    ]);
    expect(screen.getByRole('table', { name: '3 problems' })).toBeInTheDocument();
    expect(screen.queryByTestId('more-problems')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import 1 row' })).toBeDisabled();
    expect(backend.customers.demo).toHaveLength(0);

    // The problems as a file to work through.
    await user.click(screen.getByRole('button', { name: 'Download the problems (CSV)' }));
    const problems = downloads.get('customers-import-problems.csv');
    expect(problems).toBeDefined();
    const text = await problems!.text();
    expect(text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 2)).toEqual([
      'Line,Column,Problem',
      '3,E-Mail,Enter a valid email address.',
    ]);

    // Back to the columns: the mapping is as staff left it.
    await user.click(screen.getByRole('button', { name: 'Back to the columns' }));
    await screen.findByTestId('import-mapping-step');
    expect(fieldOf('Karte').value).toBe('');
    expect(fieldOf('E-Mail').value).toBe('email');

    // A corrected file.
    await user.click(screen.getByRole('button', { name: 'Back' }));
    const corrected = BAD.replace('not-an-email', 'ben@example.org')
      .replace('anna@example.org,Anna,Doppelt', 'dora@example.org,Dora,Doppelt')
      .replace('"12,345"', '12.34');
    await previewFile(user, csvFile(corrected, 'kunden-korrigiert.csv'));
    expect(fieldOf('Karte').value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Check all rows' }));
    await screen.findByText('4 of 4 rows are fine.');
    await user.click(screen.getByRole('button', { name: 'Import 4 rows' }));
    await screen.findByText('4 customers imported.', {}, { timeout: 3000 });
    expect(backend.customers.demo.map((c) => c.email).sort()).toEqual([
      'anna@example.org',
      'ben@example.org',
      'david@example.org',
      'dora@example.org',
    ]);
    expect(backend.cards.demo ?? []).toEqual([]);
  });

  it('says how many more problems the server did not list', async () => {
    const rows = Array.from({ length: 503 }, (_, i) => `broken-${i},Name${i}`);
    const backend = importBackend();
    const { user } = await openImports(backend);
    await previewFile(user, csvFile(['email,given_name', ...rows].join('\n')));
    expect(screen.getByText('The first 10 of 503 rows of the file')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check all rows' }));
    await screen.findByTestId('import-check-step');
    expect(screen.getByTestId('check-summary')).toHaveTextContent('0 of 503 rows are fine.');
    expect(screen.getAllByTestId('problem-row')).toHaveLength(500);
    expect(screen.getByTestId('more-problems')).toHaveTextContent('3 more problems are not shown.');
  });

  it('fails the import when a row no longer passes, and writes nothing', async () => {
    const backend = importBackend();
    const { user } = await openImports(backend);
    await previewFile(user, csvFile(GOOD));
    await user.click(screen.getByRole('button', { name: 'Check all rows' }));
    await screen.findByText('3 of 3 rows are fine.');
    // Someone adds Ben at the counter meanwhile.
    backend.customers.demo.push(makeCustomer({ email: 'ben@example.org' }));

    await user.click(screen.getByRole('button', { name: 'Import 3 rows' }));
    const failed = await screen.findByTestId('import-failed', {}, { timeout: 3000 });
    expect(failed).toHaveTextContent('The import failed; nothing was written.');
    expect(problemRows()).toEqual([
      { line: '3', column: 'E-Mail', message: 'A customer with this email address already exists.' },
    ]);
    expect(backend.customers.demo).toHaveLength(1);
    expect(backend.cards.demo ?? []).toEqual([]);
    expect(screen.getByRole('button', { name: 'Start another import' })).toBeInTheDocument();
  });
});

describe('the column mapping', () => {
  it('moves a field to the column chosen last, and says which column lost it', async () => {
    const backend = importBackend();
    const { user } = await openImports(backend);
    await previewFile(user, csvFile('Mail,Zweite Mail,Name\na@example.org,b@example.org,Anna\n'));
    expect(fieldOf('Mail').value).toBe('email');
    expect(within(fieldOf('Zweite Mail')).getByRole('option', { name: 'Email (now from “Mail”)' })).toBeInTheDocument();

    await user.selectOptions(fieldOf('Zweite Mail'), 'Email (now from “Mail”)');
    expect(fieldOf('Zweite Mail').value).toBe('email');
    expect(fieldOf('Mail').value).toBe('');
    expect(screen.getByTestId('mapping-note')).toHaveTextContent(
      '“Email” now comes from column “Zweite Mail”; column “Mail” is ignored.',
    );

    await user.click(screen.getByRole('button', { name: 'Check all rows' }));
    await screen.findByTestId('import-check-step');
    expect(backend.callsTo('importValidate')[0][2]).toEqual([null, 'email', 'family_name']);
  });

  it('blocks the check while a required field has no column', async () => {
    const backend = importBackend({ membershipTypes: { demo: [makeMembershipType({ name: { en: 'Annual pass' } })] } });
    backend.customers.demo.push(makeCustomer({ email: 'anna@example.org' }));
    const { user } = await openImports(backend);
    await user.click(screen.getByRole('radio', { name: /Memberships/ }));
    expect(screen.getByTestId('import-columns')).toHaveTextContent('membership_type');
    await previewFile(user, csvFile('customer,membership_type,Anfang,Schluss\nanna@example.org,Annual pass,2027-01-01,2027-12-31\n'));

    const problems = screen.getByTestId('mapping-problems');
    expect(within(problems).getAllByTestId('mapping-problem').map((p) => p.textContent)).toEqual([
      'Assign a column to “Start date”: it is required.',
      'Assign a column to “End date”: it is required.',
    ]);
    expect(screen.getByRole('button', { name: 'Check all rows' })).toBeDisabled();

    await user.selectOptions(fieldOf('Anfang'), 'Start date (required)');
    await user.selectOptions(fieldOf('Schluss'), 'End date (required)');
    expect(screen.queryByTestId('mapping-problems')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check all rows' }));
    await screen.findByText('1 of 1 row is fine.');
    await user.click(screen.getByRole('button', { name: 'Import 1 row' }));
    await screen.findByText('1 membership imported.', {}, { timeout: 3000 });
    expect(backend.memberships.demo).toHaveLength(1);
  });

  it('does not offer a credit column to a user who may not book credit', async () => {
    const permissions = ORGANIZER_PERMISSIONS.filter((p) => p !== 'organizer.giftcards:write');
    const backend = importBackend({ organizers: [makeOrganizer({ permissions })] });
    const { user } = await openImports(backend);
    await previewFile(user, csvFile(GOOD));
    expect(screen.getByTestId('mapping-problems')).toHaveTextContent(
      'Your account may not book credit, so column “Guthaben” cannot be imported as opening credit.',
    );
    expect(screen.getByRole('button', { name: 'Check all rows' })).toBeDisabled();
    await user.selectOptions(fieldOf('Guthaben'), 'Ignore');
    expect(screen.getByRole('button', { name: 'Check all rows' })).toBeEnabled();
  });

  it('sends staff back to the file when its upload expired', async () => {
    const backend = importBackend();
    const { user } = await openImports(backend);
    await previewFile(user, csvFile(GOOD));
    // An hour later: the fake names its first upload imp-1.
    backend.imports.expire('imp-1');
    await user.click(screen.getByRole('button', { name: 'Check all rows' }));
    const expired = await screen.findByTestId('upload-expired');
    expect(expired).toHaveTextContent('This file was uploaded more than an hour ago and has expired.');
    expect(screen.getByTestId('import-file-step')).toBeInTheDocument();
    expect(screen.queryByTestId('chosen-file')).not.toBeInTheDocument();
  });

  it('shows the server’s refusal of the mapping as it words it', async () => {
    const backend = importBackend();
    const { user } = await openImports(backend);
    await previewFile(user, csvFile(GOOD));
    backend.failNext(
      'importValidate',
      new AppError('validation', 'Please correct the marked fields.', { mapping: ['"email" is mapped from more than one column.'] }),
    );
    await user.click(screen.getByRole('button', { name: 'Check all rows' }));
    const error = await screen.findByTestId('check-error');
    expect(error).toHaveTextContent('The rows could not be checked.');
    expect(error).toHaveTextContent('"email" is mapped from more than one column.');
    expect(error).toHaveTextContent('Nothing was changed.');
  });
});

describe('choosing the file', () => {
  it('refuses what is obviously no CSV, before anything is sent', async () => {
    const backend = importBackend();
    const { user } = await openImports(backend);
    await chooseFile(user, csvFile('PK', 'Kunden.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
    expect(await screen.findByTestId('file-refused')).toHaveTextContent(
      '“Kunden.xlsx” is a spreadsheet, not a CSV file.',
    );
    expect(screen.getByTestId('file-refused')).toHaveTextContent('save it as “CSV (comma-separated)”');

    await chooseFile(user, csvFile('\u0089PNG', 'photo.png', 'image/png'));
    expect(await screen.findByText('“photo.png” is not a CSV file.')).toBeInTheDocument();

    await chooseFile(user, csvFile('', 'leer.csv'));
    expect(await screen.findByText('“leer.csv” is empty.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show preview' }));
    expect(screen.getByTestId('file-refused')).toHaveTextContent('Choose a CSV file first.');
    expect(backend.callsTo('importPreview')).toEqual([]);
  });

  it('takes a dropped file', async () => {
    const backend = importBackend();
    await openImports(backend);
    const file = csvFile(GOOD, 'dropped.csv');
    await fireEvent.drop(screen.getByTestId('import-drop'), { dataTransfer: { files: [file], types: ['Files'] } });
    expect(await screen.findByTestId('chosen-file')).toHaveTextContent('dropped.csv');
  });

  it('shows the server’s reason when it cannot read the file', async () => {
    const backend = importBackend();
    const { user } = await openImports(backend);
    await chooseFile(user, csvFile(' ,\nanna@example.org,Anna\n'));
    await user.click(await screen.findByRole('button', { name: 'Show preview' }));
    const error = await screen.findByTestId('preview-error');
    expect(error).toHaveTextContent('The file could not be read for the import.');
    expect(error).toHaveTextContent('The first line must name the columns.');
  });

  it('explains the columns of each kind and offers a sample to start from', async () => {
    const downloads = captureDownloads();
    const backend = importBackend();
    const { user } = await openImports(backend);
    const columns = screen.getByTestId('import-columns');
    expect(columns).toHaveTextContent('given_name, family_name');
    expect(columns).toHaveTextContent('Opening credit, e.g. 12.50 or 12,50.');

    await user.click(screen.getByRole('button', { name: 'Download a sample CSV' }));
    const sample = await downloads.get('customers-sample.csv')!.text();
    expect(sample).toContain('email,given_name,family_name,phone,locale,notes,card,credit\r\n');

    await user.click(screen.getByRole('radio', { name: /Memberships/ }));
    expect(columns).toHaveTextContent('Required: the ID or name of a membership type.');
    await user.click(screen.getByRole('button', { name: 'Download a sample CSV' }));
    expect(await downloads.get('memberships-sample.csv')!.text()).toContain('customer,membership_type,date_start');
  });
});

describe('in German', () => {
  it('speaks German throughout', async () => {
    const backend = importBackend({ users: [{ ...DEFAULT_USER, locale: 'de' }] });
    const { user } = await openImports(backend);
    expect(screen.getByRole('heading', { name: 'Was Sie importieren, und aus welcher Datei' })).toBeInTheDocument();
    await chooseFile(user, csvFile(BAD));
    await user.click(screen.getByRole('button', { name: 'Vorschau anzeigen' }));
    await screen.findByTestId('import-mapping-step');
    expect(screen.getByRole('combobox', { name: 'Feld für Spalte „Guthaben“' })).toHaveValue('credit');
    expect(screen.getByText('Alle 4 Zeilen der Datei')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Alle Zeilen prüfen' }));
    await screen.findByText('1 von 4 Zeilen sind in Ordnung.');
    expect(screen.getByRole('table', { name: '3 Probleme' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '1 Zeile importieren' })).toBeDisabled();
  });
});
