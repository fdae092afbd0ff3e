import { describe, expect, it } from 'vitest';
import { fakeApi, jsonResponse } from './fake-server';
import {
  createSynonyms,
  deleteSynonyms,
  getSearchInsights,
  reportSearchClick,
  searchArticles,
  updateSearchSettings,
} from './search';
import { answerJson, hitJson } from './search-fixtures';

describe('searchArticles', () => {
  it('sends the query, lists comma-separated, and decodes the answer', async () => {
    const { api, calls } = fakeApi({
      'GET /search': () =>
        jsonResponse(
          200,
          answerJson({
            results: [hitJson({ category_id: '' })],
            did_you_mean: 'expense',
            corrected: true,
            facets: { category: [{ value: 'C1', label: 'Finance', count: 3 }], tag: [] },
            next_cursor: 'c2',
          }),
        ),
    });
    const result = await searchArticles(api, {
      q: 'expnse',
      final: true,
      facets: true,
      categories: ['C1', 'C2'],
      tags: ['travel'],
      limit: 20,
    });
    expect(calls[0]?.url).toBe(
      '/search?q=expnse&limit=20&category=C1%2CC2&tag=travel&facets=true&final=true',
    );
    expect(result.ok && result.value).toStrictEqual({
      results: [
        {
          id: 'A1',
          title: 'Expense claims',
          titleHtml: '<mark>Expense</mark> claims',
          snippet: 'How to claim <mark>expenses</mark> &amp; per diems',
          score: 12.5,
          slug: 'expense-claims',
          language: 'en',
          categoryId: null,
          url: '/knowledge/articles/A1',
        },
      ],
      total: 2,
      didYouMean: 'expense',
      corrected: true,
      partial: false,
      facets: { category: [{ value: 'C1', label: 'Finance', count: 3 }], tag: [] },
      nextCursor: 'c2',
    });
  });

  it('leaves out final and facets while typing, and refuses a result without a url', async () => {
    const { api, calls } = fakeApi({
      'GET /search': () => jsonResponse(200, answerJson({ results: [hitJson({ url: '' })] })),
    });
    const result = await searchArticles(api, { q: 'exp' });
    expect(calls[0]?.url).toBe('/search?q=exp');
    expect(!result.ok && result.error.kind).toBe('invalid_response');
  });
});

describe('reportSearchClick', () => {
  it('posts the query as searched and the 1-based position, ignoring the answer', async () => {
    const { api, calls } = fakeApi({
      'POST /search/clicks': () =>
        jsonResponse(404, { error: { code: 'not_found', message: 'no such search' } }),
    });
    api.setCsrfToken('tok');
    reportSearchClick(api, { q: 'expen', articleId: 'A1', position: 2 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.headers['X-CSRF-Token']).toBe('tok');
    expect(JSON.parse(calls[0]?.body ?? '')).toStrictEqual({
      q: 'expen',
      article_id: 'A1',
      position: 2,
    });
  });
});

describe('the reports and settings', () => {
  it('decodes the content-gap report', async () => {
    const { api, calls } = fakeApi({
      'GET /search/analytics': () =>
        jsonResponse(200, {
          from: '2025-01-01T00:00:00Z',
          to: '2025-01-31T00:00:00Z',
          top: [{ query: 'vpn', searches: 9, clicks: 4, zero_results: 1 }],
          zero_results: [{ query: 'xyzzy', searches: 2, last_at: '2025-01-30T10:00:00Z' }],
          low_clicks: [{ query: 'wifi', searches: 5, clicks: 0, click_rate: 0 }],
        }),
    });
    const result = await getSearchInsights(api, { days: 7, audience: 'public' });
    expect(calls[0]?.url).toBe('/search/analytics?days=7&audience=public&limit=20');
    expect(result.ok && result.value.zeroResults).toStrictEqual([
      { query: 'xyzzy', searches: 2, lastAt: '2025-01-30T10:00:00Z' },
    ]);
    expect(result.ok && result.value.top[0]?.zeroResults).toBe(1);
    expect(result.ok && result.value.lowClicks[0]?.clickRate).toBe(0);
  });

  it('writes synonyms and settings with the documented bodies', async () => {
    const { api, calls } = fakeApi({
      'POST /search/synonyms': () => jsonResponse(201, { id: 'S1', words: ['a', 'b'] }),
      'DELETE /search/synonyms/S%2F1': () => new Response(null, { status: 204 }),
      'PATCH /search/settings': () => jsonResponse(200, { query_retention_days: 30 }),
    });
    const created = await createSynonyms(api, ['a', 'b']);
    expect(created.ok && created.value).toStrictEqual({ id: 'S1', words: ['a', 'b'] });
    expect(JSON.parse(calls[0]?.body ?? '')).toStrictEqual({ words: ['a', 'b'] });
    expect((await deleteSynonyms(api, 'S/1')).ok).toBe(true);
    const settings = await updateSearchSettings(api, { queryRetentionDays: 30 });
    expect(settings.ok && settings.value.queryRetentionDays).toBe(30);
    expect(JSON.parse(calls[2]?.body ?? '')).toStrictEqual({ query_retention_days: 30 });
  });
});
