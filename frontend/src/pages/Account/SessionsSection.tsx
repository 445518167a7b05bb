import { Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useEndOtherSessions, useEndSession, useMySessions, type AccountSession } from '../../api/accounts';
import { ListState } from '../../components/ListState';
import { Section } from '../../components/Section';
import { formatDateTime } from '../../lib/format';
import { notifyProblem, problemOf } from '../../lib/problem';
import { describeUserAgent } from '../../lib/userAgent';

/** Where I am signed in (each a refresh-token family), with a way to end any of them. */
export function SessionsSection() {
  const sessions = useMySessions();
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const [confirmingAll, setConfirmingAll] = useState(false);
  // This device first, then the most recently used.
  const items = [...(sessions.data?.items ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.last_used_at.localeCompare(a.last_used_at),
  );
  const others = items.filter((item) => !item.current);

  async function endOne(item: AccountSession) {
    try {
      await end.mutateAsync(item.id);
      notifications.show({ message: `Signed out ${describeUserAgent(item.user_agent)}.`, color: 'green' });
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  async function endAllOthers() {
    try {
      await endOthers.mutateAsync();
      setConfirmingAll(false);
      notifications.show({ message: 'Signed out everywhere else.', color: 'green' });
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  return (
    <Section title="Where you are signed in">
      <ListState
        isPending={sessions.isPending}
        error={sessions.error}
        isEmpty={items.length === 0}
        emptyTitle="No sessions"
        emptyDescription="You are not signed in anywhere else."
        onRetry={() => void sessions.refetch()}
      >
        <Stack gap="xs" component="ul" aria-label="Sessions" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((item) => {
            const device = describeUserAgent(item.user_agent);
            return (
              <Paper component="li" withBorder p="sm" key={item.id}>
                <Group justify="space-between" align="center" gap="xs">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <Text size="sm" fw={600}>
                        {device}
                      </Text>
                      {item.current ? (
                        <Badge variant="light" color="blue">
                          This device
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {[item.ip_address, `signed in ${formatDateTime(item.created_at)}`, `last used ${formatDateTime(item.last_used_at)}`]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Stack>
                  {item.current ? null : (
                    <Button
                      size="compact-sm"
                      variant="default"
                      loading={end.isPending && end.variables === item.id}
                      onClick={() => void endOne(item)}
                      aria-label={`Sign out ${device}, last used ${formatDateTime(item.last_used_at)}`}
                    >
                      Sign out
                    </Button>
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
        {others.length > 0 ? (
          <Group mt="md">
            <Button variant="default" color="red" onClick={() => setConfirmingAll(true)}>
              Sign out everywhere else
            </Button>
          </Group>
        ) : null}
      </ListState>
      <Modal opened={confirmingAll} onClose={() => setConfirmingAll(false)} title="Sign out everywhere else?">
        <Stack>
          <Text size="sm">
            Every other browser and device signed in to your account ({others.length}) will have to sign in again. This one stays
            signed in.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingAll(false)}>
              Cancel
            </Button>
            <Button color="red" loading={endOthers.isPending} onClick={() => void endAllOthers()}>
              Sign out everywhere else
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
