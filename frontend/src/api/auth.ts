/**
 * The token endpoint (`POST /api/v1/auth/token`, RFC 6749, form-encoded) and revocation
 * (`POST /api/v1/auth/revoke`, RFC 7009) with the refresh token delivered as the httpOnly
 * `mh_refresh` cookie, plus `GET /api/v1/me`.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';
import { TokenError, type SecondFactor, type TokenGrant, type TokenTransport } from '../auth/session';
/** RFC 6749 §4.5 extension grant completing a sign-in with the second factor. */
export const MFA_OTP_GRANT = 'urn:masteryhub:params:oauth:grant-type:mfa-otp';

export type Me = components['schemas']['Me'];

/** The signed-in person (`GET /me`); account.ts adds the rest of `/me/...`. */
export const meKeys = {
  me: ['me'] as const,
};

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' } as const;

function formBody(body: Record<string, string | null | undefined> | undefined): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body ?? {})) {
    if (value !== undefined && value !== null) form.set(key, value);
  }
  return form;
}

function retryAfterSeconds(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function tokenError(response: Response, body: unknown): TokenError {
  const oauth = (typeof body === 'object' && body !== null ? body : {}) as {
    error?: unknown;
    error_description?: unknown;
    mfa_token?: unknown;
  };
  const error = typeof oauth.error === 'string' ? oauth.error : response.status >= 500 ? 'server_error' : 'invalid_request';
  const description = typeof oauth.error_description === 'string' ? oauth.error_description : null;
  const code = response.status === 429 ? 'rate_limited' : error;
  const mfaToken = typeof oauth.mfa_token === 'string' ? oauth.mfa_token : null;
  return new TokenError(code, description, response.status, retryAfterSeconds(response), mfaToken);
}

async function requestToken(body: Record<string, string>): Promise<TokenGrant> {
  const { data, error, response } = await api.POST('/api/v1/auth/token', {
    body: { ...body, refresh_token_delivery: 'cookie' },
    bodySerializer: formBody,
    headers: FORM,
  });
  if (!response.ok || !data) {
    if (response.status >= 500) {
      // Not an OAuth answer: let the session treat it like a network failure.
      throw new Error(`Token endpoint answered ${response.status}`);
    }
    throw tokenError(response, error);
  }
  return data;
}

export const tokenTransport: TokenTransport = {
  passwordGrant: (username, password) => requestToken({ grant_type: 'password', username, password }),
  mfaGrant: (mfaToken: string, factor: SecondFactor) =>
    requestToken({
      grant_type: MFA_OTP_GRANT,
      mfa_token: mfaToken,
      ...('otp' in factor ? { otp: factor.otp } : { recovery_code: factor.recoveryCode }),
    }),
  // No refresh_token field: the server reads (and rotates) the mh_refresh cookie.
  refreshGrant: () => requestToken({ grant_type: 'refresh_token' }),
  async revoke() {
    await api.POST('/api/v1/auth/revoke', { body: {}, bodySerializer: formBody, headers: FORM });
  },
};

export function useMe(enabled: boolean) {
  return useQuery({
    queryKey: meKeys.me,
    queryFn: async () => unwrap(await api.GET('/api/v1/me')),
    enabled,
    staleTime: 5 * 60_000,
  });
}
