import { vi } from 'vitest';

/** One request the component sent, as the API would have seen it. */
export interface SentRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Reply = Response | ((request: SentRequest) => Response);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

/**
 * Stubs `fetch` with answers keyed by `METHOD /path` (exact path, query ignored). Unknown requests
 * fail the test loudly rather than hang; every request is recorded for assertions.
 */
export function fakeApi(routes: Record<string, Reply>): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const text = await request.text();
      const seen: SentRequest = {
        method: request.method,
        path,
        headers: request.headers,
        // JSON bodies parsed; a form-encoded one (the token endpoint) kept as its text.
        body: text ? (request.headers.get('Content-Type')?.includes('json') ? (JSON.parse(text) as unknown) : text) : null,
      };
      sent.push(seen);
      const reply = routes[`${request.method} ${path}`];
      if (!reply) throw new Error(`Unexpected request: ${request.method} ${path}`);
      return typeof reply === 'function' ? reply(seen) : reply.clone();
    }),
  );
  return sent;
}
