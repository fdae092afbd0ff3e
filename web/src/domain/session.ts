/** Who is signed in and what they may do (GET /api/v1/me). */

/** A sign-in account. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  /** "owner", "admin", "hr", "cx_lead", "knowledge_editor", "employee", or a newer role. */
  readonly role: string;
  /** The person in the directory this account belongs to, if linked. */
  readonly personId: string | null;
  readonly disabled: boolean;
  readonly createdAt: string;
  /** False until an invitation has been accepted. */
  readonly hasPassword: boolean;
}

/**
 * The action names the UI shows or hides things for. The server sends every
 * action the role allows; the UI never decides access itself, it only hides
 * what would be refused.
 */
export type Action =
  | 'directory.read'
  | 'people.import'
  | 'people.export'
  | 'users.read'
  | 'users.manage'
  | 'tokens.own'
  | 'audit.read'
  | 'kb.read'
  | 'kb.write'
  | 'kb.publish'
  | 'kb.manage';

export interface Session {
  readonly user: User;
  readonly csrfToken: string;
  readonly permissions: readonly string[];
}

export function can(session: Session, action: Action): boolean {
  return session.permissions.includes(action);
}

/** Passwords set through an invitation or reset link must be at least this long. */
export const kMinPasswordLength = 12;

export type PasswordProblem = 'too_short' | 'mismatch';

/** Why a new password (typed twice) cannot be used yet, or undefined when it can. */
export function checkNewPassword(password: string, repeated: string): PasswordProblem | undefined {
  // Counted in characters (code points), not UTF-16 units.
  if (Array.from(password).length < kMinPasswordLength) return 'too_short';
  if (password !== repeated) return 'mismatch';
  return undefined;
}

/**
 * Where to go after signing in: the remembered path when it is a page of this
 * app, else home. Rejects other origins ("//evil.example", "https://…") and
 * the sign-in page itself.
 */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return '/';
  }
  if (next === '/sign-in' || next.startsWith('/sign-in?')) return '/';
  return next;
}
