import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Me } from '../api/auth';
import { CurrentUserContext } from '../auth/currentUser';
import { theme } from '../theme';

function Providers({ children }: { children: ReactNode }) {
  return <MantineProvider theme={theme}>{children}</MantineProvider>;
}

export function renderWithMantine(ui: ReactElement, options?: RenderOptions) {
  return render(ui, { wrapper: Providers, ...options });
}

/**
 * A page or form as the app mounts it: Mantine, a fresh query client (no retries, so an error
 * shows at once), an optional signed-in user and a router at `url` matching `path`.
 */
export function renderWithApp(
  ui: ReactElement,
  { me = null, path = '/', url = path }: { me?: Me | null; path?: string; url?: string } = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter([{ path, element: ui }], { initialEntries: [url] });
  return render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <CurrentUserContext value={me}>
          <RouterProvider router={router} />
        </CurrentUserContext>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
