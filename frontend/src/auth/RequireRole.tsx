import { Outlet } from 'react-router';
import { Page } from '../components/Page';
import { useCurrentUser } from './currentUser';
import type { Role } from './roles';

/** Pages for some roles only. The API refuses the data anyway; this explains why. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { role } = useCurrentUser();
  if (role === null || !roles.includes(role)) {
    return (
      <Page title="You do not have access to this page">
        <p>Your role does not include this part of MasteryHub. Ask your hub lead if you need it.</p>
      </Page>
    );
  }
  return <Outlet />;
}
