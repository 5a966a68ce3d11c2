import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { toyDomain } from '@prodsim/domain-toy';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli.js';
import type { RunCommandDeps } from '../cli/run-deps.js';
import { DomainRegistry } from '../domain/domain-registry.js';
import { HttpPredictor } from '../prediction/http-predictor.js';
import { startMisbehavingService, type MisbehavingService } from '../testing/misbehaving-service.js';
import { memoryTransport } from '../transport/memory-transport-factory.js';
import { TransportRegistry } from '../transport/transport-registry.js';

const deps: RunCommandDeps = {
  domains: new DomainRegistry().register(toyDomain),
  transports: new TransportRegistry().register(memoryTransport),
  httpPredictor: (url) => new HttpPredictor(url),
};

function cli(argv: string[], onStderr?: (text: string) => void) {
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

describe('prodsim run --predictor / --deadline-ms / --api-port', () => {
  let service: MisbehavingService;
  beforeAll(async () => {
    service = await startMisbehavingService({ answer: () => '1,2,3' });
  });
  afterAll(() => service.close());

  it('--predictor URL sends every request to the service', async () => {
    const r = await cli(['run', 'toy', '--days', '1', '--users', '40', '--predictor', `${service.url}/ok`, '--no-progress', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.predictions.ok).toBeGreaterThan(10);
    expect(Object.keys(summary.predictions)).toEqual(['ok']);
  });

  it('--deadline-ms sets the HTTP deadline: a sleeping service times out after it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'prodsim-api-cli-')), 'events.log');
    const r = await cli([
      'run',
      'toy',
      '--days',
      '0.05',
      '--users',
      '40',
      '--predictor',
      `${service.url}/sleep`,
      '--deadline-ms',
      '120',
      '--out',
      out,
      '--no-progress',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const failures = readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"outcome"'));
    expect(failures.length).toBeGreaterThan(0);
    for (const line of failures) expect(line).toContain('"error":"timeout after 120 ms"');
  });

  it('a configuration file sets the predictor URL and deadline; flags override the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-api-cli-'));
    const config = join(dir, 'run.yaml');
    writeFileSync(config, `domain: toy\ndays: 0.05\ntoy:\n  users: 40\npredictor:\n  url: ${service.url}/sleep\n  deadlineMs: 90\n`);
    const fromFile = await cli(['run', '--config', config, '--out', join(dir, 'a.log'), '--no-progress']);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a.log'), 'utf8')).toContain('"error":"timeout after 90 ms"');
    const overridden = await cli(['run', '--config', config, '--predictor', `${service.url}/ok`, '--json', '--no-progress']);
    expect(Object.keys(JSON.parse(overridden.stdout).predictions)).toEqual(['ok']);
  });

  it('--api-port serves the world while a paced run lasts, and stops with it', async () => {
    let apiUrl: string | undefined;
    const seen: Promise<{ user: number; metrics: string }>[] = [];
    const result = await cli(['run', 'toy', '--days', '0.03', '--speed', '2000', '--users', '30', '--api-port', '0', '--no-progress'], (text) => {
      const m = /entity API on (http:\/\/[\d.]+:\d+)/.exec(text);
      if (m && !apiUrl) {
        apiUrl = m[1];
        seen.push(
          (async () => {
            const user = await request(`${apiUrl}/user/3`);
            const metrics = await request(`${apiUrl}/metrics`);
            return { user: user.statusCode, metrics: await metrics.body.text() };
          })(),
        );
      }
    });
    expect(result.code, result.stderr).toBe(0);
    expect(apiUrl).toBeDefined();
    const [during] = await Promise.all(seen);
    expect(during.user).toBe(200);
    expect(during.metrics).toContain('prodsim_simulated_time_seconds');
    await expect(request(`${apiUrl}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a bad --api-port is a usage error; a port in use names itself and fails the run', async () => {
    const bad = await cli(['run', 'toy', '--api-port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--api-port takes PORT or HOST:PORT (port 0-65535), got "eighty" [PRODSIM_ERR_USAGE]');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await cli(['run', 'toy', '--days', '0.01', '--api-port', `127.0.0.1:${port}`]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(`the entity API cannot listen on 127.0.0.1:${port}: the port is in use [PRODSIM_ERR_API_LISTEN]`);
    } finally {
      blocker.close();
    }
  });
});
