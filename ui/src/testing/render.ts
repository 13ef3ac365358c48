// Test helpers: render the whole app, or one screen, against a fake backend.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import App from '../app/App.svelte';
import type { Section } from '../app/sections';
import { FakeBackend, type FakeBackendOptions } from './fake-backend';

/**
 * The card reader's clock as a person would drive it: a second passes between any two keys. Tests
 * type at machine speed, faster than any card reader; with the real clock, every shortcut followed
 * by typing would look like a scan. Card reader tests pass a clock they move themselves.
 */
export function personClock(): () => number {
  let now = 0;
  return () => (now += 1000);
}

/**
 * Renders the whole app. The desk lands on the overview; the screens' tests start at the customers
 * (one click away) unless they pass `startSection`, and `renderHome` starts where staff land.
 */
export function renderApp(
  options: FakeBackendOptions | FakeBackend = {},
  readerClock: () => number = personClock(),
  startSection: Section = 'customers',
) {
  const backend = options instanceof FakeBackend ? options : new FakeBackend(options);
  const user = userEvent.setup();
  const result = render(App, { props: { backend, readerClock, startSection } });
  return { ...result, backend, user };
}

/** Renders the whole app as staff meet it: landing on the overview after login. */
export function renderHome(options: FakeBackendOptions | FakeBackend = {}) {
  return renderApp(options, personClock(), 'dashboard');
}

/** Renders the desk and opens the first customer of the list; resolves with their detail pane. */
export async function renderFirstCustomer(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await waitFor(() => expect(screen.getAllByTestId('customer-row').length).toBeGreaterThan(0));
  await rendered.user.click(screen.getAllByTestId('customer-row')[0]);
  const detail = await screen.findByTestId('customer-detail');
  return { ...rendered, detail };
}
