import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { Component as InvitationPage } from './index';

const POLICY = { min_length: 12, max_length: 128, guidance: ['Use at least 12 characters.'] };
const INVITATION = {
  email: 'ada@masteryhub.test',
  name: 'Ada Admin',
  role: 'national_admin',
  hub: null,
  expires_at: '2026-12-03T09:00:00Z',
};

describe('Invitation page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sets the password, then goes straight on to 2FA enrolment when the role requires it', async () => {
    const sent = fakeApi({
      'GET /api/v1/invitations/tok-1': json(INVITATION),
      'GET /api/v1/auth/password-policy': json(POLICY),
      'POST /api/v1/invitations/tok-1': new Response(null, { status: 204 }),
      'POST /api/v1/auth/token': json({ error: 'mfa_enrolment_required', mfa_token: 'enrol-1', error_description: 'Set up 2FA.' }, 400),
      'POST /api/v1/me/mfa/totp': json({ secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/x', qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' }, 201),
    });
    renderWithApp(<InvitationPage />, { path: '/invitations/:token', url: '/invitations/tok-1' });
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText(/Welcome, Ada Admin\. You have been invited to MasteryHub as National admin in the national team\./)).toBeInTheDocument();
    const password = screen.getByLabelText(/^Choose a password/);
    await waitFor(() => expect(password).toHaveAccessibleDescription(/Use at least 12 characters\./));
    await user.type(password, 'short');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(await screen.findByText('Choose a longer password: at least 12 characters.')).toBeInTheDocument();
    expect(sent.some((request) => request.method === 'POST')).toBe(false);

    await user.clear(password);
    await user.type(password, 'copper kettle harbour lantern');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(await screen.findByRole('heading', { name: 'Set up two-factor sign-in' })).toBeInTheDocument();
    await screen.findByRole('img', { name: /QR code/ });

    const posts = sent.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.path)).toEqual(['/api/v1/invitations/tok-1', '/api/v1/auth/token', '/api/v1/me/mfa/totp']);
    expect(posts[0]?.body).toEqual({ password: 'copper kettle harbour lantern' });
    expect(posts[2]?.headers.get('Authorization')).toBe('Bearer enrol-1');
  });

  it('says a used or expired link no longer works', async () => {
    fakeApi({
      'GET /api/v1/invitations/old': json({ type: 'about:blank', title: 'Gone', status: 410, code: 'invitation_gone' }, 410),
      'GET /api/v1/auth/password-policy': json(POLICY),
    });
    renderWithApp(<InvitationPage />, { path: '/invitations/:token', url: '/invitations/old' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Invitations work once and for 72 hours.');
  });
});
