/**
 * The typed HTTP client for the Rapport JSON API (/api/v1). Every response is
 * decoded at this boundary; callers receive a typed value or an ApiError, never
 * an exception and never unchecked JSON.
 *
 * Session handling lives here too: the CSRF token of the signed-in session is
 * kept in memory and sent as X-CSRF-Token on every write, and a 401 tells the
 * listeners registered with `onUnauthenticated` that the session has ended.
 */
import { decode, nonEmptyString, object, optional, string, type Decoder } from './decode';
import { err, ok, type Result } from '../domain/result';

export type ApiError =
  /** The request never reached the server or the connection dropped. */
  | { readonly kind: 'network'; readonly message: string }
  /** The server did not answer within the client's time limit. */
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  /** The caller cancelled the request (e.g. the page was left). */
  | { readonly kind: 'aborted' }
  /** The server answered with an error status; code, message and field come from its error body. */
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly code: string;
      readonly message: string;
      /** The request field the error is about, e.g. "email" or "questions[2].scale". */
      readonly field?: string;
      /** From Retry-After on 429 and 503: how long to wait before trying again. */
      readonly retryAfterSeconds?: number;
    }
  /** The server answered 2xx but the body did not have the documented shape. */
  | { readonly kind: 'invalid_response'; readonly detail: string };

export type ApiResult<T> = Result<T, ApiError>;

