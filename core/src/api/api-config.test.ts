import { describe, expect, it } from 'vitest';
import { s } from '../config/schema.js';
import { runConfigFields } from '../run/run-config.js';

const parseApi = (api: unknown) => s.object(runConfigFields).parse({ domain: 'toy', api }, '').api;

describe('api configuration: rateLimit and staffToken', () => {
  it('defaults to the course limit of 100 requests per second per client', () => {
    expect(parseApi(undefined).rateLimit).toEqual({ max: 100, windowMs: 1000 });
  });

  it('takes { max, windowMs } (strings from --set too), a part of it, or false', () => {
    expect(parseApi({ rateLimit: { max: 20, windowMs: 60_000 } }).rateLimit).toEqual({ max: 20, windowMs: 60_000 });
    expect(parseApi({ rateLimit: { max: '7' } }).rateLimit).toEqual({ max: 7, windowMs: 1000 });
    expect(parseApi({ rateLimit: false }).rateLimit).toBe(false);
    expect(parseApi({ rateLimit: 'false' }).rateLimit).toBe(false);
  });

  it('refuses a bad limit naming the field and what is allowed', () => {
    for (const bad of [{ max: 0 }, { max: 1.5 }, { windowMs: -1 }, { max: 5, per: 'second' }, 'fast', 12]) {
      expect(() => parseApi({ rateLimit: bad })).toThrow(/api\.rateLimit.*false \(no limit\), or an object \{ max/s);
    }
  });

  it('a staff token has at least 8 characters', () => {
    expect(parseApi({ staffToken: 'staff-s3cret' }).staffToken).toBe('staff-s3cret');
    expect(() => parseApi({ staffToken: 'short' })).toThrow(/api\.staffToken/);
  });
});
