/** The knowledge base: articles, their revisions and lifecycle, feedback and categories. */

export const kArticleStatuses = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof kArticleStatuses)[number];

export const kVisibilities = ['internal', 'public', 'restricted'] as const;
export type Visibility = (typeof kVisibilities)[number];

export const kFeedbackReasons = [
  'outdated',
  'incorrect',
  'unclear',
  'missing_information',
] as const;
export type FeedbackReason = (typeof kFeedbackReasons)[number];

/** Which revision an article is read at: the published one, or the newest. */
export type ArticleView = 'live' | 'head';

/** A user named by the API: `{"id","name"}`. */
export interface Ref {
  readonly id: string;
  readonly name: string;
}

/** An article as lists show it (no body). */
export interface ArticleSummary {
  readonly id: string;
  readonly translationGroup: string;
  readonly language: string;
  readonly slug: string;
  readonly categoryId: string | null;
  readonly visibility: Visibility;
  readonly roles: readonly string[];
  readonly status: ArticleStatus;
  readonly owner: Ref | null;
  readonly verifier: Ref | null;
  readonly verifyIntervalDays: number;
  readonly verifiedAt: string | null;
  readonly verificationDueAt: string | null;
  readonly stale: boolean;
  readonly headRevision: number;
  /** 0 while nothing was ever published. */
  readonly publishedRevision: number;
  readonly hasUnpublishedChanges: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string | null;
  /** The revision shown (see ArticleView) and its content. */
  readonly revision: number;
  readonly title: string;
  readonly summary: string;
  readonly tags: readonly string[];
}

export interface Heading {
  readonly level: number;
  readonly text: string;
  readonly anchor: string;
}

export interface Translation {
  readonly id: string;
  readonly language: string;
  readonly title: string;
}

/** What the caller may do with this article, as the server decides. */
export interface ArticleAbilities {
  readonly edit: boolean;
  readonly submit: boolean;
  readonly approve: boolean;
  readonly archive: boolean;
  /** Archived back to draft. */
  readonly unarchive: boolean;
  readonly delete: boolean;
  readonly verify: boolean;
  /** Change metadata: category, visibility, roles, slug, owner, verifier. */
  readonly manage: boolean;
}

export interface ArticleStats {
  readonly staffViews: number;
  readonly publicViews: number;
  readonly helpful: number;
  readonly unhelpful: number;
  /** 0..1, or null before any vote. */
  readonly helpfulRatio: number | null;
  readonly openFeedback: number;
}

/** One article with its body (GET /articles/{id}). */
export interface Article extends ArticleSummary {
  readonly body: string;
  /** Produced by the server's safe Markdown renderer. */
  readonly bodyHtml: string;
  readonly headings: readonly Heading[];
  readonly translations: readonly Translation[];
  readonly can: ArticleAbilities;
  /** Present for readers who may see them (kb.write). */
  readonly stats?: ArticleStats;
}

export interface Revision {
  readonly number: number;
  readonly title: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly author: Ref | null;
  readonly note: string;
  readonly createdAt: string;
  readonly published: boolean;
}

