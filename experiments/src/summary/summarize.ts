import { SOME_ARMS_METRICS } from '../recorder/day-metrics.js';
import { metricFields } from '../recorder/metric-value.js';
import type { ReplicationResult } from '../runner/run-replication.js';
import type { ExperimentSpec } from '../spec/experiment-spec.js';
import { meanWithBand } from '../stats/compare.js';
import type { Comparison } from '../stats/comparison.js';
import { holm } from '../stats/holm.js';
import { testArms } from './arm-test.js';
import { evaluateExpectations, type ExpectationResult } from './expectations.js';
import { finalValue } from './final-value.js';
import { summarizeHeadroom, type HeadroomSummary } from './headroom-summary.js';
import { MIN_REPLICATIONS, comparisonSentence } from './plain-words.js';

export type { Comparison };
export { finalValue };

/** A pair of arms and a metric that were not tested, and why (no variance to test against). */
export interface NotTested {
  metric: string;
  label: string;
  arm: string;
  baseline: string;
  reason: string;
}

export interface ExperimentSummary {
  name: string;
  domain: string;
  design: 'split' | 'paired';
  days: number;
  replications: number;
  seeds: string[];
  finalDays: number;
  arms: { name: string; predictor: string; share: number }[];
  scenario: { day: number; action: string; label: string }[];
  /** What a reader must know before trusting the findings (e.g. too few replications). */
  warnings: string[];
  /** The spec's stated hypotheses, each held or not held. */
  expectations: ExpectationResult[];
  /** Per arm and metric: the mean over the final days, per replication, with a 95% interval. */
  final: Record<string, Record<string, { mean: number; ci95: [number, number]; values: number[] }>>;
  comparisons: Comparison[];
  notTested: NotTested[];
  /**
   * Staff only (computed with the hidden truth), paired design only: per arm and endpoint, the
   * arm's answers beside the oracle's, the domain default's and random ones on the same requests,
   * mean over replications. Absent in the split design, whose arms share one world's figures.
   */
  headroom?: Record<string, Record<string, HeadroomSummary>>;
  events: { perReplication: number[]; byKind: Record<string, number> };
  streamFaults: Record<string, number>;
}

/**
 * summary.json: final-period values per arm with intervals; every arm compared with the first
 * (the baseline) on every metric, by Welch's t-test (split design) or the paired t-test (paired
 * design) over replications, with Holm's adjustment over all those tests, in plain words; and
 * the spec's expectations. Deterministic: no wall times, so the same spec gives the same bytes.
 */
export function summarize(spec: ExperimentSpec, results: readonly ReplicationResult[]): ExperimentSummary {
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  const fromDay = Math.max(0, Math.ceil(spec.days) - spec.finalDays);
  const final: ExperimentSummary['final'] = {};
  // The built-in metrics, then the domain's own (spec.metrics is absent in specs from before them).
  const fields = metricFields(spec.metrics);
  for (const arm of spec.arms) {
    final[arm.name] = {};
    for (const [metric] of fields) {
      const values = sorted.map((r) => finalValue(r.rows, arm.name, metric, fromDay));
      const finite = values.filter((x) => Number.isFinite(x));
      // Metrics only some arms have (rmse: arms that predict ratings) stay absent for the others.
      if (finite.length === 0 && SOME_ARMS_METRICS.has(metric)) continue;
      const band = finite.length > 0 ? meanWithBand(finite) : { mean: NaN, half: NaN };
      final[arm.name][metric] = { mean: band.mean, ci95: [band.mean - band.half, band.mean + band.half], values };
    }
  }

  const tested: Omit<Comparison, 'adjustedP' | 'sentence'>[] = [];
  const notTested: NotTested[] = [];
  const baseline = spec.arms[0].name;
  for (const arm of spec.arms.slice(1)) {
    for (const [metric, label] of fields) {
      if (!final[arm.name][metric] || !final[baseline][metric]) continue;
      const t = testArms(final[arm.name][metric].values, final[baseline][metric].values, spec.design);
      if (t.kind === 'too-few') continue;
      if (t.kind === 'constant') {
        notTested.push({ metric, label, arm: arm.name, baseline, reason: t.reason });
        continue;
      }
      const w = t.result;
      tested.push({
        metric,
        label,
        arm: arm.name,
        baseline,
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
  const adjusted = holm(tested.map((c) => c.p));
  const comparisons: Comparison[] = tested.map((c, i) => {
    const withAdjusted = { ...c, adjustedP: adjusted[i] };
    return { ...withAdjusted, sentence: comparisonSentence(withAdjusted, tested.length) };
  });

  const warnings: string[] = [];
  if (sorted.length < MIN_REPLICATIONS) {
    warnings.push(
      `${sorted.length} replication${sorted.length === 1 ? '' : 's'}: too few to tell effects from chance, so no difference is called significant and no expectation holds; run ${MIN_REPLICATIONS} or more.`,
    );
  }
  if (spec.canary) {
    warnings.push(
      `Users who moved to the canary ${spec.canary.arm} keep their history: its cumulative metrics (coverage, Gini, top-10% share, homogenisation) include what they consumed before; the ...Day metrics count only what each arm served that day.`,
    );
  }

  const byKind: Record<string, number> = {};
  for (const r of sorted) for (const [k, v] of Object.entries(r.eventsByKind)) byKind[k] = (byKind[k] ?? 0) + v;
  const headroom = summarizeHeadroom(spec.arms, sorted);
  const streamFaults: Record<string, number> = {};
  for (const r of sorted) for (const [k, v] of Object.entries(r.streamFaults)) streamFaults[k] = (streamFaults[k] ?? 0) + v;
  return {
    name: spec.name,
    domain: spec.domain,
    design: spec.design,
    days: spec.days,
    replications: sorted.length,
    seeds: sorted.map((r) => r.seed),
    finalDays: spec.finalDays,
    arms: spec.arms,
    scenario: spec.scenario.map((s) => ({ day: s.day, action: s.action, label: s.label ?? s.action })),
    warnings,
    expectations: evaluateExpectations(spec.expect, sorted, spec.design, spec.metrics),
    final,
    comparisons,
    notTested,
    ...(headroom ? { headroom } : {}),
    events: { perReplication: sorted.map((r) => r.events), byKind },
    streamFaults,
  };
}
