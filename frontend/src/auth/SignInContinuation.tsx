import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState, type Dispatch } from 'react';
import { confirmTotp, startTotp } from '../api/accounts';
import type { Problem } from '../lib/problem';
import { SecondFactorForm } from './SecondFactorForm';
import type { Session } from './session';
import type { SignInEvent, SignInState } from './signInFlow';
import { RecoveryCodesPanel, TotpEnrolment } from './TotpEnrolment';

/**
 * What follows an accepted password, wherever the password was given (the sign-in page, an
 * invitation): the second factor, or the enrolment a role requires before anything else.
 */
export function SignInContinuation({
  state,
  dispatch,
  session,
  onRestart,
}: {
  state: SignInState;
  dispatch: Dispatch<SignInEvent>;
  session: Pick<Session, 'completeSignIn'>;
  onRestart: () => void;
}) {
  const [timedOut, setTimedOut] = useState(false);
  const mfaToken = 'mfaToken' in state ? state.mfaToken : '';
  const start = useCallback(() => startTotp(mfaToken), [mfaToken]);
  const confirm = useCallback((code: string) => confirmTotp(code, mfaToken), [mfaToken]);
  const onStartFailed = useCallback((problem: Problem) => {
    if (problem.status !== 401) return false;
    setTimedOut(true);
    return true;
  }, []);

  if (timedOut) {
    return (
      <Alert color="red" role="alert" title="This sign-in has timed out">
        <Text size="sm">For your security the set-up link lasts a few minutes. Sign in again to carry on.</Text>
        <Button mt="sm" size="xs" variant="default" onClick={onRestart}>
          Sign in again
        </Button>
      </Alert>
    );
  }

  switch (state.step) {
    case 'second-factor':
      return (
        <Stack>
          <Title order={2} size="h3">
            Two-factor sign-in
          </Title>
          <SecondFactorForm
            verify={(factor) => session.completeSignIn(state.mfaToken, factor)}
            onVerified={() => dispatch({ type: 'verified' })}
            onRestart={onRestart}
          />
        </Stack>
      );
    case 'enrolment':
      return (
        <Stack>
          <Title order={2} size="h3">
            Set up two-factor sign-in
          </Title>
          <Text size="sm">
            Your role can see teachers&apos; personal details, so your account needs a second step when you sign in: a code
            from an app on your phone. Set it up now to carry on.
          </Text>
          <TotpEnrolment
            start={start}
            confirm={confirm}
            onStartFailed={onStartFailed}
            onConfirmed={(codes) => dispatch({ type: 'enrolled', codes })}
            headingLevel={3}
          />
        </Stack>
      );
    case 'recovery-codes':
      return (
        <Stack>
          <Title order={2} size="h3">
            Two-factor sign-in is on
          </Title>
          <RecoveryCodesPanel codes={state.codes} onDone={() => dispatch({ type: 'codes-stored' })} />
        </Stack>
      );
    case 'finish-enrolment':
      return (
        <Stack>
          <Title order={2} size="h3">
            Finish signing in
          </Title>
          <SecondFactorForm
            intro="Wait for your app to show a new code (the one you just used works only once), then enter it."
            allowRecoveryCode={false}
            submitLabel="Sign in"
            verify={(factor) => session.completeSignIn(state.mfaToken, factor)}
            onVerified={() => dispatch({ type: 'verified' })}
            onRestart={onRestart}
          />
        </Stack>
      );
    default:
      return null;
  }
}
