import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/auth';
import type { HubSettings } from '../../api/hubSettings';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { Component as HubSettingsPage } from './index';
import { durationInWords, halfDayInWords } from './values';

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

const SETTINGS: HubSettings = {
  hub_id: 'h-1',
  hub_name: 'North Star Maths Hub',
  release_minutes_per_half_day: 180,
  grant_sessions_threshold: 2,
  payment_waits_for_confirmation: false,
  updated_at: '2026-11-30T09:00:00Z',
};

const URL = '/api/v1/hubs/h-1/settings';

describe('Hub settings', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says a half day in words', () => {
    expect(durationInWords(180)).toBe('3 hours');
    expect(durationInWords(150)).toBe('2 hours 30 minutes');
    expect(durationInWords(45)).toBe('45 minutes');
    expect(halfDayInWords(180)).toBe(
      'A half day is 3 hours of meeting time, rounded up: a session from 9:00 to 15:30 counts as 1.5 days.',
    );
  });

  it('shows the hub lead their hub’s settings and saves them with the ETag read', async () => {
    const sent = fakeApi({
      [`GET ${URL}`]: json(SETTINGS, 200, { ETag: '"s1"' }),
      [`PATCH ${URL}`]: json({ ...SETTINGS, release_minutes_per_half_day: 150, payment_waits_for_confirmation: true }),
    });
    renderWithApp(<HubSettingsPage />, { me: LEAD, path: '/hub-settings' });
    const minutes = await screen.findByRole('textbox', { name: 'Minutes of meeting time in a half day' });
    expect(screen.getByText(/A half day is 3 hours of meeting time/)).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.clear(minutes);
    await user.type(minutes, '150');
    expect(screen.getByText(/A half day is 2 hours 30 minutes of meeting time/)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Pay only once the headteacher has confirmed' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(sent.some((request) => request.method === 'PATCH')).toBe(true));
    const patch = sent.find((request) => request.method === 'PATCH');
    expect(patch?.body).toEqual({
      release_minutes_per_half_day: 150,
      grant_sessions_threshold: 2,
      payment_waits_for_confirmation: true,
    });
    expect(patch?.headers.get('If-Match')).toBe('"s1"');
  });

  it('refuses numbers out of bounds beside the fields, without calling the API', async () => {
    const sent = fakeApi({ [`GET ${URL}`]: json(SETTINGS, 200, { ETag: '"s1"' }) });
    renderWithApp(<HubSettingsPage />, { me: LEAD, path: '/hub-settings' });
    const user = userEvent.setup({ delay: null });
    const minutes = await screen.findByRole('textbox', { name: 'Minutes of meeting time in a half day' });
    await user.clear(minutes);
    await user.type(minutes, '20');
    const sessions = screen.getByRole('textbox', { name: 'Sessions a school must attend to earn its grant' });
    await user.clear(sessions);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Enter a whole number of minutes from 30 to 480.')).toBeInTheDocument();
    expect(screen.getByText('Enter a number of sessions from 1 to 50.')).toBeInTheDocument();
    expect(sent.filter((request) => request.method === 'PATCH')).toEqual([]);
  });

  it('shows the stale alert when someone else changed the settings (412)', async () => {
    fakeApi({
      [`GET ${URL}`]: json(SETTINGS, 200, { ETag: '"s1"' }),
      [`PATCH ${URL}`]: json({ type: 'about:blank', title: 'Precondition failed', status: 412, code: 'precondition_failed' }, 412),
    });
    renderWithApp(<HubSettingsPage />, { me: LEAD, path: '/hub-settings' });
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('textbox', { name: 'Minutes of meeting time in a half day' });
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Someone else changed this')).toBeInTheDocument();
  });
});
