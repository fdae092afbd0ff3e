import type { CommonMessages } from '../../components/common';
import type { AuditMessages } from '../../features/admin/AuditPage';
import type { UsersMessages } from '../../features/admin/UsersPage';
import type { SetPasswordMessages } from '../../features/auth/SetPasswordPage';
import type { SignInMessages } from '../../features/auth/SignInPage';
import type { ForbiddenMessages } from '../../features/forbidden/ForbiddenPage';
import type { HealthLineMessages } from '../../features/home/HealthLine';
import type { HomeMessages } from '../../features/home/HomePage';
import type { ArticleMessages } from '../../features/knowledge/ArticlePage';
import type { EditorMessages } from '../../features/knowledge/EditorPage';
import type { FeedbackListMessages } from '../../features/knowledge/FeedbackPage';
import type { HistoryMessages } from '../../features/knowledge/HistoryPage';
import type { KbImportMessages } from '../../features/knowledge/ImportPage';
import type { KbHomeMessages } from '../../features/knowledge/KnowledgeHomePage';
import type { ReviewMessages } from '../../features/knowledge/ReviewPage';
import type { StaleMessages } from '../../features/knowledge/StalePage';
import type { SearchBoxMessages } from '../../features/search/SearchCombobox';
import type { SearchInsightsMessages } from '../../features/search/SearchInsightsPage';
import type { SearchResultsMessages } from '../../features/search/SearchResultsPage';
import type { NotFoundMessages } from '../../features/not-found/NotFoundPage';
import type { OrgChartMessages } from '../../features/org-chart/OrgChartPage';
import type { DirectoryMessages } from '../../features/people/DirectoryPage';
import type { ImportMessages } from '../../features/people/ImportPage';
import type { PersonMessages } from '../../features/people/PersonPage';
import type { TokensMessages } from '../../features/tokens/TokensPage';
import type { UnavailableMessages } from '../../features/unavailable/UnavailablePage';
import type { AreaId, NavGroupId, NavId } from '../routes';

export interface ShellMessages {
  readonly productName: string;
  readonly skipLink: string;
  readonly primaryNav: string;
  readonly openMenu: string;
  readonly closeMenu: string;
  readonly signOut: string;
  readonly documentTitle: (page: string) => string;
  readonly footer: string;
  readonly unreachableTitle: string;
  readonly healthLine: HealthLineMessages;
}

/** The knowledge base's pages. */
export interface KnowledgeCatalogue {
  readonly home: KbHomeMessages;
  readonly article: ArticleMessages;
  readonly editor: EditorMessages;
  readonly history: HistoryMessages;
  readonly review: ReviewMessages;
  readonly stale: StaleMessages;
  readonly feedback: FeedbackListMessages;
  readonly import: KbImportMessages;
}

/** Knowledge-base search: the box with suggestions, the results page and the reports. */
export interface SearchCatalogue {
  readonly box: SearchBoxMessages;
  readonly results: SearchResultsMessages;
  readonly insights: SearchInsightsMessages;
}

/**
 * Every UI string, in one typed catalogue per language. Features declare the
 * strings they need; a missing or misspelt entry is a compile error.
 */
export interface Catalogue {
  readonly shell: ShellMessages;
  readonly common: CommonMessages;
  readonly nav: Readonly<Record<NavId, string>>;
  readonly navGroups: Readonly<Record<Exclude<NavGroupId, 'main'>, string>>;
  readonly areaDescriptions: Readonly<Record<AreaId, string>>;
  readonly home: HomeMessages;
  readonly unavailable: UnavailableMessages;
  readonly notFound: NotFoundMessages;
  readonly forbidden: ForbiddenMessages;
  readonly signIn: SignInMessages;
  readonly setPassword: SetPasswordMessages;
  readonly directory: DirectoryMessages;
  readonly person: PersonMessages;
  readonly orgChart: OrgChartMessages;
  readonly import: ImportMessages;
  readonly users: UsersMessages;
  readonly tokens: TokensMessages;
  readonly audit: AuditMessages;
  readonly knowledge: KnowledgeCatalogue;
  readonly search: SearchCatalogue;
}
