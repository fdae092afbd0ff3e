/**
 * For unit tests only: knowledge-base answers as the API documents them
 * (docs/api.md, "Knowledge base"), to build fake servers from.
 */

export const kArticleId = '01J00000000000000000000A01';

/** An article as lists send it (no body). */
export function articleJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: kArticleId,
    translation_group: kArticleId,
    language: 'en',
    slug: 'expense-claims',
    category_id: 'C1',
    visibility: 'internal',
    roles: [],
    status: 'published',
    owner: { id: 'U1', name: 'Kim Editor' },
    verifier: null,
    verify_interval_days: 90,
    verified_at: '2026-01-10T09:00:00Z',
    verification_due_at: '2026-04-10T09:00:00Z',
    stale: false,
    head_revision: 3,
    published_revision: 3,
    has_unpublished_changes: false,
    created_at: '2026-01-01T09:00:00Z',
    updated_at: '2026-01-10T09:00:00Z',
    published_at: '2026-01-10T09:00:00Z',
    revision: 3,
    title: 'Expense claims',
    summary: 'How to claim travel costs.',
    tags: ['finance'],
    ...overrides,
  };
}

export const kCan = {
  edit: true,
  submit: true,
  approve: false,
  archive: false,
  unarchive: false,
  delete: false,
  verify: false,
  manage: false,
};

/** One article with its body (GET /articles/{id}). */
export function articleDetailJson(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...articleJson(),
    body: '## Before you travel\n\nAsk your manager.',
    body_html: '<h2 id="before-you-travel">Before you travel</h2>\n<p>Ask your manager.</p>',
    headings: [{ level: 2, text: 'Before you travel', anchor: 'before-you-travel' }],
    translations: [],
    can: kCan,
    stats: {
      staff_views: 120,
      public_views: 0,
      helpful: 3,
      unhelpful: 1,
      helpful_ratio: 0.75,
      open_feedback: 1,
    },
    ...overrides,
  };
}

export function feedbackJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'F1',
    article: { id: kArticleId, title: 'Expense claims' },
    helpful: false,
    reason: 'outdated',
    comment: 'The form moved.',
    from_public: false,
    user: { id: 'U2', name: 'Emma Employee' },
    revision: 3,
    resolved: false,
    resolved_by: null,
    created_at: '2026-02-01T10:00:00Z',
    resolved_at: null,
    ...overrides,
  };
}

export function revisionJson(number: number, overrides: Record<string, unknown> = {}) {
  return {
    number,
    title: 'Expense claims',
    summary: '',
    tags: [],
    author: { id: 'U1', name: 'Kim Editor' },
    note: '',
    created_at: `2026-01-0${String(number)}T09:00:00Z`,
    published: false,
    ...overrides,
  };
}

export const kCategories = [
  {
    id: 'C1',
    parent_id: null,
    name: 'Finance',
    slug: 'finance',
    description: '',
    position: 1,
    article_count: 4,
  },
  {
    id: 'S1',
    parent_id: 'C1',
    name: 'Travel',
    slug: 'travel',
    description: '',
    position: 1,
    article_count: 2,
  },
  {
    id: 'C2',
    parent_id: null,
    name: 'IT',
    slug: 'it',
    description: '',
    position: 0,
    article_count: 1,
  },
];
