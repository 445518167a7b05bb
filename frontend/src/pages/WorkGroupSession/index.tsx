import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useParams } from 'react-router';
import { useRecordSession, useWorkGroup } from '../../api/workGroups';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../lib/format';
import { SessionForm } from './SessionForm';
import { sessionValues } from './values';

/** `/work-groups/:workGroupId/sessions/new`: a session held, with a register of its participants. */
export function Component() {
  const { workGroupId = '' } = useParams();
  const query = useWorkGroup(workGroupId);
  const record = useRecordSession(workGroupId);
  const navigate = useNavigate();
  if (query.isPending) return <FullPageLoader label="Loading the work group…" />;
  if (query.isError) {
    return (
      <Page title="Record a session">
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      </Page>
    );
  }
  const { workGroup } = query.data;
  return (
    <Page
      title={`Record a session of ${workGroup.title}`}
      actions={
        <Anchor component={Link} to={`/work-groups/${workGroup.id}`}>
          Back to the work group
        </Anchor>
      }
    >
      <SessionForm
        initialValues={sessionValues(workGroup, null)}
        submitLabel="Record session"
        onSave={async (body) => {
          const recorded = await record.mutateAsync(body);
          notifications.show({ color: 'green', message: `Session of ${formatDate(recorded.held_on)} recorded.` });
          await navigate(`/work-groups/${workGroup.id}`);
        }}
      />
    </Page>
  );
}
