import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/auth';
import type { LedgerEntry } from '../../api/releaseDays';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { approvalRefusal } from './approvalRefusal';
import { Entries } from './Entries';

const LEAD = 'u-lead';

function entry(id: string, overrides: Partial<LedgerEntry>): LedgerEntry {
  return {
    id,
    specialist_id: 'sp-1',
    academic_year: '2026/27',
    date: '2026-10-05',
    kind: 'release_days',
    activity: 'planning',
    days: 1,
    day_rate_pence: 20000,
    amount_pence: 20000,
    currency: 'GBP',
    grant_code: null,
    school: { id: 's-1', urn: '100001', name: 'Brook Lane Primary' },
    evidence: null,
    note: `note ${id}`,
    status: 'claimed',
    reverses_id: null,
    reversed_by_id: null,
    recorded_by_id: 'u-specialist',
    recorded_by_label: 'Amira Khan',
    recorded_at: '2026-10-05T10:00:00Z',
    approved_at: null,
    approved_by_id: null,
    paid_at: null,
    paid_by_id: null,
    payment_reference: null,
    head_confirmation: 'not_asked',
    updated_at: '2026-10-05T10:00:00Z',
    ...overrides,
  };
}

function me(overrides: Partial<Me>): Me {
  return {
    kind: 'user',
    id: LEAD,
    email: 'lead@north.test',
    name: 'Lead',
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

const theirs = entry('e-1', { date: '2026-10-05' });
const mine = entry('e-2', { date: '2026-10-06', recorded_by_id: LEAD, recorded_by_label: 'Lead' });
const approvedTheirs = entry('e-3', { date: '2026-10-07', status: 'approved' });

describe('Entries: four eyes', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('offers Approve only on entries the approver did not record', () => {
    fakeApi({});
    renderWithApp(<Entries specialistId="sp-1" entries={[theirs, mine, approvedTheirs]} />, { me: me({}) });
    expect(screen.getByRole('button', { name: 'Approve Planning on 5 October 2026' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve Planning on 6 October 2026' })).not.toBeInTheDocument();
    expect(screen.getByText(/You recorded this: another approver approves it/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark paid Planning on 7 October 2026' })).toBeInTheDocument();
  });

  it('shows whether the school’s head confirmed each release day', () => {
    fakeApi({});
    renderWithApp(
      <Entries
        specialistId="sp-1"
        entries={[
          entry('e-5', { head_confirmation: 'confirmed' }),
          entry('e-6', { date: '2026-10-09', head_confirmation: 'disputed' }),
          entry('e-7', { date: '2026-10-10', kind: 'grant', activity: null, head_confirmation: 'not_asked' }),
        ]}
      />,
      { me: me({}) },
    );
    expect(screen.getByText('Confirmed by the head')).toBeInTheDocument();
    expect(screen.getByText('Disputed by the head')).toBeInTheDocument();
    expect(screen.queryByText('Not asked yet')).not.toBeInTheDocument(); // a grant is never asked
  });

  it('offers neither Approve nor Mark paid to someone who cannot approve', () => {
    fakeApi({});
    renderWithApp(<Entries specialistId="sp-1" entries={[theirs, approvedTheirs]} />, { me: me({ role: 'hub_staff', can_approve_claims: false }) });
    expect(screen.queryByRole('button', { name: /^Approve/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Mark paid/ })).not.toBeInTheDocument();
  });

  it('offers nothing on the approver’s own specialist record', () => {
    fakeApi({});
    renderWithApp(<Entries specialistId="sp-1" entries={[theirs]} />, {
      me: me({ role: 'hub_staff', specialists: [{ id: 'sp-1' }] as Me['specialists'] }),
    });
    expect(screen.queryByRole('button', { name: /^Approve/ })).not.toBeInTheDocument();
  });

  it('offers a specialist Reverse only on their claims not yet approved', () => {
    fakeApi({});
    const paidTheirs = entry('e-4', { date: '2026-10-08', status: 'paid' });
    renderWithApp(<Entries specialistId="sp-1" entries={[theirs, approvedTheirs, paidTheirs]} />, {
      me: me({ id: 'u-specialist', role: 'specialist', can_approve_claims: false, specialists: [{ id: 'sp-1' }] as Me['specialists'] }),
    });
    expect(screen.getByRole('button', { name: 'Reverse Planning on 5 October 2026' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reverse Planning on 7 October 2026' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reverse Planning on 8 October 2026' })).not.toBeInTheDocument();
  });

  it('offers hub staff Reverse on claims only, and a hub lead on approved and paid entries too', () => {
    fakeApi({});
    const paidTheirs = entry('e-4', { date: '2026-10-08', status: 'paid' });
    const staff = renderWithApp(<Entries specialistId="sp-1" entries={[theirs, approvedTheirs, paidTheirs]} />, {
      me: me({ role: 'hub_staff', can_approve_claims: true }),
    });
    expect(screen.getAllByRole('button', { name: /^Reverse/ }).map((button) => button.getAttribute('aria-label'))).toEqual([
      'Reverse Planning on 5 October 2026',
    ]);
    staff.unmount();
    renderWithApp(<Entries specialistId="sp-1" entries={[theirs, approvedTheirs, paidTheirs]} />, { me: me({}) });
    expect(screen.getAllByRole('button', { name: /^Reverse/ })).toHaveLength(3);
  });

  it('approves with the ETag of the version on screen', async () => {
    const path = '/api/v1/specialists/sp-1/release-days/e-1';
    const sent = fakeApi({
      [`GET ${path}`]: json(theirs, 200, { ETag: '"v1"' }),
      [`POST ${path}/approval`]: json({ ...theirs, status: 'approved' }),
    });
    renderWithApp(<Entries specialistId="sp-1" entries={[theirs]} />, { me: me({}) });
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Approve Planning on 5 October 2026' }));
    await waitFor(() => expect(sent.map((request) => `${request.method} ${request.path}`)).toContain(`POST ${path}/approval`));
    expect(sent.find((request) => request.method === 'POST')?.headers.get('If-Match')).toBe('"v1"');
  });

  it('does not approve an entry that changed after it was shown: the stale alert says so', async () => {
    const path = '/api/v1/specialists/sp-1/release-days/e-1';
    // Someone else approved it after the ledger was read: the row on screen is the old version.
    const sent = fakeApi({
      [`GET ${path}`]: json({ ...theirs, status: 'approved', updated_at: '2026-10-06T09:00:00Z' }, 200, { ETag: '"v2"' }),
      [`POST ${path}/approval`]: json({ ...theirs, status: 'approved' }),
    });
    renderWithApp(<Entries specialistId="sp-1" entries={[theirs]} />, { me: me({}) });
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Approve Planning on 5 October 2026' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this');
    expect(alert).toHaveTextContent('This entry changed after you opened it');
    expect(sent.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('shows the stale alert when the API refuses the approval as stale (412)', async () => {
    const path = '/api/v1/specialists/sp-1/release-days/e-1';
    const stale = { type: 'about:blank', title: 'Someone else changed this', status: 412, code: 'precondition_failed', detail: 'Reload it.' };
    fakeApi({
      [`GET ${path}`]: json(theirs, 200, { ETag: '"v1"' }),
      [`POST ${path}/approval`]: json(stale, 412),
    });
    renderWithApp(<Entries specialistId="sp-1" entries={[theirs]} />, { me: me({}) });
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Approve Planning on 5 October 2026' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This entry changed after you opened it');
    expect(screen.queryByText(/is approved/)).not.toBeInTheDocument();
  });

  it('marks paid with the ETag of the version on screen, and not at all once it changed', async () => {
    const path = '/api/v1/specialists/sp-1/release-days/e-3';
    const sent = fakeApi({
      [`GET ${path}`]: json({ ...approvedTheirs, reversed_by_id: 'e-9' }, 200, { ETag: '"v7"' }),
      [`POST ${path}/payment`]: json({ ...approvedTheirs, status: 'paid' }),
    });
    renderWithApp(<Entries specialistId="sp-1" entries={[approvedTheirs]} />, { me: me({}) });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Mark paid Planning on 7 October 2026' }));
    await user.click(await screen.findByRole('button', { name: 'Mark paid' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this');
    expect(sent.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('says why the API refused, in words', () => {
    const base = { type: 'about:blank', title: 'You cannot approve this', status: 403, detail: null };
    expect(approvalRefusal({ ...base, code: 'four_eyes_required' }).detail).toMatch(/You recorded this entry/);
    expect(approvalRefusal({ ...base, code: 'self_approval_forbidden' }).detail).toMatch(/your own claim/);
    expect(approvalRefusal({ ...base, code: 'four_eyes_required', detail: 'The API’s words.' }).detail).toBe('The API’s words.');
    expect(approvalRefusal({ ...base, status: 412, code: 'precondition_failed' }).detail).toMatch(/Someone else changed this entry/);
  });
});
