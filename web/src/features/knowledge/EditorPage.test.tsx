// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, jsonResponse, type FakeCall, type FakeRoutes } from '../../api/fake-server';
import { articleDetailJson, kCan, kArticleId, kCategories } from '../../api/knowledge-fixtures';
import { en } from '../../app/messages/en';
import type { User } from '../../domain/session';
import { EditorPage } from './EditorPage';

const m = en.knowledge.editor;
const kMe: User = {
  id: 'U1',
  email: 'kim@example.com',
  name: 'Kim Editor',
  role: 'knowledge_editor',
  personId: null,
  disabled: false,
  createdAt: '2026-01-01T00:00:00Z',
  hasPassword: true,
};

let container: HTMLElement;

beforeEach(() => {
  history.replaceState(null, '', '/knowledge/new');
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

function $(selector: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found;
}

const input = (selector: string) => $(selector) as HTMLInputElement;
const textArea = (selector: string) => $(selector) as HTMLTextAreaElement;
const select = (selector: string) => $(selector) as HTMLSelectElement;

function button(label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find(
    (b) => b.textContent.trim() === label,
  );
  if (found === undefined) throw new Error(`no button "${label}"`);
  return found;
}

async function type(selector: string, value: string): Promise<void> {
  const field = input(selector);
  await act(() => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(): Promise<void> {
  await act(() => {
    $('form.kb-editor').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

const previewOf = (call: FakeCall) =>
  jsonResponse(200, {
    html: `<p>${(JSON.parse(call.body ?? '{}') as { markdown: string }).markdown}</p>`,
    headings: [],
  });

function server(extra: FakeRoutes = {}) {
  return fakeApi({
    'GET /categories': () => jsonResponse(200, { categories: kCategories }),
    'GET /kb/writers': () =>
      jsonResponse(200, {
        writers: [
          { id: 'U1', name: 'Kim Editor' },
          { id: 'U2', name: 'Sam Writer' },
        ],
      }),
    'POST /markdown/preview': previewOf,
    ...extra,
  });
}

const previews = (calls: readonly FakeCall[]) => calls.filter((c) => c.url === '/markdown/preview');

async function mount(api: ReturnType<typeof server>['api'], id?: string): Promise<void> {
  await act(() => {
    render(<EditorPage api={api} id={id} me={kMe} messages={m} />, container);
  });
  await settle(() => {
    expect(container.querySelector('#kb-title')).not.toBeNull();
  });
}

describe('EditorPage: the live preview', () => {
  it('asks for one preview after typing pauses, not one per keystroke', async () => {
    const { api, calls } = server();
    await mount(api);
    expect(previews(calls)).toHaveLength(0);
    await type('#kb-body', 'H');
    await type('#kb-body', 'He');
    await type('#kb-body', 'Hello');
    expect(textArea('#kb-body').value).toBe('Hello');
    await settle(() => {
      expect($('.kb-md__output').innerHTML).toContain('<p>Hello</p>');
    });
    expect(previews(calls).map((c) => c.body)).toStrictEqual([
      JSON.stringify({ markdown: 'Hello' }),
    ]);
  });

  it('keeps the last good preview when an update fails, and says so', async () => {
    let fail = false;
    const { api } = server({
      'POST /markdown/preview': (call) =>
        fail
          ? jsonResponse(503, { error: { code: 'unavailable', message: 'busy' } })
          : previewOf(call),
    });
    await mount(api);
    await type('#kb-body', 'one');
    await settle(() => {
      expect($('.kb-md__output').textContent).toBe('one');
    });
    fail = true;
    await type('#kb-body', 'one two');
    await settle(() => {
      expect($('.kb-md__status').textContent).toContain('The preview could not be updated');
    });
    expect($('.kb-md__output').textContent).toBe('one');
    fail = false;
    await type('#kb-body', 'one two three');
    await settle(() => {
      expect($('.kb-md__output').textContent).toBe('one two three');
    });
    expect($('.kb-md__status').textContent).toBe('');
  });

  it('inserts an uploaded file’s Markdown where the cursor was', async () => {
    const { api, calls } = server({
      'POST /attachments': () =>
        jsonResponse(201, {
          id: 'AT1',
          article_id: null,
          filename: 'map.png',
          content_type: 'image/png',
          size: 3,
          created_at: '2026-01-01T00:00:00Z',
          url: '/api/v1/attachments/AT1',
          markdown: '![map.png](attachment:AT1)',
        }),
    });
    await mount(api);
    await type('#kb-body', 'Before after');
    const textarea = textArea('#kb-body');
    textarea.setSelectionRange(7, 7);
    await act(() => {
      textarea.dispatchEvent(new Event('blur'));
    });
    const picker = input('input[type="file"]');
    const file = new File(['png'], 'map.png', { type: 'image/png' });
    Object.defineProperty(picker, 'files', { value: [file], configurable: true });
    await act(() => {
      picker.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle(() => {
      expect(textarea.value).toBe('Before ![map.png](attachment:AT1)after');
    });
    const upload = calls.find((c) => c.url.startsWith('/attachments'));
    expect(upload?.url).toBe('/attachments?filename=map.png');
    expect(upload?.blob).toBe(file);
    expect($('[data-upload="done"]').textContent).toBe(m.markdown.inserted('map.png'));
  });
});

describe('EditorPage: saving', () => {
  it('checks the title first, then creates a draft and opens it', async () => {
    const { api, calls } = server({
      'POST /articles': () =>
        jsonResponse(
          201,
          articleDetailJson({ id: 'NEW1', status: 'draft', published_revision: 0 }),
        ),
    });
    await mount(api);
    await submit();
    expect($('#kb-title-error').textContent).toBe(m.problems.title);
    expect(document.activeElement?.id).toBe('kb-title');
    expect(calls.some((c) => c.method === 'POST' && c.url === '/articles')).toBe(false);

    await type('#kb-title', ' Travel ');
    await type('#kb-tags', 'travel, money');
    await type('#kb-body', '# Hi');
    await act(() => {
      select('#kb-category').value = 'S1';
      $('#kb-category').dispatchEvent(new Event('change', { bubbles: true }));
    });
    await submit();
    await settle(() => {
      expect(location.pathname + location.search).toBe('/knowledge/articles/NEW1?view=head');
    });
    const post = calls.find((c) => c.method === 'POST' && c.url === '/articles');
    expect(JSON.parse(post?.body ?? '{}')).toStrictEqual({
      title: 'Travel',
      body: '# Hi',
      summary: '',
      tags: ['travel', 'money'],
      language: 'en',
      visibility: 'internal',
      category_id: 'S1',
    });
  });

  it('saves changes with the base revision, and on a 409 offers to load the newer version', async () => {
    let reads = 0;
    const { api, calls } = server({
      [`GET /articles/${kArticleId}`]: () => {
        reads += 1;
        return jsonResponse(
          200,
          reads === 1
            ? articleDetailJson({ head_revision: 3 })
            : articleDetailJson({ head_revision: 4, revision: 4, title: 'Their title' }),
        );
      },
      [`PATCH /articles/${kArticleId}`]: () =>
        jsonResponse(409, {
          error: { code: 'conflict', message: 'changed meanwhile', field: 'base_revision' },
        }),
    });
    history.replaceState(null, '', `/knowledge/articles/${kArticleId}/edit`);
    await mount(api, kArticleId);
    expect(calls[0]?.url).toBe(`/articles/${kArticleId}?view=head`);
    expect(input('#kb-title').value).toBe('Expense claims');
    // The stored body's rendering is the first preview: no request for it.
    expect(previews(calls)).toHaveLength(0);
    expect($('.kb-md__output').innerHTML).toContain('Before you travel');

    await type('#kb-title', 'My title');
    await submit();
    await settle(() => {
      expect(container.querySelector('[role="alert"]')?.textContent).toContain(m.conflict);
    });
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(JSON.parse(patch?.body ?? '{}')).toStrictEqual({ title: 'My title', base_revision: 3 });
    // Nothing typed is lost until the writer chooses to load the other version.
    expect(input('#kb-title').value).toBe('My title');

    await act(() => {
      button(m.reload).click();
    });
    await settle(() => {
      expect(input('#kb-title').value).toBe('Their title');
    });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('');
    expect($('.kb-editor__status').textContent).toBe(m.reloaded);
  });

  it('announces a successful save and says when there is nothing to save', async () => {
    const { api, calls } = server({
      [`GET /articles/${kArticleId}`]: () => jsonResponse(200, articleDetailJson()),
      [`PATCH /articles/${kArticleId}`]: () =>
        jsonResponse(200, articleDetailJson({ head_revision: 4, summary: 'New summary' })),
    });
    await mount(api, kArticleId);
    await submit();
    expect($('.kb-editor__status').textContent).toBe(m.nothingToSave);
    await type('#kb-summary', 'New summary');
    await type('#kb-note', 'clearer');
    await submit();
    await settle(() => {
      expect($('.kb-editor__status').textContent).toBe(m.saved(4));
    });
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(JSON.parse(patch?.body ?? '{}')).toStrictEqual({
      summary: 'New summary',
      base_revision: 3,
      note: 'clearer',
    });
    expect(input('#kb-note').value).toBe('');
  });

  it('hands an article to another owner and verifier chosen by name', async () => {
    const { api, calls } = server({
      [`GET /articles/${kArticleId}`]: () =>
        jsonResponse(200, articleDetailJson({ can: { ...kCan, manage: true } })),
      [`PATCH /articles/${kArticleId}`]: () => jsonResponse(200, articleDetailJson()),
    });
    await mount(api, kArticleId);
    const options = (id: string) => [...select(id).options].map((o) => o.textContent);
    expect(options('#kb-owner')).toStrictEqual([m.settings.me('Kim Editor'), 'Sam Writer']);
    expect(options('#kb-verifier')).toStrictEqual([
      m.settings.noVerifier,
      m.settings.me('Kim Editor'),
      'Sam Writer',
    ]);
    expect(select('#kb-owner').value).toBe('U1');
    for (const id of ['#kb-owner', '#kb-verifier']) {
      await act(() => {
        select(id).value = 'U2';
        select(id).dispatchEvent(new Event('change', { bubbles: true }));
      });
    }
    await submit();
    await settle(() => {
      expect(calls.some((c) => c.method === 'PATCH')).toBe(true);
    });
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(JSON.parse(patch?.body ?? '{}')).toMatchObject({ owner_id: 'U2', verifier_id: 'U2' });
  });

  it('shows settings read-only to someone who may not change them', async () => {
    const { api } = server({
      [`GET /articles/${kArticleId}`]: () => jsonResponse(200, articleDetailJson()),
    });
    await mount(api, kArticleId);
    expect(($('fieldset.kb-settings') as HTMLFieldSetElement).disabled).toBe(true);
    expect(container.textContent).toContain(m.settings.locked);
  });
});
