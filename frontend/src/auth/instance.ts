import { useSyncExternalStore } from 'react';
import { tokenTransport } from '../api/auth';
import { api, bearerMiddleware } from '../api/client';
import { Session, type SessionState } from './session';

/** The tab's one session; the API client asks it for the bearer token. */
export const session = new Session(tokenTransport);
api.use(bearerMiddleware(session));

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}
