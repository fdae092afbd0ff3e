/**
 * For unit tests only: an ApiClient whose `fetch` answers from a route table,
 * so pages can be rendered against canned API answers without a network.
 */
import { createApiClient, type ApiClient } from './client';

export interface FakeCall {
  readonly method: string;
  /** Path under /api/v1 with its query, e.g. "/people?limit=50". */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** A binary body (an upload), as sent. */
  readonly blob?: Blob;
}

/** Answers for "METHOD /path" (without the query); a missing route answers 404. */
export type FakeRoutes = Readonly<Record<string, (call: FakeCall) => Response | Promise<Response>>>;

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function fakeApi(routes: FakeRoutes): { api: ApiClient; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const prefix = '/api/v1';
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const full = typeof input === 'string' ? input : '';
    const call: FakeCall = {
      method: init.method ?? 'GET',
      url: full.startsWith(prefix) ? full.slice(prefix.length) : full,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? init.body : undefined,
      ...(init.body instanceof Blob ? { blob: init.body } : {}),
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.url.split('?')[0] ?? ''}`];
    await Promise.resolve();
    return route === undefined
      ? jsonResponse(404, { error: { code: 'not_found', message: `no route ${call.url}` } })
      : route(call);
  };
  return { api: createApiClient({ baseUrl: prefix, timeoutMs: 5000, fetch }), calls };
}
