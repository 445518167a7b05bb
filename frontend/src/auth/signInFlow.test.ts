import { describe, expect, it } from 'vitest';
import { INITIAL_SIGN_IN, signInReducer, type SignInEvent, type SignInState } from './signInFlow';

function run(events: SignInEvent[], from: SignInState = INITIAL_SIGN_IN): SignInState {
  return events.reduce(signInReducer, from);
}

describe('signInReducer', () => {
  it('goes straight to signed in when the password is all it takes', () => {
    expect(run([{ type: 'password-accepted', outcome: { status: 'signed-in' } }])).toEqual({ step: 'signed-in' });
  });

  it('asks for the code after mfa_required, then signs in', () => {
    const afterPassword = run([{ type: 'password-accepted', outcome: { status: 'mfa-required', mfaToken: 'm1' } }]);
    expect(afterPassword).toEqual({ step: 'second-factor', mfaToken: 'm1' });
    expect(run([{ type: 'verified' }], afterPassword)).toEqual({ step: 'signed-in' });
  });

  it('walks a required enrolment: set up, recovery codes, then a fresh code to finish', () => {
    const codes = Array.from({ length: 10 }, (_, index) => `code-${index}`);
    const states = [
      { type: 'password-accepted', outcome: { status: 'enrolment-required', mfaToken: 'e1' } },
      { type: 'enrolled', codes },
      { type: 'codes-stored' },
      { type: 'verified' },
    ].reduce<SignInState[]>((seen, event) => [...seen, signInReducer(seen.at(-1) ?? INITIAL_SIGN_IN, event as SignInEvent)], []);
    expect(states).toEqual([
      { step: 'enrolment', mfaToken: 'e1' },
      { step: 'recovery-codes', mfaToken: 'e1', codes },
      { step: 'finish-enrolment', mfaToken: 'e1' },
      { step: 'signed-in' },
    ]);
  });

  it('cannot skip a step: no sign-in before the code, no codes before enrolment', () => {
    expect(run([{ type: 'verified' }])).toEqual(INITIAL_SIGN_IN);
    const enrolling: SignInState = { step: 'enrolment', mfaToken: 'e1' };
    expect(signInReducer(enrolling, { type: 'verified' })).toBe(enrolling);
    expect(signInReducer(enrolling, { type: 'codes-stored' })).toBe(enrolling);
    expect(run([{ type: 'enrolled', codes: ['x'] }])).toEqual(INITIAL_SIGN_IN);
  });

  it('starts again from any step', () => {
    expect(run([{ type: 'restart' }], { step: 'finish-enrolment', mfaToken: 'e1' })).toEqual(INITIAL_SIGN_IN);
    expect(run([{ type: 'restart' }], { step: 'second-factor', mfaToken: 'm1' })).toEqual(INITIAL_SIGN_IN);
  });
});
