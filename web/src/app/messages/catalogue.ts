import type { HomeMessages } from '../../features/home/HomePage';
import type { NotFoundMessages } from '../../features/not-found/NotFoundPage';
import type { UnavailableMessages } from '../../features/unavailable/UnavailablePage';
import type { AreaId, NavId } from '../routes';

export interface ShellMessages {
  readonly productName: string;
  readonly skipLink: string;
  readonly primaryNav: string;
  readonly openMenu: string;
  readonly closeMenu: string;
  readonly documentTitle: (page: string) => string;
  readonly footer: string;
}

/**
 * Every UI string, in one typed catalogue per language. Features declare the
 * strings they need; a missing or misspelt entry is a compile error.
 */
export interface Catalogue {
  readonly shell: ShellMessages;
  readonly nav: Readonly<Record<NavId, string>>;
  readonly areaDescriptions: Readonly<Record<AreaId, string>>;
  readonly home: HomeMessages;
  readonly unavailable: UnavailableMessages;
  readonly notFound: NotFoundMessages;
}
