// The files of an import as the desk handles them: which ones can be a CSV at all, reading them
// (spreadsheet programs on German Windows still save Windows-1252), and the CSVs the desk makes
// itself, a sample to start from and the list of problems to correct, saved by the browser.
import type { ImportKind, RowProblem } from '../../lib/backend/backend';
import { saveBlob } from '../../lib/backend/download';

/** Why a chosen file cannot be imported, before anything is sent. */
export type FileProblem = 'spreadsheet' | 'not_csv' | 'empty';

/** A file read and ready to send. */
export interface ChosenFile {
  name: string;
  size: number;
  text: string;
}

/** What the desk knows of a chosen file before reading it. */
export interface FileFacts {
  name: string;
  type: string;
  size: number;
}

const CSV_ENDINGS = ['.csv', '.txt'];
const SPREADSHEET_ENDINGS = ['.xlsx', '.xlsm', '.xls', '.ods', '.numbers'];
/** Types browsers give CSV files (Windows calls them Excel files). */
const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel'];

function endsWithAny(name: string, endings: string[]): boolean {
  const lower = name.toLowerCase();
  return endings.some((ending) => lower.endsWith(ending));
}

/**
 * Rejects what is obviously no CSV: a spreadsheet, or a file whose name and type both say it is
 * something else (an image, a PDF). A file ending in .csv or .txt passes whatever its type.
 */
export function fileProblem(file: FileFacts): FileProblem | null {
  if (endsWithAny(file.name, SPREADSHEET_ENDINGS)) return 'spreadsheet';
  if (!endsWithAny(file.name, CSV_ENDINGS) && !CSV_TYPES.includes(file.type.toLowerCase())) return 'not_csv';
  if (file.size === 0) return 'empty';
  return null;
}

/** Why a file's text cannot be imported: binary content, or nothing but blanks. */
export function textProblem(text: string): FileProblem | null {
  if (text.includes('\u0000')) return 'not_csv';
  if (text.trim() === '') return 'empty';
  return null;
}

/**
 * A file's text: UTF-8 (a byte-order mark dropped), or Windows-1252 when it is not valid UTF-8, as
 * older spreadsheet programs save "Müller".
 */
export function decodeCsv(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Reads a chosen file as text. */
export async function readCsvFile(file: Blob): Promise<string> {
  return decodeCsv(await file.arrayBuffer());
}

/** One CSV cell: quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as CSV text with CRLF line ends, as spreadsheet programs read it. */
export function toCsv(rows: string[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const SAMPLE_NAMES: Record<string, [string, string]> = {
  salutation: ['Ms', 'Mr'],
  title: ['Dr', ''],
  given_name: ['Anna', 'Ben'],
  middle_name: ['', ''],
  family_name: ['Becker', 'Fischer'],
  full_name: ['Anna Becker', 'Ben Fischer'],
  calling_name: ['Anna', 'Ben'],
  latin_transcription: ['Anna Becker', 'Ben Fischer'],
  degree: ['', ''],
};

/**
 * A small CSV to start from, with the field keys as its header (the server recognises them): two
 * customers in the organizer's name fields, one with a card and opening credit; or two memberships
 * of those customers.
 */
export function sampleCsv(kind: ImportKind, nameFields: string[]): string {
  if (kind === 'memberships') {
    return toCsv([
      ['customer', 'membership_type', 'date_start', 'date_end', 'attendee_name', 'testmode'],
      ['anna.becker@example.org', 'Annual pass', '2027-01-01', '2027-12-31', 'Anna Becker', 'no'],
      ['ben.fischer@example.org', 'Annual pass', '2027-01-01', '2027-12-31', '', 'no'],
    ]);
  }
  const names = nameFields.length > 0 ? nameFields : ['full_name'];
  const person = (i: 0 | 1) => names.map((key) => SAMPLE_NAMES[key]?.[i] ?? '');
  return toCsv([
    ['email', ...names, 'phone', 'locale', 'notes', 'card', 'credit'],
    ['anna.becker@example.org', ...person(0), '+49 30 1234567', 'de', 'Season ticket', '04A23B7C', '12.50'],
    ['ben.fischer@example.org', ...person(1), '', 'en', '', '', ''],
  ]);
}

/** The sample's file name. */
export function sampleFilename(kind: ImportKind): string {
  return `${kind}-sample.csv`;
}

/** The listed problems as CSV, under a header in the window's language: line, column, problem. */
export function problemsCsv(problems: RowProblem[], header: [string, string, string]): string {
  return toCsv([header, ...problems.map((p) => [String(p.row), p.column ?? '', p.message])]);
}

/**
 * Lets the browser save a CSV the desk made. A byte-order mark first, so that spreadsheet programs
 * read it as UTF-8 (umlauts in names).
 */
export function downloadCsv(text: string, filename: string): void {
  saveBlob(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), filename);
}
