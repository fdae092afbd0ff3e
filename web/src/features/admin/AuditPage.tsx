import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { listAudit } from '../../api/audit';
import { listUsers } from '../../api/users';
import { StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { PagedFooter } from '../../components/PagedFooter';
import { ok } from '../../domain/result';
import type { AuditEntry } from '../../domain/access';

export interface AuditMessages {
  readonly title: string;
  readonly lead: string;
  readonly action: string;
  readonly actionHint: string;
  readonly actor: string;
  readonly anyone: string;
  readonly apply: string;
  readonly clear: string;
  readonly tableCaption: string;
  readonly when: string;
  readonly who: string;
  readonly target: string;
  readonly detail: string;
  readonly address: (remoteAddress: string) => string;
  readonly system: string;
  readonly shown: (count: number, more: boolean) => string;
  readonly empty: string;
  readonly common: CommonMessages;
}

interface Filters {
  readonly action: string;
  readonly actor: string;
}

type ListState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: ApiError }
  | {
      readonly phase: 'loaded';
      readonly entries: readonly AuditEntry[];
      readonly nextCursor?: string;
      readonly more?: 'loading' | ApiError;
    };

/** /admin/audit: the audit log, newest first, filtered by action and actor. */
export function AuditPage({
  api,
  canListUsers,
  messages: m,
}: {
  api: ApiClient;
  canListUsers: boolean;
  messages: AuditMessages;
}) {
  const [draft, setDraft] = useState<Filters>({ action: '', actor: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [list, setList] = useState<ListState>({ phase: 'loading' });
  const [round, setRound] = useState(0);
  const more = useRef<AbortController | null>(null);
  const users = useLoad(
    (signal) => (canListUsers ? listUsers(api, signal) : Promise.resolve(ok([]))),
    String(canListUsers),
  );

  useEffect(() => {
    more.current?.abort();
    const controller = new AbortController();
    setList({ phase: 'loading' });
    void listAudit(api, filters, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setList(
        result.ok ? { phase: 'loaded', ...result.value } : { phase: 'failed', error: result.error },
      );
    });
    return () => {
      controller.abort();
    };
  }, [api, filters, round]);

  const loadMore = () => {
    if (list.phase !== 'loaded' || list.nextCursor === undefined || list.more === 'loading') return;
    const before = list;
    const controller = new AbortController();
    more.current = controller;
    setList({ ...before, more: 'loading' });
    void listAudit(api, { ...filters, cursor: before.nextCursor }, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setList(
          result.ok
            ? {
                phase: 'loaded',
                entries: [...before.entries, ...result.value.entries],
                ...(result.value.nextCursor === undefined
                  ? {}
                  : { nextCursor: result.value.nextCursor }),
              }
            : { ...before, more: result.error },
        );
      },
    );
  };

  const people =
    users.state.phase === 'loaded'
      ? [...users.state.value].sort((a, b) => a.name.localeCompare(b.name))
      : [];

  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ action: draft.action.trim(), actor: draft.actor });
        }}
      >
        <div class="field filters__grow">
          <label class="field__label" for="audit-action">
            {m.action}
          </label>
          <input
            id="audit-action"
            class="input"
            value={draft.action}
            spellcheck={false}
            autoComplete="off"
            aria-describedby="audit-action-hint"
            onInput={(event) => {
              setDraft({ ...draft, action: event.currentTarget.value });
            }}
          />
          <p id="audit-action-hint" class="field__hint">
            {m.actionHint}
          </p>
        </div>
        {people.length > 0 && (
          <div class="field">
            <label class="field__label" for="audit-actor">
              {m.actor}
            </label>
            <select
              id="audit-actor"
              class="input"
              value={draft.actor}
              onChange={(event) => {
                setDraft({ ...draft, actor: event.currentTarget.value });
              }}
            >
              <option value="">{m.anyone}</option>
              {people.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name === '' ? u.email : `${u.name} (${u.email})`}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="filters__actions">
          <button type="submit" class="button button--primary">
            {m.apply}
          </button>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              const none = { action: '', actor: '' };
              setDraft(none);
              setFilters(none);
            }}
          >
            {m.clear}
          </button>
        </div>
      </form>
      <StatusMessage>
        {list.phase === 'loaded' &&
          (list.entries.length === 0
            ? m.empty
            : m.shown(list.entries.length, list.nextCursor !== undefined))}
      </StatusMessage>
      {list.phase === 'loading' && <Loading messages={m.common} />}
      {list.phase === 'failed' && (
        <LoadFailed
          error={list.error}
          messages={m.common}
          retry={() => {
            setRound((r) => r + 1);
          }}
        />
      )}
      {list.phase === 'loaded' && list.entries.length === 0 && <p class="empty-note">{m.empty}</p>}
      {list.phase === 'loaded' && list.entries.length > 0 && (
        <>
          <div class="table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
            <table class="table table--dense">
              <caption id="audit-caption" class="visually-hidden">
                {m.tableCaption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{m.when}</th>
                  <th scope="col">{m.who}</th>
                  <th scope="col">{m.action}</th>
                  <th scope="col">{m.target}</th>
                  <th scope="col">{m.detail}</th>
                </tr>
              </thead>
              <tbody>
                {list.entries.map((entry) => (
                  <tr key={entry.seq}>
                    <td class="nowrap">
                      <time dateTime={entry.at}>{m.common.formatDateTime(entry.at)}</time>
                    </td>
                    <td class="break-words">
                      {entry.actorLabel === '' ? m.system : entry.actorLabel}
                      {entry.remoteAddress !== '' && (
                        <span class="muted small block">{m.address(entry.remoteAddress)}</span>
                      )}
                    </td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td class="break">{entry.target}</td>
                    <td>
                      {Object.keys(entry.detail).length > 0 && (
                        <dl class="detail">
                          {Object.entries(entry.detail).map(([key, value]) => (
                            <div key={key}>
                              <dt>{key}</dt>
                              <dd>{value}</dd>
                            </div>
                          ))}
                        </dl>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PagedFooter
            count={list.entries.length}
            nextCursor={list.nextCursor}
            more={list.more}
            shown={m.shown}
            loadMore={loadMore}
            messages={m.common}
          />
        </>
      )}
    </>
  );
}
