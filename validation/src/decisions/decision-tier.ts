import { holm, pairedT } from '@prodsim/experiments';
import type { OfflineFigures } from '../offline/offline-tier.js';
import { kendallTau } from '../stats/kendall-tau.js';
import type { OnlineFigures } from '../online/online-figures.js';

/** A pair of recommenders: does the online test agree with the offline one, and is it sure? */
export interface PairComparison {
  a: string;
  b: string;
  /** Hit rate@k of a minus b. */
  offlineDifference: number;
  /** Watch minutes per user of a minus b (mean over replications). */
  onlineDifference: number;
  signsAgree: boolean;
  /** Paired t-test over replications of the online difference, two-sided. */
  p: number;
  /** p after Holm's adjustment over every pair. */
  pHolm: number;
  /** pHolm < alpha. */
  significant: boolean;
}

export interface DecisionTier {
  /** The figure each tier ranks by. */
  offlineMetric: 'hitRate';
  onlineMetric: 'watchMinutesPerUser';
  alpha: number;
  /** Per recommender, best first: its offline figures and rank (1 = best). */
  offline: Record<string, OfflineFigures & { rank: number }>;
  /** Per recommender, best first (the oracle too): its online figures and rank. */
  online: Record<string, OnlineFigures & { rank: number }>;
  /** Kendall's tau-b between the offline and the online ordering of the recommenders in both. */
  kendallTau: number;
  pairs: PairComparison[];
  /** Pairs whose online difference is significant and whose sign disagrees with offline. */
  signFlips: PairComparison[];
  /** Whether the oracle ranks first online (null when it did not run). */
  oracleFirst: boolean | null;
}

/** Best first by `score` (ties by name, so the order is reproducible), with 1-based ranks. */
function ranked<T extends { recommender: string }>(rows: readonly T[], score: (row: T) => number): Record<string, T & { rank: number }> {
  const sorted = [...rows].sort((x, y) => score(y) - score(x) || (x.recommender < y.recommender ? -1 : 1));
  return Object.fromEntries(sorted.map((row, i) => [row.recommender, { ...row, rank: i + 1 }]));
}

/**
 * The decisions tier: both orderings, Kendall's tau between them, and for every pair of
 * recommenders that ran in both tiers whether the signs agree and whether the online
 * difference is significant (paired over replications, Holm over the pairs, p < alpha).
 */
export function decide(offline: readonly OfflineFigures[], online: readonly OnlineFigures[], alpha = 0.01): DecisionTier {
  const onlineBy = new Map(online.map((o) => [o.recommender, o]));
  const common = offline.filter((o) => onlineBy.has(o.recommender));
  const tau = kendallTau(
    common.map((o) => o.hitRate),
    common.map((o) => onlineBy.get(o.recommender)!.watchMinutesPerUser.mean),
  );
  const raw: Omit<PairComparison, 'pHolm' | 'significant'>[] = [];
  for (let i = 0; i < common.length; i++) {
    for (let j = i + 1; j < common.length; j++) {
      const a = common[i];
      const b = common[j];
      // Paired over replications: replication i of every arm shares its seed, so its world.
      const test = pairedT(onlineBy.get(a.recommender)!.watchMinutesPerUser.values, onlineBy.get(b.recommender)!.watchMinutesPerUser.values);
      const offlineDifference = a.hitRate - b.hitRate;
      raw.push({
        a: a.recommender,
        b: b.recommender,
        offlineDifference,
        onlineDifference: test.difference,
        signsAgree: Math.sign(offlineDifference) === Math.sign(test.difference),
        p: test.p,
      });
    }
  }
  const adjusted = holm(raw.map((r) => r.p));
  const pairs = raw.map((r, i) => ({ ...r, pHolm: adjusted[i], significant: adjusted[i] < alpha }));
  const onlineRanked = ranked(online, (o) => o.watchMinutesPerUser.mean);
  return {
    offlineMetric: 'hitRate',
    onlineMetric: 'watchMinutesPerUser',
    alpha,
    offline: ranked(offline, (o) => o.hitRate),
    online: onlineRanked,
    kendallTau: tau,
    pairs,
    signFlips: pairs.filter((p) => p.significant && !p.signsAgree),
    oracleFirst: onlineRanked.oracle ? onlineRanked.oracle.rank === 1 : null,
  };
}
