/**
 * Knowledge-base search (/search): ranked results as you type, click
 * reporting, the content-gap reports, synonym groups and search settings.
 */
import type { ApiClient, ApiResult } from './client';
import {
  array,
  boolean,
  ignored,
  map,
  nonEmptyString,
  nullable,
  number,
  object,
  optional,
  string,
  text,
  withDefault,
  type Decoder,
} from './decode';
import type {
  Audience,
  FacetValue,
  SearchAnswer,
  SearchHit,
  SearchInsights,
  SearchQuery,
  SearchSettings,
  SynonymGroup,
} from '../domain/search';
import { ok } from '../domain/result';

const hitDecoder: Decoder<SearchHit> = map(
  object({
    id: nonEmptyString,
    title: text,
    title_html: string,
    snippet: text,
    score: withDefault(number, 0),
    slug: text,
    language: text,
    category_id: withDefault(nullable(string), null),
    url: nonEmptyString,
  }),
  (h) => ({
    id: h.id,
    title: h.title,
    titleHtml: h.title_html,
    snippet: h.snippet,
    score: h.score,
    slug: h.slug,
    language: h.language,
    categoryId: h.category_id === '' ? null : h.category_id,
    url: h.url,
  }),
);

const facetDecoder: Decoder<FacetValue> = map(
  object({ value: nonEmptyString, label: text, count: number }),
  (f) => ({ value: f.value, label: f.label === '' ? f.value : f.label, count: f.count }),
);
const facetListDecoder = withDefault(array(facetDecoder), []);

export const searchAnswerDecoder: Decoder<SearchAnswer> = map(
  object({
    results: array(hitDecoder),
    total: withDefault(number, 0),
    did_you_mean: withDefault(nullable(string), null),
    corrected: withDefault(boolean, false),
    partial: withDefault(boolean, false),
    facets: withDefault(
      nullable(object({ category: facetListDecoder, tag: facetListDecoder })),
      null,
    ),
    next_cursor: optional(nullable(string)),
  }),
  (a) => ({
    results: a.results,
    total: a.total,
    didYouMean: a.did_you_mean === '' ? null : a.did_you_mean,
    corrected: a.corrected,
    partial: a.partial,
    facets: a.facets ?? { category: [], tag: [] },
    ...(a.next_cursor === undefined || a.next_cursor === null || a.next_cursor === ''
      ? {}
      : { nextCursor: a.next_cursor }),
  }),
);

const withSignal = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });
const list = (values: readonly string[] | undefined) =>
  values === undefined || values.length === 0 ? undefined : values.join(',');

/** GET /search: the articles the caller may read, best first. */
export function searchArticles(
  api: ApiClient,
  query: SearchQuery,
  signal?: AbortSignal,
): Promise<ApiResult<SearchAnswer>> {
  return api.request('/search', searchAnswerDecoder, {
    query: {
      q: query.q,
      limit: query.limit,
      cursor: query.cursor,
      category: list(query.categories),
      tag: list(query.tags),
      language: query.language,
      facets: query.facets === true ? 'true' : undefined,
      final: query.final === true ? 'true' : undefined,
    },
    ...withSignal(signal),
  });
}

/**
 * POST /search/clicks: the searcher opened the result at `position` (1-based)
 * of the search for `q` (the text as sent). Fire and forget: the answer, even
 * a 404 for a search the server did not keep, changes nothing for the reader.
 */
export function reportSearchClick(
  api: ApiClient,
  click: { readonly q: string; readonly articleId: string; readonly position: number },
): void {
  void api.request('/search/clicks', ignored, {
    method: 'POST',
    body: { json: { q: click.q, article_id: click.articleId, position: click.position } },
  });
}

const insightsDecoder: Decoder<SearchInsights> = map(
  object({
    from: text,
    to: text,
    top: array(object({ query: string, searches: number, clicks: number, zero_results: number })),
    zero_results: array(object({ query: string, searches: number, last_at: text })),
    low_clicks: array(
      object({ query: string, searches: number, clicks: number, click_rate: number }),
    ),
  }),
  (i) => ({
    from: i.from,
    to: i.to,
    top: i.top.map((q) => ({
      query: q.query,
      searches: q.searches,
      clicks: q.clicks,
      zeroResults: q.zero_results,
    })),
    zeroResults: i.zero_results.map((q) => ({
      query: q.query,
      searches: q.searches,
      lastAt: q.last_at,
    })),
    lowClicks: i.low_clicks.map((q) => ({
      query: q.query,
      searches: q.searches,
      clicks: q.clicks,
      clickRate: q.click_rate,
    })),
  }),
);

export const kInsightRows = 20;

/** GET /search/analytics (kb.publish): what people searched for and did not find. */
export function getSearchInsights(
  api: ApiClient,
  query: { readonly days: number; readonly audience: Audience },
  signal?: AbortSignal,
): Promise<ApiResult<SearchInsights>> {
  return api.request('/search/analytics', insightsDecoder, {
    query: { days: query.days, audience: query.audience, limit: kInsightRows },
    ...withSignal(signal),
  });
}

const synonymDecoder: Decoder<SynonymGroup> = map(
  object({ id: nonEmptyString, words: array(string) }),
  (g) => g,
);

const synonymPath = (id: string) => `/search/synonyms/${encodeURIComponent(id)}`;

export async function listSynonyms(
  api: ApiClient,
  signal?: AbortSignal,
): Promise<ApiResult<readonly SynonymGroup[]>> {
  const result = await api.get(
    '/search/synonyms',
    object({ synonyms: array(synonymDecoder) }),
    signal,
  );
  return result.ok ? ok(result.value.synonyms) : result;
}

export function createSynonyms(
  api: ApiClient,
  words: readonly string[],
): Promise<ApiResult<SynonymGroup>> {
  return api.request('/search/synonyms', synonymDecoder, {
    method: 'POST',
    body: { json: { words } },
  });
}

export function updateSynonyms(
  api: ApiClient,
  id: string,
  words: readonly string[],
): Promise<ApiResult<SynonymGroup>> {
  return api.request(synonymPath(id), synonymDecoder, {
    method: 'PATCH',
    body: { json: { words } },
  });
}

export function deleteSynonyms(api: ApiClient, id: string): Promise<ApiResult<undefined>> {
  return api.request(synonymPath(id), ignored, { method: 'DELETE' });
}

const settingsDecoder: Decoder<SearchSettings> = map(
  object({ query_retention_days: number }),
  (s) => ({ queryRetentionDays: s.query_retention_days }),
);

/** GET /search/settings (kb.manage). */
export function getSearchSettings(
  api: ApiClient,
  signal?: AbortSignal,
): Promise<ApiResult<SearchSettings>> {
  return api.get('/search/settings', settingsDecoder, signal);
}

export function updateSearchSettings(
  api: ApiClient,
  settings: SearchSettings,
): Promise<ApiResult<SearchSettings>> {
  return api.request('/search/settings', settingsDecoder, {
    method: 'PATCH',
    body: { json: { query_retention_days: settings.queryRetentionDays } },
  });
}
