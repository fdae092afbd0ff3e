// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, jsonResponse, type FakeCall } from '../../api/fake-server';
import { articleJson, feedbackJson, kCategories } from '../../api/knowledge-fixtures';
import { en } from '../../app/messages/en';
import { FeedbackPage } from './FeedbackPage';
import { KnowledgeHomePage } from './KnowledgeHomePage';
import { ReviewPage } from './ReviewPage';
import { StalePage } from './StalePage';
import {
  buttonIn,
  choose,
  click,
  createContainer,
  mount,
  removeContainer,
  settle,
  typeInto,
} from './test-support';

const k = en.knowledge;
let container: HTMLElement;

beforeEach(() => {
  container = createContainer();
});

afterEach(() => {
  removeContainer(container);
});

const $ = (selector: string): HTMLElement => {
  const found = container.querySelector<HTMLElement>(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found;
};
const input = (selector: string) => $(selector) as HTMLInputElement;
const textArea = (selector: string) => $(selector) as HTMLTextAreaElement;
const select = (selector: string) => $(selector) as HTMLSelectElement;
const titles = () => [...container.querySelectorAll('.kb-item__title')].map((t) => t.textContent);
const status = () =>
  [...container.querySelectorAll('[role="status"]')].map((s) => s.textContent).join(' ');
const alertText = () => container.querySelector('[role="alert"]')?.textContent ?? '';
const listCalls = (calls: readonly FakeCall[]) =>
  calls.filter((c) => c.url.startsWith('/articles'));

describe('KnowledgeHomePage', () => {
  beforeEach(() => {
    history.replaceState(null, '', '/knowledge');
  });

  it('lists articles with their state, and filters by category', async () => {
    const { api, calls } = fakeApi({
      'GET /categories': () => jsonResponse(200, { categories: kCategories }),
      'GET /articles': (call) =>
        jsonResponse(200, {
          articles: call.url.includes('category_id=S1')
            ? [articleJson({ id: 'A2', title: 'Per diems' })]
            : [articleJson(), articleJson({ id: 'A3', title: 'Old', stale: true })],
          next_cursor: call.url.includes('category_id') ? null : 'c2',
        }),
    });
    await mount(
      <KnowledgeHomePage api={api} canWrite messages={k.home} searchMessages={en.search.box} />,
      container,
    );
    await settle(() => {
      expect(titles()).toStrictEqual(['Expense claims', 'Old']);
    });
    expect(container.textContent).toContain(k.home.kb.stale);
    expect(container.textContent).toContain('Owner: Kim Editor');
    expect(container.textContent).toContain('English (en)');
    expect(container.querySelector('button.button--secondary')?.textContent).toBe(
      en.common.loadMore,
    );
    // Categories first by position, their sections below them.
    const categories = [...container.querySelectorAll('.kb-cats__button')].map(
      (b) => b.firstElementChild?.textContent ?? b.textContent,
    );
    expect(categories).toStrictEqual([k.home.allCategories, 'IT', 'Finance', 'Travel']);

    await click(buttonIn(container, 'Travel 2 articles'));
    await settle(() => {
      expect(titles()).toStrictEqual(['Per diems']);
    });
    expect(listCalls(calls).at(-1)?.url).toBe('/articles?category_id=S1&limit=30');
    expect(location.search).toBe('?category=S1');
    expect(
      [...container.querySelectorAll('[aria-pressed="true"]')].map((b) => b.textContent),
    ).toStrictEqual(['Travel 2 articles']);
  });

  it('loads the next page with the cursor, and retries a failed one', async () => {
    let failNext = true;
    const { api, calls } = fakeApi({
      'GET /categories': () => jsonResponse(200, { categories: [] }),
      'GET /articles': (call) => {
        if (!call.url.includes('cursor=')) {
          return jsonResponse(200, { articles: [articleJson()], next_cursor: 'c2' });
        }
        if (failNext) {
          failNext = false;
          return jsonResponse(503, { error: { code: 'unavailable', message: 'busy' } });
        }
        return jsonResponse(200, { articles: [articleJson({ id: 'A9', title: 'Second page' })] });
      },
    });
    await mount(
      <KnowledgeHomePage api={api} canWrite messages={k.home} searchMessages={en.search.box} />,
      container,
    );
    await settle(() => {
      expect(titles()).toStrictEqual(['Expense claims']);
    });
    await click(buttonIn(container, en.common.loadMore));
    await settle(() => {
      expect(container.querySelector('.kb-results [role="alert"]')).not.toBeNull();
    });
    expect(titles()).toStrictEqual(['Expense claims']);
    await click(buttonIn(container, en.common.retry));
    await settle(() => {
      expect(titles()).toStrictEqual(['Expense claims', 'Second page']);
    });
    expect(listCalls(calls).at(-1)?.url).toBe('/articles?limit=30&cursor=c2');
    expect(container.textContent).not.toContain(en.common.loadMore);
    expect(status()).toContain(k.home.kb.shown(2, false));
  });

  it('searches as you type, once typing pauses', async () => {
    const { api, calls } = fakeApi({
      'GET /categories': () => jsonResponse(200, { categories: [] }),
      'GET /articles': () => jsonResponse(200, { articles: [] }),
    });
    await mount(
      <KnowledgeHomePage
        api={api}
        canWrite={false}
        messages={k.home}
        searchMessages={en.search.box}
      />,
      container,
    );
    await settle(() => {
      expect(container.querySelector('.empty-state')).not.toBeNull();
    });
    expect(container.textContent).toContain(k.home.emptyReader);
    const search = input('#kb-search');
    await typeInto(search, 'ex');
    await typeInto(search, 'expen');
    await settle(() => {
      expect(listCalls(calls).at(-1)?.url).toBe('/articles?q=expen&limit=30');
    });
    expect(listCalls(calls)).toHaveLength(2);
    expect(container.textContent).toContain(k.home.noMatches);
    // Readers get no drafts filter and no "New article".
    expect(container.querySelector('#kb-show')).toBeNull();
    expect(container.textContent).not.toContain(k.home.newArticle);
  });

  it('shows the writer’s drafts and articles in review, at their newest revision', async () => {
    const { api, calls } = fakeApi({
      'GET /categories': () => jsonResponse(200, { categories: [] }),
      'GET /articles': () =>
        jsonResponse(200, { articles: [articleJson({ status: 'draft', published_revision: 0 })] }),
    });
    await mount(
      <KnowledgeHomePage api={api} canWrite messages={k.home} searchMessages={en.search.box} />,
      container,
    );
    await settle(() => {
      expect(titles()).toHaveLength(1);
    });
    await choose(select('#kb-show'), 'mine');
    await settle(() => {
      expect(listCalls(calls).at(-1)?.url).toBe(
        '/articles?status=draft%2Cin_review&owner=me&view=head&limit=30',
      );
    });
    expect($('.kb-item__title a').getAttribute('href')).toContain('?view=head');
  });

  it('links the help center as a plain page, outside the app', async () => {
    const { api } = fakeApi({
      'GET /categories': () => jsonResponse(200, { categories: [] }),
      'GET /articles': () => jsonResponse(200, { articles: [] }),
    });
    await mount(
      <KnowledgeHomePage api={api} canWrite messages={k.home} searchMessages={en.search.box} />,
      container,
    );
    const help = [...container.querySelectorAll('a')].find((a) =>
      a.textContent.includes(k.home.helpCenter),
    );
    expect(help?.getAttribute('href')).toBe('/help');
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    let followed = true;
    document.addEventListener(
      'click',
      (e) => {
        followed = !e.defaultPrevented;
        e.preventDefault();
      },
      { once: true },
    );
    await act(() => {
      help?.dispatchEvent(event);
    });
    expect(followed).toBe(true);
  });
});

describe('ReviewPage', () => {
  it('approves and sends back, dropping each from the queue', async () => {
    const { api, calls } = fakeApi({
      'GET /articles': () =>
        jsonResponse(200, {
          articles: [
            articleJson({ id: 'A1', title: 'One', status: 'in_review' }),
            articleJson({ id: 'A2', title: 'Two', status: 'in_review' }),
          ],
        }),
      'POST /articles/A1/transitions': () => jsonResponse(200, articleJson({ id: 'A1' })),
      'POST /articles/A2/transitions': () =>
        jsonResponse(200, articleJson({ id: 'A2', status: 'draft' })),
    });
    await mount(<ReviewPage api={api} messages={k.review} />, container);
    await settle(() => {
      expect(titles()).toStrictEqual(['One', 'Two']);
    });
    expect(calls[0]?.url).toBe('/articles?status=in_review&view=head&limit=30');

    await click(buttonIn(container, k.review.approveLabel('One')));
    await settle(() => {
      expect(titles()).toStrictEqual(['Two']);
    });
    expect(status()).toContain(k.review.approved('One'));
    expect(JSON.parse(calls[1]?.body ?? '{}')).toStrictEqual({ to: 'published' });

    await click(buttonIn(container, k.review.sendBackLabel('Two')));
    expect(document.activeElement?.id).toBe('kb-sendback-note');
    await typeInto(textArea('#kb-sendback-note'), 'Add the form link');
    await click(buttonIn(container, k.review.confirmSendBack));
    await settle(() => {
      expect(titles()).toStrictEqual([]);
    });
    expect(JSON.parse(calls[2]?.body ?? '{}')).toStrictEqual({
      to: 'draft',
      note: 'Add the form link',
    });
    expect(status()).toContain(k.review.sentBack('Two'));
  });

  it('explains a refused approval (the author may not approve their own change)', async () => {
    const { api } = fakeApi({
      'GET /articles': () =>
        jsonResponse(200, { articles: [articleJson({ id: 'A1', title: 'Mine' })] }),
      'POST /articles/A1/transitions': () =>
        jsonResponse(422, {
          error: {
            code: 'unprocessable',
            message: 'another editor must approve this revision',
          },
        }),
    });
    await mount(<ReviewPage api={api} messages={k.review} />, container);
    await settle(() => {
      expect(titles()).toStrictEqual(['Mine']);
    });
    await click(buttonIn(container, k.review.approveLabel('Mine')));
    await settle(() => {
      expect(alertText()).toBe(
        k.review.failed('Mine', 'another editor must approve this revision'),
      );
    });
    expect(titles()).toStrictEqual(['Mine']);
  });

  it('says when nothing waits for review', async () => {
    const { api } = fakeApi({ 'GET /articles': () => jsonResponse(200, { articles: [] }) });
    await mount(<ReviewPage api={api} messages={k.review} />, container);
    await settle(() => {
      expect(container.querySelector('.empty-state h2')?.textContent).toBe(k.review.emptyTitle);
    });
  });
});

describe('StalePage', () => {
  beforeEach(() => {
    history.replaceState(null, '', '/knowledge/stale');
  });

  it('lists my stale articles, or everyone’s, and verifies one', async () => {
    const { api, calls } = fakeApi({
      'GET /articles': () =>
        jsonResponse(200, { articles: [articleJson({ id: 'A1', title: 'Old', stale: true })] }),
      'POST /articles/A1/verify': () => jsonResponse(200, articleJson({ id: 'A1' })),
    });
    await mount(<StalePage api={api} messages={k.stale} />, container);
    await settle(() => {
      expect(titles()).toStrictEqual(['Old']);
    });
    expect(calls[0]?.url).toBe('/articles?owner=me&stale=true&limit=30');
    await choose(select('#kb-stale-show'), 'all');
    await settle(() => {
      expect(calls.at(-1)?.url).toBe('/articles?stale=true&limit=30');
    });
    await settle(() => {
      expect(titles()).toStrictEqual(['Old']);
    });
    await click(buttonIn(container, k.stale.verifyLabel('Old')));
    await settle(() => {
      expect(titles()).toStrictEqual([]);
    });
    expect(status()).toContain(k.stale.verified('Old'));
  });
});

describe('FeedbackPage', () => {
  beforeEach(() => {
    history.replaceState(null, '', '/knowledge/feedback');
  });

  it('lists open feedback on my articles and resolves it', async () => {
    const { api, calls } = fakeApi({
      'GET /feedback': () =>
        jsonResponse(200, {
          feedback: [feedbackJson(), feedbackJson({ id: 'F2', from_public: true, user: null })],
        }),
      'POST /feedback/F1/resolve': () => jsonResponse(200, feedbackJson({ resolved: true })),
    });
    await mount(<FeedbackPage api={api} canSeeAll={false} messages={k.feedback} />, container);
    await settle(() => {
      expect(titles()).toHaveLength(2);
    });
    expect(calls[0]?.url).toBe('/feedback?owner=me&open=true&limit=30');
    expect(container.textContent).toContain(k.feedback.kb.reasons.outdated);
    expect(container.textContent).toContain('The form moved.');
    expect(container.textContent).toContain(k.feedback.fromPublic);
    expect(container.querySelector('#kb-feedback-show')).toBeNull();

    const [first] = container.querySelectorAll<HTMLButtonElement>('.kb-item__actions button');
    if (first === undefined) throw new Error('no resolve button');
    await click(first);
    await settle(() => {
      expect(titles()).toHaveLength(1);
    });
    expect(calls[1]?.url).toBe('/feedback/F1/resolve');
    expect(status()).toContain(k.feedback.resolved('Expense claims'));
  });

  it('lets an editor see everyone’s feedback, and resolved feedback too', async () => {
    const { api, calls } = fakeApi({
      'GET /feedback': () => jsonResponse(200, { feedback: [] }),
    });
    await mount(<FeedbackPage api={api} canSeeAll messages={k.feedback} />, container);
    await settle(() => {
      expect(container.querySelector('.empty-state')).not.toBeNull();
    });
    await choose(select('#kb-feedback-show'), 'all');
    await settle(() => {
      expect(calls.at(-1)?.url).toBe('/feedback?open=true&limit=30');
    });
    await click($('#kb-feedback-resolved'));
    await settle(() => {
      expect(calls.at(-1)?.url).toBe('/feedback?limit=30');
    });
    expect(location.search).toBe('?owner=all&resolved=true');
  });
});
