/**
 * The application shell: skip link, header, primary navigation, the routed
 * page inside <main>, and the footer. Owns document title and focus moves on
 * client-side navigation.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { Icon } from '../components/Icon';
import { Link, usePath } from '../components/router';
import { HomePage } from '../features/home/HomePage';
import { NotFoundPage } from '../features/not-found/NotFoundPage';
import { UnavailablePage } from '../features/unavailable/UnavailablePage';
import type { Catalogue } from './messages/catalogue';
import { activeNavId, kAreas, kNavItems, resolveRoute, type Route } from './routes';

function pageTitle(route: Route, m: Catalogue): string {
  switch (route.kind) {
    case 'home':
      return m.shell.productName;
    case 'area':
      return m.shell.documentTitle(m.nav[route.area.id]);
    case 'not-found':
      return m.shell.documentTitle(m.notFound.title);
  }
}

function Page({ route, api, m }: { route: Route; api: ApiClient; m: Catalogue }) {
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

export function App({ api, messages: m }: { api: ApiClient; messages: Catalogue }) {
  const path = usePath();
  const route = resolveRoute(path);
  const active = activeNavId(path);
  const [menuOpen, setMenuOpen] = useState(false);
  const closeMenu = () => {
    setMenuOpen(false);
  };

  useEffect(() => {
    document.title = pageTitle(route, m);
  }, [route, m]);
  useFocusOnNavigate(path);
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
      </header>
      <div class="layout">
        <nav
          id="primary-nav"
          class="sidebar"
          data-open={menuOpen ? 'true' : 'false'}
          aria-label={m.shell.primaryNav}
        >
          <ul class="nav-list">
            {kNavItems.map((item) => (
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
        </nav>
        <div class="column">
          <main id="main" class="content" tabIndex={-1}>
            <Page route={route} api={api} m={m} />
          </main>
          <footer class="footer">
            <p>{m.shell.footer}</p>
          </footer>
        </div>
      </div>
    </div>
  );
}
