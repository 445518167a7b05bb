import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { session } from './auth/instance';
import { createQueryClient } from './queryClient';
import { router } from './router';
import { cssVariablesResolver, theme } from './theme';

export function App() {
  const [queryClient] = useState(createQueryClient);

  // Nothing fetched for one person may be shown to the next: drop the cache on sign-out.
  // Only on leaving a session: clearing when the start-up restore finds no session would drop
  // the public pages' queries in flight (the headteacher's reference page), leaving them pending.
  useEffect(() => {
    let previous = session.getSnapshot().status;
    return session.subscribe(() => {
      const { status } = session.getSnapshot();
      if (status === 'signed-out' && previous === 'signed-in') queryClient.clear();
      previous = status;
    });
  }, [queryClient]);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
