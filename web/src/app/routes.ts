import type { IconName } from '../components/Icon';

/** The product areas that have a place in the primary navigation. */
export type AreaId =
  'knowledge' | 'surveys' | 'customers' | 'recognition' | 'analytics' | 'settings';
export type NavId = 'home' | AreaId;

export interface NavItem {
  readonly id: NavId;
  readonly path: string;
  readonly icon: IconName;
}

export const kHome: NavItem = { id: 'home', path: '/', icon: 'home' };

export const kAreas: readonly (NavItem & { readonly id: AreaId })[] = [
  { id: 'knowledge', path: '/knowledge', icon: 'knowledge' },
  { id: 'surveys', path: '/surveys', icon: 'surveys' },
  { id: 'customers', path: '/customers', icon: 'customers' },
  { id: 'recognition', path: '/recognition', icon: 'recognition' },
  { id: 'analytics', path: '/analytics', icon: 'analytics' },
  { id: 'settings', path: '/settings', icon: 'settings' },
];

export const kNavItems: readonly NavItem[] = [kHome, ...kAreas];

export type Route =
  | { readonly kind: 'home' }
  | { readonly kind: 'area'; readonly area: NavItem & { readonly id: AreaId } }
  | { readonly kind: 'not-found'; readonly path: string };

/** REQUIRES: `path` is normalised (no trailing slash except for "/"). */
export function resolveRoute(path: string): Route {
  if (path === kHome.path) return { kind: 'home' };
  const area = kAreas.find((a) => a.path === path);
  return area === undefined ? { kind: 'not-found', path } : { kind: 'area', area };
}

/** The nav entry to highlight for a path: its own, or its area's for nested pages. */
export function activeNavId(path: string): NavId | undefined {
  if (path === kHome.path) return 'home';
  return kAreas.find((a) => path === a.path || path.startsWith(`${a.path}/`))?.id;
}
