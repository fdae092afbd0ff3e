/** The three content-gap tables: top queries, queries without results, and low click-through. */
import type { ComponentChildren } from 'preact';
import type { CommonMessages } from '../../components/common';
import { Link } from '../../components/router';
import {
  searchPageHref,
  type LowClickQuery,
  type TopQuery,
  type ZeroResultQuery,
} from '../../domain/search';

export interface InsightTablesMessages {
  readonly topTitle: string;
  readonly topLead: string;
  readonly zeroTitle: string;
  readonly zeroLead: string;
  readonly lowTitle: string;
  readonly lowLead: string;
  readonly query: string;
  readonly searches: string;
  readonly clicks: string;
  readonly zeroResults: string;
  readonly lastSearched: string;
  readonly clickRate: string;
  readonly formatRate: (rate: number) => string;
  readonly runQuery: (q: string) => string;
  readonly nothing: string;
  readonly common: CommonMessages;
}

/** One report: a heading, what it shows, and its table (or a note that it is empty). */
function Report({
  id,
  title,
  lead,
  columns,
  rows,
  m,
}: {
  id: string;
  title: string;
  lead: string;
  columns: readonly string[];
  rows: readonly ComponentChildren[];
  m: InsightTablesMessages;
}) {
  return (
    <section class="section search-report" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="section-title">
        {title}
      </h2>
      <p class="muted">{lead}</p>
      {rows.length === 0 ? (
        <p class="empty-note">{m.nothing}</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
          <table class="table table--dense" id={id}>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={c} scope="col" class={i === 0 ? undefined : 'num'}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The query as a link that runs it again. */
function QueryCell({ query, m }: { query: string; m: InsightTablesMessages }) {
  return (
    <th scope="row" class="break">
      <Link href={searchPageHref(query)} aria-label={m.runQuery(query)}>
        {query}
      </Link>
    </th>
  );
}

export function InsightTables({
  top,
  zeroResults,
  lowClicks,
  messages: m,
}: {
  top: readonly TopQuery[];
  zeroResults: readonly ZeroResultQuery[];
  lowClicks: readonly LowClickQuery[];
  messages: InsightTablesMessages;
}) {
  const count = m.common.formatCount;
  return (
    <>
      <Report
        id="search-top"
        title={m.topTitle}
        lead={m.topLead}
        columns={[m.query, m.searches, m.clicks, m.zeroResults]}
        rows={top.map((q) => (
          <tr key={q.query}>
            <QueryCell query={q.query} m={m} />
            <td class="num">{count(q.searches)}</td>
            <td class="num">{count(q.clicks)}</td>
            <td class="num">{count(q.zeroResults)}</td>
          </tr>
        ))}
        m={m}
      />
      <Report
        id="search-zero"
        title={m.zeroTitle}
        lead={m.zeroLead}
        columns={[m.query, m.searches, m.lastSearched]}
        rows={zeroResults.map((q) => (
          <tr key={q.query}>
            <QueryCell query={q.query} m={m} />
            <td class="num">{count(q.searches)}</td>
            <td class="num nowrap">
              {q.lastAt === '' ? (
                m.common.never
              ) : (
                <time dateTime={q.lastAt}>{m.common.formatDateTime(q.lastAt)}</time>
              )}
            </td>
          </tr>
        ))}
        m={m}
      />
      <Report
        id="search-low"
        title={m.lowTitle}
        lead={m.lowLead}
        columns={[m.query, m.searches, m.clicks, m.clickRate]}
        rows={lowClicks.map((q) => (
          <tr key={q.query}>
            <QueryCell query={q.query} m={m} />
            <td class="num">{count(q.searches)}</td>
            <td class="num">{count(q.clicks)}</td>
            <td class="num">{m.formatRate(q.clickRate)}</td>
          </tr>
        ))}
        m={m}
      />
    </>
  );
}
