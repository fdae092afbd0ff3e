import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { listArticles, verifyArticle } from '../../api/knowledge';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { PagedFooter } from '../../components/PagedFooter';
import { usePagedList } from '../../components/paged';
import { Link, queryParam, replaceQuery } from '../../components/router';
import type { ArticleSummary } from '../../domain/knowledge';
import { ArticleMeta, articleHref, type KbMessages } from './shared';

export interface StaleMessages {
  readonly title: string;
  readonly lead: string;
  readonly show: string;
  readonly mine: string;
  readonly all: string;
  readonly due: string;
  readonly verifiedLast: string;
  readonly verifier: string;
  readonly verify: string;
  readonly verifyLabel: (title: string) => string;
  readonly verifying: string;
  readonly verified: (title: string) => string;
  readonly failed: (title: string, reason: string) => string;
  readonly emptyTitle: string;
  readonly empty: string;
  readonly kb: KbMessages;
}

/** /knowledge/stale: published articles past their verification date, with "Verify". */
export function StalePage({ api, messages: m }: { api: ApiClient; messages: StaleMessages }) {
  const [mine, setMine] = useState(() => queryParam('owner') !== 'all');
  const { list, loadMore, retry, update } = usePagedList((cursor, signal) => {
    replaceQuery({ owner: mine ? undefined : 'all' });
    return listArticles(api, { stale: true, owner: mine ? 'me' : undefined, cursor }, signal);
  }, String(mine));
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const verify = async (article: ArticleSummary) => {
    setPending(article.id);
    setError(undefined);
    setStatus('');
    const result = await verifyArticle(api, article.id);
    setPending(undefined);
    if (!result.ok) {
      setError(m.failed(article.title, m.kb.common.describeError(result.error)));
      return;
    }
    update((items) => items.filter((a) => a.id !== article.id));
    setStatus(m.verified(article.title));
    document.querySelector<HTMLElement>('main h1')?.focus();
  };

  const c = m.kb.common;
  const when = (at: string | null) =>
    at === null ? c.never : <time dateTime={at}>{c.formatDateTime(at)}</time>;
  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <div class="field">
          <label class="field__label" for="kb-stale-show">
            {m.show}
          </label>
          <select
            id="kb-stale-show"
            class="input"
            value={mine ? 'mine' : 'all'}
            onChange={(event) => {
              setMine(event.currentTarget.value === 'mine');
            }}
          >
            <option value="mine">{m.mine}</option>
            <option value="all">{m.all}</option>
          </select>
        </div>
      </form>
      <StatusMessage>{status}</StatusMessage>
      <AlertRegion>{error}</AlertRegion>
      {list.phase === 'loading' && <Loading messages={c} />}
      {list.phase === 'failed' && <LoadFailed error={list.error} messages={c} retry={retry} />}
      {list.phase === 'loaded' && list.items.length === 0 && list.refreshing !== true && (
        <EmptyState icon="check" title={m.emptyTitle}>
          <p>{m.empty}</p>
        </EmptyState>
      )}
      {list.phase === 'loaded' && list.items.length > 0 && (
        <>
          <ul class="kb-list" aria-busy={list.refreshing === true ? true : undefined}>
            {list.items.map((article) => (
              <li key={article.id} class="kb-item">
                <h2 class="kb-item__title">
                  <Link href={articleHref(article.id)}>{article.title}</Link>
                </h2>
                <ArticleMeta article={article} m={m.kb} />
                <dl class="detail kb-item__facts">
                  <div>
                    <dt>{m.due}</dt>
                    <dd>{when(article.verificationDueAt)}</dd>
                  </div>
                  <div>
                    <dt>{m.verifiedLast}</dt>
                    <dd>{when(article.verifiedAt)}</dd>
                  </div>
                  <div>
                    <dt>{m.verifier}</dt>
                    <dd>{article.verifier === null ? c.none : article.verifier.name}</dd>
                  </div>
                </dl>
                <div class="row-actions kb-item__actions">
                  <button
                    type="button"
                    class="button button--primary button--small"
                    aria-label={m.verifyLabel(article.title)}
                    disabled={pending !== undefined}
                    onClick={() => {
                      void verify(article);
                    }}
                  >
                    {pending === article.id ? m.verifying : m.verify}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <PagedFooter
            count={list.items.length}
            nextCursor={list.nextCursor}
            more={list.more}
            shown={m.kb.shown}
            loadMore={loadMore}
            messages={c}
          />
        </>
      )}
    </>
  );
}
