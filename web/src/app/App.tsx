/**
 * The application shell: skip link, header, primary navigation, the routed
 * page inside <main>, and the footer. Owns the session (sign-in redirects),
 * the document title and focus moves on client-side navigation.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { AlertRegion } from '../components/Alert';
import { Icon } from '../components/Icon';
import { LoadFailed, Loading } from '../components/LoadState';
import { PageHeader } from '../components/PageHeader';
import { Link, currentLocation, navigate, queryParam, usePath } from '../components/router';
import { can, safeNextPath, type Session } from '../domain/session';
import { AuditPage } from '../features/admin/AuditPage';
import { UsersPage } from '../features/admin/UsersPage';
import { SetPasswordPage } from '../features/auth/SetPasswordPage';
import { SignInPage } from '../features/auth/SignInPage';
import { useSession, type SessionState } from '../features/auth/useSession';
import { ForbiddenPage } from '../features/forbidden/ForbiddenPage';
import { HealthLine } from '../features/home/HealthLine';
import { HomePage } from '../features/home/HomePage';
import { ArticlePage } from '../features/knowledge/ArticlePage';
import { EditorPage } from '../features/knowledge/EditorPage';
import { FeedbackPage } from '../features/knowledge/FeedbackPage';
import { HistoryPage } from '../features/knowledge/HistoryPage';
import { KnowledgeImportPage } from '../features/knowledge/ImportPage';
import { KnowledgeHomePage } from '../features/knowledge/KnowledgeHomePage';
import { ReviewPage } from '../features/knowledge/ReviewPage';
import { StalePage } from '../features/knowledge/StalePage';
import { SearchInsightsPage } from '../features/search/SearchInsightsPage';
import { SearchResultsPage } from '../features/search/SearchResultsPage';
import { NotFoundPage } from '../features/not-found/NotFoundPage';
import { OrgChartPage } from '../features/org-chart/OrgChartPage';
import { DirectoryPage } from '../features/people/DirectoryPage';
import { ImportPage } from '../features/people/ImportPage';
import { PersonPage } from '../features/people/PersonPage';
import { TokensPage } from '../features/tokens/TokensPage';
import { UnavailablePage } from '../features/unavailable/UnavailablePage';
import type { Catalogue } from './messages/catalogue';
import {
  activeNavId,
  isPublic,
  kAreas,
  requiredAction,
  resolveRoute,
  visibleNav,
  type Route,
} from './routes';

function pageTitle(route: Route, m: Catalogue): string {
  const t = m.shell.documentTitle;
  switch (route.kind) {
    case 'home':
      return m.shell.productName;
    case 'area':
      return t(m.nav[route.area.id]);
    case 'sign-in':
      return t(m.signIn.title);
    case 'set-password':
      return t(route.purpose === 'invite' ? m.setPassword.inviteTitle : m.setPassword.resetTitle);
    case 'people':
      return t(m.directory.title);
    case 'person':
      return t(m.person.details);
    case 'org-chart':
      return t(m.orgChart.title);
    case 'import':
      return t(m.import.title);
    case 'users':
      return t(m.users.title);
    case 'audit':
      return t(m.audit.title);
    case 'tokens':
      return t(m.tokens.title);
    case 'kb-home':
      return t(m.knowledge.home.title);
    case 'kb-new':
      return t(m.knowledge.editor.newTitle);
    case 'kb-article':
      return t(m.nav.knowledge);
    case 'kb-edit':
      return t(m.knowledge.editor.editing);
    case 'kb-history':
      return t(m.knowledge.history.fallbackTitle);
    case 'kb-review':
      return t(m.knowledge.review.title);
    case 'kb-stale':
      return t(m.knowledge.stale.title);
    case 'kb-feedback':
      return t(m.knowledge.feedback.title);
    case 'kb-import':
      return t(m.knowledge.import.title);
    case 'kb-search':
      return t(m.search.results.title);
    case 'kb-search-insights':
      return t(m.search.insights.title);
    case 'not-found':
      return t(m.notFound.title);
  }
}

/** The page for a signed-in user. */
function Page({
  route,
  api,
  session,
  m,
}: {
  route: Route;
  api: ApiClient;
  session: Session;
  m: Catalogue;
}) {
  const needed = requiredAction(route);
  if (needed !== undefined && !can(session, needed)) {
    return <ForbiddenPage action={needed} messages={m.forbidden} />;
  }
  switch (route.kind) {
    case 'home':
      return (
        <HomePage
          api={api}
          messages={m.home}
          areas={kAreas.map((a) => ({
            path: a.path,
            icon: a.icon,
            title: m.nav[a.id],
            description: m.areaDescriptions[a.id],
          }))}
        />
      );
    case 'area':
      return (
        <UnavailablePage
          key={route.area.id}
          title={m.nav[route.area.id]}
          description={m.areaDescriptions[route.area.id]}
          icon={route.area.icon}
          messages={m.unavailable}
        />
      );
    case 'people':
      return (
        <DirectoryPage
          api={api}
          canImport={can(session, 'people.import')}
          canExport={can(session, 'people.export')}
          messages={m.directory}
        />
      );
    case 'person':
      return <PersonPage key={route.id} api={api} id={route.id} messages={m.person} />;
    case 'org-chart':
      return <OrgChartPage api={api} messages={m.orgChart} />;
    case 'import':
      return <ImportPage api={api} canExport={can(session, 'people.export')} messages={m.import} />;
    case 'users':
      return (
        <UsersPage
          api={api}
          me={session.user}
          canManage={can(session, 'users.manage')}
          messages={m.users}
        />
      );
    case 'audit':
      return <AuditPage api={api} canListUsers={can(session, 'users.read')} messages={m.audit} />;
    case 'tokens':
      return <TokensPage api={api} messages={m.tokens} />;
    case 'kb-home':
      return (
        <KnowledgeHomePage
          api={api}
          canWrite={can(session, 'kb.write')}
          canManage={can(session, 'kb.manage')}
          canSeeInsights={can(session, 'kb.publish')}
          messages={m.knowledge.home}
          searchMessages={m.search.box}
        />
      );
    case 'kb-article':
      return (
        <ArticlePage
          key={route.id}
          api={api}
          id={route.id}
          canWrite={can(session, 'kb.write')}
          messages={m.knowledge.article}
        />
      );
    case 'kb-new':
    case 'kb-edit': {
      const id = route.kind === 'kb-edit' ? route.id : undefined;
      return (
        <EditorPage
          key={id ?? 'new'}
          api={api}
          id={id}
          me={session.user}
          messages={m.knowledge.editor}
        />
      );
    }
    case 'kb-history':
      return <HistoryPage key={route.id} api={api} id={route.id} messages={m.knowledge.history} />;
    case 'kb-review':
      return <ReviewPage api={api} messages={m.knowledge.review} />;
    case 'kb-stale':
      return <StalePage api={api} messages={m.knowledge.stale} />;
    case 'kb-feedback':
      return (
        <FeedbackPage
          api={api}
          canSeeAll={can(session, 'kb.publish')}
          messages={m.knowledge.feedback}
        />
      );
    case 'kb-import':
      return <KnowledgeImportPage api={api} messages={m.knowledge.import} />;
    case 'kb-search':
      return <SearchResultsPage api={api} messages={m.search.results} />;
    case 'kb-search-insights':
      return (
        <SearchInsightsPage
          api={api}
          canManage={can(session, 'kb.manage')}
          messages={m.search.insights}
        />
      );
    case 'sign-in':
    case 'set-password':
      // Public pages are rendered by the public layout; a signed-in user is sent on.
      return <Loading messages={m.common} />;
    case 'not-found':
      return <NotFoundPage path={route.path} messages={m.notFound} />;
  }
}

