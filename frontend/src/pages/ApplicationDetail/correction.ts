import type { ApplicationDetail, ApplicationUpdate } from '../../api/applications';

/** The correction form's values: text fields as typed, answers as the form holds them. */
export interface CorrectionValues {
  applicant: { first_name: string; last_name: string; email: string; phone: string; trn: string };
  role_title: string;
  has_qts: 'yes' | 'no';
  years_teaching_maths: number | '';
  days_teaching_maths_per_week: number | '';
  is_maths_subject_leader: 'yes' | 'no' | '';
  statement: string;
  headteacher: { name: string; email: string };
  /** A school picked from the register (its URN), or null to keep the current one. */
  school_urn: string | null;
}

function yesNo(value: boolean | null | undefined): 'yes' | 'no' | '' {
  if (value === null || value === undefined) return '';
  return value ? 'yes' : 'no';
}

export function valuesOf(application: ApplicationDetail): CorrectionValues {
  return {
    applicant: {
      first_name: application.applicant.first_name,
      last_name: application.applicant.last_name,
      email: application.applicant.email,
      phone: application.applicant.phone ?? '',
      trn: application.applicant.trn ?? '',
    },
    role_title: application.role_title ?? '',
    has_qts: application.has_qts ? 'yes' : 'no',
    years_teaching_maths: application.years_teaching_maths ?? '',
    days_teaching_maths_per_week: application.days_teaching_maths_per_week ?? '',
    is_maths_subject_leader: yesNo(application.is_maths_subject_leader),
    statement: application.statement,
    headteacher: { name: application.headteacher.name, email: application.headteacher.email },
    school_urn: null,
  };
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Only what changed, so the audit trail shows the correction and nothing else: empty optional
 * text clears it (null), empty required text is left for the form's own check.
 */
export function correctionBody(before: CorrectionValues, after: CorrectionValues): ApplicationUpdate {
  const body: ApplicationUpdate = {};
  const applicant: NonNullable<ApplicationUpdate['applicant']> = {};
  for (const key of ['first_name', 'last_name'] as const) {
    const value = after.applicant[key].trim();
    if (value !== before.applicant[key]) applicant[key] = value;
  }
  if (!sameEmail(after.applicant.email, before.applicant.email)) applicant.email = after.applicant.email.trim();
  for (const key of ['phone', 'trn'] as const) {
    const value = after.applicant[key].trim();
    if (value !== before.applicant[key]) applicant[key] = value || null;
  }
  if (Object.keys(applicant).length > 0) body.applicant = applicant;

  const role = after.role_title.trim();
  if (role !== before.role_title) body.role_title = role || null;
  if (after.has_qts !== before.has_qts) body.has_qts = after.has_qts === 'yes';
  if (after.years_teaching_maths !== before.years_teaching_maths) {
    body.years_teaching_maths = after.years_teaching_maths === '' ? null : after.years_teaching_maths;
  }
  if (after.days_teaching_maths_per_week !== before.days_teaching_maths_per_week) {
    body.days_teaching_maths_per_week = after.days_teaching_maths_per_week === '' ? null : after.days_teaching_maths_per_week;
  }
  if (after.is_maths_subject_leader !== before.is_maths_subject_leader) {
    body.is_maths_subject_leader = after.is_maths_subject_leader === '' ? null : after.is_maths_subject_leader === 'yes';
  }
  if (after.statement !== before.statement) body.statement = after.statement;

  const headteacher: NonNullable<ApplicationUpdate['headteacher']> = {};
  const name = after.headteacher.name.trim();
  if (name !== before.headteacher.name) headteacher.name = name;
  if (!sameEmail(after.headteacher.email, before.headteacher.email)) headteacher.email = after.headteacher.email.trim();
  if (Object.keys(headteacher).length > 0) body.headteacher = headteacher;

  if (after.school_urn && after.school_urn !== before.school_urn) body.school_urn = after.school_urn;
  return body;
}

/**
 * Whether saving should first ask "Send a new link to <address>?": the headteacher's address
 * changed while the application still waits for the reference (afterwards no link is needed).
 */
export function newLinkQuestion(application: ApplicationDetail, body: ApplicationUpdate): string | null {
  const address = body.headteacher?.email;
  if (!address || application.status !== 'awaiting_reference') return null;
  return address;
}

/** What a hub lead is told once a correction is saved. */
export function savedMessage(body: ApplicationUpdate, linkSentTo: string | null, oldAddress: string): string {
  const parts = ['The corrections are saved.'];
  if (body.headteacher?.email) {
    parts.push(
      linkSentTo
        ? `A new reference link was sent to ${linkSentTo}; the link sent to ${oldAddress} no longer works.`
        : `The link sent to ${oldAddress} no longer works; no new link was sent.`,
    );
  }
  return parts.join(' ');
}
