import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Proposal } from '../api/proposals';
import { fakeApi, json } from '../test/fakeApi';
import { renderWithApp } from '../test/render';
import { ProposedClaims, SpecialistProposedClaims } from './ProposedClaims';

function proposal(id: string, specialistId: string, overrides: Partial<Proposal> = {}): Proposal {
  return {
    id,
    specialist_id: specialistId,
    academic_year: '2026/27',
    date: '2026-11-30',
    kind: 'release_days',
    activity: 'work_group_session',
    days: 0.5,
    day_rate_pence: 35000,
    amount_pence: 17500,
    currency: 'GBP',
    grant_code: null,
    school: { id: 's-1', urn: '999001', name: 'Oakfield Primary School' },
    evidence: { type: 'work_group_session', id: 'session-1' },
    note: 'WG-DEMO: Developing mastery',
    status: 'proposed',
    reverses_id: null,
    reversed_by_id: null,
    recorded_by_id: null,
    recorded_by_label: 'Proposed from the register',
    recorded_at: '2026-11-30T10:00:00Z',
    approved_at: null,
    approved_by_id: null,
    paid_at: null,
    paid_by_id: null,
    payment_reference: null,
    head_confirmation: 'not_asked',
    updated_at: '2026-11-30T10:00:00Z',
    specialist_name: 'Amira Khan',
    register_deleted: false,
    ...overrides,
  };
}

describe('proposed claims', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('names whose release days each proposal is, so two leads’ rows differ', async () => {
    fakeApi({
      'GET /api/v1/release-day-proposals': json({ items: [proposal('e-1', 'sp-amira'), proposal('e-2', 'sp-ben')] }),
    });
    renderWithApp(<ProposedClaims evidenceIds={['session-1']} specialistNames={{ 'sp-amira': 'Amira Khan', 'sp-ben': 'Ben Okafor' }} />);

    expect(await screen.findByRole('cell', { name: 'Work group session, 0.5 days for Amira Khan' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Work group session, 0.5 days for Ben Okafor' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Accept Work group session, 0.5 days for Amira Khan on 30 November 2026' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Accept Work group session, 0.5 days for Ben Okafor on 30 November 2026' })).toBeInTheDocument();
    expect(screen.getAllByRole('cell', { name: '£175.00' })).toHaveLength(2);
  });
});

describe('a specialist’s proposed claims', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists the reversal a deleted meeting left, says where it came from, and accepts it', async () => {
    const user = userEvent.setup({ delay: null });
    const reversal = proposal('e-rev', 'sp-amira', {
      activity: 'school_trg',
      days: -0.5,
      amount_pence: -10000,
      reverses_id: 'e-claim',
      evidence: { type: 'trg_meeting', id: 'meeting-gone' },
      note: 'The register was deleted.',
      register_deleted: true,
    });
    let items = [reversal, proposal('e-2', 'sp-amira')];
    const sent = fakeApi({
      'GET /api/v1/release-day-proposals': () => json({ items }),
      'POST /api/v1/specialists/sp-amira/release-days/e-rev/acceptance': () => {
        items = items.filter((item) => item.id !== 'e-rev');
        return json({ ...reversal, status: 'approved' });
      },
    });
    renderWithApp(<SpecialistProposedClaims specialistId="sp-amira" forThemself />);

    expect(await screen.findByRole('heading', { name: 'Proposed claims' })).toBeInTheDocument();
    expect(sent[0]?.path).toBe('/api/v1/release-day-proposals');
    expect(screen.getByText('From a TRG meeting that was deleted')).toBeInTheDocument();
    expect(screen.getByText('From a work group session')).toBeInTheDocument();
    expect(screen.getByText('The register was deleted.')).toBeInTheDocument();
    const label = 'School TRG, \u22120.5 days on 30 November 2026';
    expect(screen.queryByRole('button', { name: `Reject Reversal: ${label}` })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reject Work group session, 0.5 days on 30 November 2026' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: `Accept Reversal: ${label}` }));
    await waitFor(() => expect(screen.queryByText('From a TRG meeting that was deleted')).not.toBeInTheDocument());
    expect(sent.some((request) => request.method === 'POST' && request.path.endsWith('/e-rev/acceptance'))).toBe(true);
  });

  it('asks for the specialist’s own, and shows nothing while there is nothing to decide', async () => {
    const sent = fakeApi({ 'GET /api/v1/release-day-proposals': json({ items: [] }) });
    renderWithApp(
      <>
        <SpecialistProposedClaims specialistId="sp-amira" forThemself={false} />
        <p>The rest of the page</p>
      </>,
    );
    await waitFor(() => expect(sent).toHaveLength(1));
    await screen.findByText('The rest of the page');
    expect(screen.queryByRole('heading', { name: 'Proposed claims' })).not.toBeInTheDocument();
  });
});
