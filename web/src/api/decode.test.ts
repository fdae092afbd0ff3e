import { describe, expect, it } from 'vitest';
import {
  array,
  boolean,
  decode,
  ignored,
  jsonText,
  map,
  nonEmptyString,
  nullable,
  number,
  object,
  oneOf,
  optional,
  record,
  scalarText,
  string,
  text,
  withDefault,
  type Decoder,
} from './decode';

/** The error a decoder reports for `value`, or a failed expectation if it accepted it. */
function failure<T>(decoder: Decoder<T>, value: unknown) {
  const result = decode(decoder, value);
  if (result.ok) throw new Error(`expected a decode error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('primitive decoders', () => {
  it('string accepts strings, including the empty one', () => {
    expect(decode(string, 'abc')).toStrictEqual({ ok: true, value: 'abc' });
    expect(decode(string, '')).toStrictEqual({ ok: true, value: '' });
  });

  it.each([
    [1, 'number'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[], 'array'],
    [{}, 'object'],
    [true, 'boolean'],
  ])('string rejects %j and names what it got', (value, got) => {
    expect(failure(string, value)).toStrictEqual({ path: '$', expected: `string, got ${got}` });
  });

  it('number accepts finite numbers only', () => {
    expect(decode(number, 0)).toStrictEqual({ ok: true, value: 0 });
    expect(decode(number, -1.5)).toStrictEqual({ ok: true, value: -1.5 });
    expect(failure(number, Number.NaN).expected).toBe('number, got number');
    expect(failure(number, Number.POSITIVE_INFINITY).expected).toBe('number, got number');
    expect(failure(number, '1').expected).toBe('number, got string');
  });

  it('boolean accepts true and false, not truthy values', () => {
    expect(decode(boolean, false)).toStrictEqual({ ok: true, value: false });
    expect(decode(boolean, true)).toStrictEqual({ ok: true, value: true });
    expect(failure(boolean, 1).expected).toBe('boolean, got number');
    expect(failure(boolean, 'true').expected).toBe('boolean, got string');
  });

  it('nonEmptyString rejects empty and blank strings but keeps the value untrimmed', () => {
    expect(decode(nonEmptyString, ' x ')).toStrictEqual({ ok: true, value: ' x ' });
    expect(failure(nonEmptyString, '').expected).toBe('non-empty string, got string');
    expect(failure(nonEmptyString, ' \t\n').expected).toBe('non-empty string, got string');
    expect(failure(nonEmptyString, 3).expected).toBe('non-empty string, got number');
  });
});

describe('optional', () => {
  const maybeNumber = optional(number);

  it('accepts undefined', () => {
    expect(decode(maybeNumber, undefined)).toStrictEqual({ ok: true, value: undefined });
  });

  it('defers to the inner decoder otherwise; null is not "absent"', () => {
    expect(decode(maybeNumber, 7)).toStrictEqual({ ok: true, value: 7 });
    expect(failure(maybeNumber, null)).toStrictEqual({ path: '$', expected: 'number, got null' });
  });
});

describe('array', () => {
  const numbers = array(number);

  it('decodes every element in order', () => {
    expect(decode(numbers, [3, 1, 2])).toStrictEqual({ ok: true, value: [3, 1, 2] });
    expect(decode(numbers, [])).toStrictEqual({ ok: true, value: [] });
  });

  it('reports the first bad element by index', () => {
    expect(failure(numbers, [1, 'two', null])).toStrictEqual({
      path: '$[1]',
      expected: 'number, got string',
    });
  });

  it('rejects non-arrays', () => {
    expect(failure(numbers, { length: 0 })).toStrictEqual({
      path: '$',
      expected: 'array, got object',
    });
  });
});

describe('object', () => {
  const health = object({ status: nonEmptyString, version: string, uptime: optional(number) });

  it('keeps the declared fields and drops unknown ones', () => {
    const result = decode(health, { status: 'ok', version: '1.2.3', extra: true });
    expect(result).toStrictEqual({ ok: true, value: { status: 'ok', version: '1.2.3' } });
  });

  it('omits an absent optional field instead of setting it to undefined', () => {
    const result = decode(health, { status: 'ok', version: '1' });
    expect(result.ok && 'uptime' in result.value).toBe(false);
    expect(decode(health, { status: 'ok', version: '1', uptime: 5 })).toStrictEqual({
      ok: true,
      value: { status: 'ok', version: '1', uptime: 5 },
    });
  });

  it('reports a missing or mistyped field with its path', () => {
    expect(failure(health, { status: 'ok' })).toStrictEqual({
      path: '$.version',
      expected: 'string, got undefined',
    });
    expect(failure(health, { status: 'ok', version: 1 })).toStrictEqual({
      path: '$.version',
      expected: 'string, got number',
    });
  });

  it('reports the first failing field in declaration order', () => {
    expect(failure(health, {}).path).toBe('$.status');
  });

  it.each([
    [null, 'null'],
    [[], 'array'],
    ['{}', 'string'],
  ])('rejects %j as not an object', (value, got) => {
    expect(failure(health, value)).toStrictEqual({ path: '$', expected: `object, got ${got}` });
  });

  it('builds nested paths through objects and arrays', () => {
    const page = object({ items: array(object({ id: number })) });
    expect(decode(page, { items: [{ id: 1 }, { id: 2 }] })).toStrictEqual({
      ok: true,
      value: { items: [{ id: 1 }, { id: 2 }] },
    });
    expect(failure(page, { items: [{ id: 1 }, { id: '2' }] })).toStrictEqual({
      path: '$.items[1].id',
      expected: 'number, got string',
    });
  });
});

describe('nullable, withDefault and text', () => {
  it('nullable accepts null but not absence', () => {
    expect(decode(nullable(string), null)).toStrictEqual({ ok: true, value: null });
    expect(decode(nullable(string), 'x')).toStrictEqual({ ok: true, value: 'x' });
    expect(failure(nullable(string), undefined).expected).toBe('string, got undefined');
  });

  it('withDefault fills in an absent field only', () => {
    const shape = object({ n: withDefault(number, 0) });
    expect(decode(shape, {})).toStrictEqual({ ok: true, value: { n: 0 } });
    expect(decode(shape, { n: 3 })).toStrictEqual({ ok: true, value: { n: 3 } });
    expect(failure(shape, { n: null }).path).toBe('$.n');
  });

  it('text turns absent and null into "" and rejects other types', () => {
    expect(decode(text, undefined)).toStrictEqual({ ok: true, value: '' });
    expect(decode(text, null)).toStrictEqual({ ok: true, value: '' });
    expect(decode(text, 'Oslo')).toStrictEqual({ ok: true, value: 'Oslo' });
    expect(failure(text, 5).expected).toBe('string, got number');
  });
});

describe('oneOf', () => {
  const status = oneOf('active', 'inactive');

  it('accepts the listed strings only', () => {
    expect(decode(status, 'active')).toStrictEqual({ ok: true, value: 'active' });
    expect(failure(status, 'Active')).toStrictEqual({
      path: '$',
      expected: '"active" | "inactive", got string',
    });
    expect(failure(status, 1).expected).toBe('"active" | "inactive", got number');
  });
});

describe('record, scalarText and jsonText', () => {
  it('decodes every value of a map', () => {
    expect(decode(record(scalarText), { a: 'x', b: 2, c: true, d: null })).toStrictEqual({
      ok: true,
      value: { a: 'x', b: '2', c: 'true', d: '' },
    });
    expect(failure(record(scalarText), { a: [] })).toStrictEqual({
      path: '$.a',
      expected: 'string, number, boolean or null, got array',
    });
    expect(failure(record(string), [])).toStrictEqual({ path: '$', expected: 'object, got array' });
  });

  it('jsonText shows any value', () => {
    expect(decode(record(jsonText), { a: 'x', b: { c: 1 }, d: [1, 2] })).toStrictEqual({
      ok: true,
      value: { a: 'x', b: '{"c":1}', d: '[1,2]' },
    });
  });
});

describe('map and ignored', () => {
  it('map reshapes a decoded value and passes errors through', () => {
    const camel = map(object({ job_title: string }), (v) => ({ jobTitle: v.job_title }));
    expect(decode(camel, { job_title: 'Chef' })).toStrictEqual({
      ok: true,
      value: { jobTitle: 'Chef' },
    });
    expect(failure(camel, {}).path).toBe('$.job_title');
  });

  it('ignored accepts anything', () => {
    expect(decode(ignored, undefined)).toStrictEqual({ ok: true, value: undefined });
    expect(decode(ignored, { any: 'thing' })).toStrictEqual({ ok: true, value: undefined });
  });
});
