import { describe, expect, it } from 'vitest';
import { isHealthy } from './health';

describe('isHealthy', () => {
  it('is true only for status "ok"', () => {
    expect(isHealthy({ status: 'ok', version: '0.1.0' })).toBe(true);
  });

  it.each(['degraded', 'starting', 'OK', ' ok', ''])('is false for status %j', (status) => {
    expect(isHealthy({ status, version: '0.1.0' })).toBe(false);
  });
});
