/** The people directory: people, teams, the reporting tree and CSV imports. */

export type PersonStatus = 'active' | 'inactive';

export interface Person {
  readonly id: string;
  readonly employeeId: string;
  readonly name: string;
  readonly email: string;
  readonly jobTitle: string;
  readonly teamId: string | null;
  readonly teamName: string;
  readonly managerId: string | null;
  readonly managerName: string;
  readonly location: string;
  readonly status: PersonStatus;
  /** Present only to hr, admins, owners and the person's managers. */
  readonly sensitive?: SensitiveFields;
}

export interface SensitiveFields {
  readonly hireDate: string;
  readonly employmentType: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** One stretch of a person's placement; `validTo` is "" while it lasts. */
export interface Membership {
  readonly teamId: string | null;
  readonly managerId: string | null;
  readonly validFrom: string;
  readonly validTo: string;
}

export interface PersonDetail {
  readonly person: Person;
  /** Present when the sensitive fields are visible. */
  readonly history?: readonly Membership[];
}

export interface PeoplePage {
  readonly people: readonly Person[];
  readonly nextCursor?: string;
}

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly kind: 'department' | 'team';
  readonly parentId: string | null;
  readonly headCount: number;
}

/** A department with the teams below it, for a grouped team filter. */
export interface TeamGroup {
  readonly department: Team | undefined;
  readonly teams: readonly Team[];
}

const byName = (a: Team, b: Team) => a.name.localeCompare(b.name);

/**
 * Teams grouped under their departments, both sorted by name. Teams whose
 * parent is not a known department come last in a group without a department.
 */
export function groupTeams(teams: readonly Team[]): TeamGroup[] {
  const departments = teams.filter((t) => t.kind === 'department').sort(byName);
  const known = new Set(departments.map((d) => d.id));
  const groups: TeamGroup[] = departments.map((department) => ({
    department,
    teams: teams.filter((t) => t.kind === 'team' && t.parentId === department.id).sort(byName),
  }));
  const loose = teams
    .filter((t) => t.kind === 'team' && (t.parentId === null || !known.has(t.parentId)))
    .sort(byName);
  if (loose.length > 0) groups.push({ department: undefined, teams: loose });
  return groups;
}

/** A person in the reporting tree. */
export interface OrgNode {
  readonly id: string;
  readonly name: string;
  readonly jobTitle: string;
  readonly teamName: string;
  /** Direct reports. */
  readonly reportCount: number;
  /** Everyone in the branch below this person. */
  readonly subtreeCount: number;
}

/** GET /org-chart: the top of the tree. */
export interface OrgTop {
  readonly roots: readonly OrgNode[];
  readonly total: number;
}

/** GET /org-chart?root=: one person, their managers (top first) and direct reports. */
export interface OrgBranch {
  readonly person: OrgNode;
  readonly chain: readonly OrgNode[];
  readonly reports: readonly OrgNode[];
}

export type ImportAction = 'create' | 'update' | 'deactivate' | 'reactivate';

export interface ImportChange {
  readonly line: number;
  readonly employeeId: string;
  readonly action: ImportAction;
  readonly fields: readonly string[];
}

export interface ImportRowError {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** The answer to POST /people/import, for dry runs and real runs alike. */
export interface ImportReport {
  readonly dryRun: boolean;
  readonly applied: boolean;
  readonly rows: number;
  readonly creates: number;
  readonly updates: number;
  readonly unchanged: number;
  readonly deactivations: number;
  readonly reactivations: number;
  readonly changes: readonly ImportChange[];
  readonly errors: readonly ImportRowError[];
  /** The run would deactivate more than 40% of the active people. */
  readonly safetyStop: boolean;
}

/** Whether a checked file may be applied, and if not, why. */
export type ImportReadiness = 'ready' | 'has_errors' | 'needs_force' | 'nothing_to_do';

export function importReadiness(report: ImportReport, force: boolean): ImportReadiness {
  if (report.errors.length > 0) return 'has_errors';
  if (report.safetyStop && !force) return 'needs_force';
  const changes = report.creates + report.updates + report.deactivations + report.reactivations;
  return changes === 0 ? 'nothing_to_do' : 'ready';
}
