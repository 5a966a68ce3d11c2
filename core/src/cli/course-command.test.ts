import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { toyDomain } from '@prodsim/domain-toy';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { DomainRegistry } from '../domain/domain-registry.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import { TransportRegistry } from '../transport/transport-registry.js';
import { runCli } from './cli.js';

const transport = new MemoryTransport();
const deps = {
  domains: new DomainRegistry().register(toyDomain),
  // One shared transport instance, so the test can subscribe to every team's topic.
  transports: new TransportRegistry().register({ name: 'memory', description: 'memory', coreVersion: '^0.1.0', create: () => transport }),
};

describe('course mode (prodsim run --config course.yaml with teams)', () => {
  it("runs a world per team on its own topic, and the API serves each team's world only to its token", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-course-'));
    const config = join(dir, 'course.yaml');
    writeFileSync(
      config,
      [
        'domain: toy',
        'days: 0.05',
        'speed: 3000',
        'toy: { users: 50 }',
        'api: { port: 0 }',
        'teams:',
        '  - { name: team1, token: secret-one }',
        '  - { name: team2, token: secret-two }',
        '',
      ].join('\n'),
    );
    const topics = ['toylog1', 'toylog2'].map((t) => transport.subscribe(t));
    const counted = topics.map(async (sub) => {
      let n = 0;
      for await (const _ of sub) n++;
      return n;
    });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    const checks: Promise<number[]>[] = [];
    stderr.on('data', (d) => {
      err += d;
      const m = /entity API on (http:\/\/[\d.]+:\d+)/.exec(err);
      if (m && checks.length === 0) {
        const url = m[1];
        const get = (path: string, token?: string) =>
          request(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then(async (r) => (await r.body.text(), r.statusCode));
        checks.push(
          Promise.all([
            get('/team1/user/3', 'secret-one'),
            get('/team2/user/3', 'secret-two'),
            get('/team1/user/3', 'secret-two'),
            get('/team1/user/3'),
            get('/team2/user/3', 'wrong-token'),
          ]),
        );
      }
    });
    const code = await runCli(['run', '--config', config, '--json'], { stdout, stderr, env: {} }, deps);
    expect(code, err).toBe(0);
    expect(await checks[0]).toEqual([200, 200, 401, 401, 401]);
    const summaries = JSON.parse(out) as { team: string; summary: { events: number; seed: string } }[];
    expect(summaries.map((s) => s.team)).toEqual(['team1', 'team2']);
    expect(summaries.map((s) => s.summary.seed)).toEqual(['42/team1', '42/team2']);
    const counts = await Promise.all(counted);
    expect(counts).toEqual(summaries.map((s) => s.summary.events));
    expect(counts[0]).toBeGreaterThan(0);
  });

  it('every team needs a token when the API runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-course-'));
    const config = join(dir, 'course.yaml');
    writeFileSync(config, ['domain: toy', 'api: { port: 0 }', 'teams:', '  - { name: team1, token: secret-one }', '  - { name: team2 }', ''].join('\n'));
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d) => (err += d));
    const code = await runCli(['run', '--config', config], { stdout: new PassThrough(), stderr, env: {} }, deps);
    expect(code).toBe(2);
    expect(err).toContain('teams[1].token = (missing); allowed: an API token of at least 8 characters for every team when the entity API runs');
  });
});
