import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../test/fakeApi';
import { useUpdateUser, type User } from './users';

const USER = '/api/v1/users/u-1';

const shown = {
  id: 'u-1',
  email: 'amira@north.test',
  name: 'Amira Khan',
  role: 'hub_staff',
  hub_id: 'h-1',
  school_id: null,
  is_active: true,
  can_approve_claims: false,
  status: 'active',
  invitation_expires_at: null,
  mfa_enabled: false,
  created_at: '2026-09-01T09:00:00Z',
  updated_at: '2026-11-30T10:00:00Z',
} as User;

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('useUpdateUser (the If-Match is the version the person saw)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the ETag of the user as the list showed them', async () => {
    const sent = fakeApi({
      [`GET ${USER}`]: json(shown, 200, { ETag: '"u1"' }),
      [`PATCH ${USER}`]: json({ ...shown, can_approve_claims: true }),
    });
    const { result } = renderHook(() => useUpdateUser(), { wrapper });
    await act(() => result.current.mutateAsync({ user: shown, changes: { can_approve_claims: true } }));
    expect(sent.find((request) => request.method === 'PATCH')?.headers.get('If-Match')).toBe('"u1"');
  });

  it('answers 412 and changes nothing when the user changed after the list was shown', async () => {
    const sent = fakeApi({
      [`GET ${USER}`]: json({ ...shown, is_active: false, updated_at: '2026-11-30T10:05:00Z' }, 200, { ETag: '"u2"' }),
      [`PATCH ${USER}`]: json(shown),
    });
    const { result } = renderHook(() => useUpdateUser(), { wrapper });
    await expect(
      act(() => result.current.mutateAsync({ user: shown, changes: { can_approve_claims: true } })),
    ).rejects.toMatchObject({ problem: { status: 412 } });
    expect(sent.filter((request) => request.method === 'PATCH')).toHaveLength(0);
  });
});
