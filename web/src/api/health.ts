import type { ApiClient, ApiResult } from './client';
import { nonEmptyString, object, string } from './decode';
import type { Health } from '../domain/health';

/** GET /api/v1/health → {"status": "ok", "version": "0.1.0", ...}; extra fields are ignored. */
const healthDecoder = object({ status: nonEmptyString, version: string });

export function fetchHealth(client: ApiClient, signal?: AbortSignal): Promise<ApiResult<Health>> {
  return client.get('/health', healthDecoder, signal);
}
