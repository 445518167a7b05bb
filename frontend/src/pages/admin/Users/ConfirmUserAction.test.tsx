import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../api/users';
import { fakeApi, json } from '../../../test/fakeApi';
import { renderWithApp, renderWithMantine } from '../../../test/render';
import { ConfirmUserAction } from './ConfirmUserAction';
import { UserStatus } from './UserStatus';

const INVITED: User = {
  id: 'u-9',
  email: 'sam@north.test',
  name: 'Sam Staff',
  role: 'hub_staff',
  hub_id: 'h-1',
  school_id: null,
  is_active: true,
  status: 'invited',
  invitation_expires_at: '2026-12-03T09:00:00Z',
  mfa_enabled: false,
  can_approve_claims: false,
  created_at: '2026-11-30T09:00:00Z',
  updated_at: '2026-11-30T09:00:00Z',
};

describe('Users: invitations and two-factor resets', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('revokes an invitation only after the confirmation, with DELETE', async () => {
    const sent = fakeApi({ 'DELETE /api/v1/users/u-9/invitation': new Response(null, { status: 204 }) });
    const onClose = vi.fn();
    renderWithApp(<ConfirmUserAction pending={{ action: 'revoke', user: INVITED }} onClose={onClose} />);
    const dialog = await screen.findByRole('dialog', { name: 'Revoke the invitation?' });
    expect(dialog).toHaveTextContent('The link we emailed to sam@north.test will stop working');
    expect(sent).toHaveLength(0);
    await userEvent.setup({ delay: null }).click(within(dialog).getByRole('button', { name: 'Revoke invitation' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual(['DELETE /api/v1/users/u-9/invitation']);
  });

  it('re-sends an invitation with POST, and a national admin resets two-factor with DELETE …/mfa', async () => {
    const sent = fakeApi({
      'POST /api/v1/users/u-9/invitation': json(INVITED, 202),
      'DELETE /api/v1/users/u-9/mfa': new Response(null, { status: 204 }),
    });
    const user = userEvent.setup({ delay: null });
    const first = renderWithApp(<ConfirmUserAction pending={{ action: 'resend', user: INVITED }} onClose={vi.fn()} />);
    await user.click(within(await screen.findByRole('dialog', { name: 'Re-send the invitation?' })).getByRole('button', { name: 'Re-send invitation' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    first.unmount();
    renderWithApp(<ConfirmUserAction pending={{ action: 'reset-mfa', user: { ...INVITED, status: 'active', mfa_enabled: true } }} onClose={vi.fn()} />);
    await user.click(within(await screen.findByRole('dialog', { name: 'Reset two-factor sign-in?' })).getByRole('button', { name: 'Reset two-factor' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/v1/users/u-9/invitation', 'DELETE /api/v1/users/u-9/mfa']);
  });

  it('says when an invitation link runs out, or that none is pending', () => {
    const { rerender } = renderWithMantine(<UserStatus user={INVITED} now={new Date('2026-12-01T00:00:00Z')} />);
    expect(screen.getByText('Invited')).toBeInTheDocument();
    expect(screen.getByText(/^Link works until 3 December 2026/)).toBeInTheDocument();
    rerender(<UserStatus user={INVITED} now={new Date('2026-12-04T00:00:00Z')} />);
    expect(screen.getByText(/^Link expired 3 December 2026/)).toBeInTheDocument();
    rerender(<UserStatus user={{ ...INVITED, invitation_expires_at: null }} />);
    expect(screen.getByText('No link pending')).toBeInTheDocument();
    rerender(<UserStatus user={{ ...INVITED, status: 'deactivated', is_active: false }} />);
    expect(screen.getByText('Deactivated')).toBeInTheDocument();
    expect(screen.queryByText(/Link/)).toBeNull();
  });
});
