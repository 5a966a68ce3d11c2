import type { PluginBaseline } from '@prodsim/core';
import { BaselineErrorCodes, MfRatingsBaseline, baselinePredictor, parseExperimentSpec, runReplication, summarize } from '@prodsim/experiments';
import { describe, expect, it } from 'vitest';
import { registries } from '../bin/registry.js';

const { domains } = await registries();
const movies = domains.get('movies');

/**
 * The constant predictor to beat: the mean of every rating seen on the stream so far. It
 * recommends as mf-ratings does (it is one), so its arm consumes alike; only its predictions differ.
 */
class GlobalMean extends MfRatingsBaseline {
  override predictRating(): number {
    return this.mean;
  }
}

const globalMean: PluginBaseline = {
  name: 'global-mean',
  description: 'predicts the mean rating seen so far',
  create(seed) {
    const baseline = new GlobalMean(seed);
    return { observer: baseline, predictor: (world) => baselinePredictor(baseline, world.probe!, world.defaultPredictor()) };
  },
};

// A small world where users rate often: 1,000 users, 100 movies, 14 days (about 10,000 ratings).
const spec = (days: number, users: number) =>
  parseExperimentSpec(
    {
      name: 'mf-ratings',
      domain: 'movies',
      seed: 'ratings',
      replications: 1,
      days,
      world: { users, movies: 100, sessionsPerDay: 2, rateProbability: 1 },
      arms: [
        { name: 'model', predictor: 'mf-ratings' },
        { name: 'mean', predictor: 'global-mean' },
        { name: 'pop', predictor: 'popularity' },
      ],
    },
    movies,
    [globalMean],
  );

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('an mf-ratings arm (biased MF on the ratings on the stream)', () => {
  it('predicts the true ratings better as the days go by, and better than the global mean rating', async () => {
    const s = spec(14, 1000);
    const result = await runReplication(s, movies, 0, undefined, undefined, undefined, [globalMean]);
    const rows = (arm: string) => result.rows.filter((r) => r.arm === arm);
    const model = rows('model').map((r) => r.rmseDay!);
    const constant = rows('mean').map((r) => r.rmseDay!);
    expect(model).toHaveLength(14);
    for (const x of [...model, ...constant]) expect(x).toBeGreaterThan(0);
    // Seeded figures, daily RMSE in stars: model 0.81, 0.81, 0.82 on days 0-2 and 0.79, 0.77,
    // 0.81, 0.81 on days 10-13; the mean rating 0.79, 0.87, 0.82 and 0.78, 0.91, 0.86, 0.84.
    // Both arms recommend alike, so they see the same ratings each day and the day-to-day swing
    // (which users rated what) cancels in the model's lead over the mean: 0.01 stars on days
    // 0-2, 0.05 on days 10-13.
    const lead = (from: number, to: number) => mean(constant.slice(from, to)) - mean(model.slice(from, to));
    expect(lead(10, 14)).toBeGreaterThan(lead(0, 3) + 0.02);
    expect(mean(model.slice(10))).toBeLessThan(mean(model.slice(0, 3)));
    expect(mean(model.slice(10))).toBeLessThan(mean(constant.slice(10)) - 0.04);
    expect(rows('model').at(-1)!.rmse!).toBeLessThan(rows('mean').at(-1)!.rmse!);

    // (b) An arm whose baseline predicts no ratings has no RMSE at all: absent, not 0 or null.
    for (const row of rows('pop')) {
      expect(row).not.toHaveProperty('rmse');
      expect(row).not.toHaveProperty('rmseDay');
    }
    const summary = summarize(s, [result]);
    expect(summary.final.pop).not.toHaveProperty('rmse');
    expect(summary.final.model.rmse.mean).toBeLessThan(summary.final.mean.rmse.mean);
  });

  it('is deterministic: the same seed gives the same metrics', async () => {
    const s = spec(2, 300);
    const a = await runReplication(s, movies, 0, undefined, undefined, undefined, [globalMean]);
    const b = await runReplication(s, movies, 0, undefined, undefined, undefined, [globalMean]);
    expect(a.rows.filter((r) => r.arm === 'model').every((r) => Number.isFinite(r.rmseDay))).toBe(true);
    expect(JSON.stringify(b.rows)).toBe(JSON.stringify(a.rows));
  });

  it('is refused with a coded error on a domain whose users give no ratings', async () => {
    const toy = domains.get('toy');
    const s = parseExperimentSpec({ name: 'x', domain: 'toy', seed: '1', replications: 1, days: 1, arms: [{ name: 'm', predictor: 'mf-ratings' }] }, toy);
    await expect(runReplication(s, toy, 0)).rejects.toMatchObject({ code: BaselineErrorCodes.NO_STREAM_RATINGS });
  });
});
