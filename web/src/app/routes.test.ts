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
    ['/knowledge', 'kb-home'],
    ['/knowledge/new', 'kb-new'],
    ['/knowledge/review', 'kb-review'],
    ['/knowledge/stale', 'kb-stale'],
    ['/knowledge/feedback', 'kb-feedback'],
    ['/knowledge/import', 'kb-import'],
    ['/knowledge/search', 'kb-search'],
    ['/knowledge/search-insights', 'kb-search-insights'],
    ['/knowledge/articles', 'not-found'],
    ['/knowledge/articles/a/b', 'not-found'],
    ['/help', 'not-found'],
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
    expect(resolveRoute('/knowledge/articles/01J0A')).toStrictEqual({
      kind: 'kb-article',
      id: '01J0A',
    });
    expect(resolveRoute('/knowledge/articles/01J0A/edit')).toStrictEqual({
      kind: 'kb-edit',
      id: '01J0A',
    });
    expect(resolveRoute('/knowledge/articles/01J0A/history')).toStrictEqual({
      kind: 'kb-history',
      id: '01J0A',
    });
    expect(resolveRoute('/knowledge/articles/%E0%A4%A').kind).toBe('not-found');
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
    expect(requiredAction(resolveRoute('/knowledge'))).toBe('kb.read');
    expect(requiredAction(resolveRoute('/knowledge/articles/x'))).toBe('kb.read');
    expect(requiredAction(resolveRoute('/knowledge/new'))).toBe('kb.write');
    expect(requiredAction(resolveRoute('/knowledge/articles/x/edit'))).toBe('kb.write');
    expect(requiredAction(resolveRoute('/knowledge/articles/x/history'))).toBe('kb.write');
    expect(requiredAction(resolveRoute('/knowledge/stale'))).toBe('kb.write');
    expect(requiredAction(resolveRoute('/knowledge/feedback'))).toBe('kb.write');
    expect(requiredAction(resolveRoute('/knowledge/review'))).toBe('kb.publish');
    expect(requiredAction(resolveRoute('/knowledge/import'))).toBe('kb.manage');
    expect(requiredAction(resolveRoute('/knowledge/search'))).toBe('kb.read');
    expect(requiredAction(resolveRoute('/knowledge/search-insights'))).toBe('kb.publish');
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
    ['/knowledge', 'knowledge'],
    ['/knowledge/articles/a1', 'knowledge'],
    ['/knowledge/articles/a1/edit', 'knowledge'],
    ['/knowledge/review', 'kbReview'],
    ['/knowledge/stale', 'kbStale'],
    ['/knowledge/feedback', 'kbFeedback'],
    ['/nope', undefined],
  ])('%s highlights %s', (path, id) => {
    expect(activeNavId(path)).toBe(id);
  });
});

describe('visibleNav', () => {
  it('shows only what the permissions allow and drops empty groups', () => {
    const employee = visibleNav((a) =>
      ['directory.read', 'tokens.own', 'kb.read', 'kb.write'].includes(a),
    );
    expect(employee.map((g) => [g.id, g.items.map((i) => i.id)])).toStrictEqual([
      ['main', ['home']],
      ['directory', ['people', 'orgChart']],
      ['knowledge', ['knowledge', 'kbStale', 'kbFeedback']],
      ['account', ['tokens']],
      ['soon', ['surveys', 'customers', 'recognition', 'analytics', 'settings']],
    ]);
    const reader = visibleNav((a) => a === 'kb.read');
    expect(reader.find((g) => g.id === 'knowledge')?.items.map((i) => i.id)).toStrictEqual([
      'knowledge',
    ]);
    const editor = visibleNav((a) => a.startsWith('kb.'));
    expect(editor.find((g) => g.id === 'knowledge')?.items.map((i) => i.id)).toStrictEqual([
      'knowledge',
      'kbReview',
      'kbStale',
      'kbFeedback',
      'kbSearchInsights',
    ]);
    const owner = visibleNav(() => true);
    expect(owner.flatMap((g) => g.items.map((i) => i.id))).toContain('import');
    expect(owner.flatMap((g) => g.items.map((i) => i.id))).toContain('audit');
  });
});
