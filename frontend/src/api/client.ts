/**
 * The one HTTP client: generated from `openapi/openapi.json` (see `npm run generate`), so a
 * request or response that drifts from the contract fails `tsc`, not a user.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toProblem } from '../lib/problem';
export const api = createClient<paths>({
  // Same origin as the SPA: Vite's proxy in development, nginx in production.
  baseUrl: globalThis.location.origin,
  // Resolve fetch at call time so tests can stub it.
  fetch: (request) => globalThis.fetch(request),
  credentials: 'same-origin',
});

export interface TokenSource {
  readonly accessToken: string | null;
  refresh(): Promise<string | null>;
}

/** The token endpoint and revocation carry the refresh cookie, never a bearer token. */
const UNAUTHENTICATED_PATHS = new Set<string>(['/api/v1/auth/token', '/api/v1/auth/revoke']);

/**
 * Adds `Authorization: Bearer …` and, when the API answers 401 (the token expired while the tab
 * slept, say), refreshes through the cookie once and replays the request.
 */
export function bearerMiddleware(tokens: TokenSource): Middleware {
  const replayable = new Map<string, Request>();
  return {
    onRequest({ request, schemaPath, id }) {
      if (UNAUTHENTICATED_PATHS.has(schemaPath)) return undefined;
      // A request that brings its own credential (the enrolment-only mfa_token) keeps it, and a
      // 401 on it is its answer: the session's token has nothing to do with it.
      if (request.headers.has('Authorization')) return undefined;
      const token = tokens.accessToken;
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      // Keep an unread copy: the original's body is consumed by fetch.
      replayable.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id, options }) {
      const original = replayable.get(id);
      replayable.delete(id);
      if (response.status !== 401 || !original) return undefined;
      const token = await tokens.refresh();
      if (!token) return undefined;
      const retry = new Request(original);
      retry.headers.set('Authorization', `Bearer ${token}`);
      return options.fetch(retry);
    },
    onError({ id }) {
      replayable.delete(id);
      return undefined;
    },
  };
}

/** Unwraps an openapi-fetch result for TanStack Query: the data, or an ApiError with the problem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  if (result.response.ok) return undefined as T;
  throw new ApiError(toProblem(result.response.status, result.error));
}
