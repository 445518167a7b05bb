import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../api/auth';
import type { Specialist } from '../../api/specialists';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { ManageSpecialist } from './ManageSpecialist';

const LEAD: Me = {
  kind: 'user',
  id: 'u-lead',
  name: 'Lead',
  email: 'lead@north.test',
  role: 'hub_lead',
  hub: null,
  scopes: [],
  specialists: [],
  can_approve_claims: true,
  mfa_enabled: false,
  mfa_required: false,
};

const AMIRA = {
  id: 'sp-1',
  first_name: 'Amira',
  last_name: 'Khan',
  status: 'active',
  user_id: 'u-amira',
  school: { id: 'school-1', urn: '999001', name: 'Oakfield Primary School' },
  accreditation: { status: 'not_started', started_on: null, accredited_on: null },
} as unknown as Specialist;

describe('ManageSpecialist', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens the Change dialog showing the school and sign-in already on record, and keeps them on save', async () => {
    const sent = fakeApi({
      'GET /api/v1/users/u-amira': json({ id: 'u-amira', name: 'Amira Khan', email: 'specialist@north.test' }),
      'GET /api/v1/specialists/sp-1': json(AMIRA, 200, { ETag: '"v3"' }),
      'PATCH /api/v1/specialists/sp-1': json(AMIRA),
    });
    renderWithApp(<ManageSpecialist specialist={AMIRA} />, { me: LEAD });
    await screen.findByText('Sign-in: Amira Khan (specialist@north.test)');
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Change' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog.querySelector<HTMLInputElement>('input[placeholder="Search by school name"]')?.value).toBe('Oakfield Primary School (999001)'));
    expect(dialog.querySelector<HTMLInputElement>('input[placeholder="Search by name or email address"]')?.value).toBe('Amira Khan (specialist@north.test)');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent.some((request) => request.method === 'PATCH')).toBe(true));
    expect(sent.find((request) => request.method === 'PATCH')?.body).toMatchObject({ school_id: 'school-1', user_id: 'u-amira' });
  });
});
