import type { Problem } from '../../lib/problem';

/**
 * Four eyes on money: a 403 from approve or pay, in words. The API's own detail is a sentence
 * for people; the fallbacks cover a problem without one.
 */
export function approvalRefusal(problem: Problem): Problem {
  if (problem.status === 412) return { ...problem, detail: 'Someone else changed this entry. The ledger is reloaded; try again.' };
  if (problem.detail) return problem;
  if (problem.code === 'four_eyes_required') return { ...problem, detail: 'You recorded this entry, so someone else must approve it and mark it paid.' };
  if (problem.code === 'self_approval_forbidden') return { ...problem, detail: 'This is your own claim, so someone else must approve it and mark it paid.' };
  if (problem.status === 403) return { ...problem, detail: 'Only hub leads and hub staff named as approvers can approve claims and mark them paid.' };
  return problem;
}
