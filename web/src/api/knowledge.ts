/**
 * The knowledge base: articles, revisions and diffs, lifecycle transitions,
 * feedback, categories, the Markdown preview and attachments.
 */
import type { ApiClient, ApiResult, Query } from './client';
import {
  array,
  boolean,
  ignored,
  map,
  nonEmptyString,
  nullable,
  number,
  object,
  oneOf,
  optional,
  string,
  text,
  withDefault,
  type Decoder,
} from './decode';
import {
  kArticleStatuses,
  kFeedbackReasons,
  kVisibilities,
  type Article,
  type ArticleStatus,
  type ArticleSummary,
  type ArticleView,
  type Attachment,
  type BundleImportOptions,
  type BundleImportReport,
  type BundleProblem,
  type Category,
  type ContentChange,
  type Diff,
  type Feedback,
  type FeedbackReason,
  type MarkdownPreview,
  type MetadataChange,
  type NewArticle,
  type Ref,
  type Revision,
} from '../domain/knowledge';
import type { Page } from '../domain/page';
import { ok } from '../domain/result';

const when = withDefault(nullable(string), null);
const optionalId = withDefault(nullable(string), null);

export const refDecoder: Decoder<Ref> = object({ id: nonEmptyString, name: text });
const optionalRef = withDefault(nullable(refDecoder), null);
const tagsDecoder = withDefault(array(string), []);

const articleSummaryFields = object({
  id: nonEmptyString,
  translation_group: text,
  language: string,
  slug: text,
  category_id: optionalId,
  visibility: oneOf(...kVisibilities),
  roles: withDefault(array(string), []),
  status: oneOf(...kArticleStatuses),
  owner: optionalRef,
  verifier: optionalRef,
  verify_interval_days: number,
  verified_at: when,
  verification_due_at: when,
  stale: boolean,
  head_revision: number,
  published_revision: number,
  has_unpublished_changes: boolean,
  created_at: string,
  updated_at: string,
  published_at: when,
  revision: number,
  title: string,
  summary: text,
  tags: tagsDecoder,
});

export const articleSummaryDecoder = map(articleSummaryFields, (a): ArticleSummary => ({
  id: a.id,
  translationGroup: a.translation_group,
  language: a.language,
  slug: a.slug,
  categoryId: a.category_id,
  visibility: a.visibility,
  roles: a.roles,
  status: a.status,
  owner: a.owner,
  verifier: a.verifier,
  verifyIntervalDays: a.verify_interval_days,
  verifiedAt: a.verified_at,
  verificationDueAt: a.verification_due_at,
  stale: a.stale,
  headRevision: a.head_revision,
  publishedRevision: a.published_revision,
  hasUnpublishedChanges: a.has_unpublished_changes,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
  publishedAt: a.published_at,
  revision: a.revision,
  title: a.title,
  summary: a.summary,
  tags: a.tags,
}));

const headingDecoder = object({ level: number, text: string, anchor: string });

const statsDecoder = map(
  object({
    staff_views: number,
    public_views: number,
    helpful: number,
    unhelpful: number,
    helpful_ratio: withDefault(nullable(number), null),
    open_feedback: number,
  }),
  (s) => ({
    staffViews: s.staff_views,
    publicViews: s.public_views,
    helpful: s.helpful,
    unhelpful: s.unhelpful,
    helpfulRatio: s.helpful_ratio,
    openFeedback: s.open_feedback,
  }),
);

const articleDetailFields = object({
  body: string,
  body_html: string,
  headings: withDefault(array(headingDecoder), []),
  translations: withDefault(
    array(object({ id: nonEmptyString, language: string, title: text })),
    [],
  ),
  can: object({
    edit: boolean,
    submit: boolean,
    approve: boolean,
    archive: boolean,
    unarchive: boolean,
    delete: boolean,
    verify: boolean,
    manage: boolean,
  }),
  stats: optional(nullable(statsDecoder)),
});

/** One article with its body: the summary fields plus the single-article ones. */
export const articleDecoder: Decoder<Article> = (value, path) => {
  const summary = articleSummaryDecoder(value, path);
  if (!summary.ok) return summary;
  const detail = articleDetailFields(value, path);
  if (!detail.ok) return detail;
  const d = detail.value;
  return {
    ok: true,
    value: {
      ...summary.value,
      body: d.body,
      bodyHtml: d.body_html,
      headings: d.headings,
      translations: d.translations,
      can: d.can,
      ...(d.stats === undefined || d.stats === null ? {} : { stats: d.stats }),
    },
  };
};

