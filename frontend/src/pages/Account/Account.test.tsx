import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/auth';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { Component as AccountPage } from './index';

function me(overrides: Partial<Me> = {}): Me {
  return {
    kind: 'user',
    id: 'u-1',
    email: 'sam@north.test',
    name: 'Sam Staff',
    role: 'hub_staff',
    hub: { id: 'h-1', code: 'north', name: 'North Star Maths Hub' },
    scopes: [],
    specialists: [],
    can_approve_claims: false,
    mfa_enabled: false,
    mfa_required: false,
    ...overrides,
  };
}

const POLICY = { min_length: 12, max_length: 128, guidance: ['Use at least 12 characters.', 'Three random words work well.'] };
const SESSIONS = {
  items: [
    {
      id: 's-here',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      ip_address: '192.0.2.1',
      created_at: '2026-11-30T09:00:00Z',
      last_used_at: '2026-11-30T09:30:00Z',
      current: true,
    },
    {
      id: 's-phone',
      user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ip_address: '198.51.100.7',
      created_at: '2026-11-28T09:00:00Z',
      last_used_at: '2026-11-29T18:00:00Z',
      current: false,
    },
  ],
};

describe('Your account', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the password rules before typing and puts a wrong current password beside its field', async () => {
    fakeApi({
      'GET /api/v1/auth/password-policy': json(POLICY),
      'GET /api/v1/me/sessions': json(SESSIONS),
      'POST /api/v1/me/password': json(
        {
          type: 'about:blank',
          title: 'The request is not valid',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'current_password', message: 'Your current password is not right.' }],
        },
        422,
      ),
    });
    renderWithApp(<AccountPage />, { me: me() });
    const user = userEvent.setup({ delay: null });
    const newPassword = screen.getByLabelText(/^New password/);
    await waitFor(() => expect(newPassword).toHaveAccessibleDescription(/Use at least 12 characters\./));
    await user.type(screen.getByLabelText(/^Current password/), 'wrong one');
    await user.type(newPassword, 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Choose a longer password: at least 12 characters.')).toBeInTheDocument();
    await user.clear(newPassword);
    await user.type(newPassword, 'copper kettle harbour');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(screen.getByLabelText(/^Current password/)).toHaveAccessibleDescription('Your current password is not right.'));
  });

  it('lists sessions, this device first, and signs one out or all the others after confirming', async () => {
    const sent = fakeApi({
      'GET /api/v1/auth/password-policy': json(POLICY),
      'GET /api/v1/me/sessions': json({ items: [...SESSIONS.items].reverse() }),
      'DELETE /api/v1/me/sessions/s-phone': new Response(null, { status: 204 }),
      'DELETE /api/v1/me/sessions': new Response(null, { status: 204 }),
    });
    renderWithApp(<AccountPage />, { me: me() });
    const user = userEvent.setup({ delay: null });
    const list = await screen.findByRole('list', { name: 'Sessions' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('Chrome on Linux');
    expect(rows[0]).toHaveTextContent('This device');
    expect(rows[1]).toHaveTextContent('Safari on iPhone');
    expect(within(rows[0] as HTMLElement).queryByRole('button')).toBeNull();

    await user.click(within(rows[1] as HTMLElement).getByRole('button', { name: /^Sign out Safari on iPhone/ }));
    await waitFor(() => expect(sent.some((request) => request.method === 'DELETE' && request.path === '/api/v1/me/sessions/s-phone')).toBe(true));

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere else?' });
    expect(sent.some((request) => request.path === '/api/v1/me/sessions' && request.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere else' }));
    await waitFor(() => expect(sent.some((request) => request.path === '/api/v1/me/sessions' && request.method === 'DELETE')).toBe(true));
  });

  it('turns two-factor sign-in off with a code where the role allows it', async () => {
    const sent = fakeApi({
      'GET /api/v1/auth/password-policy': json(POLICY),
      'GET /api/v1/me/sessions': json(SESSIONS),
      'DELETE /api/v1/me/mfa/totp': new Response(null, { status: 204 }),
    });
    renderWithApp(<AccountPage />, { me: me({ mfa_enabled: true }) });
    const user = userEvent.setup({ delay: null });
    const section = screen.getByRole('region', { name: 'Two-factor sign-in' });
    expect(within(section).getByText('On')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Turn off two-factor sign-in' }));
    await user.type(within(section).getByLabelText(/^6-digit code/), '123 456');
    await user.click(within(section).getByRole('button', { name: 'Turn off' }));
    await waitFor(() => expect(sent.find((request) => request.method === 'DELETE')?.body).toEqual({ code: '123456' }));
  });

  it('does not offer to turn it off when the role requires it', () => {
    fakeApi({ 'GET /api/v1/auth/password-policy': json(POLICY), 'GET /api/v1/me/sessions': json(SESSIONS) });
    renderWithApp(<AccountPage />, { me: me({ role: 'hub_lead', mfa_enabled: true, mfa_required: true }) });
    const section = screen.getByRole('region', { name: 'Two-factor sign-in' });
    expect(within(section).queryByRole('button', { name: 'Turn off two-factor sign-in' })).toBeNull();
    expect(section).toHaveTextContent('Your role must use two-factor sign-in, so it cannot be turned off.');
  });
});
