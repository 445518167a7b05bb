import { Alert, Button, Group, Stack, Text } from '@mantine/core';

/**
 * The API answered 412 Precondition Failed: `what` changed after it was opened (its ETag no
 * longer matches the If-Match sent), so nothing was saved. Reloading shows the latest version.
 */
export function StaleAlert({ what, onReload }: { what: string; onReload: () => void | Promise<void> }) {
  return (
    <Alert color="orange" variant="light" role="alert" title="Someone else changed this">
      <Stack gap="xs">
        <Text size="sm">
          This {what} changed after you opened it, so your change was not saved. Reload to see the latest version, then
          make your change again.
        </Text>
        <Group>
          <Button size="xs" onClick={() => void onReload()}>
            Reload
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
