/**
 * The signed-in person's own account (`/api/v1/me/...`): password, two-factor sign-in and
 * sessions; and the public pages' calls (password policy, invitations, password reset), which
 * carry no bearer token.
 */
import { meKeys } from './auth';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';
export type PasswordPolicy = components['schemas']['PasswordPolicy'];
export type TotpSetup = components['schemas']['TotpEnrolment'];
export type RecoveryCodes = components['schemas']['RecoveryCodes'];
export type AccountSession = components['schemas']['SessionRead'];
export type Invitation = components['schemas']['InvitationRead'];

export const accountKeys = {
  policy: ['password-policy'] as const,
  sessions: ['me', 'sessions'] as const,
  invitation: (token: string) => ['invitations', token] as const,
};

/** The rules a new password must meet, shown before the person types (they rarely change). */
export function usePasswordPolicy() {
  return useQuery({
    queryKey: accountKeys.policy,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/auth/password-policy', { signal })),
    staleTime: Infinity,
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: { current_password: string; new_password: string }) =>
      unwrap(await api.POST('/api/v1/me/password', { body })),
  });
}

/**
 * The enrolment-only `mfa_token` (a person who must use 2FA and has not set it up) is a bearer
 * token for these two calls and nothing else; signed in, the session's token is used instead.
 */
function bearer(mfaToken: string | undefined) {
  return mfaToken ? { Authorization: `Bearer ${mfaToken}` } : undefined;
}

export async function startTotp(mfaToken?: string): Promise<TotpSetup> {
  return unwrap(await api.POST('/api/v1/me/mfa/totp', { headers: bearer(mfaToken) }));
}

export async function confirmTotp(code: string, mfaToken?: string): Promise<RecoveryCodes> {
  return unwrap(await api.POST('/api/v1/me/mfa/totp/confirm', { body: { code }, headers: bearer(mfaToken) }));
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => unwrap(await api.DELETE('/api/v1/me/mfa/totp', { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKeys.me, exact: true }),
  });
}

export function useMySessions() {
  return useQuery({
    queryKey: accountKeys.sessions,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/me/sessions', { signal })),
  });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/me/sessions/{account_session_id}', { params: { path: { account_session_id: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/me/sessions')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: accountKeys.invitation(token),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/invitations/{token}', { params: { path: { token } }, signal })),
    // A 404 or 410 is the answer, not a hiccup.
    retry: false,
    staleTime: Infinity,
  });
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: async (password: string) =>
      unwrap(await api.POST('/api/v1/invitations/{token}', { params: { path: { token } }, body: { password } })),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (email: string) => unwrap(await api.POST('/api/v1/auth/password-reset', { body: { email } })),
  });
}

export function useResetPassword(token: string) {
  return useMutation({
    mutationFn: async (password: string) =>
      unwrap(await api.POST('/api/v1/auth/password-reset/{token}', { params: { path: { token } }, body: { password } })),
  });
}
