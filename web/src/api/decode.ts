/**
 * Small decoders that check untrusted JSON at the API boundary and turn it into
 * typed values. A decoder never throws; it reports the first mismatch with a
 * JSON path such as `$.version`.
 */
import { err, ok, type Result } from '../domain/result';

export interface DecodeError {
  readonly path: string;
  readonly expected: string;
}

export type Decoder<T> = (value: unknown, path: string) => Result<T, DecodeError>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function mismatch(path: string, expected: string, value: unknown): Result<never, DecodeError> {
  return err({ path, expected: `${expected}, got ${describe(value)}` });
}

export const string: Decoder<string> = (value, path) =>
  typeof value === 'string' ? ok(value) : mismatch(path, 'string', value);

export const number: Decoder<number> = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? ok(value) : mismatch(path, 'number', value);

export const boolean: Decoder<boolean> = (value, path) =>
  typeof value === 'boolean' ? ok(value) : mismatch(path, 'boolean', value);

/** A string that must not be empty after trimming. */
export const nonEmptyString: Decoder<string> = (value, path) =>
  typeof value === 'string' && value.trim() !== ''
    ? ok(value)
    : mismatch(path, 'non-empty string', value);

export function optional<T>(decoder: Decoder<T>): Decoder<T | undefined> {
  return (value, path) => (value === undefined ? ok(undefined) : decoder(value, path));
}

export function array<T>(item: Decoder<T>): Decoder<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return mismatch(path, 'array', value);
    const out: T[] = [];
    for (const [index, element] of (value as unknown[]).entries()) {
      const decoded = item(element, `${path}[${index}]`);
      if (!decoded.ok) return decoded;
      out.push(decoded.value);
    }
    return ok(out);
  };
}

type Shape = Record<string, Decoder<unknown>>;
type Decoded<S extends Shape> = {
  readonly [K in keyof S]: S[K] extends Decoder<infer T> ? T : never;
};

/** An object with at least the given fields; unknown fields are ignored. */
export function object<S extends Shape>(shape: S): Decoder<Decoded<S>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return mismatch(path, 'object', value);
    }
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, decoder] of Object.entries(shape)) {
      const decoded = decoder(record[key], `${path}.${key}`);
      if (!decoded.ok) return decoded;
      if (decoded.value !== undefined) out[key] = decoded.value;
    }
    return ok(out as Decoded<S>);
  };
}

export function decode<T>(decoder: Decoder<T>, value: unknown): Result<T, DecodeError> {
  return decoder(value, '$');
}

/** `null` is an accepted value (the API's `"field"|null`); `undefined` is not. */
export function nullable<T>(decoder: Decoder<T>): Decoder<T | null> {
  return (value, path) => (value === null ? ok(null) : decoder(value, path));
}

/** An absent field takes `fallback`; a present one must decode. */
export function withDefault<T>(decoder: Decoder<T>, fallback: T): Decoder<T> {
  return (value, path) => (value === undefined ? ok(fallback) : decoder(value, path));
}

/**
 * Text the API may leave out or send as null when there is none (an e-mail, a
 * team name): absent and null both become "".
 */
export const text: Decoder<string> = (value, path) =>
  value === undefined || value === null ? ok('') : string(value, path);

/** One of a fixed set of strings. */
export function oneOf<const T extends string>(...values: readonly T[]): Decoder<T> {
  const expected = values.map((v) => JSON.stringify(v)).join(' | ');
  return (value, path) =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? ok(value as T)
      : mismatch(path, expected, value);
}

/** An object used as a map from names to values of one kind. */
export function record<T>(item: Decoder<T>): Decoder<Readonly<Record<string, T>>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return mismatch(path, 'object', value);
    }
    const out: Record<string, T> = {};
    for (const [key, element] of Object.entries(value as Record<string, unknown>)) {
      const decoded = item(element, `${path}.${key}`);
      if (!decoded.ok) return decoded;
      out[key] = decoded.value;
    }
    return ok(out);
  };
}

/** A scalar shown as text: strings as they are, numbers and booleans spelled out, null as "". */
export const scalarText: Decoder<string> = (value, path) => {
  if (value === null) return ok('');
  if (typeof value === 'string') return ok(value);
  if (typeof value === 'number' || typeof value === 'boolean') return ok(String(value));
  return mismatch(path, 'string, number, boolean or null', value);
};

/** Accepts any value (a body the caller does not use, e.g. the answer to sign-out). */
export const ignored: Decoder<undefined> = () => ok(undefined);

/** Decodes with `decoder`, then reshapes the value (e.g. snake_case fields into a domain type). */
export function map<A, B>(decoder: Decoder<A>, to: (value: A) => B): Decoder<B> {
  return (value, path) => {
    const decoded = decoder(value, path);
    return decoded.ok ? ok(to(decoded.value)) : decoded;
  };
}

/** Any JSON value as display text: strings as they are, everything else as JSON. */
export const jsonText: Decoder<string> = (value) =>
  ok(typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));
