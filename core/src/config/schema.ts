import { ConfigError, describeValue } from '../errors.js';

/**
 * A small, typed configuration schema. Parsing fills defaults, rejects unknown fields (typos)
 * and throws a ConfigError naming the field path, the value and what is allowed.
 */
export interface Schema<T> {
  readonly allowed: string;
  readonly description?: string;
  readonly optional: boolean;
  /** Default, if any; already valid. */
  readonly defaultValue?: T;
  parse(value: unknown, path: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

interface Common<T> {
  default?: T;
  description?: string;
}

function make<T>(allowed: string, opts: Common<T> & { optional?: boolean }, check: (value: unknown, path: string) => T): Schema<T> {
  return {
    allowed,
    description: opts.description,
    optional: opts.optional ?? opts.default !== undefined,
    defaultValue: opts.default,
    parse(value: unknown, path: string): T {
      if (value === undefined) {
        if (opts.default !== undefined) return structuredClone(opts.default);
        if (opts.optional) return undefined as T;
        throw new ConfigError(path, value, allowed);
      }
      return check(value, path);
    },
  };
}

function numberish(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  // Values from flags and environment variables arrive as strings.
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** Fields declared `optional: true` (and without a default) may be undefined. */
type Opt<O, T> = O extends { optional: true } ? (O extends { default: unknown } ? T : T | undefined) : T;

type NumberOpts = Common<number> & { min?: number; max?: number; integer?: boolean; optional?: boolean };
type StringOpts = Common<string> & { pattern?: RegExp; patternText?: string; minLength?: number; optional?: boolean };
type TimeOpts = Common<string> & { optional?: boolean };

export const s = {
  number<const O extends NumberOpts>(opts: O = {} as O): Schema<Opt<O, number>> {
    const parts = [opts.integer ? 'an integer' : 'a number'];
    if (opts.min !== undefined) parts.push(`>= ${opts.min}`);
    if (opts.max !== undefined) parts.push(`<= ${opts.max}`);
    const allowed = parts.join(' ');
    return make<any>(allowed, opts, (value, path) => {
      const n = numberish(value);
      if (n === undefined || !Number.isFinite(n)) throw new ConfigError(path, value, allowed);
      if (opts.integer && !Number.isInteger(n)) throw new ConfigError(path, value, allowed);
      if (opts.min !== undefined && n < opts.min) throw new ConfigError(path, value, allowed);
      if (opts.max !== undefined && n > opts.max) throw new ConfigError(path, value, allowed);
      return n;
    });
  },

  string<const O extends StringOpts>(opts: O = {} as O): Schema<Opt<O, string>> {
    const allowed = opts.patternText ?? (opts.pattern ? `a string matching ${opts.pattern}` : 'a string');
    return make<any>(allowed, opts, (value, path) => {
      const v = typeof value === 'number' ? String(value) : value;
      if (typeof v !== 'string') throw new ConfigError(path, value, allowed);
      if (opts.minLength !== undefined && v.length < opts.minLength) throw new ConfigError(path, value, `${allowed} of at least ${opts.minLength} characters`);
      if (opts.pattern && !opts.pattern.test(v)) throw new ConfigError(path, value, allowed);
      return v;
    });
  },

  enum<const V extends string>(values: readonly V[], opts: Common<V> & { optional?: boolean } = {}): Schema<V> {
    const allowed = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    return make(allowed, opts, (value, path) => {
      if (typeof value !== 'string' || !values.includes(value as V)) throw new ConfigError(path, value, allowed);
      return value as V;
    });
  },

  boolean(opts: Common<boolean> & { optional?: boolean } = {}): Schema<boolean> {
    const allowed = 'true or false';
    return make(allowed, opts, (value, path) => {
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === '1') return true;
      if (value === 'false' || value === '0') return false;
      throw new ConfigError(path, value, allowed);
    });
  },

  /** ISO-8601 date-time (UTC if no zone given), parsed to ms since epoch. */
  time<const O extends TimeOpts>(opts: O = {} as O): Schema<Opt<O, number>> {
    const allowed = 'an ISO-8601 date-time such as "2026-01-05T00:00:00Z"';
    const inner = make<number>(allowed, { optional: opts.optional, description: opts.description }, (value, path) => {
      if (typeof value !== 'string' && !(value instanceof Date)) throw new ConfigError(path, value, allowed);
      const text = value instanceof Date ? value.toISOString() : /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
      const ms = Date.parse(text);
      if (!Number.isFinite(ms)) throw new ConfigError(path, value, allowed);
      return ms;
    });
    return {
      ...inner,
      defaultValue: opts.default === undefined ? undefined : Date.parse(opts.default),
      optional: inner.optional || opts.default !== undefined,
      parse: (value, path) => inner.parse(value === undefined ? opts.default : value, path),
    } as Schema<any>;
  },

  array<T>(item: Schema<T>, opts: Common<T[]> & { minItems?: number; maxItems?: number; optional?: boolean } = {}): Schema<T[]> {
    const allowed = `a list of ${item.allowed}${opts.minItems ? ` (at least ${opts.minItems})` : ''}`;
    return make(allowed, opts, (value, path) => {
      if (!Array.isArray(value)) throw new ConfigError(path, value, allowed);
      if (opts.minItems !== undefined && value.length < opts.minItems) throw new ConfigError(path, value, allowed);
      if (opts.maxItems !== undefined && value.length > opts.maxItems) throw new ConfigError(path, value, `${allowed}, at most ${opts.maxItems}`);
      return value.map((v, i) => item.parse(v, `${path}[${i}]`));
    });
  },

  /**
   * An object of fields. When absent it is parsed as `{}` (so its fields' defaults apply), unless
   * declared `optional: true`, in which case an absent object stays undefined.
   */
  object<const F extends Record<string, Schema<any>>, const O extends { description?: string; optional?: boolean } = {}>(
    fields: F,
    opts: O = {} as O,
  ): ObjectSchema<F> & Schema<Opt<O, { -readonly [K in keyof F]: Infer<F[K]> }>> {
    const names = Object.keys(fields);
    const allowed = `an object with fields ${names.join(', ')}`;
    const parse = (value: unknown, path: string) => {
      if ((value === undefined || value === null) && opts.optional) return undefined;
      const input = value ?? {};
      if (typeof input !== 'object' || Array.isArray(input)) throw new ConfigError(path || '(root)', value, allowed);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(input)) {
        if (!Object.hasOwn(fields, key))
          throw new ConfigError(join(path, key), (input as Record<string, unknown>)[key], `no such field; known fields: ${names.join(', ')}`);
      }
      for (const name of names) out[name] = fields[name].parse((input as Record<string, unknown>)[name], join(path, name));
      return out as { -readonly [K in keyof F]: Infer<F[K]> };
    };
    return { allowed, description: opts.description, optional: true, fields, parse } as never;
  },

  /** A value checked by a function that returns the parsed value or undefined if not allowed. */
  custom<T>(allowed: string, check: (value: unknown) => T | undefined, opts: Common<T> & { optional?: boolean } = {}): Schema<T> {
    return make(allowed, opts, (value, path) => {
      const result = check(value);
      if (result === undefined) throw new ConfigError(path, value, allowed);
      return result;
    });
  },

  /** Free-form options passed through to a plugin that validates them itself. */
  record(opts: { description?: string } = {}): Schema<Record<string, unknown>> {
    const allowed = 'an object';
    return make(allowed, { ...opts, default: {} }, (value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(path, value, allowed);
      return value as Record<string, unknown>;
    });
  },
};

export interface ObjectSchema<F extends Record<string, Schema<any>>> extends Schema<{ -readonly [K in keyof F]: Infer<F[K]> }> {
  readonly fields: F;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export { describeValue };
