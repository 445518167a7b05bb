import type { ApplicationsByStatus, ApplicationStatus, WorkQueue } from '../../api/applications';
import { APPLICATION_STATUS_LABELS } from '../../lib/labels';

/** The queue's per-status counts as the by-status chart takes them: every status, zero when none. */
export function byStatusReport(queue: WorkQueue): ApplicationsByStatus {
  const statuses = (Object.keys(APPLICATION_STATUS_LABELS) as ApplicationStatus[]).map((status) => ({
    status,
    count: queue.by_status[status] ?? 0,
  }));
  return { cohort_code: null, statuses, total: statuses.reduce((sum, line) => sum + line.count, 0) };
}

export function reviewsLabel(reviews: number): string {
  if (reviews === 0) return 'no reviews yet';
  return reviews === 1 ? '1 review' : `${reviews} reviews`;
}
