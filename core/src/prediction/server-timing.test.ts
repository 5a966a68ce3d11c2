import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../clock/clock.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { formatSummary, type RunSummary } from '../run/run-summary.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { PredictionEndpoint } from './endpoint.js';
import { HttpPredictor } from './http-predictor.js';
import { PredictionGateway } from './prediction-gateway.js';
import { parseServerTiming } from './server-timing.js';

describe('parseServerTiming', () => {
  it('sums the cpu metric only, across entries and header lines, whatever its case', () => {
    expect(parseServerTiming('cpu;dur=12.4, db;dur=3')).toEqual({ ok: true, cpuMs: 12.4 });
    expect(parseServerTiming(['cpu;dur=1', 'CPU ; dur = 2.5;desc="model, then rank; done"'])).toEqual({ ok: true, cpuMs: 3.5 });
    expect(parseServerTiming('db;dur=3, total;dur=9, miss')).toEqual({ ok: true, cpuMs: undefined });
    expect(parseServerTiming('cpu;dur=0, , cache;desc=hit')).toEqual({ ok: true, cpuMs: 0 });
  });

  it.each([
    ['cpu;dur=abc', /cpu needs dur/],
    ['cpu;dur=-1', /cpu needs dur/],
    ['cpu;dur=1e3', /cpu needs dur/],
    ['cpu', /cpu needs dur/],
    ['cpu;dur=', /neither a token nor a quoted string/],
    ['model time;dur=4', /metric name "model time" is not a token/],
    ['cpu;desc="no end;dur=3', /unterminated/],
    ['cpu;;dur=3', /empty parameter/],
    ['cpu;dur=3 4', /neither a token nor a quoted string/],
  ])('rejects %j as a whole', (header, error) => {
    const parsed = parseServerTiming(header);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

// Ids under 100 exist; the answer is a JSON array of ids.
const recommend: PredictionEndpoint<{ user: number }, number[]> = {
  name: 'recommend',
  description: 'test endpoint',
  defaultDeadlineMs: 2000,
  http: { method: 'GET', path: (r) => `/recommend/${r.user}` },
  parseBody: (body) => ({ ok: true, value: JSON.parse(body), dropped: 0 }),
  validate(raw) {
    const ids = raw as number[];
    const kept = ids.filter((id) => id < 100);
    return { ok: true, value: kept, dropped: ids.length - kept.length };
  },
};

/** What the test service answers each user: status, Server-Timing header lines, body. */
const ANSWERS: Record<number, { status: number; timing?: string | string[]; body: string }> = {
  1: { status: 200, timing: 'cpu;dur=2.5, db;dur=7', body: '[1,2]' },
  2: { status: 200, timing: ['cpu;dur=1', 'cpu;dur=0.5'], body: '[3]' },
  3: { status: 200, timing: 'cpu;dur=oops', body: '[4]' },
  4: { status: 200, body: '[5]' },
  5: { status: 200, timing: 'db;dur=3', body: '[6]' },
  6: { status: 500, timing: 'cpu;dur=4', body: 'boom' },
  7: { status: 200, timing: 'cpu;dur=1', body: '[500,600,500]' },
  8: { status: 200, body: '[]' },
};

describe('Server-Timing from a real HTTP service, tallied per endpoint', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const a = ANSWERS[Number(req.url?.split('/').pop())];
      if (a.timing !== undefined) res.setHeader('server-timing', a.timing);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts answers that reported it, sums cpu, ignores and counts bad headers, and sets apart answers of only unknown ids', async () => {
    const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: 0 }));
    const metrics = new MetricsRegistry();
    const gateway = new PredictionGateway(scheduler, metrics);
    const predictor = new HttpPredictor(url);
    gateway.use(predictor);
    const kinds: string[] = [];
    for (const user of Object.keys(ANSWERS).map(Number)) gateway.request(recommend, { user }, user, (o) => kinds.push(`${user}:${o.kind}`));
    await scheduler.run();
    await predictor.close();
    // The world's outcomes are unchanged: cost reports and unknown ids are the summary's business.
    expect(kinds).toEqual(['1:ok', '2:ok', '3:ok', '4:ok', '5:ok', '6:http-error', '7:ok', '8:ok']);

    const figures = gateway.figures().recommend;
    expect(figures.outcomes).toEqual({ ok: 6, 'unknown-ids': 1, 'http-error': 1 });
    expect(figures.firstErrors).toEqual({ 'http-error': 'HTTP 500 Internal Server Error' });
    // Users 1, 2, 5 and 6 sent readable headers (6 with a failed answer: the work was still done),
    // 1, 2 and 6 and 7 reported cpu: 2.5 + 1.5 + 4 + 1.
    expect(figures.reportedCost).toEqual({
      answers: 5,
      cpuAnswers: 4,
      cpuMsTotal: 9,
      cpuMsMean: 2.25,
      invalid: 1,
      firstInvalid: 'metric cpu needs dur=<non-negative milliseconds>, got "oops"',
    });
    const counter = (name: string) => (metrics.counter(name, '', { endpoint: 'recommend' }) as { value: number }).value;
    expect(counter('prodsim_prediction_reported_cpu_ms_total')).toBe(9);
    expect(counter('prodsim_prediction_server_timing_total')).toBe(5);
    expect(counter('prodsim_prediction_server_timing_invalid_total')).toBe(1);
    expect(counter('prodsim_prediction_unknown_ids_total')).toBe(1);

    const text = formatSummary(summaryWith(gateway));
    expect(text).toMatch(/outcomes +ok 6, only unknown ids 1, http-error 1/);
    expect(text).toMatch(/http-error, e\.g\. +HTTP 500 Internal Server Error/);
    expect(text).toMatch(
      /reported cost +Server-Timing cpu on 4 of 8 answers: 9\.00 ms in all, mean 2\.25 ms; 1 unreadable headers ignored \(first: metric cpu needs dur/,
    );
  });

  it('a service that never sends the header gets no cost line', async () => {
    const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: 0 }));
    const gateway = new PredictionGateway(scheduler, new MetricsRegistry());
    const predictor = new HttpPredictor(url);
    gateway.use(predictor);
    gateway.request(recommend, { user: 4 }, 4, () => {});
    await scheduler.run();
    await predictor.close();
    expect(gateway.figures().recommend.reportedCost).toBeUndefined();
    expect(formatSummary(summaryWith(gateway))).not.toContain('reported cost');
  });
});

function summaryWith(gateway: PredictionGateway): RunSummary {
  return {
    domain: 'test',
    seed: 's',
    reason: 'until',
    simulatedStart: '',
    simulatedEnd: '',
    simulatedDays: 0,
    wallSeconds: 0,
    schedulerEvents: 0,
    events: 0,
    eventsPerSecond: 0,
    eventsByKind: {},
    predictions: {},
    endpoints: gateway.figures(),
    predictionLatencyMs: null,
    lag: null,
    transport: { name: 'memory' },
    world: {},
  };
}
