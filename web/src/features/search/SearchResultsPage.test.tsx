// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, jsonResponse, type FakeCall } from '../../api/fake-server';
import { answerJson, hitJson } from '../../api/search-fixtures';
import { en } from '../../app/messages/en';
import {
  buttonIn,
  click,
  createContainer,
  mount,
  removeContainer,
  settle,
} from '../knowledge/test-support';
import { SearchResultsPage } from './SearchResultsPage';

const m = en.search.results;
let container: HTMLElement;

beforeEach(() => {
  container = createContainer();
});

afterEach(() => {
  removeContainer(container);
});

const titles = () =>
  [...container.querySelectorAll('.search-result .kb-item__title')].map((t) => t.textContent);
const searches = (calls: readonly FakeCall[]) => calls.filter((c) => c.url.startsWith('/search?'));

const kFacets = {
  category: [{ value: 'C1', label: 'Finance', count: 2 }],
  tag: [{ value: 'travel', label: 'travel', count: 1 }],
};

describe('SearchResultsPage', () => {
  it('searches the address’s query as final, with facets, and pages with the cursor', async () => {
    history.replaceState(null, '', '/knowledge/search?q=expense');
    const { api, calls } = fakeApi({
      'GET /search': (call) =>
        jsonResponse(
          200,
          call.url.includes('cursor=')
            ? answerJson({ results: [hitJson({ id: 'A3', title_html: 'Third' })], total: 3 })
            : answerJson({ total: 3, facets: kFacets, next_cursor: 'c2', partial: true }),
        ),
      'POST /search/clicks': () => jsonResponse(201, {}),
    });
    await mount(<SearchResultsPage api={api} messages={m} />, container);
    await settle(() => {
      expect(titles()).toStrictEqual(['Expense claims', 'Per diems']);
    });
    expect(searches(calls)[0]?.url).toBe('/search?q=expense&limit=20&facets=true&final=true');
    expect(container.querySelector('.search-result mark')?.textContent).toBe('Expense');
    expect(container.querySelector('.search-result__snippet')?.textContent).toBe(
      'How to claim expenses & per diems',
    );
    expect(container.textContent).toContain(m.total(3));
    expect(container.textContent).toContain(m.partial);
    expect(container.querySelector<HTMLInputElement>('#search-page-q')?.value).toBe('expense');

    await click(buttonIn(container, en.common.loadMore));
    await settle(() => {
      expect(titles()).toStrictEqual(['Expense claims', 'Per diems', 'Third']);
    });
    expect(searches(calls).at(-1)?.url).toBe('/search?q=expense&limit=20&cursor=c2&final=true');

    // Opening a result reports its position.
    const link = container.querySelectorAll<HTMLAnchorElement>('.search-result a')[1];
    await act(() => {
      link?.click();
    });
    expect(location.pathname).toBe('/knowledge/articles/A2');
    await settle(() => {
      expect(calls.some((c) => c.url === '/search/clicks')).toBe(true);
    });
    const report = calls.find((c) => c.url === '/search/clicks');
    expect(JSON.parse(report?.body ?? '')).toStrictEqual({
      q: 'expense',
      article_id: 'A2',
      position: 2,
    });
  });

  it('filters by a category and a tag, keeping the filters in the address', async () => {
    history.replaceState(null, '', '/knowledge/search?q=expense');
    const { api, calls } = fakeApi({
      'GET /search': () => jsonResponse(200, answerJson({ facets: kFacets })),
    });
    await mount(<SearchResultsPage api={api} messages={m} />, container);
    await settle(() => {
      expect(titles()).toHaveLength(2);
    });
    const finance = buttonIn(container, m.facetLabel('Finance', 2));
    expect(finance.getAttribute('aria-pressed')).toBe('false');
    await click(finance);
    await settle(() => {
      expect(searches(calls).at(-1)?.url).toBe(
        '/search?q=expense&limit=20&category=C1&facets=true&final=true',
      );
    });
    expect(location.search).toBe('?q=expense&category=C1');
    await settle(() => {
      expect(buttonIn(container, m.facetLabel('Finance', 2)).getAttribute('aria-pressed')).toBe(
        'true',
      );
    });
    await click(buttonIn(container, m.facetLabel('travel', 1)));
    expect(location.search).toBe('?q=expense&category=C1&tag=travel');
    await click(buttonIn(container, m.clearFilters));
    expect(location.search).toBe('?q=expense');
  });

  it('shows the correction, links a suggestion, and says when nothing matched', async () => {
    history.replaceState(null, '', '/knowledge/search?q=expnse');
    const { api } = fakeApi({
      'GET /search': (call) =>
        jsonResponse(
          200,
          call.url.includes('q=expnse')
            ? answerJson({ did_you_mean: 'expense', corrected: true })
            : answerJson({ results: [], total: 0, did_you_mean: 'expenses', corrected: false }),
        ),
    });
    await mount(<SearchResultsPage api={api} messages={m} />, container);
    await settle(() => {
      expect(container.textContent).toContain(`${m.showingResultsFor} expense`);
    });
    history.pushState(null, '', '/knowledge/search?q=expens%20xq');
    await act(() => {
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await settle(() => {
      expect(container.textContent).toContain(m.noResults('expens xq'));
    });
    const suggestion = [...container.querySelectorAll('a')].find(
      (a) => a.textContent === 'expenses',
    );
    expect(suggestion?.getAttribute('href')).toBe('/knowledge/search?q=expenses');
    expect(container.querySelector<HTMLInputElement>('#search-page-q')?.value).toBe('expens xq');
  });

  it('asks for a query when there is none, without searching', async () => {
    history.replaceState(null, '', '/knowledge/search');
    const { api, calls } = fakeApi({});
    await mount(<SearchResultsPage api={api} messages={m} />, container);
    expect(container.textContent).toContain(m.prompt);
    expect(calls).toHaveLength(0);
  });
});
