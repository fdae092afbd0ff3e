import { describe, expect, it } from 'vitest';
import { decode } from './decode';
import { fakeApi, jsonResponse, type FakeCall } from './fake-server';
import {
  articleDecoder,
  articlesPageDecoder,
  attachmentDecoder,
  categoryDecoder,
  createArticle,
  deleteArticle,
  diffDecoder,
  diffRevisions,
  feedbackPageDecoder,
  getArticle,
  listArticles,
  listCategories,
  listFeedback,
  previewMarkdown,
  resolveFeedback,
  restoreRevision,
  revisionDecoder,
  sendFeedback,
  transitionArticle,
  updateArticle,
  uploadAttachment,
  verifyArticle,
} from './knowledge';
import {
  articleDetailJson,
  articleJson,
  feedbackJson,
  kArticleId,
  kCategories,
  revisionJson,
} from './knowledge-fixtures';

const body = (call: FakeCall | undefined): unknown => JSON.parse(call?.body ?? 'null');

describe('Article decoders', () => {
  it('decodes a list entry into camelCase fields', () => {
    const page = decode(articlesPageDecoder, { articles: [articleJson()], next_cursor: 'c2' });
    if (!page.ok) throw new Error(JSON.stringify(page.error));
    expect(page.value.nextCursor).toBe('c2');
    expect(page.value.items[0]).toMatchObject({
      id: kArticleId,
      translationGroup: kArticleId,
      categoryId: 'C1',
      owner: { id: 'U1', name: 'Kim Editor' },
      verifier: null,
      verifyIntervalDays: 90,
      verificationDueAt: '2026-04-10T09:00:00Z',
      headRevision: 3,
      publishedRevision: 3,
      hasUnpublishedChanges: false,
      publishedAt: '2026-01-10T09:00:00Z',
      tags: ['finance'],
    });
  });

  it('carries no cursor on the last page', () => {
    for (const last of [{}, { next_cursor: null }, { next_cursor: '' }]) {
      const page = decode(articlesPageDecoder, { articles: [], ...last });
      expect(page.ok && 'nextCursor' in page.value).toBe(false);
    }
  });

  it('decodes a single article with body, headings, abilities and stats', () => {
    const article = decode(articleDecoder, articleDetailJson());
    if (!article.ok) throw new Error(JSON.stringify(article.error));
    expect(article.value.bodyHtml).toContain('<h2 id="before-you-travel">');
    expect(article.value.headings).toStrictEqual([
      { level: 2, text: 'Before you travel', anchor: 'before-you-travel' },
    ]);
    expect(article.value.can.edit).toBe(true);
    expect(article.value.stats).toStrictEqual({
      staffViews: 120,
      publicViews: 0,
      helpful: 3,
      unhelpful: 1,
      helpfulRatio: 0.75,
      openFeedback: 1,
    });
  });

  it('leaves stats out when the server sends none', () => {
    const article = decode(articleDecoder, articleDetailJson({ stats: undefined }));
    expect(article.ok && 'stats' in article.value).toBe(false);
  });

  it.each([
    ['status', { status: 'deleted' }, '$.status'],
    ['visibility', { visibility: 'secret' }, '$.visibility'],
    ['stale', { stale: 'yes' }, '$.stale'],
    ['owner', { owner: { name: 'x' } }, '$.owner.id'],
    ['body_html', { body_html: null }, '$.body_html'],
    ['can', { can: { edit: true } }, '$.can.submit'],
    ['headings', { headings: [{ level: '2', text: 'x', anchor: 'x' }] }, '$.headings[0].level'],
  ])('rejects a malformed %s', (_name, change, path) => {
    const result = decode(articleDecoder, articleDetailJson(change));
    expect(result.ok ? undefined : result.error.path).toBe(path);
  });

  it('rejects a list entry without the summary fields', () => {
    const rest = Object.fromEntries(
      Object.entries(articleJson()).filter(([key]) => key !== 'revision'),
    );
    const result = decode(articlesPageDecoder, { articles: [rest] });
    expect(result.ok ? undefined : result.error.path).toBe('$.articles[0].revision');
  });
});

