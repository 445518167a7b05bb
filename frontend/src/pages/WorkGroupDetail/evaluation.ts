import type { WorkGroup } from '../../api/workGroups';
import { schoolsBody, valuesOf } from '../WorkGroupForm/values';

export type Verdict = 'yes' | 'no' | 'unknown';

export interface EvaluationValues {
  outcomes: string;
  schools: { completed: Verdict }[];
}

export function verdict(completed: boolean | null): Verdict {
  return completed === null ? 'unknown' : completed ? 'yes' : 'no';
}

/**
 * The evaluation: did each school complete the work group, and what came of it. The schools go
 * back in full, participants included, because the API replaces the list with what it is sent.
 */
export function evaluationBody(workGroup: WorkGroup, values: EvaluationValues) {
  const schools = valuesOf(workGroup).schools.map((row, i) => {
    const answer = values.schools[i]?.completed ?? 'unknown';
    return { ...row, completed: answer === 'unknown' ? null : answer === 'yes' };
  });
  return { outcomes: values.outcomes.trim() || null, schools: schoolsBody(schools) };
}
