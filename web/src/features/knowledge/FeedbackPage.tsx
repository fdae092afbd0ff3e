import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { listFeedback, resolveFeedback } from '../../api/knowledge';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { usePagedList } from '../../components/paged';
import { queryParam, replaceQuery } from '../../components/router';
import type { Feedback } from '../../domain/knowledge';
import { ArticleItemList, ItemAction, MineOrAllSelect } from './ArticleItemList';
import type { KbMessages } from './shared';

export interface FeedbackListMessages {
  readonly title: string;
  readonly lead: string;
  readonly show: string;
  readonly mine: string;
  readonly all: string;
  readonly includeResolved: string;
  readonly oneArticle: string;
  readonly allArticles: string;
  readonly helpful: string;
  readonly notHelpful: string;
  readonly noReason: string;
  readonly fromPublic: string;
  readonly fromUser: (name: string) => string;
  readonly anonymous: string;
  readonly resolve: string;
  readonly resolveLabel: (title: string) => string;
  readonly resolving: string;
  readonly resolved: (title: string) => string;
  readonly resolvedBy: (name: string, when: string) => string;
  readonly failed: (reason: string) => string;
  readonly emptyTitle: string;
  readonly empty: string;
  readonly kb: KbMessages;
}

function From({ item, m }: { item: Feedback; m: FeedbackListMessages }) {
  if (item.fromPublic) return <>{m.fromPublic}</>;
  return <>{item.user === null ? m.anonymous : m.fromUser(item.user.name)}</>;
}

/**
 * /knowledge/feedback[?article_id=]: readers' "not helpful" votes with their
 * reasons, on the caller's articles (or everyone's, for kb.publish); resolve
 * them once dealt with.
 */
export function FeedbackPage({
  api,
  canSeeAll,
  messages: m,
}: {
  api: ApiClient;
  canSeeAll: boolean;
  messages: FeedbackListMessages;
}) {
  const [articleId, setArticleId] = useState(() => queryParam('article_id') ?? undefined);
  const [mine, setMine] = useState(() => !(canSeeAll && queryParam('owner') === 'all'));
  const [withResolved, setWithResolved] = useState(() => queryParam('resolved') === 'true');
  const paged = usePagedList((cursor, signal) => {
    replaceQuery({
      article_id: articleId,
      owner: mine ? undefined : 'all',
      resolved: withResolved ? 'true' : undefined,
    });
    return listFeedback(
      api,
      {
        // One article's feedback is asked for whoever owns it.
        owner: mine && articleId === undefined ? 'me' : undefined,
        articleId,
        openOnly: !withResolved,
        cursor,
      },
      signal,
    );
  }, JSON.stringify({ articleId, mine, withResolved }));
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const resolve = async (item: Feedback) => {
    setPending(item.id);
    setError(undefined);
    setStatus('');
    const result = await resolveFeedback(api, item.id);
    setPending(undefined);
    if (!result.ok) {
      setError(m.failed(m.kb.common.describeError(result.error)));
      return;
    }
    paged.update((items) =>
      withResolved
        ? items.map((f) => (f.id === item.id ? result.value : f))
        : items.filter((f) => f.id !== item.id),
    );
    setStatus(m.resolved(item.article.title));
    document.querySelector<HTMLElement>('main h1')?.focus();
  };

  const c = m.kb.common;
  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      {articleId !== undefined && (
        <p class="notice">
          {m.oneArticle}{' '}
          <button
            type="button"
            class="link-button"
            onClick={() => {
              setArticleId(undefined);
            }}
          >
            {m.allArticles}
          </button>
        </p>
      )}
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        {canSeeAll && articleId === undefined && (
          <MineOrAllSelect id="kb-feedback-show" mine={mine} onChange={setMine} m={m} />
        )}
        <div class="field field--check">
          <input
            id="kb-feedback-resolved"
            type="checkbox"
            class="checkbox"
            checked={withResolved}
            onChange={(event) => {
              setWithResolved(event.currentTarget.checked);
            }}
          />
          <label for="kb-feedback-resolved">{m.includeResolved}</label>
        </div>
      </form>
      <StatusMessage>{status}</StatusMessage>
      <AlertRegion>{error}</AlertRegion>
      <ArticleItemList
        paged={paged}
        articleOf={(item) => item.article}
        empty={
          <EmptyState icon="message" title={m.emptyTitle}>
            <p>{m.empty}</p>
          </EmptyState>
        }
        renderItem={(item) => (
          <>
            <p class="kb-badges">
              <span class={`tag ${item.helpful ? 'tag--ok' : 'tag--warning'}`}>
                {item.helpful ? m.helpful : m.notHelpful}
              </span>
              <span class="tag tag--muted">
                {item.reason === null ? m.noReason : m.kb.reasons[item.reason]}
              </span>
            </p>
            {item.comment !== '' && (
              <blockquote class="kb-comment">
                <p>{item.comment}</p>
              </blockquote>
            )}
            <p class="kb-meta muted small">
              <span>
                <From item={item} m={m} />
              </span>
              <span>
                <time dateTime={item.createdAt}>{c.formatDateTime(item.createdAt)}</time>
              </span>
              <span>{m.kb.revision(item.revision)}</span>
            </p>
            {item.resolved ? (
              <p class="muted small">
                {m.resolvedBy(
                  item.resolvedBy?.name ?? c.none,
                  item.resolvedAt === null ? c.none : c.formatDateTime(item.resolvedAt),
                )}
              </p>
            ) : (
              <ItemAction
                variant="secondary"
                label={m.resolve}
                busyLabel={m.resolving}
                ariaLabel={m.resolveLabel(item.article.title)}
                id={item.id}
                pending={pending}
                onClick={() => {
                  void resolve(item);
                }}
              />
            )}
          </>
        )}
        m={m.kb}
      />
    </>
  );
}
