import { Button, Center, Stack } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { FullPageLoader } from '../components/FullPageLoader';
import { ProblemAlert } from '../components/ProblemAlert';
import { CurrentUserContext } from './currentUser';
import { session, useSession } from './instance';

/** Everything but the sign-in page sits behind this: a session, and who it belongs to. */
export function RequireAuth() {
  const { status, endedBecause } = useSession();
  const location = useLocation();
  const me = useMe(status === 'signed-in');

  if (status === 'restoring') return <FullPageLoader label="Checking whether you are signed in…" />;
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    const params = new URLSearchParams();
    if (next !== '/') params.set('next', next);
    if (endedBecause === 'expired') params.set('expired', '1');
    const query = params.toString();
    return <Navigate to={`/sign-in${query ? `?${query}` : ''}`} replace />;
  }
  if (me.isPending) return <FullPageLoader label="Loading your account…" />;
  if (me.isError) {
    return (
      <Center mih="100dvh" p="md">
        <Stack maw={480}>
          <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />
          <Button variant="subtle" onClick={() => void session.signOut()}>
            Sign out
          </Button>
        </Stack>
      </Center>
    );
  }
  return (
    <CurrentUserContext.Provider value={me.data}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}
