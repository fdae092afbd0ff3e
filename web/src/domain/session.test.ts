import { describe, expect, it } from 'vitest';
import { can, checkNewPassword, kMinPasswordLength, safeNextPath, type Session } from './session';

describe('can', () => {
  const session: Session = {
    user: {
      id: 'u',
      email: 'e@x',
      name: 'E',
      role: 'employee',
      personId: null,
      disabled: false,
      createdAt: '',
      hasPassword: true,
    },
    csrfToken: 't',
    permissions: ['directory.read', 'tokens.own'],
  };

  it('follows the permissions the server sent', () => {
    expect(can(session, 'directory.read')).toBe(true);
    expect(can(session, 'tokens.own')).toBe(true);
    expect(can(session, 'people.import')).toBe(false);
    expect(can(session, 'users.read')).toBe(false);
  });
});

describe('checkNewPassword', () => {
  it('needs the minimum length, counted in characters', () => {
    expect(kMinPasswordLength).toBe(12);
    expect(checkNewPassword('a'.repeat(11), 'a'.repeat(11))).toBe('too_short');
    expect(checkNewPassword('a'.repeat(12), 'a'.repeat(12))).toBeUndefined();
    // 11 emoji are 22 UTF-16 units but still too short.
    expect(checkNewPassword('🔑'.repeat(11), '🔑'.repeat(11))).toBe('too_short');
  });

  it('needs both entries to match', () => {
    expect(checkNewPassword('correct horse battery', 'correct horse batterY')).toBe('mismatch');
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/people/123', '/people/123'],
    ['/people?q=ada', '/people?q=ada'],
    [null, '/'],
    ['', '/'],
    ['people', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/sign-in', '/'],
    ['/sign-in?next=%2F', '/'],
  ])('%j → %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
