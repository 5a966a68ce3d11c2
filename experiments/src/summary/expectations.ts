import type { DomainMetric } from '@prodsim/core';
import { metricFields } from '../recorder/metric-value.js';
import type { ReplicationResult } from '../runner/run-replication.js';
import type { Expectation } from '../spec/expectation-spec.js';
import { holm } from '../stats/holm.js';
import { tOneSidedP } from '../stats/student-t.js';
import { testArms, type Design } from './arm-test.js';
import { finalValue } from './final-value.js';
import { MIN_REPLICATIONS, fmt, methodText, pText, signed } from './plain-words.js';

/** An expectation of the spec, as it turned out. NaN values are written as null in summary.json. */
export interface ExpectationResult extends Omit<Expectation, 'label'> {
  label: string;
  held: boolean;
  meanArm: number;
  meanThan: number;
  /** meanArm - meanThan (the mean of per-replication differences in the paired design). */
  difference: number;
  /** Two-sided 95% confidence interval of the difference. */
  ci95: [number, number];
  /** One-sided p in the stated direction; NaN when no test was run. */
  p: number;
  /** p after Holm's adjustment over the experiment's expectations. */
  adjustedP: number;
  method: 'welch' | 'paired-t' | 'none';
  replications: number;
  /** The expectation and its numbers in plain words (the verdict is `held`). */
  sentence: string;
}

/**
 * Tests each stated expectation one-sided in its direction, on each replication's mean of the
 * metric from `fromDay` to the end, and adjusts the p values with Holm over the expectations.
 * An expectation holds when its adjusted p is below its alpha, with at least 3 replications;
 * when the compared values never varied (no test possible), it holds when the difference lay in
 * the stated direction in every replication. One with `thanDays` compares the arm with its own
 * earlier days, paired by replication in either design.
 */
export function evaluateExpectations(
  expectations: readonly Expectation[],
  results: readonly ReplicationResult[],
  design: Design,
  domainMetrics: readonly DomainMetric[] = [],
): ExpectationResult[] {
  const labels = new Map<string, string>(metricFields(domainMetrics));
  const tests = expectations.map((e) => {
    const a = results.map((r) => finalValue(r.rows, e.arm, e.metric, e.fromDay, e.toDay));
    if (e.thanDays)
      return testArms(
        a,
        results.map((r) => finalValue(r.rows, e.arm, e.metric, e.thanDays![0], e.thanDays![1])),
        'paired',
      );
    const b = results.map((r) => finalValue(r.rows, e.than, e.metric, e.fromDay, e.toDay));
    return testArms(a, b, design);
  });
  const oneSided = tests.map((t, i) => (t.kind === 'tested' ? tOneSidedP(t.result.t, t.result.df, expectations[i].direction) : NaN));
  const adjusted = holm(oneSided);
  const family = oneSided.filter(Number.isFinite).length;
  return expectations.map((e, i) => {
    const t = tests[i];
    const than = e.thanDays ? `${e.arm} on days ${e.thanDays[0]}-${e.thanDays[1]}` : e.than;
    const label = e.label ?? `${e.arm} ${e.direction} than ${than} in ${labels.get(e.metric) ?? e.metric}`;
    const base = {
      metric: e.metric,
      label,
      arm: e.arm,
      than: e.than,
      ...(e.thanDays ? { thanDays: e.thanDays } : {}),
      direction: e.direction,
      fromDay: e.fromDay,
      ...(e.toDay !== undefined ? { toDay: e.toDay } : {}),
      alpha: e.alpha,
    };
    const against = `${e.toDay !== undefined ? ` to ${e.toDay}` : ''}${e.thanDays ? ` against days ${e.thanDays[0]}-${e.thanDays[1]}` : ''}`;
    const wanted = (d: number) => (e.direction === 'greater' ? d > 0 : d < 0);
    if (t.kind === 'too-few') {
      return {
        ...base,
        held: false,
        meanArm: NaN,
        meanThan: NaN,
        difference: NaN,
        ci95: [NaN, NaN],
        p: NaN,
        adjustedP: NaN,
        method: 'none',
        replications: 0,
        sentence: `${label}: fewer than two replications had a value for both arms.`,
      };
    }
    const enough = t.replications >= MIN_REPLICATIONS;
    if (t.kind === 'constant') {
      const held = enough && wanted(t.difference);
      const why = enough ? `${t.reason}: no test needed` : `${t.reason}; ${t.replications} replications (${MIN_REPLICATIONS} or more are needed)`;
      return {
        ...base,
        held,
        meanArm: t.meanA,
        meanThan: t.meanB,
        difference: t.difference,
        ci95: [t.difference, t.difference],
        p: NaN,
        adjustedP: NaN,
        method: 'none',
        replications: t.replications,
        sentence: `${label}: ${fmt(t.meanA)} against ${fmt(t.meanB)} from day ${e.fromDay}${against} (${why}).`,
      };
    }
    const r = t.result;
    const held = enough && adjusted[i] < e.alpha;
    const numbers = `${fmt(r.meanA)} against ${fmt(r.meanB)} from day ${e.fromDay}${against}, difference ${signed(r.difference)} (95% CI ${signed(r.ci95[0])} to ${signed(r.ci95[1])}); one-sided ${pText(oneSided[i])}, Holm-adjusted ${pText(adjusted[i])} over ${family} expectations; alpha ${e.alpha}; ${t.replications} replications, ${methodText(t.method)}`;
    const note = enough ? '' : ` Too few replications to judge (${MIN_REPLICATIONS} or more are needed).`;
    return {
      ...base,
      held,
      meanArm: r.meanA,
      meanThan: r.meanB,
      difference: r.difference,
      ci95: r.ci95,
      p: oneSided[i],
      adjustedP: adjusted[i],
      method: t.method,
      replications: t.replications,
      sentence: `${label}: ${numbers}.${note}`,
    };
  });
}
