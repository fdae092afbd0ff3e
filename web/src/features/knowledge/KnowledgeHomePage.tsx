import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { listArticles, listCategories } from '../../api/knowledge';
import { StatusMessage } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { useDebounced, useLoad } from '../../components/hooks';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { PagedFooter } from '../../components/PagedFooter';
import { usePagedList } from '../../components/paged';
import { Link, queryParam, replaceQuery } from '../../components/router';
import { categoryTree, type ArticleSummary, type Category } from '../../domain/knowledge';
import { SearchCombobox, type SearchBoxMessages } from '../search/SearchCombobox';
import { ArticleBadges, ArticleMeta, articleHref, type KbMessages } from './shared';

export interface KbHomeMessages {
  readonly title: string;
  readonly lead: string;
  readonly newArticle: string;
  readonly helpCenter: string;
  readonly importExport: string;
  readonly searchInsights: string;
  readonly search: string;
  readonly searchHint: string;
  readonly show: string;
  readonly showAll: string;
  readonly showMine: string;
  readonly categories: string;
  readonly allCategories: string;
  readonly articleCount: (n: number) => string;
  readonly articles: string;
  readonly noMatches: string;
  readonly emptyTitle: string;
  readonly emptyBody: string;
  readonly emptyReader: string;
  readonly kb: KbMessages;
}

const kSearchDelayMs = 300;
type Show = 'all' | 'mine';

function CategoryButton({
  category,
  selected,
  onSelect,
  m,
}: {
  category: Category;
  selected: boolean;
  onSelect: (id: string) => void;
  m: KbHomeMessages;
}) {
  return (
    <button
      type="button"
      class="kb-cats__button"
      aria-pressed={selected}
      onClick={() => {
        onSelect(category.id);
      }}
    >
      <span>{category.name}</span>{' '}
      <span class="kb-cats__count">{m.articleCount(category.articleCount)}</span>
    </button>
  );
}

function ArticleItem({
  article,
  mine,
  m,
}: {
  article: ArticleSummary;
  mine: boolean;
  m: KbMessages;
}) {
  return (
    <li class="kb-item">
      <h3 class="kb-item__title">
        <Link href={articleHref(article.id, mine ? 'head' : undefined)}>{article.title}</Link>
      </h3>
      <ArticleBadges article={article} m={m} />
      {article.summary !== '' && <p class="kb-item__summary">{article.summary}</p>}
      <ArticleMeta article={article} m={m} />
    </li>
  );
}

