import { Alert, Button, Group, Text } from '@mantine/core';
import { problemOf } from '../lib/problem';

/** The error state of a page or panel: the problem's title and detail, and a way to try again. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const problem = problemOf(error);
  return (
    <Alert color="red" title={problem.title} role="alert" variant="light">
      {problem.detail ? <Text size="sm">{problem.detail}</Text> : null}
      {onRetry ? (
        <Group mt="sm">
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