export interface DiffField {
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffLine {
  readonly op: DiffOp;
  readonly text: string;
}

export interface Diff {
  readonly from: number;
  readonly to: number;
  readonly fields: readonly DiffField[];
  readonly lines: readonly DiffLine[];
}

export interface Feedback {
  readonly id: string;
  readonly article: { readonly id: string; readonly title: string };
  readonly helpful: boolean;
  readonly reason: FeedbackReason | null;
  readonly comment: string;
  readonly fromPublic: boolean;
  readonly user: Ref | null;
  readonly revision: number;
  readonly resolved: boolean;
  readonly resolvedBy: Ref | null;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
}

/** A category (no parent) or a section inside one. */
export interface Category {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly slug: string;
  readonly description: string;
  readonly position: number;
  readonly articleCount: number;
}

export interface Attachment {
  readonly id: string;
  readonly articleId: string | null;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly createdAt: string;
  readonly url: string;
  /** Ready to paste into a body: `![alt](attachment:<id>)` or a link. */
  readonly markdown: string;
}

export interface MarkdownPreview {
  readonly html: string;
  readonly headings: readonly Heading[];
}

/** A category with its sections, for a tree or a grouped select. */
export interface CategoryNode {
  readonly category: Category;
  readonly sections: readonly Category[];
}

const byPosition = (a: Category, b: Category) =>
  a.position - b.position || a.name.localeCompare(b.name);

/**
 * Categories with their sections, both by position then name. A section whose
 * parent is unknown is shown as a category of its own rather than lost.
 */
export function categoryTree(categories: readonly Category[]): CategoryNode[] {
  const ids = new Set(categories.map((c) => c.id));
  const tops = categories.filter((c) => c.parentId === null || !ids.has(c.parentId));
  return [...tops].sort(byPosition).map((category) => ({
    category,
    sections: categories.filter((c) => c.parentId === category.id).sort(byPosition),
  }));
}

/** "a, b ,, A" → ["a", "b"]: trimmed, without empties or repeats (ignoring case). */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of input.split(',')) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** `insert` put in place of text[start, end); `cursor` is just after it. */
export function insertAt(
  text: string,
  start: number,
  end: number,
  insert: string,
): { readonly text: string; readonly cursor: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
}

/** The editor's fields, as typed (tags and the interval are still text). */
export interface ArticleDraft {
  readonly title: string;
  readonly summary: string;
  readonly tags: string;
  readonly body: string;
  readonly categoryId: string;
  readonly language: string;
  readonly visibility: Visibility;
  readonly roles: readonly string[];
  readonly slug: string;
  /** "" on a new article: its creator owns it. */
  readonly ownerId: string;
  readonly verifierId: string;
  readonly verifyIntervalDays: string;
}

export const kDefaultLanguage = 'en';

export const kEmptyDraft: ArticleDraft = {
  title: '',
  summary: '',
  tags: '',
  body: '',
  categoryId: '',
  language: kDefaultLanguage,
  visibility: 'internal',
  roles: [],
  slug: '',
  ownerId: '',
  verifierId: '',
  verifyIntervalDays: '',
};

/** The editor's starting point for an existing article (read at its head revision). */
export function draftOf(article: Article): ArticleDraft {
  return {
    title: article.title,
    summary: article.summary,
    tags: article.tags.join(', '),
    body: article.body,
    categoryId: article.categoryId ?? '',
    language: article.language,
    visibility: article.visibility,
    roles: article.roles,
    slug: article.slug,
    ownerId: article.owner?.id ?? '',
    verifierId: article.verifier?.id ?? '',
    verifyIntervalDays: String(article.verifyIntervalDays),
  };
}

/** The JSON of POST /articles. */
export interface NewArticle {
  readonly title: string;
  readonly body: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly language: string;
  readonly visibility: Visibility;
  readonly category_id?: string;
  readonly roles?: readonly string[];
  readonly slug?: string;
  readonly verifier_id?: string;
  readonly verify_interval_days?: number;
  readonly translation_of?: string;
}

/** Content fields of PATCH /articles/{id}: each adds a revision. */
export interface ContentChange {
  title?: string;
  summary?: string;
  body?: string;
  tags?: readonly string[];
}

/** Metadata fields of PATCH /articles/{id} (kb.publish, or the owner of a never-published one). */
export interface MetadataChange {
  category_id?: string | null;
  visibility?: Visibility;
  roles?: readonly string[];
  slug?: string;
  owner_id?: string;
  verifier_id?: string | null;
  verify_interval_days?: number;
}

/** A whole number of days ≥ 1, or undefined for "" (the server's default) and anything else. */
export function intervalDays(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days >= 1 ? days : undefined;
}

