import type { WorkGroup } from '../../api/workGroups';
import type { WorkGroupSession, WorkGroupSessionCreate } from '../../api/workGroups';
import { formatClock } from '../../lib/labels';

export type Presence = 'attended' | 'absent' | 'unrecorded';

export interface SessionValues {
  held_on: string | null;
  starts_at: string;
  ends_at: string;
  mode: string;
  location: string;
  notes: string;
  /** One row per participant of the work group, in the order the schools list them. */
  attendance: { participant_id: string; name: string; school: string; presence: Presence }[];
}


/** A new session marks everyone present; an edit starts from what was recorded. */
export function sessionValues(workGroup: WorkGroup, session: WorkGroupSession | null): SessionValues {
  const recorded = new Map(session?.attendance.map((row) => [row.participant_id, row.attended]) ?? []);
  return {
    held_on: session?.held_on ?? null,
    starts_at: formatClock(session?.starts_at) ?? '',
    ends_at: formatClock(session?.ends_at) ?? '',
    mode: session?.mode ?? 'in_person',
    location: session?.location ?? '',
    notes: session?.notes ?? '',
    attendance: workGroup.schools.flatMap((row) =>
      row.participants.map((participant) => {
        const attended = recorded.get(participant.id);
        const presence: Presence = session === null || attended === true ? 'attended' : attended === false ? 'absent' : 'unrecorded';
        return { participant_id: participant.id, name: participant.name, school: row.school.name, presence };
      }),
    ),
  };
}

/** The body, and where each API attendance index sits in the form (unrecorded rows are not sent). */
export function sessionBody(values: SessionValues): { body: WorkGroupSessionCreate; fieldMap: Record<string, string> } {
  const fieldMap: Record<string, string> = {};
  const attendance: { participant_id: string; attended: boolean }[] = [];
  values.attendance.forEach((row, formIndex) => {
    if (row.presence === 'unrecorded') return;
    fieldMap[`attendance.${attendance.length}.participant_id`] = `attendance.${formIndex}.presence`;
    attendance.push({ participant_id: row.participant_id, attended: row.presence === 'attended' });
  });
  return {
    body: {
      held_on: values.held_on ?? '',
      starts_at: values.starts_at || null,
      ends_at: values.ends_at || null,
      mode: values.mode as WorkGroupSessionCreate['mode'],
      location: values.location.trim() || null,
      notes: values.notes.trim() || null,
      attendance,
    },
    fieldMap,
  };
}
