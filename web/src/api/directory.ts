/** The people directory: people, teams, the org chart, CSV import and export. */
import type { ApiClient, ApiResult } from './client';
import {
  array,
  boolean,
  map,
  nonEmptyString,
  nullable,
  number,
  object,
  oneOf,
  optional,
  record,
  scalarText,
  string,
  text,
  withDefault,
  type Decoder,
} from './decode';
import type {
  ImportReport,
  Membership,
  OrgBranch,
  OrgNode,
  OrgTop,
  PeoplePage,
  Person,
  PersonDetail,
  Team,
} from '../domain/directory';

const optionalId = withDefault(nullable(string), null);

export const personDecoder = map(
  object({
    id: nonEmptyString,
    employee_id: text,
    name: text,
    email: text,
    job_title: text,
    team_id: optionalId,
    team_name: text,
    manager_id: optionalId,
    manager_name: text,
    location: text,
    status: oneOf('active', 'inactive'),
    hire_date: optional(nullable(string)),
    employment_type: optional(nullable(string)),
    attributes: optional(nullable(record(scalarText))),
  }),
  (p): Person => {
    const visible =
      p.hire_date !== undefined || p.employment_type !== undefined || p.attributes !== undefined;
    return {
      id: p.id,
      employeeId: p.employee_id,
      name: p.name,
      email: p.email,
      jobTitle: p.job_title,
      teamId: p.team_id,
      teamName: p.team_name,
      managerId: p.manager_id,
      managerName: p.manager_name,
      location: p.location,
      status: p.status,
      ...(visible
        ? {
            sensitive: {
              hireDate: p.hire_date ?? '',
              employmentType: p.employment_type ?? '',
              attributes: p.attributes ?? {},
            },
          }
        : {}),
    };
  },
);

const membershipDecoder = map(
  object({
    team_id: optionalId,
    manager_id: optionalId,
    valid_from: text,
    valid_to: withDefault(nullable(string), null),
  }),
  (m): Membership => ({
    teamId: m.team_id,
    managerId: m.manager_id,
    validFrom: m.valid_from,
    validTo: m.valid_to ?? '',
  }),
);

/** A person plus `history`, which the server adds when the sensitive fields are visible. */
export const personDetailDecoder: Decoder<PersonDetail> = (value, path) => {
  const person = personDecoder(value, path);
  if (!person.ok) return person;
  const extra = object({ history: optional(nullable(array(membershipDecoder))) })(value, path);
  if (!extra.ok) return extra;
  const history = extra.value.history;
  return {
    ok: true,
    value: {
      person: person.value,
      ...(history === undefined || history === null ? {} : { history }),
    },
  };
};

/** `next_cursor` is absent (or null, or "") on the last page. */
const nextCursor = optional(nullable(string));

export const peoplePageDecoder = map(
  object({ people: array(personDecoder), next_cursor: nextCursor }),
  (page): PeoplePage => ({
    people: page.people,
    ...(page.next_cursor === undefined || page.next_cursor === null || page.next_cursor === ''
      ? {}
      : { nextCursor: page.next_cursor }),
  }),
);

export const teamDecoder = map(
  object({
    id: nonEmptyString,
    name: string,
    kind: oneOf('department', 'team'),
    parent_id: optionalId,
    head_count: withDefault(number, 0),
  }),
  (t): Team => ({
    id: t.id,
    name: t.name,
    kind: t.kind,
    parentId: t.parent_id,
    headCount: t.head_count,
  }),
);

export const orgNodeDecoder = map(
  object({
    id: nonEmptyString,
    name: text,
    job_title: text,
    team_name: text,
    report_count: number,
    subtree_count: number,
  }),
  (n): OrgNode => ({
    id: n.id,
    name: n.name,
    jobTitle: n.job_title,
    teamName: n.team_name,
    reportCount: n.report_count,
    subtreeCount: n.subtree_count,
  }),
);

export const orgTopDecoder = map(
  object({ roots: array(orgNodeDecoder), total: number }),
  (t): OrgTop => t,
);

export const orgBranchDecoder = map(
  object({ person: orgNodeDecoder, chain: array(orgNodeDecoder), reports: array(orgNodeDecoder) }),
  (b): OrgBranch => b,
);