/** `next_cursor` is absent (or null, or "") on the last page. */
const nextCursor = optional(nullable(string));

function toPage<T>(items: readonly T[], cursor: string | null | undefined): Page<T> {
  return {
    items,
    ...(cursor === undefined || cursor === null || cursor === '' ? {} : { nextCursor: cursor }),
  };
}

export const articlesPageDecoder = map(
  object({ articles: array(articleSummaryDecoder), next_cursor: nextCursor }),
  (p) => toPage(p.articles, p.next_cursor),
);

export const revisionDecoder = map(
  object({
    number: number,
    title: string,
    summary: text,
    tags: tagsDecoder,
    author: optionalRef,
    note: text,
    created_at: string,
    published: boolean,
  }),
  (r): Revision => ({
    number: r.number,
    title: r.title,
    summary: r.summary,
    tags: r.tags,
    author: r.author,
    note: r.note,
    createdAt: r.created_at,
    published: r.published,
  }),
);

/** A field's value in a diff: text as it is, anything else (tags, ids) as JSON. */
const diffValue: Decoder<string> = (value) => {
  if (typeof value === 'string') return ok(value);
  if (value === null || value === undefined) return ok('');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return ok(value.join(', '));
  }
  return ok(JSON.stringify(value));
};

export const diffDecoder = map(
  object({
    from: number,
    to: number,
    fields: withDefault(array(object({ field: string, from: diffValue, to: diffValue })), []),
    lines: array(object({ op: oneOf('equal', 'insert', 'delete'), text: string })),
  }),
  (d): Diff => d,
);

export const feedbackDecoder = map(
  object({
    id: nonEmptyString,
    article: object({ id: nonEmptyString, title: text }),
    helpful: boolean,
    reason: withDefault(nullable(oneOf(...kFeedbackReasons)), null),
    comment: text,
    from_public: boolean,
    user: optionalRef,
    revision: number,
    resolved: boolean,
    resolved_by: optionalRef,
    created_at: string,
    resolved_at: when,
  }),
  (f): Feedback => ({
    id: f.id,
    article: f.article,
    helpful: f.helpful,
    reason: f.reason,
    comment: f.comment,
    fromPublic: f.from_public,
    user: f.user,
    revision: f.revision,
    resolved: f.resolved,
    resolvedBy: f.resolved_by,
    createdAt: f.created_at,
    resolvedAt: f.resolved_at,
  }),
);

export const feedbackPageDecoder = map(
  object({ feedback: array(feedbackDecoder), next_cursor: nextCursor }),
  (p) => toPage(p.feedback, p.next_cursor),
);

export const categoryDecoder = map(
  object({
    id: nonEmptyString,
    parent_id: optionalId,
    name: string,
    slug: text,
    description: text,
    position: withDefault(number, 0),
    article_count: withDefault(number, 0),
  }),
  (c): Category => ({
    id: c.id,
    parentId: c.parent_id,
    name: c.name,
    slug: c.slug,
    description: c.description,
    position: c.position,
    articleCount: c.article_count,
  }),
);

export const attachmentDecoder = map(
  object({
    id: nonEmptyString,
    article_id: optionalId,
    filename: string,
    content_type: text,
    size: number,
    created_at: string,
    url: string,
    markdown: nonEmptyString,
  }),
  (a): Attachment => ({
    id: a.id,
    articleId: a.article_id,
    filename: a.filename,
    contentType: a.content_type,
    size: a.size,
    createdAt: a.created_at,
    url: a.url,
    markdown: a.markdown,
  }),
);

export const previewDecoder = map(
  object({ html: string, headings: withDefault(array(headingDecoder), []) }),
  (p): MarkdownPreview => p,
);

export const kArticlesPageSize = 30;

const withSignal = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });
const articlePath = (id: string) => `/articles/${encodeURIComponent(id)}`;

export interface ArticleQuery {
  readonly q?: string | undefined;
  /** Any of these statuses (sent comma-separated). */
  readonly statuses?: readonly ArticleStatus[] | undefined;
  readonly categoryId?: string | undefined;
  /** "me" or a user id. */
  readonly owner?: string | undefined;
  readonly stale?: boolean | undefined;
  readonly view?: ArticleView | undefined;
  readonly cursor?: string | undefined;
}

