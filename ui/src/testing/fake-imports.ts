// CSV imports as the fake backend runs them, with the core's rules close enough for the wizard: a
// preview with a suggested mapping, a check of every row that writes nothing, and an import that
// checks again and writes all rows or none. The CSV is read with a tiny splitter (commas,
// semicolons or tabs, double quotes within a line); customers' email, card and credit columns and
// memberships' customer, type and date columns are checked, so tests see good and bad rows. A
// started import moves on each time its progress is looked up, and ends after `pollsToFinish` looks.
import {
  AppError,
  type Customer,
  type ImportField,
  type ImportKind,
  type ImportPreview,
  type ImportProgress,
  type ImportReport,
  type MembershipType,
  type RowProblem,
} from '../lib/backend/backend';
import { normalizeSerial } from './fake-cards';

/** What rows are checked against: the organizer's name fields and what it has already. */
export interface ImportContext {
  nameFields: string[];
  customers: Customer[];
  cardSerials: string[];
  membershipTypes: MembershipType[];
  /** The user may book credit (`organizer.giftcards:write`). */
  mayBookCredit: boolean;
}

/** One good row: field key → its cell (trimmed), for the fields mapped and not empty. */
export type ImportRecord = Record<string, string>;

export interface FakeImportsOptions {
  /** How many looks at a started import it takes to finish; 2 when absent. */
  pollsToFinish?: number;
}

/** The most problems a report lists, as the core. */
export const PROBLEMS_LISTED = 500;
const PREVIEW_ROWS = 10;

const NAME_LABELS: Record<string, string> = {
  salutation: 'Salutation',
  title: 'Title',
  given_name: 'Given name',
  middle_name: 'Middle name',
  family_name: 'Family name',
  full_name: 'Full name',
  calling_name: 'Calling name',
  latin_transcription: 'Name in Latin script',
  degree: 'Degree',
};

/** Header names that suggest a field (normalized, see `normalizeHeader`), in English and German as the core's. */
const ALIASES: Record<ImportKind, [string, string[]][]> = {
  customers: [
    ['email', ['email', 'emailaddress', 'mail', 'emailadresse']],
    ['external_identifier', ['externalidentifier', 'externalid', 'customernumber', 'kundennummer', 'kundennr']],
    ['phone', ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'telefon', 'handy']],
    ['locale', ['locale', 'language', 'sprache']],
    ['notes', ['notes', 'note', 'comment', 'notiz', 'notizen', 'bemerkung']],
    ['card', ['card', 'cardserial', 'cardnumber', 'serial', 'serialnumber', 'karte', 'kartennummer']],
    ['credit', ['credit', 'balance', 'openingbalance', 'guthaben', 'startguthaben']],
    ['full_name', ['name', 'fullname', 'customername', 'vollername']],
    ['given_name', ['givenname', 'firstname', 'forename', 'vorname']],
    ['family_name', ['familyname', 'lastname', 'surname', 'nachname', 'name']],
    ['middle_name', ['middlename']],
    ['title', ['title', 'titel']],
    ['salutation', ['salutation', 'anrede']],
  ],
  memberships: [
    ['customer', ['customer', 'customeridentifier', 'identifier', 'email', 'kunde', 'kundennummer']],
    ['membership_type', ['membershiptype', 'type', 'membership', 'mitgliedschaft', 'typ']],
    ['date_start', ['datestart', 'start', 'startdate', 'from', 'validfrom', 'gueltigab', 'von', 'beginn']],
    ['date_end', ['dateend', 'end', 'enddate', 'to', 'until', 'validuntil', 'gueltigbis', 'bis', 'ende']],
    ['attendee_name', ['attendeename', 'attendee', 'name', 'teilnehmer']],
    ['testmode', ['testmode', 'test']],
  ],
};

/** The fields of a kind, customers with the organizer's name fields. */
export function importFields(kind: ImportKind, nameFields: string[]): ImportField[] {
  const field = (key: string, label: string, required = false): ImportField => ({ key, label, required });
  if (kind === 'memberships') {
    return [
      field('customer', 'Customer', true),
      field('membership_type', 'Membership type', true),
      field('date_start', 'Valid from', true),
      field('date_end', 'Valid until', true),
      field('attendee_name', 'Attendee name'),
      field('testmode', 'Test mode'),
    ];
  }
  return [
    field('email', 'Email'),
    field('external_identifier', 'External identifier'),
    ...nameFields.map((key) => field(key, NAME_LABELS[key] ?? key)),
    field('phone', 'Phone'),
    field('locale', 'Language'),
    field('notes', 'Notes'),
    field('card', 'Card serial number'),
    field('credit', 'Opening credit balance'),
  ];
}

/** A header as compared with aliases: lower case, umlauts spelled out, letters and digits only. */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

/** The cells of one line, split at `separator` outside double quotes ("" is a quote). */
function splitLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

interface Line {
  /** In the file; the header is line 1. */
  number: number;
  cells: string[];
}

