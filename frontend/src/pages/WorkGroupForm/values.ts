/**
 * The work-group form's values and the bodies built from them. The value paths are the API's
 * field paths (`schools.1.participants.0.name`), so a problem's field errors land on the inputs
 * that name them.
 */
import type { WorkGroup, WorkGroupPhase, WorkGroupStatus } from '../../api/workGroups';
import type { ProgrammeCode } from '../../api/programmes';
import type { WorkGroupCreate, WorkGroupSchoolIn, WorkGroupUpdate } from '../../api/workGroups';
import type { Problem } from '../../lib/problem';

export interface ParticipantValues {
  /** The stored participant's id (kept so their attendance stays theirs); null for a new row. */
  id: string | null;
  /** A stable React key for the row. */
  key: string;
  name: string;
  email: string;
  role: string;
}

export interface SchoolValues {
  school_id: string;
  /** `Name (URN 123456)`, shown by the picker without fetching the school again. */
  school_label: string;
  completed: boolean | null;
  participants: ParticipantValues[];
}

export interface WorkGroupValues {
  code: string;
  title: string;
  phase: WorkGroupPhase | '';
  programme: ProgrammeCode | '';
  academic_year: string;
  lead_specialist_ids: string[];
  /** `id → "First Last"` for the chosen leads, so the picker can name them before any search. */
  lead_labels: Record<string, string>;
  status: WorkGroupStatus;
  schools: SchoolValues[];
}

let rowNumber = 0;
function rowKey(): string {
  rowNumber += 1;
  return `row-${rowNumber}`;
}

export function emptyParticipant(): ParticipantValues {
  return { id: null, key: rowKey(), name: '', email: '', role: '' };
}

export function newSchool(schoolId: string, label: string): SchoolValues {
  // A work group typically has two teachers from each school (product.md).
  return { school_id: schoolId, school_label: label, completed: null, participants: [emptyParticipant(), emptyParticipant()] };
}

export function schoolLabel(school: { name: string; urn: string }): string {
  return `${school.name} (URN ${school.urn})`;
}

export function emptyValues(academicYear: string): WorkGroupValues {
  return {
    code: '',
    title: '',
    phase: '',
    programme: '',
    academic_year: academicYear,
    lead_specialist_ids: [],
    lead_labels: {},
    status: 'planned',
    schools: [],
  };
}

export function valuesOf(workGroup: WorkGroup): WorkGroupValues {
  return {
    code: workGroup.code,
    title: workGroup.title,
    phase: workGroup.phase,
    programme: workGroup.programme,
    academic_year: workGroup.academic_year,
    lead_specialist_ids: workGroup.leads.map((lead) => lead.id),
    lead_labels: Object.fromEntries(workGroup.leads.map((lead) => [lead.id, `${lead.first_name} ${lead.last_name}`])),
    status: workGroup.status,
    schools: workGroup.schools.map((row) => ({
      school_id: row.school.id,
      school_label: schoolLabel(row.school),
      completed: row.completed,
      participants: row.participants.map((participant) => ({
        id: participant.id,
        key: participant.id,
        name: participant.name,
        email: participant.email ?? '',
        role: participant.role ?? '',
      })),
    })),
  };
}

function optional(text: string): string | null {
  return text.trim() || null;
}

/** Every school with every participant: the API replaces the list with what is sent. */
export function schoolsBody(schools: SchoolValues[]): WorkGroupSchoolIn[] {
  return schools.map((row) => ({
    school_id: row.school_id,
    completed: row.completed,
    participants: row.participants.map((participant) => ({
      ...(participant.id ? { id: participant.id } : {}),
      name: participant.name.trim(),
      email: optional(participant.email),
      role: optional(participant.role),
    })),
  }));
}

export function createBody(values: WorkGroupValues): WorkGroupCreate {
  return {
    code: values.code.trim(),
    title: values.title.trim(),
    phase: values.phase as WorkGroupPhase,
    programme: values.programme as ProgrammeCode,
    academic_year: values.academic_year,
    lead_specialist_ids: values.lead_specialist_ids,
    status: values.status,
    schools: schoolsBody(values.schools),
  };
}

/** An edit sends every field, the schools in full (participants keep their ids). */
export function updateBody(values: WorkGroupValues): WorkGroupUpdate {
  return createBody(values);
}

/** Field errors the form shows somewhere other than at the API's path. */
export function formProblem(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map((error) =>
      // One picker holds every lead: `lead_specialist_ids.1` goes on the picker.
      error.field.startsWith('lead_specialist_ids.') ? { ...error, field: 'lead_specialist_ids' } : error,
    ),
  };
}

/** What the browser checks before sending; the API checks everything again. */
export function validate(values: WorkGroupValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/.test(values.code.trim())) {
    errors.code = 'Enter a code of up to 32 letters, digits, dots, dashes or slashes, such as WG-21-01.';
  }
  if (!values.title.trim()) errors.title = 'Enter a title.';
  if (!values.phase) errors.phase = 'Choose a phase.';
  if (!values.programme) errors.programme = 'Choose a programme.';
  if (!/^\d{4}\/\d{2}$/.test(values.academic_year)) errors.academic_year = 'Choose an academic year.';
  if (values.lead_specialist_ids.length === 0) errors.lead_specialist_ids = 'Choose at least one lead specialist.';
  values.schools.forEach((row, i) => {
    row.participants.forEach((participant, j) => {
      if (!participant.name.trim()) errors[`schools.${i}.participants.${j}.name`] = 'Enter the teacher’s name.';
    });
  });
  return errors;
}
