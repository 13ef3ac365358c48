import { screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { person, renderDesk, rowNames, selectedRow } from './helpers';

const three = () => [person('Ada', 'Lovelace'), person('Grace', 'Hopper'), person('Alan', 'Turing')];

describe('keyboard', () => {
  it('starts in the search box and shows the shortcuts', async () => {
    const { search } = await renderDesk(three());
    expect(search).toHaveFocus();
    expect(screen.getByTestId('shortcuts')).toHaveTextContent(/search.*select.*open.*new.*edit.*back/s);
  });

  it('moves the selection with the arrows and opens it with Enter', async () => {
    const { search, user } = await renderDesk(three());
    expect(selectedRow()).toHaveTextContent('Ada Lovelace');
    expect(search).toHaveAttribute('aria-activedescendant', selectedRow()?.id);

    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(selectedRow()).toHaveTextContent('Alan Turing');
    await user.keyboard('{ArrowUp}');
    expect(selectedRow()).toHaveTextContent('Grace Hopper');
    expect(search).toHaveAttribute('aria-activedescendant', selectedRow()?.id);

    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Grace Hopper');
    expect(search).toHaveFocus();
  });

  it('opens the best match of what was just typed, even before the search delay is over', async () => {
    const { search, user } = await renderDesk(three());
    await user.type(search, 'turing{Enter}');
    expect(await screen.findByTestId('customer-name')).toHaveTextContent('Alan Turing');
  });

  it('goes back one step per Esc: detail, then search text, then out of the search box', async () => {
    const { search, user } = await renderDesk(three());
    await user.type(search, 'a');
    await waitFor(() => expect(rowNames()).toHaveLength(3));
    await user.keyboard('{Enter}');
    await screen.findByTestId('customer-detail');

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('customer-detail')).not.toBeInTheDocument();
    expect(search).toHaveValue('a');
    expect(search).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(search).toHaveValue('');
    expect(search).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(search).not.toHaveFocus();
  });

  it('focuses search with / from outside a text field, and with Ctrl+K from anywhere', async () => {
    const { search, user } = await renderDesk(three());
    await user.keyboard('{Escape}');
    expect(search).not.toHaveFocus();
    await user.keyboard('/');
    expect(search).toHaveFocus();
    expect(search).toHaveValue('');

    await user.keyboard('{Escape}n');
    const notes = await screen.findByLabelText('Notes');
    await user.type(notes, 'a/b');
    expect(notes).toHaveValue('a/b');
    expect(notes).toHaveFocus();

    await user.keyboard('{Control>}k{/Control}');
    expect(search).toHaveFocus();
  });

  it('opens the create form with n outside text fields, and with Ctrl+N anywhere', async () => {
    const { search, user } = await renderDesk(three());
    await user.type(search, 'n');
    expect(screen.queryByTestId('customer-form')).not.toBeInTheDocument();

    await user.keyboard('{Control>}n{/Control}');
    expect(screen.getByTestId('customer-form')).toBeInTheDocument();
    expect(screen.getByLabelText('Given name')).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('customer-form')).not.toBeInTheDocument();
    expect(search).toHaveFocus();

    await user.keyboard('{Escape}{Escape}n');
    expect(screen.getByTestId('customer-form')).toBeInTheDocument();
  });

  it('edits the open customer with e', async () => {
    const { user } = await renderDesk(three());
    await user.keyboard('{Enter}');
    await screen.findByTestId('customer-detail');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('customer-detail')).not.toBeInTheDocument();

    await user.keyboard('{Enter}');
    await screen.findByTestId('customer-detail');
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('e');
    expect(screen.getByTestId('customer-form')).toBeInTheDocument();
    expect(screen.getByLabelText('Family name')).toHaveValue('Lovelace');
  });
});
