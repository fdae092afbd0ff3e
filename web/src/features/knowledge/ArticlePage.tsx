import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { getArticle } from '../../api/knowledge';
import { Alert } from '../../components/Alert';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { Link, useSearch } from '../../components/router';
import type { Article, ArticleStats, ArticleView } from '../../domain/knowledge';
import { ArticleActions, type ArticleActionsMessages } from './ArticleActions';
import { ArticleFeedback, type ArticleFeedbackMessages } from './ArticleFeedback';
import {
  ArticleBadges,
  ArticleMeta,
  ServerHtml,
  articleHref,
  roleLabel,
  type KbMessages,
} from './shared';

export interface ArticleMessages {
  readonly documentTitle: (title: string) => string;
  readonly notFound: string;
  readonly backToList: string;
  readonly verifiedOn: (when: string) => string;
  readonly neverVerified: string;
  readonly staleBanner: (due: string) => string;
  readonly draftBanner: string;
  readonly inReviewBanner: string;
  readonly archivedBanner: string;
  readonly changesBanner: string;
  readonly viewHead: string;
  readonly viewingHead: (revision: number, live: number) => string;
  readonly viewLive: string;
  readonly restrictedNote: (roles: string) => string;
  readonly publicNote: string;
  readonly contents: string;
  readonly translations: string;
  readonly statsTitle: string;
  readonly staffViews: string;
  readonly publicViews: string;
  readonly helpful: string;
  readonly helpfulValue: (ratio: number | null, votes: number) => string;
  readonly openFeedback: string;
  readonly viewFeedback: string;
  readonly actions: ArticleActionsMessages;
  readonly feedback: ArticleFeedbackMessages;
  readonly kb: KbMessages;
}

function readView(search: string): ArticleView | undefined {
  const view = new URLSearchParams(search).get('view');
  return view === 'head' || view === 'live' ? view : undefined;
}

/** Where the article stands: staleness, publication, the revision shown, who may read it. */
function Banners({
  article: a,
  canWrite,
  m,
}: {
  article: Article;
  canWrite: boolean;
  m: ArticleMessages;
}) {
  const due = a.verificationDueAt === null ? '' : m.kb.common.formatDateTime(a.verificationDueAt);
  const neverPublished = a.publishedRevision === 0;
  const showingHead = !neverPublished && a.revision !== a.publishedRevision;
  return (
    <div class="kb-banners">
      {a.stale && (
        <Alert tone="warning">
          <p>{m.staleBanner(due)}</p>
        </Alert>
      )}
      {a.status === 'archived' && (
        <Alert tone="warning">
          <p>{m.archivedBanner}</p>
        </Alert>
      )}
      {neverPublished && a.status === 'draft' && <p class="notice">{m.draftBanner}</p>}
      {neverPublished && a.status === 'in_review' && <p class="notice">{m.inReviewBanner}</p>}
      {showingHead && (
        <p class="notice">
          {m.viewingHead(a.revision, a.publishedRevision)}{' '}
          <Link href={articleHref(a.id, 'live')}>{m.viewLive}</Link>
        </p>
      )}
      {!showingHead && a.hasUnpublishedChanges && (
        <p class="notice">
          {m.changesBanner}{' '}
          {(canWrite || a.can.edit) && <Link href={articleHref(a.id, 'head')}>{m.viewHead}</Link>}
        </p>
      )}
    </div>
  );
}

