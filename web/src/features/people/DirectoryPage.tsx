import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { listPeople, listTeams } from '../../api/directory';
import { StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { useDebounced, useLoad } from '../../components/hooks';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { PagedFooter } from '../../components/PagedFooter';
import { Link, queryParam, replaceQuery } from '../../components/router';
import { groupTeams, type Person } from '../../domain/directory';
import { ExportButton, type ExportMessages } from './ExportButton';

export interface DirectoryMessages {
  readonly title: string;
  readonly lead: string;
  readonly search: string;
  readonly searchHint: string;
  readonly team: string;
  readonly allTeams: string;
  readonly otherTeams: string;
  readonly includeInactive: string;
  readonly tableCaption: string;
  readonly name: string;
  readonly jobTitle: string;
  readonly teamColumn: string;
  readonly manager: string;
  readonly location: string;
  readonly inactive: string;
  readonly shown: (count: number, more: boolean) => string;
  readonly noMatches: string;
  readonly importLink: string;
  readonly orgChartLink: string;
  readonly exportButton: ExportMessages;
  readonly common: CommonMessages;
}

const kSearchDelayMs = 300;

interface Filters {
  readonly q: string;
  readonly team: string;
  readonly inactive: boolean;
}

type ListState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: ApiError }
  | {
      readonly phase: 'loaded';
      readonly people: readonly Person[];
      readonly nextCursor?: string;
      readonly more?: 'loading' | ApiError;
      /** A new search is on its way; the old results stay until it answers. */
      readonly refreshing?: boolean;
    };

/** /people: search and filter the directory, page through it with "Load more". */
export function DirectoryPage({
  api,
  canImport,
  canExport,
  messages: m,
}: {
  api: ApiClient;
  canImport: boolean;
  canExport: boolean;
  messages: DirectoryMessages;
}) {
  // The filters live in the address too, so "back" from a person restores the search.
  const [query, setQuery] = useState(() => queryParam('q') ?? '');
  const [team, setTeam] = useState(() => queryParam('team') ?? '');
  const [inactive, setInactive] = useState(() => queryParam('inactive') === 'true');
  const q = useDebounced(query.trim(), kSearchDelayMs);
  const filters: Filters = { q, team, inactive };
  const key = JSON.stringify(filters);
  const [list, setList] = useState<ListState>({ phase: 'loading' });
  const [round, setRound] = useState(0);
  const more = useRef<AbortController | null>(null);
  const teams = useLoad((signal) => listTeams(api, signal), 'teams');

  useEffect(() => {
    replaceQuery({ q, team, inactive: inactive ? 'true' : undefined });
    more.current?.abort();
    const controller = new AbortController();
    setList((previous) =>
      previous.phase === 'loaded'
        ? { phase: 'loaded', people: previous.people, refreshing: true }
        : { phase: 'loading' },
    );
    void listPeople(api, { q, team, includeInactive: inactive }, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setList(
          result.ok
            ? { phase: 'loaded', ...result.value }
            : { phase: 'failed', error: result.error },
        );
      },
    );
    return () => {
      controller.abort();
    };
    // `key` stands for q, team and inactive.
  }, [api, key, round]);

  const loadMore = () => {
    if (list.phase !== 'loaded' || list.nextCursor === undefined) return;
    if (list.more === 'loading' || list.refreshing === true) return;
    const controller = new AbortController();
    more.current = controller;
    const before = list;
    setList({ ...before, more: 'loading' });
    void listPeople(
      api,
      { q, team, includeInactive: inactive, cursor: list.nextCursor },
      controller.signal,
    ).then((result) => {
      if (controller.signal.aborted) return;
      setList(
        result.ok
          ? {
              phase: 'loaded',
              people: [...before.people, ...result.value.people],
              ...(result.value.nextCursor === undefined
                ? {}
                : { nextCursor: result.value.nextCursor }),
            }
          : { ...before, more: result.error },
      );
    });
  };

  const groups = teams.state.phase === 'loaded' ? groupTeams(teams.state.value) : [];

  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <div class="page-actions">
        <Link class="button button--secondary" href="/org-chart">
          <Icon name="orgChart" />
          {m.orgChartLink}
        </Link>
        {canImport && (
          <Link class="button button--secondary" href="/people/import">
            <Icon name="upload" />
            {m.importLink}
          </Link>
        )}
        {canExport && <ExportButton api={api} messages={m.exportButton} />}
      </div>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <div class="field filters__grow">
          <label class="field__label" for="people-search">
            {m.search}
          </label>
          <div class="input-icon">
            <Icon name="search" />
            <input
              id="people-search"
              class="input"
              type="search"
              value={query}
              autoComplete="off"
              spellcheck={false}
              aria-describedby="people-search-hint"
              onInput={(event) => {
                setQuery(event.currentTarget.value);
              }}
            />
          </div>
          <p id="people-search-hint" class="field__hint">
            {m.searchHint}
          </p>
        </div>
        <div class="field">
          <label class="field__label" for="people-team">
            {m.team}
          </label>
          <select
            id="people-team"
            class="input"
            value={team}
            onChange={(event) => {
              setTeam(event.currentTarget.value);
            }}
          >
            <option value="">{m.allTeams}</option>
            {groups.map((group) => (
              <optgroup
                key={group.department?.id ?? '-'}
                label={group.department?.name ?? m.otherTeams}
              >
                {group.department !== undefined && (
                  <option value={group.department.id}>{group.department.name}</option>
                )}
                {group.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="field field--check">
          <input
            id="people-inactive"
            type="checkbox"
            class="checkbox"
            checked={inactive}
            onChange={(event) => {
              setInactive(event.currentTarget.checked);
            }}
          />
          <label for="people-inactive">{m.includeInactive}</label>
        </div>
      </form>
      <StatusMessage>
        {list.phase === 'loaded' &&
          list.refreshing !== true &&
          (list.people.length === 0
            ? m.noMatches
            : m.shown(list.people.length, list.nextCursor !== undefined))}
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
      {list.phase === 'loaded' && list.people.length === 0 && list.refreshing !== true && (
        <p class="empty-note">{m.noMatches}</p>
      )}
      {list.phase === 'loaded' && list.people.length > 0 && (
        <>
          <div
            class="table-wrap"
            role="region"
            aria-labelledby="people-caption"
            aria-busy={list.refreshing === true ? true : undefined}
            data-stale={list.refreshing === true ? 'true' : undefined}
            tabIndex={0}
          >
            <table class="table">
              <caption id="people-caption" class="visually-hidden">
                {m.tableCaption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{m.name}</th>
                  <th scope="col">{m.jobTitle}</th>
                  <th scope="col">{m.teamColumn}</th>
                  <th scope="col">{m.manager}</th>
                  <th scope="col">{m.location}</th>
                </tr>
              </thead>
              <tbody>
                {list.people.map((person) => (
                  <tr key={person.id}>
                    <th scope="row">
                      <Link href={`/people/${encodeURIComponent(person.id)}`}>{person.name}</Link>
                      {person.status === 'inactive' && (
                        <span class="tag tag--muted">{m.inactive}</span>
                      )}
                    </th>
                    <td>{person.jobTitle}</td>
                    <td>{person.teamName}</td>
                    <td>
                      {person.managerId === null ? (
                        person.managerName
                      ) : (
                        <Link href={`/people/${encodeURIComponent(person.managerId)}`}>
                          {person.managerName}
                        </Link>
                      )}
                    </td>
                    <td>{person.location}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PagedFooter
            count={list.people.length}
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
