import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useUpdateWorkGroup, useWorkGroup } from '../../api/workGroups';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StaleAlert } from '../../components/StaleAlert';
import { updateBody, valuesOf } from './values';
import { WorkGroupForm } from './WorkGroupForm';

/** `/work-groups/:workGroupId/edit`: every field, sent with the version it was read at. */
export function Component() {
  const { workGroupId = '' } = useParams();
  const query = useWorkGroup(workGroupId);
  const update = useUpdateWorkGroup(workGroupId);
  const navigate = useNavigate();
  const [stale, setStale] = useState(false);
  // A reload after a 412 remounts the form with the latest version.
  const [generation, setGeneration] = useState(0);

  if (query.isPending) return <FullPageLoader label="Loading the work group…" />;
  if (query.isError) {
    return (
      <Page title="Edit work group">
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      </Page>
    );
  }
  const { workGroup, etag } = query.data;
  return (
    <Page
      title={`Edit ${workGroup.title}`}
      actions={
        <Anchor component={Link} to={`/work-groups/${workGroup.id}`}>
          Back to the work group
        </Anchor>
      }
    >
      {stale ? (
        <StaleAlert
          what="work group"
          onReload={async () => {
            await query.refetch();
            setStale(false);
            setGeneration((n) => n + 1);
          }}
        />
      ) : null}
      <WorkGroupForm
        key={`${workGroup.id}-${generation}`}
        initialValues={valuesOf(workGroup)}
        submitLabel="Save changes"
        onStale={() => setStale(true)}
        onSave={async (values) => {
          await update.mutateAsync({ body: updateBody(values), etag });
          notifications.show({ color: 'green', message: 'Work group saved.' });
          await navigate(`/work-groups/${workGroup.id}`);
        }}
      />
    </Page>
  );
}
