import type { WorkGroup, WorkGroupGrant } from '../../api/workGroups';
import { formatPence } from '../../lib/format';
import { ENTRY_STATUS_LABELS } from '../../lib/labels';
import { schoolsBody, valuesOf } from '../WorkGroupForm/values';

/** The work group's schools as the API replaces them, with one school marked withdrawn on `date`. */
export function withdrawalBody(workGroup: WorkGroup, schoolId: string, date: string) {
  const schools = schoolsBody(valuesOf(workGroup).schools).map((row) =>
    row.school_id === schoolId ? { ...row, withdrawn_on: date } : row,
  );
  return { schools };
}

/** The school's grant in words: "£2,000.00, paid", "£2,000.00, paid; £2,000.00 being recovered". */
export function grantInWords(grant: WorkGroupGrant | undefined): string {
  if (!grant) return 'No grant yet';
  const base = `${formatPence(grant.grant.amount_pence)}, ${ENTRY_STATUS_LABELS[grant.grant.status].toLowerCase()}`;
  if (!grant.reversal) return base;
  const back = formatPence(-grant.reversal.amount_pence);
  const state = grant.reversal.status === 'paid' ? 'recovered' : grant.reversal.status === 'proposed' ? 'reversal proposed' : 'being recovered';
  return `${base}; ${back} ${state}`;
}
