import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DomainRegistry, memoryTransport, runCli, TransportRegistry, type DomainPlugin } from '@prodsim/core';
import { moviesDomain } from '@prodsim/domain-movies';
import { slateDomain } from '@prodsim/domain-slate';
import { toyDomain } from '@prodsim/domain-toy';
import { runBaselines } from '@prodsim/experiments';
import { describe, expect, it } from 'vitest';

// `prodsim run --baseline NAME`, driven in-process through the CLI entry with the baselines the
// composition root (bin/prodsim.js) injects.
// Every built-in domain has a research probe now; this one is the toy world without it.
const probeless: DomainPlugin = {
  ...toyDomain,
  id: 'probeless/v1',
  async create(ctx, config) {
    const { probe: _, ...world } = await toyDomain.create(ctx, config);
    return world;
  },
};
const deps = {
  domains: new DomainRegistry().register(toyDomain).register(slateDomain).register(moviesDomain).register(probeless),
  transports: new TransportRegistry().register(memoryTransport),
  baselines: runBaselines,
};

async function prodsim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(args, { stdout, stderr, env: {} }, deps);
  return { code, stdout: out, stderr: err };
}

/** The recommendation lines of a movies log: who asked, who answered, the list. */
function recommendations(file: string): { user: string; server: string; result: string }[] {
  const out: { user: string; server: string; result: string }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^[^,]+,(\d+),recommendation request (\S+), status 200, result: (.*), \d+ ms$/.exec(line);
    if (m) out.push({ user: m[1], server: m[2], result: m[3] });
  }
  return out;
}

describe('prodsim run --baseline', () => {
  it('--baseline random answers movies recommendation requests with other lists than the default, reproducibly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-baseline-'));
    const run = (extra: string[], file: string) =>
      prodsim(['run', 'movies', '--days', '1', '--users', '500', '--seed', '3', '--no-progress', '--out', join(dir, file), ...extra]);
    for (const r of [
      await run([], 'default.log'),
      await run(['--baseline', 'random'], 'random.log'),
      await run(['--baseline', 'random'], 'random-again.log'),
      await run(['--baseline', 'default'], 'default-again.log'),
    ]) {
      expect(r.code, r.stderr).toBe(0);
    }
    const byDefault = recommendations(join(dir, 'default.log'));
    const byRandom = recommendations(join(dir, 'random.log'));
    expect(byDefault.length).toBeGreaterThan(50);
    expect(byRandom.length).toBeGreaterThan(50);
    expect(byRandom.every((r) => r.server === 'in-process:random')).toBe(true);
    expect(byDefault.some((r) => r.server === 'in-process:random')).toBe(false);
    // The default (popularity) repeats its lists across users; random lists hardly ever repeat.
    const distinct = (rs: { result: string }[]) => new Set(rs.map((r) => r.result)).size / rs.length;
    expect(distinct(byRandom)).toBeGreaterThan(0.95);
    const defaultLists = new Set(byDefault.map((r) => r.result));
    expect(byRandom.filter((r) => defaultLists.has(r.result))).toHaveLength(0);
    // Same seed, same answers, same log; --baseline default is today's behaviour.
    expect(readFileSync(join(dir, 'random-again.log')).equals(readFileSync(join(dir, 'random.log')))).toBe(true);
    expect(readFileSync(join(dir, 'default-again.log')).equals(readFileSync(join(dir, 'default.log')))).toBe(true);
  });

  it('a configuration file picks a baseline with predictor.baseline, validated like the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-baseline-'));
    writeFileSync(
      join(dir, 'run.yaml'),
      ['domain: toy', 'days: 1', 'progress: false', 'toy: { users: 50 }', 'predictor: { baseline: popularity }', ''].join('\n'),
    );
    const ok = await prodsim(['run', '--config', join(dir, 'run.yaml'), '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).predictions.ok).toBeGreaterThan(0);
    writeFileSync(join(dir, 'bad.yaml'), ['domain: toy', 'predictor: { baseline: svd }', ''].join('\n'));
    const bad = await prodsim(['run', '--config', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('predictor.baseline = "svd"; allowed: default, random, popularity, item-knn, mf [PRODSIM_ERR_CONFIG_INVALID]');
  });

  it('refuses the oracle in a plain run, saying why', async () => {
    const r = await prodsim(['run', 'movies', '--baseline', 'oracle']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the oracle baseline cannot answer a plain run .*hidden ground truth.*on the stream.*experiment arm .*\[PRODSIM_ERR_USAGE\]/);
  });

  it('an unknown name is a usage error listing the names', async () => {
    const r = await prodsim(['run', 'movies', '--baseline', 'svd']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('predictor.baseline = "svd"; allowed: default, random, popularity, item-knn, mf');
  });

  it('--baseline with --predictor is a usage error', async () => {
    const r = await prodsim(['run', 'movies', '--baseline', 'mf', '--predictor', 'http://127.0.0.1:9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--baseline and --predictor both choose the predictor: give one');
  });

  it('a domain without a research probe is a usage error naming the domain', async () => {
    const r = await prodsim(['run', 'probeless', '--days', '1', '--baseline', 'mf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/baseline mf: domain probeless\/v1 has no research probe with a slate endpoint.*\[PRODSIM_ERR_USAGE\]/);
  });

  it('a build without baselines accepts only default', async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d) => (err += d));
    const code = await runCli(
      ['run', 'toy', '--baseline', 'random'],
      { stdout: new PassThrough(), stderr, env: {} },
      { domains: deps.domains, transports: deps.transports },
    );
    expect(code).toBe(2);
    expect(err).toContain('baseline random: this build includes no built-in baselines (only default)');
  });

  it('the prodsim binary wires in the built-in baselines (compiled dist/)', () => {
    const r = spawnSync(
      process.execPath,
      [join(import.meta.dirname, '../bin/prodsim.js'), 'run', 'toy', '--days', '0.2', '--users', '40', '--baseline', 'item-knn', '--json'],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).predictions.ok).toBeGreaterThan(0);
  });

  it('--help lists --baseline', async () => {
    const r = await prodsim(['run', '--help']);
    expect(r.stdout).toMatch(/--baseline NAME\s+a built-in predictor instead: default/);
  });
});
