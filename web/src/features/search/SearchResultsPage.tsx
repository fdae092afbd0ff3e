/**
 * /knowledge/search?q=…&category=…&tag=…: every result of a search, with
 * snippets, category and tag filters with their counts, "did you mean" and
 * "Load more". The address holds the whole search, so Back and links work.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { reportSearchClick, searchArticles } from '../../api/search';
import { StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { PagedFooter } from '../../components/PagedFooter';
import { usePagedList } from '../../components/paged';
import { Link, navigate, useSearch } from '../../components/router';
import { ok } from '../../domain/result';
import {
  correctionOf,
  type Correction,
  type FacetValue,
  type SearchFacets,
  type SearchHit,
} from '../../domain/search';
import { Highlighted } from './Highlighted';

export interface SearchResultsMessages {
  readonly title: string;
  readonly lead: string;
  readonly search: string;
  readonly submit: string;
  readonly prompt: string;
  readonly total: (n: number) => string;
  readonly partial: string;
  readonly didYouMean: string;
  readonly showingResultsFor: string;
  readonly noResults: (q: string) => string;
  readonly noResultsHint: string;
  readonly filters: string;
  readonly categories: string;
  readonly tags: string;
  readonly facetLabel: (label: string, count: number) => string;
  readonly clearFilters: string;
  readonly results: string;
  readonly shown: (n: number, more: boolean) => string;
  readonly backToKnowledge: string;
  readonly common: CommonMessages;
}

export const kResultsPageSize = 20;

interface Params {
  readonly q: string;
  readonly categories: readonly string[];
  readonly tags: readonly string[];
}

const listParam = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function parseParams(search: string): Params {
  const params = new URLSearchParams(search);
  return {
    q: (params.get('q') ?? '').trim(),
    categories: listParam(params.get('category')),
    tags: listParam(params.get('tag')),
  };
}

function hrefOf(params: Params): string {
  const search = new URLSearchParams();
  search.set('q', params.q);
  if (params.categories.length > 0) search.set('category', params.categories.join(','));
  if (params.tags.length > 0) search.set('tag', params.tags.join(','));
  return `/knowledge/search?${search.toString()}`;
}

const toggled = (values: readonly string[], value: string) =>
  values.includes(value) ? values.filter((v) => v !== value) : [...values, value];

interface Meta {
  readonly q: string;
  readonly total: number;
  readonly correction: Correction;
  readonly partial: boolean;
  readonly facets: SearchFacets;
}

function FacetGroup({
  title,
  values,
  selected,
  onToggle,
  m,
}: {
  title: string;
  values: readonly FacetValue[];
  selected: readonly string[];
  onToggle: (value: string) => void;
  m: SearchResultsMessages;
}) {
  // A chosen value the answer no longer counts stays, so it can be turned off again.
  const shown = [
    ...values,
    ...selected
      .filter((s) => !values.some((v) => v.value === s))
      .map((s) => ({ value: s, label: s, count: 0 })),
  ];
  if (shown.length === 0) return null;
  const headingId = `search-facet-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div class="search-facets__group">
      <h3 id={headingId} class="search-facets__title">
        {title}
      </h3>
      <ul class="kb-cats__list" aria-labelledby={headingId}>
        {shown.map((f) => (
          <li key={f.value}>
            <button
              type="button"
              class="kb-cats__button"
              aria-pressed={selected.includes(f.value)}
              aria-label={m.facetLabel(f.label, f.count)}
              onClick={() => {
                onToggle(f.value);
              }}
            >
              <span>{f.label}</span> <span class="kb-cats__count">{f.count}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ResultItem({ hit, onOpen }: { hit: SearchHit; onOpen: () => void }) {
  const onLink = (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest('a') !== null) onOpen();
  };
  return (
    <li class="kb-item search-result">
      {/* Any click on the link counts, also one that opens it in a new tab. */}
      <h3 class="kb-item__title" onClick={onLink} onAuxClick={onLink}>
        {hit.url.startsWith('/knowledge/') ? (
          <Link href={hit.url}>
            <Highlighted html={hit.titleHtml} />
          </Link>
        ) : (
          <a href={hit.url}>
            <Highlighted html={hit.titleHtml} />
          </a>
        )}
      </h3>
      {hit.snippet !== '' && (
        <p class="search-result__snippet">
          <Highlighted html={hit.snippet} />
        </p>
      )}
    </li>
  );
}

