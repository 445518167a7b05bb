import { TokenError } from './session';

function waitSentence(error: TokenError, what: string): string {
  const wait = error.retryAfterSeconds;
  return wait
    ? `Too many ${what}. Try again in ${wait <= 90 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`
    : `Too many ${what}. Try again later.`;
}

/** What to tell someone whose sign-in the token endpoint refused, in words they can act on. */
export function describeSignInFailure(error: unknown): string {
  if (error instanceof TokenError) {
    if (error.status === 429) return waitSentence(error, 'sign-in attempts');
    if (error.error === 'invalid_grant') return 'The email address or password is not right.';
    return error.message;
  }
  return 'Could not reach MasteryHub. Check your connection and try again.';
}

export interface SecondFactorFailure {
  message: string;
  /** Belongs beside the code field (a wrong code), rather than above the form. */
  field: boolean;
  /** The mfa_token is spent or expired: the person has to give their password again. */
  restart: boolean;
}

/**
 * A refused second factor. A wrong or reused code is the person's to fix in the field; an
 * expired sign-in (the mfa_token lasts minutes and works once) means starting again.
 */
export function describeSecondFactorFailure(error: unknown, recoveryCode: boolean): SecondFactorFailure {
  if (error instanceof TokenError) {
    if (error.status === 429) return { message: waitSentence(error, 'attempts'), field: false, restart: false };
    if (error.error === 'invalid_grant' && /expired|start again|sign in again|no longer/i.test(error.message)) {
      return { message: 'This sign-in has timed out. Start again with your password.', field: false, restart: true };
    }
    if (error.error === 'invalid_grant') {
      return {
        message: recoveryCode
          ? 'That recovery code is not right, or it has been used already.'
          : 'That code is not right. Enter the newest code your app shows (each code works once).',
        field: true,
        restart: false,
      };
    }
    return { message: error.message, field: false, restart: true };
  }
  return { message: 'Could not reach MasteryHub. Check your connection and try again.', field: false, restart: false };
}
