import type { DomainMetric } from '@prodsim/core';
import type { DayMetrics } from '../recorder/day-metrics.js';
import type { Comparison } from '../stats/comparison.js';
import type { ExpectationResult } from '../summary/expectations.js';
import type { HeadroomSummary } from '../summary/headroom-summary.js';
import type { NotTested } from '../summary/summarize.js';

/** Comparisons as summarize() makes them (see stats/comparison.ts). */
export type ReportComparison = Comparison;

/** Expectations as summarize() evaluates them (see summary/expectations.ts). */
export type ReportExpectation = ExpectationResult;

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
  /** A canary arm's share steps, marked on every time axis. */
  canary?: { arm: string; steps: { day: number; share: number }[] };
  comparisons: ReportComparison[];
  /** The domain's own metrics (rows' `domain` object): plotted after the built-in ones, with their labels and units. */
  metrics?: readonly DomainMetric[];
  /** The spec's stated hypotheses, shown first. */
  expectations?: ReportExpectation[];
  /** Shown above everything else (e.g. too few replications). */
  warnings?: string[];
  /** Arm pairs and metrics with no variance to test against. */
  notTested?: NotTested[];
  /** The experiment's design: the split design's report says why it has no headroom per arm. */
  design?: 'split' | 'paired';
  /** Staff only: per arm and endpoint, the headroom over replications (summary.json's `headroom`). */
  headroom?: Record<string, Record<string, HeadroomSummary>>;
  /**
   * Days at the end whose mean per replication is a replication's final value in the distribution
   * and group charts (the spec's `finalDays`); default 7, at most the days recorded.
   */
  finalDays?: number;
}
