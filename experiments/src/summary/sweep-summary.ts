import type { DomainMetric } from '@prodsim/core';
import { metricFields } from '../recorder/metric-value.js';
import type { Comparison } from '../stats/comparison.js';
import { holm } from '../stats/holm.js';
import { testArms } from './arm-test.js';
import { MIN_REPLICATIONS, comparisonSentence } from './plain-words.js';
import type { ExperimentSummary, NotTested } from './summarize.js';

/** One point of a sweep as the comparison needs it: its settings and its finished summary. */
export interface SweepPointSummary {
  name: string;
  /** Its folder, relative to the sweep's output folder. */
  dir: string;
  label: string;
  settings: Record<string, unknown>;
  summary: ExperimentSummary;
}

/** One arm at one point against the same arm at the first point, on one metric. */
export interface SweepComparison extends Comparison {
  point: string;
  baselinePoint: string;
}

export interface SweepSummary {
  name: string;
  domain: string;
  replications: number;
  /** The swept setting paths, in the order of the spec's sweep. */
  settings: string[];
  arms: string[];
  points: {
    name: string;
    dir: string;
    label: string;
    settings: Record<string, unknown>;
    design: 'split' | 'paired';
    days: number;
    expectations: { held: number; total: number };
  }[];
  warnings: string[];
  /** Per point (by name), arm and metric: the final-period values, as in the point's summary.json. */
  final: Record<string, ExperimentSummary['final']>;
  comparisons: SweepComparison[];
  notTested: (NotTested & { point: string; baselinePoint: string })[];
}

/**
 * sweep.json: every point compared with the first, arm by arm, on every metric. Points share
 * their seeds (replication i has the same seed at every point), so the comparison is paired by
 * replication, like arms in the paired design; Holm's adjustment runs over all of the sweep's
 * comparisons. Deterministic, like summary.json: the same sweep gives the same bytes.
 */
export function summarizeSweep(
  name: string,
  settings: readonly string[],
  points: readonly SweepPointSummary[],
  domainMetrics: readonly DomainMetric[] = [],
): SweepSummary {
  const first = points[0];
  const arms = first.summary.arms.map((a) => a.name);
  const fields = metricFields(domainMetrics);
  const tested: Omit<SweepComparison, 'adjustedP' | 'sentence'>[] = [];
  const notTested: SweepSummary['notTested'] = [];
  for (const point of points.slice(1)) {
    for (const arm of arms) {
      for (const [metric, label] of fields) {
        const a = point.summary.final[arm]?.[metric]?.values ?? [];
        const b = first.summary.final[arm]?.[metric]?.values ?? [];
        const t = testArms(a, b, 'paired');
        if (t.kind === 'too-few') continue;
        if (t.kind === 'constant') {
          notTested.push({ metric, label, arm, baseline: arm, point: point.name, baselinePoint: first.name, reason: t.reason });
          continue;
        }
        const w = t.result;
        tested.push({
          metric,
          label,
          arm,
          baseline: arm,
          point: point.name,
          baselinePoint: first.name,
          meanArm: w.meanA,
          meanBaseline: w.meanB,
          difference: w.difference,
          relativeDifference: w.meanB !== 0 ? w.difference / Math.abs(w.meanB) : NaN,
          ci95: w.ci95,
          p: w.p,
          method: t.method,
          replications: t.replications,
        });
      }
    }
  }
  const adjusted = holm(tested.map((c) => c.p));
  const labels = new Map(points.map((p) => [p.name, p.label]));
  const comparisons = tested.map((c, i): SweepComparison => {
    const withAdjusted = { ...c, adjustedP: adjusted[i] };
    const words = { ...withAdjusted, arm: `${c.arm} at ${labels.get(c.point)}`, baseline: `${c.arm} at ${labels.get(c.baselinePoint)}` };
    return { ...withAdjusted, sentence: comparisonSentence(words, tested.length) };
  });

  const replications = first.summary.replications;
  const warnings: string[] = [];
  if (points.length < 2) warnings.push('a sweep of one point: there is nothing to compare it with.');
  if (replications < MIN_REPLICATIONS)
    warnings.push(
      `${replications} replication${replications === 1 ? '' : 's'}: too few to tell the points apart from chance; run ${MIN_REPLICATIONS} or more.`,
    );
  return {
    name,
    domain: first.summary.domain,
    replications,
    settings: [...settings],
    arms,
    points: points.map((p) => ({
      name: p.name,
      dir: p.dir,
      label: p.label,
      settings: p.settings,
      design: p.summary.design,
      days: p.summary.days,
      expectations: { held: p.summary.expectations.filter((e) => e.held).length, total: p.summary.expectations.length },
    })),
    warnings,
    final: Object.fromEntries(points.map((p) => [p.name, p.summary.final])),
    comparisons,
    notTested,
  };
}
