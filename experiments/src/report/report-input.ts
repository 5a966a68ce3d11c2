import type { DayMetrics } from '../recorder/day-metrics.js';
import type { Comparison } from '../stats/comparison.js';

/** Comparisons as summarize() makes them (see stats/comparison.ts). */
export type ReportComparison = Comparison;

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