export function listArticles(
  api: ApiClient,
  query: ArticleQuery,
  signal?: AbortSignal,
): Promise<ApiResult<Page<ArticleSummary>>> {
  const params: Query = {
    q: query.q?.trim(),
    status: query.statuses?.join(','),
    category_id: query.categoryId,
    owner: query.owner,
    stale: query.stale === true ? 'true' : undefined,
    view: query.view,
    limit: kArticlesPageSize,
    cursor: query.cursor,
  };
  return api.request('/articles', articlesPageDecoder, { query: params, ...withSignal(signal) });
}

export function getArticle(
  api: ApiClient,
  id: string,
  view: ArticleView | undefined,
  signal?: AbortSignal,
): Promise<ApiResult<Article>> {
  return api.request(articlePath(id), articleDecoder, {
    query: { view },
    ...withSignal(signal),
  });
}

export function createArticle(api: ApiClient, article: NewArticle): Promise<ApiResult<Article>> {
  return api.request('/articles', articleDecoder, { method: 'POST', body: { json: article } });
}

/**
 * PATCH /articles/{id}. Content changes carry the head revision they were made
 * on: the server answers 409 when someone else saved a newer one meanwhile.
 */
export function updateArticle(
  api: ApiClient,
  id: string,
  change: {
    readonly content?: ContentChange;
    readonly metadata?: MetadataChange;
    readonly baseRevision: number;
    readonly note?: string;
  },
): Promise<ApiResult<Article>> {
  const note = change.note?.trim() ?? '';
  return api.request(articlePath(id), articleDecoder, {
    method: 'PATCH',
    body: {
      json: {
        ...change.metadata,
        ...(change.content === undefined
          ? {}
          : {
              ...change.content,
              base_revision: change.baseRevision,
              ...(note === '' ? {} : { note }),
            }),
      },
    },
  });
}

export function deleteArticle(api: ApiClient, id: string): Promise<ApiResult<undefined>> {
  return api.request(articlePath(id), ignored, { method: 'DELETE' });
}

/**
 * POST /articles/{id}/transitions. The answer is read as a summary: the
 * caller reloads the article when it needs the body in its view.
 */
export function transitionArticle(
  api: ApiClient,
  id: string,
  to: ArticleStatus,
  note?: string,
): Promise<ApiResult<ArticleSummary>> {
  const trimmed = note?.trim() ?? '';
  return api.request(`${articlePath(id)}/transitions`, articleSummaryDecoder, {
    method: 'POST',
    body: { json: { to, ...(trimmed === '' ? {} : { note: trimmed }) } },
  });
}

export function verifyArticle(api: ApiClient, id: string): Promise<ApiResult<ArticleSummary>> {
  return api.request(`${articlePath(id)}/verify`, articleSummaryDecoder, { method: 'POST' });
}

export async function listRevisions(
  api: ApiClient,
  id: string,
  signal?: AbortSignal,
): Promise<ApiResult<readonly Revision[]>> {
  const result = await api.get(
    `${articlePath(id)}/revisions`,
    object({ revisions: array(revisionDecoder) }),
    signal,
  );
  return result.ok ? { ok: true, value: result.value.revisions } : result;
}

