import { Anchor } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCohortForEdit } from '../../api/cohorts';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CohortForm } from '../Cohorts/CohortForm';
import { StaleAlert } from '../../components/StaleAlert';

export function Component() {
  const { cohortId = '' } = useParams();
  const navigate = useNavigate();
  const query = useCohortForEdit(cohortId);
  const [stale, setStale] = useState(false);
  // A reload gives the form a new version to start from, so it is mounted afresh.
  const [version, setVersion] = useState(0);

  if (query.isPending) return <FullPageLoader label="Loading the cohort…" />;
  if (query.isError) {
    return (
      <Page title="Edit cohort">
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      </Page>
    );
  }
  const { cohort, etag } = query.data;
  const reload = async () => {
    await query.refetch();
    setStale(false);
    setVersion((current) => current + 1);
  };
  return (
    <Page
      title={`Edit ${cohort.name}`}
      actions={
        <Anchor component={Link} to={`/cohorts/${cohort.id}`}>
          Back to the cohort
        </Anchor>
      }
    >
      {stale ? <StaleAlert what="cohort" onReload={() => void reload()} /> : null}
      <CohortForm
        key={version}
        cohort={cohort}
        etag={etag}
        onSaved={() => void navigate(`/cohorts/${cohort.id}`)}
        onStale={() => setStale(true)}
        onCancel={() => void navigate(`/cohorts/${cohort.id}`)}
      />
    </Page>
  );
}