/** The non-empty lines of a CSV, split at the header's most frequent separator (comma, semicolon, tab). */
export function splitCsv(text: string): Line[] {
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = raw.find((line) => line.trim() !== '') ?? '';
  const count = (separator: string) => header.split(separator).length;
  const separator = [',', ';', '\t'].reduce((best, s) => (count(s) > count(best) ? s : best));
  return raw
    .map((line, index) => ({ number: index + 1, line }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ number, line }) => ({ number, cells: splitLine(line, separator) }));
}

interface StoredPreview {
  preview: ImportPreview;
  lines: Line[];
}

interface Job {
  kind: ImportKind;
  progress: ImportProgress;
  records: ImportRecord[];
  polls: number;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** An opening balance as people write it (12.50, 12,50, 12), after spaces are dropped. */
const AMOUNT = /^\d+([.,]\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;
const BOOLEAN = /^(true|false|1|0|yes|no)$/i;

/** A refusal as the core words it: `validation` on `file` (the upload) or `mapping`. */
function invalid(field: 'file' | 'mapping', message: string): AppError {
  return new AppError('validation', 'Please correct the marked fields.', { [field]: [message] });
}

export class FakeImports {
  pollsToFinish: number;
  private previews = new Map<string, StoredPreview>();
  private jobs = new Map<string, Job>();
  private lastId = 0;

  constructor(options: FakeImportsOptions = {}) {
    this.pollsToFinish = options.pollsToFinish ?? 2;
  }

  preview(kind: ImportKind, csv: string, context: ImportContext): ImportPreview {
    const [header, ...data] = splitCsv(csv);
    if (!header || header.cells.every((cell) => cell.trim() === '')) {
      throw invalid('file', 'The first line must name the columns.');
    }
    const fields = importFields(kind, context.nameFields);
    const keys = fields.map((f) => f.key);
    const taken = new Set<string>();
    const suggested = header.cells.map((column) => {
      const normalized = normalizeHeader(column);
      const found = ALIASES[kind].find(
        ([key, aliases]) =>
          keys.includes(key) && !taken.has(key) && (normalizeHeader(key) === normalized || aliases.includes(normalized)),
      );
      if (!found) return null;
      taken.add(found[0]);
      return found[0];
    });
    this.lastId += 1;
    const id = `imp-${this.lastId}`;
    const preview: ImportPreview = {
      id,
      kind,
      columns: header.cells.map((c) => c.trim()),
      rows: data.slice(0, PREVIEW_ROWS).map((line) => [...line.cells]),
      total_rows: data.length,
      fields,
      suggested,
    };
    this.previews.set(id, { preview, lines: data });
    return structuredClone(preview);
  }

  /** For tests: the preview is gone, as after an hour. */
  expire(id: string): void {
    this.previews.delete(id);
  }

  validate(id: string, mapping: (string | null)[], context: ImportContext): ImportReport {
    return this.check(id, mapping, context).report;
  }

  commit(id: string, mapping: (string | null)[], context: ImportContext): ImportProgress {
    const { report, records, kind } = this.check(id, mapping, context);
    const progress: ImportProgress = {
      id,
      state: 'validating',
      done: 0,
      total: report.total_rows,
      created: 0,
      report: report.problems_total > 0 ? report : null,
    };
    this.jobs.set(id, { kind, progress, records, polls: 0 });
    return { ...progress, report: null };
  }

  /** One look at a started import, which moves it on; `write` runs once, when it finishes. */
  progress(id: string, write: (kind: ImportKind, records: ImportRecord[]) => number): ImportProgress {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('not_found', 'This import does not exist.');
    const { progress } = job;
    if (progress.state === 'done' || progress.state === 'failed') return structuredClone(progress);
    job.polls += 1;
    if (progress.report !== null) {
      // Someone changed the data since the check: nothing is written.
      Object.assign(progress, { state: 'failed', done: progress.total });
    } else if (job.polls < this.pollsToFinish) {
      Object.assign(progress, {
        state: 'writing',
        done: Math.floor((progress.total * job.polls) / this.pollsToFinish),
      });
    } else {
      Object.assign(progress, { state: 'done', done: progress.total, created: write(job.kind, job.records) });
    }
    return structuredClone(progress);
  }

  private check(
    id: string,
    mapping: (string | null)[],
    context: ImportContext,
  ): { report: ImportReport; records: ImportRecord[]; kind: ImportKind } {
    const stored = this.previews.get(id);
    if (!stored) throw new AppError('not_found', 'This import has expired. Upload the file again.');
    const { preview, lines } = stored;
    if (mapping.length !== preview.columns.length) throw invalid('mapping', `Map each of the ${preview.columns.length} columns to a field or none.`);
    const seen = new Set<string>();
    for (const key of mapping) {
      if (key === null) continue;
      if (!preview.fields.some((f) => f.key === key)) throw invalid('mapping', `"${key}" is no field of this import.`);
      if (seen.has(key)) throw invalid('mapping', `"${key}" is mapped from more than one column.`);
      seen.add(key);
    }
    const missing = preview.fields.filter((f) => f.required && !seen.has(f.key));
    if (missing.length > 0) throw invalid('mapping', `Choose a column for: ${missing.map((f) => f.label).join(', ')}.`);
    if (preview.kind === 'customers' && !seen.has('email') && !context.nameFields.some((key) => seen.has(key))) {
      throw invalid('mapping', 'Choose a column for the email address or the name.');
    }
    if (seen.has('credit') && !context.mayBookCredit) {
      throw new AppError('forbidden', 'You do not have permission to perform this action.');
    }

    const problems: RowProblem[] = [];
    const records: ImportRecord[] = [];
    const firstLine = new Map<string, number>();
    for (const line of lines) {
      const record: ImportRecord = {};
      const columnOf: Record<string, string> = {};
      mapping.forEach((key, index) => {
        if (key === null) return;
        columnOf[key] = preview.columns[index];
        const cell = (line.cells[index] ?? '').trim();
        if (cell !== '') record[key] = cell;
      });
      const found: RowProblem[] = [];
      const problem = (key: string | null, message: string) =>
        found.push({ row: line.number, column: key === null ? null : (columnOf[key] ?? null), message });
      if (line.cells.length !== preview.columns.length) {
        problem(null, `This row has ${line.cells.length} columns; the header has ${preview.columns.length}.`);
      } else if (preview.kind === 'customers') this.checkCustomer(record, context, firstLine, line.number, problem);
      else this.checkMembership(record, context, problem);
      problems.push(...found);
      if (found.length === 0) records.push(record);
    }
    const report: ImportReport = {
      total_rows: lines.length,
      valid_rows: records.length,
      problems: problems.slice(0, PROBLEMS_LISTED),
      problems_total: problems.length,
    };
    return { report, records, kind: preview.kind };
  }

  private checkCustomer(
    record: ImportRecord,
    context: ImportContext,
    firstLine: Map<string, number>,
    line: number,
    problem: (key: string | null, message: string) => void,
  ): void {
    const email = record.email?.toLowerCase();
    if (email !== undefined) {
      const first = firstLine.get(`email ${email}`);
      if (!EMAIL.test(email)) problem('email', 'Enter a valid email address.');
      else if (first !== undefined) problem('email', `This email address is in the file more than once (first on line ${first}).`);
      else if (context.customers.some((c) => c.email?.toLowerCase() === email)) {
        problem('email', 'A customer with this email address already exists.');
      }
      if (first === undefined) firstLine.set(`email ${email}`, line);
    }
    if (email === undefined && !context.nameFields.some((key) => record[key] !== undefined)) {
      problem(null, 'A row needs an email address or a name.');
    }
    if (record.card !== undefined) {
      const serial = normalizeSerial(record.card);
      const first = firstLine.get(`card ${serial}`);
      if (first !== undefined) problem('card', `This card serial is in the file more than once (first on line ${first}).`);
      else if (context.cardSerials.includes(serial)) problem('card', 'A card with this serial number already exists.');
      else firstLine.set(`card ${serial}`, line);
    }
    if (record.credit !== undefined && !AMOUNT.test(record.credit.replace(/\s/g, ''))) {
      problem('credit', `"${record.credit}" is no amount; write it like 12.50.`);
    }
  }

  private checkMembership(
    record: ImportRecord,
    context: ImportContext,
    problem: (key: string | null, message: string) => void,
  ): void {
    const customer = record.customer;
    if (customer === undefined) problem('customer', 'This field is required.');
    else if (!findCustomer(context.customers, customer)) {
      problem('customer', 'No customer has this identifier, external identifier or email address.');
    }
    const type = record.membership_type;
    if (type === undefined) problem('membership_type', 'This field is required.');
    else if (!findType(context.membershipTypes, type)) problem('membership_type', 'No membership type has this ID or name.');
    for (const key of ['date_start', 'date_end']) {
      const value = record[key];
      if (value === undefined) problem(key, 'This field is required.');
      else if (!DATE.test(value) || Number.isNaN(Date.parse(value))) {
        problem(key, 'Enter a date as YYYY-MM-DD or RFC 3339.');
      }
    }
    if (record.testmode !== undefined && !BOOLEAN.test(record.testmode)) {
      problem('testmode', 'Enter true or false.');
    }
  }
}

/** A customer by identifier, external identifier or email, as a membership row names them. */
export function findCustomer(customers: Customer[], value: string): Customer | undefined {
  const lower = value.toLowerCase();
  return customers.find(
    (c) => c.identifier === value || c.external_identifier === value || c.email?.toLowerCase() === lower,
  );
}

/** A membership type by ID or by its name in any language. */
export function findType(types: MembershipType[], value: string): MembershipType | undefined {
  const lower = value.toLowerCase();
  return types.find((t) => String(t.id) === value || Object.values(t.name).some((n) => n.toLowerCase() === lower));
}

/** "yes", "1", "true" (any case) as true. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(true|1|yes)$/i.test(value);
}
