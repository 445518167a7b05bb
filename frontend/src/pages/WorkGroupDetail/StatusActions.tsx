import { routeProblem } from '../../api/http';
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WorkGroup, WorkGroupStatus } from '../../api/workGroups';
import { useUpdateWorkGroup } from '../../api/workGroups';
import { WORK_GROUP_STATUS_LABELS } from '../../lib/labels';
import { notifyProblem } from '../../lib/problem';
import { NEXT_STATUSES } from './statuses';

const ACTION_LABELS: Record<WorkGroupStatus, Record<string, string>> = {
  planned: { running: 'Start running', completed: 'Mark completed', cancelled: 'Cancel work group' },
  running: { completed: 'Mark completed', cancelled: 'Cancel work group' },
  completed: { running: 'Reopen (running)' },
  cancelled: { planned: 'Reopen (planned)' },
};

export function StatusActions({ workGroup, etag, onStale }: { workGroup: WorkGroup; etag: string | null; onStale: () => void }) {
  const update = useUpdateWorkGroup(workGroup.id);
  async function move(status: WorkGroupStatus) {
    try {
      await update.mutateAsync({ body: { status }, etag });
      notifications.show({ color: 'green', message: `The work group is now ${WORK_GROUP_STATUS_LABELS[status].toLowerCase()}.` });
    } catch (error) {
      routeProblem(error, { onStale, onProblem: notifyProblem });
    }
  }
  return (
    <Group gap="xs" role="group" aria-label="Change the status">
      {NEXT_STATUSES[workGroup.status].map((status) => (
        <Button
          key={status}
          size="xs"
          variant={status === 'cancelled' ? 'outline' : 'light'}
          color={status === 'cancelled' ? 'red' : undefined}
          loading={update.isPending && update.variables.body.status === status}
          onClick={() => void move(status)}
        >
          {ACTION_LABELS[workGroup.status][status]}
        </Button>
      ))}
    </Group>
  );
}
