import { describe, expect, it } from 'vitest';
import { makeCustomer, makeOrganizer } from '../../../testing/fake-backend';
import { customerInput, formValues } from '../customer-form';

const organizer = makeOrganizer({ name_scheme: 'given_family', name_fields: ['given_name', 'family_name'] });

describe('customer form values', () => {
  it('start empty for a new customer, active and verified, in the default language', () => {
    const values = formValues(null, organizer, 'de');
    expect(values).toMatchObject({
      nameScheme: 'given_family',
      nameFields: ['given_name', 'family_name'],
      name: { given_name: '', family_name: '' },
      locale: 'de',
      isActive: true,
      isVerified: true,
    });
    expect(customerInput(values)).toEqual({
      external_identifier: null,
      email: null,
      phone: null,
      name_parts: {},
      is_active: true,
      is_verified: true,
      locale: 'de',
      notes: null,
    });
  });

  it('trim text, turn blank fields into null, and add _scheme to a filled-in name', () => {
    const values = formValues(null, organizer, 'en');
    values.name.family_name = '  Hopper ';
    values.email = ' grace@example.org ';
    values.phone = '   ';
    values.notes = '\n  ';
    const input = customerInput(values);
    expect(input.name_parts).toEqual({ _scheme: 'given_family', family_name: 'Hopper' });
    expect(input.email).toBe('grace@example.org');
    expect(input.phone).toBeNull();
    expect(input.notes).toBeNull();
  });

  it('keep line breaks inside notes', () => {
    const values = formValues(null, organizer, 'en');
    values.notes = 'Line one\nLine two';
    expect(customerInput(values).notes).toBe('Line one\nLine two');
  });

  it('round-trip a stored customer unchanged', () => {
    const customer = makeCustomer({
      name_parts: { _scheme: 'given_family', given_name: 'Ada', family_name: 'Lovelace' },
      email: 'ada@example.org',
      phone: '+44 20 7946 0000',
      external_identifier: 'CRM-1',
      notes: 'VIP',
      is_active: false,
      is_verified: false,
      locale: 'de-informal',
    });
    expect(customerInput(formValues(customer, organizer, 'en'))).toEqual({
      external_identifier: 'CRM-1',
      email: 'ada@example.org',
      phone: '+44 20 7946 0000',
      name_parts: { _scheme: 'given_family', given_name: 'Ada', family_name: 'Lovelace' },
      is_active: false,
      is_verified: false,
      locale: 'de-informal',
      notes: 'VIP',
    });
  });

  it('edit a name in the scheme it was saved with', () => {
    const customer = makeCustomer({ name_parts: { _scheme: 'calling_full', calling_name: 'Al', full_name: 'Alan Turing' } });
    const values = formValues(customer, organizer, 'en');
    expect(values.nameScheme).toBe('calling_full');
    expect(values.nameFields).toEqual(['calling_name', 'full_name']);
    expect(customerInput(values).name_parts).toEqual({
      _scheme: 'calling_full',
      calling_name: 'Al',
      full_name: 'Alan Turing',
    });
  });

  it('fall back to the organizer scheme for a scheme it does not know, keeping unknown parts', () => {
    const customer = makeCustomer({ name_parts: { _scheme: 'martian', glorp: 'Zzx', given_name: 'Zed' } });
    const values = formValues(customer, organizer, 'en');
    expect(values.nameFields).toEqual(['given_name', 'family_name']);
    expect(customerInput(values).name_parts).toEqual({ _scheme: 'given_family', given_name: 'Zed', glorp: 'Zzx' });
  });

  it('offer a legacy name in the main field and drop _legacy on save', () => {
    const customer = makeCustomer({ name_parts: { _legacy: 'Old Name' } });
    const full = formValues(customer, { ...organizer, name_scheme: 'full', name_fields: ['full_name'] }, 'en');
    expect(full.name.full_name).toBe('Old Name');
    expect(customerInput(full).name_parts).toEqual({ _scheme: 'full', full_name: 'Old Name' });

    const split = formValues(customer, organizer, 'en');
    expect(split.name.given_name).toBe('Old Name');
  });

  it('clear the name to {} when every part is emptied', () => {
    const customer = makeCustomer({ name_parts: { _scheme: 'given_family', given_name: 'Ada' } });
    const values = formValues(customer, organizer, 'en');
    values.name.given_name = '';
    expect(customerInput(values).name_parts).toEqual({});
  });
});
