import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ApiClient, ApiResult } from '../../api/client';
import { getOrgBranch, getPerson, listTeams } from '../../api/directory';
import type { CommonMessages } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { Link } from '../../components/router';
import type { Membership, OrgBranch, OrgNode, PersonDetail } from '../../domain/directory';

export interface PersonMessages {
  readonly documentTitle: (name: string) => string;
  readonly notFound: string;
  readonly details: string;
  readonly email: string;
  readonly jobTitle: string;
  readonly team: string;
  readonly manager: string;
  readonly location: string;
  readonly status: string;
  readonly active: string;
  readonly inactive: string;
  readonly employeeId: string;
  readonly sensitive: string;
  readonly sensitiveNote: string;
  readonly hireDate: string;
  readonly employmentType: string;
  readonly employmentTypes: Readonly<Record<string, string>>;
  readonly attributes: string;
  readonly chain: string;
  readonly chainEmpty: string;
  readonly reports: string;
  readonly reportsEmpty: string;
  readonly reportCounts: (direct: number, total: number) => string;
  readonly history: string;
  readonly historyCaption: string;
  readonly from: string;
  readonly to: string;
  readonly current: string;
  readonly unknownTeam: string;
  readonly unknownManager: string;
  readonly backToDirectory: string;
  readonly common: CommonMessages;
}

interface PersonView {
  readonly detail: PersonDetail;
  readonly branch: ApiResult<OrgBranch>;
  /** Team and manager names for the history (ids → names). */
  readonly names: ReadonlyMap<string, string>;
}

const personHref = (id: string) => `/people/${encodeURIComponent(id)}`;

