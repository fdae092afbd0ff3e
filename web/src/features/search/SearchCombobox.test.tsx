// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../api/client';
import { fakeApi, jsonResponse, type FakeCall } from '../../api/fake-server';
import { answerJson, hitJson } from '../../api/search-fixtures';
import { en } from '../../app/messages/en';
import {
  createContainer,
  mount,
  removeContainer,
  settle,
  typeInto,
} from '../knowledge/test-support';
import { SearchCombobox } from './SearchCombobox';

const m = en.search.box;
let container: HTMLElement;

function $(selector: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found;
}
const input = (selector: string) => $(selector) as HTMLInputElement;

beforeEach(() => {
  container = createContainer();
  history.replaceState(null, '', '/knowledge');
});

afterEach(() => {
  removeContainer(container);
});

function Harness({ api }: { api: ApiClient }) {
  const [value, setValue] = useState('');
  return (
    <SearchCombobox
      api={api}
      id="kb-search"
      label="Search articles"
      hint="Hint"
      value={value}
      onInput={setValue}
      messages={m}
    />
  );
}

const box = () => input('#kb-search');
const options = () => [...container.querySelectorAll<HTMLElement>('[role="option"]')];
const firstTitle = () => container.querySelector('.search-option__title')?.textContent;
const popup = () => $('.search-popup');
const searches = (calls: readonly FakeCall[]) => calls.filter((c) => c.url.startsWith('/search?'));
const clicks = (calls: readonly FakeCall[]) => calls.filter((c) => c.url === '/search/clicks');

async function press(key: string) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  await act(() => {
    box().dispatchEvent(event);
  });
  return event;
}

function routes(answer: (call: FakeCall) => Record<string, unknown> = () => answerJson()) {
  return fakeApi({
    'GET /search': (call) => jsonResponse(200, answer(call)),
    'POST /search/clicks': () => jsonResponse(201, { ok: true }),
  });
}

