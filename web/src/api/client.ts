/**
 * The typed HTTP client for the Rapport JSON API (/api/v1). Every response is
 * decoded at this boundary; callers receive a typed value or an ApiError, never
 * an exception and never unchecked JSON.
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
  /** The server answered with an error status; code and message come from its error body. */
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly code: string;
      readonly message: string;
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
}

export interface ApiClient {
  get<T>(path: string, decoder: Decoder<T>, signal?: AbortSignal): Promise<ApiResult<T>>;
}

/** The one error shape of the API: {"error": {"code", "message", "field"?}}. */
const errorBody = object({
  error: object({ code: nonEmptyString, message: string, field: optional(string) }),
});

/** The abort reason that tells a client-side timeout from a caller's cancellation. */
const kTimedOut = Symbol('timed out');

/** Why the request's own signal fired (the client's timeout or the caller), if it did. */
function interruption(signal: AbortSignal, timeoutMs: number): ApiError | undefined {
  if (signal.reason === kTimedOut) return { kind: 'timeout', timeoutMs };
  return signal.aborted ? { kind: 'aborted' } : undefined;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  return {
    async get<T>(path: string, decoder: Decoder<T>, signal?: AbortSignal) {
      // An 'abort' listener would never fire for a signal that is already aborted.
      if (signal?.aborted === true) return err({ kind: 'aborted' });
      const controller = new AbortController();
      const timer = setTimeout(() => {
        controller.abort(kTimedOut);
      }, options.timeoutMs);
      const onAbort = () => {
        controller.abort();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        let response: Response;
        try {
          response = await options.fetch(options.baseUrl + path, {
            method: 'GET',
            headers: { Accept: 'application/json' },
            credentials: 'same-origin',
            signal: controller.signal,
          });
        } catch (e: unknown) {
          const cut = interruption(controller.signal, options.timeoutMs);
          if (cut !== undefined) return err(cut);
          return err({ kind: 'network', message: e instanceof Error ? e.message : String(e) });
        }
        const body = await readJson(response);
        // The signal also cuts off a body still arriving; that is not a malformed body.
        const cut = interruption(controller.signal, options.timeoutMs);
        if (cut !== undefined) return err(cut);
        if (!response.ok) {
          const parsed = decode(errorBody, body);
          return err({
            kind: 'http',
            status: response.status,
            code: parsed.ok ? parsed.value.error.code : 'unknown',
            message: parsed.ok ? parsed.value.error.message : response.statusText,
          });
        }
        const decoded = decode(decoder, body);
        if (!decoded.ok) {
          const { path: at, expected } = decoded.error;
          return err({ kind: 'invalid_response', detail: `${at}: expected ${expected}` });
        }
        return ok(decoded.value);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