/** After a client-side navigation, move focus to the new page's heading, as a page load would. */
function useFocusOnNavigate(path: string): void {
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [path]);
}

/** Sends signed-out visitors to the sign-in page (remembering where they were) and back. */
function useSignInRedirects(session: SessionState, route: Route): void {
  const phase = session.phase;
  const reason = session.phase === 'signed-out' ? session.reason : undefined;
  const publicPage = isPublic(route);
  const signInPage = route.kind === 'sign-in';
  useEffect(() => {
    if (phase === 'signed-out' && !publicPage) {
      const here = currentLocation();
      const next =
        reason === 'signed-out' || here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
      navigate(`/sign-in${next}`, { replace: true });
    } else if (phase === 'signed-in' && signInPage) {
      navigate(safeNextPath(queryParam('next')), { replace: true });
    }
  }, [phase, reason, publicPage, signInPage]);
}

/** The frame of pages shown without a session: brand, the page, the server's status. */
function PublicLayout({
  api,
  m,
  children,
}: {
  api: ApiClient;
  m: Catalogue;
  children: ComponentChildren;
}) {
  return (
    <div class="shell shell--public">
      <a class="skip-link" href="#main">
        {m.shell.skipLink}
      </a>
      <header class="topbar">
        <span class="brand">
          <img class="brand__mark" src="/favicon.svg" alt="" width={28} height={28} />
          <span class="brand__name">{m.shell.productName}</span>
        </span>
      </header>
      <main id="main" class="content content--narrow" tabIndex={-1}>
        {children}
      </main>
      <footer class="footer footer--public">
        <HealthLine api={api} messages={m.shell.healthLine} />
        <p>{m.shell.footer}</p>
      </footer>
    </div>
  );
}

