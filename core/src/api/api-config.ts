import { s } from '../config/schema.js';
import type { RateLimitOptions } from './api-server.js';

/** The entity API's limit per client unless configured: the course's 100 requests per second. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 100, windowMs: 1000 };

const ALLOWED = 'false (no limit), or an object { max: requests per window, an integer >= 1; windowMs: the window, ms, an integer >= 1 }';

/**
 * `api.rateLimit`: `{ max, windowMs }` per client (its team token, else its address), or `false`.
 * Missing fields take the course's values (100 per 1,000 ms).
 */
export const rateLimitSchema = s.custom<RateLimitOptions | false>(
  ALLOWED,
  (value) => {
    if (value === false || value === 'false') return false;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const { max = DEFAULT_RATE_LIMIT.max, windowMs = DEFAULT_RATE_LIMIT.windowMs, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return undefined;
    const n = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);
    const limit = { max: n(max), windowMs: n(windowMs) };
    return Number.isInteger(limit.max) && limit.max >= 1 && Number.isInteger(limit.windowMs) && limit.windowMs >= 1 ? limit : undefined;
  },
  { default: DEFAULT_RATE_LIMIT, description: 'requests per client and window on the entity API; false turns limiting off' },
);
