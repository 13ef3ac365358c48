import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { makeCustomer, makeOrganizer } from '../../../testing/fake-backend';
import { person, renderDesk, rowNames, rows } from './helpers';

describe('creating a customer', () => {
  it('sends name_parts with the organizer scheme and opens the new customer', async () => {
    const { backend, user } = await renderDesk([person('Grace', 'Hopper')]);
    await user.click(screen.getByTestId('new-customer'));

    const form = screen.getByTestId('customer-form');
    const given = within(form).getByLabelText('Given name');
    expect(given).toHaveFocus();
    await user.type(given, ' Ada ');
    await user.type(within(form).getByLabelText('Family name'), 'Lovelace');
    await user.type(within(form).getByLabelText('Email'), 'ada@example.org');
    await user.selectOptions(within(form).getByLabelText('Language'), 'de');
    await user.type(within(form).getByLabelText('Notes'), 'Front row.');
    await user.click(within(form).getByRole('button', { name: 'Create customer' }));

    const detail = await screen.findByTestId('customer-detail');
    expect(within(detail).getByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
    expect(backend.callsTo('customersCreate')).toEqual([
      [
        'demo',
        {
          external_identifier: null,
          email: 'ada@example.org',
          phone: null,
          name_parts: { _scheme: 'given_family', given_name: 'Ada', family_name: 'Lovelace' },
          is_active: true,
          is_verified: true,
          locale: 'de',
          notes: 'Front row.',
        },
      ],
    ]);
    expect(screen.getByTestId('notice')).toHaveTextContent('Customer created.');
    await waitFor(() => expect(rowNames()).toEqual(['Ada Lovelace', 'Grace Hopper']));
  });

  it('sends an empty name_parts, without _scheme, when no name is given', async () => {
    const { backend, user } = await renderDesk([]);
    await user.click(screen.getByTestId('new-customer'));
    await user.type(screen.getByLabelText('Email'), 'anon@example.org');
    await user.keyboard('{Enter}');

    await screen.findByTestId('customer-detail');
    const [[, input]] = backend.callsTo('customersCreate') as [[string, { name_parts: object }]];
    expect(input.name_parts).toEqual({});
  });

  it('offers the name fields of the organizer scheme, with a salutation choice', async () => {
    const organizer = makeOrganizer({
      name_scheme: 'salutation_title_given_family_degree',
      name_fields: ['salutation', 'title', 'given_name', 'family_name', 'degree'],
    });
    const { backend, user } = await renderDesk([], [organizer]);
    await user.click(screen.getByTestId('new-customer'));
    const fields = within(screen.getByTestId('name-fields'));
    expect(fields.getAllByRole('textbox').map((i) => i.getAttribute('name'))).toEqual([
      'name_parts.title',
      'name_parts.given_name',
      'name_parts.family_name',
      'name_parts.degree',
    ]);
    const salutation = fields.getByLabelText('Salutation');
    expect(within(salutation).getAllByRole('option').map((o) => o.textContent)).toEqual(['—', 'Ms', 'Mr', 'Mx']);

    await user.selectOptions(salutation, 'Mx');
    await user.type(fields.getByLabelText('Family name'), 'Curie');
    await user.type(fields.getByLabelText('Degree (after name)'), 'PhD');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await screen.findByTestId('customer-detail');
    const [[, input]] = backend.callsTo('customersCreate') as [[string, { name_parts: object }]];
    expect(input.name_parts).toEqual({
      _scheme: 'salutation_title_given_family_degree',
      salutation: 'Mx',
      family_name: 'Curie',
      degree: 'PhD',
    });
  });

  it('shows a server field error under its input and keeps the form', async () => {
    const { backend, user } = await renderDesk([]);
    backend.failNext(
      'customersCreate',
      new AppError('validation', 'Invalid input.', { email: ['A customer with this email address already exists.'] }),
    );
    await user.click(screen.getByTestId('new-customer'));
    await user.type(screen.getByLabelText('Family name'), 'Lovelace');
    await user.type(screen.getByLabelText('Email'), 'taken@example.org');
    await user.keyboard('{Enter}');

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('A customer with this email address already exists.');
    expect(email).toHaveFocus();
    expect(screen.getByLabelText('Family name')).toHaveValue('Lovelace');
    expect(screen.getByLabelText('Family name')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByTestId('customer-detail')).not.toBeInTheDocument();
  });

  it('explains errors that are not about one field', async () => {
    const { backend, user } = await renderDesk([]);
    backend.failNext('customersCreate', new AppError('forbidden', 'You may not change customers.'));
    await user.click(screen.getByTestId('new-customer'));
    await user.type(screen.getByLabelText('Family name'), 'Lovelace');
    await user.keyboard('{Enter}');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not create the customer.');
    expect(alert).toHaveTextContent('You may not change customers.');
    expect(alert).toHaveTextContent(/Ask an administrator/);
  });
});

describe('editing a customer', () => {
  it('saves the changed fields and shows them in the detail and the list', async () => {
    const ada = person('Ada', 'Lovelace', { phone: '+44 20 7946 0000', notes: 'VIP' });
    const { backend, user } = await renderDesk([ada, person('Grace', 'Hopper')]);

    await user.click(rows()[0]);
    await user.click(await screen.findByTestId('edit-customer'));
    const form = screen.getByTestId('customer-form');
    expect(within(form).getByLabelText('Given name')).toHaveValue('Ada');
    expect(within(form).getByLabelText('Phone')).toHaveValue('+44 20 7946 0000');
    const family = within(form).getByLabelText('Family name');
    await user.clear(family);
    await user.type(family, 'King');
    await user.clear(within(form).getByLabelText('Phone'));
    await user.click(within(form).getByLabelText('Active'));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    const detail = await screen.findByTestId('customer-detail');
    expect(within(detail).getByTestId('customer-name')).toHaveTextContent('Ada King');
    expect(within(detail).getByTestId('customer-phone')).toHaveTextContent('—');
    expect(within(detail).getByTestId('badge-inactive')).toBeInTheDocument();
    expect(rowNames()[0]).toBe('Ada King');
    expect(backend.callsTo('customersUpdate')).toEqual([
      [
        'demo',
        ada.identifier,
        {
          external_identifier: null,
          email: 'ada.lovelace@example.org',
          phone: null,
          name_parts: { _scheme: 'given_family', given_name: 'Ada', family_name: 'King' },
          is_active: false,
          is_verified: true,
          locale: 'en',
          notes: 'VIP',
        },
      ],
    ]);
  });

  it('keeps the name scheme a customer was saved with', async () => {
    const fromApi = makeCustomer({
      name_parts: { _scheme: 'full', full_name: 'Ada Lovelace' },
      email: 'ada@example.org',
    });
    const { backend, user } = await renderDesk([fromApi]);
    await user.click(rows()[0]);
    await user.click(await screen.findByTestId('edit-customer'));

    expect(screen.getByText(/another name format/)).toBeInTheDocument();
    const fullName = screen.getByLabelText('Full name');
    expect(fullName).toHaveValue('Ada Lovelace');
    expect(screen.queryByLabelText('Given name')).not.toBeInTheDocument();
    await user.type(fullName, ' Byron');
    await user.keyboard('{Enter}');

    await screen.findByTestId('customer-detail');
    const [[, , input]] = backend.callsTo('customersUpdate') as [[string, string, { name_parts: object }]];
    expect(input.name_parts).toEqual({ _scheme: 'full', full_name: 'Ada Lovelace Byron' });
  });

  it('closes the form with Esc without saving', async () => {
    const { backend, user } = await renderDesk([person('Ada', 'Lovelace')]);
    await user.click(rows()[0]);
    await user.click(await screen.findByTestId('edit-customer'));
    await user.type(screen.getByLabelText('Family name'), 'X');
    await user.keyboard('{Escape}');

    expect(screen.queryByTestId('customer-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('customer-name')).toHaveTextContent('Ada Lovelace');
    expect(backend.callsTo('customersUpdate')).toHaveLength(0);
  });
});
