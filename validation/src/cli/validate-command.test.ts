import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DomainRegistry, ErrorCodes } from '@prodsim/core';
import { moviesDomain } from '@prodsim/domain-movies';
import { writeMovieLensFixture } from '../testing/movielens-fixture.js';
import type { ValidationReport } from '../validation-report.js';
import { validateCommand } from './validate-command.js';

function cli() {
  let out = '';
  let err = '';
  const stdout = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
  const stderr = new Writable({ write: (chunk, _enc, done) => ((err += String(chunk)), done()) });
  const domains = new DomainRegistry();
  domains.register(moviesDomain);
  // Replications run in this thread (--workers 0): no registry module is needed.
  const command = validateCommand({ domains, registryModule: 'unused' });
  return { run: (argv: string[]) => command.run(argv, { stdout, stderr, env: {} }), out: () => out, err: () => err };
}

const outDir = () => mkdtempSync(join(tmpdir(), 'prodsim-validate-'));

describe('prodsim validate, end to end on a generated MovieLens directory', () => {
  it('writes validation.json and validation.html, ranks random last offline, and reproduces from its seed', { timeout: 300_000 }, async () => {
    const fixture = writeMovieLensFixture({ users: 300, movies: 150 });
    const args = (out: string) => [
      'movies',
      '--against',
      fixture.dir,
      '--out',
      out,
      '--days',
      '2',
      '--replications',
      '2',
      '--users',
      '1500',
      '--seed',
      '7',
      '--workers',
      '0',
    ];
    const first = outDir();
    const c = cli();
    expect(await c.run(args(first))).toBe(0);
    const json = readFileSync(join(first, 'validation.json'), 'utf8');
    const report = JSON.parse(json) as ValidationReport;

    // The split: every planted user has at least 12 ratings, so every user is scored.
    expect(report.split.evaluatedUsers).toBe(300);
    expect(report.split.trainRatings + report.split.heldOutRatings).toBe(fixture.ratings);

    // Offline: the planted taste groups make history predictive; random ranks last.
    const offline = report.decision.offline;
    expect(Object.keys(offline).sort()).toEqual(['item-knn', 'mf', 'popularity', 'random']);
    expect(offline.random.rank).toBe(4);
    expect(offline.random.hitRate).toBeLessThan(offline.popularity.hitRate);
    for (const f of Object.values(offline)) expect(f.users).toBe(300);

    // Online: every recommender ran in its own arm, with figures over both replications.
    const online = report.decision.online;
    expect(Object.keys(online).sort()).toEqual(['item-knn', 'mf', 'oracle', 'popularity', 'random']);
    for (const f of Object.values(online)) {
      expect(f.watchMinutesPerUser.values).toHaveLength(2);
      expect(f.watchMinutesPerUser.mean).toBeGreaterThan(0);
      expect(f.uptake.mean).toBeGreaterThanOrEqual(0);
      expect(f.uptake.mean).toBeLessThanOrEqual(1);
    }
    expect(new Set(Object.values(online).map((f) => f.rank)).size).toBe(Object.keys(online).length);
    expect(report.decision.kendallTau).toBeGreaterThanOrEqual(-1);
    expect(report.decision.kendallTau).toBeLessThanOrEqual(1);
    expect(report.decision.pairs).toHaveLength(6);
    expect(report.decision.signFlips.every((p) => p.significant && !p.signsAgree)).toBe(true);

    // Distributions: every statistic with both figures, a distance and a positive band.
    expect(report.distributions.map((d) => d.name)).toEqual([
      'rating-histogram',
      'ratings-per-item-gini',
      'ratings-per-item-top10',
      'ratings-per-item-ks',
      'ratings-per-user-ks',
      'mean-rating-by-popularity-decile',
      'hour-of-day',
    ]);
    // The simulated period rated something: its histogram is a distribution.
    expect((report.distributions[0].simulated as number[]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    for (const d of report.distributions) {
      expect(Number.isFinite(d.distance)).toBe(true);
      expect(d.realBand).toBeGreaterThan(0);
      expect(d.withinTarget).toBe(d.distance <= 2 * d.realBand);
    }
    expect(report.targets.map((t) => t.met).every((m) => m === true)).toBe(report.targetsMet);

    const html = readFileSync(join(first, 'validation.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html).toContain("Kendall's tau");
    expect(c.out()).toMatch(/offline ordering/);
    expect(c.out()).toMatch(/Kendall's tau \(offline vs online\): /);
    expect(c.out()).toMatch(/targets \(issue 12\):/);

    // The same seed, another folder: the same report, except where the folder is named.
    const second = outDir();
    expect(await cli().run(args(second))).toBe(0);
    expect(readFileSync(join(second, 'validation.json'), 'utf8')).toBe(json.split(first).join(second));
  });
});

describe('prodsim validate usage errors', () => {
  const fixture = writeMovieLensFixture({ users: 20, movies: 30 });
  const cases: [string, string[], RegExp][] = [
    ['an unknown domain', ['images', '--against', fixture.dir, '--out', '/tmp/x'], /only the movies domain, got "images"/],
    ['no domain', ['--against', fixture.dir, '--out', '/tmp/x'], /expected one domain/],
    ['a missing --against', ['movies', '--out', '/tmp/x'], /--against <movielens-dir> is required/],
    ['a missing --out', ['movies', '--against', fixture.dir], /--out DIR is required/],
    ['a bad --days', ['movies', '--against', fixture.dir, '--out', '/tmp/x', '--days', 'soon'], /--days takes a whole number from 1 to 3650, got "soon"/],
    ['too few replications', ['movies', '--against', fixture.dir, '--out', '/tmp/x', '--replications', '1'], /--replications takes a whole number from 2/],
    ['a bad --users', ['movies', '--against', fixture.dir, '--out', '/tmp/x', '--users=-5'], /--users takes a whole number/],
    ['a bad --workers', ['movies', '--against', fixture.dir, '--out', '/tmp/x', '--workers', '1.5'], /--workers takes a whole number/],
    ['an unknown flag', ['movies', '--against', fixture.dir, '--out', '/tmp/x', '--bogus'], /bogus/],
    ['a directory that does not exist', ['movies', '--against', '/no/such/movielens', '--out', outDir()], /--against \/no\/such\/movielens: .*does not exist/],
  ];
  it.each(cases)('refuses %s with a usage error that names it', async (_name, argv, message) => {
    const run = cli().run(argv);
    await expect(run).rejects.toMatchObject({ code: ErrorCodes.USAGE });
    await expect(run).rejects.toThrow(message);
  });

  it('refuses a malformed dataset, naming the file and line', async () => {
    const bad = writeMovieLensFixture({ users: 20, movies: 30 });
    writeFileSync(join(bad.dir, 'ratings.csv'), 'userId,movieId,rating,timestamp\r\n1,10,4.0,100\r\n1,oops,4.0,200\r\n');
    const run = cli().run(['movies', '--against', bad.dir, '--out', outDir()]);
    await expect(run).rejects.toMatchObject({ code: ErrorCodes.USAGE });
    await expect(run).rejects.toThrow(/--against .*ratings\.csv:3: .*PRODSIM_ERR_MOVIELENS_FORMAT/);
  });

  it('refuses a dataset with nothing to hold out', async () => {
    const thin = writeMovieLensFixture({ users: 20, movies: 30 });
    writeFileSync(join(thin.dir, 'ratings.csv'), 'userId,movieId,rating,timestamp\r\n1,10,4.0,100\r\n2,17,3.0,200\r\n');
    await expect(cli().run(['movies', '--against', thin.dir, '--out', outDir()])).rejects.toThrow(/no user has a rating to hold out/);
  });

  it('prints its help', async () => {
    const c = cli();
    expect(await c.run(['--help'])).toBe(0);
    expect(c.out()).toMatch(/Usage: prodsim validate movies --against/);
  });
});
