import type { ReplicationResult } from '../runner/run-replication.js';
import type { ExperimentSpec } from '../spec/experiment-spec.js';
import type { ExperimentSummary } from '../summary/summarize.js';
import { renderReport } from './render-report.js';

/** The report of a finished experiment: its spec, summary and every replication's rows. */
export function experimentReport(spec: ExperimentSpec, summary: ExperimentSummary, results: readonly ReplicationResult[]): string {
  return renderReport({
    title: spec.name,
    description: spec.description,
    domain: summary.domain,
    arms: spec.arms.map((a) => a.name),
    days: Math.ceil(spec.days),
    replications: summary.replications,
    rows: results.flatMap((r) => r.rows),
    scenario: summary.scenario.map((s) => ({ day: s.day, label: s.label })),
    ...(spec.canary ? { canary: spec.canary } : {}),
    comparisons: summary.comparisons,
    metrics: spec.metrics,
    expectations: summary.expectations,
    warnings: summary.warnings,
    notTested: summary.notTested,
    design: summary.design,
    ...(summary.headroom ? { headroom: summary.headroom } : {}),
    finalDays: spec.finalDays,
  });
}