/** A line of the file; absent or null for changes no line causes (deactivations). */
const lineNumber = map(withDefault(nullable(number), null), (n) => n ?? 0);

export const importReportDecoder = map(
  object({
    dry_run: boolean,
    applied: boolean,
    rows: number,
    creates: number,
    updates: number,
    unchanged: number,
    deactivations: number,
    reactivations: number,
    changes: array(
      object({
        line: lineNumber,
        employee_id: text,
        action: oneOf('create', 'update', 'deactivate', 'reactivate'),
        fields: withDefault(array(string), []),
      }),
    ),
    errors: array(object({ line: lineNumber, field: text, message: string })),
    safety_stop: boolean,
  }),
  (r): ImportReport => ({
    dryRun: r.dry_run,
    applied: r.applied,
    rows: r.rows,
    creates: r.creates,
    updates: r.updates,
    unchanged: r.unchanged,
    deactivations: r.deactivations,
    reactivations: r.reactivations,
    changes: r.changes.map((c) => ({
      line: c.line,
      employeeId: c.employee_id,
      action: c.action,
      fields: c.fields,
    })),
    errors: r.errors,
    safetyStop: r.safety_stop,
  }),
);

export const kPeoplePageSize = 50;

export interface PeopleQuery {
  readonly q?: string | undefined;
  readonly team?: string | undefined;
  readonly manager?: string | undefined;
  readonly includeInactive?: boolean | undefined;
  readonly cursor?: string | undefined;
}

export function listPeople(
  api: ApiClient,
  query: PeopleQuery,
  signal?: AbortSignal,
): Promise<ApiResult<PeoplePage>> {
  return api.request('/people', peoplePageDecoder, {
    query: {
      q: query.q?.trim(),
      team: query.team,
      manager: query.manager,
      include_inactive: query.includeInactive === true ? 'true' : undefined,
      limit: kPeoplePageSize,
      cursor: query.cursor,
    },
    ...(signal === undefined ? {} : { signal }),
  });
}

export function getPerson(
  api: ApiClient,
  id: string,
  signal?: AbortSignal,
): Promise<ApiResult<PersonDetail>> {
  return api.request(`/people/${encodeURIComponent(id)}`, personDetailDecoder, {
    ...(signal === undefined ? {} : { signal }),
  });
}

export async function listTeams(
  api: ApiClient,
  signal?: AbortSignal,
): Promise<ApiResult<readonly Team[]>> {
  const result = await api.get('/teams', object({ teams: array(teamDecoder) }), signal);
  return result.ok ? { ok: true, value: result.value.teams } : result;
}

export function getOrgTop(api: ApiClient, signal?: AbortSignal): Promise<ApiResult<OrgTop>> {
  return api.get('/org-chart', orgTopDecoder, signal);
}

export function getOrgBranch(
  api: ApiClient,
  personId: string,
  signal?: AbortSignal,
): Promise<ApiResult<OrgBranch>> {
  return api.request('/org-chart', orgBranchDecoder, {
    query: { root: personId },
    ...(signal === undefined ? {} : { signal }),
  });
}

/** Imports of a large directory take a while; a dry run reads the whole file too. */
const kImportTimeoutMs = 120_000;

/**
 * POST /people/import with the CSV text. A refused real run (422 for errors in
 * the file, 409 for the safety stop) still answers with the report, which is
 * what the caller shows; `applied` tells the outcome.
 */
export function importPeople(
  api: ApiClient,
  csv: string,
  options: { readonly dryRun: boolean; readonly force: boolean },
): Promise<ApiResult<ImportReport>> {
  return api.request('/people/import', importReportDecoder, {
    method: 'POST',
    query: {
      dry_run: options.dryRun ? 'true' : 'false',
      force: options.force ? 'true' : undefined,
    },
    body: { text: csv, contentType: 'text/csv; charset=utf-8' },
    timeoutMs: kImportTimeoutMs,
    acceptStatuses: [409, 422],
  });
}

/** GET /people/export: the whole directory as CSV text (UTF-8 with a byte-order mark). */
export function exportPeople(api: ApiClient): Promise<ApiResult<string>> {
  return api.request('/people/export', string, {
    responseType: 'text',
    timeoutMs: kImportTimeoutMs,
  });
}
