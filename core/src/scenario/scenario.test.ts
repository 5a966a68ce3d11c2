import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { toyDomain } from '@prodsim/domain-toy';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli.js';
import { s } from '../config/schema.js';
import type { DomainPlugin } from '../domain/domain-plugin.js';
import { DomainRegistry } from '../domain/domain-registry.js';
import { runWorld } from '../testing/run-world.js';
import { memoryTransport } from '../transport/memory-transport-factory.js';
import { TransportRegistry } from '../transport/transport-registry.js';

const deps = {
  domains: new DomainRegistry().register(toyDomain),
  transports: new TransportRegistry().register(memoryTransport),
};

function cli(argv: string[], onStderr?: (all: string) => void) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => {
    err += d;
    onStderr?.(err);
  });
  return runCli(argv, { stdout, stderr, env: {} }, deps).then((code) => ({ code, stdout: out, stderr: err }));
}

function configFile(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'prodsim-scenario-')), 'run.yaml');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('scenario timelines in prodsim run', () => {
  it('stream-faults from a given day: about the configured share of later lines is damaged, none before', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'prodsim-scenario-')), 'events.log');
    const config = configFile([
      'domain: toy',
      'days: 2',
      'toy: { users: 2000, sessionsPerDay: 3 }',
      'scenario:',
      '  - { day: 1, action: stream-faults, label: "5% corrupt", params: { corrupt: 0.05 } }',
    ]);
    const r = await cli(['run', '--config', config, '--out', out, '--no-progress']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('scenario, day 1: 5% corrupt');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const parsed = lines.map((l) => {
      try {
        return JSON.parse(l) as { t: string };
      } catch {
        return undefined;
      }
    });
    // Until the first damaged line everything parses and belongs to day 0.
    const firstBad = parsed.findIndex((p) => p === undefined || typeof p.t !== 'string');
    expect(firstBad).toBeGreaterThan(1000);
    for (const p of parsed.slice(0, firstBad)) expect(p!.t < '2026-01-06T00:00:00' || p!.t >= '2026-01-06').toBe(true);
    const dayOne = parsed.slice(firstBad);
    const damaged = dayOne.filter((p) => p === undefined || typeof p.t !== 'string').length;
    // Truncation can leave valid JSON now and then, so some damage is invisible: allow for it.
    expect(damaged / dayOne.length).toBeGreaterThan(0.02);
    expect(damaged / dayOne.length).toBeLessThan(0.06);
  });

  it('api-faults: an outage answers 503 on entity routes while /healthz stays up; a slowdown delays answers', async () => {
    const config = configFile([
      'domain: toy',
      'days: 0.2',
      'speed: 1500',
      'toy: { users: 50 }',
      'api: { port: 0 }',
      'scenario:',
      '  - { day: 0, action: api-faults, params: { delayMs: 250 } }',
      '  - { day: 0.05, action: api-faults, params: { outage: true } }',
    ]);
    const checks: Promise<unknown>[] = [];
    const r = await cli(['run', '--config', config, '--no-progress'], (err) => {
      const m = /entity API on (http:\/\/[\d.]+:\d+)/.exec(err);
      if (m && checks.length === 0) {
        const url = m[1];
        checks.push(
          (async () => {
            await new Promise((res) => setTimeout(res, 300));
            const t0 = performance.now();
            const slow = await request(`${url}/user/3`);
            await slow.body.text();
            const slowMs = performance.now() - t0;
            // Simulated day 0.05 comes 2.9 wall seconds in at speed 1500: poll until the outage
            // starts (the run lasts 11.5 s, so a loaded machine has time to spare).
            let down = await request(`${url}/user/3`);
            let downBody = await down.body.json();
            for (let i = 0; i < 80 && down.statusCode === 200; i++) {
              await new Promise((res) => setTimeout(res, 100));
              down = await request(`${url}/user/3`);
              downBody = await down.body.json();
            }
            const health = await request(`${url}/healthz`);
            await health.body.text();
            return { slow: slow.statusCode, slowMs, down: down.statusCode, downBody, health: health.statusCode };
          })(),
        );
      }
    });
    expect(r.code, r.stderr).toBe(0);
    const got = (await checks[0]) as { slow: number; slowMs: number; down: number; downBody: { error?: string; message?: string }; health: number };
    expect(got.slow).toBe(200);
    expect(got.slowMs).toBeGreaterThanOrEqual(240);
    expect(got.down).toBe(503);
    expect(JSON.stringify(got.downBody)).toContain('outage');
    expect(got.health).toBe(200);
  });

  it('a bad step is a configuration error naming the step and field', async () => {
    const bad = configFile(['domain: toy', 'days: 1', 'scenario:', '  - { day: 0.5, action: stream-faults, params: { corrupt: 3 } }']);
    const r = await cli(['run', '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenario[0].params.corrupt = 3; allowed: a number >= 0 <= 1');
    const unknown = configFile(['domain: toy', 'days: 1', 'scenario:', '  - { day: 0.5, action: meteor, params: {} }']);
    expect((await cli(['run', '--config', unknown])).stderr).toContain('scenario[0].action = "meteor"; allowed: one of stream-faults, api-faults');
    const late = configFile(['domain: toy', 'days: 1', 'scenario:', '  - { day: 4, action: api-faults, params: {} }']);
    expect((await cli(['run', '--config', late])).stderr).toContain('scenario[0].day = 4; allowed: a day within the run (0..1)');
  });
});

describe('when a scenario step applies', () => {
  it("a step at day d comes before the domain plans day d, and after day d - 1's events", async () => {
    const log: string[] = [];
    const marking: DomainPlugin = {
      ...toyDomain,
      id: 'marking/v1',
      scenarioActions: { mark: { description: 'writes a mark in the log', params: s.object({}) } },
      async create(ctx, config) {
        const world = await toyDomain.create(ctx, config);
        ctx.scheduler.onDayStart((_start, day) => log.push(`plan ${day}`));
        return { ...world, applyScenario: (action) => log.push(`${action} at day ${(ctx.scheduler.now - ctx.startTime) / 86_400_000}`) };
      },
    };
    const run = await runWorld(marking, {
      days: 3,
      domainConfig: { users: 10 },
      scenario: [
        { day: 1, action: 'mark' },
        { day: 2.5, action: 'mark' },
      ],
    });
    expect(run.summary.reason).toBe('until');
    expect(log).toEqual(['plan 0', 'mark at day 1', 'plan 1', 'plan 2', 'mark at day 2.5', 'plan 3']);
  });
});
