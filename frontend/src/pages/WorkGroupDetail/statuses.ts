import type { WorkGroupStatus } from '../../api/workGroups';

/** The API's status machine (work_groups/service.py TRANSITIONS). */
export const NEXT_STATUSES: Record<WorkGroupStatus, WorkGroupStatus[]> = {
  planned: ['running', 'completed', 'cancelled'],
  running: ['completed', 'cancelled'],
  completed: ['running'],
  cancelled: ['planned'],
};
