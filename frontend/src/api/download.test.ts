import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../lib/problem';
import { fetchCsv, filenameFrom } from './download';
describe('filenameFrom', () => {
  it.each([
    ['attachment; filename="release-day-entries-2026-27.csv"', 'release-day-entries-2026-27.csv'],
    ['attachment; filename=entries.csv', 'entries.csv'],
    ["attachment; filename=\"x.csv\"; filename*=UTF-8''caf%C3%A9%20days.csv", 'café days.csv'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename=""', 'fallback.csv'],
    ['inline', 'fallback.csv'],
    [null, 'fallback.csv'],
  ])('%s → %s', (header, expected) => {
    expect(filenameFrom(header, 'fallback.csv')).toBe(expected);
  });
});

describe('fetchCsv', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for CSV with the bearer token, leaves out empty filters and keeps the server’s filename', async () => {
    const seen: { url: string; headers: Headers }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init: RequestInit) => {
        seen.push({ url, headers: new Headers(init.headers) });
        return Promise.resolve(
          new Response('Date,Amount\n2026-10-01,350.00\n', {
            headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="entries.csv"' },
          }),
        );
      }),
    );
    const tokens = { accessToken: 'tok', refresh: vi.fn(() => Promise.resolve(null)) };
    const file = await fetchCsv(tokens, '/api/v1/x', { academic_year: '2026/27', status: undefined, school_urn: '' }, 'f.csv');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('/api/v1/x?academic_year=2026%2F27');
    expect(seen[0]?.headers.get('Accept')).toBe('text/csv');
    expect(seen[0]?.headers.get('Authorization')).toBe('Bearer tok');
    expect(file.filename).toBe('entries.csv');
    expect(await file.blob.text()).toContain('350.00');
    expect(tokens.refresh).not.toHaveBeenCalled();
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const authorizations: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        const authorization = new Headers(init.headers).get('Authorization');
        authorizations.push(authorization);
        return Promise.resolve(authorization === 'Bearer new' ? new Response('a,b\n') : new Response(null, { status: 401 }));
      }),
    );
    const file = await fetchCsv({ accessToken: 'old', refresh: () => Promise.resolve('new') }, '/api/v1/x', {}, 'f.csv');
    expect(authorizations).toEqual(['Bearer old', 'Bearer new']);
    expect(file.filename).toBe('f.csv');
  });

  it('throws the API’s problem when it refuses', async () => {
    const problem = { type: 'about:blank', title: 'You do not have permission', status: 403, code: 'forbidden', detail: 'Only hub staff.' };
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(JSON.stringify(problem), { status: 403, headers: { 'Content-Type': 'application/problem+json' } }))),
    );
    const failure = fetchCsv({ accessToken: 't', refresh: () => Promise.resolve(null) }, '/api/v1/x', {}, 'f.csv');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ problem: { status: 403, detail: 'Only hub staff.' } });
  });
});
