/**
 * A tiny client-side router on the History API: `usePath` reads the current
 * path, `navigate` changes it, `Link` is an <a> that navigates without a page
 * load (and still works as a plain link with modifier keys or without JS).
 */
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const kNavigateEvent = 'rapport:navigate';

/** "/knowledge/" and "/knowledge" are the same page. */
export function normalisePath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) {
    history.replaceState(null, '', to);
  } else {
    history.pushState(null, '', to);
  }
  window.dispatchEvent(new Event(kNavigateEvent));
}

export function usePath(): string {
  const [path, setPath] = useState(() => normalisePath(location.pathname));
  useEffect(() => {
    const update = () => {
      setPath(normalisePath(location.pathname));
    };
    window.addEventListener('popstate', update);
    window.addEventListener(kNavigateEvent, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(kNavigateEvent, update);
    };
  }, []);
  return path;
}

/** A click that should follow a link in this tab (no modifier keys, main button). */
export function isPlainLeftClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

type LinkProps = Omit<AnchorHTMLAttributes, 'href' | 'onClick'> & {
  href: string;
  children: ComponentChildren;
  /** Called after a client-side navigation, e.g. to close a menu. */
  onNavigate?: () => void;
};

export function Link({ href, onNavigate, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || !isPlainLeftClick(event)) return;
    event.preventDefault();
    // A link with a query (another view of this page) is compared with the query too.
    const here = href.includes('?') ? location.pathname + location.search : location.pathname;
    if (normalisePath(href) !== normalisePath(here)) navigate(href);
    onNavigate?.();
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

/** The current address inside the app (path and query), e.g. to come back to it after signing in. */
export function currentLocation(): string {
  return location.pathname + location.search;
}

/**
 * The query of the current address ("?view=head" or ""), kept up to date on
 * navigation: a page whose path stays the same re-renders when only its query
 * changes (e.g. a link to the same article in another view).
 */
export function useSearch(): string {
  const [search, setSearch] = useState(() => location.search);
  useEffect(() => {
    const update = () => {
      setSearch(location.search);
    };
    window.addEventListener('popstate', update);
    window.addEventListener(kNavigateEvent, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(kNavigateEvent, update);
    };
  }, []);
  return search;
}

/** One query parameter of the current address. */
export function queryParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** Rewrites the query of the current entry (no new history entry, no route change). */
export function replaceQuery(params: Readonly<Record<string, string | undefined>>): void {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, value);
  }
  const query = search.toString();
  history.replaceState(history.state, '', location.pathname + (query === '' ? '' : `?${query}`));
}
