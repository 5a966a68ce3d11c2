import { toyDomain } from '@prodsim/domain-toy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s } from '../config/schema.js';
import type { DomainPlugin } from '../domain/domain-plugin.js';
import { runConfigFields } from '../run/run-config.js';
import { Simulation } from '../run/simulation.js';
import { CaptureOutput } from '../testing/capture-output.js';
import { closedPortUrl, startMisbehavingService, type MisbehavingService } from '../testing/misbehaving-service.js';
import { runWorld } from '../testing/run-world.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import type { PredictionEndpoint } from './endpoint.js';
import { HttpPredictor } from './http-predictor.js';

const START = Date.parse('2026-01-05T00:00:00Z');

/**
 * A probe world: `users` users each ask `recommend` once, `gapMs` apart, and the world writes the
 * contract's recommendation line for every request; a ticker emits a line every `tickMs`, so a
 * stalled run shows as missing or late ticks.
 */
function probeDomain(opts: { users: number; gapMs: number; tickMs: number; deadlineMs: number }): DomainPlugin {
  const recommend: PredictionEndpoint<{ user: number }, string[]> = {
    name: 'recommend',
    description: 'ids for a user',
    defaultDeadlineMs: opts.deadlineMs,
    http: { method: 'GET', path: (r) => `/recommend/${r.user}` },
    parseBody(body) {
      const ids =
        body.trim() === ''
          ? []
          : body
              .trim()
              .split(',')
              .map((x) => x.trim());
      if (!ids.every((id) => /^[a-z0-9+._-]+$/.test(id))) return { ok: false, error: 'not a comma-separated list of ids' };
      return { ok: true, value: ids, dropped: 0 };
    },
    validate: (raw) => ({ ok: true, value: (raw as string[]).slice(0, 20), dropped: Math.max(0, (raw as string[]).length - 20) }),
  };
  return {
    id: 'probe/v1',
    description: 'fault probe',
    coreVersion: '^0.1.0',
    config: s.object({}),
    create(ctx) {
      const line = ctx.events.declare('recommendation', 'probelog');
      const tick = ctx.events.declare('tick', 'probelog');
      const session = ctx.scheduler.register('probe-session', (_time, user) => {
        ctx.predictions.request(recommend, { user }, user, (outcome, time, target) => {
          const result = outcome.kind === 'ok' ? outcome.value.join(', ') : outcome.error;
          ctx.events.emit(
            line,
            String(user),
            `${new Date(time).toISOString()},${user},recommendation request ${target}, status ${outcome.status}, result: ${result}, ${Math.round(outcome.latencyMs)} ms`,
          );
        });
      });
      const ticker = ctx.scheduler.register('probe-tick', (time) => ctx.events.emit(tick, null, String(time)));
      return {
        catalog: undefined as never,
        endpoints: [recommend],
        routes: [],
        defaultPredictor: () => {
          throw new Error('the probe needs a predictor');
        },
        start() {
          for (let u = 0; u < opts.users; u++) ctx.scheduler.at(START + u * opts.gapMs, session, u);
          ctx.scheduler.every(START, opts.tickMs, ticker);
        },
        summary: () => ({}),
        groundTruthCanaries: () => [],
      };
    },
  };
}

function probeSim(plugin: DomainPlugin, predictor: HttpPredictor, seconds: number, speed: 'fast' | number) {
  const config = s.object(runConfigFields).parse({ domain: 'probe', days: seconds / 86_400, speed, progress: false, start: new Date(START).toISOString() }, '');
  const capture = new CaptureOutput();
  const sim = new Simulation({ config, domainConfig: {}, plugin, transport: new MemoryTransport(), outputs: [capture], predictor });
  return {
    sim,
    capture,
    lines: (kind: 'recommendation' | 'tick') =>
      capture.events.filter((e) => (kind === 'tick' ? !e.value.includes(',') : e.value.includes(','))).map((e) => e.value),
  };
}

