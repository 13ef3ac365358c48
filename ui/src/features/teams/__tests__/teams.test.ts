import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, type FakeTeam, type FakeUser, makeTeam } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';

const IDA: FakeUser = { id: 2, email: 'ida@example.org', password: 'ida-password', fullname: 'Ida Krüger', locale: 'de' };

function administrators(): FakeTeam {
  return makeTeam({
    name: 'Administrators',
    all_events: true,
    all_organizer_permissions: true,
    all_event_permissions: true,
    member_ids: [DEFAULT_USER.id],
  });
}

function boxOffice(overrides: Partial<FakeTeam> = {}): FakeTeam {
  return makeTeam({
    name: 'Box office',
    organizer_permissions: ['organizer.customers:read'],
    member_ids: [IDA.id],
    ...overrides,
  });
}

async function openTeams(teams: FakeTeam[] = [administrators(), boxOffice()]) {
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    users: [{ ...DEFAULT_USER }, { ...IDA }],
    teams: { demo: teams },
  });
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole('button', { name: 'Teams' }));
  await screen.findByTestId('teams');
  await waitFor(() => expect(teamRows()).toHaveLength(teams.length));
  return { ...rendered, backend };
}

function teamRows(): HTMLElement[] {
  return screen.queryAllByTestId('team-row');
}

function teamRow(name: string): HTMLElement {
  const row = teamRows().find((r) => within(r).getByTestId('team-row-name').textContent === name);
  if (!row) throw new Error(`no team row named ${name}`);
  return row;
}

async function openTeam(user: ReturnType<typeof renderApp>['user'], name: string): Promise<HTMLElement> {
  await user.click(within(teamRow(name)).getByTestId('open-team'));
  const detail = await screen.findByTestId('team-detail');
  await waitFor(() => expect(within(detail).getByTestId('team-title')).toHaveTextContent(name));
  return detail;
}

function perm(name: string): HTMLInputElement {
  return screen.getByTestId(`perm-${name.replace(/[^A-Za-z0-9]+/g, '-')}`);
}