/** /knowledge: search as you type, filter by category, and the writer's own drafts. */
export function KnowledgeHomePage({
  api,
  canWrite,
  canManage = false,
  canSeeInsights = false,
  messages: m,
  searchMessages,
}: {
  api: ApiClient;
  canWrite: boolean;
  /** Bulk import and export (kb.manage). */
  canManage?: boolean;
  /** The search reports (kb.publish). */
  canSeeInsights?: boolean;
  messages: KbHomeMessages;
  searchMessages: SearchBoxMessages;
}) {
  // The filters live in the address too, so "back" from an article restores them.
  const [query, setQuery] = useState(() => queryParam('q') ?? '');
  const [category, setCategory] = useState(() => queryParam('category') ?? '');
  const [show, setShow] = useState<Show>(() =>
    canWrite && queryParam('show') === 'mine' ? 'mine' : 'all',
  );
  const q = useDebounced(query.trim(), kSearchDelayMs);
  const categories = useLoad((signal) => listCategories(api, signal), 'categories');
  const key = JSON.stringify({ q, category, show });
  const { list, loadMore, retry } = usePagedList((cursor, signal) => {
    replaceQuery({ q, category, show: show === 'mine' ? 'mine' : undefined });
    return listArticles(
      api,
      {
        q,
        categoryId: category === '' ? undefined : category,
        ...(show === 'mine' ? { owner: 'me', statuses: ['draft', 'in_review'], view: 'head' } : {}),
        cursor,
      },
      signal,
    );
  }, key);

  const tree = categories.state.phase === 'loaded' ? categoryTree(categories.state.value) : [];
  const filtered = q !== '' || category !== '' || show === 'mine';
  const empty = list.phase === 'loaded' && list.items.length === 0 && list.refreshing !== true;
  const kb = m.kb;

  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <div class="page-actions">
        {canWrite && (
          <Link class="button button--primary" href="/knowledge/new">
            <Icon name="plus" />
            {m.newArticle}
          </Link>
        )}
        {/* The help center is rendered by the server, not by this app: a plain link. */}
        <a class="button button--secondary" href="/help">
          <Icon name="external" />
          {m.helpCenter}
        </a>
        {canManage && (
          <Link class="button button--secondary" href="/knowledge/import">
            <Icon name="upload" />
            {m.importExport}
          </Link>
        )}
        {canSeeInsights && (
          <Link class="button button--secondary" href="/knowledge/search-insights">
            <Icon name="analytics" />
            {m.searchInsights}
          </Link>
        )}
      </div>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        {/* Suggestions as you type; the list below follows the same text. */}
        <div class="field filters__grow">
          <SearchCombobox
            api={api}
            id="kb-search"
            label={m.search}
            hint={m.searchHint}
            value={query}
            onInput={setQuery}
            messages={searchMessages}
          />
        </div>
        {canWrite && (
          <div class="field">
            <label class="field__label" for="kb-show">
              {m.show}
            </label>
            <select
              id="kb-show"
              class="input"
              value={show}
              onChange={(event) => {
                setShow(event.currentTarget.value === 'mine' ? 'mine' : 'all');
              }}
            >
              <option value="all">{m.showAll}</option>
              <option value="mine">{m.showMine}</option>
            </select>
          </div>
        )}
      </form>
      <div class="kb-layout">
        <section class="kb-cats" aria-labelledby="kb-cats-title">
          <h2 id="kb-cats-title" class="subsection-title">
            {m.categories}
          </h2>
          {categories.state.phase === 'failed' && (
            <LoadFailed
              error={categories.state.error}
              messages={kb.common}
              retry={categories.reload}
            />
          )}
          <ul class="kb-cats__list">
            <li>
              <button
                type="button"
                class="kb-cats__button"
                aria-pressed={category === ''}
                onClick={() => {
                  setCategory('');
                }}
              >
                {m.allCategories}
              </button>
            </li>
            {tree.map((node) => (
              <li key={node.category.id}>
                <CategoryButton
                  category={node.category}
                  selected={category === node.category.id}
                  onSelect={setCategory}
                  m={m}
                />
                {node.sections.length > 0 && (
                  <ul class="kb-cats__sections">
                    {node.sections.map((section) => (
                      <li key={section.id}>
                        <CategoryButton
                          category={section}
                          selected={category === section.id}
                          onSelect={setCategory}
                          m={m}
                        />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
        <section class="kb-results" aria-labelledby="kb-results-title">
          <h2 id="kb-results-title" class="visually-hidden">
            {m.articles}
          </h2>
          <StatusMessage>
            {list.phase === 'loaded' &&
              list.refreshing !== true &&
              (list.items.length === 0
                ? m.noMatches
                : kb.shown(list.items.length, list.nextCursor !== undefined))}
          </StatusMessage>
          {list.phase === 'loading' && <Loading messages={kb.common} />}
          {list.phase === 'failed' && (
            <LoadFailed error={list.error} messages={kb.common} retry={retry} />
          )}
          {empty && filtered && <p class="empty-note">{m.noMatches}</p>}
          {empty && !filtered && (
            <EmptyState
              icon="knowledge"
              title={m.emptyTitle}
              action={
                canWrite ? (
                  <Link class="button button--primary" href="/knowledge/new">
                    {m.newArticle}
                  </Link>
                ) : undefined
              }
            >
              <p>{canWrite ? m.emptyBody : m.emptyReader}</p>
            </EmptyState>
          )}
          {list.phase === 'loaded' && list.items.length > 0 && (
            <>
              <ul
                class="kb-list"
                aria-busy={list.refreshing === true ? true : undefined}
                data-stale={list.refreshing === true ? 'true' : undefined}
              >
                {list.items.map((article) => (
                  <ArticleItem key={article.id} article={article} mine={show === 'mine'} m={kb} />
                ))}
              </ul>
              <PagedFooter
                count={list.items.length}
                nextCursor={list.nextCursor}
                more={list.more}
                shown={kb.shown}
                loadMore={loadMore}
                messages={kb.common}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}
