import { Pool } from 'undici';
import { ConfigError } from '../errors.js';
import type { PredictionEndpoint } from './endpoint.js';
import { HttpExchange } from './http-exchange.js';
import { oneLine } from './http-failure-text.js';
import { failure, type Outcome } from './outcome.js';
import type { PredictOptions, Predictor } from './predictor.js';

/** The contract's limit on an answer: a list of at most 20 ids is far below it. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface HttpPredictorOptions {
  /** Connections kept to the service (default 64): requests beyond them queue in the pool. */
  connections?: number;
  /** Requests pipelined per connection (default 1: plain keep-alive, what student services expect). */
  pipelining?: number;
  /** Answers longer than this are `oversized` (default 64 KiB); reading stops at the limit. */
  maxBodyBytes?: number;
  /** How long an idle connection is kept open, ms (default 4000). */
  keepAliveTimeoutMs?: number;
  /** Extra request headers, e.g. a team's token. */
  headers?: Record<string, string>;
}

/**
 * A prediction service over HTTP/1.1 (undici connection pool). `predict` never rejects: every
 * fault of the service (timeout, refused or dropped connection, HTTP error status, a body that
 * does not parse or validate, a body over the size limit, a body that drips in too slowly) is a
 * typed outcome with the latency measured on the wall clock and a short error text.
 */
export class HttpPredictor implements Predictor {
  /** `host:port`, the contract's `<server>` field. */
  readonly target: string;
  readonly baseUrl: string;
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly maxBodyBytes: number;
  private readonly headers: Record<string, string>;
  private closed = false;

  constructor(baseUrl: string, options: HttpPredictorOptions = {}) {
    const url = parseBaseUrl(baseUrl);
    this.baseUrl = baseUrl;
    this.target = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.maxBodyBytes = positiveInt(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'predictor.maxBodyBytes');
    this.headers = { accept: 'text/plain, */*', ...options.headers };
    this.pool = new Pool(url.origin, {
      connections: positiveInt(options.connections, 64, 'predictor.connections'),
      pipelining: positiveInt(options.pipelining, 1, 'predictor.pipelining'),
      keepAliveTimeout: positiveInt(options.keepAliveTimeoutMs, 4000, 'predictor.keepAliveTimeoutMs'),
    });
  }

  predict<Req, Res>(endpoint: PredictionEndpoint<Req, Res>, request: Req, options: PredictOptions): Promise<Outcome<Res>> {
    const deadlineMs = options.deadlineMs;
    if (this.closed) return Promise.resolve(failure('refused', `predictor for ${this.target} is closed`, 0));
    let path: string;
    let body: string | undefined;
    try {
      path = this.pathPrefix + endpoint.http.path(request);
      body = endpoint.http.method === 'POST' ? endpoint.http.body?.(request) : undefined;
    } catch (error) {
      return Promise.resolve(failure('http-error', `request not sent: ${oneLine(error)}`, 0));
    }
    const headers = body === undefined ? this.headers : { ...this.headers, 'content-type': endpoint.http.contentType ?? 'application/json' };
    return new Promise<Outcome<Res>>((resolve) => {
      const exchange = new HttpExchange(endpoint, request, deadlineMs, this.maxBodyBytes, this.target, resolve);
      // Our deadline is the one that counts; undici's own timeouts stay as a backstop behind it.
      this.pool.dispatch(
        { path, method: endpoint.http.method, headers, body: body ?? null, headersTimeout: deadlineMs + 1000, bodyTimeout: deadlineMs + 1000 },
        exchange,
      );
    });
  }

  /** Waits for requests in flight (each bounded by its deadline), then closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
  }
}

function parseBaseUrl(text: string): URL {
  const allowed = 'an http:// or https:// URL such as http://127.0.0.1:8082';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('predictor.url', text, allowed);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) throw new ConfigError('predictor.url', text, allowed);
  return url;
}

function positiveInt(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(field, value, 'an integer >= 1');
  return value;
}
