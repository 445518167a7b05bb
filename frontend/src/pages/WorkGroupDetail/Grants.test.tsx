import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/auth';
import type { WorkGroup, WorkGroupGrant } from '../../api/workGroups';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { Grants } from './Grants';
import { grantInWords, withdrawalBody } from './grants';

const LEAD: Me = {
  kind: 'user',
  id: 'u-lead',
  email: 'lead@north.test',
  name: 'Lead',
  role: 'hub_lead',
  hub: { id: 'h-1', code: 'north', name: 'North Star Maths Hub' },
  scopes: [],
  specialists: [],
  can_approve_claims: true,
  mfa_enabled: false,
  mfa_required: false,
};

const WORK_GROUP: WorkGroup = {
  id: 'wg-1',
  hub_id: 'h-1',
  code: 'WG-21-01',
  title: 'Developing Mastery',
  phase: 'develop',
  programme: 'primary',
  academic_year: '2021/22',
  status: 'running',
  leads: [{ id: 'sp-1', first_name: 'Sam', last_name: 'Ahmed' }],
  schools: [
    {
      school: { id: 'school-a', urn: '100001', name: 'Brook Lane Primary School' },
      completed: null,
      withdrawn_on: '2022-01-10',
      participants: [{ id: 'p-1', name: 'Ada Lovelace', email: null, role: null }],
    },
    {
      school: { id: 'school-b', urn: '100002', name: 'Hill Top Infant School' },
      completed: null,
      withdrawn_on: null,
      participants: [{ id: 'p-2', name: 'Grace Hopper', email: null, role: null }],
    },
  ],
  sessions: [],
  outcomes: null,
  created_at: '2021-09-01T09:00:00Z',
  updated_at: '2021-09-01T09:00:00Z',
};

function entry(overrides: Partial<WorkGroupGrant['grant']>): WorkGroupGrant['grant'] {
  return {
    id: 'e-grant',
    specialist_id: 'sp-1',
    academic_year: '2021/22',
    date: '2021-10-12',
    kind: 'grant',
    activity: null,
    days: 0,
    day_rate_pence: null,
    amount_pence: 200000,
    grant_code: 'department_support',
    school: { id: 'school-a', urn: '100001', name: 'Brook Lane Primary School' },
    evidence: { type: 'work_group', id: 'wg-1' },
    note: null,
    status: 'paid',
    reverses_id: null,
    reversed_by_id: null,
    recorded_by_label: 'Hub staff',
    approved_at: '2021-10-20T09:00:00Z',
    paid_at: '2021-11-01T09:00:00Z',
    payment_reference: 'PR-1',
    created_at: '2021-10-12T09:00:00Z',
    ...overrides,
  } as WorkGroupGrant['grant'];
}

const GRANT: WorkGroupGrant = {
  school_id: 'school-a',
  withdrawn_on: '2022-01-10',
  grant: entry({}),
  reversal: null,
  recoverable: true,
};

const GRANTS = '/api/v1/work-groups/wg-1/grants';
const CLAWBACK = '/api/v1/work-groups/wg-1/schools/school-a/clawback';

describe('Grants and withdrawals', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('puts a grant and its recovery in words', () => {
    expect(grantInWords(undefined)).toBe('No grant yet');
    expect(grantInWords(GRANT)).toBe('£2,000.00, paid');
    const recovering = { ...GRANT, reversal: entry({ id: 'e-rev', amount_pence: -200000, status: 'approved', reverses_id: 'e-grant' }) };
    expect(grantInWords(recovering)).toBe('£2,000.00, paid; £2,000.00 being recovered');
  });

  it('marks one school withdrawn and keeps the others as they are', () => {
    const body = withdrawalBody(WORK_GROUP, 'school-b', '2022-02-01');
    expect(body.schools.map((row) => [row.school_id, 'withdrawn_on' in row ? row.withdrawn_on : 'kept'])).toEqual([
      ['school-a', 'kept'],
      ['school-b', '2022-02-01'],
    ]);
  });

  it('confirms the amount before recovering a withdrawn school’s grant, once', async () => {
    const sent = fakeApi({
      [`GET ${GRANTS}`]: json({ items: [GRANT] }),
      [`POST ${CLAWBACK}`]: json(entry({ id: 'e-rev', amount_pence: -200000, status: 'approved', reverses_id: 'e-grant' }), 201),
    });
    renderWithApp(<Grants workGroup={WORK_GROUP} etag={'"w1"'} onStale={() => undefined} />, { me: LEAD });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Recover grant from Brook Lane Primary School' }));
    const dialog = await screen.findByRole('dialog', { name: 'Recover the grant' });
    expect(within(dialog).getByText(/Recover £2,000\.00 from Brook Lane Primary School\?/)).toBeInTheDocument();
    expect(within(dialog).getByText(/the next payment run takes it back as a negative line/)).toBeInTheDocument();

    // A reason is required, said beside the field, and nothing is sent without one.
    await user.click(within(dialog).getByRole('button', { name: 'Recover £2,000.00' }));
    expect(await within(dialog).findByText('Say why the grant is recovered.')).toBeInTheDocument();
    expect(sent.filter((request) => request.method === 'POST')).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Left the work group in January');
    await user.click(within(dialog).getByRole('button', { name: 'Recover £2,000.00' }));
    await waitFor(() => expect(sent.some((request) => request.method === 'POST')).toBe(true));
    const post = sent.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({ reason: 'Left the work group in January' });
    expect(post?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers hub staff no recovery and no withdrawal', async () => {
    fakeApi({ [`GET ${GRANTS}`]: json({ items: [GRANT] }) });
    renderWithApp(<Grants workGroup={WORK_GROUP} etag={null} onStale={() => undefined} />, { me: { ...LEAD, role: 'hub_staff' } });
    expect(await screen.findByText('£2,000.00, paid')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Recover grant/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Record withdrawal/ })).toBeNull();
  });
});
