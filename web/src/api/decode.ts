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
