import type { ApplicationDetail } from '../../api/applications';

type Count = ApplicationDetail['places']['hub'];

/** `3 of 4`, or `3 appointed` when the cohort sets no number of places. */
export function placesWords(count: Count): string {
  if (count.total === null) return `${count.filled} appointed (no set number of places)`;
  return `${count.filled} of ${count.total}`;
}
