import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/auth';
import { fakeApi, json, type SentRequest } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { ClaimForm } from './ClaimForm';

const CLAIMS = '/api/v1/specialists/sp-1/release-days';
const EVENTS = '/api/v1/specialists/sp-1/claimable-events';
const RULE = '/api/v1/cohorts/c-1/year-rules/2';

const SPECIALIST = {
  id: 'sp-1',
  school: { id: 'school-1', urn: '900001', name: 'Ardwick Primary' },
  cohort: { id: 'c-1', code: 'P-2025', name: 'Primary 2025', development_year: '2025/26' },
};

const person = (role: 'specialist' | 'hub_lead'): Me => ({
  kind: 'user',
  id: 'u-1',
  name: 'Amira Khan',
  email: 'specialist@north.masteryhub.test',
  role,
  hub: null,
  scopes: [],
  specialists: [],
  can_approve_claims: role === 'hub_lead',
  mfa_enabled: false,
  mfa_required: false,
});

const MEETING = {
  type: 'trg_meeting',
  id: 'trg-1',
  date: '2026-11-12',
  title: 'School TRG at Ardwick Primary',
  activity: 'school_trg',
  claimed_days: 0,
};
const SESSION = {
  type: 'work_group_session',
  id: 'session-1',
  date: '2026-10-08',
  title: 'Fractions work group, session 2',
  activity: 'work_group_session',
  claimed_days: 0.5,
};
const GRANTS = {
  programme_year: 2,
  release_days: 10,
  day_rates_pence: { default: 20000 },
  grants: [{ code: 'department_support', description: 'Department support', amount_pence: 200000 }],
  notes: null,
  id: 'rule-2',
  updated_at: '2026-09-01T00:00:00Z',
};

function api(routes: Record<string, Response> = {}) {
  return fakeApi({
    [`GET ${EVENTS}`]: json({ items: [MEETING, SESSION] }),
    [`GET ${RULE}`]: json(GRANTS),
    ...routes,
  });
}

function show(role: 'specialist' | 'hub_lead' = 'specialist') {
  renderWithApp(<ClaimForm specialist={SPECIALIST} academicYear="2026/27" programmeYear={2} remaining={3} />, { me: person(role) });
}

const field = (name: RegExp) => screen.getByRole('textbox', { name });
const posts = (sent: SentRequest[]) => sent.filter((request) => request.method === 'POST');

async function claim(days: string, { date = '4 November 2026' }: { date?: string | null } = {}) {
  const user = userEvent.setup({ delay: null });
  if (date) {
    await user.clear(field(/^date/i));
    await user.type(field(/^date/i), date);
    await user.tab();
  }
  const daysInput = field(/^days/i);
  await user.clear(daysInput);
  await user.type(daysInput, days);
  await user.click(screen.getByRole('button', { name: 'Claim' }));
}

function refusedWith(problem: Record<string, unknown>, status: number) {
  api({ [`POST ${CLAIMS}`]: json({ type: 'about:blank', title: 'Refused', ...problem, status }, status) });
}

