/**
 * Entering an application by hand (a paper or late one): the form's values, the checks the API
 * makes (so problems show beside the fields before anything is sent), the body the API takes,
 * and whether the cohort's window has closed (the application will then be marked late).
 */
import type { ApplicationSubmit } from '../../api/applications';
import type { Cohort } from '../../api/cohorts';
import { formatDateTime } from '../../lib/format';

export type AdditionalStatus = ApplicationSubmit['additional_statuses'] extends (infer S)[] | undefined ? S : never;

export const ADDITIONAL_STATUS_LABELS: Record<AdditionalStatus, string> = {
  mathematics_sle: 'Specialist Leader of Education (maths)',
  mast: 'Mathematics Specialist Teacher (MaST)',
  lead_practitioner: 'Lead practitioner',
  ncetm_accredited_pd_lead: 'NCETM-accredited PD lead',
};

type YesNo = '' | 'yes' | 'no';

/** Named as the API names its fields, so a problem's `applicant.email` lands on that input. */
export interface EntryValues {
  cohort_code: string | null;
  applicant: { first_name: string; last_name: string; email: string; trn: string; phone: string };
  school_urn: string;
  role_title: string;
  has_qts: YesNo;
  years_teaching_maths: number | string;
  days_teaching_maths_per_week: number | string;
  is_maths_subject_leader: YesNo;
  additional_statuses: AdditionalStatus[];
  engaged_with_hub_tfm_work: YesNo;
  statement: string;
  criteria_evidence: Record<string, string>;
  headteacher: { name: string; email: string; statement: string };
  consent_to_data_processing: boolean;
}

export function emptyEntry(): EntryValues {
  return {
    cohort_code: null,
    applicant: { first_name: '', last_name: '', email: '', trn: '', phone: '' },
    school_urn: '',
    role_title: '',
    has_qts: '',
    years_teaching_maths: '',
    days_teaching_maths_per_week: '',
    is_maths_subject_leader: '',
    additional_statuses: [],
    engaged_with_hub_tfm_work: '',
    statement: '',
    criteria_evidence: {},
    headteacher: { name: '', email: '', statement: '' },
    consent_to_data_processing: false,
  };
}

// What the API accepts as an email address, near enough to catch a typing slip here.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function yesNo(value: YesNo): boolean | null {
  return value === '' ? null : value === 'yes';
}

function number(value: number | string): number | null {
  if (value === '') return null;
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

function required(value: string, message: string): string | null {
  return value.trim() ? null : message;
}

function email(value: string, missing: string): string | null {
  if (!value.trim()) return missing;
  return EMAIL.test(value.trim()) ? null : 'Enter an email address in the right form, like name@school.org.uk.';
}

/** The API's own checks, field by field (problems beside the fields before anything is sent). */
export function validateEntry(values: EntryValues): Record<string, string | null> {
  const years = number(values.years_teaching_maths);
  const days = number(values.days_teaching_maths_per_week);
  return {
    cohort_code: values.cohort_code ? null : 'Choose the cohort the application is for.',
    'applicant.first_name': required(values.applicant.first_name, 'Enter the applicant’s first name.'),
    'applicant.last_name': required(values.applicant.last_name, 'Enter the applicant’s last name.'),
    'applicant.email': email(values.applicant.email, 'Enter the applicant’s email address.'),
    'applicant.trn':
      values.applicant.trn.trim() === '' || /^\d{7}$/.test(values.applicant.trn.trim())
        ? null
        : 'A teacher reference number is seven digits.',
    school_urn: /^\d{6}$/.test(values.school_urn.trim())
      ? null
      : values.school_urn.trim()
        ? 'A URN is six digits.'
        : 'Enter the school’s URN, or find the school by name.',
    has_qts: values.has_qts ? null : 'Say whether the applicant has Qualified Teacher Status.',
    years_teaching_maths:
      years === null || (Number.isInteger(years) && years >= 0 && years <= 60)
        ? null
        : 'Enter a whole number of years from 0 to 60.',
    days_teaching_maths_per_week:
      days === null || (days >= 0 && days <= 7 && Number.isInteger(days * 2))
        ? null
        : 'Enter days from 0 to 7, in half days (for example 3.5).',
    statement: required(values.statement, 'Enter the applicant’s statement.'),
    'headteacher.name': required(values.headteacher.name, 'Enter the headteacher’s name.'),
    'headteacher.email': email(values.headteacher.email, 'Enter the headteacher’s email address.'),
    consent_to_data_processing: values.consent_to_data_processing
      ? null
      : 'The applicant must have consented to their data being processed.',
  };
}

function text(value: string): string | null {
  return value.trim() || null;
}

/** The form's values as `POST /applications` takes them (blank optional answers left out). */
export function entryBody(values: EntryValues): ApplicationSubmit {
  const evidence = Object.fromEntries(
    Object.entries(values.criteria_evidence)
      .map(([code, answer]) => [code, answer.trim()] as const)
      .filter(([, answer]) => answer !== ''),
  );
  return {
    cohort_code: values.cohort_code ?? '',
    applicant: {
      first_name: values.applicant.first_name.trim(),
      last_name: values.applicant.last_name.trim(),
      email: values.applicant.email.trim(),
      trn: text(values.applicant.trn),
      phone: text(values.applicant.phone),
    },
    school_urn: values.school_urn.trim(),
    role_title: text(values.role_title),
    has_qts: values.has_qts === 'yes',
    years_teaching_maths: number(values.years_teaching_maths),
    days_teaching_maths_per_week: number(values.days_teaching_maths_per_week),
    is_maths_subject_leader: yesNo(values.is_maths_subject_leader),
    additional_statuses: values.additional_statuses,
    engaged_with_hub_tfm_work: yesNo(values.engaged_with_hub_tfm_work),
    statement: values.statement.trim(),
    criteria_evidence: evidence,
    headteacher: {
      name: values.headteacher.name.trim(),
      email: values.headteacher.email.trim(),
      statement: text(values.headteacher.statement),
    },
    consent_to_data_processing: values.consent_to_data_processing,
  };
}

/** What the page says about the cohort's window: late after it closed (staff may still enter it). */
export function windowNotice(cohort: Pick<Cohort, 'name' | 'opens_at' | 'closes_at'>, now: Date = new Date()) {
  if (now.getTime() >= new Date(cohort.closes_at).getTime()) {
    return {
      late: true,
      message: `Applications to ${cohort.name} closed on ${formatDateTime(cohort.closes_at)}. This application will be marked late.`,
    };
  }
  if (now.getTime() < new Date(cohort.opens_at).getTime()) {
    return {
      late: false,
      message: `Applications to ${cohort.name} open on ${formatDateTime(cohort.opens_at)}; you can still enter this one by hand.`,
    };
  }
  return { late: false, message: `Applications to ${cohort.name} close on ${formatDateTime(cohort.closes_at)}.` };
}
