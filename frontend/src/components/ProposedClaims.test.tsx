import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Proposal } from '../api/proposals';
import { fakeApi, json } from '../test/fakeApi';
import { renderWithApp } from '../test/render';
import { ProposedClaims } from './ProposedClaims';

function proposal(id: string, specialistId: string): Proposal {
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
