import { isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './api-errors.js';

const JSON_TYPE = 'application/json; charset=utf-8';

interface Window {
  count: number;
  resetAt: number;
}

export interface RateLimiterOptions {
  /** Requests one client may make per window. */
  max: number;
  windowMs: number;
  /** The client a request counts against (its team, its address). */
  clientOf: (request: FastifyRequest) => string;
  /** Past this many clients, windows that have ended are dropped (and, if need be, the oldest); default 10,000. */
  maxClients?: number;
  now?: () => number;
}

/**
 * A fixed-window limit per client, as one synchronous `onRequest` hook: a client's window opens
 * with its first request and holds `max` requests; beyond it the answer is a JSON 429 with
 * `Retry-After` (whole seconds). Answers carry `x-ratelimit-limit`, `-remaining` and `-reset` as
 * @fastify/rate-limit's did. Our own rather than that plugin: its three awaits per request (key,
 * store, hook) cost the entity API about a tenth of its throughput (bench/predictor).
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly maxClients: number;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.maxClients = options.maxClients ?? 10_000;
  }

  /** Limits every route of `api` (an encapsulated context: the routes registered in it). */
  install(api: FastifyInstance): void {
    api.addHook('onRequest', (request, reply, done) => {
      if (this.admit(request, reply)) done();
    });
  }

  /** Counts the request; false when it was answered with a 429 instead (it then goes no further). */
  admit(request: FastifyRequest, reply: FastifyReply): boolean {
    const { max, windowMs } = this.options;
    const now = this.now();
    const client = this.options.clientOf(request);
    let window = this.windows.get(client);
    if (window === undefined || window.resetAt <= now) {
      if (window === undefined && this.windows.size >= this.maxClients) this.forgetEnded(now);
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(client, window);
    }
    const count = ++window.count;
    const resetSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    reply.header('x-ratelimit-limit', max);
    reply.header('x-ratelimit-remaining', count > max ? 0 : max - count);
    reply.header('x-ratelimit-reset', resetSeconds);
    if (count <= max) return true;
    reply
      .code(429)
      .header('retry-after', resetSeconds)
      .type(JSON_TYPE)
      .send(
        errorBody(429, `rate limit: at most ${max} requests per ${windowMs} ms per client; retry in ${resetSeconds} second${resetSeconds === 1 ? '' : 's'}`),
      );
    return false;
  }

  /** Clients being counted (for tests). */
  get clients(): number {
    return this.windows.size;
  }

  private forgetEnded(now: number): void {
    for (const [client, window] of this.windows) if (window.resetAt <= now) this.windows.delete(client);
    // Still full (many clients at once): the oldest windows go, as an LRU cache would drop them.
    for (const client of this.windows.keys()) {
      if (this.windows.size < this.maxClients) break;
      this.windows.delete(client);
    }
  }
}

/**
 * A client's address as a limit key: IPv4 as it is; IPv6 by its /56 prefix, so that a host cannot
 * buy fresh quotas by rotating addresses inside its own network (as @fastify/rate-limit does).
 */
export function addressKey(ip: string): string {
  // IPv4 (nearly every client) without net.isIPv6's long regular expression.
  if (!ip.includes(':') || !isIPv6(ip)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  const [head, tail] = ip.toLowerCase().split('%')[0].split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const words = groups.slice(0, 4).map((g) => Number.parseInt(g, 16) || 0);
  words[3] &= 0xff00;
  return `${words.map((w) => w.toString(16)).join(':')}::/56`;
}
