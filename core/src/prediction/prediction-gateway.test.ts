import { describe, expect, it } from 'vitest';
import { Clock } from '../clock/clock.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { PredictionEndpoint } from './endpoint.js';
import { InProcessPredictor } from './in-process-predictor.js';
import { PredictionGateway } from './prediction-gateway.js';

const endpoint = (name: string): PredictionEndpoint<number, number[]> => ({
  name,
  description: name,
  defaultDeadlineMs: 10,
  http: { method: 'GET', path: (r) => `/${name}/${r}` },
  parseBody: () => ({ ok: false, error: 'unused' }),
  validate: (raw) =>
    Array.isArray(raw) ? { ok: true, value: raw.filter((x) => x >= 0), dropped: raw.filter((x) => x < 0).length } : { ok: false, error: 'not a list' },
});

describe('PredictionGateway metrics', () => {
  it('counts outcomes per endpoint and kind, latency and dropped items, across many requests', async () => {
    const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: 0 }));
    const metrics = new MetricsRegistry();
    const gateway = new PredictionGateway(scheduler, metrics);
    const a = endpoint('a');
    const b = endpoint('b');
    gateway.use(new InProcessPredictor({ a: (r: number) => (r % 3 === 0 ? 'junk' : [1, -1]), b: () => [2] }, { name: 't', latencyMs: 4 }));
    const seen: string[] = [];
    for (let i = 0; i < 9; i++) gateway.request(a, i, i, (o) => seen.push(`a:${o.kind}`));
    for (let i = 0; i < 4; i++) gateway.request(b, i, i, (o) => seen.push(`b:${o.kind}`));
    await scheduler.run();
    expect(seen).toHaveLength(13);
    const value = (name: string, labels: Record<string, string>) => (metrics.counter(name, '', labels) as { value: number }).value;
    expect(value('prodsim_predictions_total', { endpoint: 'a', outcome: 'ok' })).toBe(6);
    expect(value('prodsim_predictions_total', { endpoint: 'a', outcome: 'malformed' })).toBe(3);
    expect(value('prodsim_predictions_total', { endpoint: 'b', outcome: 'ok' })).toBe(4);
    expect(value('prodsim_prediction_dropped_items_total', { endpoint: 'a' })).toBe(6);
    expect(metrics.histogram('prodsim_prediction_latency_ms', '', { endpoint: 'a' }).count).toBe(9);
    expect(metrics.histogram('prodsim_prediction_latency_ms', '', { endpoint: 'b' }).sum).toBe(16);
    // Families appear in the order they were first recorded.
    expect(metrics.toPrometheus().match(/^# TYPE \S+/gm)).toEqual([
      '# TYPE prodsim_predictions_total',
      '# TYPE prodsim_prediction_latency_ms',
      '# TYPE prodsim_prediction_dropped_items_total',
    ]);
  });
});

describe('PredictionGateway summary figures', () => {
  it('sets answers of only unknown ids apart from ok, per endpoint, and keeps the first error of each failure kind', async () => {
    const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: 0 }));
    const gateway = new PredictionGateway(scheduler, new MetricsRegistry());
    const a = endpoint('a');
    const b = endpoint('b');
    // a: every third answer names only unknown (negative) ids, one a mix, one names none, two are junk.
    const answers: unknown[] = [[-1, -2], [1, -1], [], [-5], 'junk', [2], [-3, -3], 'junk', [4]];
    gateway.use(new InProcessPredictor({ a: (r: number) => answers[r], b: () => [-1] }, { name: 't', latencyMs: 4 }));
    const worldSaw: string[] = [];
    for (let i = 0; i < answers.length; i++) gateway.request(a, i, i, (o) => worldSaw.push(o.kind));
    gateway.request(b, 0, 0, () => {});
    await scheduler.run();
    // The world still gets them as ok (empty) answers.
    expect(worldSaw.filter((k) => k === 'ok')).toHaveLength(7);
    const figures = gateway.figures();
    expect(figures.a.outcomes).toEqual({ ok: 4, 'unknown-ids': 3, malformed: 2 });
    expect(figures.a.firstErrors).toEqual({ malformed: 'not a list' });
    expect(figures.b.outcomes).toEqual({ 'unknown-ids': 1 });
    expect(figures.b.firstErrors).toEqual({});

    // A checkpoint keeps them.
    const restored = new PredictionGateway(new Scheduler(new Clock({ mode: 'virtual', startTime: 0 })), new MetricsRegistry());
    restored.restore(JSON.parse(JSON.stringify(gateway.snapshot(), (_k, v) => (v instanceof Float64Array ? [...v] : v))));
    expect(restored.figures().a.outcomes).toEqual(figures.a.outcomes);
    expect(restored.figures().a.firstErrors).toEqual(figures.a.firstErrors);
  });
});
