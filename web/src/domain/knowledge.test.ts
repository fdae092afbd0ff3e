import { describe, expect, it } from 'vitest';
import {
  articleChanges,
  availableMoves,
  categoryTree,
  checkDraft,
  diffRows,
  insertAt,
  intervalDays,
  kEmptyDraft,
  moveTarget,
  newArticleBody,
  parseTags,
  type ArticleAbilities,
  type ArticleDraft,
  type ArticleStatus,
  type Category,
  type DiffLine,
} from './knowledge';

const category = (
  id: string,
  name: string,
  parentId: string | null,
  position: number,
): Category => ({ id, name, parentId, position, slug: id, description: '', articleCount: 0 });

describe('categoryTree', () => {
  it('puts sections under their categories, by position then name; strays become tops', () => {
    const tree = categoryTree([
      category('s2', 'Travel', 'c1', 2),
      category('c1', 'Finance', null, 1),
      category('s1', 'Payroll', 'c1', 2),
      category('c0', 'IT', null, 0),
      category('s0', 'Lost', 'gone', 0),
    ]);
    expect(tree.map((n) => [n.category.name, n.sections.map((s) => s.name)])).toStrictEqual([
      ['IT', []],
      ['Lost', []],
      ['Finance', ['Payroll', 'Travel']],
    ]);
  });
});

describe('parseTags', () => {
  it('splits on commas, trims, and drops empties and repeats ignoring case', () => {
    expect(parseTags(' payroll, Holidays ,, holidays,  ')).toStrictEqual(['payroll', 'Holidays']);
    expect(parseTags('')).toStrictEqual([]);
  });
});

describe('insertAt', () => {
  it('replaces the selection and puts the cursor after the insertion', () => {
    expect(insertAt('Hello world', 6, 11, '![x](attachment:A)')).toStrictEqual({
      text: 'Hello ![x](attachment:A)',
      cursor: 24,
    });
    expect(insertAt('ab', 1, 1, 'X')).toStrictEqual({ text: 'aXb', cursor: 2 });
  });

  it('clamps positions outside the text', () => {
    expect(insertAt('ab', 9, 12, 'X')).toStrictEqual({ text: 'abX', cursor: 3 });
    expect(insertAt('ab', -3, 1, 'X')).toStrictEqual({ text: 'Xb', cursor: 1 });
  });
});

describe('intervalDays and checkDraft', () => {
  it('accepts whole days of at least 1', () => {
    expect(intervalDays(' 30 ')).toBe(30);
    expect(intervalDays('')).toBeUndefined();
    expect(intervalDays('0')).toBeUndefined();
    expect(intervalDays('1.5')).toBeUndefined();
    expect(intervalDays('-2')).toBeUndefined();
  });

  it('names the first problem of a draft', () => {
    expect(checkDraft(kEmptyDraft)).toBe('title');
    const titled = { ...kEmptyDraft, title: 'T' };
    expect(checkDraft(titled)).toBeUndefined();
    expect(checkDraft({ ...titled, language: ' ' })).toBe('language');
    expect(checkDraft({ ...titled, verifyIntervalDays: 'soon' })).toBe('interval');
    expect(checkDraft({ ...titled, visibility: 'restricted' })).toBe('roles');
    expect(checkDraft({ ...titled, visibility: 'restricted', roles: ['hr'] })).toBeUndefined();
  });
});

describe('newArticleBody', () => {
  it('sends the content and leaves empty optional fields to the server', () => {
    expect(
      newArticleBody({ ...kEmptyDraft, title: ' Leave ', body: 'x', tags: 'a, b' }),
    ).toStrictEqual({
      title: 'Leave',
      body: 'x',
      summary: '',
      tags: ['a', 'b'],
      language: 'en',
      visibility: 'internal',
    });
  });

  it('sends every chosen setting, roles only when restricted', () => {
    const draft: ArticleDraft = {
      ...kEmptyDraft,
      title: 'T',
      categoryId: 'C1',
      language: 'de',
      visibility: 'restricted',
      roles: ['hr'],
      slug: ' urlaub ',
      verifierId: 'U9',
      verifyIntervalDays: '30',
    };
    expect(newArticleBody(draft, 'A0')).toMatchObject({
      category_id: 'C1',
      language: 'de',
      visibility: 'restricted',
      roles: ['hr'],
      slug: 'urlaub',
      verifier_id: 'U9',
      verify_interval_days: 30,
      translation_of: 'A0',
    });
    expect(newArticleBody({ ...draft, visibility: 'public' })).not.toHaveProperty('roles');
  });
});