describe('other knowledge decoders', () => {
  it('decodes feedback, with null reason and user', () => {
    const page = decode(feedbackPageDecoder, {
      feedback: [feedbackJson(), feedbackJson({ id: 'F2', reason: null, user: null })],
    });
    if (!page.ok) throw new Error(JSON.stringify(page.error));
    expect(page.value.items[0]).toMatchObject({
      reason: 'outdated',
      fromPublic: false,
      user: { id: 'U2', name: 'Emma Employee' },
      resolvedBy: null,
    });
    expect(page.value.items[1]).toMatchObject({ reason: null, user: null });
    const bad = decode(feedbackPageDecoder, { feedback: [feedbackJson({ reason: 'rude' })] });
    expect(bad.ok ? undefined : bad.error.path).toBe('$.feedback[0].reason');
  });

  it('decodes revisions and diffs, showing non-text field values readably', () => {
    expect(decode(revisionDecoder, revisionJson(2, { author: null }))).toMatchObject({
      ok: true,
      value: { number: 2, author: null, createdAt: '2026-01-02T09:00:00Z' },
    });
    const diff = decode(diffDecoder, {
      from: 1,
      to: 2,
      fields: [
        { field: 'title', from: 'Old', to: 'New' },
        { field: 'tags', from: ['a'], to: ['a', 'b'] },
        { field: 'category_id', from: null, to: 'C1' },
      ],
      lines: [
        { op: 'equal', text: 'same' },
        { op: 'delete', text: 'gone' },
        { op: 'insert', text: 'added' },
      ],
    });
    if (!diff.ok) throw new Error(JSON.stringify(diff.error));
    expect(diff.value.fields).toStrictEqual([
      { field: 'title', from: 'Old', to: 'New' },
      { field: 'tags', from: 'a', to: 'a, b' },
      { field: 'category_id', from: '', to: 'C1' },
    ]);
    const bad = decode(diffDecoder, { from: 1, to: 2, lines: [{ op: 'replace', text: '' }] });
    expect(bad.ok ? undefined : bad.error.path).toBe('$.lines[0].op');
  });

  it('decodes categories and attachments', () => {
    expect(decode(categoryDecoder, kCategories[1])).toStrictEqual({
      ok: true,
      value: {
        id: 'S1',
        parentId: 'C1',
        name: 'Travel',
        slug: 'travel',
        description: '',
        position: 1,
        articleCount: 2,
      },
    });
    const attachment = {
      id: 'AT1',
      article_id: null,
      filename: 'map.png',
      content_type: 'image/png',
      size: 1234,
      created_at: '2026-01-01T00:00:00Z',
      url: '/api/v1/attachments/AT1',
      markdown: '![map.png](attachment:AT1)',
    };
    expect(decode(attachmentDecoder, attachment)).toMatchObject({
      ok: true,
      value: { articleId: null, markdown: '![map.png](attachment:AT1)' },
    });
    const bad = decode(attachmentDecoder, { ...attachment, markdown: '' });
    expect(bad.ok ? undefined : bad.error.path).toBe('$.markdown');
  });
});

