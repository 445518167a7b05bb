import { Alert, Button, Group, Stack, Text } from '@mantine/core';

/** A 412: the record changed after it was opened, so the change was not saved. */
export function StaleAlert({ what, onReload }: { what: string; onReload: () => void }) {
  return (
    <Alert color="orange" variant="light" role="alert" title="Someone else changed this">
      <Stack gap="xs">
        <Text size="sm">
          This {what} changed after you opened it, so your change was not saved. Reload to see the latest version, then make your
          change again.
        </Text>
        <Group>
          <Button size="xs" onClick={onReload}>
            Reload
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
