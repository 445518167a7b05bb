import { Anchor, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useResidentialAttendance } from '../../api/residentials';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';
import { AttendanceRegister } from './AttendanceRegister';

/** A residential's register for the caller's hub: attended, absent or excused per specialist. */
export function Component() {
  const { cohortId = '', residentialId = '' } = useParams();
  const register = useResidentialAttendance(residentialId);
  const residential = register.data?.residential;
  return (
    <Page title={residential ? `Attendance: ${residential.title}` : 'Attendance'}>
      <Anchor component={Link} to={`/cohorts/${cohortId}`} size="sm">
        Back to the cohort
      </Anchor>
      {residential ? (
        <Text>
          {formatDate(residential.starts_on)} to {formatDate(residential.ends_on)}. Record each of your hub’s specialists in this cohort.
        </Text>
      ) : null}
      <ListState
        isPending={register.isPending}
        error={register.error}
        isEmpty={(register.data?.items.length ?? 0) === 0}
        emptyTitle="No specialists to record"
        emptyDescription="Your hub has no specialists in this cohort yet."
        onRetry={() => void register.refetch()}
      >
        {register.data ? <AttendanceRegister register={register.data} residentialId={residentialId} /> : null}
      </ListState>
    </Page>
  );
}
