import { describe, expect, it } from 'vitest';
import { Clock } from '../clock/clock.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { AnswerValue } from '../observe/answer-value.js';
import { RandomStream } from '../rng/random-stream.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { PredictionEndpoint } from './endpoint.js';
import { Headroom } from './headroom.js';
import { InProcessPredictor } from './in-process-predictor.js';
import { PredictionGateway } from './prediction-gateway.js';

/** Pick one of 10 items for a user; the hidden truth: item i is worth i / 10 to everyone. */
const pick: PredictionEndpoint<number, number> = {
  name: 'pick',
  description: 'pick an item',
  defaultDeadlineMs: 50,
  http: { method: 'GET', path: (r) => `/pick/${r}` },
  parseBody: () => ({ ok: false, error: 'unused' }),
  validate: (raw) => (typeof raw === 'number' && raw >= 0 && raw < 10 ? { ok: true, value: raw, dropped: 0 } : { ok: false, error: 'not an item' }),
};

const worth: AnswerValue<number, number> = {
  measure: 'worth of the item picked',
  value: (_request, answer) => (answer === undefined ? 0 : answer / 10),
  oracle: () => 9,
  random: (_request, rng) => rng.int(10),
};

function world(values: Record<string, AnswerValue> = { pick: worth }, sample?: number) {
  const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: 0 }));
  const metrics = new MetricsRegistry();
  const gateway = new PredictionGateway(scheduler, metrics);
  const fallback = new InProcessPredictor({ pick: () => 5 }, { name: 'default' });
  const v = sample === undefined ? values : { pick: { ...worth, sample } };
  gateway.measureHeadroom(new Headroom(v, fallback, new RandomStream('headroom'), metrics));
  return { scheduler, metrics, gateway };
}

describe('Headroom', () => {
  it('values the service beside the oracle, the default and random on the same requests', async () => {
    const { scheduler, gateway, metrics } = world();
    // The service answers 2 for even users, fails (malformed) for odd ones.
    gateway.use(new InProcessPredictor({ pick: (u: number) => (u % 2 === 0 ? 2 : 'junk') }, { name: 'team', latencyMs: 3 }));
    const decided: number[] = [];
    for (let u = 0; u < 200; u++) gateway.request(pick, u, u, (o) => decided.push(o.kind === 'ok' ? o.value : -1));
    await scheduler.run();
    expect(decided).toHaveLength(200);
    const h = gateway.figures().pick.headroom!;
    expect(h.requests).toBe(200);
    expect(h.service).toBeCloseTo(0.1, 12); // 0.2 for half, 0 for the failures
    expect(h.oracle).toBeCloseTo(0.9, 12);
    expect(h.default).toBeCloseTo(0.5, 12);
    expect(h.random).toBeGreaterThan(0.35);
    expect(h.random).toBeLessThan(0.55);
    expect(h.regret).toBeCloseTo(0.8, 12);
    expect(h.shareOfOracle).toBeCloseTo(0.1 / 0.9, 12);
    const total = (answer: string) => (metrics.counter('prodsim_headroom_value_total', '', { endpoint: 'pick', answer }) as { value: number }).value;
    expect(total('oracle')).toBeCloseTo(180, 9);
    expect(total('service')).toBeCloseTo(20, 9);
  });

  it("takes the service's own answer as the default's when the default serves (asking it again could draw from its stream)", async () => {
    const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: 0 }));
    const metrics = new MetricsRegistry();
    const gateway = new PredictionGateway(scheduler, metrics);
    let asked = 0;
    const counting = new InProcessPredictor({ pick: () => (asked++, 7) }, { name: 'default' });
    gateway.measureHeadroom(new Headroom({ pick: worth }, counting, new RandomStream('h'), metrics));
    gateway.use(counting);
    for (let u = 0; u < 10; u++) gateway.request(pick, u, u, () => {});
    await scheduler.run();
    expect(asked).toBe(10);
    expect(gateway.figures().pick.headroom!.default).toBeCloseTo(0.7, 12);
  });

  it('values a seeded share of requests when the domain samples, the same share for the same seed', async () => {
    const run = async () => {
      const { scheduler, gateway } = world(undefined, 0.25);
      gateway.use(new InProcessPredictor({ pick: () => 4 }, { name: 'team' }));
      for (let u = 0; u < 2000; u++) gateway.request(pick, u, u, () => {});
      await scheduler.run();
      return gateway.figures().pick;
    };
    const a = await run();
    expect(a.requests).toBe(2000);
    expect(a.headroom!.sample).toBe(0.25);
    expect(a.headroom!.requests).toBeGreaterThan(400);
    expect(a.headroom!.requests).toBeLessThan(600);
    expect(a.headroom!.service).toBeCloseTo(0.4, 12);
    expect((await run()).headroom).toEqual(a.headroom);
  });

  it('leaves endpoints the domain does not value with latency figures only', async () => {
    const { scheduler, gateway } = world({});
    gateway.use(new InProcessPredictor({ pick: () => 1 }, { name: 'team', latencyMs: 60 }));
    for (let u = 0; u < 4; u++) gateway.request(pick, u, u, () => {});
    await scheduler.run();
    const f = gateway.figures().pick;
    expect(f.headroom).toBeUndefined();
    expect(f.requests).toBe(4);
    // 60 ms is over the 50 ms deadline: the in-process predictor times out.
    expect(f.outcomes).toEqual({ timeout: 4 });
    expect(f.deadlineMisses).toBe(4);
  });
});
