/** An application as the API answers it, for the page's tests. */
import type { Me } from '../../api/auth';
import type { ApplicationDetail, ScreeningFlag } from '../../api/applications';

export function flag(code: string, overrides: Partial<ScreeningFlag> = {}): ScreeningFlag {
  return { code, label: code, criterion_kind: 'essential', passed: true, outcome: 'passed', detail: `${code} detail`, ...overrides };
}

export function application(overrides: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return {
    id: 'app-1',
    reference: 'PMS6-000042',
    status: 'awaiting_reference',
    is_late: false,
    source: 'form',
    cohort: { id: 'c-1', code: 'primary-demo', name: 'Primary demo cohort' },
    hub: { id: 'hub-north', code: 'north', name: 'North Maths Hub' },
    school_urn: '999001',
    school: { id: 's-1', urn: '999001', name: 'Oakfield Primary School', phase_name: 'Primary', la_name: 'Manchester' },
    school_unmatched: false,
    applicant: { first_name: 'Sam', last_name: 'Bright', email: 'sam@example.org', trn: null, phone: null },
    role_title: 'Year 4 teacher',
    has_qts: true,
    years_teaching_maths: 6,
    days_teaching_maths_per_week: 4,
    is_maths_subject_leader: true,
    additional_statuses: [],
    engaged_with_hub_tfm_work: null,
    statement: 'I lead maths.',
    criteria_evidence: {},
    headteacher: { name: 'Pat Head', email: 'pat@school.example.org', statement: null, commits_to_release_time: null, statement_received_at: null },
    consent_to_data_processing: true,
    screening: [],
    reference_overdue: false,
    submitted_at: '2026-06-01T09:00:00Z',
    decided_at: null,
    created_at: '2026-06-01T09:00:00Z',
    updated_at: '2026-06-01T09:00:00Z',
    review_summary: null,
    reference_status: {
      state: 'awaiting',
      last_sent_at: '2026-06-01T09:00:00Z',
      link_outstanding: true,
      resend_available_at: null,
      declined_at: null,
      decline_reason: null,
      chasers: [],
    },
    outcome: null,
    places: { hub: { filled: 3, total: 4 }, cohort: { filled: 5, total: 8 } },
    interview: null,
    outcome_reasons_available: [],
    reference_resends: [],
    ...overrides,
  };
}

export function lead(overrides: Partial<Me> = {}): Me {
  return {
    kind: 'user',
    id: 'u-lead',
    email: 'lead@north.test',
    name: 'Hana Lead',
    role: 'hub_lead',
    hub: null,
    scopes: [],
    can_approve_claims: true,
    specialists: [],
    mfa_enabled: false,
    mfa_required: false,
    ...overrides,
  };
}
