import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError, type MembershipType } from '../../../lib/backend/backend';
import { makeMembership } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';
import { ada, fakeBackend, tenVisits } from './helpers';

async function openTypes(types: MembershipType[], memberships = [] as ReturnType<typeof makeMembership>[]) {
  const customer = ada();
  const rendered = renderApp(fakeBackend({ customers: [customer], types, memberships }));
  await rendered.user.click(await screen.findByRole('button', { name: 'Membership types' }));
  const screenEl = await screen.findByTestId('membership-types');
  await waitFor(() => expect(screen.queryAllByTestId('membership-type-row')).toHaveLength(types.length));
  return { ...rendered, screenEl, customer };
}

function typeRows(): HTMLElement[] {
  return screen.queryAllByTestId('membership-type-row');
}

describe('membership types', () => {
  it('is reachable from the header, next to Customers', async () => {
    await openTypes([]);
    expect(screen.getByRole('button', { name: 'Membership types' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('button', { name: 'Customers' })).not.toHaveAttribute('aria-current');
    expect(screen.getByTestId('no-membership-types')).toBeInTheDocument();
    await waitFor(() => expect(document.title).toMatch(/^Membership types/));
  });

  it('creates a type with English and German names and a limit', async () => {
    const { backend, user } = await openTypes([]);
    await user.keyboard('n');
    const form = screen.getByTestId('membership-type-form');
    expect(within(form).getByLabelText('Name (English)')).toHaveFocus();
    await user.keyboard('Ten visits');
    await user.type(within(form).getByLabelText('Name (German)'), 'Zehnerkarte');
    await user.type(within(form).getByLabelText('Maximum usages'), '10');
    await user.click(within(form).getByLabelText('Parallel usage allowed'));
    await user.click(within(form).getByLabelText('Maximum usages'));
    await user.keyboard('{Enter}');

    await waitFor(() => expect(typeRows()).toHaveLength(1));
    expect(typeRows()[0]).toHaveTextContent('Ten visits');
    expect(typeRows()[0]).toHaveTextContent('Zehnerkarte');
    expect(within(typeRows()[0]).getByTestId('membership-type-max')).toHaveTextContent('10');
    expect(screen.queryByTestId('membership-type-form')).not.toBeInTheDocument();
    expect(backend.callsTo('membershipTypesCreate')).toEqual([
      [
        'demo',
        {
          name: { en: 'Ten visits', de: 'Zehnerkarte' },
          transferable: false,
          allow_parallel_usage: true,
          max_usages: 10,
        },
      ],
    ]);
  });

  it('asks for a name and a whole number before saving', async () => {
    const { backend, user } = await openTypes([]);
    await user.click(screen.getByTestId('new-membership-type'));
    await user.type(screen.getByLabelText('Maximum usages'), 'ten{Enter}');
    expect(screen.getByLabelText('Name (English)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Maximum usages')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Name (English)')).toHaveFocus();
    expect(backend.callsTo('membershipTypesCreate')).toHaveLength(0);
  });

  it('edits a type: empty max usages means unlimited', async () => {
    const type = tenVisits();
    const { backend, user } = await openTypes([type]);
    await user.click(within(typeRows()[0]).getByRole('button', { name: 'Edit' }));
    const form = screen.getByTestId('membership-type-form');
    expect(within(form).getByLabelText('Name (German)')).toHaveValue('Zehnerkarte');
    expect(within(form).getByLabelText('Maximum usages')).toHaveValue('10');
    await user.clear(within(form).getByLabelText('Name (English)'));
    await user.type(within(form).getByLabelText('Name (English)'), 'Season pass');
    await user.clear(within(form).getByLabelText('Maximum usages'));
    await user.keyboard('{Enter}');

    await waitFor(() => expect(typeRows()[0]).toHaveTextContent('Season pass'));
    expect(within(typeRows()[0]).getByTestId('membership-type-max')).toHaveTextContent('Unlimited');
    expect(backend.callsTo('membershipTypesUpdate')).toEqual([
      [
        'demo',
        type.id,
        { name: { en: 'Season pass', de: 'Zehnerkarte' }, transferable: false, allow_parallel_usage: false, max_usages: null },
      ],
    ]);
  });

  it('closes the form with Esc without saving', async () => {
    const { backend, user } = await openTypes([tenVisits()]);
    await user.click(within(typeRows()[0]).getByRole('button', { name: 'Edit' }));
    await user.type(screen.getByLabelText('Name (English)'), 'x');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('membership-type-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('new-membership-type')).toHaveFocus();
    expect(backend.callsTo('membershipTypesUpdate')).toHaveLength(0);
  });

  it('deletes an unused type after confirmation; Esc cancels', async () => {
    const type = tenVisits();
    const { backend, user } = await openTypes([type, tenVisits({ name: { en: 'Annual pass' } })]);
    await user.click(within(typeRows()[0]).getByTestId('delete-membership-type'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByTestId('delete-type-name')).toHaveTextContent('Ten visits');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsTo('membershipTypesDelete')).toHaveLength(0);

    await user.click(within(typeRows()[0]).getByTestId('delete-membership-type'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(typeRows()).toHaveLength(1));
    expect(typeRows()[0]).toHaveTextContent('Annual pass');
    expect(screen.getByTestId('notice')).toHaveTextContent('deleted');
    expect(backend.callsTo('membershipTypesDelete')).toEqual([['demo', type.id]]);
  });

  it('explains that a type in use cannot be deleted, and keeps it', async () => {
    const type = tenVisits();
    const customer = ada();
    const { user } = await openTypes([type], [makeMembership({ customer: customer.identifier, membership_type: type.id })]);
    await user.click(within(typeRows()[0]).getByTestId('delete-membership-type'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));

    const error = await screen.findByTestId('delete-type-error');
    expect(error).toHaveTextContent('The membership type was not deleted.');
    expect(error).toHaveTextContent('Can only be deleted if unused.');
    expect(error).not.toHaveTextContent('administrator');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    expect(typeRows()).toHaveLength(1);
  });

  it('shows a server field error under its input', async () => {
    const { backend, user } = await openTypes([]);
    backend.failNext('membershipTypesCreate', new AppError('validation', 'Invalid.', { max_usages: ['Too many.'] }));
    await user.click(screen.getByTestId('new-membership-type'));
    await user.type(screen.getByLabelText('Name (English)'), 'Pass');
    await user.type(screen.getByLabelText('Maximum usages'), '99999{Enter}');
    const max = screen.getByLabelText('Maximum usages');
    await waitFor(() => expect(max).toHaveAttribute('aria-invalid', 'true'));
    expect(max).toHaveAccessibleDescription(/Too many\./);
    expect(max).toHaveFocus();
  });
});
