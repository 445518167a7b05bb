import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bearerMiddleware, unwrap, type TokenSource } from './client';
import type { paths } from './schema';
import { ApiError } from '../lib/problem';
const me = { kind: 'user', id: '6f1c1a3e-0000-4000-8000-000000000001', name: 'Lee', scopes: [] };

function respond(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

function setup(responses: Response[], tokens: TokenSource) {
  const seen: { url: string; authorization: string | null }[] = [];
  const fetchMock = vi.fn((request: Request) => {
    seen.push({ url: new URL(request.url).pathname, authorization: request.headers.get('Authorization') });
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    return Promise.resolve(next);
  });
  const client = createClient<paths>({ baseUrl: 'http://spa.test', fetch: fetchMock });
  client.use(bearerMiddleware(tokens));
  return { client, seen, fetchMock };
}

describe('bearerMiddleware', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sends the in-memory access token', async () => {
    const { client, seen } = setup([respond(200, me)], { accessToken: 'abc', refresh: vi.fn() });
    const { data } = await client.GET('/api/v1/me');
    expect(data).toEqual(me);
    expect(seen).toEqual([{ url: '/api/v1/me', authorization: 'Bearer abc' }]);
  });

  it('refreshes once after a 401 and replays the request with the new token', async () => {
    const refresh = vi.fn(() => Promise.resolve('fresh'));
    const { client, seen } = setup([respond(401, { title: 'Not authenticated', status: 401, code: 'not_authenticated' }), respond(200, me)], {
      accessToken: 'stale',
      refresh,
    });
    const { data, response } = await client.GET('/api/v1/me');
    expect(response.status).toBe(200);
    expect(data).toEqual(me);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen.map((request) => request.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('gives up, answering the 401, when the refresh fails', async () => {
    const refresh = vi.fn(() => Promise.resolve(null));
    const { client, fetchMock } = setup([respond(401, { title: 'Not authenticated', status: 401, code: 'not_authenticated' })], {
      accessToken: 'stale',
      refresh,
    });
    const result = await client.GET('/api/v1/me');
    expect(result.response.status).toBe(401);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(() => unwrap(result)).toThrow(ApiError);
  });

  it('never puts a bearer token on the token endpoint', async () => {
    const refresh = vi.fn();
    const { client, seen } = setup([respond(400, { error: 'invalid_grant' })], { accessToken: 'abc', refresh });
    await client.POST('/api/v1/auth/token', {
      body: { grant_type: 'refresh_token', refresh_token_delivery: 'cookie' },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(seen).toEqual([{ url: '/api/v1/auth/token', authorization: null }]);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('leaves a request that brings its own credential alone, and does not refresh on its 401', async () => {
    const refresh = vi.fn(() => Promise.resolve('fresh'));
    const { client, seen } = setup([respond(401, { title: 'Not authenticated', status: 401, code: 'not_authenticated' })], {
      accessToken: 'session-token',
      refresh,
    });
    const result = await client.GET('/api/v1/me', { headers: { Authorization: 'Bearer enrolment-only' } });
    expect(result.response.status).toBe(401);
    expect(seen).toEqual([{ url: '/api/v1/me', authorization: 'Bearer enrolment-only' }]);
    expect(refresh).not.toHaveBeenCalled();
  });
});
