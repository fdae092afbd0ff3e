import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient, ApiResult } from '../../api/client';
import { deleteArticle, transitionArticle, verifyArticle } from '../../api/knowledge';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import { Icon } from '../../components/Icon';
import { Link, navigate } from '../../components/router';
import {
  availableMoves,
  moveTarget,
  type Article,
  type ArticleMove,
  type ArticleSummary,
} from '../../domain/knowledge';
import type { KbMessages } from './shared';

export interface ArticleActionsMessages {
  readonly label: string;
  readonly edit: string;
  readonly history: string;
  readonly translate: string;
  readonly moves: Readonly<Record<ArticleMove, string>>;
  readonly moved: Readonly<Record<ArticleMove, (title: string) => string>>;
  readonly verify: string;
  readonly verified: (due: string) => string;
  readonly remove: string;
  readonly confirmRemove: (title: string) => string;
  readonly confirm: string;
  readonly working: string;
  readonly failed: (reason: string) => string;
  readonly kb: KbMessages;
}

type Pending = ArticleMove | 'verify' | 'delete';

/**
 * The buttons for what the caller may do with an article, from its `can` and
 * status. After a change the article is read again (`reload`) so the page
 * shows the revision that is now live; the outcome is announced and focus
 * stays in the toolbar.
 */
export function ArticleActions({
  api,
  article,
  canWrite,
  reload,
  messages: m,
}: {
  api: ApiClient;
  article: Article;
  canWrite: boolean;
  reload: () => Promise<void>;
  messages: ArticleActionsMessages;
}) {
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const toolbar = useRef<HTMLDivElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const run = async (
    what: Pending,
    call: () => Promise<ApiResult<ArticleSummary | undefined>>,
    done: (result: ArticleSummary | undefined) => string,
  ) => {
    setPending(what);
    setError(undefined);
    setStatus('');
    const result = await call();
    if (!result.ok) {
      setPending(undefined);
      setError(m.failed(m.kb.common.describeError(result.error)));
      return;
    }
    if (what === 'delete') {
      navigate('/knowledge');
      return;
    }
    await reload();
    setPending(undefined);
    setStatus(done(result.value));
    toolbar.current?.focus();
  };

  const moves = availableMoves(article);
  const id = article.id;
  const busy = pending !== undefined;
  const published = article.publishedRevision > 0;

  return (
    <>
      <AlertRegion>{error}</AlertRegion>
      <StatusMessage>{status}</StatusMessage>
      <div class="kb-actions" role="group" aria-label={m.label} tabIndex={-1} ref={toolbar}>
        {article.can.edit && (
          <Link
            class="button button--primary"
            href={`/knowledge/articles/${encodeURIComponent(id)}/edit`}
          >
            <Icon name="edit" />
            {m.edit}
          </Link>
        )}
        {moves.map((move) => (
          <button
            key={move}
            type="button"
            class={`button ${move === 'approve' ? 'button--primary' : 'button--secondary'}`}
            disabled={busy}
            onClick={() => {
              void run(
                move,
                () => transitionArticle(api, id, moveTarget(move)),
                () => m.moved[move](article.title),
              );
            }}
          >
            {pending === move ? m.working : m.moves[move]}
          </button>
        ))}
        {article.can.verify && published && (
          <button
            type="button"
            class="button button--secondary"
            disabled={busy}
            onClick={() => {
              void run(
                'verify',
                () => verifyArticle(api, id),
                (a) =>
                  m.verified(
                    a === undefined || a.verificationDueAt === null
                      ? m.kb.common.none
                      : m.kb.common.formatDateTime(a.verificationDueAt),
                  ),
              );
            }}
          >
            <Icon name="check" />
            {pending === 'verify' ? m.working : m.verify}
          </button>
        )}
        {canWrite && (
          <Link
            class="button button--secondary"
            href={`/knowledge/articles/${encodeURIComponent(id)}/history`}
          >
            <Icon name="clock" />
            {m.history}
          </Link>
        )}
        {canWrite && (
          <Link
            class="button button--secondary"
            href={`/knowledge/new?translation_of=${encodeURIComponent(id)}`}
          >
            {m.translate}
          </Link>
        )}
        {article.can.delete && !confirming && (
          <button
            type="button"
            class="button button--secondary"
            disabled={busy}
            onClick={() => {
              setConfirming(true);
            }}
          >
            {m.remove}
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm kb-confirm" role="group" aria-labelledby="kb-delete-q">
          <p id="kb-delete-q" class="confirm__question">
            {m.confirmRemove(article.title)}
          </p>
          <div class="row-actions">
            <button
              ref={confirmButton}
              type="button"
              class="button button--danger button--small"
              disabled={busy}
              onClick={() => {
                void run(
                  'delete',
                  () => deleteArticle(api, id),
                  () => '',
                );
              }}
            >
              {pending === 'delete' ? m.working : m.confirm}
            </button>
            <button
              type="button"
              class="button button--secondary button--small"
              onClick={() => {
                setConfirming(false);
                toolbar.current?.focus();
              }}
            >
              {m.kb.common.cancel}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
