/**
 * /knowledge/search-insights (kb.publish): what people search for and do not
 * find, over a period and for staff, help-center readers or both; beside it
 * the synonym groups and, for kb.manage, how long searches are kept.
 */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { getSearchInsights } from '../../api/search';
import { StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { queryParam, replaceQuery } from '../../components/router';
import {
  kAudiences,
  kInsightPeriods,
  type Audience,
  type InsightPeriod,
} from '../../domain/search';
import { InsightTables, type InsightTablesMessages } from './InsightTables';
import { RetentionSetting, type RetentionMessages } from './RetentionSetting';
import { SynonymsEditor, type SynonymsMessages } from './SynonymsEditor';

export interface SearchInsightsMessages {
  readonly title: string;
  readonly lead: string;
  readonly period: string;
  readonly periods: (days: number) => string;
  readonly audience: string;
  readonly audiences: Readonly<Record<Audience, string>>;
  readonly range: (from: string, to: string) => string;
  readonly tables: InsightTablesMessages;
  readonly synonyms: SynonymsMessages;
  readonly retention: RetentionMessages;
  readonly common: CommonMessages;
}

const kDefaultPeriod: InsightPeriod = 30;

function periodParam(): InsightPeriod {
  const days = Number(queryParam('days'));
  return kInsightPeriods.find((p) => p === days) ?? kDefaultPeriod;
}

function audienceParam(): Audience {
  const value = queryParam('audience');
  return kAudiences.find((a) => a === value) ?? 'all';
}

export function SearchInsightsPage({
  api,
  canManage,
  messages: m,
}: {
  api: ApiClient;
  /** kb.manage: edit synonyms and the retention period. */
  canManage: boolean;
  messages: SearchInsightsMessages;
}) {
  const [days, setDays] = useState<InsightPeriod>(periodParam);
  const [audience, setAudience] = useState<Audience>(audienceParam);
  const insights = useLoad((signal) => {
    replaceQuery({
      days: days === kDefaultPeriod ? undefined : String(days),
      audience: audience === 'all' ? undefined : audience,
    });
    return getSearchInsights(api, { days, audience }, signal);
  }, `${days}/${audience}`);
  const state = insights.state;
  const c = m.common;

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
          <label class="field__label" for="search-insights-period">
            {m.period}
          </label>
          <select
            id="search-insights-period"
            class="input"
            value={String(days)}
            onChange={(event) => {
              const chosen = Number(event.currentTarget.value);
              setDays(kInsightPeriods.find((p) => p === chosen) ?? kDefaultPeriod);
            }}
          >
            {kInsightPeriods.map((p) => (
              <option key={p} value={String(p)}>
                {m.periods(p)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="search-insights-audience">
            {m.audience}
          </label>
          <select
            id="search-insights-audience"
            class="input"
            value={audience}
            onChange={(event) => {
              const chosen = event.currentTarget.value;
              setAudience(kAudiences.find((a) => a === chosen) ?? 'all');
            }}
          >
            {kAudiences.map((a) => (
              <option key={a} value={a}>
                {m.audiences[a]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <StatusMessage>
        {state.phase === 'loaded' && state.value.from !== '' && state.value.to !== ''
          ? m.range(c.formatDateTime(state.value.from), c.formatDateTime(state.value.to))
          : ''}
      </StatusMessage>
      {state.phase === 'loading' && <Loading messages={c} />}
      {state.phase === 'failed' && (
        <LoadFailed error={state.error} messages={c} retry={insights.reload} />
      )}
      {state.phase === 'loaded' && (
        <>
          {state.value.from !== '' && state.value.to !== '' && (
            <p class="muted small">
              {m.range(c.formatDateTime(state.value.from), c.formatDateTime(state.value.to))}
            </p>
          )}
          <InsightTables
            top={state.value.top}
            zeroResults={state.value.zeroResults}
            lowClicks={state.value.lowClicks}
            messages={m.tables}
          />
        </>
      )}
      <SynonymsEditor api={api} canEdit={canManage} messages={m.synonyms} />
      {canManage && <RetentionSetting api={api} messages={m.retention} />}
    </>
  );
}
