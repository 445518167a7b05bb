import { Alert, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useReducer } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { session, useSession } from '../../auth/instance';
import type { Session } from '../../auth/session';
import { FullPageLoader } from '../../components/FullPageLoader';
import { SignInContinuation } from '../../auth/SignInContinuation';
import { INITIAL_SIGN_IN, signInReducer } from '../../auth/signInFlow';
import { SignInForm } from './SignInForm';

/** Only same-site paths: `?next=//evil.example` must not become an open redirect. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function Component() {
  const { status } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = 'Sign in – MasteryHub';
  }, []);

  // Once the session holds a token (after the password, or the second factor) the page gives way.
  if (status === 'restoring') return <FullPageLoader label="Checking whether you are signed in…" />;
  if (status === 'signed-in') return <Navigate to={next} replace />;

  return (
    <Center component="main" mih="100dvh" p="md">
      <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} w="100%" maw={560}>
        <Stack>
          <div>
            <Title order={1}>Sign in to MasteryHub</Title>
            <Text c="dimmed" size="sm">
              Maths Hubs&apos; Mastery Specialist programmes
            </Text>
          </div>
          {params.get('expired') ? (
            <Alert color="yellow" title="Your session has ended">
              Sign in again to carry on.
            </Alert>
          ) : null}
          <SignInSteps session={session} />
        </Stack>
      </Paper>
    </Center>
  );
}

/** The password, then whatever the token endpoint asks for next (a code, or setting up 2FA). */
export function SignInSteps({ session }: { session: Pick<Session, 'signIn' | 'completeSignIn'> }) {
  const [flow, dispatch] = useReducer(signInReducer, INITIAL_SIGN_IN);
  if (flow.step === 'credentials') {
    return (
      <SignInForm
        signIn={(email, password) => session.signIn(email, password)}
        onAccepted={(outcome) => dispatch({ type: 'password-accepted', outcome })}
      />
    );
  }
  return <SignInContinuation state={flow} dispatch={dispatch} session={session} onRestart={() => dispatch({ type: 'restart' })} />;
}
