import type { DayMetrics, MetricField } from '../recorder/day-metrics.js';
import { METRIC_FIELDS } from '../recorder/day-metrics.js';
import type { ReplicationResult } from '../runner/run-replication.js';
import type { ExperimentSpec } from '../spec/experiment-spec.js';
import type { Comparison } from '../stats/comparison.js';
import { meanWithBand, welch } from '../stats/compare.js';

export type { Comparison };

export interface ExperimentSummary {
  name: string;
  domain: string;
  days: number;
  replications: number;
  seeds: string[];
  finalDays: number;
  arms: { name: string; predictor: string; share: number }[];
  scenario: { day: number; action: string; label: string }[];
  /** Per arm and metric: the mean over the final days, per replication, with a 95% interval. */
  final: Record<string, Record<string, { mean: number; ci95: [number, number]; values: number[] }>>;
  comparisons: Comparison[];
  events: { perReplication: number[]; byKind: Record<string, number> };
  streamFaults: Record<string, number>;
}

/** The mean of a metric over the final `finalDays` days of one replication and arm (NaN days skipped). */
export function finalValue(rows: readonly DayMetrics[], arm: string, metric: MetricField, fromDay: number): number {
  const xs = rows.filter((r) => r.arm === arm && r.day >= fromDay).map((r) => r[metric] as number).filter((x) => Number.isFinite(x));
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * summary.json: final-period values per arm with intervals, and every arm compared with the first
 * (the baseline) by Welch's t-test over replications, in plain words. Deterministic: no wall
 * times, so two runs of the same spec give the same bytes.
 */
export function summarize(spec: ExperimentSpec, results: readonly ReplicationResult[]): ExperimentSummary {
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  const fromDay = Math.max(0, Math.ceil(spec.days) - spec.finalDays);
  const final: ExperimentSummary['final'] = {};
  for (const arm of spec.arms) {
    final[arm.name] = {};
    for (const [metric] of METRIC_FIELDS) {
      const values = sorted.map((r) => finalValue(r.rows, arm.name, metric, fromDay));
      const finite = values.filter((x) => Number.isFinite(x));
      const band = finite.length > 0 ? meanWithBand(finite) : { mean: NaN, half: NaN };
      final[arm.name][metric] = { mean: band.mean, ci95: [band.mean - band.half, band.mean + band.half], values };
    }
  }
  const comparisons: Comparison[] = [];
  const baseline = spec.arms[0].name;
  for (const arm of spec.arms.slice(1)) {
    for (const [metric, label] of METRIC_FIELDS) {
      const a = final[arm.name][metric].values.filter(Number.isFinite);
      const b = final[baseline][metric].values.filter(Number.isFinite);
      if (a.length < 2 || b.length < 2) continue;
      const w = welch(a, b);
      comparisons.push({
        metric,
        label,
        arm: arm.name,
        baseline,
        meanArm: w.meanA,
        meanBaseline: w.meanB,
        difference: w.difference,
        ci95: w.ci95,
        p: w.p,
        method: 'welch',
        sentence: sentence(arm.name, baseline, label, w.difference, w.ci95, w.p, a.length),
      });
    }
  }
  const byKind: Record<string, number> = {};
  for (const r of sorted) for (const [k, v] of Object.entries(r.eventsByKind)) byKind[k] = (byKind[k] ?? 0) + v;
  const streamFaults: Record<string, number> = {};
  for (const r of sorted) for (const [k, v] of Object.entries(r.streamFaults)) streamFaults[k] = (streamFaults[k] ?? 0) + v;
  return {
    name: spec.name,
    domain: spec.domain,
    days: spec.days,
    replications: sorted.length,
    seeds: sorted.map((r) => r.seed),
    finalDays: spec.finalDays,
    arms: spec.arms,
    scenario: spec.scenario.map((s) => ({ day: s.day, action: s.action, label: s.label ?? s.action })),
    final,
    comparisons,
    events: { perReplication: sorted.map((r) => r.events), byKind },
    streamFaults,
  };
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e6)) return x.toExponential(2);
  return Number(x.toPrecision(3)).toString();
}

function sentence(arm: string, baseline: string, label: string, diff: number, ci: [number, number], p: number, n: number): string {
  const pText = p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
  const interval = `95% CI ${fmt(ci[0])} to ${fmt(ci[1])}, ${pText}, ${n} replications`;
  if (diff === 0) return `${arm} and ${baseline} gave the same ${label} (${interval}).`;
  const verb = diff > 0 ? 'raised' : 'lowered';
  const verdict = p < 0.05 ? 'a difference unlikely to be chance' : 'not distinguishable from chance at the 5% level';
  return `${arm} ${verb} ${label} by ${fmt(Math.abs(diff))} compared with ${baseline} (${interval}): ${verdict}.`;
}