export interface ApiClientOptions {
  /** Prefix for every path, e.g. "/api/v1". */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Injected so tests can fake the network. */
  readonly fetch: typeof globalThis.fetch;
  /** Injected so tests control "now" when reading a Retry-After date. */
  readonly now?: () => number;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Query parameters; undefined and "" are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export type RequestBody =
  | { readonly json: unknown }
  | { readonly text: string; readonly contentType: string }
  /** Raw bytes, e.g. a file to upload. */
  | { readonly blob: Blob; readonly contentType: string };

export interface RequestOptions {
  readonly method?: HttpMethod;
  readonly query?: Query;
  readonly body?: RequestBody;
  readonly signal?: AbortSignal;
  /** Overrides the client's limit, e.g. for a large import. */
  readonly timeoutMs?: number;
  /** "text" hands the decoder the body as a string (e.g. a CSV download). */
  readonly responseType?: 'json' | 'text';
  /** Error statuses whose body has the success shape, e.g. an import report with 409 or 422. */
  readonly acceptStatuses?: readonly number[];
  /**
   * A 401 is an expected answer here (signing in, asking whether there is a
   * session), not a sign that the session ended: listeners are not told.
   */
  readonly anonymous?: boolean;
}

export interface ApiClient {
  get<T>(path: string, decoder: Decoder<T>, signal?: AbortSignal): Promise<ApiResult<T>>;
  request<T>(path: string, decoder: Decoder<T>, options?: RequestOptions): Promise<ApiResult<T>>;
  /** The CSRF token of the current session (from sign-in or GET /me); undefined when signed out. */
  setCsrfToken(token: string | undefined): void;
  /** Calls `listener` whenever a request answers 401; returns the unsubscribe function. */
  onUnauthenticated(listener: () => void): () => void;
}

/** The one error shape of the API: {"error": {"code", "message", "field"?}}. */
const errorBody = object({
  error: object({ code: nonEmptyString, message: string, field: optional(string) }),
});

/** Where a stale CSRF token is renewed: GET /me answers the current session's token. */
const kSessionPath = '/me';
const sessionToken = object({ csrf_token: nonEmptyString });
const kCsrfField = 'X-CSRF-Token';

/** The abort reason that tells a client-side timeout from a caller's cancellation. */
const kTimedOut = Symbol('timed out');

/** Why the request's own signal fired (the client's timeout or the caller), if it did. */
function interruption(signal: AbortSignal, timeoutMs: number): ApiError | undefined {
  if (signal.reason === kTimedOut) return { kind: 'timeout', timeoutMs };
  return signal.aborted ? { kind: 'aborted' } : undefined;
}

async function readBody(response: Response, type: 'json' | 'text'): Promise<unknown> {
  try {
    if (type === 'text' && response.ok) return await response.text();
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function queryString(query: Query | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    params.append(key, String(value));
  }
  const encoded = params.toString();
  return encoded === '' ? '' : `?${encoded}`;
}

function httpError(response: Response, body: unknown, now: number): ApiError {
  const parsed = decode(errorBody, body);
  const retryAfter =
    response.status === 429 || response.status === 503
      ? parseRetryAfter(response.headers.get('Retry-After'), now)
      : undefined;
  return {
    kind: 'http',
    status: response.status,
    code: parsed.ok ? parsed.value.error.code : 'unknown',
    message: parsed.ok ? parsed.value.error.message : response.statusText,
    ...(parsed.ok && parsed.value.error.field !== undefined
      ? { field: parsed.value.error.field }
      : {}),
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
  };
}

function isCsrfRejection(error: ApiError): boolean {
  return error.kind === 'http' && error.status === 403 && error.field === kCsrfField;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  let csrfToken: string | undefined;
  const listeners = new Set<() => void>();
  const now = options.now ?? (() => Date.now());

  async function send<T>(
    path: string,
    decoder: Decoder<T>,
    request: RequestOptions,
  ): Promise<ApiResult<T>> {
    const { signal } = request;
    // An 'abort' listener would never fire for a signal that is already aborted.
    if (signal?.aborted === true) return err({ kind: 'aborted' });
    const method = request.method ?? 'GET';
    const timeoutMs = request.timeoutMs ?? options.timeoutMs;
    const responseType = request.responseType ?? 'json';
    const headers: Record<string, string> = {
      Accept: responseType === 'json' ? 'application/json' : '*/*',
    };
    if (method !== 'GET' && csrfToken !== undefined) headers[kCsrfField] = csrfToken;
    let body: string | Blob | undefined;
    if (request.body !== undefined) {
      if ('json' in request.body) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(request.body.json);
      } else if ('blob' in request.body) {
        headers['Content-Type'] = request.body.contentType;
        body = request.body.blob;
      } else {
        headers['Content-Type'] = request.body.contentType;
        body = request.body.text;
      }
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(kTimedOut);
    }, timeoutMs);
    const onAbort = () => {
      controller.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let response: Response;
      try {
        response = await options.fetch(options.baseUrl + path + queryString(request.query), {
          method,
          headers,
          credentials: 'same-origin',
          signal: controller.signal,
          ...(body === undefined ? {} : { body }),
        });
      } catch (e: unknown) {
        const cut = interruption(controller.signal, timeoutMs);
        if (cut !== undefined) return err(cut);
        return err({ kind: 'network', message: e instanceof Error ? e.message : String(e) });
      }
      const accepted = response.ok || (request.acceptStatuses ?? []).includes(response.status);
      const payload = await readBody(response, accepted ? responseType : 'json');
      // The signal also cuts off a body still arriving; that is not a malformed body.
      const cut = interruption(controller.signal, timeoutMs);
      if (cut !== undefined) return err(cut);
      if (!accepted) {
        if (response.status === 401 && request.anonymous !== true) {
          for (const listener of [...listeners]) listener();
        }
        return err(httpError(response, payload, now()));
      }
      const decoded = decode(decoder, payload);
      // An accepted error status may still carry the plain error shape instead.
      if (!decoded.ok && !response.ok) return err(httpError(response, payload, now()));
      if (!decoded.ok) {
        const { path: at, expected } = decoded.error;
        return err({ kind: 'invalid_response', detail: `${at}: expected ${expected}` });
      }
      return ok(decoded.value);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function request<T>(
    path: string,
    decoder: Decoder<T>,
    request: RequestOptions = {},
  ): Promise<ApiResult<T>> {
    const first = await send(path, decoder, request);
    if (first.ok || !isCsrfRejection(first.error)) return first;
    // The session was renewed elsewhere (another tab signed in again): fetch the
    // current token once and repeat the write with it.
    const session = await send(kSessionPath, sessionToken, {
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    if (!session.ok) return first;
    csrfToken = session.value.csrf_token;
    return send(path, decoder, request);
  }

  return {
    get: (path, decoder, signal) => request(path, decoder, signal === undefined ? {} : { signal }),
    request,
    setCsrfToken(token) {
      csrfToken = token;
    },
    onUnauthenticated(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
