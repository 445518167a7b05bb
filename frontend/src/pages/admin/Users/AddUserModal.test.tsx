import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../../test/fakeApi';
import { renderWithApp } from '../../../test/render';
import { AddUserModal } from './AddUserModal';

async function fill(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Pat Approver');
  await user.type(screen.getByRole('textbox', { name: /^Email address/ }), 'pat@north.test');
}

describe('AddUserModal: inviting someone', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for no password: the invitation email lets the person choose their own', async () => {
    const sent = fakeApi({ 'POST /api/v1/users': json({ id: 'u-1', name: 'Pat Approver', email: 'pat@north.test' }, 201) });
    renderWithApp(<AddUserModal opened onClose={() => undefined} isNational={false} />);
    const user = userEvent.setup({ delay: null });
    expect(document.querySelectorAll('input[type="password"]')).toHaveLength(0);
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).not.toHaveProperty('password');
    expect(sent[0]?.body).toEqual({ name: 'Pat Approver', email: 'pat@north.test', role: 'hub_staff', hub_id: null, can_approve_claims: false });
  });

  it('shows an address already in use beside the email field', async () => {
    fakeApi({
      'POST /api/v1/users': json(
        { type: 'about:blank', title: 'Already exists', status: 409, code: 'already_exists', detail: 'A user with this email address already exists.' },
        409,
      ),
    });
    renderWithApp(<AddUserModal opened onClose={() => undefined} isNational={false} />);
    const user = userEvent.setup({ delay: null });
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    const email = screen.getByRole('textbox', { name: /^Email address/ });
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('A user with this email address already exists.');
  });
});

describe('AddUserModal: naming hub staff as approvers', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends can_approve_claims for hub staff when ticked', async () => {
    const sent = fakeApi({ 'POST /api/v1/users': json({ id: 'u-1', name: 'Pat Approver' }, 201) });
    renderWithApp(<AddUserModal opened onClose={() => undefined} isNational={false} />);
    const user = userEvent.setup({ delay: null });
    await fill(user);
    await user.click(screen.getByRole('checkbox', { name: /Can approve claims/ }));
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toMatchObject({ role: 'hub_staff', can_approve_claims: true });
  });

  it('offers the permission only to hub staff (leads always approve)', async () => {
    fakeApi({});
    renderWithApp(<AddUserModal opened onClose={() => undefined} isNational={false} />);
    const user = userEvent.setup({ delay: null });
    expect(screen.getByRole('checkbox', { name: /Can approve claims/ })).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: /^Role/ }));
    await user.click(await screen.findByRole('option', { name: 'Hub lead', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: /Can approve claims/ })).not.toBeInTheDocument());
  });
});
