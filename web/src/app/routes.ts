import type { IconName } from '../components/Icon';
import type { Action } from '../domain/session';

/** The product areas that are planned but not built yet. */
export type AreaId = 'surveys' | 'customers' | 'recognition' | 'analytics' | 'settings';
export type NavId =
  | 'home'
  | 'people'
  | 'orgChart'
  | 'import'
  | 'knowledge'
  | 'kbReview'
  | 'kbStale'
  | 'kbFeedback'
  | 'kbSearchInsights'
  | 'users'
  | 'audit'
  | 'tokens'
  | AreaId;

export interface NavItem {
  readonly id: NavId;
  readonly path: string;
  readonly icon: IconName;
  /** Shown only when the session's permissions include this action. */
  readonly requires?: Action;
}

export type NavGroupId = 'main' | 'directory' | 'knowledge' | 'admin' | 'account' | 'soon';

export interface NavGroup {
  readonly id: NavGroupId;
  readonly items: readonly NavItem[];
}

export const kHome: NavItem = { id: 'home', path: '/', icon: 'home' };

export const kAreas: readonly (NavItem & { readonly id: AreaId })[] = [
  { id: 'surveys', path: '/surveys', icon: 'surveys' },
  { id: 'customers', path: '/customers', icon: 'customers' },
  { id: 'recognition', path: '/recognition', icon: 'recognition' },
  { id: 'analytics', path: '/analytics', icon: 'analytics' },
  { id: 'settings', path: '/settings', icon: 'settings' },
];

export const kNavGroups: readonly NavGroup[] = [
  { id: 'main', items: [kHome] },
  {
    id: 'directory',
    items: [
      { id: 'people', path: '/people', icon: 'people', requires: 'directory.read' },
      { id: 'orgChart', path: '/org-chart', icon: 'orgChart', requires: 'directory.read' },
      { id: 'import', path: '/people/import', icon: 'upload', requires: 'people.import' },
    ],
  },
  {
    id: 'knowledge',
    items: [
      { id: 'knowledge', path: '/knowledge', icon: 'knowledge', requires: 'kb.read' },
      { id: 'kbReview', path: '/knowledge/review', icon: 'review', requires: 'kb.publish' },
      { id: 'kbStale', path: '/knowledge/stale', icon: 'clock', requires: 'kb.write' },
      { id: 'kbFeedback', path: '/knowledge/feedback', icon: 'message', requires: 'kb.write' },
      {
        id: 'kbSearchInsights',
        path: '/knowledge/search-insights',
        icon: 'analytics',
        requires: 'kb.publish',
      },
    ],
  },
  {
    id: 'admin',
    items: [
      { id: 'users', path: '/admin/users', icon: 'users', requires: 'users.read' },
      { id: 'audit', path: '/admin/audit', icon: 'audit', requires: 'audit.read' },
    ],
  },
  {
    id: 'account',
    items: [{ id: 'tokens', path: '/settings/tokens', icon: 'key', requires: 'tokens.own' }],
  },
  { id: 'soon', items: kAreas },
];

const kAllNavItems = kNavGroups.flatMap((g) => g.items);

/** The navigation as `allowed` lets this user see it; empty groups are left out. */
export function visibleNav(allowed: (action: Action) => boolean): NavGroup[] {
  return kNavGroups
    .map((g) => ({
      id: g.id,
      items: g.items.filter((i) => i.requires === undefined || allowed(i.requires)),
    }))
    .filter((g) => g.items.length > 0);
}

export type Route =
  | { readonly kind: 'home' }
  | { readonly kind: 'area'; readonly area: NavItem & { readonly id: AreaId } }
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'set-password'; readonly purpose: 'invite' | 'reset'; readonly secret: string }
  | { readonly kind: 'people' }
  | { readonly kind: 'person'; readonly id: string }
  | { readonly kind: 'org-chart' }
  | { readonly kind: 'import' }
  | { readonly kind: 'users' }
  | { readonly kind: 'audit' }
  | { readonly kind: 'tokens' }
  | { readonly kind: 'kb-home' }
  | { readonly kind: 'kb-new' }
  | { readonly kind: 'kb-review' }
  | { readonly kind: 'kb-stale' }
  | { readonly kind: 'kb-feedback' }
  | { readonly kind: 'kb-import' }
  | { readonly kind: 'kb-search' }
  | { readonly kind: 'kb-search-insights' }
  | { readonly kind: 'kb-article'; readonly id: string }
  | { readonly kind: 'kb-edit'; readonly id: string }
  | { readonly kind: 'kb-history'; readonly id: string }
  | { readonly kind: 'not-found'; readonly path: string };

