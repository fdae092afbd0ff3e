/** Accounts, roles, API tokens and the audit log. */

/** The roles an account can have, most powerful first. */
export const kRoles = ['owner', 'admin', 'hr', 'cx_lead', 'knowledge_editor', 'employee'] as const;
export type Role = (typeof kRoles)[number];

export function isKnownRole(role: string): role is Role {
  return (kRoles as readonly string[]).includes(role);
}

/**
 * The roles `actor` may give: only an owner grants the owner role. (The server
 * decides; this only keeps impossible choices out of the menu.)
 */
export function assignableRoles(actorRole: string): readonly Role[] {
  return actorRole === 'owner' ? kRoles : kRoles.filter((r) => r !== 'owner');
}

/** The scopes an API token can be narrowed to. */
export const kTokenScopes = [
  'directory:read',
  'directory:write',
  'users:admin',
  'audit:read',
  'kb:read',
  'kb:write',
  'kb:admin',
] as const;

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly userId: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export type TokenState = 'active' | 'revoked' | 'expired';

export function tokenState(token: ApiToken, now: number): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

export interface NewToken {
  readonly token: ApiToken;
  /** "rpt_…": shown once, never again. */
  readonly secret: string;
}

/** An invitation or password-reset link: single use, shown once. */
export interface OneTimeLink {
  readonly url: string;
  readonly expiresAt: string;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  /** "" for the system or an unknown caller. */
  readonly actorId: string;
  readonly actorLabel: string;
  readonly action: string;
  readonly target: string;
  readonly detail: Readonly<Record<string, string>>;
  readonly remoteAddress: string;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor?: string;
}
