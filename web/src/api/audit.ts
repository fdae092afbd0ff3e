/** The audit log, newest first. */
import type { ApiClient, ApiResult } from './client';
import {
  array,
  jsonText,
  map,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  text,
  type Decoder,
} from './decode';
import type { AuditEntry, AuditPage } from '../domain/access';
import { ok } from '../domain/result';

const detailFields = record(jsonText);

/**
 * `detail` is documented as an object; a JSON text of one (as the store keeps it) is read
 * the same way, and any other value is shown as it is.
 */
const detailDecoder: Decoder<Readonly<Record<string, string>>> = (value, path) => {
  if (value === undefined || value === null) return ok({});
  if (typeof value !== 'string') return detailFields(value, path);
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return detailFields(parsed, path);
    }
  } catch {
    // Not JSON: shown as plain text below.
  }
  return ok(value === '' ? {} : { detail: value });
};

export const auditEntryDecoder = map(
  object({
    seq: number,
    at: string,
    actor_id: text,
    actor_label: text,
    action: string,
    target: text,
    detail: detailDecoder,
    remote_address: text,
  }),
  (e): AuditEntry => ({
    seq: e.seq,
    at: e.at,
    actorId: e.actor_id,
    actorLabel: e.actor_label,
    action: e.action,
    target: e.target,
    detail: e.detail,
    remoteAddress: e.remote_address,
  }),
);

export const auditPageDecoder = map(
  object({ entries: array(auditEntryDecoder), next_cursor: optional(nullable(string)) }),
  (page): AuditPage => ({
    entries: page.entries,
    ...(page.next_cursor === undefined || page.next_cursor === null || page.next_cursor === ''
      ? {}
      : { nextCursor: page.next_cursor }),
  }),
);

export const kAuditPageSize = 50;

export function listAudit(
  api: ApiClient,
  query: {
    readonly action?: string | undefined;
    readonly actor?: string | undefined;
    readonly cursor?: string | undefined;
  },
  signal?: AbortSignal,
): Promise<ApiResult<AuditPage>> {
  return api.request('/audit', auditPageDecoder, {
    query: {
      action: query.action?.trim(),
      actor: query.actor,
      limit: kAuditPageSize,
      cursor: query.cursor,
    },
    ...(signal === undefined ? {} : { signal }),
  });
}
