import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from './result';

describe('Result', () => {
  it('ok() carries the value and nothing else', () => {
    expect(ok(42)).toStrictEqual({ ok: true, value: 42 });
    expect(ok(undefined)).toStrictEqual({ ok: true, value: undefined });
  });

  it('err() carries the error and nothing else', () => {
    expect(err('boom')).toStrictEqual({ ok: false, error: 'boom' });
  });

  it('narrows on `ok`', () => {
    const describeResult = (r: Result<number, string>): string =>
      r.ok ? `value ${r.value}` : `error ${r.error}`;
    expect(describeResult(ok(1))).toBe('value 1');
    expect(describeResult(err('no'))).toBe('error no');
  });
});