describe('a simulation pointed at a misbehaving service', () => {
  let service: MisbehavingService;
  beforeAll(async () => {
    service = await startMisbehavingService({ answer: () => 'the+apartment+1960,rashomon+1950', dripIntervalMs: 20 });
  });
  afterAll(() => service.close());

  it('records the right outcome line for every fault and runs on to the end', async () => {
    const plugin = probeDomain({ users: 14, gapMs: 10, tickMs: 1000, deadlineMs: 300 });
    const { sim, lines } = probeSim(plugin, new HttpPredictor(`${service.url}/mixed`), 60, 'fast');
    const summary = await sim.run();
    expect(summary.reason).toBe('until');
    const target = `127.0.0.1:${service.port}`;
    const got = lines('recommendation');
    expect(got.length).toBe(14);
    const expected = [
      'status 200, result: the+apartment+1960, rashomon+1950',
      'status 0, result: timeout after 300 ms',
      'status 500, result: HTTP 500 Internal Server Error',
      'status 200, result: not a comma-separated list of ids',
      'status 200, result: answer larger than 65536 bytes',
      `status 0, result: connection closed by ${target} before an answer`,
      'status 0, result: timeout after 300 ms while reading the answer',
    ];
    got.forEach((line, user) => {
      // Decided at issue time + deadline, whatever the wall-clock latency was.
      const decided = new Date(START + user * 10 + 300).toISOString();
      expect(line.startsWith(`${decided},${user},recommendation request ${target}, ${expected[user % 7]}, `), line).toBe(true);
      expect(line).toMatch(/, \d+ ms$/);
    });
    expect(lines('tick').length).toBe(61);
    expect(summary.predictions).toEqual({ ok: 2, timeout: 4, 'http-error': 2, malformed: 2, oversized: 2, refused: 2 });
  });

  it('a service that is not there: every request is refused with status 0, and the run completes', async () => {
    const url = await closedPortUrl();
    const plugin = probeDomain({ users: 5, gapMs: 1000, tickMs: 1000, deadlineMs: 300 });
    const { sim, lines } = probeSim(plugin, new HttpPredictor(url), 10, 'fast');
    expect((await sim.run()).reason).toBe('until');
    const got = lines('recommendation');
    expect(got.length).toBe(5);
    for (const line of got) expect(line).toContain(`recommendation request ${url.slice(7)}, status 0, result: connection refused to ${url.slice(7)}, `);
  });

  it('the toy domain against every fault runs to the end with the failures recorded', async () => {
    const { summary, capture } = await runWorld(toyDomain, {
      predictor: new HttpPredictor(`${service.url}/mixed`),
      days: 1,
      domainConfig: { users: 30, items: 20 },
    });
    expect(summary.reason).toBe('until');
    const failed = capture.events.filter((e) => e.value.includes('"outcome"')).map((e) => JSON.parse(e.value).outcome as string);
    const picks = capture.events.filter((e) => e.value.includes('"item"')).length;
    const total = Object.values(summary.predictions).reduce((a, b) => a + b, 0);
    expect(picks).toBe(total);
    expect(failed.length).toBe(total - summary.predictions.ok);
    expect(new Set(failed)).toEqual(new Set(['timeout', 'http-error', 'oversized', 'refused']));
  });

  it('fast-forward: waits for a sleeping service no longer than the deadline per request', async () => {
    const deadlineMs = 250;
    const plugin = probeDomain({ users: 8, gapMs: 1000, tickMs: 1000, deadlineMs });
    const { sim, lines } = probeSim(plugin, new HttpPredictor(`${service.url}/sleep`), 10, 'fast');
    const wallStart = performance.now();
    expect((await sim.run()).reason).toBe('until');
    const wallMs = performance.now() - wallStart;
    const got = lines('recommendation');
    expect(got.length).toBe(8);
    for (const line of got) expect(line).toContain('status 0, result: timeout after 250 ms');
    for (const line of got) expect(Number(/(\d+) ms$/.exec(line)![1])).toBeLessThan(deadlineMs + 1000);
    // The service sleeps 30 s per request; one request at a time is outstanding (1 s of simulated
    // time apart), so the run takes about 8 deadlines. Generous margin for a loaded machine.
    expect(wallMs).toBeLessThan(8 * deadlineMs + 5000);
  });

  it('paced: simulated time goes on while the service sleeps (lag stays below the deadline)', async () => {
    const deadlineMs = 300;
    const plugin = probeDomain({ users: 15, gapMs: 100, tickMs: 20, deadlineMs });
    const { sim, lines } = probeSim(plugin, new HttpPredictor(`${service.url}/sleep`), 2, 1);
    const summary = await sim.run();
    expect(summary.reason).toBe('until');
    expect(lines('tick').length).toBe(101);
    const got = lines('recommendation');
    expect(got.length).toBe(15);
    for (const line of got) expect(line).toContain('status 0, result: timeout after 300 ms');
    // Stalling on the service would put the run a whole service sleep (30 s) behind; the bound
    // leaves room for a loaded machine's scheduling noise.
    expect(summary.lag!.maxMs).toBeLessThan(2000);
  });

  it('paced faster than real time: the service keeps its wall-clock deadline and the run does not fall behind', async () => {
    const deadlineMs = 200;
    const speed = 20;
    const plugin = probeDomain({ users: 6, gapMs: 1000, tickMs: 100, deadlineMs });
    const { sim, lines } = probeSim(plugin, new HttpPredictor(`${service.url}/sleep`), 10, speed);
    const summary = await sim.run();
    expect(summary.reason).toBe('until');
    const got = lines('recommendation');
    expect(got.length).toBe(6);
    got.forEach((line, user) => {
      // Decided when the wall-clock deadline has passed: 200 ms of wall time is 4 simulated seconds.
      expect(line.startsWith(`${new Date(START + user * 1000 + deadlineMs * speed).toISOString()},${user},`), line).toBe(true);
      expect(line).toContain('status 0, result: timeout after 200 ms');
    });
    // Waiting on the service would put the run a whole service sleep (30 s) behind.
    expect(summary.lag!.maxMs).toBeLessThan(2000);
  });
});
