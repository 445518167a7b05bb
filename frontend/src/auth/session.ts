/**
 * The signed-in session: the access token in memory only (never localStorage, so a script
 * injected into the page cannot carry it off after the tab closes), restored after a reload by
 * one refresh through the httpOnly, SameSite=Strict `mh_refresh` cookie, refreshed shortly
 * before it expires, and revoked on sign-out.
 */

export interface TokenGrant {
  access_token: string;
  token_type: string;
  expires_in: number;
}

/**
 * An RFC 6749 §5.2 error from the token endpoint (`invalid_grant`, …), or a rate limit. With
 * two-factor sign-in the endpoint also answers `mfa_required` and `mfa_enrolment_required`,
 * carrying a short-lived, single-use `mfa_token` for the next step.
 */
export class TokenError extends Error {
  readonly error: string;
  readonly status: number;
  readonly retryAfterSeconds: number | null;
  readonly mfaToken: string | null;

  constructor(
    error: string,
    description: string | null,
    status: number,
    retryAfterSeconds: number | null = null,
    mfaToken: string | null = null,
  ) {
    super(description ?? error);
    this.name = 'TokenError';
    this.error = error;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.mfaToken = mfaToken;
  }
}

/** The second factor: a 6-digit code from the authenticator app, or one of the recovery codes. */
export type SecondFactor = { otp: string } | { recoveryCode: string };

/**
 * Where a password sign-in got to. No token is issued before the second factor: with 2FA on,
 * the password only earns an `mfa_token` to present with a code; a person whose role must use
 * 2FA and has not set it up gets an `mfa_token` that can do nothing but enrol.
 */
export type SignInOutcome =
  | { status: 'signed-in' }
  | { status: 'mfa-required'; mfaToken: string }
  | { status: 'enrolment-required'; mfaToken: string };

/** How the session talks to the token endpoint; `src/api/auth.ts` implements it with the generated client. */
export interface TokenTransport {
  passwordGrant(username: string, password: string): Promise<TokenGrant>;
  /** The `urn:masteryhub:params:oauth:grant-type:mfa-otp` extension grant. */
  mfaGrant(mfaToken: string, factor: SecondFactor): Promise<TokenGrant>;
  /** Uses (and rotates) the refresh cookie. */
  refreshGrant(): Promise<TokenGrant>;
  /** Revokes the refresh cookie's token family and clears the cookie. */
  revoke(): Promise<void>;
}

export type SessionStatus = 'restoring' | 'signed-out' | 'signed-in';

export interface SessionState {
  status: SessionStatus;
  accessToken: string | null;
  /** Epoch milliseconds. */
  expiresAt: number | null;
  /** Why the last session ended, when it was not the user's choice. */
  endedBecause: 'expired' | null;
}

const SIGNED_OUT: SessionState = { status: 'signed-out', accessToken: null, expiresAt: null, endedBecause: null };

/** Refresh this long before expiry (or a fifth of the lifetime, for very short tokens). */
const REFRESH_MARGIN_MS = 60_000;

export class Session {
  private state: SessionState = { ...SIGNED_OUT, status: 'restoring' };
  private readonly listeners = new Set<() => void>();
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private refreshing: Promise<string | null> | null = null;
  private restoring: Promise<void> | null = null;
  private readonly transport: TokenTransport;
  private readonly now: () => number;

  constructor(transport: TokenTransport, now: () => number = Date.now) {
    this.transport = transport;
    this.now = now;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionState => this.state;

  get accessToken(): string | null {
    return this.state.accessToken;
  }

  private set(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private accept(grant: TokenGrant): string {
    const lifetimeMs = grant.expires_in * 1000;
    this.set({
      status: 'signed-in',
      accessToken: grant.access_token,
      expiresAt: this.now() + lifetimeMs,
      endedBecause: null,
    });
    this.scheduleRefresh(lifetimeMs);
    return grant.access_token;
  }

  private scheduleRefresh(lifetimeMs: number): void {
    this.cancelRefresh();
    const delay = Math.max(lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 5), 1_000);
    this.refreshTimer = setTimeout(() => {
      void this.refresh();
    }, delay);
  }

  private cancelRefresh(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  /** On page load: one cookie refresh decides whether the user is still signed in. */
  restore(): Promise<void> {
    this.restoring ??= this.refresh().then(() => undefined);
    return this.restoring;
  }

  /**
   * The password step. Resolves with what comes next; rejects with the TokenError for a wrong
   * password, a rate limit or anything else the endpoint refused.
   */
  async signIn(username: string, password: string): Promise<SignInOutcome> {
    let grant: TokenGrant;
    try {
      grant = await this.transport.passwordGrant(username, password);
    } catch (error) {
      if (error instanceof TokenError && error.mfaToken) {
        if (error.error === 'mfa_required') return { status: 'mfa-required', mfaToken: error.mfaToken };
        if (error.error === 'mfa_enrolment_required') return { status: 'enrolment-required', mfaToken: error.mfaToken };
      }
      throw error;
    }
    this.accept(grant);
    return { status: 'signed-in' };
  }

  /** The second step: the `mfa_token` from the password step and a code; signed in, or a TokenError. */
  async completeSignIn(mfaToken: string, factor: SecondFactor): Promise<void> {
    const grant = await this.transport.mfaGrant(mfaToken, factor);
    this.accept(grant);
  }

  /**
   * A new access token through the refresh cookie, or null when the session is over.
   * Concurrent callers (several 401s at once, the timer) share one request, because the
   * server rotates the refresh token and treats a reused one as theft.
   */
  refresh(): Promise<string | null> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<string | null> {
    const wasSignedIn = this.state.status === 'signed-in';
    try {
      const grant = await withRefreshLock(() => this.transport.refreshGrant());
      return this.accept(grant);
    } catch (error) {
      if (error instanceof TokenError) {
        // The cookie is missing, expired or revoked: the session is over.
        this.cancelRefresh();
        this.set({ ...SIGNED_OUT, endedBecause: wasSignedIn ? 'expired' : null });
        return null;
      }
      // Network trouble: keep what we have (the token may still be valid) and let the caller fail.
      if (this.state.status === 'restoring') this.set(SIGNED_OUT);
      return null;
    }
  }

  async signOut(): Promise<void> {
    this.cancelRefresh();
    try {
      await this.transport.revoke();
    } finally {
      this.set(SIGNED_OUT);
    }
  }
}

/**
 * Two tabs refreshing at once would both present the same refresh cookie; the second would look
 * like token reuse and revoke the family. The Web Locks API serialises them across tabs.
 */
async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return task();
  return locks.request('masteryhub-refresh', task) as Promise<T>;
}