describe('articleChanges', () => {
  const base: ArticleDraft = {
    ...kEmptyDraft,
    title: 'Expenses',
    body: 'old',
    tags: 'a, b',
    categoryId: 'C1',
    verifyIntervalDays: '90',
  };

  it('is empty when nothing changed (tags compared as a list)', () => {
    expect(articleChanges(base, { ...base, tags: 'a,b, ' }, true)).toStrictEqual({});
  });

  it('separates content from metadata, with only the changed fields', () => {
    const draft = { ...base, body: 'new', categoryId: '', verifierId: 'U1' };
    expect(articleChanges(base, draft, true)).toStrictEqual({
      content: { body: 'new' },
      metadata: { category_id: null, verifier_id: 'U1' },
    });
  });

  it('leaves metadata out when the caller may not change it', () => {
    expect(articleChanges(base, { ...base, visibility: 'public' }, false)).toStrictEqual({});
  });

  it('sends roles when the visibility becomes restricted, and clears them when it stops', () => {
    const restricted = { ...base, visibility: 'restricted' as const, roles: ['hr'] };
    expect(articleChanges(base, restricted, true).metadata).toStrictEqual({
      visibility: 'restricted',
      roles: ['hr'],
    });
    expect(articleChanges(restricted, base, true).metadata).toStrictEqual({
      visibility: 'internal',
      roles: [],
    });
  });
});

describe('availableMoves', () => {
  const can = (over: Partial<ArticleAbilities> = {}): ArticleAbilities => ({
    edit: true,
    submit: true,
    approve: true,
    archive: true,
    unarchive: false,
    delete: false,
    verify: false,
    manage: false,
    ...over,
  });
  const moves = (status: ArticleStatus, abilities: ArticleAbilities) =>
    availableMoves({ status, can: abilities });

  it('offers the lifecycle moves the status allows', () => {
    expect(moves('draft', can())).toStrictEqual(['submit', 'archive']);
    expect(moves('in_review', can())).toStrictEqual(['approve', 'withdraw', 'archive']);
    expect(moves('published', can())).toStrictEqual(['archive']);
    // The server says archive: false and unarchive: true for an archived article to an editor.
    const archived = { archive: false, edit: false };
    expect(moves('archived', can({ ...archived, unarchive: true }))).toStrictEqual(['restore']);
    expect(moves('archived', can(archived))).toStrictEqual([]);
  });

  it('leaves out what the caller may not do (an author who may not approve)', () => {
    expect(moves('in_review', can({ approve: false, archive: false }))).toStrictEqual(['withdraw']);
    expect(moves('draft', can({ submit: false, archive: false }))).toStrictEqual([]);
  });

  it('maps moves to target statuses', () => {
    expect(moveTarget('submit')).toBe('in_review');
    expect(moveTarget('approve')).toBe('published');
    expect(moveTarget('withdraw')).toBe('draft');
    expect(moveTarget('restore')).toBe('draft');
    expect(moveTarget('archive')).toBe('archived');
  });
});

describe('diffRows', () => {
  const equal = (n: number): DiffLine[] =>
    Array.from({ length: n }, (_, i) => ({ op: 'equal', text: `line ${String(i)}` }));

  it('keeps context around changes and folds long unchanged runs', () => {
    const lines: DiffLine[] = [
      ...equal(10),
      { op: 'delete', text: 'old' },
      { op: 'insert', text: 'new' },
      ...equal(5),
    ];
    const rows = diffRows(lines, 2);
    expect(rows.map((r) => (r.kind === 'skip' ? `skip ${String(r.count)}` : r.op))).toStrictEqual([
      'skip 8',
      'equal',
      'equal',
      'delete',
      'insert',
      'equal',
      'equal',
      'skip 3',
    ]);
  });

  it('shows a single hidden line instead of folding it', () => {
    const lines: DiffLine[] = [
      { op: 'insert', text: 'a' },
      ...equal(3),
      { op: 'insert', text: 'b' },
    ];
    expect(diffRows(lines, 1).every((r) => r.kind === 'line')).toBe(true);
  });

  it('folds a body without changes into one row', () => {
    expect(diffRows(equal(4))).toStrictEqual([{ kind: 'skip', count: 4 }]);
    expect(diffRows([])).toStrictEqual([]);
  });
});
