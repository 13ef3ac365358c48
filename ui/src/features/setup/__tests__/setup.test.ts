import { screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/backend/backend';
import { renderApp } from '../../../testing/render';
import { suggestSlug } from '../slug';

describe('first start', () => {
  it('suggests a slug from the organizer name, creates organizer and user, and goes straight in', async () => {
    const { backend, user } = renderApp({ needsSetup: true });

    const name = await screen.findByLabelText('Organizer name');
    expect(name).toHaveFocus();
    await user.type(name, 'Théâtre am Fluß');
    expect(screen.getByLabelText(/Short name/)).toHaveValue('theatre-am-fluss');

    await user.type(screen.getByLabelText('Email'), 'boss@example.org');
    await user.type(screen.getByLabelText('Password'), 'long enough secret');
    await user.type(screen.getByLabelText('Repeat password'), 'long enough secret');
    await user.click(screen.getByRole('button', { name: 'Create organizer and log in' }));

    expect(await screen.findByRole('combobox', { name: 'Search customers' })).toBeInTheDocument();
    expect(backend.callsTo('setupComplete')).toEqual([
      [
        {
          organizer_name: 'Théâtre am Fluß',
          organizer_slug: 'theatre-am-fluss',
          email: 'boss@example.org',
          password: 'long enough secret',
        },
      ],
    ]);
    expect(screen.getByTestId('organizer-name')).toHaveTextContent('Théâtre am Fluß');
    expect(screen.getByTestId('current-user')).toHaveTextContent('boss@example.org');
  });

  it('keeps a slug the user typed when the name changes afterwards', async () => {
    const { user } = renderApp({ needsSetup: true });
    const name = await screen.findByLabelText('Organizer name');
    await user.type(name, 'Kino');
    const slug = screen.getByLabelText(/Short name/);
    await user.clear(slug);
    await user.type(slug, 'kino-mitte');
    await user.type(name, ' Mitte Berlin');
    expect(slug).toHaveValue('kino-mitte');
  });

  it('refuses different passwords without asking the backend', async () => {
    const { backend, user } = renderApp({ needsSetup: true });
    await user.type(await screen.findByLabelText('Organizer name'), 'Kino');
    await user.type(screen.getByLabelText('Email'), 'boss@example.org');
    await user.type(screen.getByLabelText('Password'), 'long enough secret');
    await user.type(screen.getByLabelText('Repeat password'), 'long enough secreT');
    await user.click(screen.getByRole('button', { name: 'Create organizer and log in' }));

    expect(screen.getByLabelText('Repeat password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/passwords do not match/i)).toBeInTheDocument();
    expect(backend.callsTo('setupComplete')).toHaveLength(0);
  });

  it('shows the server field errors under their inputs', async () => {
    const { backend, user } = renderApp({ needsSetup: true });
    backend.failNext(
      'setupComplete',
      new AppError('validation', 'Invalid', { organizer_slug: ['This short name is taken.'] }),
    );
    await user.type(await screen.findByLabelText('Organizer name'), 'Kino');
    await user.type(screen.getByLabelText('Email'), 'boss@example.org');
    await user.type(screen.getByLabelText('Password'), 'long enough secret');
    await user.type(screen.getByLabelText('Repeat password'), 'long enough secret');
    await user.click(screen.getByRole('button', { name: 'Create organizer and log in' }));

    const slug = screen.getByLabelText(/Short name/);
    expect(await screen.findByText('This short name is taken.')).toBeInTheDocument();
    expect(slug).toHaveAttribute('aria-invalid', 'true');
    expect(slug).toHaveAccessibleDescription(expect.stringContaining('This short name is taken.'));
    expect(screen.queryByRole('combobox', { name: 'Search customers' })).not.toBeInTheDocument();
  });
});

describe('suggestSlug', () => {
  it('turns a venue name into lower-case ASCII with dashes', () => {
    expect(suggestSlug('  Zürich Opera House!! ')).toBe('zurich-opera-house');
    expect(suggestSlug('Æsir & Co. 2026')).toBe('aesir-co-2026');
    expect(suggestSlug('---')).toBe('');
  });

  it('keeps slugs at most 50 characters without a trailing dash', () => {
    const slug = suggestSlug(`${'a'.repeat(49)} b`);
    expect(slug).toBe('a'.repeat(49));
  });
});
