import { describe, expect, it } from 'vitest';
import { groupTeams, importReadiness, type ImportReport, type Team } from './directory';

const team = (id: string, name: string, kind: Team['kind'], parentId: string | null): Team => ({
  id,
  name,
  kind,
  parentId,
  headCount: 0,
});

describe('groupTeams', () => {
  it('groups teams under their departments, sorted by name, strays last', () => {
    const groups = groupTeams([
      team('t2', 'Oslo store', 'team', 'd2'),
      team('d2', 'Retail', 'department', null),
      team('t1', 'Bergen store', 'team', 'd2'),
      team('d1', 'Logistics', 'department', null),
      team('t3', 'Night shift', 'team', 'd1'),
      team('t4', 'Orphans', 'team', 'gone'),
    ]);
    expect(
      groups.map((g) => [g.department?.name ?? '-', g.teams.map((t) => t.name)]),
    ).toStrictEqual([
      ['Logistics', ['Night shift']],
      ['Retail', ['Bergen store', 'Oslo store']],
      ['-', ['Orphans']],
    ]);
  });

  it('has no stray group when every team has a department', () => {
    expect(groupTeams([team('d', 'D', 'department', null)])).toHaveLength(1);
  });
});

describe('importReadiness', () => {
  const report: ImportReport = {
    dryRun: true,
    applied: false,
    rows: 1,
    creates: 1,
    updates: 0,
    unchanged: 0,
    deactivations: 0,
    reactivations: 0,
    changes: [],
    errors: [],
    safetyStop: false,
  };

  it('is ready when there are changes and nothing blocks them', () => {
    expect(importReadiness(report, false)).toBe('ready');
  });

  it('is blocked by errors, even with force', () => {
    const bad = { ...report, errors: [{ line: 2, field: 'name', message: 'required' }] };
    expect(importReadiness(bad, true)).toBe('has_errors');
  });

  it('needs force for the safety stop', () => {
    const big = { ...report, deactivations: 900, safetyStop: true };
    expect(importReadiness(big, false)).toBe('needs_force');
    expect(importReadiness(big, true)).toBe('ready');
  });

  it('has nothing to do when nothing changes', () => {
    expect(importReadiness({ ...report, creates: 0, unchanged: 1 }, false)).toBe('nothing_to_do');
  });
});
