import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { makeMembership } from '../../../testing/fake-backend';
import { ada, membershipRows, openFirstCustomer, tenVisits } from './helpers';

describe('selling a membership', () => {
  it('sells a membership with the customer as attendee for a year from today, and lists it as valid', async () => {
    const customer = ada();
    const type = tenVisits({ max_usages: 2 });
    const { backend, user, section } = await openFirstCustomer({ customers: [customer], types: [type] });
    expect(within(section).getByTestId('no-memberships')).toBeInTheDocument();

    await user.click(within(section).getByTestId('sell-membership'));
    const form = screen.getByTestId('membership-form');
    expect(within(form).getByLabelText('Membership type')).toHaveFocus();
    expect(within(form).getByLabelText('Attendee given name')).toHaveValue('Ada');
    expect(within(form).getByLabelText('Attendee family name')).toHaveValue('Lovelace');
    const start = within(form).getByLabelText('Valid from') as HTMLInputElement;
    const end = within(form).getByLabelText('Valid until') as HTMLInputElement;
    expect(start.value).toMatch(/T00:00$/);
    expect(Number(end.value.slice(0, 4))).toBe(Number(start.value.slice(0, 4)) + 1);
    await user.click(within(form).getByLabelText('Attendee given name'));
    await user.keyboard('{Enter}');

    await waitFor(() => expect(membershipRows()).toHaveLength(1));
    const row = membershipRows()[0];
    expect(row).toHaveTextContent('Ten visits');
    expect(within(row).getByTestId('membership-standing')).toHaveTextContent('Valid');
    expect(within(row).getByTestId('uses-left')).toHaveTextContent('Uses left: 2');
    expect(within(row).getByTestId('membership-attendee')).toHaveTextContent('Ada Lovelace');
    expect(screen.queryByTestId('membership-form')).not.toBeInTheDocument();

    const [[organizer, identifier, input]] = backend.callsTo('membershipsSell') as [[string, string, Record<string, unknown>]];
    expect(organizer).toBe('demo');
    expect(identifier).toBe(customer.identifier);
    expect(input).toEqual({
      membership_type: type.id,
      date_start: new Date(start.value).toISOString().replace('.000Z', 'Z'),
      date_end: new Date(end.value).toISOString().replace('.000Z', 'Z'),
      attendee_name_parts: { _scheme: 'given_family', given_name: 'Ada', family_name: 'Lovelace' },
      testmode: false,
    });
    expect(input.date_start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('sends no attendee name, and no _scheme, when the name fields are cleared', async () => {
    const { backend, user, section } = await openFirstCustomer({ customers: [ada()], types: [tenVisits()] });
    await user.click(within(section).getByTestId('sell-membership'));
    await user.clear(screen.getByLabelText('Attendee given name'));
    await user.clear(screen.getByLabelText('Attendee family name'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(membershipRows()).toHaveLength(1));
    const [[, , input]] = backend.callsTo('membershipsSell') as [[string, string, { attendee_name_parts: object }]];
    expect(input.attendee_name_parts).toEqual({});
  });

  it('refuses an end before the start without asking the backend', async () => {
    const { backend, user, section } = await openFirstCustomer({ customers: [ada()], types: [tenVisits()] });
    await user.click(within(section).getByTestId('sell-membership'));
    await fireEvent.input(screen.getByLabelText('Valid until'), { target: { value: '2000-01-01T00:00' } });
    await user.click(screen.getByRole('button', { name: 'Sell membership' }));
    const end = screen.getByLabelText('Valid until');
    await waitFor(() => expect(end).toHaveAttribute('aria-invalid', 'true'));
    expect(end).toHaveAccessibleDescription('The end must not be before the start.');
    expect(backend.callsTo('membershipsSell')).toHaveLength(0);
  });

  it('closes the form with Esc and keeps the customer open', async () => {
    const { backend, user, section } = await openFirstCustomer({ customers: [ada()], types: [tenVisits()] });
    await user.click(within(section).getByTestId('sell-membership'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('membership-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('customer-detail')).toBeInTheDocument();
    expect(within(section).getByTestId('sell-membership')).toHaveFocus();
    expect(backend.callsTo('membershipsSell')).toHaveLength(0);
  });

  it('changes the dates of a membership', async () => {
    const customer = ada();
    const type = tenVisits();
    const membership = makeMembership({
      customer: customer.identifier,
      membership_type: type.id,
      date_start: '2020-01-01T00:00:00Z',
      date_end: '2020-12-31T23:00:00Z',
    });
    const { backend, user } = await openFirstCustomer({ customers: [customer], types: [type], memberships: [membership] });
    await waitFor(() => expect(membershipRows()).toHaveLength(1));
    expect(within(membershipRows()[0]).getByTestId('membership-standing')).toHaveTextContent('Expired');

    await user.click(within(membershipRows()[0]).getByRole('button', { name: 'Edit dates' }));
    const form = screen.getByTestId('membership-form');
    await fireEvent.input(within(form).getByLabelText('Valid until'), { target: { value: '2099-12-31T23:00' } });
    await user.click(within(form).getByRole('button', { name: 'Save membership' }));

    await waitFor(() =>
      expect(within(membershipRows()[0]).getByTestId('membership-standing')).toHaveTextContent('Valid'),
    );
    const [[, id, input]] = backend.callsTo('membershipsUpdate') as [[string, number, { date_end: string }]];
    expect(id).toBe(membership.id);
    expect(input.date_end).toBe(new Date('2099-12-31T23:00').toISOString().replace('.000Z', 'Z'));
  });
});

describe('recording uses', () => {
  async function withValidMembership(max: number | null) {
    const customer = ada();
    const type = tenVisits({ max_usages: max });
    const membership = makeMembership({
      customer: customer.identifier,
      membership_type: type.id,
      date_start: '2000-01-01T00:00:00Z',
      date_end: '2099-12-31T23:59:59Z',
    });
    const rendered = await openFirstCustomer({ customers: [customer], types: [type], memberships: [membership] });
    await waitFor(() => expect(membershipRows()).toHaveLength(1));
    return { ...rendered, membership };
  }

  it('records a use with a reference, and uses left drop', async () => {
    const { backend, user, membership } = await withValidMembership(2);
    const row = () => membershipRows()[0];
    expect(within(row()).getByTestId('uses-left')).toHaveTextContent('Uses left: 2');

    await user.type(within(row()).getByLabelText('Reference'), 'Gate A{Enter}');
    await waitFor(() => expect(within(row()).getByTestId('uses-left')).toHaveTextContent('Uses left: 1'));
    expect(within(row()).getAllByTestId('use-row')).toHaveLength(1);
    expect(within(row()).getByTestId('use-row')).toHaveTextContent('Gate A');
    expect(within(row()).getByLabelText('Reference')).toHaveValue('');
    expect(backend.callsTo('membershipsRecordUse')).toEqual([['demo', membership.id, { reference: 'Gate A' }]]);
  });

  it('shows unlimited when the type has no limit', async () => {
    const { user } = await withValidMembership(null);
    const row = () => membershipRows()[0];
    expect(within(row()).getByTestId('uses-left')).toHaveTextContent('Unlimited');
    await user.click(within(row()).getByTestId('record-use'));
    await waitFor(() => expect(within(row()).getAllByTestId('use-row')).toHaveLength(1));
    expect(within(row()).getByTestId('uses-left')).toHaveTextContent('Unlimited');
  });

  it('shows why a use is refused once the membership is used up', async () => {
    const { user } = await withValidMembership(1);
    const row = () => membershipRows()[0];
    await user.click(within(row()).getByTestId('record-use'));
    await waitFor(() => expect(within(row()).getByTestId('membership-standing')).toHaveTextContent('Used up'));
    expect(within(row()).getByTestId('uses-left')).toHaveTextContent('Uses left: 0');

    await user.click(within(row()).getByTestId('record-use'));
    const error = await within(row()).findByTestId('membership-error');
    expect(error).toHaveTextContent('This membership has been used as often as its type allows.');
    expect(error).toHaveAttribute('role', 'alert');
    expect(within(row()).getAllByTestId('use-row')).toHaveLength(1);
  });

  it('refuses a use of an expired membership with the reason', async () => {
    const customer = ada();
    const type = tenVisits();
    const membership = makeMembership({
      customer: customer.identifier,
      membership_type: type.id,
      date_start: '2020-01-01T00:00:00Z',
      date_end: '2020-12-31T23:59:59Z',
    });
    const { user } = await openFirstCustomer({ customers: [customer], types: [type], memberships: [membership] });
    await waitFor(() => expect(membershipRows()).toHaveLength(1));
    await user.click(within(membershipRows()[0]).getByTestId('record-use'));
    const error = await screen.findByTestId('membership-error');
    expect(error).toHaveTextContent('This membership has expired.');
    expect(screen.queryByTestId('use-row')).not.toBeInTheDocument();
  });

  it('voids a use, which gives the use back', async () => {
    const { backend, user, membership } = await withValidMembership(1);
    const row = () => membershipRows()[0];
    await user.click(within(row()).getByTestId('record-use'));
    await waitFor(() => expect(within(row()).getByTestId('uses-left')).toHaveTextContent('Uses left: 0'));

    await user.click(within(row()).getByTestId('void-use'));
    await waitFor(() => expect(within(row()).getByTestId('uses-left')).toHaveTextContent('Uses left: 1'));
    expect(within(row()).getByTestId('membership-standing')).toHaveTextContent('Valid');
    expect(within(row()).getByTestId('use-row')).toHaveTextContent('Voided');
    expect(within(row()).queryByTestId('void-use')).not.toBeInTheDocument();
    const [[, id, useId]] = backend.callsTo('membershipsVoidUse') as [[string, number, number]];
    expect(id).toBe(membership.id);
    expect(useId).toBe(backend.uses[0].id);
  });
});
