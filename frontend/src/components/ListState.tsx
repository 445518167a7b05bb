import { Center, EmptyState, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert';

/** The loading, error and empty states every list shares; `children` renders the rows. */
export function ListState({
  isPending,
  error,
  isEmpty,
  emptyTitle,
  emptyDescription,
  onRetry,
  children,
}: {
  isPending: boolean;
  error: unknown;
  isEmpty: boolean;
  emptyTitle: string;
  emptyDescription?: string;
  onRetry: () => void;
  children: ReactNode;
}) {
  if (isPending) {
    return (
      <Center py="xl" role="status">
        <Stack align="center" gap="xs">
          <Loader aria-hidden />
          <Text size="sm">Loading…</Text>
        </Stack>
      </Center>
    );
  }
  if (error) return <ProblemAlert error={error} onRetry={onRetry} />;
  if (isEmpty) return <EmptyState align="left" title={emptyTitle} description={emptyDescription} />;
  return <>{children}</>;
}
