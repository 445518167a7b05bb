import type { ProgrammeCode } from '../api/cohorts';
import type { DeliveryMode, TrgMeetingKind, WorkGroupPhase, WorkGroupStatus } from '../api/delivery';

/** The words people use for the API's codes. `satisfies` makes a new code in the contract a type error here. */
export const PROGRAMME_LABELS = {
  primary: 'Primary',
  secondary: 'Secondary',
} as const satisfies Record<ProgrammeCode, string>;

export const TRG_KIND_LABELS = {
  school: 'School TRG',
  pilot: 'Pilot TRG',
  work_group: 'Work group TRG',
} as const satisfies Record<TrgMeetingKind, string>;

export const MODE_LABELS = {
  in_person: 'In person',
  online: 'Online',
} as const satisfies Record<DeliveryMode, string>;

export const PHASE_LABELS = {
  readiness: 'Readiness',
  develop: 'Develop',
  embed: 'Embed',
  sustain: 'Sustain',
} as const satisfies Record<WorkGroupPhase, string>;

export const WORK_GROUP_STATUS_LABELS = {
  planned: 'Planned',
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
} as const satisfies Record<WorkGroupStatus, string>;

export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** `14:30:00` (a wall-clock time from the API) → `14:30`. */
export function formatClock(time: string | null | undefined): string | null {
  return time ? time.slice(0, 5) : null;
}