describe('SearchCombobox', () => {
  it('is a labelled combobox that shows highlighted suggestions once typing pauses', async () => {
    const { api, calls } = routes();
    await mount(<Harness api={api} />, container);
    const input = box();
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    expect(container.querySelector('label[for="kb-search"]')?.textContent).toBe('Search articles');
    expect(popup().hidden).toBe(true);

    await typeInto(input, 'e');
    await typeInto(input, 'ex');
    await typeInto(input, 'expen');
    await settle(() => {
      expect(options()).toHaveLength(2);
    });
    // One request for the text typing paused on; none for a single letter.
    expect(searches(calls).map((c) => c.url)).toStrictEqual(['/search?q=expen&limit=8']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(
      container.querySelector('[role="listbox"]')?.id,
    );
    expect(popup().hidden).toBe(false);
    expect(options()[0]?.querySelector('mark')?.textContent).toBe('Expense');
    expect(options()[0]?.textContent).toContain('How to claim expenses & per diems');
    expect(container.querySelector('[role="status"]')?.textContent).toBe(m.count(2));
  });

  it('moves with the arrow keys and opens the highlighted result with Enter', async () => {
    const { api, calls } = routes();
    await mount(<Harness api={api} />, container);
    await typeInto(box(), 'expen');
    await settle(() => {
      expect(options()).toHaveLength(2);
    });
    expect((await press('ArrowDown')).defaultPrevented).toBe(true);
    expect(box().getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
    await press('ArrowDown');
    expect(box().getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    // Past the end nothing is highlighted, then it comes round again.
    await press('ArrowDown');
    expect(box().hasAttribute('aria-activedescendant')).toBe(false);
    await press('ArrowUp');
    expect(box().getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    await press('ArrowUp');
    await press('Enter');
    expect(location.pathname).toBe('/knowledge/articles/A1');
    await settle(() => {
      expect(clicks(calls)).toHaveLength(1);
    });
    expect(JSON.parse(clicks(calls)[0]?.body ?? '')).toStrictEqual({
      q: 'expen',
      article_id: 'A1',
      position: 1,
    });
    expect(popup().hidden).toBe(true);
  });

  it('goes to the full results with Enter when nothing is highlighted', async () => {
    const { api, calls } = routes();
    await mount(<Harness api={api} />, container);
    await typeInto(box(), 'per diem ');
    await settle(() => {
      expect(options()).toHaveLength(2);
    });
    expect((await press('Enter')).defaultPrevented).toBe(true);
    expect(location.pathname + location.search).toBe('/knowledge/search?q=per%20diem');
    expect(clicks(calls)).toHaveLength(0);
  });

  it('closes with Escape, and opens a result with the mouse', async () => {
    const { api, calls } = routes();
    await mount(<Harness api={api} />, container);
    await typeInto(box(), 'expen');
    await settle(() => {
      expect(popup().hidden).toBe(false);
    });
    expect((await press('Escape')).defaultPrevented).toBe(true);
    expect(popup().hidden).toBe(true);
    expect(box().getAttribute('aria-expanded')).toBe('false');
    // Closed, Escape is the browser's again (a search box clears).
    expect((await press('Escape')).defaultPrevented).toBe(false);
    await press('ArrowDown');
    expect(popup().hidden).toBe(false);
    await act(() => {
      options()[1]?.click();
    });
    expect(location.pathname).toBe('/knowledge/articles/A2');
    await settle(() => {
      expect(JSON.parse(clicks(calls)[0]?.body ?? '{}')).toMatchObject({ position: 2 });
    });
  });

  it('never shows a late answer to an older text', async () => {
    let release: (() => void) | undefined;
    const { api } = fakeApi({
      'GET /search': (call) => {
        if (call.url.includes('q=old')) {
          // Answers only after the newer search did.
          return new Promise((resolve) => {
            release = () => {
              resolve(jsonResponse(200, answerJson({ results: [hitJson({ title_html: 'Old' })] })));
            };
          });
        }
        return jsonResponse(200, answerJson({ results: [hitJson({ title_html: 'New' })] }));
      },
    });
    await mount(<Harness api={api} />, container);
    await typeInto(box(), 'old');
    await settle(() => {
      expect(release).toBeDefined();
    });
    await typeInto(box(), 'newer');
    await settle(() => {
      expect(firstTitle()).toBe('New');
    });
    release?.();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(firstTitle()).toBe('New');
  });

  it('says when the results are for a correction, and offers a suggestion', async () => {
    const { api, calls } = routes((call) =>
      call.url.includes('q=expnse')
        ? answerJson({ did_you_mean: 'expense', corrected: true })
        : call.url.includes('q=expense')
          ? answerJson()
          : answerJson({ results: [], total: 0, did_you_mean: 'expense', corrected: false }),
    );
    await mount(<Harness api={api} />, container);
    await typeInto(box(), 'expnse');
    await settle(() => {
      expect(popup().textContent).toContain(`${m.showingResultsFor} expense`);
    });
    await typeInto(box(), 'expens xq');
    await settle(() => {
      expect(popup().textContent).toContain(m.didYouMean);
    });
    expect(popup().textContent).toContain(m.noResults('expens xq'));
    expect(box().getAttribute('aria-expanded')).toBe('false');
    const suggestion = popup().querySelector('button');
    expect(suggestion?.textContent).toBe('expense');
    await act(() => {
      suggestion?.click();
    });
    await settle(() => {
      expect(searches(calls).at(-1)?.url).toBe('/search?q=expense&limit=8');
    });
    expect(box().value).toBe('expense');
  });

  it('renders hostile highlights as text', async () => {
    const { api } = routes(() =>
      answerJson({
        results: [
          hitJson({
            title_html: '<img src=x onerror="alert(1)"><mark>x</mark>',
            snippet: '<script>alert(1)</script>',
          }),
        ],
      }),
    );
    await mount(<Harness api={api} />, container);
    await typeInto(box(), 'xx');
    await settle(() => {
      expect(options()).toHaveLength(1);
    });
    const option = options()[0];
    expect(option?.querySelector('img, script')).toBeNull();
    expect(option?.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(option?.textContent).toContain('<script>alert(1)</script>');
    expect(option?.querySelectorAll('mark')).toHaveLength(1);
  });

  it('says when suggestions fail, and Enter still searches', async () => {
    const { api } = fakeApi({
      'GET /search': () => jsonResponse(503, { error: { code: 'unavailable', message: 'busy' } }),
    });
    await mount(<Harness api={api} />, container);
    await typeInto(box(), 'vpn');
    await settle(() => {
      expect(popup().textContent).toContain(m.failed);
    });
    await press('Enter');
    expect(location.pathname + location.search).toBe('/knowledge/search?q=vpn');
  });
});
