import { Alert, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { session, useSession } from '../../auth/instance';
import { FullPageLoader } from '../../components/FullPageLoader';
import { SignInForm } from './SignInForm';

/** Only same-site paths: `?next=//evil.example` must not become an open redirect. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function Component() {
  const { status } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = 'Sign in – MasteryHub';
  }, []);

  if (status === 'restoring') return <FullPageLoader label="Checking whether you are signed in…" />;
  if (status === 'signed-in') return <Navigate to={next} replace />;

  return (
    <Center component="main" mih="100dvh" p="md">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
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
          <SignInForm
            signIn={(email, password) => session.signIn(email, password)}
            onSignedIn={() => void navigate(next, { replace: true })}
          />
        </Stack>
      </Paper>
    </Center>
  );
}
