import { routeProblem } from '../../api/http';
import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useDeleteSession, useUpdateSession, useWorkGroup, useWorkGroupSession } from '../../api/workGroups';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../lib/format';
import { type Problem } from '../../lib/problem';
import { StaleAlert } from '../../components/StaleAlert';
import { SessionForm } from './SessionForm';
import { sessionValues } from './values';

/** `/work-groups/:workGroupId/sessions/:sessionId`: correct a session or delete it. */
export function Component() {
  const { workGroupId = '', sessionId = '' } = useParams();
  const workGroupQuery = useWorkGroup(workGroupId);
  const sessionQuery = useWorkGroupSession(workGroupId, sessionId);
  const update = useUpdateSession(workGroupId, sessionId);
  const remove = useDeleteSession(workGroupId, sessionId);
  const navigate = useNavigate();
  const [stale, setStale] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [confirming, { open, close }] = useDisclosure(false);
  const [refused, setRefused] = useState<Problem | null>(null);

  if (workGroupQuery.isPending || sessionQuery.isPending) return <FullPageLoader label="Loading the session…" />;
  if (workGroupQuery.isError || sessionQuery.isError) {
    return (
      <Page title="Session">
        <ProblemAlert
          error={workGroupQuery.error ?? sessionQuery.error}
          onRetry={() => void Promise.all([workGroupQuery.refetch(), sessionQuery.refetch()])}
        />
      </Page>
    );
  }
  const { workGroup } = workGroupQuery.data;
  const { session, etag } = sessionQuery.data;
  const back = `/work-groups/${workGroup.id}`;

  function dismiss() {
    setRefused(null);
    close();
  }

  async function confirmDelete() {
    try {
      await remove.mutateAsync({ etag });
      notifications.show({ color: 'green', message: `Session of ${formatDate(session.held_on)} deleted.` });
      await navigate(back);
    } catch (error) {
      routeProblem(error, {
        onStale: () => {
          dismiss();
          setStale(true);
        },
        onProblem: setRefused,
      });
    }
  }

  return (
    <Page
      title={`Session of ${formatDate(session.held_on)}`}
      actions={
        <Anchor component={Link} to={back}>
          Back to {workGroup.title}
        </Anchor>
      }
    >
      {stale ? (
        <StaleAlert
          what="session"
          onReload={async () => {
            await Promise.all([workGroupQuery.refetch(), sessionQuery.refetch()]);
            setStale(false);
            setGeneration((n) => n + 1);
          }}
        />
      ) : null}
      <SessionForm
        key={`${session.id}-${generation}`}
        initialValues={sessionValues(workGroup, session)}
        submitLabel="Save session"
        onStale={() => setStale(true)}
        onSave={async (body) => {
          await update.mutateAsync({ body, etag });
          notifications.show({ color: 'green', message: 'Session saved.' });
          await navigate(back);
        }}
      />
      <Group>
        <Button variant="outline" color="red" onClick={open}>
          Delete session
        </Button>
      </Group>
      <Modal opened={confirming} onClose={dismiss} title="Delete session">
        <Stack gap="sm">
          {refused ? (
            <Alert color="red" variant="light" role="alert" title={refused.title}>
              <Text size="sm">{refused.detail ?? 'Please try again.'}</Text>
            </Alert>
          ) : (
            <Text size="sm">
              Delete the session of {formatDate(session.held_on)} and its register? This cannot be undone. Claims it proposed
              that nobody accepted are withdrawn; for accepted ones a reversal is proposed on the work group page.
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={dismiss}>
              Keep it
            </Button>
            {refused ? null : (
              <Button color="red" loading={remove.isPending} onClick={() => void confirmDelete()}>
                Delete
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