describe('knowledge API calls', () => {
  it('lists articles with the filters as query parameters, statuses comma-separated', async () => {
    const { api, calls } = fakeApi({
      'GET /articles': () => jsonResponse(200, { articles: [articleJson()] }),
    });
    const result = await listArticles(api, {
      q: ' expenses ',
      statuses: ['draft', 'in_review'],
      owner: 'me',
      view: 'head',
      cursor: 'c2',
    });
    expect(result.ok && result.value.items.length).toBe(1);
    expect(calls[0]?.url).toBe(
      '/articles?q=expenses&status=draft%2Cin_review&owner=me&view=head&limit=30&cursor=c2',
    );
    await listArticles(api, { stale: true, categoryId: 'C1' });
    expect(calls[1]?.url).toBe('/articles?category_id=C1&stale=true&limit=30');
  });

  it('reads one article in a view, and categories', async () => {
    const { api, calls } = fakeApi({
      'GET /articles/A%2F1': () => jsonResponse(200, articleDetailJson()),
      'GET /categories': () => jsonResponse(200, { categories: kCategories }),
    });
    expect((await getArticle(api, 'A/1', 'head')).ok).toBe(true);
    expect(calls[0]?.url).toBe('/articles/A%2F1?view=head');
    const categories = await listCategories(api);
    expect(categories.ok && categories.value.map((c) => c.id)).toStrictEqual(['C1', 'S1', 'C2']);
  });

  it('creates, updates with the base revision, moves, verifies, restores and deletes', async () => {
    const { api, calls } = fakeApi({
      'POST /articles': () => jsonResponse(201, articleDetailJson({ status: 'draft' })),
      [`PATCH /articles/${kArticleId}`]: () => jsonResponse(200, articleDetailJson()),
      [`POST /articles/${kArticleId}/transitions`]: () =>
        jsonResponse(200, articleJson({ status: 'in_review' })),
      [`POST /articles/${kArticleId}/verify`]: () => jsonResponse(200, articleJson()),
      [`POST /articles/${kArticleId}/restore`]: () => jsonResponse(200, articleJson()),
      [`DELETE /articles/${kArticleId}`]: () => new Response(null, { status: 204 }),
    });
    await createArticle(api, {
      title: 'T',
      body: 'b',
      summary: '',
      tags: [],
      language: 'en',
      visibility: 'internal',
    });
    expect(body(calls[0])).toStrictEqual({
      title: 'T',
      body: 'b',
      summary: '',
      tags: [],
      language: 'en',
      visibility: 'internal',
    });
    await updateArticle(api, kArticleId, {
      content: { body: 'new' },
      metadata: { category_id: null },
      baseRevision: 3,
      note: ' typo ',
    });
    expect(body(calls[1])).toStrictEqual({
      category_id: null,
      body: 'new',
      base_revision: 3,
      note: 'typo',
    });
    await updateArticle(api, kArticleId, { metadata: { visibility: 'public' }, baseRevision: 3 });
    expect(body(calls[2])).toStrictEqual({ visibility: 'public' });
    const moved = await transitionArticle(api, kArticleId, 'draft', 'needs screenshots');
    expect(moved.ok && moved.value.status).toBe('in_review');
    expect(body(calls[3])).toStrictEqual({ to: 'draft', note: 'needs screenshots' });
    await transitionArticle(api, kArticleId, 'published');
    expect(body(calls[4])).toStrictEqual({ to: 'published' });
    expect((await verifyArticle(api, kArticleId)).ok).toBe(true);
    await restoreRevision(api, kArticleId, 2);
    expect(body(calls[6])).toStrictEqual({ revision: 2 });
    expect(await deleteArticle(api, kArticleId)).toStrictEqual({ ok: true, value: undefined });
    expect(calls.map((c) => c.method)).toStrictEqual([
      'POST',
      'PATCH',
      'PATCH',
      'POST',
      'POST',
      'POST',
      'POST',
      'DELETE',
    ]);
  });

  it('sends the CSRF token on every write', async () => {
    const { api, calls } = fakeApi({
      'POST /markdown/preview': () => jsonResponse(200, { html: '<p>x</p>', headings: [] }),
    });
    api.setCsrfToken('csrf-7');
    await previewMarkdown(api, 'x');
    expect(calls[0]?.headers['X-CSRF-Token']).toBe('csrf-7');
    expect(body(calls[0])).toStrictEqual({ markdown: 'x' });
  });

  it('reports a 409 on a stale base revision as an http error', async () => {
    const { api } = fakeApi({
      [`PATCH /articles/${kArticleId}`]: () =>
        jsonResponse(409, {
          error: { code: 'conflict', message: 'the article changed', field: 'base_revision' },
        }),
    });
    const result = await updateArticle(api, kArticleId, {
      content: { title: 'x' },
      baseRevision: 1,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'http', status: 409, code: 'conflict', field: 'base_revision' },
    });
  });

  it('diffs revisions, and sends and resolves feedback', async () => {
    const { api, calls } = fakeApi({
      [`GET /articles/${kArticleId}/diff`]: () =>
        jsonResponse(200, { from: 1, to: 3, fields: [], lines: [] }),
      [`POST /articles/${kArticleId}/feedback`]: () => jsonResponse(201, feedbackJson()),
      'GET /feedback': () => jsonResponse(200, { feedback: [feedbackJson()] }),
      'POST /feedback/F1/resolve': () => jsonResponse(200, feedbackJson({ resolved: true })),
    });
    await diffRevisions(api, kArticleId, 1, 3);
    expect(calls[0]?.url).toBe(`/articles/${kArticleId}/diff?from=1&to=3`);
    await sendFeedback(api, kArticleId, { helpful: false, reason: 'unclear', comment: '  ' });
    expect(body(calls[1])).toStrictEqual({ helpful: false, reason: 'unclear' });
    await listFeedback(api, { owner: 'me', openOnly: true });
    expect(calls[2]?.url).toBe('/feedback?owner=me&open=true&limit=30');
    await listFeedback(api, { articleId: 'A1', openOnly: false, cursor: 'c' });
    expect(calls[3]?.url).toBe('/feedback?article_id=A1&limit=30&cursor=c');
    const resolved = await resolveFeedback(api, 'F1');
    expect(resolved.ok && resolved.value.resolved).toBe(true);
  });

  it('uploads a file as the raw body with its name and article in the query', async () => {
    const { api, calls } = fakeApi({
      'POST /attachments': () =>
        jsonResponse(201, {
          id: 'AT1',
          article_id: kArticleId,
          filename: 'a b.png',
          content_type: 'image/png',
          size: 3,
          created_at: '2026-01-01T00:00:00Z',
          url: '/api/v1/attachments/AT1',
          markdown: '![a b.png](attachment:AT1)',
        }),
    });
    api.setCsrfToken('csrf-7');
    const file = new Blob(['abc'], { type: 'image/png' });
    const result = await uploadAttachment(api, file, 'a b.png', kArticleId);
    expect(result.ok && result.value.markdown).toBe('![a b.png](attachment:AT1)');
    expect(calls[0]?.url).toBe(`/attachments?filename=a+b.png&article_id=${kArticleId}`);
    expect(calls[0]?.blob).toBe(file);
    expect(calls[0]?.headers['Content-Type']).toBe('image/png');
    expect(calls[0]?.headers['X-CSRF-Token']).toBe('csrf-7');
    await uploadAttachment(api, new Blob(['x']), 'notes', undefined);
    expect(calls[1]?.url).toBe('/attachments?filename=notes');
    expect(calls[1]?.headers['Content-Type']).toBe('application/octet-stream');
  });
});
