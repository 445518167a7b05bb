import { Badge } from '@mantine/core';
import type { Cohort } from '../../api/cohorts';
import { formatDate } from '../../lib/format';

/** Open with days to close, not open yet, or closed — as the API computes it (London days). */
export function CohortWindowBadge({ cohort, now = new Date() }: { cohort: Cohort; now?: Date }) {
  if (cohort.is_open) {
    const days = cohort.days_to_close;
    const text = days === 0 ? 'Open – closes today' : days === 1 ? 'Open – 1 day to close' : `Open – ${days ?? '?'} days to close`;
    return (
      <Badge color="green" variant="light" tt="none">
        {text}
      </Badge>
    );
  }
  const notYet = Date.parse(cohort.opens_at) > now.getTime();
  return (
    <Badge color={notYet ? 'blue' : 'gray'} variant="light" tt="none">
      {notYet ? `Opens ${formatDate(cohort.opens_at)}` : 'Closed'}
    </Badge>
  );
}