async function loadPerson(
  api: ApiClient,
  id: string,
  signal: AbortSignal,
): Promise<ApiResult<PersonView>> {
  const [detail, branch] = await Promise.all([
    getPerson(api, id, signal),
    getOrgBranch(api, id, signal),
  ]);
  if (!detail.ok) return detail;
  const names = new Map<string, string>();
  const history = detail.value.history ?? [];
  if (history.length > 0) {
    // The history holds ids only: name the teams from the team list and the
    // managers from their directory entries (a handful at most).
    const managerIds = [
      ...new Set(history.flatMap((h) => (h.managerId === null ? [] : [h.managerId]))),
    ];
    const [teams, ...managers] = await Promise.all([
      listTeams(api, signal),
      ...managerIds.map((managerId) => getPerson(api, managerId, signal)),
    ]);
    if (teams.ok) for (const t of teams.value) names.set(t.id, t.name);
    for (const manager of managers) {
      if (manager.ok) names.set(manager.value.person.id, manager.value.person.name);
    }
  }
  return { ok: true, value: { detail: detail.value, branch, names } };
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function NodeLink({ node, m }: { node: OrgNode; m: PersonMessages }) {
  return (
    <>
      <Link href={personHref(node.id)}>{node.name}</Link>
      <span class="muted">
        {[node.jobTitle, node.teamName].filter((x) => x !== '').join(' · ')}
      </span>
      {node.reportCount > 0 && (
        <span class="muted small">{m.reportCounts(node.reportCount, node.subtreeCount)}</span>
      )}
    </>
  );
}

function HistoryTable({
  history,
  names,
  m,
}: {
  history: readonly Membership[];
  names: ReadonlyMap<string, string>;
  m: PersonMessages;
}) {
  return (
    <div class="table-wrap" role="region" aria-labelledby="history-caption" tabIndex={0}>
      <table class="table">
        <caption id="history-caption" class="visually-hidden">
          {m.historyCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{m.from}</th>
            <th scope="col">{m.to}</th>
            <th scope="col">{m.team}</th>
            <th scope="col">{m.manager}</th>
          </tr>
        </thead>
        <tbody>
          {[...history].reverse().map((h) => (
            <tr key={`${h.validFrom}-${h.teamId ?? ''}-${h.managerId ?? ''}`}>
              <td>{m.common.formatDate(h.validFrom)}</td>
              <td>{h.validTo === '' ? m.current : m.common.formatDate(h.validTo)}</td>
              <td>{h.teamId === null ? m.common.none : (names.get(h.teamId) ?? m.unknownTeam)}</td>
              <td>
                {h.managerId === null ? (
                  m.common.none
                ) : (
                  <Link href={personHref(h.managerId)}>
                    {names.get(h.managerId) ?? m.unknownManager}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /people/<id>: one person's fields, their place in the reporting tree, and history. */
export function PersonPage({
  api,
  id,
  messages: m,
}: {
  api: ApiClient;
  id: string;
  messages: PersonMessages;
}) {
  const { state, reload } = useLoad((signal) => loadPerson(api, id, signal), id);
  const name = state.phase === 'loaded' ? state.value.detail.person.name : undefined;
  useEffect(() => {
    if (name !== undefined) document.title = m.documentTitle(name);
  }, [name, m]);
  if (state.phase === 'loading') {
    return (
      <>
        <PageHeader title={m.common.loading} />
        <Loading messages={m.common} />
      </>
    );
  }
  if (state.phase === 'failed') {
    const missing = state.error.kind === 'http' && state.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? m.notFound : m.details} />
        <LoadFailed
          error={state.error}
          messages={m.common}
          {...(missing ? {} : { retry: reload })}
        />
        <p>
          <Link href="/people">{m.backToDirectory}</Link>
        </p>
      </>
    );
  }
  const { detail, branch, names } = state.value;
  const p = detail.person;
  const sensitive = p.sensitive;
  const attributes = Object.entries(sensitive?.attributes ?? {});
  return (
    <>
      <p class="breadcrumb">
        <Link href="/people">{m.backToDirectory}</Link>
      </p>
      <PageHeader
        title={p.name}
        lead={[p.jobTitle, p.teamName].filter((x) => x !== '').join(' · ')}
      />
      <div class="person-grid">
        <section class="card" aria-labelledby="person-details">
          <h2 id="person-details" class="card__title">
            {m.details}
          </h2>
          <dl class="facts">
            <Fact label={m.email}>
              {p.email === '' ? m.common.none : <a href={`mailto:${p.email}`}>{p.email}</a>}
            </Fact>
            <Fact label={m.jobTitle}>{p.jobTitle === '' ? m.common.none : p.jobTitle}</Fact>
            <Fact label={m.team}>{p.teamName === '' ? m.common.none : p.teamName}</Fact>
            <Fact label={m.manager}>
              {p.managerId === null ? (
                m.common.none
              ) : (
                <Link href={personHref(p.managerId)}>{p.managerName}</Link>
              )}
            </Fact>
            <Fact label={m.location}>{p.location === '' ? m.common.none : p.location}</Fact>
            <Fact label={m.status}>{p.status === 'active' ? m.active : m.inactive}</Fact>
            {p.employeeId !== '' && <Fact label={m.employeeId}>{p.employeeId}</Fact>}
          </dl>
        </section>
        {sensitive !== undefined && (
          <section class="card" aria-labelledby="person-sensitive">
            <h2 id="person-sensitive" class="card__title">
              {m.sensitive}
            </h2>
            <p class="muted small">{m.sensitiveNote}</p>
            <dl class="facts">
              <Fact label={m.hireDate}>
                {sensitive.hireDate === ''
                  ? m.common.none
                  : m.common.formatDate(sensitive.hireDate)}
              </Fact>
              <Fact label={m.employmentType}>
                {sensitive.employmentType === ''
                  ? m.common.none
                  : (m.employmentTypes[sensitive.employmentType] ?? sensitive.employmentType)}
              </Fact>
              {attributes.map(([name, value]) => (
                <Fact key={name} label={name}>
                  {value === '' ? m.common.none : value}
                </Fact>
              ))}
            </dl>
          </section>
        )}
      </div>
      <section class="section" aria-labelledby="person-chain">
        <h2 id="person-chain" class="section-title">
          {m.chain}
        </h2>
        {!branch.ok ? (
          <LoadFailed error={branch.error} messages={m.common} retry={reload} />
        ) : branch.value.chain.length === 0 ? (
          <p class="muted">{m.chainEmpty}</p>
        ) : (
          <ol class="chain">
            {branch.value.chain.map((node) => (
              <li key={node.id} class="chain__item">
                <NodeLink node={node} m={m} />
              </li>
            ))}
            <li class="chain__item chain__item--self" aria-current="page">
              <span class="chain__self">{p.name}</span>
            </li>
          </ol>
        )}
      </section>
      {branch.ok && (
        <section class="section" aria-labelledby="person-reports">
          <h2 id="person-reports" class="section-title">
            {m.reports}
          </h2>
          {branch.value.reports.length === 0 ? (
            <p class="muted">{m.reportsEmpty}</p>
          ) : (
            <ul class="node-list">
              {branch.value.reports.map((node) => (
                <li key={node.id} class="node-list__item">
                  <NodeLink node={node} m={m} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {detail.history !== undefined && detail.history.length > 0 && (
        <section class="section" aria-labelledby="person-history">
          <h2 id="person-history" class="section-title">
            {m.history}
          </h2>
          <HistoryTable history={detail.history} names={names} m={m} />
        </section>
      )}
    </>
  );
}
