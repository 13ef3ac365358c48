import { describe, expect, it } from 'vitest';
import { AppError, type ImportPreview } from '../../../lib/backend/backend';
import { setLocale } from '../../../lib/i18n.svelte';
import { aboutTheStep } from '../api';
import {
  assignField,
  describeMappingProblem,
  fieldLabel,
  initialMapping,
  mappingFor,
  mappingProblems,
} from '../mapping';

function customersPreview(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    id: 'imp-1',
    kind: 'customers',
    columns: ['Mail', 'Vorname', 'Nachname', 'Karte', 'Guthaben'],
    rows: [['anna@example.org', 'Anna', 'Becker', '04A23B7C', '12.50']],
    total_rows: 1,
    fields: [
      { key: 'email', label: 'Email', required: false },
      { key: 'given_name', label: 'Given name', required: false },
      { key: 'family_name', label: 'Family name', required: false },
      { key: 'phone', label: 'Phone', required: false },
      { key: 'card', label: 'Card serial number', required: false },
      { key: 'credit', label: 'Opening credit balance', required: false },
    ],
    suggested: ['email', 'given_name', 'family_name', 'card', 'credit'],
    ...overrides,
  };
}

function membershipsPreview(): ImportPreview {
  return {
    id: 'imp-2',
    kind: 'memberships',
    columns: ['Kunde', 'Typ', 'Von', 'Bis'],
    rows: [],
    total_rows: 0,
    fields: [
      { key: 'customer', label: 'Customer (identifier, external identifier or email)', required: true },
      { key: 'membership_type', label: 'Membership type (id or name)', required: true },
      { key: 'date_start', label: 'Valid from', required: true },
      { key: 'date_end', label: 'Valid until', required: true },
      { key: 'attendee_name', label: 'Attendee name', required: false },
    ],
    suggested: ['customer', 'membership_type', 'date_start', null],
  };
}

describe('the starting mapping', () => {
  it('takes the server’s suggestion', () => {
    expect(initialMapping(customersPreview())).toEqual(['email', 'given_name', 'family_name', 'card', 'credit']);
  });

  it('ignores a field the preview does not offer, and a field suggested twice stays with its first column', () => {
    const preview = customersPreview({ suggested: ['email', 'company', 'email', null, 'credit'] });
    expect(initialMapping(preview)).toEqual(['email', null, null, null, 'credit']);
  });

  it('keeps the mapping staff made for a corrected file with the same columns', () => {
    const preview = customersPreview();
    const earlier = { kind: 'customers' as const, columns: preview.columns, mapping: ['email', null, 'family_name', null, null] };
    expect(mappingFor(preview, earlier)).toEqual(['email', null, 'family_name', null, null]);
  });

  it('starts from the suggestion again for a file with other columns or of another kind', () => {
    const preview = customersPreview();
    const otherColumns = { kind: 'customers' as const, columns: ['Mail', 'Name'], mapping: [null, null] };
    expect(mappingFor(preview, otherColumns)).toEqual(initialMapping(preview));
    const otherKind = { kind: 'memberships' as const, columns: preview.columns, mapping: [null, null, null, null, null] };
    expect(mappingFor(preview, otherKind)).toEqual(initialMapping(preview));
  });
});

describe('assigning a field', () => {
  it('sets the column’s field, or ignores the column', () => {
    expect(assignField(['email', null], 1, 'phone')).toEqual({ mapping: ['email', 'phone'], movedFrom: null });
    expect(assignField(['email', 'phone'], 1, null)).toEqual({ mapping: ['email', null], movedFrom: null });
  });

  it('moves a field another column had: a field comes from one column only', () => {
    expect(assignField(['email', null, 'phone'], 1, 'email')).toEqual({ mapping: [null, 'email', 'phone'], movedFrom: 0 });
  });

  it('does not change the mapping it was given', () => {
    const mapping = ['email', null];
    assignField(mapping, 1, 'email');
    expect(mapping).toEqual(['email', null]);
  });
});

describe('what keeps the rows from being checked', () => {
  it('nothing, for the suggested mapping of a good customer file', () => {
    const preview = customersPreview();
    expect(mappingProblems(preview, initialMapping(preview), true)).toEqual([]);
  });

  it('a required field without a column', () => {
    const preview = membershipsPreview();
    const problems = mappingProblems(preview, initialMapping(preview), true);
    expect(problems).toEqual([{ kind: 'required', field: preview.fields[3] }]);
    expect(describeMappingProblem(problems[0])).toBe('Assign a column to “End date”: it is required.');
    expect(mappingProblems(preview, ['customer', 'membership_type', 'date_start', 'date_end'], true)).toEqual([]);
  });

  it('a field from two columns (a mapping staff did not make here)', () => {
    const preview = customersPreview();
    const problems = mappingProblems(preview, ['email', 'email', 'family_name', null, null], true);
    expect(problems).toEqual([{ kind: 'duplicate', field: preview.fields[0] }]);
  });

  it('customers without a column for the email address or any part of the name', () => {
    const preview = customersPreview();
    expect(mappingProblems(preview, [null, null, null, 'card', null], true)).toEqual([{ kind: 'email_or_name' }]);
    expect(mappingProblems(preview, [null, null, 'family_name', 'card', null], true)).toEqual([]);
    expect(mappingProblems(preview, ['email', null, null, null, null], true)).toEqual([]);
  });

  it('a credit column for a user who may not book credit', () => {
    const preview = customersPreview();
    const problems = mappingProblems(preview, initialMapping(preview), false);
    expect(problems).toEqual([{ kind: 'credit_forbidden', column: 'Guthaben' }]);
    expect(describeMappingProblem(problems[0])).toMatch(/^Your account may not book credit, so column “Guthaben”/);
    expect(mappingProblems(preview, ['email', 'given_name', 'family_name', 'card', null], false)).toEqual([]);
  });
});

describe('field names', () => {
  it('are the desk’s own for the fields it knows, in the window’s language, else the server’s', () => {
    const preview = membershipsPreview();
    expect(fieldLabel(preview.fields[0])).toBe('Customer');
    expect(fieldLabel({ key: 'given_name', label: 'Given name', required: false })).toBe('Given name');
    expect(fieldLabel({ key: 'loyalty_tier', label: 'Loyalty tier', required: false })).toBe('Loyalty tier');
    setLocale('de');
    expect(fieldLabel(preview.fields[0])).toBe('Kunde');
    expect(fieldLabel({ key: 'given_name', label: 'Given name', required: false })).toBe('Vorname');
    expect(fieldLabel({ key: 'credit', label: 'Opening credit balance', required: false })).toBe('Anfangsguthaben');
    expect(fieldLabel({ key: 'loyalty_tier', label: 'Loyalty tier', required: false })).toBe('Loyalty tier');
    expect(describeMappingProblem({ kind: 'email_or_name' })).toMatch(/^Ordnen Sie der E-Mail-Adresse oder dem Namen/);
  });
});

describe('a refused file or mapping', () => {
  it('reads as the server’s messages about the whole step', () => {
    const refused = new AppError('validation', 'Please correct the marked fields.', {
      mapping: ['Choose a column for: Valid until.'],
    });
    const shown = aboutTheStep(refused);
    expect(shown.message).toBe('Choose a column for: Valid until.');
    expect(shown.fields).toEqual({ non_field_errors: ['Choose a column for: Valid until.'] });
  });

  it('leaves other errors as they are', () => {
    const forbidden = new AppError('forbidden', 'You do not have permission to perform this action.');
    expect(aboutTheStep(forbidden)).toBe(forbidden);
  });
});
