/**
 * The applications table's bulk actions, as plain logic: the selection, what the notification
 * says, a refusal in words (which application blocked it and why), and the coded reasons every
 * selected application's programme shares.
 */
import type { Application, ApplicationStatus, BulkTarget, BulkTransitionResult } from '../../api/applications';
import type { Problem } from '../../lib/problem';

/** What the table knows about a selected row, kept so a refusal can name the applicant. */
export interface Selected {
  id: string;
  reference: string;
  name: string;
  status: ApplicationStatus;
  cohortId: string;
}

export type Selection = ReadonlyMap<string, Selected>;

export function selectedFrom(application: Application): Selected {
  return {
    id: application.id,
    reference: application.reference,
    name: `${application.applicant.first_name} ${application.applicant.last_name}`,
    status: application.status,
    cohortId: application.cohort.id,
  };
}

export function toggle(selection: Selection, row: Selected): Map<string, Selected> {
  const next = new Map(selection);
  if (next.has(row.id)) next.delete(row.id);
  else next.set(row.id, row);
  return next;
}

/** Select-all on the page: every row of the page selected, or (when they all were) none of them. */
export function toggleAll(selection: Selection, rows: readonly Selected[]): Map<string, Selected> {
  const next = new Map(selection);
  const all = rows.length > 0 && rows.every((row) => next.has(row.id));
  for (const row of rows) {
    if (all) next.delete(row.id);
    else next.set(row.id, row);
  }
  return next;
}

/** The select-all box: checked when every row on the page is selected, mixed when some are. */
export function pageState(selection: Selection, rows: readonly Selected[]): { checked: boolean; indeterminate: boolean } {
  const chosen = rows.filter((row) => selection.has(row.id)).length;
  return { checked: rows.length > 0 && chosen === rows.length, indeterminate: chosen > 0 && chosen < rows.length };
}

/** Where an application stands, as a sentence says it ("PMS6-000002 is at interview"). */
export const STATUS_PHRASES: Record<ApplicationStatus, string> = {
  submitted: 'has only just been submitted',
  awaiting_reference: 'is awaiting the headteacher’s reference',
  complete: 'is complete and not yet shortlisted',
  shortlisted: 'is shortlisted',
  interview: 'is at interview',
  reserve: 'is on the reserve list',
  appointed: 'has been appointed',
  not_appointed: 'was not appointed',
  withdrawn: 'has been withdrawn',
};

export const BULK_ACTIONS: Record<BulkTarget, { button: string; done: string; verb: string }> = {
  shortlisted: { button: 'Shortlist', done: 'shortlisted', verb: 'be shortlisted' },
  interview: { button: 'Move to interview', done: 'moved to interview', verb: 'move to interview' },
  not_appointed: { button: 'Decide not appointed', done: 'decided not appointed', verb: 'be decided not appointed' },
};

function applications(count: number): string {
  return `${count} ${count === 1 ? 'application' : 'applications'}`;
}

/** "3 applications shortlisted", saying so when some already were (the request is idempotent). */
export function successMessage(target: BulkTarget, result: BulkTransitionResult): string {
  const changed = result.items.filter((item) => item.changed).length;
  const unchanged = result.items.length - changed;
  const done = BULK_ACTIONS[target].done;
  if (changed === 0) return `Nothing changed: the ${applications(unchanged)} already ${unchanged === 1 ? 'was' : 'were'} ${done}.`;
  const base = `${applications(changed)} ${done}`;
  return unchanged > 0 ? `${base}; ${unchanged} already ${unchanged === 1 ? 'was' : 'were'}.` : `${base}.`;
}

interface RefusedRow {
  application_id?: string;
  reference?: string;
  code?: string;
  detail?: string;
}

function refusedRows(problem: Problem): RefusedRow[] {
  const rows = (problem as unknown as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) return [];
  return rows.filter((row): row is RefusedRow => typeof row === 'object' && row !== null);
}

/**
 * A refusal in words: one line per application that blocked the action, naming it and saying
 * why, from what the table showed (the API's own sentence when the row is not one we know).
 */
export function refusalLines(problem: Problem, target: BulkTarget, selection: Selection): string[] {
  const rows = refusedRows(problem);
  if (rows.length === 0) return [problem.detail ?? problem.title];
  return rows.map((row) => {
    const known = row.application_id ? selection.get(row.application_id) : undefined;
    if (row.code === 'not_found' || !known) {
      const who = known ? `${known.reference} (${known.name})` : (row.reference ?? 'One application');
      return row.code === 'not_found' ? `${who} could not be found; it may have moved to another hub.` : `${who}: ${row.detail ?? 'cannot move'}`;
    }
    return `${known.reference} (${known.name}) ${STATUS_PHRASES[known.status]}, so it cannot ${BULK_ACTIONS[target].verb}.`;
  });
}

/** Whether a problem is the bulk refusal (nothing changed), rather than e.g. a bad reason. */
export function isRefusal(problem: Problem): boolean {
  return refusedRows(problem).length > 0;
}

export interface ReasonOption {
  value: string;
  label: string;
}

/**
 * The coded reasons a not-appointed decision may give for every selected application: those its
 * programme holds, or, when the selection spans programmes, those they all hold.
 */
export function sharedReasons(
  selection: Selection,
  cohortProgramme: ReadonlyMap<string, string>,
  programmes: readonly { id: string; outcome_reasons: readonly { code: string; label: string }[] }[],
): ReasonOption[] {
  const programmeIds = new Set<string>();
  for (const row of selection.values()) {
    const programme = cohortProgramme.get(row.cohortId);
    if (!programme) return [];
    programmeIds.add(programme);
  }
  const chosen = programmes.filter((programme) => programmeIds.has(programme.id));
  if (chosen.length === 0 || chosen.length !== programmeIds.size) return [];
  const [first, ...rest] = chosen;
  if (!first) return [];
  return first.outcome_reasons
    .filter((reason) => rest.every((other) => other.outcome_reasons.some((r) => r.code === reason.code)))
    .map((reason) => ({ value: reason.code, label: reason.label }));
}