export function SearchResultsPage({
  api,
  messages: m,
}: {
  api: ApiClient;
  messages: SearchResultsMessages;
}) {
  const params = parseParams(useSearch());
  const [text, setText] = useState(params.q);
  const [meta, setMeta] = useState<Meta | undefined>(undefined);
  const key = JSON.stringify(params);

  // A new address (did you mean, Back) puts its query into the box.
  useEffect(() => {
    setText(params.q);
  }, [params.q]);

  const { list, loadMore, retry } = usePagedList(async (cursor, signal) => {
    if (params.q === '') {
      setMeta(undefined);
      return ok({ items: [] });
    }
    const result = await searchArticles(
      api,
      {
        q: params.q,
        final: true,
        facets: cursor === undefined,
        categories: params.categories,
        tags: params.tags,
        limit: kResultsPageSize,
        cursor,
      },
      signal,
    );
    if (!result.ok) return result;
    const a = result.value;
    if (cursor === undefined && !signal.aborted) {
      setMeta({
        q: params.q,
        total: a.total,
        correction: correctionOf(a),
        partial: a.partial,
        facets: a.facets,
      });
    }
    return ok({
      items: a.results,
      ...(a.nextCursor === undefined ? {} : { nextCursor: a.nextCursor }),
    });
  }, key);

  const go = (next: Params) => {
    navigate(hrefOf(next));
  };
  const filtered = params.categories.length > 0 || params.tags.length > 0;
  const loaded = list.phase === 'loaded' && list.refreshing !== true;
  const empty = loaded && list.items.length === 0 && params.q !== '';

  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <div class="page-actions">
        <Link class="button button--secondary" href="/knowledge">
          <Icon name="knowledge" />
          {m.backToKnowledge}
        </Link>
      </div>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const q = text.trim();
          if (q !== '') go({ q, categories: params.categories, tags: params.tags });
        }}
      >
        <div class="field filters__grow">
          <label class="field__label" for="search-page-q">
            {m.search}
          </label>
          <div class="input-icon">
            <Icon name="search" />
            <input
              id="search-page-q"
              class="input"
              type="search"
              value={text}
              autoComplete="off"
              onInput={(event) => {
                setText(event.currentTarget.value);
              }}
            />
          </div>
        </div>
        <div class="filters__actions">
          <button type="submit" class="button button--primary">
            {m.submit}
          </button>
        </div>
      </form>
      {params.q === '' ? (
        <p class="empty-note">{m.prompt}</p>
      ) : (
        <div class="kb-layout">
          <section class="kb-cats search-facets" aria-labelledby="search-facets-title">
            <h2 id="search-facets-title" class="subsection-title">
              {m.filters}
            </h2>
            {meta !== undefined && (
              <>
                <FacetGroup
                  title={m.categories}
                  values={meta.facets.category}
                  selected={params.categories}
                  onToggle={(value) => {
                    go({ ...params, categories: toggled(params.categories, value) });
                  }}
                  m={m}
                />
                <FacetGroup
                  title={m.tags}
                  values={meta.facets.tag}
                  selected={params.tags}
                  onToggle={(value) => {
                    go({ ...params, tags: toggled(params.tags, value) });
                  }}
                  m={m}
                />
              </>
            )}
            {filtered && (
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  go({ q: params.q, categories: [], tags: [] });
                }}
              >
                {m.clearFilters}
              </button>
            )}
          </section>
          <section class="kb-results" aria-labelledby="search-results-title">
            <h2 id="search-results-title" class="visually-hidden">
              {m.results}
            </h2>
            <StatusMessage>
              {loaded && meta !== undefined
                ? list.items.length === 0
                  ? m.noResults(params.q)
                  : m.total(meta.total)
                : ''}
            </StatusMessage>
            {meta?.correction.kind === 'showing' && (
              <p class="search-correction">
                {m.showingResultsFor} <strong>{meta.correction.text}</strong>
              </p>
            )}
            {meta?.correction.kind === 'suggest' && (
              <p class="search-correction">
                {m.didYouMean}{' '}
                <Link href={hrefOf({ ...params, q: meta.correction.text })}>
                  {meta.correction.text}
                </Link>
              </p>
            )}
            {list.phase === 'loading' && <Loading messages={m.common} />}
            {list.phase === 'failed' && (
              <LoadFailed error={list.error} messages={m.common} retry={retry} />
            )}
            {empty && (
              <div class="empty-note">
                <p>{m.noResults(params.q)}</p>
                <p>{m.noResultsHint}</p>
              </div>
            )}
            {list.phase === 'loaded' && list.items.length > 0 && (
              <>
                {meta !== undefined && (
                  <p class="muted small">
                    {m.total(meta.total)}
                    {meta.partial ? ` ${m.partial}` : ''}
                  </p>
                )}
                <ol
                  class="kb-list search-results"
                  aria-busy={list.refreshing === true ? true : undefined}
                  data-stale={list.refreshing === true ? 'true' : undefined}
                >
                  {list.items.map((hit, index) => (
                    <ResultItem
                      key={hit.id}
                      hit={hit}
                      onOpen={() => {
                        reportSearchClick(api, {
                          q: params.q,
                          articleId: hit.id,
                          position: index + 1,
                        });
                      }}
                    />
                  ))}
                </ol>
                <PagedFooter
                  count={list.items.length}
                  nextCursor={list.nextCursor}
                  more={list.more}
                  shown={m.shown}
                  loadMore={loadMore}
                  messages={m.common}
                />
              </>
            )}
          </section>
        </div>
      )}
    </>
  );
}