/** The POST /articles body for a draft; empty optional fields are left to the server. */
export function newArticleBody(draft: ArticleDraft, translationOf?: string): NewArticle {
  const days = intervalDays(draft.verifyIntervalDays);
  return {
    title: draft.title.trim(),
    body: draft.body,
    summary: draft.summary.trim(),
    tags: parseTags(draft.tags),
    language: draft.language.trim() === '' ? kDefaultLanguage : draft.language.trim(),
    visibility: draft.visibility,
    ...(draft.categoryId === '' ? {} : { category_id: draft.categoryId }),
    ...(draft.visibility === 'restricted' ? { roles: draft.roles } : {}),
    ...(draft.slug.trim() === '' ? {} : { slug: draft.slug.trim() }),
    ...(draft.verifierId === '' ? {} : { verifier_id: draft.verifierId }),
    ...(days === undefined ? {} : { verify_interval_days: days }),
    ...(translationOf === undefined ? {} : { translation_of: translationOf }),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What saving `draft` over `base` changes: content (a new revision) and
 * metadata, each only with the fields that differ, or undefined when none do.
 * Metadata is only compared when `withMetadata` (the caller may change it).
 */
export function articleChanges(
  base: ArticleDraft,
  draft: ArticleDraft,
  withMetadata: boolean,
): { readonly content?: ContentChange; readonly metadata?: MetadataChange } {
  const content: ContentChange = {};
  if (draft.title.trim() !== base.title.trim()) content.title = draft.title.trim();
  if (draft.summary.trim() !== base.summary.trim()) content.summary = draft.summary.trim();
  if (draft.body !== base.body) content.body = draft.body;
  const tags = parseTags(draft.tags);
  if (!sameList(tags, parseTags(base.tags))) content.tags = tags;

  const metadata: MetadataChange = {};
  if (withMetadata) {
    if (draft.categoryId !== base.categoryId) {
      metadata.category_id = draft.categoryId === '' ? null : draft.categoryId;
    }
    if (draft.visibility !== base.visibility) metadata.visibility = draft.visibility;
    const roles = draft.visibility === 'restricted' ? draft.roles : [];
    const baseRoles = base.visibility === 'restricted' ? base.roles : [];
    if (!sameList([...roles].sort(), [...baseRoles].sort())) metadata.roles = roles;
    if (draft.slug.trim() !== base.slug.trim() && draft.slug.trim() !== '') {
      metadata.slug = draft.slug.trim();
    }
    if (draft.ownerId !== base.ownerId && draft.ownerId !== '') metadata.owner_id = draft.ownerId;
    if (draft.verifierId !== base.verifierId) {
      metadata.verifier_id = draft.verifierId === '' ? null : draft.verifierId;
    }
    const days = intervalDays(draft.verifyIntervalDays);
    if (days !== undefined && days !== intervalDays(base.verifyIntervalDays)) {
      metadata.verify_interval_days = days;
    }
  }
  return {
    ...(Object.keys(content).length > 0 ? { content } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

/** Why a draft cannot be saved yet, or undefined when it can. */
export type DraftProblem = 'title' | 'language' | 'interval' | 'roles';

export function checkDraft(draft: ArticleDraft): DraftProblem | undefined {
  if (draft.title.trim() === '') return 'title';
  if (draft.language.trim() === '') return 'language';
  if (
    draft.verifyIntervalDays.trim() !== '' &&
    intervalDays(draft.verifyIntervalDays) === undefined
  ) {
    return 'interval';
  }
  if (draft.visibility === 'restricted' && draft.roles.length === 0) return 'roles';
  return undefined;
}

/**
 * The lifecycle moves offered for an article, given its status and the
 * caller's abilities on it (as the server decides).
 */
export type ArticleMove = 'submit' | 'withdraw' | 'approve' | 'archive' | 'restore';

export function availableMoves(article: {
  readonly status: ArticleStatus;
  readonly can: ArticleAbilities;
}): ArticleMove[] {
  const moves: ArticleMove[] = [];
  const { status, can } = article;
  if (status === 'draft' && can.submit) moves.push('submit');
  if (status === 'in_review' && can.approve) moves.push('approve');
  // Withdrawing (or sending back) is open to the same people as submitting.
  if (status === 'in_review' && can.submit) moves.push('withdraw');
  if (status !== 'archived' && can.archive) moves.push('archive');
  if (status === 'archived' && can.unarchive) moves.push('restore');
  return moves;
}

/** The status a move asks for (POST /articles/{id}/transitions `to`). */
export function moveTarget(move: ArticleMove): ArticleStatus {
  switch (move) {
    case 'submit':
      return 'in_review';
    case 'approve':
      return 'published';
    case 'archive':
      return 'archived';
    case 'withdraw':
    case 'restore':
      return 'draft';
  }
}

/** A diff as shown: changed lines with a little context, long unchanged runs folded. */
export type DiffRow =
  | { readonly kind: 'line'; readonly op: DiffOp; readonly text: string }
  | { readonly kind: 'skip'; readonly count: number };

/**
 * Keeps `context` unchanged lines around every change and folds the other
 * unchanged runs into one "skip" row (a fold that would hide one line shows it).
 */
export function diffRows(lines: readonly DiffLine[], context = 3): DiffRow[] {
  const keep = lines.map((line) => line.op !== 'equal');
  lines.forEach((line, index) => {
    if (line.op === 'equal') return;
    for (let d = 1; d <= context; d += 1) {
      if (index - d >= 0) keep[index - d] = true;
      if (index + d < lines.length) keep[index + d] = true;
    }
  });
  const rows: DiffRow[] = [];
  let index = 0;
  while (index < lines.length) {
    if (keep[index] === true) {
      const line = lines[index];
      if (line !== undefined) rows.push({ kind: 'line', op: line.op, text: line.text });
      index += 1;
      continue;
    }
    let end = index;
    while (end < lines.length && keep[end] !== true) end += 1;
    if (end - index === 1) {
      const line = lines[index];
      if (line !== undefined) rows.push({ kind: 'line', op: line.op, text: line.text });
    } else {
      rows.push({ kind: 'skip', count: end - index });
    }
    index = end;
  }
  return rows;
}

/** A problem with one file of an imported bundle (`line` is 0 when it is about the whole file). */
export interface BundleProblem {
  readonly path: string;
  readonly line: number;
  readonly message: string;
}

/** What an import of a zip or tar of Markdown and HTML did, or would do on a dry run. */
export interface BundleImportReport {
  readonly dryRun: boolean;
  readonly applied: boolean;
  readonly files: number;
  readonly articlesCreated: number;
  readonly articlesUpdated: number;
  readonly articlesUnchanged: number;
  readonly categoriesCreated: number;
  readonly categoriesUpdated: number;
  readonly attachmentsCreated: number;
  /** Any error and nothing is written. */
  readonly errors: readonly BundleProblem[];
  /** Not blocking: e.g. a link to a file the bundle does not hold. */
  readonly warnings: readonly BundleProblem[];
}

export type BundleReadiness = 'has_errors' | 'nothing_to_do' | 'ready';

export function bundleReadiness(report: BundleImportReport): BundleReadiness {
  if (report.errors.length > 0) return 'has_errors';
  const changes =
    report.articlesCreated +
    report.articlesUpdated +
    report.categoriesCreated +
    report.categoriesUpdated +
    report.attachmentsCreated;
  return changes === 0 ? 'nothing_to_do' : 'ready';
}

/** Options of a bundle import; `undefined` keeps what each file's front matter says. */
export interface BundleImportOptions {
  readonly dryRun: boolean;
  readonly publish: boolean;
  readonly visibility: Visibility | undefined;
  readonly language: string | undefined;
}
