/** For unit tests only: search answers as the server sends them. */
export function hitJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'A1',
    title: 'Expense claims',
    title_html: '<mark>Expense</mark> claims',
    snippet: 'How to claim <mark>expenses</mark> &amp; per diems',
    score: 12.5,
    slug: 'expense-claims',
    language: 'en',
    category_id: 'C1',
    url: '/knowledge/articles/A1',
    ...overrides,
  };
}

export function answerJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    results: [
      hitJson(),
      hitJson({
        id: 'A2',
        title: 'Per diems',
        title_html: 'Per diems',
        url: '/knowledge/articles/A2',
      }),
    ],
    total: 2,
    did_you_mean: null,
    corrected: false,
    partial: false,
    facets: { category: [], tag: [] },
    next_cursor: null,
    ...overrides,
  };
}