export function diffRevisions(
  api: ApiClient,
  id: string,
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<ApiResult<Diff>> {
  return api.request(`${articlePath(id)}/diff`, diffDecoder, {
    query: { from, to },
    ...withSignal(signal),
  });
}

export function restoreRevision(
  api: ApiClient,
  id: string,
  revision: number,
): Promise<ApiResult<ArticleSummary>> {
  return api.request(`${articlePath(id)}/restore`, articleSummaryDecoder, {
    method: 'POST',
    body: { json: { revision } },
  });
}

export function sendFeedback(
  api: ApiClient,
  id: string,
  feedback: {
    readonly helpful: boolean;
    readonly reason?: FeedbackReason | undefined;
    readonly comment?: string | undefined;
  },
): Promise<ApiResult<Feedback>> {
  const comment = feedback.comment?.trim() ?? '';
  return api.request(`${articlePath(id)}/feedback`, feedbackDecoder, {
    method: 'POST',
    body: {
      json: {
        helpful: feedback.helpful,
        ...(feedback.reason === undefined ? {} : { reason: feedback.reason }),
        ...(comment === '' ? {} : { comment }),
      },
    },
  });
}

export const kFeedbackPageSize = 30;

export interface FeedbackQuery {
  /** "me", a user id, or undefined for everyone's articles. */
  readonly owner?: string | undefined;
  readonly articleId?: string | undefined;
  readonly openOnly: boolean;
  readonly cursor?: string | undefined;
}

export function listFeedback(
  api: ApiClient,
  query: FeedbackQuery,
  signal?: AbortSignal,
): Promise<ApiResult<Page<Feedback>>> {
  return api.request('/feedback', feedbackPageDecoder, {
    query: {
      owner: query.owner,
      article_id: query.articleId,
      open: query.openOnly ? 'true' : undefined,
      limit: kFeedbackPageSize,
      cursor: query.cursor,
    },
    ...withSignal(signal),
  });
}

export function resolveFeedback(api: ApiClient, id: string): Promise<ApiResult<Feedback>> {
  return api.request(`/feedback/${encodeURIComponent(id)}/resolve`, feedbackDecoder, {
    method: 'POST',
  });
}

export function previewMarkdown(
  api: ApiClient,
  markdown: string,
  signal?: AbortSignal,
): Promise<ApiResult<MarkdownPreview>> {
  return api.request('/markdown/preview', previewDecoder, {
    method: 'POST',
    body: { json: { markdown } },
    ...withSignal(signal),
  });
}

export async function listCategories(
  api: ApiClient,
  signal?: AbortSignal,
): Promise<ApiResult<readonly Category[]>> {
  const result = await api.get(
    '/categories',
    object({ categories: array(categoryDecoder) }),
    signal,
  );
  return result.ok ? { ok: true, value: result.value.categories } : result;
}

/** GET /kb/writers: who may own or verify an article, by name. */
export async function listWriters(
  api: ApiClient,
  signal?: AbortSignal,
): Promise<ApiResult<readonly Ref[]>> {
  const result = await api.get('/kb/writers', object({ writers: array(refDecoder) }), signal);
  return result.ok ? ok(result.value.writers) : result;
}

/** Uploads take longer than the client's usual limit allows for. */
const kUploadTimeoutMs = 120_000;

/** POST /attachments with the file's bytes as the body; the server sniffs the type. */
export function uploadAttachment(
  api: ApiClient,
  file: Blob,
  filename: string,
  articleId: string | undefined,
): Promise<ApiResult<Attachment>> {
  return api.request('/attachments', attachmentDecoder, {
    method: 'POST',
    query: { filename, article_id: articleId },
    body: { blob: file, contentType: file.type === '' ? 'application/octet-stream' : file.type },
    timeoutMs: kUploadTimeoutMs,
  });
}

const bundleProblemDecoder: Decoder<BundleProblem> = map(
  object({ path: text, line: withDefault(nullable(number), null), message: string }),
  (p) => ({ path: p.path, line: p.line ?? 0, message: p.message }),
);

export const bundleImportReportDecoder: Decoder<BundleImportReport> = map(
  object({
    dry_run: boolean,
    applied: boolean,
    files: number,
    articles_created: number,
    articles_updated: number,
    articles_unchanged: number,
    categories_created: number,
    categories_updated: number,
    attachments_created: number,
    errors: array(bundleProblemDecoder),
    warnings: array(bundleProblemDecoder),
  }),
  (r) => ({
    dryRun: r.dry_run,
    applied: r.applied,
    files: r.files,
    articlesCreated: r.articles_created,
    articlesUpdated: r.articles_updated,
    articlesUnchanged: r.articles_unchanged,
    categoriesCreated: r.categories_created,
    categoriesUpdated: r.categories_updated,
    attachmentsCreated: r.attachments_created,
    errors: r.errors,
    warnings: r.warnings,
  }),
);

/**
 * POST /kb/import with a zip or tar of Markdown and HTML files. A bundle with
 * errors answers 422 with the report, which is what the caller shows.
 */
export function importKnowledge(
  api: ApiClient,
  archive: Blob,
  options: BundleImportOptions,
): Promise<ApiResult<BundleImportReport>> {
  return api.request('/kb/import', bundleImportReportDecoder, {
    method: 'POST',
    query: {
      dry_run: options.dryRun ? 'true' : 'false',
      publish: options.publish ? 'true' : undefined,
      visibility: options.visibility,
      language: options.language,
    },
    body: {
      blob: archive,
      contentType: archive.type === '' ? 'application/octet-stream' : archive.type,
    },
    timeoutMs: kUploadTimeoutMs,
    acceptStatuses: [422],
  });
}

/** The whole knowledge base as a zip, downloaded by the browser itself (the session cookie signs it). */
export const kKnowledgeExportUrl = '/api/v1/kb/export';
