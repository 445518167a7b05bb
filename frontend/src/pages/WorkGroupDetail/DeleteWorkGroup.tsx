import { routeProblem } from '../../api/http';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { WorkGroup } from '../../api/workGroups';
import { useDeleteWorkGroup, useUpdateWorkGroup } from '../../api/workGroups';
import { type Problem } from '../../lib/problem';
import { NEXT_STATUSES } from './statuses';

/** Delete with confirmation; the API refuses a work group with sessions, so offer cancelling it. */
export function DeleteWorkGroup({ workGroup, etag, onStale }: { workGroup: WorkGroup; etag: string | null; onStale: () => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [refused, setRefused] = useState<Problem | null>(null);
  const remove = useDeleteWorkGroup(workGroup.id);
  const update = useUpdateWorkGroup(workGroup.id);
  const navigate = useNavigate();
  const canCancel = NEXT_STATUSES[workGroup.status].includes('cancelled');

  function dismiss() {
    setRefused(null);
    close();
  }

  function staleNow() {
    dismiss();
    onStale();
  }

  async function confirm() {
    try {
      await remove.mutateAsync({ etag });
      notifications.show({ color: 'green', message: `Work group ${workGroup.code} deleted.` });
      await navigate('/work-groups');
    } catch (error) {
      routeProblem(error, { onStale: staleNow, onProblem: setRefused });
    }
  }

  async function cancelInstead() {
    try {
      await update.mutateAsync({ body: { status: 'cancelled' }, etag });
      notifications.show({ color: 'green', message: 'The work group is now cancelled.' });
      dismiss();
    } catch (error) {
      routeProblem(error, { onStale: staleNow, onProblem: setRefused });
    }
  }

  return (
    <>
      <Button variant="outline" color="red" onClick={open}>
        Delete work group
      </Button>
      <Modal opened={opened} onClose={dismiss} title="Delete work group">
        <Stack gap="sm">
          {refused ? (
            <Alert color="red" variant="light" role="alert" title={refused.title}>
              <Text size="sm">{refused.detail ?? 'Please try again.'}</Text>
            </Alert>
          ) : (
            <Text size="sm">
              Delete {workGroup.title} ({workGroup.code})? This cannot be undone. A work group with recorded sessions cannot be
              deleted: cancel it instead.
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={dismiss}>
              Keep it
            </Button>
            {refused && canCancel ? (
              <Button color="orange" loading={update.isPending} onClick={() => void cancelInstead()}>
                Cancel the work group instead
              </Button>
            ) : null}
            {refused ? null : (
              <Button color="red" loading={remove.isPending} onClick={() => void confirm()}>
                Delete
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
