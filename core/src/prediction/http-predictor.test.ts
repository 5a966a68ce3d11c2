import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, ProdsimError } from '../errors.js';
import { closedPortUrl, startMisbehavingService, type MisbehavingService } from '../testing/misbehaving-service.js';
import type { PredictionEndpoint } from './endpoint.js';
import { HttpPredictor } from './http-predictor.js';
import type { Outcome } from './outcome.js';

// A `recommend`-like endpoint: plain-text ids, at most 20 kept, ids >= 100 unknown.
const recommend: PredictionEndpoint<{ user: number }, number[]> = {
  name: 'recommend',
  description: 'test endpoint',
  defaultDeadlineMs: 200,
  http: { method: 'GET', path: (r) => `/recommend/${r.user}` },
  parseBody(body) {
    const tokens =
      body.trim() === ''
        ? []
        : body
            .trim()
            .split(',')
            .map((t) => t.trim());
    if (!tokens.every((t) => /^\d+$/.test(t))) return { ok: false, error: 'not a comma-separated list of ids' };
    return { ok: true, value: tokens.map(Number), dropped: 0 };
  },
  validate(raw) {
    const ids = (raw as number[]).filter((id) => id < 100);
    const kept = ids.slice(0, 20);
    return { ok: true, value: kept, dropped: (raw as number[]).length - kept.length };
  },
};

const DEADLINE = 200;

describe('HttpPredictor against a misbehaving service', () => {
  let service: MisbehavingService;
  const predictors: HttpPredictor[] = [];
  const at = (mode: string, options = {}) => {
    const p = new HttpPredictor(`${service.url}/${mode}`, options);
    predictors.push(p);
    return p;
  };
  const ask = (p: HttpPredictor, user = 1, deadlineMs = DEADLINE) => p.predict(recommend, { user }, { deadlineMs });

  beforeAll(async () => {
    service = await startMisbehavingService({ answer: (path) => (path === '/recommend/7' ? '5, 6, 7, 250, 8' : '1,2,3'), dripIntervalMs: 20 });
  });
  afterAll(async () => {
    await Promise.all(predictors.map((p) => p.close()));
    await service.close();
  });

  it('a healthy answer: ok, status 200, parsed, unknown ids dropped and counted, latency measured', async () => {
    const p = at('ok');
    expect(p.target).toBe(`127.0.0.1:${service.port}`);
    expect(await ask(p, 3)).toMatchObject({ kind: 'ok', status: 200, value: [1, 2, 3], dropped: 0 });
    const seven = await ask(p, 7);
    expect(seven).toMatchObject({ kind: 'ok', value: [5, 6, 7, 8], dropped: 1 });
    expect(seven.latencyMs).toBeGreaterThan(0);
    expect(seven.latencyMs).toBeLessThan(DEADLINE);
  });

  it('a service sleeping past the deadline: timeout, status 0, decided at the deadline', async () => {
    const outcome = await ask(at('sleep'));
    expect(outcome).toEqual({ kind: 'timeout', status: 0, latencyMs: expect.any(Number), error: `timeout after ${DEADLINE} ms` });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(DEADLINE - 2);
    expect(outcome.latencyMs).toBeLessThan(DEADLINE + 1000);
  });

  it('an HTTP 500: http-error with the status', async () => {
    expect(await ask(at('error500'))).toMatchObject({ kind: 'http-error', status: 500, error: 'HTTP 500 Internal Server Error' });
  });

  it('garbage bytes: malformed with the status that came', async () => {
    expect(await ask(at('garbage'))).toMatchObject({ kind: 'malformed', status: 200, error: 'not a comma-separated list of ids' });
  });

  it('an error text quoting the answer stays one printable line (control bytes escaped)', async () => {
    const quoting = { ...recommend, parseBody: (body: string) => ({ ok: false as const, error: `not a list: ${body.slice(0, 12)}\r\nsecond line` }) };
    const outcome = await at('garbage').predict(quoting, { user: 1 }, { deadlineMs: DEADLINE });
    expect(outcome.kind).toBe('malformed');
    if (outcome.kind !== 'ok') {
      expect(outcome.error).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(outcome.error.startsWith('not a list: \\u0000\ufffd')).toBe(true);
      expect(outcome.error).toContain('\\u001b<html>');
    }
  });

  it('a huge body: oversized, reading stops at 64 KiB (with and without content-length)', async () => {
    const chunked = await ask(at('huge'));
    expect(chunked).toMatchObject({ kind: 'oversized', status: 200, error: 'answer larger than 65536 bytes' });
    const declared = await ask(at('huge-declared'));
    expect(declared).toMatchObject({ kind: 'oversized', status: 200, error: 'answer larger than 65536 bytes' });
    expect(await ask(at('huge', { maxBodyBytes: 2 * 1024 * 1024 }), 1, 5000)).toMatchObject({ kind: 'malformed' });
  });

  it('a dropped connection: refused, status 0, naming the target', async () => {
    expect(await ask(at('drop'))).toMatchObject({ kind: 'refused', status: 0, error: `connection closed by 127.0.0.1:${service.port} before an answer` });
  });

  it('a service that drips bytes: timeout at the deadline although bytes keep coming', async () => {
    const outcome = await ask(at('drip'));
    expect(outcome).toMatchObject({ kind: 'timeout', status: 0, error: `timeout after ${DEADLINE} ms while reading the answer` });
    expect(outcome.latencyMs).toBeLessThan(DEADLINE + 1000);
  });

  it('an answer that is not HTTP at all: malformed, status 0', async () => {
    const outcome = await ask(at('not-http'));
    expect(outcome.kind).toBe('malformed');
    expect(outcome.status).toBe(0);
    if (outcome.kind !== 'ok') expect(outcome.error).toContain(`invalid HTTP answer from 127.0.0.1:${service.port}`);
  });

  it('a closed port: refused, status 0, "connection refused to host:port"', async () => {
    const url = await closedPortUrl();
    const p = new HttpPredictor(url);
    predictors.push(p);
    expect(await ask(p)).toMatchObject({ kind: 'refused', status: 0, error: `connection refused to ${url.slice('http://'.length)}` });
  });

  it('goes on answering after every kind of fault (the pool recovers)', async () => {
    const p = at('mixed');
    const outcomes = await Promise.all(Array.from({ length: 14 }, (_, i) => ask(p, i)));
    const cycle = ['ok', 'timeout', 'http-error', 'malformed', 'oversized', 'refused', 'timeout'];
    expect(outcomes.map((o) => o.kind)).toEqual([...cycle, ...cycle]);
    expect(await ask(p, 0)).toMatchObject({ kind: 'ok', value: [1, 2, 3] });
  });

  it('a request queued behind a busy pool still gets its outcome at its deadline', async () => {
    const p = new HttpPredictor(service.url, { connections: 1 });
    predictors.push(p);
    const sleeping = p.predict({ ...recommend, http: { method: 'GET', path: () => '/sleep/x' } }, { user: 1 }, { deadlineMs: DEADLINE });
    const queued = p.predict({ ...recommend, http: { method: 'GET', path: () => '/ok/x' } }, { user: 1 }, { deadlineMs: DEADLINE / 2 });
    expect((await queued).kind).toBe('timeout');
    expect((await sleeping).kind).toBe('timeout');
    expect(await p.predict({ ...recommend, http: { method: 'GET', path: () => '/ok/x' } }, { user: 1 }, { deadlineMs: DEADLINE })).toMatchObject({
      kind: 'ok',
    });
  });

  it('keeps many requests in flight on a small pool, each with its own answer', async () => {
    const p = new HttpPredictor(service.url, { connections: 4 });
    predictors.push(p);
    const echo: PredictionEndpoint<{ user: number }, number[]> = { ...recommend, http: { method: 'GET', path: (r) => `/ok/recommend/${r.user}` } };
    const outcomes = await Promise.all(Array.from({ length: 400 }, (_, user) => p.predict(echo, { user }, { deadlineMs: 5000 })));
    expect(outcomes.every((o) => o.kind === 'ok')).toBe(true);
    expect((outcomes[7] as Extract<Outcome<number[]>, { kind: 'ok' }>).value).toEqual([5, 6, 7, 8]);
  });

  it('faults of the endpoint code itself become outcomes, not exceptions', async () => {
    const p = at('ok');
    const badPath = {
      ...recommend,
      http: {
        method: 'GET' as const,
        path: (): string => {
          throw new Error('no path for you');
        },
      },
    };
    expect(await p.predict(badPath, { user: 1 }, { deadlineMs: DEADLINE })).toMatchObject({
      kind: 'http-error',
      status: 0,
      error: 'request not sent: no path for you',
    });
    const throwingParser = {
      ...recommend,
      parseBody: (): never => {
        throw new Error('parser bug\nwith a second line');
      },
    };
    expect(await p.predict(throwingParser, { user: 1 }, { deadlineMs: DEADLINE })).toMatchObject({
      kind: 'malformed',
      status: 200,
      error: 'recommend answer rejected: parser bug',
    });
  });

  it('after close(), requests are refused outcomes; close is idempotent', async () => {
    const p = new HttpPredictor(`${service.url}/ok`);
    expect((await ask(p)).kind).toBe('ok');
    await p.close();
    await p.close();
    expect(await ask(p)).toMatchObject({ kind: 'refused', status: 0 });
  });
});

