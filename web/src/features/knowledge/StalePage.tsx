import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { listArticles, verifyArticle } from '../../api/knowledge';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { usePagedList } from '../../components/paged';
import { queryParam, replaceQuery } from '../../components/router';
import type { ArticleSummary } from '../../domain/knowledge';
import { ArticleItemList, ItemAction, MineOrAllSelect } from './ArticleItemList';
import { ArticleMeta, type KbMessages } from './shared';

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
  const paged = usePagedList((cursor, signal) => {
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
    paged.update((items) => items.filter((a) => a.id !== article.id));
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
        <MineOrAllSelect id="kb-stale-show" mine={mine} onChange={setMine} m={m} />
      </form>
      <StatusMessage>{status}</StatusMessage>
      <AlertRegion>{error}</AlertRegion>
      <ArticleItemList
        paged={paged}
        articleOf={(article) => article}
        empty={
          <EmptyState icon="check" title={m.emptyTitle}>
            <p>{m.empty}</p>
          </EmptyState>
        }
        renderItem={(article) => (
          <>
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
            <ItemAction
              variant="primary"
              label={m.verify}
              busyLabel={m.verifying}
              ariaLabel={m.verifyLabel(article.title)}
              id={article.id}
              pending={pending}
              onClick={() => {
                void verify(article);
              }}
            />
          </>
        )}
        m={m.kb}
      />
    </>
  );
}
