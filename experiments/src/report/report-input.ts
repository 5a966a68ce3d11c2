import type { DayMetrics } from '../recorder/day-metrics.js';

/** A final-period comparison of one metric, one arm against the baseline, over replications. */
export interface ReportComparison {
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
  /** Plain words, e.g. "popularity raised homogenisation of consumption by 0.12 (95% CI 0.10 to 0.14, p < 0.001) compared with random." */
  sentence: string;
}

export interface ReportInput {
  /** Experiment name. */
  title: string;
  description?: string;
  /** Domain id, e.g. movies/v1. */
  domain: string;
  /** In spec order; the first is the baseline for comparisons. */
  arms: string[];
  days: number;
  replications: number;
  /** All replications, days and arms (rows read back from metrics.jsonl may hold null for NaN). */
  rows: DayMetrics[];
  /** Marked as labelled vertical lines on every time axis. */
  scenario: { day: number; label: string }[];
  comparisons: ReportComparison[];
  /**
   * Days at the end whose mean per replication is a replication's final value in the distribution
   * and group charts (the spec's `finalDays`); default 7, at most the days recorded.
   */
  finalDays?: number;
}
