import type { ApplicationStatus, EssentialAssessment, Recommendation } from '../api/applications';
import type { ProgrammeCode } from '../api/programmes';
import type { AccreditationStatus, SpecialistStatus } from '../api/specialists';
import type { Activity, EntryKind, EntryStatus } from '../api/releaseDays';
import type { DeliveryMode } from '../api/cohorts';
import type { TrgMeetingKind } from '../api/trgMeetings';
import type { WorkGroupPhase, WorkGroupStatus } from '../api/workGroups';

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

export const APPLICATION_STATUS_LABELS = {
  submitted: 'Submitted',
  awaiting_reference: 'Awaiting reference',
  complete: 'Complete',
  shortlisted: 'Shortlisted',
  interview: 'Interview',
  reserve: 'Reserve',
  appointed: 'Appointed',
  not_appointed: 'Not appointed',
  withdrawn: 'Withdrawn',
} as const satisfies Record<ApplicationStatus, string>;

export const APPLICATION_STATUS_COLOURS = {
  submitted: 'gray',
  awaiting_reference: 'yellow',
  complete: 'blue',
  shortlisted: 'indigo',
  interview: 'violet',
  reserve: 'grape',
  appointed: 'green',
  not_appointed: 'red',
  withdrawn: 'gray',
} as const satisfies Record<ApplicationStatus, string>;

export const RECOMMENDATION_LABELS = {
  appoint: 'Appoint',
  interview: 'Interview',
  reserve: 'Reserve',
  do_not_appoint: 'Do not appoint',
} as const satisfies Record<Recommendation, string>;

export const ASSESSMENT_LABELS = {
  met: 'Met',
  not_met: 'Not met',
  unclear: 'Unclear',
} as const satisfies Record<EssentialAssessment, string>;

export const SPECIALIST_STATUS_LABELS = {
  active: 'Active',
  withdrawn: 'Withdrawn',
  completed: 'Completed',
} as const satisfies Record<SpecialistStatus, string>;

export const ACCREDITATION_LABELS = {
  not_started: 'Not started',
  in_training: 'In training',
  accredited: 'Accredited',
} as const satisfies Record<AccreditationStatus, string>;

export const ENTRY_STATUS_LABELS = {
  proposed: 'Proposed',
  rejected: 'Rejected',
  claimed: 'Claimed',
  approved: 'Approved',
  paid: 'Paid',
} as const satisfies Record<EntryStatus, string>;

export const ENTRY_KIND_LABELS = {
  release_days: 'Release days',
  grant: 'Grant',
  travel: 'Travel',
} as const satisfies Record<EntryKind, string>;

export const ACTIVITY_LABELS = {
  residential: 'Residential',
  school_trg: 'School TRG',
  pilot_trg: 'Pilot TRG',
  work_group_session: 'Work group session',
  school_support_visit: 'School support visit',
  pd_lead_training: 'PD Lead training',
  launch_event: 'Launch event',
  planning: 'Planning',
} as const satisfies Record<Activity, string>;