function SignedInLayout({
  api,
  session,
  path,
  route,
  onSignOut,
  m,
}: {
  api: ApiClient;
  session: Session;
  path: string;
  route: Route;
  onSignOut: () => Promise<string | undefined>;
  m: Catalogue;
}) {
  const active = activeNavId(path);
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | undefined>(undefined);
  const closeMenu = () => {
    setMenuOpen(false);
  };
  const groups = visibleNav((action) => can(session, action));

  useEffect(() => {
    if (!menuOpen) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [menuOpen]);

  const signOut = async () => {
    setSigningOut(true);
    setSignOutError(undefined);
    const problem = await onSignOut();
    setSigningOut(false);
    setSignOutError(problem);
  };

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {m.shell.skipLink}
      </a>
      <header class="topbar">
        <Link class="brand" href="/" onNavigate={closeMenu}>
          <img class="brand__mark" src="/favicon.svg" alt="" width={28} height={28} />
          <span class="brand__name">{m.shell.productName}</span>
        </Link>
        <div class="topbar__end">
          <p class="account">
            <span class="account__name">{session.user.name || session.user.email}</span>
          </p>
          <button
            type="button"
            class="button button--secondary button--small"
            disabled={signingOut}
            onClick={() => {
              void signOut();
            }}
          >
            <Icon name="signOut" />
            {m.shell.signOut}
          </button>
          <button
            type="button"
            class="menu-button"
            aria-expanded={menuOpen}
            aria-controls="primary-nav"
            onClick={() => {
              setMenuOpen(!menuOpen);
            }}
          >
            <Icon name={menuOpen ? 'close' : 'menu'} />
            <span class="visually-hidden">{menuOpen ? m.shell.closeMenu : m.shell.openMenu}</span>
          </button>
        </div>
      </header>
      <div class="layout">
        <nav
          id="primary-nav"
          class="sidebar"
          data-open={menuOpen ? 'true' : 'false'}
          aria-label={m.shell.primaryNav}
        >
          <div class="nav-groups">
            {groups.map((group) => (
              <div key={group.id} class="nav-group">
                {group.id !== 'main' && (
                  <p id={`nav-group-${group.id}`} class="nav-group__title">
                    {m.navGroups[group.id]}
                  </p>
                )}
                <ul
                  class="nav-list"
                  aria-labelledby={group.id === 'main' ? undefined : `nav-group-${group.id}`}
                >
                  {group.items.map((item) => (
                    <li key={item.id}>
                      <Link
                        class="nav-link"
                        href={item.path}
                        aria-current={item.id === active ? 'page' : undefined}
                        onNavigate={closeMenu}
                      >
                        <Icon name={item.icon} />
                        {m.nav[item.id]}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </nav>
        <div class="column">
          <main id="main" class="content" tabIndex={-1}>
            <AlertRegion>{signOutError}</AlertRegion>
            <Page route={route} api={api} session={session} m={m} />
          </main>
          <footer class="footer">
            <p>{m.shell.footer}</p>
          </footer>
        </div>
      </div>
    </div>
  );
}

export function App({ api, messages: m }: { api: ApiClient; messages: Catalogue }) {
  const path = usePath();
  const route = resolveRoute(path);
  const { state: session, refresh, signOut } = useSession(api);
  const title = pageTitle(route, m);

  useEffect(() => {
    document.title = title;
  }, [title]);
  useFocusOnNavigate(path);
  useSignInRedirects(session, route);

  /** After sign-in or a redeemed link: load the session, then leave the public page. */
  const onSignedIn = async (): Promise<string | undefined> => {
    const result = await refresh();
    if (!result.ok) return m.common.describeError(result.error);
    if (route.kind === 'set-password') navigate('/', { replace: true });
    return undefined;
  };
  const onSignOut = async (): Promise<string | undefined> => {
    const result = await signOut();
    return result.ok ? undefined : m.common.describeError(result.error);
  };

  if (session.phase === 'signed-in' && !isPublic(route)) {
    return (
      <SignedInLayout
        api={api}
        session={session.session}
        path={path}
        route={route}
        onSignOut={onSignOut}
        m={m}
      />
    );
  }

  let content: ComponentChildren;
  if (session.phase === 'failed') {
    content = (
      <>
        <PageHeader title={m.shell.unreachableTitle} />
        <LoadFailed
          error={session.error}
          messages={m.common}
          retry={() => {
            void refresh();
          }}
        />
      </>
    );
  } else if (route.kind === 'set-password') {
    content = (
      <SetPasswordPage
        key={route.secret}
        api={api}
        purpose={route.purpose}
        secret={route.secret}
        onSignedIn={onSignedIn}
        messages={m.setPassword}
      />
    );
  } else if (route.kind === 'sign-in' && session.phase === 'signed-out') {
    content = (
      <SignInPage api={api} reason={session.reason} onSignedIn={onSignedIn} messages={m.signIn} />
    );
  } else {
    // Finding out whether there is a session, or on the way to or from the sign-in page.
    content = <Loading messages={m.common} />;
  }
  return (
    <PublicLayout api={api} m={m}>
      {content}
    </PublicLayout>
  );
}
