import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Session, TokenError, type TokenGrant, type TokenTransport } from './session';

function grant(token: string, expiresIn = 900): TokenGrant {
  return { access_token: token, token_type: 'bearer', expires_in: expiresIn };
}

function transport(overrides: Partial<TokenTransport> = {}): TokenTransport {
  return {
    passwordGrant: vi.fn(() => Promise.resolve(grant('from-password'))),
    mfaGrant: vi.fn(() => Promise.resolve(grant('from-second-factor'))),
    refreshGrant: vi.fn(() => Promise.resolve(grant('from-cookie'))),
    revoke: vi.fn(() => Promise.resolve()),
    ...overrides,
  };
}

describe('Session', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('restores a session from the refresh cookie on load', async () => {
    const session = new Session(transport());
    expect(session.getSnapshot().status).toBe('restoring');
    await session.restore();
    expect(session.getSnapshot()).toMatchObject({ status: 'signed-in', accessToken: 'from-cookie' });
  });

  it('is signed out when there is no cookie to restore from', async () => {
    const refreshGrant = vi.fn(() => Promise.reject(new TokenError('invalid_grant', 'No refresh token.', 400)));
    const session = new Session(transport({ refreshGrant }));
    await session.restore();
    await session.restore();
    expect(refreshGrant).toHaveBeenCalledTimes(1);
    expect(session.getSnapshot()).toMatchObject({ status: 'signed-out', accessToken: null, endedBecause: null });
  });

  it('shares one refresh between concurrent callers', async () => {
    const refreshGrant = vi.fn(() => Promise.resolve(grant('rotated')));
    const session = new Session(transport({ refreshGrant }));
    const tokens = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(tokens).toEqual(['rotated', 'rotated', 'rotated']);
    expect(refreshGrant).toHaveBeenCalledTimes(1);
  });

  it('refreshes a minute before the access token expires', async () => {
    const refreshGrant = vi.fn(() => Promise.resolve(grant('second', 900)));
    const session = new Session(transport({ refreshGrant }));
    await session.signIn('lead@north.masteryhub.test', 'hub-lead-demo');
    expect(session.accessToken).toBe('from-password');
    await vi.advanceTimersByTimeAsync(839_000);
    expect(refreshGrant).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refreshGrant).toHaveBeenCalledTimes(1);
    expect(session.accessToken).toBe('second');
  });

  it('ends the session, saying it expired, when the refresh is refused', async () => {
    const refreshGrant = vi.fn(() => Promise.reject(new TokenError('invalid_grant', 'Revoked.', 400)));
    const session = new Session(transport({ refreshGrant }));
    await session.signIn('a@b.test', 'pw');
    expect(await session.refresh()).toBeNull();
    expect(session.getSnapshot()).toMatchObject({ status: 'signed-out', endedBecause: 'expired' });
  });

  it('keeps the token through a network failure during refresh', async () => {
    const refreshGrant = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    const session = new Session(transport({ refreshGrant }));
    await session.signIn('a@b.test', 'pw');
    expect(await session.refresh()).toBeNull();
    expect(session.getSnapshot()).toMatchObject({ status: 'signed-in', accessToken: 'from-password' });
  });

  it('revokes on sign-out and forgets the token even if revoking fails', async () => {
    const revoke = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    const session = new Session(transport({ revoke }));
    await session.signIn('a@b.test', 'pw');
    const listener = vi.fn();
    session.subscribe(listener);
    await expect(session.signOut()).rejects.toThrow('Failed to fetch');
    expect(revoke).toHaveBeenCalledTimes(1);
    expect(session.getSnapshot()).toMatchObject({ status: 'signed-out', accessToken: null });
    expect(listener).toHaveBeenCalled();
    // No refresh timer survives sign-out.
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(session.accessToken).toBeNull();
  });

  it('issues no token for the password alone when 2FA is on: the mfa_token goes on to the code', async () => {
    const passwordGrant = vi.fn(() =>
      Promise.reject(new TokenError('mfa_required', 'Enter the code from your authenticator app.', 400, null, 'mfa-1')),
    );
    const mfaGrant = vi.fn(() => Promise.resolve(grant('after-code')));
    const session = new Session(transport({ passwordGrant, mfaGrant }));
    const listener = vi.fn();
    session.subscribe(listener);

    expect(await session.signIn('lead@north.masteryhub.test', 'hub-lead-demo')).toEqual({ status: 'mfa-required', mfaToken: 'mfa-1' });
    expect(session.accessToken).toBeNull();
    expect(listener).not.toHaveBeenCalled();

    await session.completeSignIn('mfa-1', { otp: '123456' });
    expect(mfaGrant).toHaveBeenCalledWith('mfa-1', { otp: '123456' });
    expect(session.getSnapshot()).toMatchObject({ status: 'signed-in', accessToken: 'after-code' });
  });

  it('sends someone whose role requires 2FA and who has none to enrolment, signed out', async () => {
    const passwordGrant = vi.fn(() =>
      Promise.reject(new TokenError('mfa_enrolment_required', 'Set up two-factor sign-in.', 400, null, 'enrol-1')),
    );
    const session = new Session(transport({ passwordGrant }));
    await session.restore().catch(() => undefined);
    const before = session.getSnapshot().status;
    expect(await session.signIn('admin@masteryhub.test', 'pw')).toEqual({ status: 'enrolment-required', mfaToken: 'enrol-1' });
    expect(session.getSnapshot().status).toBe(before);
  });

  it('passes on a wrong password, and a wrong code, as errors with no token', async () => {
    const session = new Session(
      transport({
        passwordGrant: vi.fn(() => Promise.reject(new TokenError('invalid_grant', 'Invalid email or password.', 400))),
        mfaGrant: vi.fn(() => Promise.reject(new TokenError('invalid_grant', 'Invalid code.', 400))),
      }),
    );
    await expect(session.signIn('a@b.test', 'wrong')).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(session.completeSignIn('mfa-1', { recoveryCode: 'abcd-efgh' })).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(session.accessToken).toBeNull();
  });

  it('does not mistake an mfa error without its mfa_token for a next step', async () => {
    const session = new Session(
      transport({ passwordGrant: vi.fn(() => Promise.reject(new TokenError('mfa_required', 'Code needed.', 400))) }),
    );
    await expect(session.signIn('a@b.test', 'pw')).rejects.toBeInstanceOf(TokenError);
  });
});
