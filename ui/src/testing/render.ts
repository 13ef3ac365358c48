// Test helpers: render the whole app, or one screen, against a fake backend.
import { render } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../app/App.svelte';
import { FakeBackend, type FakeBackendOptions } from './fake-backend';

export function renderApp(options: FakeBackendOptions | FakeBackend = {}) {
  const backend = options instanceof FakeBackend ? options : new FakeBackend(options);
  const user = userEvent.setup();
  const result = render(App, { props: { backend } });
  return { ...result, backend, user };
}
