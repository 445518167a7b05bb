import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createMemoryRouter, RouterProvider, useNavigate } from 'react-router';
import { useListParams } from './searchParams';

function List() {
  const { values, setFilter } = useListParams(['q'] as const);
  const navigate = useNavigate();
  return (
    <>
      <p>Search: {values.q || 'none'}</p>
      <button onClick={() => void navigate('/detail')}>Open a result</button>
      <button onClick={() => setFilter('q', 'okafor')}>Search lands</button>
    </>
  );
}

function listRouter() {
  return createMemoryRouter(
    [
      { path: '/list', Component: List },
      // A page whose code is still loading: the navigation stays pending.
      { path: '/detail', lazy: () => new Promise<never>(() => undefined) },
    ],
    { initialEntries: ['/list?cursor=abc'] },
  );
}

describe('useListParams', () => {
  it('puts a filter in the address and drops the old cursor', async () => {
    const router = listRouter();
    render(<RouterProvider router={router} />);
    await userEvent.click(screen.getByRole('button', { name: 'Search lands' }));
    expect(router.state.location.search).toBe('?q=okafor');
    expect(screen.getByText('Search: okafor')).toBeInTheDocument();
  });

  it('does not pull the person back to the list when a search lands while they open a result', async () => {
    const router = listRouter();
    render(<RouterProvider router={router} />);
    await userEvent.click(screen.getByRole('button', { name: 'Open a result' }));
    expect(router.state.navigation.location?.pathname).toBe('/detail');
    await userEvent.click(screen.getByRole('button', { name: 'Search lands' }));
    await act(() => Promise.resolve());
    expect(router.state.navigation.location?.pathname).toBe('/detail');
    expect(router.state.location.search).toBe('?cursor=abc');
  });
});
