import { Anchor } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { Page } from '../../components/Page';
import { CohortForm } from './CohortForm';

export function Component() {
  const navigate = useNavigate();
  return (
    <Page
      title="New cohort"
      actions={
        <Anchor component={Link} to="/cohorts">
          All cohorts
        </Anchor>
      }
    >
      <CohortForm onSaved={(cohort) => void navigate(`/cohorts/${cohort.id}`)} onCancel={() => void navigate('/cohorts')} />
    </Page>
  );
}
