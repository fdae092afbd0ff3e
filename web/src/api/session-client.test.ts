import { describe, expect, it, vi } from 'vitest';
import { createApiClient, parseRetryAfter, queryString, type ApiClient } from './client';
import { ignored, number, object, string } from './decode';
import { fetchSession, signIn, signOut } from './session';

interface Call {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly credentials: RequestCredentials | undefined;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const kUser = {
  id: '01J000000000000000000000U1',
  email: 'ada@example.com',
  name: 'Ada',
  role: 'owner',
  person_id: null,
  disabled: false,
  created_at: '2026-01-01T00:00:00Z',
  has_password: true,
};

/** A fake network answering from `routes` ("METHOD /path" → response); anything else is a 404. */
function fakeServer(routes: Record<string, (call: Call) => Response>): {
  calls: Call[];
  api: ApiClient;
} {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = (input, init = {}) => {
    const url = typeof input === 'string' ? input : 'not a string';
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? init.body : undefined,
      credentials: init.credentials,
    };
    calls.push(call);
    const route = routes[`${call.method} ${url.split('?')[0] ?? ''}`];
    return Promise.resolve(
      route === undefined
        ? json(404, { error: { code: 'not_found', message: 'no' } })
        : route(call),
    );
  };
  return {
    calls,
    api: createApiClient({ baseUrl: '/api/v1', timeoutMs: 1000, fetch, now: () => 0 }),
  };
}

const meAnswer = (token: string) => () =>
  json(200, { user: kUser, csrf_token: token, permissions: ['directory.read'] });

