import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, makeOrganizer } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';
import { galaBackend } from './helpers';

async function openEvents(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole('button', { name: 'Events' }));
  await screen.findByTestId('events');
  await waitFor(() => expect(backend.callsTo('eventsList').length).toBeGreaterThan(0));
  return rendered;
}

function rowNames(): string[] {
  return screen.queryAllByTestId('event-row').map((r) => within(r).getByTestId('event-row-name').textContent ?? '');
}

describe('events', () => {
  it('lists the events soonest first, with dates in local time, people waiting and vouchers out', async () => {
    const { backend } = galaBackend();
    backend.events('demo').seed({ slug: 'jazz', name: 'Jazz Nights', date_from: '2026-12-01T19:00:00Z', has_subevents: true });
    await openEvents(backend);
    await waitFor(() => expect(rowNames()).toEqual(['Jazz Nights', 'Winter Gala']));
    await waitFor(() => expect(document.title).toMatch(/^Events · Demo Venue/));
    const gala = screen.getAllByTestId('event-row')[1];
    expect(within(gala).getByTestId('event-row-waiting')).toHaveTextContent('2');
    expect(within(gala).getByTestId('event-row-vouchers')).toHaveTextContent('0');
    const dates = within(gala).getByTestId('event-row-dates').textContent ?? '';
    expect(dates).toContain('2026');
    expect(dates).not.toContain('T18:30');
    expect(screen.getAllByTestId('event-row')[0]).toHaveTextContent('series');
  });

  it('creates an event with a slug suggested from its name and local times sent in UTC, then opens it', async () => {
    const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email });
    const { user } = await openEvents(backend);
    expect(await screen.findByTestId('no-events')).toHaveTextContent('No events yet.');

    await user.keyboard('n');
    const form = await screen.findByTestId('event-form');
    expect(within(form).getByLabelText('Name')).toHaveFocus();
    await user.type(within(form).getByLabelText('Name'), 'Sommerfest Köln 2027');
    expect(within(form).getByLabelText('Short name (slug)')).toHaveValue('sommerfest-koln-2027');
    await user.type(within(form).getByLabelText('Starts'), '2027-07-03T18:00');
    await user.type(within(form).getByLabelText('Ends'), '2027-07-03T23:30');
    await user.click(within(form).getByLabelText(/Event series/));
    await user.type(within(form).getByLabelText('Location'), 'Rheinpark');
    await user.type(within(form).getByLabelText('Location'), '{Enter}');

    expect(backend.callsTo('eventsCreate')).toEqual([
      [
        'demo',
        {
          name: 'Sommerfest Köln 2027',
          slug: 'sommerfest-koln-2027',
          date_from: new Date('2027-07-03T18:00').toISOString().replace('.000Z', 'Z'),
          date_to: new Date('2027-07-03T23:30').toISOString().replace('.000Z', 'Z'),
          has_subevents: true,
          location: 'Rheinpark',
        },
      ],
    ]);
    expect(await screen.findByTestId('event-title')).toHaveTextContent('Sommerfest Köln 2027');
    expect(screen.getByTestId('dates')).toBeInTheDocument();

    await user.click(screen.getByTestId('back-to-events'));
    await waitFor(() => expect(rowNames()).toEqual(['Sommerfest Köln 2027']));
  });

  it('keeps a slug typed by hand when the name changes', async () => {
    const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email });
    const { user } = await openEvents(backend);
    await user.click(screen.getByTestId('new-event'));
    const form = screen.getByTestId('event-form');
    await user.type(within(form).getByLabelText('Name'), 'Gala');
    await user.clear(within(form).getByLabelText('Short name (slug)'));
    await user.type(within(form).getByLabelText('Short name (slug)'), 'gala-2026');
    await user.type(within(form).getByLabelText('Name'), ' Night');
    expect(within(form).getByLabelText('Short name (slug)')).toHaveValue('gala-2026');
  });

  it('shows what to correct: missing fields at once, a taken slug from the backend', async () => {
    const { backend } = galaBackend();
    const { user } = await openEvents(backend);
    await user.click(screen.getByTestId('new-event'));
    const form = screen.getByTestId('event-form');
    await user.click(within(form).getByRole('button', { name: 'Create event' }));
    expect(within(form).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText('Starts')).toHaveAttribute('aria-invalid', 'true');
    expect(backend.callsTo('eventsCreate')).toHaveLength(0);

    await user.type(within(form).getByLabelText('Name'), 'Gala');
    await user.type(within(form).getByLabelText('Starts'), '2027-01-10T19:00');
    await user.click(within(form).getByRole('button', { name: 'Create event' }));
    await waitFor(() =>
      expect(within(form).getByLabelText('Short name (slug)')).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(form).toHaveTextContent('This slug has already been used for a different event.');
    expect(within(form).getByLabelText('Short name (slug)')).toHaveFocus();
  });

  it('says why the event was not created when the backend refuses the whole form', async () => {
    const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email });
    const { user } = await openEvents(backend);
    await user.click(screen.getByTestId('new-event'));
    const form = screen.getByTestId('event-form');
    await user.type(within(form).getByLabelText('Name'), 'Backwards');
    await user.type(within(form).getByLabelText('Starts'), '2027-01-10T19:00');
    await user.type(within(form).getByLabelText('Ends'), '2027-01-09T19:00');
    await user.click(within(form).getByRole('button', { name: 'Create event' }));
    // The backend's rule, not a request to correct fields it did not name.
    expect(await within(form).findByTestId('event-form-error')).toHaveTextContent(
      /^The event was not created\.\s*The event cannot end before it starts\.\s*Nothing was changed\.$/,
    );
  });

  it('offers no new event without organizer.events:create, but lists and opens the events', async () => {
    const { backend } = galaBackend({ organizerPermissions: ['organizer.customers:read'] });
    const { user } = await openEvents(backend);
    await waitFor(() => expect(rowNames()).toEqual(['Winter Gala']));
    expect(screen.queryByTestId('new-event')).not.toBeInTheDocument();
    await user.keyboard('n');
    expect(screen.queryByTestId('event-form')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('open-event'));
    expect(await screen.findByTestId('event-title')).toHaveTextContent('Winter Gala');
  });

  it('goes back to the list with Esc and focuses the event it came from', async () => {
    const { backend } = galaBackend();
    const { user } = await openEvents(backend);
    await user.click(await screen.findByTestId('open-event'));
    await screen.findByTestId('event-title');
    await user.keyboard('{Escape}');
    await screen.findByTestId('events-list');
    await waitFor(() => expect(screen.getByTestId('open-event')).toHaveFocus());
  });

  it('shows why the events could not be loaded', async () => {
    const backend = new FakeBackend({ loggedInAs: DEFAULT_USER.email, organizers: [makeOrganizer()] });
    backend.failNext('eventsList', new AppError('network', 'Failed to fetch'));
    await openEvents(backend);
    expect(await screen.findByTestId('events-load-error')).toHaveTextContent('Could not load the events.');
  });
});
