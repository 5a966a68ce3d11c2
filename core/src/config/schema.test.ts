import { describe, expect, it } from 'vitest';
import { ConfigError, ErrorCodes } from '../errors.js';
import { envToConfig } from './env.js';
import { mergeConfig } from './merge.js';
import { s } from './schema.js';

const schema = s.object({
  days: s.number({ default: 7, min: 0 }),
  users: s.number({ integer: true, min: 1, default: 100 }),
  mode: s.enum(['a', 'b'] as const, { default: 'a' }),
  start: s.time({ default: '2026-01-05T00:00:00Z' }),
  nested: s.object({ flag: s.boolean({ default: false }), name: s.string({ optional: true }) }),
  list: s.array(s.number({ min: 0 }), { default: [] }),
});

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('config schema', () => {
  it('fills defaults and converts strings from flags and the environment', () => {
    expect(schema.parse({ days: '2.5', users: '10', nested: { flag: 'true' } }, '')).toEqual({
      days: 2.5,
      users: 10,
      mode: 'a',
      start: Date.UTC(2026, 0, 5),
      nested: { flag: true, name: undefined },
      list: [],
    });
  });

  it('names the field, the value and what is allowed', () => {
    const e = errorOf(() => schema.parse({ users: 2.5 }, ''));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.code).toBe(ErrorCodes.CONFIG_INVALID);
    expect(e.field).toBe('users');
    expect(e.value).toBe(2.5);
    expect(e.message).toBe('invalid configuration: users = 2.5; allowed: an integer >= 1');
    expect(errorOf(() => schema.parse({ mode: 'c' }, '')).message).toBe('invalid configuration: mode = "c"; allowed: one of "a", "b"');
    expect(errorOf(() => schema.parse({ list: [1, -2] }, '')).field).toBe('list[1]');
    expect(errorOf(() => schema.parse({ start: 'yesterday' }, '')).allowed).toMatch(/ISO-8601/);
  });

  it('rejects unknown fields, listing the known ones (catches typos)', () => {
    const e = errorOf(() => schema.parse({ nested: { flga: true } }, ''));
    expect(e.field).toBe('nested.flga');
    expect(e.allowed).toBe('no such field; known fields: flag, name');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('rejects %s, which every object inherits, as an unknown field', (key) => {
    const input = JSON.parse(`{"nested": {"${key}": 1}}`);
    expect(errorOf(() => schema.parse(input, '')).field).toBe(`nested.${key}`);
  });

  it('maps PRODSIM_* variables to nested fields', () => {
    expect(envToConfig({ PRODSIM_DAYS: '3', PRODSIM_TRANSPORT__NAME: 'kafka', PRODSIM_MAX_EVENTS: '9', HOME: '/root' })).toEqual({
      days: '3',
      transport: { name: 'kafka' },
      maxEvents: '9',
    });
  });

  it('merges layers with later layers winning and objects merging', () => {
    expect(mergeConfig({ a: 1, t: { x: 1, y: 2 } }, { t: { y: 3 } }, { a: 2, t: { z: undefined } })).toEqual({ a: 2, t: { x: 1, y: 3 } });
  });
});
