import { describe, expect, it } from 'vitest';
import { importFields, splitCsv } from '../../../testing/fake-imports';
import { csvCell, decodeCsv, fileProblem, problemsCsv, sampleCsv, textProblem, toCsv } from '../files';

describe('which files can be a CSV', () => {
  it('takes .csv and .txt files whatever type the system gives them', () => {
    expect(fileProblem({ name: 'customers.csv', type: 'application/vnd.ms-excel', size: 120 })).toBeNull();
    expect(fileProblem({ name: 'customers.CSV', type: '', size: 120 })).toBeNull();
    expect(fileProblem({ name: 'export.txt', type: 'text/plain', size: 120 })).toBeNull();
    expect(fileProblem({ name: 'export', type: 'text/csv', size: 120 })).toBeNull();
  });

  it('refuses spreadsheets with a way out, and what is obviously something else', () => {
    expect(fileProblem({ name: 'Kunden.xlsx', type: '', size: 9000 })).toBe('spreadsheet');
    expect(fileProblem({ name: 'Kunden.ods', type: '', size: 9000 })).toBe('spreadsheet');
    expect(fileProblem({ name: 'photo.jpg', type: 'image/jpeg', size: 9000 })).toBe('not_csv');
    expect(fileProblem({ name: 'letter.pdf', type: 'application/pdf', size: 9000 })).toBe('not_csv');
  });

  it('refuses an empty file, and text that is binary or blank', () => {
    expect(fileProblem({ name: 'empty.csv', type: 'text/csv', size: 0 })).toBe('empty');
    expect(textProblem('email\na@example.org\n')).toBeNull();
    expect(textProblem('PK\u0003\u0004\u0000\u0000')).toBe('not_csv');
    expect(textProblem(' \r\n\r\n')).toBe('empty');
  });
});

describe('reading a file', () => {
  it('reads UTF-8, without its byte-order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFFname\nMüller\n');
    expect(decodeCsv(bytes.buffer as ArrayBuffer)).toBe('name\nMüller\n');
  });

  it('reads Windows-1252, as older spreadsheet programs save it', () => {
    // "name\nMüller\n" with ü as the single byte 0xFC.
    const bytes = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]);
    expect(decodeCsv(bytes.buffer)).toBe('name\nMüller\n');
  });
});

describe('CSVs the desk makes', () => {
  it('quotes a cell only when it must', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Becker, Anna')).toBe('"Becker, Anna"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(toCsv([['a', 'b,c'], ['1', '']])).toBe('a,"b,c"\r\n1,\r\n');
  });

  it('lists the problems under a header in the window’s language', () => {
    const csv = problemsCsv(
      [
        { row: 3, column: 'E-Mail', message: 'Enter a valid email address.' },
        { row: 5, column: null, message: 'A row needs an email address or a name.' },
        { row: 7, column: 'Guthaben', message: '"12,345" is no amount; write it like 12.50.' },
      ],
      ['Zeile', 'Spalte', 'Problem'],
    );
    expect(csv.split('\r\n')).toEqual([
      'Zeile,Spalte,Problem',
      '3,E-Mail,Enter a valid email address.',
      '5,,A row needs an email address or a name.',
      '7,Guthaben,"""12,345"" is no amount; write it like 12.50."',
      '',
    ]);
  });

  it('offers a customer sample in the organizer’s name fields, with a card and opening credit', () => {
    const rows = splitCsv(sampleCsv('customers', ['given_name', 'family_name'])).map((line) => line.cells);
    expect(rows[0]).toEqual(['email', 'given_name', 'family_name', 'phone', 'locale', 'notes', 'card', 'credit']);
    expect(rows[1]).toEqual(['anna.becker@example.org', 'Anna', 'Becker', '+49 30 1234567', 'de', 'Season ticket', '04A23B7C', '12.50']);
    expect(rows).toHaveLength(3);
    expect(splitCsv(sampleCsv('customers', ['full_name']))[1].cells.slice(0, 2)).toEqual(['anna.becker@example.org', 'Anna Becker']);
  });

  it('names in its header only fields the server offers, so every column is recognised', () => {
    for (const kind of ['customers', 'memberships'] as const) {
      const header = splitCsv(sampleCsv(kind, ['salutation', 'given_name', 'family_name']))[0].cells;
      const keys = importFields(kind, ['salutation', 'given_name', 'family_name']).map((f) => f.key);
      expect(header.filter((column) => !keys.includes(column))).toEqual([]);
    }
  });

  it('offers a membership sample with every required column', () => {
    const [header, first] = splitCsv(sampleCsv('memberships', [])).map((line) => line.cells);
    expect(header).toEqual(['customer', 'membership_type', 'date_start', 'date_end', 'attendee_name', 'testmode']);
    expect(first).toEqual(['anna.becker@example.org', 'Annual pass', '2027-01-01', '2027-12-31', 'Anna Becker', 'no']);
  });
});
