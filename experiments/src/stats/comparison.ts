/** A final-period comparison of one metric, one arm against the baseline, over replications. */
export interface Comparison {
  metric: string;
  label: string;
  arm: string;
  baseline: string;
  meanArm: number;
  meanBaseline: number;
  /** meanArm - meanBaseline: the effect size in the metric's own unit. */
  difference: number;
  /** difference / |meanBaseline|: the effect size relative to the baseline (NaN when its mean is 0). */
  relativeDifference: number;
  /** 95% confidence interval of the difference. */
  ci95: [number, number];
  /** Two-sided p of this test alone. */
  p: number;
  /** p after Holm's adjustment over every comparison of the experiment (stats/holm.ts). */
  adjustedP: number;
  /** welch: split design (independent samples); paired-t: paired design (differences per replication). */
  method: 'welch' | 'paired-t' | 'bootstrap';
  /** Replications that contributed a value to both arms. */
  replications: number;
  /** Plain words, e.g. "popularity raised homogenisation of consumption by 0.12 compared with random, ...". */
  sentence: string;
}
