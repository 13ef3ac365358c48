// Shared set-up for the access tests: a desk logged in as the administrator (or a staff user
// without administration), opened at one part of the Access section.
import { screen, within } from '@testing-library/svelte';
import { DEFAULT_USER, FakeBackend, type FakeBackendOptions, type FakeUser } from '../../../testing/fake-backend';
import { renderApp } from '../../../testing/render';

/** A staff user who is no installation administrator. */
export const IDA: FakeUser = {
  id: 2,
  email: 'ida@example.org',
  password: 'ida-password',
  fullname: 'Ida Krüger',
  locale: 'de',
  is_admin: false,
};

export type Part = 'applications' | 'grants' | 'resellers';

/** Renders the desk as `as` (the administrator unless told) and opens `part` of Access. */
export async function openAccess(part: Part, options: FakeBackendOptions & { as?: FakeUser } = {}) {
  const { as = DEFAULT_USER, ...rest } = options;
  const backend = new FakeBackend({ users: [{ ...DEFAULT_USER }, { ...IDA }], ...rest, loggedInAs: as.email });
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByTestId('nav-access'));
  await screen.findByTestId('access');
  if (part !== 'applications') await rendered.user.click(screen.getByTestId(`access-tab-${part}`));
  const root = await screen.findByTestId(part);
  return { ...rendered, backend, root };
}

/** The row among `rows` whose `nameTestId` cell reads `name`. */
export function rowNamed(rows: HTMLElement[], nameTestId: string, name: string): HTMLElement {
  const row = rows.find((r) => within(r).getByTestId(nameTestId).textContent?.trim() === name);
  if (!row) throw new Error(`no row named ${name}`);
  return row;
}
