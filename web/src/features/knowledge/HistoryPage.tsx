import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { diffRevisions, listRevisions, restoreRevision } from '../../api/knowledge';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { Link } from '../../components/router';
import type { Diff, Revision } from '../../domain/knowledge';
import { DiffView, type DiffMessages } from './DiffView';
import { articleHref, type KbMessages } from './shared';

export interface HistoryMessages {
  readonly title: (articleTitle: string) => string;
  readonly fallbackTitle: string;
  readonly lead: string;
  readonly backToArticle: string;
  readonly tableCaption: string;
  readonly from: string;
  readonly to: string;
  readonly compareFrom: (revision: number) => string;
  readonly compareTo: (revision: number) => string;
  readonly revision: string;
  readonly titleColumn: string;
  readonly author: string;
  readonly date: string;
  readonly note: string;
  readonly actions: string;
  readonly published: string;
  readonly latest: string;
  readonly system: string;
  readonly showChanges: string;
  readonly loadingChanges: string;
  readonly pickTwo: string;
  readonly restore: string;
  readonly restoreLabel: (revision: number) => string;
  readonly confirmRestore: (revision: number) => string;
  readonly confirm: string;
  readonly restoring: string;
  readonly restored: (revision: number, head: number) => string;
  readonly diff: DiffMessages;
  readonly kb: KbMessages;
}

type DiffState =
  | { readonly phase: 'none' }
  | { readonly phase: 'loading' }
  | { readonly phase: 'loaded'; readonly diff: Diff }
  | { readonly phase: 'failed'; readonly error: ApiError };

