/**
 * The steps of signing in, as a reducer so every path is testable without a browser:
 *
 *   credentials ──password──▶ signed-in
 *        │                └──▶ second-factor (mfa_required) ──code──▶ signed-in
 *        └──▶ enrolment (mfa_enrolment_required) ──confirm──▶ recovery-codes
 *                  ──stored──▶ finish-enrolment ──a fresh code──▶ signed-in
 *
 * The enrolment-only `mfa_token` opens the two enrolment calls; the sign-in then completes with
 * the mfa-otp grant and a new code (the one that confirmed enrolment is spent).
 */
import type { SignInOutcome } from './session';

export type SignInState =
  | { step: 'credentials' }
  | { step: 'second-factor'; mfaToken: string }
  | { step: 'enrolment'; mfaToken: string }
  | { step: 'recovery-codes'; mfaToken: string; codes: string[] }
  | { step: 'finish-enrolment'; mfaToken: string }
  | { step: 'signed-in' };

export type SignInEvent =
  | { type: 'password-accepted'; outcome: SignInOutcome }
  | { type: 'enrolled'; codes: string[] }
  | { type: 'codes-stored' }
  | { type: 'verified' }
  | { type: 'restart' };

export const INITIAL_SIGN_IN: SignInState = { step: 'credentials' };

export function signInReducer(state: SignInState, event: SignInEvent): SignInState {
  switch (event.type) {
    case 'restart':
      return INITIAL_SIGN_IN;
    case 'password-accepted':
      if (state.step !== 'credentials') return state;
      if (event.outcome.status === 'signed-in') return { step: 'signed-in' };
      if (event.outcome.status === 'mfa-required') return { step: 'second-factor', mfaToken: event.outcome.mfaToken };
      return { step: 'enrolment', mfaToken: event.outcome.mfaToken };
    case 'enrolled':
      return state.step === 'enrolment' ? { step: 'recovery-codes', mfaToken: state.mfaToken, codes: event.codes } : state;
    case 'codes-stored':
      return state.step === 'recovery-codes' ? { step: 'finish-enrolment', mfaToken: state.mfaToken } : state;
    case 'verified':
      return state.step === 'second-factor' || state.step === 'finish-enrolment' ? { step: 'signed-in' } : state;
  }
}