describe('CSRF token', () => {
  it('is taken from sign-in and sent on writes only', async () => {
    const { calls, api } = fakeServer({
      'POST /api/v1/auth/login': () => json(200, { user: kUser, csrf_token: 'tok-1' }),
      'GET /api/v1/people': () => json(200, { n: 1 }),
      'POST /api/v1/tokens': () => json(201, { n: 2 }),
    });
    const user = await signIn(api, 'ada@example.com', 'correct horse battery');
    expect(user.ok && user.value.name).toBe('Ada');
    expect(calls[0]?.headers['X-CSRF-Token']).toBeUndefined();
    expect(JSON.parse(calls[0]?.body ?? '')).toStrictEqual({
      email: 'ada@example.com',
      password: 'correct horse battery',
    });

    await api.get('/people', object({ n: number }));
    expect(calls[1]?.headers['X-CSRF-Token']).toBeUndefined();

    await api.request('/tokens', object({ n: number }), { method: 'POST', body: { json: {} } });
    expect(calls[2]?.headers['X-CSRF-Token']).toBe('tok-1');
    expect(calls[2]?.headers['Content-Type']).toBe('application/json');
    for (const call of calls) expect(call.credentials).toBe('same-origin');
  });

  it('is taken from GET /me, and forgotten when there is no session', async () => {
    let signedIn = true;
    const { calls, api } = fakeServer({
      'GET /api/v1/me': () =>
        signedIn
          ? meAnswer('tok-me')()
          : json(401, { error: { code: 'unauthenticated', message: 'sign in' } }),
      'PATCH /api/v1/users/u2': () => json(200, { n: 1 }),
    });
    const session = await fetchSession(api);
    expect(session.ok && session.value.permissions).toStrictEqual(['directory.read']);
    await api.request('/users/u2', ignored, { method: 'PATCH', body: { json: {} } });
    expect(calls[1]?.headers['X-CSRF-Token']).toBe('tok-me');

    signedIn = false;
    expect((await fetchSession(api)).ok).toBe(false);
    await api.request('/users/u2', ignored, { method: 'PATCH', body: { json: {} } });
    expect(calls[3]?.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('is renewed from GET /me once when the server rejects it, and the write repeated', async () => {
    let attempts = 0;
    const { calls, api } = fakeServer({
      'GET /api/v1/me': meAnswer('tok-new'),
      'DELETE /api/v1/tokens/t1': (call) => {
        attempts += 1;
        return call.headers['X-CSRF-Token'] === 'tok-new'
          ? json(200, { n: 7 })
          : json(403, {
              error: { code: 'permission_denied', message: 'bad token', field: 'X-CSRF-Token' },
            });
      },
    });
    api.setCsrfToken('tok-old');
    const result = await api.request('/tokens/t1', object({ n: number }), { method: 'DELETE' });
    expect(result).toStrictEqual({ ok: true, value: { n: 7 } });
    expect(attempts).toBe(2);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toStrictEqual([
      'DELETE /api/v1/tokens/t1',
      'GET /api/v1/me',
      'DELETE /api/v1/tokens/t1',
    ]);
  });

  it('does not retry a 403 that is not about the CSRF token', async () => {
    const { calls, api } = fakeServer({
      'POST /api/v1/users': () =>
        json(403, { error: { code: 'permission_denied', message: 'needs users.manage' } }),
    });
    const result = await api.request('/users', ignored, { method: 'POST', body: { json: {} } });
    expect(result.ok).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('sign-out forgets it, also when the session had already ended', async () => {
    const { calls, api } = fakeServer({
      'POST /api/v1/auth/logout': () =>
        json(401, { error: { code: 'unauthenticated', message: 'no session' } }),
      'POST /api/v1/x': () => json(200, {}),
    });
    api.setCsrfToken('tok');
    expect(await signOut(api)).toStrictEqual({ ok: true, value: undefined });
    expect(calls[0]?.headers['X-CSRF-Token']).toBe('tok');
    await api.request('/x', ignored, { method: 'POST' });
    expect(calls[1]?.headers['X-CSRF-Token']).toBeUndefined();
  });
});

describe('401 handling', () => {
  const unauthenticated = () =>
    json(401, { error: { code: 'unauthenticated', message: 'session expired' } });

  it('tells every listener when a request answers 401', async () => {
    const { api } = fakeServer({ 'GET /api/v1/people': unauthenticated });
    const first = vi.fn();
    const second = vi.fn();
    api.onUnauthenticated(first);
    const unsubscribe = api.onUnauthenticated(second);
    const result = await api.get('/people', ignored);
    expect(result).toStrictEqual({
      ok: false,
      error: { kind: 'http', status: 401, code: 'unauthenticated', message: 'session expired' },
    });
    expect(first).toHaveBeenCalledOnce();
    expect(second).toHaveBeenCalledOnce();
    unsubscribe();
    await api.get('/people', ignored);
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledOnce();
  });

  it('stays quiet for sign-in and the session probe, where 401 is an answer', async () => {
    const { api } = fakeServer({
      'POST /api/v1/auth/login': unauthenticated,
      'GET /api/v1/me': unauthenticated,
    });
    const listener = vi.fn();
    api.onUnauthenticated(listener);
    expect((await signIn(api, 'a@b.c', 'nope')).ok).toBe(false);
    expect((await fetchSession(api)).ok).toBe(false);
    expect(listener).not.toHaveBeenCalled();
  });

  it('does not fire for other errors', async () => {
    const { api } = fakeServer({});
    const listener = vi.fn();
    api.onUnauthenticated(listener);
    await api.get('/missing', ignored);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('request options', () => {
  it('builds the query, skipping empty values', async () => {
    const { calls, api } = fakeServer({ 'GET /api/v1/people': () => json(200, {}) });
    await api.request('/people', ignored, {
      query: { q: 'ada lovelace', team: '', cursor: undefined, limit: 50, include_inactive: true },
    });
    expect(calls[0]?.url).toBe('/api/v1/people?q=ada+lovelace&limit=50&include_inactive=true');
    expect(queryString({})).toBe('');
  });

  it('sends a text body with its content type', async () => {
    const { calls, api } = fakeServer({ 'POST /api/v1/people/import': () => json(200, {}) });
    await api.request('/people/import', ignored, {
      method: 'POST',
      body: { text: 'employee_id,name\nE1,Ada\n', contentType: 'text/csv' },
    });
    expect(calls[0]?.headers['Content-Type']).toBe('text/csv');
    expect(calls[0]?.body).toBe('employee_id,name\nE1,Ada\n');
  });

  it('decodes accepted error statuses with the success decoder', async () => {
    const { api } = fakeServer({
      'POST /api/v1/people/import': () => json(409, { rows: 3 }),
    });
    const result = await api.request('/people/import', object({ rows: number }), {
      method: 'POST',
      acceptStatuses: [409, 422],
    });
    expect(result).toStrictEqual({ ok: true, value: { rows: 3 } });
  });

  it('falls back to the error shape when an accepted status carries it', async () => {
    const { api } = fakeServer({
      'POST /api/v1/people/import': () =>
        json(422, { error: { code: 'unprocessable', message: 'no header row' } }),
    });
    const result = await api.request('/people/import', object({ rows: number }), {
      method: 'POST',
      acceptStatuses: [409, 422],
    });
    expect(result).toStrictEqual({
      ok: false,
      error: { kind: 'http', status: 422, code: 'unprocessable', message: 'no header row' },
    });
  });

  it('hands a text response to the decoder as a string', async () => {
    const { api } = fakeServer({
      'GET /api/v1/people/export': () =>
        new Response('employee_id,name\r\nE1,Ada\r\n', { headers: { 'Content-Type': 'text/csv' } }),
    });
    const result = await api.request('/people/export', string, { responseType: 'text' });
    expect(result).toStrictEqual({ ok: true, value: 'employee_id,name\r\nE1,Ada\r\n' });
  });
});

describe('Retry-After', () => {
  it('is reported with a 429', async () => {
    const { api } = fakeServer({
      'POST /api/v1/auth/login': () =>
        json(
          429,
          { error: { code: 'rate_limited', message: 'too many attempts' } },
          { 'Retry-After': '42' },
        ),
    });
    const result = await signIn(api, 'a@b.c', 'x');
    expect(result).toStrictEqual({
      ok: false,
      error: {
        kind: 'http',
        status: 429,
        code: 'rate_limited',
        message: 'too many attempts',
        retryAfterSeconds: 42,
      },
    });
  });

  it.each([
    ['120', 0, 120],
    [' 5 ', 0, 5],
    ['Thu, 01 Jan 1970 00:01:00 GMT', 0, 60],
    ['Thu, 01 Jan 1970 00:01:00 GMT', 90_000, 0],
    ['soon', 0, undefined],
    [null, 0, undefined],
  ])('parses %j at %i ms as %j seconds', (header, now, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });
});
