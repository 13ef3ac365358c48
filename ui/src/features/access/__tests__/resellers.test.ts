import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { makeReseller } from '../../../testing/fake-access';
import { DEFAULT_USER, makeOrganizer } from '../../../testing/fake-backend';
import { IDA, openAccess, rowNamed } from './helpers';

const ORGANIZERS = [makeOrganizer(), makeOrganizer({ slug: 'club', name: 'Jazz Club' })];

function resellerRows(root: HTMLElement): HTMLElement[] {
  return within(root).queryAllByTestId('reseller-row');
}

describe('reseller accounts', () => {
  it('lets an administrator create an account, add a member by email and link an organizer', async () => {
    const { backend, root, user } = await openAccess('resellers', { organizers: ORGANIZERS });
    expect(await within(root).findByTestId('no-resellers')).toHaveTextContent('No reseller accounts yet.');

    // N opens the form; its first field has the focus.
    await user.keyboard('n');
    const form = screen.getByTestId('reseller-form');
    expect(within(form).getByTestId('reseller-name')).toHaveFocus();
    await user.keyboard('Venue Partners');
    await user.type(within(form).getByTestId('reseller-public-name'), 'Venue Partners Ltd.');
    await user.type(within(form).getByTestId('reseller-support-email'), 'help@partners.example');
    await user.selectOptions(within(form).getByTestId('reseller-language'), 'de');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));

    const detail = await screen.findByTestId('reseller-detail');
    expect(within(detail).getByTestId('reseller-title')).toHaveTextContent('Venue Partners');
    expect(backend.callsTo('resellersCreate')).toEqual([
      [
        {
          name: 'Venue Partners',
          public_name: 'Venue Partners Ltd.',
          public_url: '',
          support_email: 'help@partners.example',
          support_phone: '',
          communication_language: 'de',
        },
      ],
    ]);
    expect(screen.getByTestId('resellers-notice')).toHaveTextContent('Reseller account “Venue Partners” created.');
    const row = rowNamed(resellerRows(root), 'reseller-row-name', 'Venue Partners');
    expect(row).toHaveClass('open');
    // The creator is its first member.
    expect(within(detail).getAllByTestId('reseller-member').map((m) => m.textContent)).toEqual([DEFAULT_USER.email]);
    expect(within(detail).getByTestId('reseller-no-organizers')).toBeInTheDocument();
    const id = backend.access.resellers[0].account.id;

    // A member by email: an unknown address is refused under the field.
    const memberForm = within(detail).getByTestId('reseller-member-form');
    await user.type(within(memberForm).getByTestId('reseller-member-email'), 'nobody@example.org');
    await user.click(within(memberForm).getByRole('button', { name: 'Add member' }));
    expect(await within(memberForm).findByTestId('field-error')).toHaveTextContent('No staff user has this email address.');
    expect(within(memberForm).getByTestId('reseller-member-email')).toHaveFocus();
    await user.clear(within(memberForm).getByTestId('reseller-member-email'));
    await user.type(within(memberForm).getByTestId('reseller-member-email'), ` ${IDA.email} `);
    await user.click(within(memberForm).getByRole('button', { name: 'Add member' }));
    await waitFor(() =>
      expect(within(screen.getByTestId('reseller-detail')).getAllByTestId('reseller-member').map((m) => m.textContent)).toEqual([
        DEFAULT_USER.email,
        IDA.email,
      ]),
    );
    expect(within(screen.getByTestId('reseller-detail')).getByTestId('reseller-notice')).toHaveTextContent(
      `${IDA.email} is a member now.`,
    );
    expect(within(screen.getByTestId('reseller-member-form')).getByTestId('reseller-member-email')).toHaveValue('');

    // An organizer from the session, by slug.
    const linkForm = screen.getByTestId('reseller-link-form');
    const select = within(linkForm).getByTestId('reseller-link-organizer');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Demo Venue (demo)', 'Jazz Club (club)']);
    await user.selectOptions(select, 'club');
    await user.click(within(linkForm).getByRole('button', { name: 'Link organizer' }));
    await waitFor(() =>
      expect(within(screen.getByTestId('reseller-detail')).getAllByTestId('reseller-organizer')).toHaveLength(1),
    );
    const linked = within(screen.getByTestId('reseller-detail')).getByTestId('reseller-organizer');
    expect(linked).toHaveAttribute('data-slug', 'club');
    expect(linked).toHaveTextContent('Jazz Club');
    // Only what is not in the account yet is offered.
    expect(
      within(within(screen.getByTestId('reseller-link-form')).getByTestId('reseller-link-organizer'))
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['demo']);

    expect(backend.callsTo('resellersAddMember')).toEqual([
      [id, 'nobody@example.org'],
      [id, IDA.email],
    ]);
    expect(backend.callsTo('resellersLinkOrganizer')).toEqual([[id, 'club']]);
    const updated = rowNamed(resellerRows(root), 'reseller-row-name', 'Venue Partners');
    expect(within(updated).getByTestId('reseller-row-organizer-count')).toHaveTextContent('1');
    expect(within(updated).getByTestId('reseller-row-member-count')).toHaveTextContent('2');
    expect(within(updated).getByTestId('reseller-row-organizers')).toHaveTextContent('Jazz Club');

    // Esc closes the account.
    await user.click(document.body);
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('reseller-detail')).not.toBeInTheDocument();
  });

  it('shows a non-administrator their own accounts, read-only, without a way to create one', async () => {
    const theirs = makeReseller({ name: 'City Tickets' }, { organizers: ['demo'], members: [IDA.email] });
    const other = makeReseller({ name: 'Someone else’s' }, { members: ['admin@example.org'] });
    const { backend, root, user } = await openAccess('resellers', { as: IDA, access: { resellers: [theirs, other] } });

    await waitFor(() => expect(resellerRows(root)).toHaveLength(1));
    expect(screen.queryByTestId('new-reseller')).not.toBeInTheDocument();
    await user.keyboard('n');
    expect(screen.queryByTestId('reseller-form')).not.toBeInTheDocument();

    await user.click(within(resellerRows(root)[0]).getByTestId('open-reseller'));
    const detail = await screen.findByTestId('reseller-detail');
    expect(within(detail).getByTestId('reseller-title')).toHaveTextContent('City Tickets');
    expect(within(detail).getByTestId('reseller-organizer')).toHaveTextContent('Demo Venue');
    expect(within(detail).getByTestId('reseller-member')).toHaveTextContent(IDA.email);
    expect(within(detail).getByTestId('reseller-read-only')).toBeInTheDocument();
    expect(within(detail).queryByTestId('reseller-member-form')).not.toBeInTheDocument();
    expect(within(detail).queryByTestId('reseller-link-form')).not.toBeInTheDocument();
    expect(backend.callsTo('resellersList')).toHaveLength(1);
  });

  it('tells a non-administrator without accounts how to get one', async () => {
    await openAccess('resellers', { as: IDA });
    // Ida works in German: the window speaks her language.
    expect(await screen.findByTestId('no-resellers')).toHaveTextContent('Sie gehören keinem Wiederverkäufer-Konto an.');
  });

  it('shows what is missing and why the backend refused, and keeps the form', async () => {
    const { backend, user } = await openAccess('resellers');
    await user.click(await screen.findByTestId('new-reseller'));
    const form = screen.getByTestId('reseller-form');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(within(form).getByTestId('field-error')).toHaveTextContent('Enter a name for the account.');
    expect(backend.callsTo('resellersCreate')).toHaveLength(0);

    await user.type(within(form).getByTestId('reseller-name'), 'Venue Partners');
    backend.failNext('resellersCreate', new AppError('forbidden', 'You do not have permission to perform this action.'));
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    const alert = await within(form).findByTestId('reseller-form-error');
    expect(alert).toHaveTextContent('The account was not created.');
    expect(alert).toHaveTextContent('You do not have permission to perform this action.');
    expect(within(form).getByTestId('reseller-name')).toHaveValue('Venue Partners');

    // Esc cancels the form.
    await user.click(within(form).getByTestId('reseller-name'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('reseller-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('new-reseller')).toHaveFocus();
  });

  it('offers nothing to link once every organizer of the session is in the account', async () => {
    const full = makeReseller({ name: 'Everything' }, { organizers: ['demo'], members: [DEFAULT_USER.email] });
    const { root, user } = await openAccess('resellers', { access: { resellers: [full] } });
    await waitFor(() => expect(resellerRows(root)).toHaveLength(1));
    await user.click(within(resellerRows(root)[0]).getByTestId('open-reseller'));
    const detail = await screen.findByTestId('reseller-detail');
    expect(within(detail).getByTestId('reseller-nothing-to-link')).toBeInTheDocument();
    expect(within(detail).queryByTestId('reseller-link-form')).not.toBeInTheDocument();
    expect(within(detail).getByTestId('reseller-member-form')).toBeInTheDocument();
  });
});
