import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/auth';
import type { DayRates } from '../../api/dayRates';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { Component as DayRatesPage } from './index';

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

function row(year: number, overrides: Partial<DayRates> = {}): DayRates {
  return {
    cohort_id: 'c-1',
    cohort_code: 'primary-running',
    cohort_name: 'Primary Demo Cohort',
    programme: 'primary',
    programme_year: year,
    academic_year: `${2024 + year}/${String(25 + year).padStart(2, '0')}`,
    hub_id: 'h-1',
    national_rates_pence: {},
    hub_rates_pence: null,
    effective_rates_pence: {},
    updated_at: null,
    ...overrides,
  };
}

const RATES = '/api/v1/cohorts/c-1/year-rules/3/day-rates';

describe('Day rates page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens the linked row’s rates and sends pounds as pence with the ETag read', async () => {
    const saved = row(3, { hub_rates_pence: { default: 118050 }, effective_rates_pence: { default: 118050 } });
    const sent = fakeApi({
      'GET /api/v1/day-rates': json({ items: [row(2, { national_rates_pence: { default: 20000 }, effective_rates_pence: { default: 20000 } }), row(3)] }),
      [`GET ${RATES}`]: json(row(3), 200, { ETag: '"r1"' }),
      [`PUT ${RATES}`]: json(saved),
    });
    renderWithApp(<DayRatesPage />, { me: LEAD, path: '/day-rates', url: '/day-rates?cohort=c-1&year=3' });
    const dialog = await screen.findByRole('dialog', { name: /Day rates: Primary Demo Cohort, year 3/ });
    expect(screen.getAllByText('No rate: claims are refused').length).toBeGreaterThan(0);
    const user = userEvent.setup({ delay: null });
    const amount = await within(dialog).findByRole('textbox', { name: 'Pounds a day' });
    await user.type(amount, '£1,180.50');
    await user.click(within(dialog).getByRole('button', { name: 'Save rates' }));
    await waitFor(() => expect(sent.some((request) => request.method === 'PUT')).toBe(true));
    const put = sent.find((request) => request.method === 'PUT');
    expect(put?.body).toEqual({ day_rates_pence: { default: 118050 } });
    expect(put?.headers.get('If-Match')).toBe('"r1"');
  });

  it('leads back to the refused claim it was linked from, and only to a page of this app', async () => {
    fakeApi({ 'GET /api/v1/day-rates': json({ items: [row(3)] }), [`GET ${RATES}`]: json(row(3), 200, { ETag: '"r1"' }) });
    const view = renderWithApp(<DayRatesPage />, { me: LEAD, path: '/day-rates', url: '/day-rates?cohort=c-1&year=3&back=%2Fspecialists%2Fsp-9' });
    expect(await screen.findByRole('link', { name: 'Back to the claim' })).toHaveAttribute('href', '/specialists/sp-9');
    view.unmount();
    renderWithApp(<DayRatesPage />, { me: LEAD, path: '/day-rates', url: '/day-rates?back=%2F%2Fevil.example' });
    await screen.findByRole('heading', { name: 'Day rates' });
    expect(screen.queryByRole('link', { name: 'Back to the claim' })).toBeNull();
  });

  it('refuses an amount that is not pounds beside the field, without calling the API', async () => {
    const sent = fakeApi({
      'GET /api/v1/day-rates': json({ items: [row(3)] }),
      [`GET ${RATES}`]: json(row(3)),
    });
    renderWithApp(<DayRatesPage />, { me: LEAD, path: '/day-rates', url: '/day-rates?cohort=c-1&year=3' });
    const dialog = await screen.findByRole('dialog');
    const user = userEvent.setup({ delay: null });
    await user.type(await within(dialog).findByRole('textbox', { name: 'Pounds a day' }), '350.505');
    await user.click(within(dialog).getByRole('button', { name: 'Save rates' }));
    await within(dialog).findByText('Enter an amount in pounds, such as 350 or 350.50.');
    expect(sent.filter((request) => request.method === 'PUT')).toEqual([]);
  });

  it('goes back to the national rates with DELETE and the ETag of the hub’s rates', async () => {
    const set = row(3, { hub_rates_pence: { default: 30000 }, effective_rates_pence: { default: 30000 }, updated_at: '2026-11-30T09:00:00Z' });
    const sent = fakeApi({
      'GET /api/v1/day-rates': json({ items: [set] }),
      [`GET ${RATES}`]: json(set, 200, { ETag: '"r2"' }),
      [`DELETE ${RATES}`]: new Response(null, { status: 204 }),
    });
    renderWithApp(<DayRatesPage />, { me: LEAD, path: '/day-rates' });
    const user = userEvent.setup({ delay: null });
    // jsdom has no media queries: the phone cards and the table are both there.
    const [useNational] = await screen.findAllByRole('button', { name: /^Use the national rates for Primary Demo Cohort, year 3/ });
    if (!useNational) throw new Error('no “Use the national rates” button');
    await user.click(useNational);
    const confirm = await screen.findByRole('dialog', { name: 'Use the national rates?' });
    await waitFor(() => expect(sent.some((request) => request.method === 'GET' && request.path === RATES)).toBe(true));
    await user.click(within(confirm).getByRole('button', { name: 'Use the national rates' }));
    await waitFor(() => expect(sent.some((request) => request.method === 'DELETE')).toBe(true));
    expect(sent.find((request) => request.method === 'DELETE')?.headers.get('If-Match')).toBe('"r2"');
  });
});