function Stats({ id, stats, m }: { id: string; stats: ArticleStats; m: ArticleMessages }) {
  const c = m.kb.common;
  return (
    <section class="kb-aside__block" aria-labelledby="kb-stats-title">
      <h2 id="kb-stats-title" class="subsection-title">
        {m.statsTitle}
      </h2>
      <dl class="kb-stats">
        <div>
          <dt>{m.staffViews}</dt>
          <dd>{c.formatCount(stats.staffViews)}</dd>
        </div>
        <div>
          <dt>{m.publicViews}</dt>
          <dd>{c.formatCount(stats.publicViews)}</dd>
        </div>
        <div>
          <dt>{m.helpful}</dt>
          <dd>{m.helpfulValue(stats.helpfulRatio, stats.helpful + stats.unhelpful)}</dd>
        </div>
        <div>
          <dt>{m.openFeedback}</dt>
          <dd>
            {c.formatCount(stats.openFeedback)}
            {stats.openFeedback > 0 && (
              <>
                {' '}
                <Link href={`/knowledge/feedback?article_id=${encodeURIComponent(id)}`}>
                  {m.viewFeedback}
                </Link>
              </>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Aside({
  article: a,
  canWrite,
  m,
}: {
  article: Article;
  canWrite: boolean;
  m: ArticleMessages;
}) {
  const others = a.translations.filter((t) => t.id !== a.id);
  return (
    <aside class="kb-article__aside">
      {a.headings.length > 0 && (
        <nav class="kb-aside__block" aria-labelledby="kb-toc-title">
          <h2 id="kb-toc-title" class="subsection-title">
            {m.contents}
          </h2>
          <ol class="kb-toc">
            {a.headings.map((h) => (
              <li key={h.anchor} data-level={String(Math.min(Math.max(h.level, 1), 6))}>
                <a href={`#${encodeURIComponent(h.anchor)}`}>{h.text}</a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {others.length > 0 && (
        <nav class="kb-aside__block" aria-labelledby="kb-translations-title">
          <h2 id="kb-translations-title" class="subsection-title">
            {m.translations}
          </h2>
          <ul class="kb-translations">
            <li>
              <span aria-current="page" lang={a.language}>
                {m.kb.languageName(a.language)}
              </span>
            </li>
            {others.map((t) => (
              <li key={t.id}>
                <Link href={articleHref(t.id)} hreflang={t.language}>
                  <span lang={t.language}>{m.kb.languageName(t.language)}</span>
                  <span class="muted small block" lang={t.language}>
                    {t.title}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {canWrite && a.stats !== undefined && <Stats id={a.id} stats={a.stats} m={m} />}
    </aside>
  );
}

/** /knowledge/articles/<id>[?view=head|live]: one article, its state and what may be done. */
export function ArticlePage({
  api,
  id,
  canWrite,
  messages: m,
}: {
  api: ApiClient;
  id: string;
  canWrite: boolean;
  messages: ArticleMessages;
}) {
  const view = readView(useSearch());
  const { state, reload, set } = useLoad(
    (signal) => getArticle(api, id, view, signal),
    `${id}:${view ?? ''}`,
  );
  const title = state.phase === 'loaded' ? state.value.title : undefined;
  useEffect(() => {
    if (title !== undefined) document.title = m.documentTitle(title);
  }, [title, m]);

  if (state.phase === 'loading') {
    return (
      <>
        <PageHeader title={m.kb.common.loading} />
        <Loading messages={m.kb.common} />
      </>
    );
  }
  if (state.phase === 'failed') {
    const missing = state.error.kind === 'http' && state.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? m.notFound : m.kb.common.loading} />
        <LoadFailed
          error={state.error}
          messages={m.kb.common}
          {...(missing ? {} : { retry: reload })}
        />
        <p>
          <Link href="/knowledge">{m.backToList}</Link>
        </p>
      </>
    );
  }
  const a = state.value;
  /** Reads the article again without the loading state, e.g. after approving it. */
  const refresh = async () => {
    const result = await getArticle(api, id, view);
    if (result.ok) set(result.value);
  };
  const roles = a.roles.map((r) => roleLabel(m.kb, r)).join(', ');
  const live = a.publishedRevision > 0 && a.revision === a.publishedRevision;
  return (
    <>
      <p class="breadcrumb">
        <Link href="/knowledge">{m.backToList}</Link>
      </p>
      <PageHeader title={a.title} {...(a.summary === '' ? {} : { lead: a.summary })} />
      <div class="kb-heading-meta">
        <ArticleBadges article={a} m={m.kb} />
        <ArticleMeta article={a} m={m.kb} />
        <p class="muted small">
          {m.kb.revision(a.revision)} ·{' '}
          {a.verifiedAt === null
            ? m.neverVerified
            : m.verifiedOn(m.kb.common.formatDateTime(a.verifiedAt))}
        </p>
      </div>
      <Banners article={a} canWrite={canWrite} m={m} />
      {a.visibility === 'restricted' && <p class="muted small">{m.restrictedNote(roles)}</p>}
      {a.visibility === 'public' && <p class="muted small">{m.publicNote}</p>}
      <ArticleActions
        api={api}
        article={a}
        canWrite={canWrite}
        reload={refresh}
        messages={m.actions}
      />
      <div class="kb-article">
        <ServerHtml class="prose kb-article__body" html={a.bodyHtml} />
        <Aside article={a} canWrite={canWrite} m={m} />
      </div>
      {live && <ArticleFeedback key={a.id} api={api} articleId={a.id} messages={m.feedback} />}
    </>
  );
}
