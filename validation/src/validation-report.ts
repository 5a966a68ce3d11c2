import type { DecisionTier } from './decisions/decision-tier.js';
import type { DistributionRow } from './distributions/distributions-tier.js';

/** A target of issue 12 and whether this run met it. */
export interface Target {
  name: string;
  /** The target in words, e.g. ">= 0.8". */
  wanted: string;
  value: number | boolean | null;
  met: boolean;
}

/** validation.json. Deterministic: no wall times, so the same arguments give the same bytes. */
export interface ValidationReport {
  dataset: { dir: string; format: string; users: number; movies: number; ratings: number };
  split: {
    method: string;
    trainShare: number;
    trainRatings: number;
    heldOutRatings: number;
    evaluatedUsers: number;
    /** The training part as an ml-latest directory (the online world is fitted to it). */
    trainDir: string;
    /** sha256 of the training ratings.csv, first 16 hex digits. */
    fingerprint: string;
  };
  settings: {
    seed: string;
    days: number;
    replications: number;
    users: number | null;
    k: number;
    /** The engagement fed with each training rating offline (see OFFLINE_ENGAGEMENT). */
    offlineEngagement: number;
    /** How online arms share the world: `paired` (each arm on its own copy of the same world, all users). */
    design: string;
    /** Whether baselines learned the training ratings before the online run. */
    warmStart: boolean;
    /** Real samples (and disjoint pairs of them) behind each distance and band of the distributions tier. */
    bandResamples: number;
  };
  decision: DecisionTier;
  distributions: DistributionRow[];
  targets: Target[];
  /** Every target met. */
  targetsMet: boolean;
}
