import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
        'seed: offering-secret-0123456789',
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
    expect(summaries.map((s) => s.summary.seed)).toEqual(['offering-secret-0123456789/team1', 'offering-secret-0123456789/team2']);
    const counts = await Promise.all(counted);
    expect(counts).toEqual(summaries.map((s) => s.summary.events));
    expect(counts[0]).toBeGreaterThan(0);
  });

  it('every team needs a token when the API runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-course-'));
    const config = join(dir, 'course.yaml');
    writeFileSync(
      config,
      [
        'domain: toy',
        'seed: offering-secret-0123456789',
        'api: { port: 0 }',
        'teams:',
        '  - { name: team1, token: secret-one }',
        '  - { name: team2 }',
        '',
      ].join('\n'),
    );
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d) => (err += d));
    const code = await runCli(['run', '--config', config], { stdout: new PassThrough(), stderr, env: {} }, deps);
    expect(code).toBe(2);
    expect(err).toContain('teams[1].token = (missing); allowed: an API token of at least 8 characters for every team when the entity API runs');
  });

  it('refuses a team named like a path of the API itself, naming the field (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-course-'));
    const config = join(dir, 'course.yaml');
    writeFileSync(config, ['domain: toy', 'seed: offering-secret-0123456789', 'teams:', '  - { name: team1 }', '  - { name: metrics }', ''].join('\n'));
    const r = await cli(['run', '--config', config]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'teams[1].name = "metrics"; allowed: a team name of letters, digits, _ and - (at most 64), other than docs, metrics, healthz, staff, stream',
    );
    expect(r.err).toContain('[PRODSIM_ERR_CONFIG_INVALID]');
  });

  it('refuses to run on no seed or the public default one, and says how to give a secret (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-course-'));
    const config = join(dir, 'course.yaml');
    writeFileSync(config, ['domain: toy', 'days: 0.01', 'teams:', '  - { name: team1 }', ''].join('\n'));
    for (const [args, env, said] of [
      [[], {}, 'with no seed, the default (42)'],
      [['--seed', '42'], {}, 'with the default seed (42)'],
      [[], { PRODSIM_SEED: '42' }, 'with the default seed (42)'],
    ] as const) {
      const r = await cli(['run', '--config', config, ...args], env);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(`course mode needs a secret seed: ${said} every student can rerun their team's hidden world`);
      expect(r.err).toContain('[PRODSIM_ERR_USAGE]');
    }
    // The same configuration with a secret from the environment runs; a short one is said to be guessable.
    const ok = await cli(['run', '--config', config, '--json'], { PRODSIM_SEED: 'short' });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).toContain('course mode: the seed has 5 characters');
    expect(JSON.parse(ok.out)[0].summary.seed).toBe('short/team1');
  });

  it('course init writes a secret seed, tokens and a course.yaml for staff only, and the course runs from them', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'prodsim-course-init-')), 'offering');
    const init = await cli(['course', 'init', dir, '--teams', 'team1,team2', '--domain', 'toy']);
    expect(init.code, init.err).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of ['seed', 'course.yaml', 'tokens.csv']) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    const seed = readFileSync(join(dir, 'seed'), 'utf8').trim();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    const tokens = readFileSync(join(dir, 'tokens.csv'), 'utf8').trim().split('\n').slice(1);
    expect(tokens.map((l) => l.split(',')[0])).toEqual(['team1', 'team2']);
    expect(readFileSync(join(dir, 'course.yaml'), 'utf8')).not.toContain(seed);
    // Another offering gets another secret; an offering's folder is never overwritten.
    const other = await cli(['course', 'init', `${dir}-2`, '--teams', 'team1', '--domain', 'toy']);
    expect(readFileSync(join(`${dir}-2`, 'seed'), 'utf8').trim()).not.toBe(seed);
    expect(other.code).toBe(0);
    const again = await cli(['course', 'init', dir, '--teams', 'team1', '--domain', 'toy']);
    expect(again.code).toBe(2);
    expect(readFileSync(join(dir, 'seed'), 'utf8').trim()).toBe(seed);

    const run = await cli(['run', '--config', join(dir, 'course.yaml'), '--days', '0.01', '--speed', 'fast', '--set', 'api.port=0', '--json']);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out).map((t: { summary: { seed: string } }) => t.summary.seed)).toEqual([`${seed}/team1`, `${seed}/team2`]);
    const both = await cli(['run', '--config', join(dir, 'course.yaml'), '--seed', 'another-secret-0123456789']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('seed and seedFile (--seed-file) both give the run seed: give one');
  });
});

describe('prodsim course init with a domain that prepares its offering', () => {
  it("writes what the domain derives from the secret into worlds/ and points the domain's config at it", async () => {
    const seen: { secret: string; dir: string }[] = [];
    const secretWorld = {
      ...toyDomain,
      id: 'secret-toy/v1',
      prepareOffering(secret: string, dir: string) {
        seen.push({ secret, dir });
        writeFileSync(join(dir, 'world.bin'), `derived from ${secret.length} hex digits`, { mode: 0o600 });
        return { items: 7 };
      },
    };
    const dir = join(mkdtempSync(join(tmpdir(), 'prodsim-course-init-')), 'offering');
    const init = await cli(['course', 'init', dir, '--teams', 'team1', '--domain', 'secret-toy'], {}, new DomainRegistry().register(secretWorld));
    expect(init.code, init.err).toBe(0);
    expect(seen).toEqual([{ secret: readFileSync(join(dir, 'seed'), 'utf8').trim(), dir: join(dir, 'worlds') }]);
    expect(statSync(join(dir, 'worlds')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, 'course.yaml'), 'utf8')).toContain('secret-toy: {"items":7}');
    expect(init.out).toContain(join(dir, 'worlds'));
    // An unknown domain is a usage error before anything is written.
    const unknown = await cli(['course', 'init', `${dir}-x`, '--teams', 'team1', '--domain', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown domain "nope"');
    expect(existsSync(`${dir}-x`)).toBe(false);
  });
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, domains = deps.domains): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  // A transport of its own per run (the shared one above is closed by the first test's run).
  const own = {
    ...deps,
    domains,
    transports: new TransportRegistry().register({ name: 'memory', description: 'memory', coreVersion: '^0.1.0', create: () => new MemoryTransport() }),
  };
  const code = await runCli(args, { stdout, stderr, env }, own);
  return { code, out, err };
}
