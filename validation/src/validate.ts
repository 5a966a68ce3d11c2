import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DomainPlugin } from '@prodsim/core';
import type { BaselineName } from '@prodsim/experiments';
import { loadMovieLens, type MovieLensData } from '@prodsim/domain-movies';
import { decide } from './decisions/decision-tier.js';
import { compareDistributions, movieLensRecords } from './distributions/distributions-tier.js';
import { simulateRatings } from './distributions/simulate-month.js';
import { OFFLINE_ENGAGEMENT, runOfflineTier } from './offline/offline-tier.js';
import { ONLINE_DESIGN, WARM_START } from './online/online-spec.js';
import { runOnlineTier } from './online/online-tier.js';
import { splitByTime } from './split/time-split.js';
import { writeTrainingDirectory } from './split/training-directory.js';
import type { Target, ValidationReport } from './validation-report.js';

/** The recommenders of the offline tier (the oracle ranks by the hidden truth: online only). */
export const OFFLINE_RECOMMENDERS: readonly BaselineName[] = ['random', 'popularity', 'item-knn', 'mf'];

export interface ValidationOptions {
  /** A MovieLens directory. */
  against: string;
  outDir: string;
  plugin: DomainPlugin;
  days: number;
  replications: number;
  seed: string;
  users?: number;
  workers: number;
  registryModule?: string;
  /** Real samples, and pairs of them, for each distance and band of the distributions tier (default 50). */
  bandResamples?: number;
  /** Progress lines (phase names, wall times): never part of validation.json. */
  log?: (line: string) => void;
  /** Simulated days of the online tier done, of all (replications x arms x days). */
  onProgress?: (daysDone: number, daysTotal: number) => void;
  /** The dataset, when the caller has already loaded it (the CLI does, to report a bad one as a usage error). */
  data?: MovieLensData;
}

export const TRAIN_SHARE = 0.8;
export const TOP_K = 20;

/**
 * The whole protocol: split the real data by time within users, write the training part, score
 * the recommenders offline, simulate the world fitted to the training part (a month for the
 * distributions; one arm per recommender for the decisions), and compare.
 */
export async function runValidation(options: ValidationOptions): Promise<ValidationReport> {
  const log = options.log ?? (() => {});
  const data = options.data ?? loadMovieLens(options.against);
  const split = splitByTime(data, TRAIN_SHARE);
  const trainDir = resolve(options.outDir, 'train');
  writeTrainingDirectory(data, split, trainDir);
  const fingerprint = createHash('sha256')
    .update(readFileSync(join(trainDir, 'ratings.csv')))
    .digest('hex')
    .slice(0, 16);
  log(`split: ${split.trainCount} training and ${split.heldOutCount} held-out ratings, ${split.evaluatedUsers} users to score; training part in ${trainDir}`);

  let t0 = performance.now();
  const offline = runOfflineTier(data, split, OFFLINE_RECOMMENDERS, { seed: options.seed, k: TOP_K });
  log(`offline tier: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  t0 = performance.now();
  const world = { source: trainDir, ...(options.users === undefined ? {} : { users: options.users }) };
  const month = await simulateRatings({ plugin: options.plugin, world, days: options.days, seed: `${options.seed}/distributions` });
  const bandResamples = options.bandResamples ?? 50;
  const distributions = compareDistributions(month.ratings, movieLensRecords(data), { seed: options.seed, resamples: bandResamples, periodDays: options.days });
  log(`distributions tier: ${month.ratings.length} simulated ratings, ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const online = await runOnlineTier({
    plugin: options.plugin,
    outDir: join(options.outDir, 'online'),
    workers: options.workers,
    registryModule: options.registryModule,
    trainDir,
    days: options.days,
    replications: options.replications,
    seed: options.seed,
    users: options.users,
    dataFingerprint: fingerprint,
    onProgress: options.onProgress,
  });
  log(`online tier: ${online.events.toLocaleString('en-US')} events, ${online.wallSeconds.toFixed(1)} s`);

  const decision = decide(offline, online.figures);
  const targets = targetsOf(decision, distributions);
  return {
    dataset: { dir: resolve(options.against), format: data.format, users: data.users.count, movies: data.movies.count, ratings: data.ratings.count },
    split: {
      method: `by time within each user: the earliest ${TRAIN_SHARE * 100}% of each user's ratings (rounded up) train, the rest are held out; ties by movie id`,
      trainShare: TRAIN_SHARE,
      trainRatings: split.trainCount,
      heldOutRatings: split.heldOutCount,
      evaluatedUsers: split.evaluatedUsers,
      trainDir,
      fingerprint,
    },
    settings: {
      seed: options.seed,
      days: options.days,
      replications: options.replications,
      users: options.users ?? null,
      k: TOP_K,
      offlineEngagement: OFFLINE_ENGAGEMENT,
      design: ONLINE_DESIGN,
      warmStart: WARM_START,
      bandResamples,
    },
    decision,
    distributions,
    targets,
    targetsMet: targets.every((t) => t.met),
  };
}

/** Issue 12's targets for decision fidelity and the distributions. */
function targetsOf(decision: ReturnType<typeof decide>, distributions: ReturnType<typeof compareDistributions>): Target[] {
  const within = distributions.filter((d) => d.withinTarget).length;
  return [
    { name: "Kendall's tau between the offline and online orderings", wanted: '>= 0.8', value: decision.kendallTau, met: decision.kendallTau >= 0.8 },
    { name: 'significant sign flips', wanted: '0', value: decision.signFlips.length, met: decision.signFlips.length === 0 },
    { name: 'oracle first online', wanted: 'true', value: decision.oracleFirst, met: decision.oracleFirst === true },
    {
      name: 'distribution distances within 2x their real-against-real band',
      wanted: `${distributions.length} of ${distributions.length}`,
      value: within,
      met: within === distributions.length,
    },
  ];
}
