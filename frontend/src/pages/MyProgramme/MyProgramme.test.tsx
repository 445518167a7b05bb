import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/auth';
import { fakeApi, json, type SentRequest } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { Component as MyProgramme } from '.';

const RECORDS = [
  { id: 'sp-1', cohort_code: 'P-2024', cohort_name: 'Primary 2024', programme: 'primary', default_academic_year: '2026/27' },
  // Newly appointed: their development year has not begun, so the page opens on it.
  { id: 'sp-2', cohort_code: 'S-2027', cohort_name: 'Secondary 2027', programme: 'secondary', default_academic_year: '2027/28' },
] as const;

function me(specialists: Me['specialists']): Me {
  return {
    kind: 'user',
    id: 'u-1',
    name: 'Amira Khan',
    email: 'specialist@north.masteryhub.test',
    role: 'specialist',
    hub: null,
    scopes: [],
    specialists,
    can_approve_claims: false,
    mfa_enabled: false,
    mfa_required: false,
  };
}

function specialist(id: string, developmentYear: string) {
  return {
    id,
    hub_id: 'h-1',
    user_id: 'u-1',
    application_id: null,
    first_name: 'Amira',
    last_name: 'Khan',
    email: 'amira@example.test',
    school: { id: 'school-1', urn: '900001', name: 'Ardwick Primary' },
    cohort: { id: `c-${id}`, code: 'C', name: `Cohort of ${id}`, development_year: developmentYear },
    academic_year: developmentYear,
    programme_year: 1,
    default_academic_year: developmentYear,
    status: 'active',
    appointed_on: '2026-07-01',
    accreditation: { status: 'not_started', started_on: null, accredited_on: null },
    created_at: '2026-07-01T00:00:00Z',
    updated_at: '2026-07-01T00:00:00Z',
  };
}

const zero = { attended: 0, expected: 3, excused: 0, absent: 0, not_recorded: 0 };

function routesFor(id: string, year: string) {
  const base = `/api/v1/specialists/${id}`;
  return {
    [`GET ${base}`]: json(specialist(id, year)),
    [`GET ${base}/progress`]: json({
      specialist_id: id,
      academic_year: year,
      programme_year: 1,
      residentials: zero,
      trg_meetings: { school_trgs_held: 0, pilot_trgs_held: 0, pilot_trg_expected: true },
      work_groups: { led: 0, expected: false },
      release_days: { used_days: 0, entitlement_days: 15, remaining_days: 15 },
      accreditation: { status: 'not_started', started_on: null, accredited_on: null },
    }),
    [`GET ${base}/release-days`]: json({
      specialist_id: id,
      academic_year: year,
      programme_year: 1,
      balance: {
        entitlement_days: 15,
        claimed_days: 0,
        remaining_days: 15,
        claimed_pence: 0,
        approved_pence: 0,
        paid_pence: 0,
        owed_pence: 0,
        approved_days: 0,
        paid_days: 0,
      },
      entries: [],
    }),
    [`GET ${base}/claimable-events`]: json({ items: [] }),
    [`GET /api/v1/cohorts/c-${id}/year-rules/1`]: json({ programme_year: 1, release_days: 15, day_rates_pence: {}, grants: [], notes: null, id: 'r', updated_at: '2026-07-01T00:00:00Z' }),
  };
}

const SHARED = {
  'GET /api/v1/trg-meetings': json({ items: [], next_cursor: null }),
  'GET /api/v1/work-groups': json({ items: [], next_cursor: null }),
  'GET /api/v1/calendar/events': json({ items: [] }),
  'GET /api/v1/release-day-proposals': json({ items: [] }),
};

const paths = (sent: SentRequest[]) => sent.map((request) => request.path);

describe('My programme', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('explains a sign-in not linked to any specialist record, and asks the API for nothing', () => {
    const sent = fakeApi({});
    renderWithApp(<MyProgramme />, { me: me([]), path: '/my-programme' });
    expect(screen.getByText('Your sign-in is not linked to a specialist record')).toBeInTheDocument();
    expect(sent).toEqual([]);
  });

  it('opens on the year with an entitlement, and with two records offers a choice between them', async () => {
    const user = userEvent.setup({ delay: null });
    const sent = fakeApi({ ...routesFor('sp-1', '2026/27'), ...routesFor('sp-2', '2027/28'), ...SHARED });
    renderWithApp(<MyProgramme />, { me: me([...RECORDS]), path: '/my-programme' });

    await screen.findByText(/Amira Khan · Cohort of sp-1/);
    expect(screen.getByRole('combobox', { name: /^Academic year/ })).toHaveValue('2026/27');
    expect(await screen.findByRole('heading', { name: 'Release days and claims, 2026/27' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Record a meeting' })).toHaveAttribute('href', '/trg-meetings/new');
    expect(paths(sent)).not.toContain('/api/v1/specialists/sp-2');

    await user.click(screen.getByRole('combobox', { name: /^Programme/ }));
    await user.click(await screen.findByRole('option', { name: 'Secondary 2027 (Secondary)', hidden: true }));
    await screen.findByText(/Amira Khan · Cohort of sp-2/);
    await waitFor(() => expect(screen.getByRole('combobox', { name: /^Academic year/ })).toHaveValue('2027/28'));
    expect(paths(sent)).toContain('/api/v1/specialists/sp-2/release-days');
    expect(screen.queryByRole('heading', { name: 'Proposed claims' })).not.toBeInTheDocument();
  });
});
