import { Alert, Button, Group, Stack, Text } from '@mantine/core';

/** The API answered 412: the meeting changed after it was opened, so nothing was saved. */
export function StaleAlert({ onReload }: { onReload: () => void }) {
  return (
    <Alert color="orange" variant="light" role="alert" title="Someone else changed this">
      <Stack gap="xs">
        <Text size="sm">
          This TRG meeting changed after you opened it, so your change was not saved. Reload to see the latest version,
          then make your change again.
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
