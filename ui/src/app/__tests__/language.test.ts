import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/backend/backend';
import { DEFAULT_USER, FakeBackend, makeCustomer } from '../../testing/fake-backend';
import { renderApp } from '../../testing/render';

/** A desk with one customer who has 20.00 topped up and 7.50 charged; logged in as `locale`. */
function deskWithCredit(locale: string) {
  const customer = makeCustomer({ name_parts: { _scheme: 'given_family', given_name: 'Ada', family_name: 'Lovelace' } });
  const backend = new FakeBackend({
    loggedInAs: DEFAULT_USER.email,
    users: [{ ...DEFAULT_USER, locale }],
    customers: { demo: [customer] },
    credit: { demo: { currency: 'EUR', limit: '0.00' } },
  });
  backend.ledger('demo').seed(customer.identifier, 'TopUp', '20.00');
  backend.ledger('demo').seed(customer.identifier, 'Charge', '-7.50');
  return backend;
}

/** Opens the first customer from the Customers section; resolves with their credit part. */
async function openFirstCustomer(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByTestId('nav-customers'));
  await waitFor(() => expect(screen.getAllByTestId('customer-row').length).toBeGreaterThan(0));
  await user.click(screen.getAllByTestId('customer-row')[0]);
  const credit = await screen.findByTestId('credit');
  await within(credit).findByTestId('ledger');
  return credit;
}

/** The element's text as it is, no-break spaces and all. */
function text(element: HTMLElement): string {
  return element.textContent?.trim() ?? '';
}

function sectionLabels(): string[] {
  return within(screen.getByTestId('nav-customers').parentElement as HTMLElement)
    .getAllByRole('button')
    .map((b) => b.textContent ?? '');
}

describe('the window language', () => {
  it('speaks the logged-in user’s language, with German money and dates', async () => {
    const { user } = renderApp(deskWithCredit('de'));
    const credit = await openFirstCustomer(user);

    expect(screen.getByTestId('nav-customers')).toHaveTextContent('Kunden');
    expect(screen.getByTestId('logout')).toHaveTextContent('Abmelden');
    expect(within(credit).getByRole('heading', { name: 'Guthaben' })).toBeInTheDocument();
    expect(within(credit).getByTestId('topup')).toHaveTextContent('Aufladen…');
    expect(text(within(credit).getByTestId('credit-balance'))).toBe('12,50\u00a0€');
    const [charge, topUp] = within(credit).getAllByTestId('ledger-row');
    expect(within(charge).getByTestId('entry-kind')).toHaveTextContent('Abbuchung');
    expect(text(within(charge).getByTestId('entry-amount'))).toBe('-7,50\u00a0€');
    expect(within(topUp).getByTestId('entry-kind')).toHaveTextContent('Aufladung');
    expect(text(within(topUp).getByTestId('entry-amount'))).toBe('+20,00\u00a0€');
    expect(within(topUp).getByRole('cell', { name: /^20\.11\.2026, \d{2}:00$/ })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
  });

  it('switches from the header: stores the choice on the user and re-renders names, money and dates', async () => {
    const { backend, user } = renderApp(deskWithCredit('en'));
    const credit = await openFirstCustomer(user);
    expect(text(within(credit).getByTestId('credit-balance'))).toBe('€12.50');
    expect(sectionLabels()).toContain('Customers');

    const choice = screen.getByRole('combobox', { name: 'Language' });
    expect(choice).toHaveValue('en');
    await user.selectOptions(choice, 'Deutsch');

    await waitFor(() => expect(screen.getByTestId('nav-customers')).toHaveTextContent('Kunden'));
    expect(backend.callsTo('sessionSetLocale')).toEqual([['de']]);
    expect(backend.users[0].locale).toBe('de');
    expect(screen.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
    expect(sectionLabels()).toContain('Veranstaltungen');
    expect(text(within(credit).getByTestId('credit-balance'))).toBe('12,50\u00a0€');
    expect(within(credit).getAllByRole('cell', { name: /^20\.11\.2026, \d{2}:00$/ })).toHaveLength(2);
    expect(document.title).toMatch(/^Kunden · /);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Sprache' }), 'English');
    await waitFor(() => expect(screen.getByTestId('nav-customers')).toHaveTextContent('Customers'));
    expect(backend.callsTo('sessionSetLocale')).toEqual([['de'], ['en']]);
  });

  it('keeps the language when the backend refuses to store it, and says so', async () => {
    const backend = deskWithCredit('en');
    backend.failNext('sessionSetLocale', new AppError('internal', 'Storage failed.'));
    const { user } = renderApp(backend);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'de');

    expect(await screen.findByTestId('locale-error')).toHaveTextContent('Could not change the language.');
    expect(screen.getByTestId('nav-customers')).toHaveTextContent('Customers');
    expect(screen.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
  });

  it('keeps the last language after logout, and lets the login screen change it before the user’s own wins', async () => {
    const { user } = renderApp(deskWithCredit('de'));
    await user.click(await screen.findByRole('button', { name: 'Abmelden' }));

    expect(await screen.findByRole('heading', { name: 'Anmelden' })).toBeInTheDocument();
    expect(screen.getByTestId('login-notice')).toHaveTextContent('Sie wurden abgemeldet.');
    const before = screen.getByRole('combobox', { name: 'Sprache' });
    expect(before).toHaveValue('de');

    await user.selectOptions(before, 'English');
    expect(screen.getByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(localStorage.getItem('tessera.locale')).toBe('en');

    await user.type(screen.getByLabelText('Email'), DEFAULT_USER.email);
    await user.type(screen.getByLabelText('Password'), `${DEFAULT_USER.password}{Enter}`);
    expect(await screen.findByTestId('nav-customers')).toHaveTextContent('Kunden');
  });

  it('opens the login screen in the language last chosen on this computer', async () => {
    localStorage.setItem('tessera.locale', 'de');
    renderApp();
    expect(await screen.findByLabelText('Passwort')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Anmelden' })).toBeInTheDocument();
  });

  it('sets up in German and keeps German for the new user', async () => {
    const { backend, user } = renderApp({ needsSetup: true });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'de');

    await user.type(screen.getByLabelText('Name des Veranstalters'), 'Theater am Fluss');
    await user.type(screen.getByLabelText('E-Mail'), 'chefin@example.org');
    await user.type(screen.getByLabelText('Passwort'), 'long enough secret');
    await user.type(screen.getByLabelText('Passwort wiederholen'), 'long enough secret');
    await user.click(screen.getByRole('button', { name: 'Veranstalter anlegen und anmelden' }));

    expect(await screen.findByTestId('nav-customers')).toHaveTextContent('Kunden');
    expect(backend.callsTo('sessionSetLocale')).toEqual([['de']]);
    expect(backend.users[0].locale).toBe('de');
  });
});
