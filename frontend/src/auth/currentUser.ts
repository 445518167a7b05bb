import { createContext, useContext } from 'react';
import type { Me } from '../api/auth';
import { isRole, type Role } from './roles';

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in person; only usable below RequireAuth, which waits for `GET /api/v1/me`. */
export function useCurrentUser(): Me & { role: Role | null } {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside RequireAuth');
  return { ...me, role: isRole(me.role) ? me.role : null };
}
