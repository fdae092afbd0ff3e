import { describe, expect, it } from 'vitest';
import { assignableRoles, isKnownRole, tokenState, type ApiToken } from './access';

describe('roles', () => {
  it('only an owner may hand out the owner role', () => {
    expect(assignableRoles('owner')).toContain('owner');
    expect(assignableRoles('admin')).not.toContain('owner');
    expect(assignableRoles('admin')).toContain('employee');
  });

  it('knows the stored role names', () => {
    expect(isKnownRole('cx_lead')).toBe(true);
    expect(isKnownRole('manager')).toBe(false);
  });
});

describe('tokenState', () => {
  const token: ApiToken = {
    id: 't',
    name: 'n',
    scopes: [],
    userId: 'u',
    createdAt: '2026-01-01T00:00:00Z',
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
  };
  const now = Date.parse('2026-06-01T00:00:00Z');

  it('is active, expired or revoked', () => {
    expect(tokenState(token, now)).toBe('active');
    expect(tokenState({ ...token, expiresAt: '2026-07-01T00:00:00Z' }, now)).toBe('active');
    expect(tokenState({ ...token, expiresAt: '2026-05-01T00:00:00Z' }, now)).toBe('expired');
    expect(
      tokenState(
        { ...token, expiresAt: '2026-05-01T00:00:00Z', revokedAt: '2026-04-01T00:00:00Z' },
        now,
      ),
    ).toBe('revoked');
  });
});
