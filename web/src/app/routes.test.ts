import { describe, expect, it } from 'vitest';
import { activeNavId, isPublic, requiredAction, resolveRoute, visibleNav } from './routes';

describe('resolveRoute', () => {
  it.each([
    ['/', 'home'],
    ['/sign-in', 'sign-in'],
    ['/people', 'people'],
    ['/people/import', 'import'],
    ['/org-chart', 'org-chart'],
    ['/admin/users', 'users'],
    ['/admin/audit', 'audit'],
    ['/settings/tokens', 'tokens'],
    ['/settings', 'area'],
    ['/people/a/b', 'not-found'],
    ['/nope', 'not-found'],
  ])('%s is a %s page', (path, kind) => {
    expect(resolveRoute(path).kind).toBe(kind);
  });

  it('reads ids and link secrets from the path', () => {
    expect(resolveRoute('/people/01J0ABC')).toStrictEqual({ kind: 'person', id: '01J0ABC' });
    expect(resolveRoute('/people/a%20b')).toStrictEqual({ kind: 'person', id: 'a b' });
    expect(resolveRoute('/invite/s3cr3t')).toStrictEqual({
      kind: 'set-password',
      purpose: 'invite',
      secret: 's3cr3t',
    });
    expect(resolveRoute('/reset/xyz')).toStrictEqual({
      kind: 'set-password',
      purpose: 'reset',
      secret: 'xyz',
    });
    expect(resolveRoute('/people/%E0%A4%A').kind).toBe('not-found');
  });

  it('knows which pages are public and what the others need', () => {
    expect(isPublic(resolveRoute('/sign-in'))).toBe(true);
    expect(isPublic(resolveRoute('/invite/x'))).toBe(true);
    expect(isPublic(resolveRoute('/'))).toBe(false);
    expect(isPublic(resolveRoute('/nope'))).toBe(false);
    expect(requiredAction(resolveRoute('/people/import'))).toBe('people.import');
    expect(requiredAction(resolveRoute('/people/x'))).toBe('directory.read');
    expect(requiredAction(resolveRoute('/admin/users'))).toBe('users.read');
    expect(requiredAction(resolveRoute('/'))).toBeUndefined();
  });
});

describe('activeNavId', () => {
  it.each([
    ['/', 'home'],
    ['/people', 'people'],
    ['/people/123', 'people'],
    ['/people/import', 'import'],
    ['/settings', 'settings'],
    ['/settings/tokens', 'tokens'],
    ['/admin/audit', 'audit'],
    ['/nope', undefined],
  ])('%s highlights %s', (path, id) => {
    expect(activeNavId(path)).toBe(id);
  });
});

describe('visibleNav', () => {
  it('shows only what the permissions allow and drops empty groups', () => {
    const employee = visibleNav((a) => a === 'directory.read' || a === 'tokens.own');
    expect(employee.map((g) => [g.id, g.items.map((i) => i.id)])).toStrictEqual([
      ['main', ['home']],
      ['directory', ['people', 'orgChart']],
      ['account', ['tokens']],
      ['soon', ['knowledge', 'surveys', 'customers', 'recognition', 'analytics', 'settings']],
    ]);
    const owner = visibleNav(() => true);
    expect(owner.flatMap((g) => g.items.map((i) => i.id))).toContain('import');
    expect(owner.flatMap((g) => g.items.map((i) => i.id))).toContain('audit');
  });
});
