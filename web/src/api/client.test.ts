import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, type ApiResult } from './client';
import { nonEmptyString, object, string } from './decode';

const kTimeoutMs = 1_000;
const health = object({ status: nonEmptyString, version: string });

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

/**
 * A fake `fetch` at the client's injection seam: records each call and answers
 * with `respond` (a thrown error becomes a rejected fetch, as a network error does).
 */
function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = (input, init = {}) => {
    const call = { url: typeof input === 'string' ? input : 'not a string', init };
    calls.push(call);
    return Promise.resolve().then(() => respond(call));
  };
  return { calls, client: createApiClient({ baseUrl: '/api/v1', timeoutMs: kTimeoutMs, fetch }) };
}

function json(status: number, body: unknown, statusText = ''): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A fetch that never answers until its signal fires, then rejects as fetch does. */
function hangUntilAborted({ init }: Call): Promise<Response> {
  return new Promise((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => {
      reject(new DOMException('This operation was aborted', 'AbortError'));
    });
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createApiClient().get', () => {
  it('sends a same-origin JSON GET to baseUrl + path and returns the decoded body', async () => {
    const { calls, client } = fakeFetch(() =>
      json(200, { status: 'ok', version: '0.1.0', uptime_s: 12 }),
    );
    const result = await client.get('/health', health);
    expect(result).toStrictEqual({ ok: true, value: { status: 'ok', version: '0.1.0' } });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('/api/v1/health');
    expect(call?.init.method).toBe('GET');
    expect(call?.init.headers).toStrictEqual({ Accept: 'application/json' });
    expect(call?.init.credentials).toBe('same-origin');
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('reports a 2xx body of the wrong shape as invalid_response with the JSON path', async () => {
    const { client } = fakeFetch(() => json(200, { status: 'ok', version: 1 }));
    expect(await client.get('/health', health)).toStrictEqual({
      ok: false,
      error: { kind: 'invalid_response', detail: '$.version: expected string, got number' },
    });
  });

  it('reports a 2xx non-JSON body as invalid_response', async () => {
    const { client } = fakeFetch(
      () =>
        new Response('<!doctype html><p>hi', {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    expect(await client.get('/health', health)).toStrictEqual({
      ok: false,
      error: { kind: 'invalid_response', detail: '$: expected object, got undefined' },
    });
  });

  it.each([
    [400, 'invalid_argument', 'limit must be positive'],
    [404, 'not_found', 'no such survey'],
    [500, 'internal', 'something broke'],
    [503, 'unavailable', 'shutting down'],
  ])('maps HTTP %i with the API error body to an http error', async (status, code, message) => {
    const { client } = fakeFetch(() =>
      json(status, { error: { code, message, field: 'limit' } }, 'Status Text'),
    );
    expect(await client.get('/x', health)).toStrictEqual({
      ok: false,
      error: { kind: 'http', status, code, message, field: 'limit' },
    });
  });

  it('leaves out the field when the error body names none', async () => {
    const { client } = fakeFetch(() =>
      json(404, { error: { code: 'not_found', message: 'no such route' } }),
    );
    expect(await client.get('/x', health)).toStrictEqual({
      ok: false,
      error: { kind: 'http', status: 404, code: 'not_found', message: 'no such route' },
    });
  });

  it('falls back to code "unknown" and the status text for a non-JSON error body', async () => {
    const { client } = fakeFetch(
      () => new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(await client.get('/x', health)).toStrictEqual({
      ok: false,
      error: { kind: 'http', status: 502, code: 'unknown', message: 'Bad Gateway' },
    });
  });

  it('falls back the same way for a JSON error body of another shape', async () => {
    const { client } = fakeFetch(() => json(500, { error: 'boom' }, 'Internal Server Error'));
    expect(await client.get('/x', health)).toStrictEqual({
      ok: false,
      error: {
        kind: 'http',
        status: 500,
        code: 'unknown',
        message: 'Internal Server Error',
      },
    });
  });

  it('reports a rejected fetch as a network error with its message', async () => {
    const { client } = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await client.get('/health', health)).toStrictEqual({
      ok: false,
      error: { kind: 'network', message: 'Failed to fetch' },
    });
  });

  it('reports a non-Error rejection as a network error too', async () => {
    // A misbehaving fetch polyfill may reject with anything, not only an Error.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const { client } = fakeFetch(() => Promise.reject('socket hang up'));
    expect(await client.get('/health', health)).toStrictEqual({
      ok: false,
      error: { kind: 'network', message: 'socket hang up' },
    });
  });

  it('times out after timeoutMs and not before', async () => {
    vi.useFakeTimers();
    const { calls, client } = fakeFetch(hangUntilAborted);
    let result: ApiResult<unknown> | undefined;
    void client.get('/health', health).then((r) => {
      result = r;
    });
    await vi.advanceTimersByTimeAsync(kTimeoutMs - 1);
    expect(result).toBeUndefined();
    expect(calls[0]?.init.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toStrictEqual({ ok: false, error: { kind: 'timeout', timeoutMs: kTimeoutMs } });
  });

  it('times out while the body is still arriving', async () => {
    vi.useFakeTimers();
    const { client } = fakeFetch(({ init }) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"status":'));
          init.signal?.addEventListener('abort', () => {
            controller.error(init.signal?.reason);
          });
        },
      });
      return new Response(body, { status: 200 });
    });
    const pending = client.get('/health', health);
    await vi.advanceTimersByTimeAsync(kTimeoutMs);
    expect(await pending).toStrictEqual({
      ok: false,
      error: { kind: 'timeout', timeoutMs: kTimeoutMs },
    });
  });

  it('clears its timer once answered', async () => {
    vi.useFakeTimers();
    const { client } = fakeFetch(() => json(200, { status: 'ok', version: '1' }));
    const pending = client.get('/health', health);
    await vi.advanceTimersByTimeAsync(0);
    expect((await pending).ok).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports the caller's cancellation as aborted", async () => {
    const { calls, client } = fakeFetch(hangUntilAborted);
    const caller = new AbortController();
    const pending = client.get('/health', health, caller.signal);
    await vi.waitFor(() => {
      expect(calls).toHaveLength(1);
    });
    caller.abort();
    expect(await pending).toStrictEqual({ ok: false, error: { kind: 'aborted' } });
    expect(calls[0]?.init.signal?.aborted).toBe(true);
  });

  it('does not send a request for an already cancelled signal', async () => {
    const { calls, client } = fakeFetch(hangUntilAborted);
    const result = await client.get('/health', health, AbortSignal.abort());
    expect(result).toStrictEqual({ ok: false, error: { kind: 'aborted' } });
    expect(calls).toHaveLength(0);
  });

  it("stops listening to the caller's signal once answered", async () => {
    const { calls, client } = fakeFetch(() => json(200, { status: 'ok', version: '1' }));
    const caller = new AbortController();
    expect((await client.get('/health', health, caller.signal)).ok).toBe(true);
    caller.abort();
    expect(calls[0]?.init.signal?.aborted).toBe(false);
  });
});

describe('createApiClient().request bodies', () => {
  it('sends a Blob body as it is, with its content type and the CSRF token', async () => {
    const { calls, client } = fakeFetch(() => json(201, { status: 'ok', version: '1' }));
    client.setCsrfToken('csrf-9');
    const file = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    const result = await client.request('/upload', health, {
      method: 'POST',
      body: { blob: file, contentType: 'image/png' },
    });
    expect(result.ok).toBe(true);
    const [call] = calls;
    expect(call?.init.body).toBe(file);
    expect(call?.init.headers).toStrictEqual({
      Accept: 'application/json',
      'Content-Type': 'image/png',
      'X-CSRF-Token': 'csrf-9',
    });
  });
});