describe('teams', () => {
  it('lists teams with their member and active token counts, and opens one', async () => {
    const team = boxOffice({
      tokens: [
        { token_id: 1, name: 'Shop', active: true, secret: 's1' },
        { token_id: 2, name: 'Old', active: false, secret: 's2' },
      ],
    });
    const { user } = await openTeams([administrators(), team]);
    expect(screen.getByRole('button', { name: 'Teams' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(document.title).toMatch(/^Teams/));
    expect(within(teamRow('Box office')).getByTestId('team-members')).toHaveTextContent('1');
    expect(within(teamRow('Box office')).getByTestId('team-tokens')).toHaveTextContent('1');
    expect(teamRow('Box office')).toHaveTextContent('View customers');
    expect(teamRow('Administrators')).toHaveTextContent('All organizer permissions');

    const detail = await openTeam(user, 'Box office');
    expect(within(detail).getByTestId('team-name')).toHaveValue('Box office');
    expect(within(detail).getByTestId('all-organizer-permissions')).not.toBeChecked();
    expect(perm('organizer.customers:read')).toBeChecked();
    expect(perm('organizer.customers:write')).not.toBeChecked();
    // The raw permission name stays visible beside its label.
    expect(screen.getByLabelText('View customers')).toHaveAccessibleDescription('organizer.customers:read');
    expect(within(detail).getAllByTestId('member-row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('Ida Krüger'),
    ]);
    expect(within(detail).getAllByTestId('token-row').map((r) => within(r).getByTestId('token-state').textContent)).toEqual(
      ['Deactivated', 'Active'],
    );
    expect(teamRow('Box office')).toHaveClass('open');

    const admins = await openTeam(user, 'Administrators');
    expect(within(admins).getByTestId('all-organizer-permissions')).toBeChecked();
    expect(screen.queryByTestId('perm-organizer-customers-read')).not.toBeInTheDocument();
  });

  it('creates a team from the keyboard; ticking "change" ticks "view", unticking "view" unticks "change"', async () => {
    const { backend, user } = await openTeams([administrators()]);
    await user.keyboard('n');
    const form = screen.getByTestId('team-form');
    expect(within(form).getByTestId('team-name')).toHaveFocus();
    await user.keyboard('Box office');

    await user.click(perm('organizer.customers:write'));
    expect(perm('organizer.customers:read')).toBeChecked();
    await user.click(perm('organizer.customers:read'));
    expect(perm('organizer.customers:write')).not.toBeChecked();
    await user.click(perm('organizer.customers:read'));
    await user.click(perm('event.orders:write'));
    expect(perm('event.orders:read')).toBeChecked();
    await user.click(perm('event.orders:checkin'));
    expect(perm('event.orders:write')).not.toBeChecked();
    await user.click(within(form).getByTestId('team-save'));

    await waitFor(() => expect(teamRows()).toHaveLength(2));
    expect(backend.callsTo('teamsAdd')).toEqual([
      [
        'demo',
        {
          name: 'Box office',
          all_events: false,
          all_organizer_permissions: false,
          organizer_permissions: ['organizer.customers:read'],
          all_event_permissions: false,
          event_permissions: ['event.orders:read', 'event.orders:checkin'],
        },
      ],
    ]);
    expect(screen.getByTestId('notice')).toHaveTextContent('Team “Box office” created.');
    const detail = await screen.findByTestId('team-detail');
    expect(within(detail).getByTestId('team-title')).toHaveTextContent('Box office');
    expect(within(detail).getByTestId('no-members')).toBeInTheDocument();
    expect(within(teamRow('Box office')).getByTestId('team-members')).toHaveTextContent('0');
  });

  it('asks for a name, and shows the field and combination errors the backend sends', async () => {
    const { backend, user } = await openTeams([administrators()]);
    await user.click(screen.getByTestId('new-team'));
    await user.click(screen.getByTestId('team-save'));
    expect(screen.getByTestId('team-name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('team-name')).toHaveAccessibleDescription('Enter a name for the team.');
    expect(backend.callsTo('teamsAdd')).toHaveLength(0);

    backend.failNext(
      'teamsAdd',
      new AppError('validation', 'Please correct the marked fields.', {
        name: ['Ensure this field has no more than 190 characters.'],
        non_field_errors: ["For permission group organizer.devices, the valid combinations of actions are '' or 'read'."],
      }),
    );
    await user.type(screen.getByTestId('team-name'), 'Too long');
    await user.click(screen.getByTestId('team-save'));
    const combinations = await screen.findByTestId('team-form-errors');
    expect(combinations).toHaveTextContent('For permission group organizer.devices');
    expect(screen.getByTestId('team-name')).toHaveAccessibleDescription(
      'Ensure this field has no more than 190 characters.',
    );
    expect(screen.getByTestId('team-name')).toHaveFocus();
    expect(teamRows()).toHaveLength(1);
  });

  it('saves changes to a team; a refused change leaves it as it was', async () => {
    const { backend, user } = await openTeams();
    const detail = await openTeam(user, 'Box office');
    const name = within(detail).getByTestId('team-name');
    await user.clear(name);
    await user.type(name, 'Front of house');
    await user.click(perm('organizer.devices:read'));
    await user.click(within(detail).getByTestId('team-save'));

    await waitFor(() => expect(screen.getByTestId('notice')).toHaveTextContent('Changes saved.'));
    expect(backend.callsTo('teamsEdit')).toEqual([
      [
        'demo',
        expect.any(Number),
        expect.objectContaining({
          name: 'Front of house',
          organizer_permissions: ['organizer.customers:read', 'organizer.devices:read'],
        }),
      ],
    ]);
    expect(within(teamRow('Front of house')).getByTestId('team-row-name')).toBeInTheDocument();
    expect(within(detail).getByTestId('team-title')).toHaveTextContent('Front of house');

    // The administrators' team is the only one that may change teams.
    const admins = await openTeam(user, 'Administrators');
    await user.click(within(admins).getByTestId('all-organizer-permissions'));
    await user.click(within(admins).getByTestId('team-save'));
    const error = await within(admins).findByTestId('team-error');
    expect(error).toHaveTextContent('Nobody would be left who may change teams.');
    expect(backend.teams.demo[0].all_organizer_permissions).toBe(true);
  });

  it('adds an existing staff user by email alone', async () => {
    const { backend, user } = await openTeams([administrators(), boxOffice({ member_ids: [] })]);
    const detail = await openTeam(user, 'Box office');
    await user.type(within(detail).getByTestId('member-email'), 'IDA@example.org{Enter}');

    await waitFor(() => expect(within(detail).getAllByTestId('member-row')).toHaveLength(1));
    expect(within(detail).getByTestId('member-row')).toHaveTextContent('Ida Krüger');
    expect(within(detail).getByTestId('member-row')).toHaveTextContent('ida@example.org');
    expect(backend.callsTo('teamsAddMember')).toEqual([
      ['demo', expect.any(Number), { email: 'IDA@example.org', fullname: null, password: null }],
    ]);
    expect(within(detail).queryByTestId('member-password')).not.toBeInTheDocument();
    expect(within(detail).getByTestId('member-email')).toHaveValue('');
    expect(within(teamRow('Box office')).getByTestId('team-members')).toHaveTextContent('1');

    await user.type(within(detail).getByTestId('member-email'), 'ida@example.org{Enter}');
    expect(await within(detail).findByTestId('member-error')).toHaveTextContent(
      'This user already has permissions for this team.',
    );
  });

  it('asks for a name and an initial password for an address without an account, then creates it', async () => {
    const { backend, user } = await openTeams([administrators(), boxOffice({ member_ids: [] })]);
    const detail = await openTeam(user, 'Box office');
    expect(within(detail).queryByTestId('member-fullname')).not.toBeInTheDocument();
    await user.type(within(detail).getByTestId('member-email'), 'new.staff@example.org');
    await user.click(within(detail).getByTestId('member-add'));

    expect(await within(detail).findByTestId('member-account-prompt')).toHaveTextContent(
      'Nobody has a staff account with this address yet.',
    );
    expect(within(detail).getByTestId('member-fullname')).toHaveFocus();
    expect(within(detail).queryAllByTestId('member-row')).toHaveLength(0);
    await user.keyboard('Nora New');
    await user.type(within(detail).getByTestId('member-password'), 'short');
    await user.click(within(detail).getByTestId('member-add'));
    const password = within(detail).getByTestId('member-password');
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription(/too short/);
    expect(password).toHaveFocus();

    await user.clear(password);
    await user.type(password, 'a long enough password{Enter}');
    await waitFor(() => expect(within(detail).getAllByTestId('member-row')).toHaveLength(1));
    expect(within(detail).getByTestId('member-row')).toHaveTextContent('Nora New');
    expect(within(detail).getByTestId('member-notice')).toHaveTextContent('Staff account for new.staff@example.org');
    expect(backend.callsTo('teamsAddMember').at(-1)).toEqual([
      'demo',
      expect.any(Number),
      { email: 'new.staff@example.org', fullname: 'Nora New', password: 'a long enough password' },
    ]);
    expect(backend.users.find((u) => u.email === 'new.staff@example.org')?.password).toBe('a long enough password');
    expect(within(detail).queryByTestId('member-password')).not.toBeInTheDocument();
  });

  it('lists invitations waiting for an account', async () => {
    const { user } = await openTeams([administrators(), boxOffice({ invites: ['later@example.org'] })]);
    const detail = await openTeam(user, 'Box office');
    expect(within(detail).getByText('Invited (no account yet)')).toBeInTheDocument();
    expect(within(detail).getByTestId('invite-row')).toHaveTextContent('later@example.org');
  });

  it('takes a member out only after confirmation, and explains a refusal', async () => {
    const { backend, user } = await openTeams();
    const admins = await openTeam(user, 'Administrators');
    await user.click(within(admins).getByTestId('member-remove'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByTestId('remove-member-name')).toHaveTextContent(DEFAULT_USER.email);
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    const refusal = await within(dialog).findByTestId('remove-member-error');
    expect(refusal).toHaveTextContent('Nobody would be left who may change teams.');
    expect(refusal).toHaveTextContent('Nothing was changed.');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(within(admins).getAllByTestId('member-row')).toHaveLength(1);

    const box = await openTeam(user, 'Box office');
    await user.click(within(box).getByTestId('member-remove'));
    await user.keyboard('{Escape}');
    expect(backend.callsTo('teamsTakeOut')).toHaveLength(1);
    await user.click(within(box).getByTestId('member-remove'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(within(box).queryAllByTestId('member-row')).toHaveLength(0));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(backend.callsTo('teamsTakeOut').at(-1)).toEqual(['demo', expect.any(Number), IDA.id]);
    expect(within(teamRow('Box office')).getByTestId('team-members')).toHaveTextContent('0');
  });

  it('shows a new token’s secret once, until it is dismissed', async () => {
    const { backend, user } = await openTeams();
    const detail = await openTeam(user, 'Box office');
    await user.click(within(detail).getByTestId('token-create'));
    expect(within(detail).getByTestId('token-name')).toHaveAccessibleDescription('Enter a name for the token.');
    expect(backend.callsTo('teamsAddToken')).toHaveLength(0);

    await user.type(within(detail).getByTestId('token-name'), 'Ticket shop{Enter}');
    const panel = await within(detail).findByTestId('token-secret-panel');
    const secret = within(panel).getByTestId('token-secret').textContent ?? '';
    expect(secret).toMatch(/^[a-z0-9]{64}$/);
    expect(secret).toBe(backend.teams.demo[1].tokens[0].secret);
    expect(panel).toHaveTextContent('it will not be shown again');
    await waitFor(() => expect(within(detail).getAllByTestId('token-row')).toHaveLength(1));
    expect(within(detail).getByTestId('token-row')).toHaveTextContent('Ticket shop');
    expect(within(detail).getByTestId('token-state')).toHaveTextContent('Active');
    expect(within(teamRow('Box office')).getByTestId('team-tokens')).toHaveTextContent('1');

    await user.click(within(panel).getByTestId('token-copy'));
    expect(await navigator.clipboard.readText()).toBe(secret);
    await user.click(within(panel).getByTestId('token-dismiss'));
    expect(screen.queryByTestId('token-secret-panel')).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(secret);
    expect(within(detail).getByTestId('token-name')).toHaveFocus();

    // Opening the team again never shows it either.
    await openTeam(user, 'Administrators');
    await openTeam(user, 'Box office');
    expect(document.body.textContent).not.toContain(secret);
  });

  it('deactivates a token after confirmation', async () => {
    const team = boxOffice({ tokens: [{ token_id: 7, name: 'Ticket shop', active: true, secret: 'x'.repeat(64) }] });
    const { backend, user } = await openTeams([administrators(), team]);
    const detail = await openTeam(user, 'Box office');
    await user.click(within(detail).getByTestId('token-deactivate'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByTestId('deactivate-token-name')).toHaveTextContent('Ticket shop');
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));

    await waitFor(() => expect(within(detail).getByTestId('token-state')).toHaveTextContent('Deactivated'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(within(detail).queryByTestId('token-deactivate')).not.toBeInTheDocument();
    expect(backend.callsTo('teamsDeactivateToken')).toEqual([['demo', team.team_id, 7]]);
    expect(within(teamRow('Box office')).getByTestId('team-tokens')).toHaveTextContent('0');
  });

  it('deletes a team after confirmation; a refused deletion is explained and changes nothing', async () => {
    const { backend, user } = await openTeams();
    let detail = await openTeam(user, 'Administrators');
    await user.click(within(detail).getByTestId('team-delete'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByTestId('delete-team-error')).toHaveTextContent(
      'Nobody would be left who may change teams. Give that permission to someone else first.',
    );
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(teamRows()).toHaveLength(2);

    detail = await openTeam(user, 'Box office');
    await user.click(within(detail).getByTestId('team-delete'));
    expect(within(screen.getByRole('alertdialog')).getByTestId('delete-team-name')).toHaveTextContent('Box office');
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(teamRows()).toHaveLength(1));
    expect(screen.getByTestId('notice')).toHaveTextContent('Team “Box office” deleted.');
    expect(screen.queryByTestId('team-detail')).not.toBeInTheDocument();
    expect(backend.teams.demo.map((t) => t.name)).toEqual(['Administrators']);
  });
});
