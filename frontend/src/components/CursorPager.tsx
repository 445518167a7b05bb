import { Button, Group, Text } from '@mantine/core';

/**
 * Keyset paging as the API offers it: forward through `next_cursor`, or back to the first page.
 * The cursor is in the URL, so the browser's Back button returns to the previous page.
 */
export function CursorPager({
  cursor,
  nextCursor,
  onChange,
  shown,
}: {
  cursor: string | undefined;
  nextCursor: string | null | undefined;
  onChange: (cursor: string | undefined) => void;
  shown: number;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <Group justify="space-between" component="nav" aria-label="Pages">
      <Text size="sm" c="dimmed">
        {cursor ? `Showing ${shown} more` : `Showing the first ${shown}`}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={!cursor} onClick={() => onChange(undefined)}>
          First page
        </Button>
        <Button variant="default" size="xs" disabled={!nextCursor} onClick={() => onChange(nextCursor ?? undefined)}>
          Next page
        </Button>
      </Group>
    </Group>
  );
}
