import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/auth';
import { CurrentUserContext } from '../../auth/currentUser';
import { fakeApi } from '../../test/fakeApi';
import { theme } from '../../theme';
import { Component as SpecialistDetail } from '.';

const SPECIALIST: Me = {
  kind: 'user',
  id: 'u-1',
  name: 'Amira Khan',
  email: 'specialist@north.masteryhub.test',
  role: 'specialist',
  hub: null,
  scopes: [],
  specialists: [{ id: 'sp-1', cohort_code: 'P', cohort_name: 'Primary', programme: 'primary', default_academic_year: '2026/27' }],
  can_approve_claims: false,
  mfa_enabled: false,
  mfa_required: false,
};

function Where() {
  const location = useLocation();
  return <p>At {location.pathname + location.search}</p>;
}

function open(url: string, me: Me) {
  const router = createMemoryRouter(
    [
      { path: '/specialists/:specialistId', element: <SpecialistDetail /> },
      { path: '/my-programme', element: <Where /> },
    ],
    { initialEntries: [url] },
  );
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <CurrentUserContext value={me}>
          <RouterProvider router={router} />
        </CurrentUserContext>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('a specialist opening a specialist’s page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('takes them from their own record to My programme, keeping the year', async () => {
    const sent = fakeApi({});
    open('/specialists/sp-1?year=2025/26', SPECIALIST);
    expect(await screen.findByText('At /my-programme?specialist=sp-1&year=2025%2F26')).toBeInTheDocument();
    expect(screen.queryByText('You do not have access to this page')).toBeNull();
    expect(sent).toEqual([]);
  });

  it('finds nothing at a colleague’s record, and asks the API for nothing', async () => {
    const sent = fakeApi({});
    open('/specialists/sp-9', SPECIALIST);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(sent).toEqual([]);
  });
});
