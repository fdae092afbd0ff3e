/**
 * Pieces every knowledge-base page shares: the strings for statuses, reasons
 * and roles, an article's badges and meta line, and server-rendered HTML.
 */
import type { CommonMessages } from '../../components/common';
import { isPlainLeftClick, navigate } from '../../components/router';
import type {
  ArticleStatus,
  ArticleSummary,
  FeedbackReason,
  Visibility,
} from '../../domain/knowledge';

export interface KbMessages {
  readonly statuses: Readonly<Record<ArticleStatus, string>>;
  readonly visibilities: Readonly<Record<Visibility, string>>;
  readonly reasons: Readonly<Record<FeedbackReason, string>>;
  readonly roles: Readonly<Record<string, string>>;
  readonly stale: string;
  readonly unpublishedChanges: string;
  readonly languageName: (code: string) => string;
  readonly ownedBy: (name: string) => string;
  readonly noOwner: string;
  readonly updated: string;
  readonly revision: (n: number) => string;
  readonly shown: (count: number, more: boolean) => string;
  readonly common: CommonMessages;
}

export const articleHref = (id: string, view?: 'head' | 'live') =>
  `/knowledge/articles/${encodeURIComponent(id)}${view === undefined ? '' : `?view=${view}`}`;

export const roleLabel = (m: KbMessages, role: string) => m.roles[role] ?? role;

/** Status, staleness, unpublished changes and visibility as tags. */
export function ArticleBadges({ article, m }: { article: ArticleSummary; m: KbMessages }) {
  return (
    <span class="kb-badges">
      <span class={`tag kb-status kb-status--${article.status}`}>{m.statuses[article.status]}</span>
      {article.stale && <span class="tag tag--warning">{m.stale}</span>}
      {article.hasUnpublishedChanges && (
        <span class="tag tag--pending">{m.unpublishedChanges}</span>
      )}
      {article.visibility !== 'internal' && (
        <span class="tag tag--muted">{m.visibilities[article.visibility]}</span>
      )}
    </span>
  );
}

/** Language, owner and last change, on one line. */
export function ArticleMeta({ article, m }: { article: ArticleSummary; m: KbMessages }) {
  return (
    <p class="kb-meta muted small">
      <span lang={article.language}>{m.languageName(article.language)}</span>
      <span>{article.owner === null ? m.noOwner : m.ownedBy(article.owner.name)}</span>
      <span>
        {m.updated}{' '}
        <time dateTime={article.updatedAt}>{m.common.formatDateTime(article.updatedAt)}</time>
      </span>
    </p>
  );
}

/**
 * HTML rendered by the Rapport server from Markdown: an article's body_html or
 * the editor's preview. This is the only place the UI inserts HTML, and it is
 * safe because the HTML never comes from the browser: the server's renderer
 * escapes raw HTML in the Markdown and drops `javascript:` and similar link
 * schemes (docs/api.md, "Markdown bodies"), and the page's Content Security
 * Policy (no inline script or style) stands behind it. Never pass other HTML.
 *
 * Links to other articles follow in the app instead of loading the page again.
 */
export function ServerHtml({ html, class: className }: { html: string; class: string }) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || !isPlainLeftClick(event)) return;
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (target?.target !== '') return;
    const url = new URL(target.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/knowledge/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  return (
    // eslint-disable-next-line no-restricted-syntax -- server-rendered, see above
    <div class={className} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
