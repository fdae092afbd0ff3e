// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, jsonResponse, type FakeRoutes } from '../../api/fake-server';
import { articleDetailJson, feedbackJson, kArticleId, kCan } from '../../api/knowledge-fixtures';
import { en } from '../../app/messages/en';
import { ArticlePage } from './ArticlePage';

const m = en.knowledge.article;
const path = `/articles/${kArticleId}`;
let container: HTMLElement;

beforeEach(() => {
  history.replaceState(null, '', `/knowledge/articles/${kArticleId}`);
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

async function settle(check: () => void): Promise<void> {
  await vi.waitFor(async () => {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    check();
  });
}

function button(label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find(
    (b) => b.textContent.trim() === label,
  );
  if (found === undefined) throw new Error(`no button "${label}"`);
  return found;
}

const buttons = () => [...container.querySelectorAll('button')].map((b) => b.textContent.trim());
const alertText = () => container.querySelector('[role="alert"]')?.textContent ?? '';
const statusText = () =>
  [...container.querySelectorAll('[role="status"]')].map((s) => s.textContent).join(' ');

async function mount(routes: FakeRoutes, canWrite = true) {
  const fake = fakeApi(routes);
  await act(() => {
    render(
      <ArticlePage api={fake.api} id={kArticleId} canWrite={canWrite} messages={m} />,
      container,
    );
  });
  await settle(() => {
    expect(container.querySelector('.kb-article__body')).not.toBeNull();
  });
  return fake;
}

describe('ArticlePage', () => {
  it('shows the server-rendered body, contents, state and statistics', async () => {
    await mount({
      [`GET ${path}`]: () =>
        jsonResponse(
          200,
          articleDetailJson({ stale: true, has_unpublished_changes: true, visibility: 'public' }),
        ),
    });
    expect(container.querySelector('h1')?.textContent).toBe('Expense claims');
    expect(container.querySelector('.kb-article__body h2#before-you-travel')?.textContent).toBe(
      'Before you travel',
    );
    const toc = container.querySelector('nav[aria-labelledby="kb-toc-title"] a');
    expect(toc?.getAttribute('href')).toBe('#before-you-travel');
    expect(container.textContent).toContain(m.staleBanner('').slice(0, 40));
    expect(container.textContent).toContain(m.changesBanner);
    const head = [...container.querySelectorAll('a')].find((a) => a.textContent === m.viewHead);
    expect(head?.getAttribute('href')).toBe(`/knowledge/articles/${kArticleId}?view=head`);
    expect(container.textContent).toContain(m.publicNote);
    expect(container.querySelector('.kb-stats')?.textContent).toContain('75% of 4 votes');
    expect(document.title).toBe('Expense claims · Rapport');
  });

  it('follows links to other articles in the app, and leaves other links to the browser', async () => {
    await mount({
      [`GET ${path}`]: () =>
        jsonResponse(
          200,
          articleDetailJson({
            body_html:
              '<p><a id="inner" href="/knowledge/articles/A2">per diems</a> <a id="help" href="/help/finance">help</a></p>',
          }),
        ),
    });
    const follow = async (id: string) => {
      let cancelled = false;
      const observe = (event: Event) => {
        cancelled = event.defaultPrevented;
        event.preventDefault();
      };
      document.addEventListener('click', observe);
      await act(() => {
        container
          .querySelector(`#${id}`)
          ?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
      });
      document.removeEventListener('click', observe);
      return cancelled;
    };
    expect(await follow('help')).toBe(false);
    expect(location.pathname).toBe(`/knowledge/articles/${kArticleId}`);
    expect(await follow('inner')).toBe(true);
    expect(location.pathname).toBe('/knowledge/articles/A2');
  });

  it('hides statistics and history from readers who cannot write', async () => {
    await mount({ [`GET ${path}`]: () => jsonResponse(200, articleDetailJson()) }, false);
    expect(container.querySelector('.kb-stats')).toBeNull();
    expect(container.textContent).not.toContain(m.actions.history);
  });

  it('reads the view from the address and follows it', async () => {
    history.replaceState(null, '', `/knowledge/articles/${kArticleId}?view=head`);
    const { calls } = await mount({
      [`GET ${path}`]: () =>
        jsonResponse(200, articleDetailJson({ revision: 4, head_revision: 4, status: 'draft' })),
    });
    expect(calls[0]?.url).toBe(`${path}?view=head`);
    expect(container.textContent).toContain(m.viewingHead(4, 3));
  });

  it('asks why when the article did not help, and sends the reason and comment', async () => {
    const { calls } = await mount({
      [`GET ${path}`]: () => jsonResponse(200, articleDetailJson()),
      [`POST ${path}/feedback`]: () => jsonResponse(201, feedbackJson()),
    });
    await act(() => {
      button(m.feedback.no).click();
    });
    expect(document.activeElement?.id).toBe('kb-reason-outdated');
    await act(() => {
      container.querySelector<HTMLInputElement>('#kb-reason-incorrect')?.click();
    });
    const comment = container.querySelector<HTMLTextAreaElement>('#kb-feedback-comment');
    await act(() => {
      if (comment === null) throw new Error('no comment field');
      comment.value = 'The rate is 0.30 now.';
      comment.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      button(m.feedback.send).click();
    });
    await settle(() => {
      expect(document.activeElement?.textContent).toBe(m.feedback.thanks);
    });
    const sent = calls.find((c) => c.url === `${path}/feedback`);
    expect(JSON.parse(sent?.body ?? '{}')).toStrictEqual({
      helpful: false,
      reason: 'incorrect',
      comment: 'The rate is 0.30 now.',
    });
    expect(buttons()).not.toContain(m.feedback.yes);
  });

  it('sends a yes at once', async () => {
    const { calls } = await mount({
      [`GET ${path}`]: () => jsonResponse(200, articleDetailJson()),
      [`POST ${path}/feedback`]: () => jsonResponse(201, feedbackJson({ helpful: true })),
    });
    await act(() => {
      button(m.feedback.yes).click();
    });
    await settle(() => {
      expect(container.textContent).toContain(m.feedback.thanks);
    });
    expect(JSON.parse(calls.at(-1)?.body ?? '{}')).toStrictEqual({ helpful: true });
  });

  it('offers the moves the article allows, and reads it again after one', async () => {
    let status = 'draft';
    const { calls } = await mount({
      [`GET ${path}`]: () =>
        jsonResponse(
          200,
          articleDetailJson({ status, published_revision: 0, revision: 1, head_revision: 1 }),
        ),
      [`POST ${path}/transitions`]: () => {
        status = 'in_review';
        return jsonResponse(200, articleDetailJson({ status }));
      },
    });
    expect(container.textContent).toContain(m.draftBanner);
    expect(buttons()).toContain(m.actions.moves.submit);
    expect(buttons()).not.toContain(m.actions.moves.approve);
    // Feedback is for published text only.
    expect(buttons()).not.toContain(m.feedback.yes);
    await act(() => {
      button(m.actions.moves.submit).click();
    });
    await settle(() => {
      expect(statusText()).toContain(m.actions.moved.submit('Expense claims'));
    });
    expect(JSON.parse(calls.find((c) => c.method === 'POST')?.body ?? '{}')).toStrictEqual({
      to: 'in_review',
    });
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2);
    expect(container.textContent).toContain(m.inReviewBanner);
    expect(buttons()).toContain(m.actions.moves.withdraw);
    expect(document.activeElement?.getAttribute('aria-label')).toBe(m.actions.label);
  });

  it('shows the server’s reason when a move is refused', async () => {
    await mount({
      [`GET ${path}`]: () =>
        jsonResponse(
          200,
          articleDetailJson({ status: 'in_review', can: { ...kCan, approve: true } }),
        ),
      [`POST ${path}/transitions`]: () =>
        jsonResponse(403, {
          error: {
            code: 'permission_denied',
            message: 'the author of the head revision may not approve it',
          },
        }),
    });
    await act(() => {
      button(m.actions.moves.approve).click();
    });
    await settle(() => {
      expect(alertText()).toContain('the author of the head revision may not approve it');
    });
    expect(button(m.actions.moves.approve).disabled).toBe(false);
  });

  it('deletes only after confirmation, then goes back to the list', async () => {
    const { calls } = await mount({
      [`GET ${path}`]: () =>
        jsonResponse(200, articleDetailJson({ can: { ...kCan, delete: true } })),
      [`DELETE ${path}`]: () => new Response(null, { status: 204 }),
    });
    await act(() => {
      button(m.actions.remove).click();
    });
    expect(container.textContent).toContain(m.actions.confirmRemove('Expense claims'));
    expect(document.activeElement?.textContent).toBe(m.actions.confirm);
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await act(() => {
      button(m.actions.confirm).click();
    });
    await settle(() => {
      expect(location.pathname).toBe('/knowledge');
    });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
  });

  it('says so when the article does not exist', async () => {
    const fake = fakeApi({});
    await act(() => {
      render(<ArticlePage api={fake.api} id="nope" canWrite messages={m} />, container);
    });
    await settle(() => {
      expect(container.querySelector('h1')?.textContent).toBe(m.notFound);
    });
  });
});
