// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, jsonResponse, type FakeCall } from '../../api/fake-server';
import { en } from '../../app/messages/en';
import {
  buttonIn,
  choose,
  click,
  createContainer,
  mount,
  removeContainer,
  settle,
  typeInto,
} from '../knowledge/test-support';
import { SearchInsightsPage } from './SearchInsightsPage';

const m = en.search.insights;
let container: HTMLElement;

function $(selector: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found;
}
const input = (selector: string) => $(selector) as HTMLInputElement;
const select = (selector: string) => $(selector) as HTMLSelectElement;

beforeEach(() => {
  container = createContainer();
  history.replaceState(null, '', '/knowledge/search-insights');
});

afterEach(() => {
  removeContainer(container);
});

const kInsights = {
  from: '2025-01-01T00:00:00Z',
  to: '2025-01-31T00:00:00Z',
  top: [{ query: 'vpn', searches: 9, clicks: 4, zero_results: 1 }],
  zero_results: [{ query: 'xyzzy plugh', searches: 2, last_at: '2025-01-30T10:00:00Z' }],
  low_clicks: [{ query: 'wifi', searches: 5, clicks: 1, click_rate: 0.2 }],
};

function server(synonyms: { id: string; words: string[] }[]) {
  let next = 2;
  return fakeApi({
    'GET /search/analytics': () => jsonResponse(200, kInsights),
    'GET /search/synonyms': () => jsonResponse(200, { synonyms }),
    'POST /search/synonyms': (call) => {
      const body = JSON.parse(call.body ?? '{}') as { words: string[] };
      return jsonResponse(201, { id: `S${next++}`, words: body.words });
    },
    'PATCH /search/synonyms/S1': (call) =>
      jsonResponse(200, { id: 'S1', ...(JSON.parse(call.body ?? '{}') as object) }),
    'DELETE /search/synonyms/S1': () => new Response(null, { status: 204 }),
    'GET /search/settings': () => jsonResponse(200, { query_retention_days: 180 }),
    'PATCH /search/settings': (call) => jsonResponse(200, JSON.parse(call.body ?? '{}')),
  });
}

const tableRows = (id: string) =>
  [...container.querySelectorAll(`#${id} tbody tr`)].map((r) =>
    [...r.children].map((c) => c.textContent),
  );
const insightCalls = (calls: readonly FakeCall[]) =>
  calls.filter((c) => c.url.startsWith('/search/analytics'));
const chips = () =>
  [...container.querySelectorAll('.search-synonyms__item')].map((i) =>
    [...i.querySelectorAll('.tag')].map((t) => t.textContent).join(', '),
  );

describe('SearchInsightsPage', () => {
  it('shows the three reports, each query a link that runs it, and changes the period', async () => {
    const { api, calls } = server([]);
    await mount(<SearchInsightsPage api={api} canManage={false} messages={m} />, container);
    await settle(() => {
      expect(tableRows('search-top')).toStrictEqual([['vpn', '9', '4', '1']]);
    });
    expect(tableRows('search-zero')[0]?.[0]).toBe('xyzzy plugh');
    expect(tableRows('search-low')).toStrictEqual([['wifi', '5', '1', '20%']]);
    const link = container.querySelector('#search-zero a');
    expect(link?.getAttribute('href')).toBe('/knowledge/search?q=xyzzy%20plugh');
    expect(insightCalls(calls)[0]?.url).toBe('/search/analytics?days=30&audience=all&limit=20');

    await choose(select('#search-insights-period'), '7');
    await choose(select('#search-insights-audience'), 'public');
    await settle(() => {
      expect(insightCalls(calls).at(-1)?.url).toBe(
        '/search/analytics?days=7&audience=public&limit=20',
      );
    });
    expect(location.search).toBe('?days=7&audience=public');
  });

  it('lists synonyms read-only, without the retention setting, for those who may not manage', async () => {
    const { api, calls } = server([{ id: 'S1', words: ['laptop', 'notebook'] }]);
    await mount(<SearchInsightsPage api={api} canManage={false} messages={m} />, container);
    await settle(() => {
      expect(chips()).toStrictEqual(['laptop, notebook']);
    });
    expect(container.textContent).toContain(m.synonyms.readOnly);
    expect(container.querySelector('#search-synonym-new')).toBeNull();
    expect(container.textContent).not.toContain(m.synonyms.edit);
    expect(container.querySelector('#search-retention')).toBeNull();
    expect(calls.some((c) => c.url === '/search/settings')).toBe(false);
  });

  it('adds, edits and deletes synonym groups, checking the words first', async () => {
    const { api, calls } = server([{ id: 'S1', words: ['laptop', 'notebook'] }]);
    await mount(<SearchInsightsPage api={api} canManage messages={m} />, container);
    await settle(() => {
      expect(chips()).toStrictEqual(['laptop, notebook']);
    });
    const words = input('#search-synonym-new');
    await typeInto(words, 'vpn');
    await click(buttonIn(container, m.synonyms.add));
    expect(container.textContent).toContain(m.synonyms.problems.too_few);
    expect(words.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await typeInto(words, 'vpn, remote access, VPN');
    await click(buttonIn(container, m.synonyms.add));
    await settle(() => {
      expect(chips()).toStrictEqual(['laptop, notebook', 'vpn, remote access']);
    });
    expect(JSON.parse(calls.find((c) => c.method === 'POST')?.body ?? '')).toStrictEqual({
      words: ['vpn', 'remote access'],
    });
    expect(words.value).toBe('');

    await click(buttonIn(container, m.synonyms.editLabel('laptop, notebook')));
    const edit = input('#search-synonym-S1');
    expect(edit.value).toBe('laptop, notebook');
    await typeInto(edit, 'laptop, notebook, computer');
    await click(buttonIn(container, m.synonyms.save));
    await settle(() => {
      expect(chips()[0]).toBe('laptop, notebook, computer');
    });

    await click(buttonIn(container, m.synonyms.removeLabel('laptop, notebook, computer')));
    await click(buttonIn(container, m.synonyms.confirm));
    await settle(() => {
      expect(chips()).toStrictEqual(['vpn, remote access']);
    });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
  });

  it('changes how long searches are kept', async () => {
    const { api, calls } = server([]);
    await mount(<SearchInsightsPage api={api} canManage messages={m} />, container);
    const days = () => input('#search-retention');
    await settle(() => {
      expect(days().value).toBe('180');
    });
    await typeInto(days(), '0');
    await click(buttonIn(container, m.retention.save));
    expect(container.textContent).toContain(m.retention.invalid);
    await typeInto(days(), '90');
    await click(buttonIn(container, m.retention.save));
    await settle(() => {
      expect(container.textContent).toContain(m.retention.saved(90));
    });
    expect(JSON.parse(calls.find((c) => c.method === 'PATCH')?.body ?? '')).toStrictEqual({
      query_retention_days: 90,
    });
  });
});