describe('HttpPredictor configuration and requests', () => {
  it('rejects a base URL that is not http(s) with a coded configuration error', () => {
    for (const bad of ['localhost:8082', 'ftp://x:1', 'http://x:1/?q=1', 'not a url']) {
      let error: unknown;
      try {
        new HttpPredictor(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ProdsimError);
      expect((error as ProdsimError).code).toBe(ErrorCodes.CONFIG_INVALID);
      expect((error as Error).message).toContain('predictor.url');
    }
    expect(() => new HttpPredictor('http://127.0.0.1:1', { connections: 0 })).toThrow(/predictor.connections/);
  });

  it('names the target host:port (default ports filled in) and keeps a base path', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers['content-type'] ?? ''} ${req.headers['x-team'] ?? ''}`);
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => res.end(body === '' ? '4,5' : body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(new HttpPredictor('http://team05.example.edu').target).toBe('team05.example.edu:80');
      expect(new HttpPredictor('https://team05.example.edu/').target).toBe('team05.example.edu:443');
      const p = new HttpPredictor(`http://127.0.0.1:${port}/api/v2/`, { headers: { 'x-team': 'team05' } });
      expect(await p.predict(recommend, { user: 12 }, { deadlineMs: 2000 })).toMatchObject({ kind: 'ok', value: [4, 5] });
      const post: PredictionEndpoint<{ user: number }, number[]> = {
        ...recommend,
        http: { method: 'POST', path: () => '/score', body: (r) => JSON.stringify({ user: r.user }), contentType: 'application/json' },
      };
      const posted = await p.predict(post, { user: 3 }, { deadlineMs: 2000 });
      expect(posted).toMatchObject({ kind: 'malformed', status: 200 });
      expect(seen).toEqual(['GET /api/v2/recommend/12  team05', 'POST /api/v2/score application/json team05']);
      await p.close();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
