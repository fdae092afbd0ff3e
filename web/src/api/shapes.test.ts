import { describe, expect, it } from 'vitest';
import { auditPageDecoder } from './audit';
import { decode } from './decode';
import {
  importReportDecoder,
  orgBranchDecoder,
  orgTopDecoder,
  peoplePageDecoder,
  personDetailDecoder,
  teamDecoder,
} from './directory';
import { sessionDecoder } from './session';
import { tokenDecoder } from './tokens';

const kPerson = {
  id: '01J00000000000000000000P01',
  employee_id: 'E1001',
  name: 'Ada Lovelace',
  email: 'ada@alderfinch.example',
  job_title: 'Store manager',
  team_id: '01J00000000000000000000T01',
  team_name: 'Oslo store',
  manager_id: null,
  manager_name: '',
  location: 'Oslo',
  status: 'active',
};

describe('Person', () => {
  it('decodes the public fields and leaves out the sensitive ones when absent', () => {
    const result = decode(personDetailDecoder, kPerson);
    expect(result).toStrictEqual({
      ok: true,
      value: {
        person: {
          id: kPerson.id,
          employeeId: 'E1001',
          name: 'Ada Lovelace',
          email: 'ada@alderfinch.example',
          jobTitle: 'Store manager',
          teamId: kPerson.team_id,
          teamName: 'Oslo store',
          managerId: null,
          managerName: '',
          location: 'Oslo',
          status: 'active',
        },
      },
    });
  });

  it('gathers the sensitive fields and the history when present', () => {
    const result = decode(personDetailDecoder, {
      ...kPerson,
      hire_date: '2019-04-01',
      employment_type: 'full_time',
      attributes: { cost_centre: 'CC-104', grade: 7 },
      history: [
        { team_id: 'T0', manager_id: 'M0', valid_from: '2019-04-01', valid_to: '2022-01-01' },
        { team_id: kPerson.team_id, manager_id: null, valid_from: '2022-01-01', valid_to: null },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.person.sensitive).toStrictEqual({
      hireDate: '2019-04-01',
      employmentType: 'full_time',
      attributes: { cost_centre: 'CC-104', grade: '7' },
    });
    expect(result.value.history).toStrictEqual([
      { teamId: 'T0', managerId: 'M0', validFrom: '2019-04-01', validTo: '2022-01-01' },
      { teamId: kPerson.team_id, managerId: null, validFrom: '2022-01-01', validTo: '' },
    ]);
  });

  it('accepts null for optional text and rejects an unknown status', () => {
    const lenient = decode(personDetailDecoder, { ...kPerson, email: null, location: null });
    expect(lenient.ok && lenient.value.person.email).toBe('');
    const bad = decode(personDetailDecoder, { ...kPerson, status: 'on_leave' });
    expect(bad.ok ? undefined : bad.error.path).toBe('$.status');
  });

  it('pages carry next_cursor only when there is more', () => {
    expect(decode(peoplePageDecoder, { people: [kPerson], next_cursor: 'c2' })).toMatchObject({
      ok: true,
      value: { nextCursor: 'c2' },
    });
    for (const last of [{}, { next_cursor: null }, { next_cursor: '' }]) {
      const page = decode(peoplePageDecoder, { people: [], ...last });
      expect(page.ok && 'nextCursor' in page.value).toBe(false);
    }
    const broken = decode(peoplePageDecoder, { people: [{ ...kPerson, id: '' }] });
    expect(broken.ok ? undefined : broken.error.path).toBe('$.people[0].id');
  });
});

describe('Team and org chart', () => {
  it('decodes a team', () => {
    expect(
      decode(teamDecoder, {
        id: 'T1',
        name: 'Retail',
        kind: 'department',
        parent_id: null,
        head_count: 410,
      }),
    ).toStrictEqual({
      ok: true,
      value: { id: 'T1', name: 'Retail', kind: 'department', parentId: null, headCount: 410 },
    });
  });

  const node = {
    id: 'P1',
    name: 'Chief',
    job_title: 'Chief executive',
    team_name: 'Board',
    report_count: 8,
    subtree_count: 1199,
  };
  const decodedNode = {
    id: 'P1',
    name: 'Chief',
    jobTitle: 'Chief executive',
    teamName: 'Board',
    reportCount: 8,
    subtreeCount: 1199,
  };

  it('decodes the top of the tree and a branch', () => {
    expect(decode(orgTopDecoder, { roots: [node], total: 1200 })).toStrictEqual({
      ok: true,
      value: { roots: [decodedNode], total: 1200 },
    });
    expect(decode(orgBranchDecoder, { person: node, chain: [], reports: [node] })).toStrictEqual({
      ok: true,
      value: { person: decodedNode, chain: [], reports: [decodedNode] },
    });
    const missing = decode(orgTopDecoder, { roots: [{ ...node, subtree_count: '1' }], total: 1 });
    expect(missing.ok ? undefined : missing.error.path).toBe('$.roots[0].subtree_count');
  });
});

describe('Import report', () => {
  it('decodes the documented example', () => {
    const result = decode(importReportDecoder, {
      dry_run: true,
      applied: false,
      rows: 1203,
      creates: 12,
      updates: 40,
      unchanged: 1140,
      deactivations: 3,
      reactivations: 0,
      changes: [{ line: 2, employee_id: 'E1001', action: 'update', fields: ['job_title', 'team'] }],
      errors: [{ line: 7, field: 'hire_date', message: 'not a date' }],
      safety_stop: false,
    });
    expect(result).toStrictEqual({
      ok: true,
      value: {
        dryRun: true,
        applied: false,
        rows: 1203,
        creates: 12,
        updates: 40,
        unchanged: 1140,
        deactivations: 3,
        reactivations: 0,
        changes: [
          { line: 2, employeeId: 'E1001', action: 'update', fields: ['job_title', 'team'] },
        ],
        errors: [{ line: 7, field: 'hire_date', message: 'not a date' }],
        safetyStop: false,
      },
    });
  });

  it('takes a null line (a deactivation, a whole-file error) as 0', () => {
    const result = decode(importReportDecoder, {
      dry_run: true,
      applied: false,
      rows: 1,
      creates: 0,
      updates: 0,
      unchanged: 0,
      deactivations: 1,
      reactivations: 0,
      changes: [{ line: null, employee_id: 'AF10001', action: 'deactivate', fields: [] }],
      errors: [{ line: null, field: '', message: 'no header row' }],
      safety_stop: true,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.changes[0]?.line).toBe(0);
    expect(result.value.errors[0]?.line).toBe(0);
  });

  it('rejects an unknown change action', () => {
    const result = decode(importReportDecoder, {
      dry_run: true,
      applied: false,
      rows: 1,
      creates: 0,
      updates: 0,
      unchanged: 0,
      deactivations: 0,
      reactivations: 0,
      changes: [{ line: 2, employee_id: 'E1', action: 'delete', fields: [] }],
      errors: [],
      safety_stop: false,
    });
    expect(result.ok ? undefined : result.error.path).toBe('$.changes[0].action');
  });
});

describe('Session, token and audit', () => {
  const user = {
    id: 'U1',
    email: 'ada@example.com',
    name: 'Ada',
    role: 'hr',
    person_id: 'P1',
    disabled: false,
    created_at: '2026-01-01T00:00:00Z',
    has_password: false,
  };

  it('decodes GET /me', () => {
    expect(
      decode(sessionDecoder, { user, csrf_token: 'c', permissions: ['directory.read', 'self'] }),
    ).toStrictEqual({
      ok: true,
      value: {
        user: {
          id: 'U1',
          email: 'ada@example.com',
          name: 'Ada',
          role: 'hr',
          personId: 'P1',
          disabled: false,
          createdAt: '2026-01-01T00:00:00Z',
          hasPassword: false,
        },
        csrfToken: 'c',
        permissions: ['directory.read', 'self'],
      },
    });
    const noToken = decode(sessionDecoder, { user, csrf_token: '', permissions: [] });
    expect(noToken.ok ? undefined : noToken.error.path).toBe('$.csrf_token');
  });

  it('decodes a token with nullable times', () => {
    expect(
      decode(tokenDecoder, {
        id: 'K1',
        name: 'HR sync',
        scopes: ['directory:read'],
        user_id: 'U1',
        created_at: '2026-01-01T00:00:00Z',
        last_used_at: null,
        expires_at: '2026-04-01T00:00:00Z',
        revoked_at: null,
      }),
    ).toStrictEqual({
      ok: true,
      value: {
        id: 'K1',
        name: 'HR sync',
        scopes: ['directory:read'],
        userId: 'U1',
        createdAt: '2026-01-01T00:00:00Z',
        lastUsedAt: null,
        expiresAt: '2026-04-01T00:00:00Z',
        revokedAt: null,
      },
    });
  });

  it('decodes an audit page with a free-form detail object', () => {
    const result = decode(auditPageDecoder, {
      entries: [
        {
          seq: 9,
          at: '2026-01-01T00:00:00Z',
          actor_id: '',
          actor_label: 'system',
          action: 'people.import',
          target: 'people',
          detail: { creates: 3, dry_run: false, fields: ['a'] },
          remote_address: '127.0.0.1',
        },
      ],
      next_cursor: null,
    });
    expect(result).toStrictEqual({
      ok: true,
      value: {
        entries: [
          {
            seq: 9,
            at: '2026-01-01T00:00:00Z',
            actorId: '',
            actorLabel: 'system',
            action: 'people.import',
            target: 'people',
            detail: { creates: '3', dry_run: 'false', fields: '["a"]' },
            remoteAddress: '127.0.0.1',
          },
        ],
      },
    });
  });

  it('reads an audit detail sent as JSON text, or shows other text as it is', () => {
    const entry = {
      seq: 1,
      at: '2026-01-01T00:00:00Z',
      actor_id: 'U1',
      actor_label: 'ada@example.com',
      action: 'auth.login',
      target: 'U1',
      remote_address: '10.0.0.1',
    };
    const details = (detail: unknown) => {
      const page = decode(auditPageDecoder, { entries: [{ ...entry, detail }] });
      if (!page.ok) throw new Error(JSON.stringify(page.error));
      return page.value.entries[0]?.detail;
    };
    expect(details('{"method":"password"}')).toStrictEqual({ method: 'password' });
    expect(details('plain words')).toStrictEqual({ detail: 'plain words' });
    expect(details('')).toStrictEqual({});
    expect(details(null)).toStrictEqual({});
    expect(details(undefined)).toStrictEqual({});
  });
});
