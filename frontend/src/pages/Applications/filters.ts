/** The applications list's filters as the query string holds them, and as the API takes them. */
import type { ApplicationFilters, ApplicationStatus } from '../../api/applications';
import { APPLICATION_STATUS_LABELS } from '../../lib/labels';

function isStatus(value: string): value is ApplicationStatus {
  return value in APPLICATION_STATUS_LABELS;
}

/** `status=interview,reserve` → the statuses it names (unknown words are dropped). */
export function statusesFrom(value: string): ApplicationStatus[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(isStatus);
}

export const REVIEW_COUNT_OPTIONS = [
  { value: '0', label: 'No reviews' },
  { value: '1', label: '1 review' },
  { value: '2', label: '2 reviews' },
  { value: '3', label: '3 reviews' },
  { value: '4', label: '4 reviews' },
];

/** The filters the dashboard's work queue links to: several statuses, overdue references, reviews. */
export function listQuery(values: {
  status: string;
  reference_overdue: string;
  review_count: string;
}): Pick<ApplicationFilters, 'status' | 'reference_overdue' | 'review_count'> {
  const statuses = statusesFrom(values.status);
  const reviews = /^\d{1,2}$/.test(values.review_count) ? Number(values.review_count) : undefined;
  return {
    status: statuses.length > 0 ? statuses : undefined,
    reference_overdue: values.reference_overdue === 'true' ? true : undefined,
    review_count: reviews,
  };
}

/** Where each count of the work queue leads: the list, filtered to what it counted. */
export const WORK_QUEUE_LINKS = {
  referencesOverdue: '/applications?status=awaiting_reference&reference_overdue=true',
  awaitingReview: '/applications?status=complete',
  withReviews: (reviews: number) => `/applications?status=complete&review_count=${reviews}`,
  decisionsWaiting: '/applications?status=interview,reserve',
  claimsAwaitingApproval: '/reports/release-days?status=claimed',
  proposalsWaiting: '/release-day-proposals',
  disputesOpen: '/release-confirmations?disputed=true',
  schoolsWithoutHeadEmail: '/release-confirmations#no-head-email',
} as const;
