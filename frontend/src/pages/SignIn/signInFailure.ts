import { TokenError } from '../../auth/session';

/** What to tell someone whose sign-in the token endpoint refused, in words they can act on. */
export function describeSignInFailure(error: unknown): string {
  if (error instanceof TokenError) {
    if (error.status === 429) {
      const wait = error.retryAfterSeconds;
      return wait
        ? `Too many sign-in attempts. Try again in ${wait <= 90 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`
        : 'Too many sign-in attempts. Try again later.';
    }
    if (error.error === 'invalid_grant') return 'The email address or password is not right.';
    return error.message;
  }
  return 'Could not reach MasteryHub. Check your connection and try again.';
}
