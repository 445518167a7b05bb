import { Badge, Stack, Text } from '@mantine/core';
import type { User } from '../../../api/users';
import { formatDateTime } from '../../../lib/format';

const LABELS = { invited: 'Invited', active: 'Active', deactivated: 'Deactivated' } as const;
const COLOURS = { invited: 'yellow', active: 'green', deactivated: 'gray' } as const;

/** Invited (with when the link runs out), active or deactivated. */
export function UserStatus({ user, now = new Date() }: { user: User; now?: Date }) {
  const expires = user.status === 'invited' && user.invitation_expires_at ? new Date(user.invitation_expires_at) : null;
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={COLOURS[user.status]} variant="light">
        {LABELS[user.status]}
      </Badge>
      {user.status === 'invited' ? (
        <Text size="xs" c="dimmed">
          {expires === null
            ? 'No link pending'
            : expires <= now
              ? `Link expired ${formatDateTime(expires)}`
              : `Link works until ${formatDateTime(expires)}`}
        </Text>
      ) : null}
    </Stack>
  );
}
