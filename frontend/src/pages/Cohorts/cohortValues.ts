import type { Cohort, CohortCreate, CohortUpdate } from '../../api/cohorts';
import { academicYearOf } from '../../lib/format';
import { londonParts, londonWallTime } from './londonTime';

export interface CohortFormValues {
  code: string;
  name: string;
  programme: string;
  development_year: string;
  opens_on: string | null;
  opens_time: string;
  closes_on: string | null;
  closes_time: string;
  reference_prefix: string;
  places_per_hub: number | string;
  reference_link_days: number | string;
  reference_reminder_days: number | string;
}

// The API names the instants; the form splits each into a London day and a time.
export const FIELD_MAP = { opens_at: 'opens_on', closes_at: 'closes_on' };

export function initialValues(cohort: Cohort | undefined): CohortFormValues {
  if (!cohort) {
    return {
      code: '',
      name: '',
      programme: 'primary',
      development_year: academicYearOf(new Date()),
      opens_on: null,
      opens_time: '09:00',
      closes_on: null,
      closes_time: '17:00',
      reference_prefix: '',
      places_per_hub: '',
      reference_link_days: 14,
      reference_reminder_days: 7,
    };
  }
  const opens = londonParts(cohort.opens_at);
  const closes = londonParts(cohort.closes_at);
  return {
    code: cohort.code,
    name: cohort.name,
    programme: cohort.programme.code,
    development_year: cohort.development_year,
    opens_on: opens.date,
    opens_time: opens.time,
    closes_on: closes.date,
    closes_time: closes.time,
    reference_prefix: cohort.reference_prefix,
    places_per_hub: cohort.places_per_hub ?? '',
    reference_link_days: cohort.reference_link_days,
    reference_reminder_days: cohort.reference_reminder_days,
  };
}

/** What the form sends: every editable field, the window as London wall time. */
export function cohortBody(values: CohortFormValues): CohortUpdate & Partial<CohortCreate> {
  return {
    name: values.name.trim(),
    development_year: values.development_year,
    opens_at: londonWallTime(values.opens_on ?? '', values.opens_time),
    closes_at: londonWallTime(values.closes_on ?? '', values.closes_time),
    places_per_hub: values.places_per_hub === '' ? null : Number(values.places_per_hub),
    reference_link_days: Number(values.reference_link_days),
    reference_reminder_days: Number(values.reference_reminder_days),
  };
}

