import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { listArticles, transitionArticle } from '../../api/knowledge';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { PagedFooter } from '../../components/PagedFooter';
import { usePagedList } from '../../components/paged';
import { Link } from '../../components/router';
import type { ArticleSummary } from '../../domain/knowledge';
import { ArticleBadges, ArticleMeta, articleHref, type KbMessages } from './shared';

export interface ReviewMessages {
  readonly title: string;
  readonly lead: string;
  readonly approve: string;
  readonly approveLabel: (title: string) => string;
  readonly sendBack: string;
  readonly sendBackLabel: (title: string) => string;
  readonly note: string;
  readonly noteHint: string;
  readonly confirmSendBack: string;
  readonly working: string;
  readonly approved: (title: string) => string;
  readonly sentBack: (title: string) => string;
  readonly failed: (title: string, reason: string) => string;
  readonly emptyTitle: string;
  readonly empty: string;
  readonly kb: KbMessages;
}

/** /knowledge/review: articles waiting for review, newest revision shown; approve or send back. */
export function ReviewPage({ api, messages: m }: { api: ApiClient; messages: ReviewMessages }) {
  const { list, loadMore, retry, update } = usePagedList(
    (cursor, signal) =>
      listArticles(api, { statuses: ['in_review'], view: 'head', cursor }, signal),
    'review',
  );
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [sendingBack, setSendingBack] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (sendingBack !== undefined) document.getElementById('kb-sendback-note')?.focus();
  }, [sendingBack]);

  const decide = async (article: ArticleSummary, approve: boolean) => {
    setPending(article.id);
    setError(undefined);
    setStatus('');
    const result = await transitionArticle(
      api,
      article.id,
      approve ? 'published' : 'draft',
      approve ? undefined : note,
    );
    setPending(undefined);
    if (!result.ok) {
      // E.g. the author may not approve their own change: the server says so.
      setError(m.failed(article.title, m.kb.common.describeError(result.error)));
      return;
    }
    setSendingBack(undefined);
    setNote('');
    update((items) => items.filter((a) => a.id !== article.id));
    setStatus(approve ? m.approved(article.title) : m.sentBack(article.title));
    document.querySelector<HTMLElement>('main h1')?.focus();
  };

  const kb = m.kb;
  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <StatusMessage>{status}</StatusMessage>
      <AlertRegion>{error}</AlertRegion>
      {list.phase === 'loading' && <Loading messages={kb.common} />}
      {list.phase === 'failed' && (
        <LoadFailed error={list.error} messages={kb.common} retry={retry} />
      )}
      {list.phase === 'loaded' && list.items.length === 0 && (
        <EmptyState icon="review" title={m.emptyTitle}>
          <p>{m.empty}</p>
        </EmptyState>
      )}
      {list.phase === 'loaded' && list.items.length > 0 && (
        <>
          <ul class="kb-list">
            {list.items.map((article) => (
              <li key={article.id} class="kb-item">
                <h2 class="kb-item__title">
                  <Link href={articleHref(article.id, 'head')}>{article.title}</Link>
                </h2>
                <ArticleBadges article={article} m={kb} />
                {article.summary !== '' && <p class="kb-item__summary">{article.summary}</p>}
                <ArticleMeta article={article} m={kb} />
                {sendingBack === article.id ? (
                  <form
                    class="form kb-item__form"
                    onSubmit={(event) => {
                      event.preventDefault();
                      void decide(article, false);
                    }}
                  >
                    <div class="field">
                      <label class="field__label" for="kb-sendback-note">
                        {m.note}
                      </label>
                      <p id="kb-sendback-note-hint" class="field__hint">
                        {m.noteHint}
                      </p>
                      <textarea
                        id="kb-sendback-note"
                        class="input"
                        rows={2}
                        maxLength={300}
                        aria-describedby="kb-sendback-note-hint"
                        value={note}
                        onInput={(event) => {
                          setNote(event.currentTarget.value);
                        }}
                      />
                    </div>
                    <div class="row-actions">
                      <button
                        type="submit"
                        class="button button--primary button--small"
                        disabled={pending === article.id}
                      >
                        {pending === article.id ? m.working : m.confirmSendBack}
                      </button>
                      <button
                        type="button"
                        class="button button--secondary button--small"
                        onClick={() => {
                          setSendingBack(undefined);
                          setNote('');
                        }}
                      >
                        {kb.common.cancel}
                      </button>
                    </div>
                  </form>
                ) : (
                  <div class="row-actions kb-item__actions">
                    <button
                      type="button"
                      class="button button--primary button--small"
                      aria-label={m.approveLabel(article.title)}
                      disabled={pending !== undefined}
                      onClick={() => {
                        void decide(article, true);
                      }}
                    >
                      {pending === article.id ? m.working : m.approve}
                    </button>
                    <button
                      type="button"
                      class="button button--secondary button--small"
                      aria-label={m.sendBackLabel(article.title)}
                      disabled={pending !== undefined}
                      onClick={() => {
                        setNote('');
                        setSendingBack(article.id);
                      }}
                    >
                      {m.sendBack}
                    </button>
                  </div>
                )}
              </li>
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
    </>
  );
}