/** /knowledge/articles/<id>/history: revisions, newest first; compare two; restore one. */
export function HistoryPage({
  api,
  id,
  messages: m,
}: {
  api: ApiClient;
  id: string;
  messages: HistoryMessages;
}) {
  const revisions = useLoad((signal) => listRevisions(api, id, signal), id);
  const [from, setFrom] = useState<number | undefined>(undefined);
  const [to, setTo] = useState<number | undefined>(undefined);
  const [diff, setDiff] = useState<DiffState>({ phase: 'none' });
  const [confirming, setConfirming] = useState<number | undefined>(undefined);
  const [restoring, setRestoring] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const diffHeading = useRef<HTMLHeadingElement>(null);

  const list: readonly Revision[] = revisions.state.phase === 'loaded' ? revisions.state.value : [];
  const newest = list[0]?.number;
  // Until two are picked, compare the newest revision with the one before it.
  const chosenFrom = from ?? list[1]?.number;
  const chosenTo = to ?? newest;

  useEffect(() => {
    if (diff.phase === 'loaded') diffHeading.current?.focus();
  }, [diff]);
  useEffect(() => {
    if (confirming !== undefined) document.getElementById('kb-restore-confirm')?.focus();
  }, [confirming]);

  const compare = async () => {
    if (chosenFrom === undefined || chosenTo === undefined) return;
    setDiff({ phase: 'loading' });
    const low = Math.min(chosenFrom, chosenTo);
    const high = Math.max(chosenFrom, chosenTo);
    const result = await diffRevisions(api, id, low, high);
    setDiff(
      result.ok
        ? { phase: 'loaded', diff: result.value }
        : { phase: 'failed', error: result.error },
    );
  };

  const restore = async (revision: number) => {
    setRestoring(true);
    setError(undefined);
    setStatus('');
    const result = await restoreRevision(api, id, revision);
    if (!result.ok) {
      setRestoring(false);
      setError(m.kb.common.describeError(result.error));
      return;
    }
    const fresh = await listRevisions(api, id);
    setRestoring(false);
    setConfirming(undefined);
    if (fresh.ok) revisions.set(fresh.value);
    setFrom(undefined);
    setTo(undefined);
    setDiff({ phase: 'none' });
    setStatus(m.restored(revision, result.value.headRevision));
    document.getElementById('kb-history-table')?.focus();
  };

  const articleTitle = list[0]?.title;
  return (
    <>
      <p class="breadcrumb">
        <Link href={articleHref(id, 'head')}>{m.backToArticle}</Link>
      </p>
      <PageHeader
        title={articleTitle === undefined ? m.fallbackTitle : m.title(articleTitle)}
        lead={m.lead}
      />
      <StatusMessage>{status}</StatusMessage>
      <AlertRegion>{error}</AlertRegion>
      {revisions.state.phase === 'loading' && <Loading messages={m.kb.common} />}
      {revisions.state.phase === 'failed' && (
        <LoadFailed error={revisions.state.error} messages={m.kb.common} retry={revisions.reload} />
      )}
      {list.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void compare();
          }}
        >
          <div
            id="kb-history-table"
            class="table-wrap"
            role="region"
            aria-labelledby="kb-history-caption"
            tabIndex={0}
          >
            <table class="table">
              <caption id="kb-history-caption" class="visually-hidden">
                {m.tableCaption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{m.from}</th>
                  <th scope="col">{m.to}</th>
                  <th scope="col">{m.revision}</th>
                  <th scope="col">{m.titleColumn}</th>
                  <th scope="col">{m.author}</th>
                  <th scope="col">{m.date}</th>
                  <th scope="col">{m.note}</th>
                  <th scope="col">{m.actions}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.number}>
                    <td>
                      {list.length > 1 && (
                        <input
                          type="radio"
                          class="checkbox"
                          name="kb-from"
                          aria-label={m.compareFrom(r.number)}
                          checked={chosenFrom === r.number}
                          onChange={() => {
                            setFrom(r.number);
                          }}
                        />
                      )}
                    </td>
                    <td>
                      {list.length > 1 && (
                        <input
                          type="radio"
                          class="checkbox"
                          name="kb-to"
                          aria-label={m.compareTo(r.number)}
                          checked={chosenTo === r.number}
                          onChange={() => {
                            setTo(r.number);
                          }}
                        />
                      )}
                    </td>
                    <th scope="row">
                      <span class="cell-title">
                        {r.number}
                        {r.number === newest && <span class="tag tag--pending">{m.latest}</span>}
                        {r.published && <span class="tag tag--ok">{m.published}</span>}
                      </span>
                    </th>
                    <td>{r.title}</td>
                    <td>{r.author === null ? m.system : r.author.name}</td>
                    <td class="nowrap">
                      <time dateTime={r.createdAt}>{m.kb.common.formatDateTime(r.createdAt)}</time>
                    </td>
                    <td>{r.note === '' ? m.kb.common.none : r.note}</td>
                    <td>
                      {r.number !== newest && confirming !== r.number && (
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={m.restoreLabel(r.number)}
                          disabled={restoring}
                          onClick={() => {
                            setConfirming(r.number);
                          }}
                        >
                          {m.restore}
                        </button>
                      )}
                      {confirming === r.number && (
                        <div class="confirm" role="group" aria-labelledby="kb-restore-q">
                          <p id="kb-restore-q" class="confirm__question">
                            {m.confirmRestore(r.number)}
                          </p>
                          <div class="row-actions">
                            <button
                              id="kb-restore-confirm"
                              type="button"
                              class="button button--primary button--small"
                              disabled={restoring}
                              onClick={() => {
                                void restore(r.number);
                              }}
                            >
                              {restoring ? m.restoring : m.confirm}
                            </button>
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              onClick={() => {
                                setConfirming(undefined);
                              }}
                            >
                              {m.kb.common.cancel}
                            </button>
                          </div>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.length > 1 && (
            <div class="form__actions kb-history__actions">
              <button
                type="submit"
                class="button button--primary"
                disabled={diff.phase === 'loading' || chosenFrom === chosenTo}
              >
                {diff.phase === 'loading' ? m.loadingChanges : m.showChanges}
              </button>
              {chosenFrom === chosenTo && <p class="form__note">{m.pickTwo}</p>}
            </div>
          )}
        </form>
      )}
      {diff.phase === 'failed' && (
        <LoadFailed
          error={diff.error}
          messages={m.kb.common}
          retry={() => {
            void compare();
          }}
        />
      )}
      {diff.phase === 'loaded' && (
        <DiffView diff={diff.diff} headingRef={diffHeading} messages={m.diff} />
      )}
    </>
  );
}