describe('ClaimForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('refuses a quarter day beside the field and never rounds it to a half', async () => {
    const sent = api();
    show();
    await claim('0.25');
    const days = field(/^days/i);
    await waitFor(() => expect(days).toHaveAttribute('aria-invalid', 'true'));
    expect(days).toHaveAccessibleDescription(expect.stringContaining('Release days are counted in half days'));
    expect(days).toHaveValue('0.25');
    expect(posts(sent)).toEqual([]);
  });

  it('posts the claim with an idempotency key: the typed date as ISO, days as a number, the specialist’s school', async () => {
    const sent = api({ [`POST ${CLAIMS}`]: json({ id: 'e-1', kind: 'release_days', date: '2026-11-04', days: 1.5, amount_pence: 30000 }, 201) });
    show();
    await claim('1.5', { date: '04/11/2026' });
    await waitFor(() => expect(posts(sent)).toHaveLength(1));
    expect(posts(sent)[0]?.body).toEqual({
      kind: 'release_days',
      date: '2026-11-04',
      days: 1.5,
      activity: 'school_support_visit',
      school_id: 'school-1',
      evidence: null,
      note: null,
    });
    expect(posts(sent)[0]?.headers.get('Idempotency-Key')).toMatch(/.{16,}/);
  });

  it('offers the specialist’s own recorded events; picking one fills the date and activity and sends it as evidence', async () => {
    const user = userEvent.setup({ delay: null });
    const sent = api({ [`POST ${CLAIMS}`]: json({ id: 'e-2', kind: 'release_days', date: '2026-11-12', days: 0.5, amount_pence: 10000 }, 201) });
    show();
    await waitFor(() => expect(sent.map((request) => request.path)).toContain(EVENTS));
    await user.click(screen.getByRole('combobox', { name: 'Claim for' }));
    const listbox = await screen.findByRole('listbox', { name: 'Claim for', hidden: true });
    expect(within(listbox).getByText('TRG meetings')).toBeInTheDocument();
    // What has been claimed already is said, so nobody claims a session twice by mistake.
    expect(within(listbox).getByRole('option', { name: '8 October 2026: Fractions work group, session 2 (0.5 days already claimed)', hidden: true })).toBeInTheDocument();
    await user.click(within(listbox).getByRole('option', { name: '12 November 2026: School TRG at Ardwick Primary', hidden: true }));

    expect(field(/^date/i)).toHaveValue('12 November 2026');
    expect(screen.getByRole('combobox', { name: /^activity/i })).toHaveValue('School TRG');
    await claim('0.5', { date: null });
    await waitFor(() => expect(posts(sent)).toHaveLength(1));
    expect(posts(sent)[0]?.body).toMatchObject({
      date: '2026-11-12',
      days: 0.5,
      activity: 'school_trg',
      evidence: { type: 'trg_meeting', id: 'trg-1' },
    });
  });

  it('says so when nothing is recorded for the year yet', async () => {
    fakeApi({ [`GET ${EVENTS}`]: json({ items: [] }), [`GET ${RULE}`]: json(GRANTS) });
    show();
    expect(await screen.findByText(/Nothing recorded for 2026\/27 yet/)).toBeInTheDocument();
  });

  it('shows the cap refusal beside the days field, with what remains', async () => {
    refusedWith(
      {
        code: 'release_day_cap_exceeded',
        detail: 'Only 0.5 of the 15 release days remain for 2026/27. This claim is for 2.',
        errors: [{ field: 'days', message: 'Only 0.5 of the 15 release days remain for 2026/27.' }],
        remaining_days: 0.5,
      },
      409,
    );
    show();
    await claim('2');
    const days = field(/^days/i);
    await waitFor(() => expect(days).toHaveAttribute('aria-invalid', 'true'));
    expect(days).toHaveAccessibleDescription(expect.stringContaining('Only 0.5 of the 15 release days remain for 2026/27.'));
  });

  it('still places a cap refusal that names no field beside the days', async () => {
    refusedWith({ code: 'release_day_cap_exceeded', detail: '2 days claimed would exceed 15 days.', remaining_days: 0.5 }, 409);
    show();
    await claim('2');
    const days = field(/^days/i);
    await waitFor(() => expect(days).toHaveAttribute('aria-invalid', 'true'));
    expect(days).toHaveAccessibleDescription(expect.stringContaining('Only 0.5 days left for 2026/27.'));
  });

  it('puts each refusal on the field it names, in the API’s words: the school, the evidence', async () => {
    refusedWith(
      {
        code: 'validation_failed',
        errors: [
          { field: 'school_id', message: 'Choose the school this claim funds: no school is on record for you.' },
          { field: 'evidence', message: 'That meeting is not one of yours.' },
        ],
      },
      422,
    );
    show();
    await claim('1');
    const school = screen.getByRole('combobox', { name: /^school funded/i });
    await waitFor(() => expect(school).toHaveAttribute('aria-invalid', 'true'));
    expect(school).toHaveAccessibleDescription(expect.stringContaining('Choose the school this claim funds: no school is on record for you.'));
    expect(screen.getByRole('combobox', { name: 'Claim for' })).toHaveAccessibleDescription(
      expect.stringContaining('That meeting is not one of yours.'),
    );
  });

  it('says where a hub lead sets a missing day rate', async () => {
    refusedWith(
      {
        code: 'day_rate_not_set',
        detail: 'No day rate is set for school trg in 2026/27 (Primary 2025). The hub lead must set the day rate before these days can be claimed.',
        errors: [{ field: 'activity', message: 'No day rate is set for this activity yet: your hub lead sets it on the day rates page.' }],
        cohort_id: 'c-9',
        programme_year: 3,
      },
      409,
    );
    show('hub_lead');
    await claim('1');
    const link = await screen.findByRole('link', { name: 'Set the day rates' });
    expect(link).toHaveAttribute('href', '/day-rates?cohort=c-9&year=3&back=%2F');
    expect(screen.getByRole('combobox', { name: /^activity/i })).toHaveAccessibleDescription(
      expect.stringContaining('No day rate is set for this activity yet: your hub lead sets it on the day rates page.'),
    );
  });

  it('tells a specialist their hub lead sets a missing day rate, with no link they cannot use', async () => {
    refusedWith(
      {
        code: 'day_rate_not_set',
        detail: 'No day rate is set for school trg in 2026/27 (Primary 2025). The hub lead must set the day rate before these days can be claimed.',
        errors: [{ field: 'activity', message: 'No day rate is set for this activity yet: your hub lead sets it on the day rates page.' }],
        cohort_id: 'c-1',
        programme_year: 2,
      },
      409,
    );
    show('specialist');
    await claim('1');
    const activity = screen.getByRole('combobox', { name: /^activity/i });
    await waitFor(() => expect(activity).toHaveAccessibleDescription(expect.stringContaining('your hub lead sets it on the day rates page')));
    expect(screen.queryByRole('link', { name: 'Set the day rates' })).toBeNull();
  });

  it('claims travel typed in pounds as pence, and a grant of the year rule', async () => {
    const user = userEvent.setup({ delay: null });
    const sent = api({ [`POST ${CLAIMS}`]: json({ id: 'e-3', kind: 'travel', date: '2026-11-04', days: 0, amount_pence: 1240 }, 201) });
    show();
    await user.type(field(/^date/i), '4 Nov 2026');
    await user.click(screen.getByRole('radio', { name: 'Travel' }));
    await user.type(field(/^amount/i), '12.40');
    await user.click(screen.getByRole('button', { name: 'Claim' }));
    await waitFor(() => expect(posts(sent)).toHaveLength(1));
    expect(posts(sent)[0]?.body).toEqual({
      kind: 'travel',
      date: '2026-11-04',
      amount_pence: 1240,
      school_id: 'school-1',
      evidence: null,
      note: null,
    });

    await user.click(await screen.findByRole('radio', { name: 'Grant' }));
    await user.click(screen.getByRole('combobox', { name: /^grant/i }));
    expect(await screen.findByRole('option', { name: 'Department support (£2,000.00)', hidden: true })).toBeInTheDocument();
  });
});
