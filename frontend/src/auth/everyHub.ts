import { useHubNames } from '../api/hubs';
import { useCurrentUser } from './currentUser';

/** Whether the signed-in person sees every hub (and so a hub column and a hub filter on lists). */
export function useSeesEveryHub(): boolean {
  return useCurrentUser().role === 'national_admin';
}

/** The hub's name for a list's hub column (national admins). */
export function useHubName(): (id: string | null | undefined) => string | null {
  const everyHub = useSeesEveryHub();
  return useHubNames(everyHub).nameOf;
}
