/** A final-period comparison of one metric, one arm against the baseline, over replications. */
export interface Comparison {
  metric: string;
  label: string;
  arm: string;
  baseline: string;
  meanArm: number;
  meanBaseline: number;
  difference: number;
  ci95: [number, number];
  p: number;
  method: 'welch' | 'bootstrap';
  /** Plain words, e.g. "popularity raised homogenisation of consumption by 0.12 compared with random (95% CI 0.10 to 0.14, p < 0.001, 5 replications): ..." */
  sentence: string;
}