function segment(raw: string): string | undefined {
  try {
    const value = decodeURIComponent(raw);
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

const kFixed: Readonly<Record<string, Route>> = {
  '/': { kind: 'home' },
  '/sign-in': { kind: 'sign-in' },
  '/people': { kind: 'people' },
  '/people/import': { kind: 'import' },
  '/org-chart': { kind: 'org-chart' },
  '/admin/users': { kind: 'users' },
  '/admin/audit': { kind: 'audit' },
  '/settings/tokens': { kind: 'tokens' },
  '/knowledge': { kind: 'kb-home' },
  '/knowledge/new': { kind: 'kb-new' },
  '/knowledge/review': { kind: 'kb-review' },
  '/knowledge/stale': { kind: 'kb-stale' },
  '/knowledge/feedback': { kind: 'kb-feedback' },
  '/knowledge/import': { kind: 'kb-import' },
  '/knowledge/search': { kind: 'kb-search' },
  '/knowledge/search-insights': { kind: 'kb-search-insights' },
};

/** /knowledge/articles/<id>, …/edit and …/history. */
function articleRoute(path: string): Route | undefined {
  const match = /^\/knowledge\/articles\/([^/]+)(?:\/(edit|history))?$/.exec(path);
  const id = match?.[1] === undefined ? undefined : segment(match[1]);
  if (match === null || id === undefined) return undefined;
  if (match[2] === 'edit') return { kind: 'kb-edit', id };
  if (match[2] === 'history') return { kind: 'kb-history', id };
  return { kind: 'kb-article', id };
}

/** REQUIRES: `path` is normalised (no trailing slash except for "/"). */
export function resolveRoute(path: string): Route {
  const fixed = kFixed[path];
  if (fixed !== undefined) return fixed;
  const area = kAreas.find((a) => a.path === path);
  if (area !== undefined) return { kind: 'area', area };
  const article = articleRoute(path);
  if (article !== undefined) return article;
  const match = /^\/(people|invite|reset)\/([^/]+)$/.exec(path);
  const value = match?.[2] === undefined ? undefined : segment(match[2]);
  if (match !== null && value !== undefined) {
    if (match[1] === 'people') return { kind: 'person', id: value };
    return {
      kind: 'set-password',
      purpose: match[1] === 'invite' ? 'invite' : 'reset',
      secret: value,
    };
  }
  return { kind: 'not-found', path };
}

/** Pages anyone may see without signing in. */
export function isPublic(route: Route): boolean {
  return route.kind === 'sign-in' || route.kind === 'set-password';
}

/** The action a page needs; the server would refuse its data without it. */
export function requiredAction(route: Route): Action | undefined {
  switch (route.kind) {
    case 'people':
    case 'person':
    case 'org-chart':
      return 'directory.read';
    case 'import':
      return 'people.import';
    case 'users':
      return 'users.read';
    case 'audit':
      return 'audit.read';
    case 'tokens':
      return 'tokens.own';
    case 'kb-home':
    case 'kb-article':
    case 'kb-search':
      return 'kb.read';
    case 'kb-new':
    case 'kb-edit':
    case 'kb-history':
    case 'kb-stale':
    case 'kb-feedback':
      return 'kb.write';
    case 'kb-review':
    case 'kb-search-insights':
      return 'kb.publish';
    case 'kb-import':
      return 'kb.manage';
    default:
      return undefined;
  }
}

/** The nav entry to highlight for a path: the one with the longest matching path. */
export function activeNavId(path: string): NavId | undefined {
  let best: NavItem | undefined;
  for (const item of kAllNavItems) {
    const matches = path === item.path || (item.path !== '/' && path.startsWith(`${item.path}/`));
    if (matches && (best === undefined || item.path.length > best.path.length)) best = item;
  }
  return best?.id;
}
